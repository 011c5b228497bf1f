"""Accessibility report: axe-core on every page template of the site, at desktop and at phone width.

Builds the site of the last commit (a clean `git archive HEAD`, so the results name exactly what they
were taken of; uncommitted changes are never in them) from its data package into a temporary folder,
serves it on 127.0.0.1, opens each
page template in Debian's Chromium and runs axe-core with the WCAG 2.0/2.1 level A and AA rules
(JIS X 8341-3:2016 level AA is WCAG 2.0 AA). Writes docs/accessibility-results.json, which the page
/accessibility/ shows (hooks/accessibility.py renders it at build). The file is axe's own output,
summarised, with the time, the commit and the tools it was taken with: never edit it by hand.

The browser tests (tests/browser/) use the helpers below, so that the published results and the tests
build, open and check the pages one way.

Usage: python scripts/accessibility_report.py [--out FILE] [--worktree]
(--worktree tests the working tree as it is instead, and the file says so.)
Exit 0: no violation. Exit 1: violations (written to the file all the same, and listed).
"""

from __future__ import annotations

import argparse
import csv
import datetime
import functools
import http.server
import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import threading
from importlib.metadata import version
from pathlib import Path

from plansite.descriptor import DEFAULT_VOCABULARY, read_config

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "docs" / "accessibility-results.json"

# Debian's Chromium: Playwright's own browser download is not reachable from CI
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
# JIS X 8341-3:2016 level AA = WCAG 2.0 AA; the 2.1 A/AA rules add reflow, orientation, non-text contrast
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
VIEWPORTS = {
    "desktop": {"width": 1280, "height": 800},
    "phone": {"width": 375, "height": 667},
}


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    # Build and serve
    with tempfile.TemporaryDirectory(prefix="plansite-a11y-") as work:
        commit = git("rev-parse", "HEAD")
        source = ROOT if args.worktree else export_commit(commit, Path(work) / "source")
        data = source / "datapackage"
        server = start_server(Path(work) / "site")
        try:
            site = build_site(data, Path(work), base_url(server), root=source)
            # A plan without a role division or a promotion page (a fork's, design §10) has no such page
            templates = {key: path for key, path in page_templates(*first_ids(data)).items() if (site / path / "index.html").is_file()}
            # Audit
            results = audit_site(base_url(server), templates, plan_words(data))
        finally:
            server.shutdown()
    # Save
    report = {
        "generated_at": datetime.datetime.now(datetime.UTC).replace(microsecond=0).isoformat(),
        "commit": commit,
        "uncommitted_changes": args.worktree and bool(git("status", "--porcelain", "--untracked-files=no", "--", ".", f":!{RESULTS.relative_to(ROOT)}")),
        "data": "datapackage/",
        "tools": results["tools"],
        "tags": AXE_TAGS,
        "viewports": VIEWPORTS,
        "pages": results["pages"],
    }
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    violations = [(p["path"], p["viewport"], v["id"]) for p in report["pages"] for v in p["violations"]]
    print(f"axe-core {report['tools']['axe_core']}: {len(report['pages'])} 回の検査、違反 {len(violations)} 件 → {display_path(args.out)}")
    for path, viewport, rule in violations:
        print(f"  /{path} ({viewport}): {rule}")
    return 1 if violations else 0


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worktree", action="store_true", help="test the working tree, not the last commit")
    parser.add_argument("--out", type=Path, default=RESULTS, help="results file (default: docs/accessibility-results.json)")
    return parser.parse_args(argv)


# Site ------------------------------------------------------------------------------------------------


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def start_server(directory: Path) -> http.server.ThreadingHTTPServer:
    """Serve `directory` on a free port of 127.0.0.1 from a thread (the folder may be filled later)."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def base_url(server: http.server.ThreadingHTTPServer) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}/"


def build_site(data: Path, work: Path, site_url: str | None = None, root: Path = ROOT, **extra: str) -> Path:
    """`mkdocs build --strict` of the project at `root` with package `data` into work/site, the way
    `make build` does; the tests build their sites with it too (tests/sites.py).

    Generated pages go to work/generated, never to the repository's generated/. site_url is the
    address the site is served at: instant navigation only follows links that the sitemap lists, and
    the sitemap is written with site_url. Without it the mkdocs.yml default is used, even when the
    caller's environment sets SITE_URL, so that the output does not depend on the shell. `extra` adds
    environment variables (SOURCE_DATE_EPOCH). The engine is imported from root/src.
    """
    site = work / "site"
    env = {
        **os.environ, **extra, "PLANSITE_DATA": str(data), "PLANSITE_OUT": str(work / "generated"),
        "NO_MKDOCS_2_WARNING": "1",
        "PYTHONPATH": os.pathsep.join([str(root / "src"), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep),
    }
    env.pop("SITE_URL", None)
    if site_url:
        env["SITE_URL"] = site_url
    # No --quiet: it raises the log level above WARNING, and --strict then counts no warnings at all
    # (a dead link in a page would pass); the output is captured and shown only on failure anyway
    command = [sys.executable, "-m", "mkdocs", "build", "--strict",
               "--config-file", str(root / "mkdocs.yml"), "--site-dir", str(site)]
    done = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, encoding="utf-8", timeout=600)
    if done.returncode != 0:
        raise RuntimeError(f"mkdocs build failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return site


def first_ids(data: Path) -> tuple[str, str, str]:
    """The first indicator of the package, its policy and the year its first value was published:
    the pages that stand for their templates."""
    with (data / "data" / "indicators.csv").open(encoding="utf-8-sig", newline="") as file:
        row = next(csv.DictReader(file))
    with (data / "data" / "observations.csv").open(encoding="utf-8-sig", newline="") as file:
        year = next(csv.DictReader(file))["published"][:4]
    return row["indicator_id"], row["policy_id"], year


# key: (name on the accessibility page, in the plan's words; address with {indicator}, {policy}, {year})
TEMPLATES = {
    "home": ("ホーム", ""),
    "indicator-list": ("{indicator}の一覧", "indicators/"),
    "indicator": ("{indicator}のページ", "indicators/{indicator}/"),
    "policy-list": ("{policy}の一覧", "policies/"),
    "policy": ("{policy}のページ", "policies/{policy}/"),
    "roles": ("{roles}", "roles/"),
    "method": ("評価の方法", "method/"),
    "promotion": ("計画の推進", "promotion/"),
    "data": ("オープンデータ", "data/"),
    "changes": ("更新履歴", "changes/"),
    "changes-year": ("年ごとの更新履歴", "changes/{year}/"),
    "reports": ("年次報告", "reports/"),
    "accessibility": ("アクセシビリティ", "accessibility/"),
}


def page_templates(indicator_id: str, policy_id: str, year: str) -> dict[str, str]:
    """One address per page template (key → path from the site root)."""
    return {key: path.format(indicator=indicator_id, policy=policy_id, year=year) for key, (_, path) in TEMPLATES.items()}


# Browser ---------------------------------------------------------------------------------------------


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def open_page(page, url: str) -> None:
    """Go to `url` and wait until it is as a reader sees it: the chart script run, fonts loaded."""
    response = page.goto(url)
    if response is None or response.status != 200:
        raise RuntimeError(f"{url}: HTTP {response and response.status}")
    page.wait_for_load_state("load")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.plansite-chart-control')].every(c => !c.hidden)"
    )
    page.evaluate("() => document.fonts.ready.then(() => true)")


def run_axe(page) -> dict:
    """axe-core's results for the open page, WCAG 2.0/2.1 A and AA rules only."""
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    return Axe().run(page, options=options).response


def summarise(response: dict) -> dict:
    """The parts of axe's answer that a reader of the report needs; rule ids as axe names them.

    axe runs with resultTypes=violations: every rule is still run on every element, but only the
    violations list their elements, which keeps the answer small and the run fast.
    """
    return {
        "violations": [
            {"id": v["id"], "impact": v["impact"], "help": v["help"],
             "targets": [" ".join(map(str, n["target"])) for n in v["nodes"]]}
            for v in response["violations"]
        ],
        "passes": sorted(r["id"] for r in response["passes"]),
        "incomplete": [{"id": r["id"], "help": r["help"]} for r in response["incomplete"]],
        "inapplicable": len(response["inapplicable"]),
    }


def plan_words(data: Path) -> dict[str, str]:
    """The plan's vocabulary (datapackage.json's, defaults filled in): a fork's results name its pages
    in its own words (数値目標の一覧), not the engine's defaults."""
    return read_config(json.loads((data / "datapackage.json").read_text(encoding="utf-8-sig"))).vocabulary


def audit_site(base: str, templates: dict[str, str], words: dict[str, str] = DEFAULT_VOCABULARY) -> dict:
    from playwright.sync_api import sync_playwright

    pages = []
    with sync_playwright() as playwright:
        browser = launch(playwright)
        tools = {"axe_core": None, "axe_playwright_python": version("axe-playwright-python"),
                 "browser": f"Chromium {browser.version}"}
        for viewport, size in VIEWPORTS.items():
            context = browser.new_context(viewport=size)
            page = context.new_page()
            for key, path in templates.items():
                open_page(page, base + path)
                response = run_axe(page)
                tools["axe_core"] = response["testEngine"]["version"]
                pages.append({"template": key, "name": TEMPLATES[key][0].format_map(words), "path": path, "viewport": viewport,
                              **summarise(response)})
            context.close()
        browser.close()
    return {"tools": tools, "pages": pages}


# Provenance ------------------------------------------------------------------------------------------


def git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()


def export_commit(commit: str, target: Path) -> Path:
    """The files of `commit` as committed (git archive), without the working tree's changes."""
    archive = subprocess.run(["git", "archive", "--format=tar", commit], cwd=ROOT, capture_output=True, check=True).stdout
    target.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    return target


def display_path(path: Path) -> str:
    path = path.resolve()
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)


if __name__ == "__main__":
    sys.exit(main())
