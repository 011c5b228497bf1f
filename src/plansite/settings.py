"""Settings: what the build is told rather than what the data says, and the fingerprint of a build's
inputs. Read once, at the entry (cli.py), and by the MkDocs hook before every build.

Light on purpose: the hook imports this module on every `mkdocs build`, also when the generated tree
is up to date and the engine (pandas, frictionless, Jinja2) is not needed at all.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_SITE_URL = "http://127.0.0.1:8000/"  # mkdocs.yml's default for site_url (a test checks they agree)
DEFAULT_TEMPLATES = Path("templates")
SOURCE = Path(__file__).resolve().parent  # the engine: its code and templates


@dataclass(frozen=True)
class Settings:
    site_url: str = DEFAULT_SITE_URL  # the published address, ending in a slash
    templates: Path | None = None  # a fork's own page templates, which come before the engine's
    # Where card.py keeps the PNGs it has drawn (None: draw every card). Not in repr(), which
    # fingerprint() hashes: the output is the same whichever folder, or none, is used
    card_cache: Path | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.site_url.endswith("/"):
            object.__setattr__(self, "site_url", self.site_url + "/")


def settings(templates: Path | None = None, cache: Path | None = None) -> Settings:
    """The build's settings: SITE_URL from the environment (mkdocs.yml reads the same variable, with
    the same default), the folder of a fork's own templates, and the cards' cache folder."""
    if templates is None and DEFAULT_TEMPLATES.is_dir():
        templates = DEFAULT_TEMPLATES
    return Settings(
        site_url=os.environ.get("SITE_URL") or DEFAULT_SITE_URL, templates=templates.resolve() if templates else None,
        card_cache=cache or card_cache(),
    )


def card_cache() -> Path:
    """PLANSITE_CACHE, else the XDG base directory specification's cache home, else ~/.cache."""
    if os.environ.get("PLANSITE_CACHE"):
        return Path(os.environ["PLANSITE_CACHE"])
    home = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(home) / "plansite" / "cards"


def fingerprint(data: Path, settings: Settings) -> str:
    """What the generated tree depends on: the package's files, the engine's code and templates, a
    fork's own templates and the settings.

    The MkDocs hook rebuilds when it changes, so `mkdocs serve` picks up an edited CSV.
    """
    digest = hashlib.sha256()
    digest.update(repr(settings).encode())  # the feed and citations carry absolute links
    roots = [Path(data), SOURCE] + ([settings.templates] if settings.templates else [])
    for root in roots:
        for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()
