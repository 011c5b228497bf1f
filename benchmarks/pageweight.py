"""Page weight of an indicator page as a phone would download it (design §7), and Lighthouse.

Transfer is what Chromium reports per request over the DevTools protocol (Network.loadingFinished
encodedDataLength: compressed body plus headers; 0 for a response taken from the cache), served by
benchmarks/serve.py, which compresses and caches like GitHub Pages.

- first visit: a fresh browser profile opens the page and waits until the network is idle and the
  chart script has run;
- repeat visit: the same profile opens the page again;
- next page: the same profile then opens another indicator page (its HTML is new, the assets are not);
- interactive chart: on that page the reader presses 「グラフを操作する」 (plotly.js is fetched then).

Lighthouse 12.2.3 (npm) runs against Debian's Chromium with its default mobile settings, when npx can
fetch it; its results are reported, not asserted (tests never depend on the network).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
LIGHTHOUSE = "lighthouse@12.2.3"


@dataclass
class Visit:
    url: str
    transferred: int = 0
    requests: int = 0
    from_cache: int = 0
    by_url: dict[str, int] = field(default_factory=dict)


def measure_visits(first: str, other: str) -> dict[str, Visit]:
    """First visit, repeat visit, another page and its interactive chart, in one browser profile."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 412, "height": 823}, device_scale_factor=2.625, is_mobile=True)
        page = context.new_page()
        session = context.new_cdp_session(page)
        session.send("Network.enable")
        visits = {}
        for name, url in (("first", first), ("repeat", first), ("next", other)):
            visits[name] = visit(page, session, url, open_page)
        visits["interactive"] = visit(page, session, other, press_chart_button)
        browser.close()
    return visits


def open_page(page, url: str) -> None:
    page.goto(url, wait_until="networkidle")
    page.wait_for_selector(".plansite-chart-control:not([hidden])", timeout=30_000)
    page.wait_for_timeout(1500)  # the search worker fetches its index after load


def press_chart_button(page, url: str) -> None:
    page.click(".plansite-chart-toggle")
    page.wait_for_selector(".plansite-chart[data-interactive]", timeout=30_000)


def visit(page, session, url: str, action) -> Visit:
    """What Chromium receives while `action(page, url)` runs."""
    result = Visit(url)
    urls: dict[str, str] = {}
    cached: set[str] = set()

    def on_request(event: dict) -> None:
        urls[event["requestId"]] = event["request"]["url"]

    def on_cache(event: dict) -> None:
        cached.add(event["requestId"])

    def on_finished(event: dict) -> None:
        size = int(event.get("encodedDataLength", 0))
        result.requests += 1
        result.transferred += size
        address = urls.get(event["requestId"], "?")
        result.by_url[address] = result.by_url.get(address, 0) + size

    session.on("Network.requestWillBeSent", on_request)
    session.on("Network.requestServedFromCache", on_cache)
    session.on("Network.loadingFinished", on_finished)
    action(page, url)
    session.remove_listener("Network.requestWillBeSent", on_request)
    session.remove_listener("Network.requestServedFromCache", on_cache)
    session.remove_listener("Network.loadingFinished", on_finished)
    result.from_cache = len(cached)
    return result


def run_lighthouse(url: str, report: Path) -> dict | None:
    """Lighthouse's mobile performance and accessibility scores (0–100), or None if it cannot run."""
    npx = shutil.which("npx")
    if npx is None:
        return None
    environment = dict(os.environ, CHROME_PATH=CHROMIUM)
    with tempfile.TemporaryDirectory() as profile:
        flags = " ".join(["--headless=new", f"--user-data-dir={profile}"] + CHROMIUM_ARGS)
        command = [
            npx, "--yes", LIGHTHOUSE, url, "--quiet", "--output=json", f"--output-path={report}",
            "--only-categories=performance,accessibility", f"--chrome-flags={flags}",
        ]
        completed = subprocess.run(command, env=environment, capture_output=True, text=True, timeout=600)
    if completed.returncode != 0 or not report.exists():
        print(f"  Lighthouse did not run: {completed.stderr.strip()[-300:]}")
        return None
    data = json.loads(report.read_text(encoding="utf-8"))
    audits = data["audits"]
    return {
        "performance": round(data["categories"]["performance"]["score"] * 100),
        "accessibility": round(data["categories"]["accessibility"]["score"] * 100),
        "fcp_ms": audits["first-contentful-paint"]["numericValue"],
        "lcp_ms": audits["largest-contentful-paint"]["numericValue"],
        "tbt_ms": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "form_factor": data["configSettings"]["formFactor"],
        "failed_accessibility": [
            key for key, audit in audits.items()
            if audit.get("score") == 0 and key in {r["id"] for r in data["categories"]["accessibility"]["auditRefs"]}
        ],
    }
