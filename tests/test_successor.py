"""The site builds under ProperDocs, the maintained fork of MkDocs 1.x, exactly as under MkDocs (design §10).

Each package is built twice, into two temporary folders, as `make build` does (data stage by the
hook, `build --strict`, SOURCE_DATE_EPOCH set): once with this venv's `mkdocs`, once with the
`properdocs` command of .venv-properdocs (`make properdocs-setup`; ProperDocs would take the place of
MkDocs' modules, so it lives in a venv of its own, without the mkdocs package). Every file of the two
sites is compared byte for byte; the one difference allowed is the generator's name in each page's
`<meta name="generator">`, which is replaced by a placeholder on both sides before comparing.

Without .venv-properdocs the test skips, except in CI (CI=true), where it fails: CI must build both.
"""

from __future__ import annotations

import datetime
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MKDOCS = [sys.executable, "-m", "mkdocs"]
PROPERDOCS_BIN = ROOT / ".venv-properdocs" / "bin" / "properdocs"
PACKAGES = {"real": ROOT / "datapackage", "fixture": ROOT / "tests" / "fixtures" / "valid"}
EPOCH = str(int(datetime.datetime(2021, 6, 30, 12, tzinfo=datetime.UTC).timestamp()))
# Material writes the generator's name and version into every page: "mkdocs-1.6.1, mkdocs-material-…"
GENERATOR = re.compile(rb'<meta name="generator" content="([^"]*)">')


def properdocs() -> list[str]:
    if not PROPERDOCS_BIN.exists():
        reason = f"ProperDocs is not installed ({PROPERDOCS_BIN.relative_to(ROOT)}): run `make properdocs-setup`"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}; CI must build the site with ProperDocs too")
        pytest.skip(reason)
    return [str(PROPERDOCS_BIN)]


def build(generator: list[str], data: Path, work: Path) -> Path:
    """`build --strict` of the project with package `data`, the generated pages and site in `work`.

    The same environment for both generators, as tests/sites.py's build_site sets it (which runs this
    venv's mkdocs only): the hook's folders, the mkdocs.yml default site address, a fixed epoch.
    """
    site = work / "site"
    env = {**os.environ, "PLANSITE_DATA": str(data), "PLANSITE_OUT": str(work / "generated"),
           "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", "SOURCE_DATE_EPOCH": EPOCH,
           "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)}
    env.pop("SITE_URL", None)
    command = [*generator, "build", "--strict", "--config-file", str(ROOT / "mkdocs.yml"), "--site-dir", str(site)]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, encoding="utf-8", timeout=600)
    assert done.returncode == 0, f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"
    return site


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def without_generator(content: bytes) -> bytes:
    return GENERATOR.sub(b'<meta name="generator" content="GENERATOR">', content)


@pytest.fixture(scope="module", params=sorted(PACKAGES))
def two_sites(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, bytes], dict[str, bytes]]:
    command = properdocs()
    data = PACKAGES[request.param]
    reference = files_of(build(MKDOCS, data, tmp_path_factory.mktemp(f"mkdocs-{request.param}")))
    successor = files_of(build(command, data, tmp_path_factory.mktemp(f"properdocs-{request.param}")))
    return reference, successor


def test_properdocs_builds_the_same_files_as_mkdocs(two_sites: tuple[dict[str, bytes], dict[str, bytes]]) -> None:
    reference, successor = two_sites
    only_mkdocs = sorted(reference.keys() - successor.keys())
    only_properdocs = sorted(successor.keys() - reference.keys())
    assert not only_mkdocs and not only_properdocs, f"files of one build only: MkDocs {only_mkdocs[:10]} / ProperDocs {only_properdocs[:10]}"
    differing = sorted(path for path in reference if without_generator(reference[path]) != without_generator(successor[path]))
    assert not differing, f"{len(differing)} of {len(reference)} files differ beyond the generator tag: {differing[:20]}"


def test_the_generator_tag_is_the_only_difference_and_names_each_generator(
    two_sites: tuple[dict[str, bytes], dict[str, bytes]],
) -> None:
    """Each page names its generator: proof that the second site was built by ProperDocs, and that
    the normalisation above touched nothing but that tag (one per page, on both sides)."""
    reference, successor = two_sites
    # the embed pages (indicators/<id>/embed/) are the data stage's own documents, copied as they are:
    # no generator writes into them, and the test above holds them byte for byte
    pages = [path for path in reference if path.endswith(".html") and not path.endswith("/embed/index.html")]
    assert "index.html" in pages and any(path.startswith("indicators/") for path in pages), "generated pages missing"
    for path in pages:
        ours, theirs = GENERATOR.findall(reference[path]), GENERATOR.findall(successor[path])
        assert len(ours) == len(theirs) == 1, path
        assert ours[0].startswith(b"mkdocs-1."), (path, ours[0])
        assert b"ProperDocs" in theirs[0], (path, theirs[0])
