"""The benchmark of design §7: build time, output size and page weight against their budgets.

    make bench                                  (= python benchmarks/run.py)
    python benchmarks/run.py --sizes 10,100 --repeat 1 --no-browser
    python benchmarks/run.py --only floor       (the floor ratio alone, about two minutes)

For the real package and for synthetic packages of N indicators × 20 years (benchmarks/synthetic.py,
fictional figures) it measures, as a user runs them:

- validation: `build_data.py --check` (the command, wall clock), and load + validate in this process;
- the data stage: `build_data.py` (check, pages, downloads, writing generated/);
- page generation: the data stage without the check (build_site() in this process);
- `mkdocs build --strict` with the data stage already done, so the hook must skip it (checked:
  the generated folder's fingerprint file must not be rewritten);
- total site size, one indicator page's HTML, the search index;
- the share cards (issue 17, src/plansite/card.py): their count and bytes in the site, and the data
  stage once with a cold card cache (emptied first) against the counted runs, which find it warm.
  The cache is benchmarks/out/card-cache-<name>/ (PLANSITE_CACHE), so the user's own is never used;
  the "data stage" column and the budgets are the warm runs, and the cold run is its own budget line
  (a first build, or a CI runner without a cache, draws every card);

then the floor (design §7, benchmarks/floor.py): the full build of 1,000 × 20 (data stage +
`mkdocs build --strict`) against the project's mkdocs.yml without hooks, navigation, extra CSS/JS and
theme overrides building as many pages, at the same paths, each a heading and one sentence; the two
are run alternately, pair by pair (--pairs, 3), after one warm-up of each, and the median ratio of
the pairs is quoted, since absolute seconds drift by a third on this machine and a ratio of
neighbouring runs much less (`--only floor` runs this part alone). The floor's card cache is emptied
before the warm-up, whose data stage draws the cards; the counted pairs find the cache warm, and the
output says so; then 100,000 observation rows
through the validator, and an indicator page's transfer and Lighthouse scores
(benchmarks/pageweight.py). Each timing is the fastest of --repeat runs: the machine may be
shared, and the fastest run is the one least disturbed. CPU time (user + system) is shown beside
the wall clock for the same reason. Figures go to stdout and benchmarks/out/results.json.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import floor  # noqa: E402
import pageweight  # noqa: E402
import serve  # noqa: E402
import synthetic  # noqa: E402

from plansite.build import build_site, model_site  # noqa: E402
from plansite.card import card_files  # noqa: E402
from plansite.load import load_package  # noqa: E402
from plansite.settings import fingerprint, settings  # noqa: E402
from plansite.validate import validate_package  # noqa: E402
from plansite.write import MARKER  # noqa: E402

OUT = ROOT / "benchmarks" / "out"
PYTHON = sys.executable
MKDOCS = str(Path(sys.executable).with_name("mkdocs"))
YEARS = 20

# Budgets of design §7
REAL_FULL_BUILD_S = 10.0
THOUSAND_FULL_BUILD_S = 20.0
ROWS_VALIDATE_S = 3.0
FIRST_VISIT_BYTES = 600_000
REPEAT_VISIT_BYTES = 30_000
LIGHTHOUSE_PERFORMANCE = 90
LIGHTHOUSE_ACCESSIBILITY = 100
FLAT_PAGE_TOLERANCE = 0.05  # an indicator page may differ by ids' lengths, not by the count
FLOOR_RATIO = 2.0  # full build of 1,000 × 20 / the floor, median of the pairs
FLOOR_INDICATORS = 1000


@dataclass
class Timing:
    wall: float
    cpu: float


@dataclass
class BuildResult:
    name: str
    indicators: int
    observations: int
    check: Timing
    validate_in_process: float
    data_stage: Timing
    page_generation: float
    mkdocs: Timing
    hook_skipped: bool
    site_bytes: int
    site_files: int
    page: str
    page_html: int
    page_html_gzip: int
    list_html: int
    largest_page: str
    largest_html: int
    search_index: int
    search_index_gzip: int
    data_stage_cold: Timing  # the first data stage, its card cache emptied before it
    cards: int  # share cards in the built site
    cards_bytes: int
    cards_warm_cpu: float  # card_files() alone in this process, the cache warm: what cards cost every build

    @property
    def full_build(self) -> float:
        return self.data_stage.wall + self.mkdocs.wall

    @property
    def ratio(self) -> float:
        return self.data_stage.wall / self.mkdocs.wall

    @property
    def full_build_cold(self) -> float:
        return self.data_stage_cold.wall + self.mkdocs.wall

    @property
    def card_cpu_ms(self) -> float:
        """What drawing a card costs: the CPU seconds a cold cache adds, per card, in ms."""
        return (self.data_stage_cold.cpu - self.data_stage.cpu) / max(1, self.cards) * 1000


@dataclass
class FloorPair:
    data_stage: Timing
    mkdocs: Timing
    floor: Timing

    @property
    def full(self) -> Timing:
        return Timing(self.data_stage.wall + self.mkdocs.wall, self.data_stage.cpu + self.mkdocs.cpu)

    @property
    def ratio(self) -> float:
        return self.full.wall / self.floor.wall

    @property
    def cpu_ratio(self) -> float:
        return self.full.cpu / self.floor.cpu


@dataclass
class FloorResult:
    indicators: int
    pages: int
    pairs: list[FloorPair]
    load_before: tuple[float, float, float]
    load_after: tuple[float, float, float]
    warm_up_data_stage: Timing | None = None  # the warm-up's, which drew the cards into the empty cache
    card_cache: str = "warm"  # what the counted pairs' data stages found

    @property
    def ratios(self) -> list[float]:
        return [pair.ratio for pair in self.pairs]

    @property
    def median_ratio(self) -> float:
        return statistics.median(self.ratios)

    def summary(self) -> dict:
        """The quoted figures, for results.json beside the pairs."""
        return {"median_ratio": self.median_ratio, "min_ratio": min(self.ratios), "max_ratio": max(self.ratios),
                "median_cpu_ratio": statistics.median(pair.cpu_ratio for pair in self.pairs),
                "median_full_s": statistics.median(pair.full.wall for pair in self.pairs),
                "median_floor_s": statistics.median(pair.floor.wall for pair in self.pairs)}


@dataclass
class Budget:
    name: str
    measured: str
    limit: str
    met: bool | None  # None: not measured here


@dataclass
class Report:
    machine: dict
    builds: list[BuildResult] = field(default_factory=list)
    rows: dict = field(default_factory=dict)
    weight: dict = field(default_factory=dict)
    floor: FloorResult | None = None
    floor_summary: dict = field(default_factory=dict)
    budgets: list[Budget] = field(default_factory=list)


def main(argv: list[str] | None = None) -> int:
    options = parse_arguments(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    report = Report(machine=describe_machine())
    print_machine(report.machine)
    epoch = source_date_epoch()

    if options.only == "floor":
        report.floor = measure_floor(options.floor_indicators, options.pairs, epoch)
        report.floor_summary = report.floor.summary()
        report.budgets = [judge_floor(report.floor)]
        print_budgets(report.budgets)
        write_report(report, OUT / "results-floor.json")
        return 0

    # Build times and sizes: the real package, then N × 20 synthetic indicators
    print(f"\nBuild (fastest of {options.repeat}; wall seconds, CPU seconds in brackets)")
    print(BUILD_HEADER)
    report.builds.append(measure_build("real", ROOT / "datapackage", options.repeat, epoch))
    print_build(report.builds[-1])
    for n in options.sizes:
        package = synthetic.generate(OUT / f"package-{n}", n, YEARS, seed=1)
        report.builds.append(measure_build(f"{n}x{YEARS}", package, options.repeat if n <= 1000 else 1, epoch))
        print_build(report.builds[-1])

    # The floor: the full build of 1,000 × 20 against the same generator and theme with one-line pages
    report.floor = measure_floor(options.floor_indicators, options.pairs, epoch)
    report.floor_summary = report.floor.summary()

    # 100,000 observation rows through the validator
    report.rows = measure_rows(options.rows, options.repeat)
    print(f"\nValidation of {report.rows['observations']:,} observation rows: `--check` {report.rows['check'].wall:.2f} s "
          f"(CPU {report.rows['check'].cpu:.2f} s); load + validate in process {report.rows['in_process']:.2f} s")

    # Page weight and Lighthouse
    if options.browser:
        report.weight = measure_weight(report.builds, options.lighthouse)

    report.budgets = judge(report)
    print_budgets(report.budgets)
    write_report(report, OUT / "results.json")
    return 0


def write_report(report: Report, path: Path) -> None:
    path.write_text(json.dumps(asdict(report), ensure_ascii=False, indent=2, default=str) + "\n", encoding="utf-8")
    print(f"\nFigures written to {path.relative_to(ROOT)}")


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Benchmark the build against the budgets of design §7.")
    parser.add_argument("--sizes", default="10,100,1000,10000", help="numbers of synthetic indicators (comma-separated)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement up to 1,000 indicators; the fastest counts")
    parser.add_argument("--rows", type=int, default=100_000, help="observation rows for the validation budget")
    parser.add_argument("--no-browser", dest="browser", action="store_false", help="skip page weight and Lighthouse")
    parser.add_argument("--no-lighthouse", dest="lighthouse", action="store_false", help="skip Lighthouse (needs npx)")
    parser.add_argument("--only", choices=["floor"], help="run one part alone: floor = the full build against the floor")
    parser.add_argument("--pairs", type=int, default=3, help="floor: pairs of (full build, floor build), run alternately")
    parser.add_argument("--floor-indicators", type=int, default=FLOOR_INDICATORS,
                        help="floor: synthetic indicators of the full build (design §7: 1,000)")
    options = parser.parse_args(argv)
    options.sizes = [int(size) for size in options.sizes.split(",") if size]
    if options.pairs < 1:
        parser.error("--pairs must be at least 1")
    return options


# Machine -------------------------------------------------------------------------------------------


def describe_machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = subprocess.run(["free", "-h"], capture_output=True, text=True).stdout.splitlines()
    return {
        "cpu": cpu,
        "nproc": os.cpu_count(),
        "memory": memory[1].split()[1] if len(memory) > 1 else "?",
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
        "load_average": os.getloadavg(),
        "commit": git("rev-parse", "--short", "HEAD"),
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }


def print_machine(machine: dict) -> None:
    print(f"Machine: {machine['cpu']}, {machine['nproc']} cores (nproc), {machine['memory']} memory, "
          f"Python {machine['python']}, {machine['system']}")
    print(f"Commit {machine['commit']}, {machine['date']}, load average at start "
          + " ".join(f"{x:.2f}" for x in machine["load_average"]))


def git(*args: str) -> str:
    completed = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
    return completed.stdout.strip() or "?"


def source_date_epoch() -> str:
    """The commit's time, as `make build` sets it (reproducible sitemap dates)."""
    return os.environ.get("SOURCE_DATE_EPOCH") or git("log", "-1", "--format=%ct")


# Builds --------------------------------------------------------------------------------------------


def timed(command: list[str], env: dict | None = None) -> tuple[Timing, subprocess.CompletedProcess]:
    """Run a command; its wall clock and its CPU time (user + system, children included)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    completed = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if completed.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{completed.stdout}\n{completed.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timing(wall, cpu), completed


def fastest(timings: list[Timing]) -> Timing:
    return min(timings, key=lambda t: t.wall)


def empty_card_cache(name: str) -> Path:
    """The benchmark's own card cache for one package, emptied: the next data stage draws every card."""
    folder = OUT / f"card-cache-{name}"
    shutil.rmtree(folder, ignore_errors=True)
    return folder


def measure_build(name: str, package: Path, repeat: int, epoch: str) -> BuildResult:
    generated, site = OUT / f"generated-{name}", OUT / f"site-{name}"
    cache = empty_card_cache(name)
    env = dict(os.environ, PLANSITE_DATA=str(package), PLANSITE_OUT=str(generated), PLANSITE_CACHE=str(cache),
               SOURCE_DATE_EPOCH=epoch, NO_MKDOCS_2_WARNING="1")
    checks, stages, builds, in_process, generation = [], [], [], [], []
    skipped = True
    # Cold: every card drawn; then the counted runs, which read them from the cache
    cold = timed([PYTHON, "scripts/build_data.py", "--data", str(package), "--out", str(generated)], env)[0]
    for _ in range(repeat):
        checks.append(timed([PYTHON, "scripts/build_data.py", "--check", "--data", str(package)], env)[0])
        stages.append(timed([PYTHON, "scripts/build_data.py", "--data", str(package), "--out", str(generated)], env)[0])
        stamp, before = (generated / MARKER).stat().st_mtime_ns, fingerprint(package, settings())
        timing, completed = timed([MKDOCS, "build", "--strict", "--quiet", "--site-dir", str(site)], env)
        builds.append(timing)
        rebuilt = (generated / MARKER).stat().st_mtime_ns != stamp or "生成:" in completed.stderr
        # A shared working tree: an edit to src/plansite/ during the run rightly makes the hook rebuild
        skipped &= not rebuilt or fingerprint(package, settings()) != before
        # In this process: load + validate, then page generation alone (build_site, writing included)
        started = time.perf_counter()
        loaded, _ = load_package(package)
        problems, tables = validate_package(loaded)
        in_process.append(time.perf_counter() - started)
        assert not problems, problems[:3]
        started = time.perf_counter()
        build_site(loaded, tables, settings(cache=cache), generated, before)
        generation.append(time.perf_counter() - started)
    indicators = tables["indicators"]["indicator_id"].tolist()
    page = f"indicators/{indicators[0]}/index.html"
    html = (site / page).read_bytes()
    index = (site / "search" / "search_index.json").read_bytes()
    files = [p for p in site.rglob("*") if p.is_file()]
    largest = max((p for p in files if p.suffix == ".html"), key=lambda p: p.stat().st_size)
    cards = sorted((site / "assets" / "cards").rglob("*.png"))
    model = model_site(loaded, tables, settings(cache=cache))
    started = time.process_time()
    card_files(model)
    warm_cpu = time.process_time() - started
    return BuildResult(
        name=name, indicators=len(indicators), observations=len(tables["observations"]),
        check=fastest(checks), validate_in_process=min(in_process), data_stage=fastest(stages),
        page_generation=min(generation), mkdocs=fastest(builds), hook_skipped=skipped,
        site_bytes=sum(p.stat().st_size for p in files), site_files=len(files),
        page=page, page_html=len(html), page_html_gzip=len(gzip.compress(html, 6)),
        list_html=(site / "indicators" / "index.html").stat().st_size,
        largest_page=largest.relative_to(site).as_posix(), largest_html=largest.stat().st_size,
        search_index=len(index), search_index_gzip=len(gzip.compress(index, 6)),
        data_stage_cold=cold, cards=len(cards), cards_bytes=sum(p.stat().st_size for p in cards), cards_warm_cpu=warm_cpu,
    )


BUILD_HEADER = (
    f"{'package':>9} {'obs':>7} {'--check':>13} {'data stage':>13} {'pages':>6} {'mkdocs build':>13} "
    f"{'full':>6} {'ratio':>5} {'site':>8} {'files':>6} {'page':>7} {'page gz':>7} {'list':>8} {'search':>8} {'srch gz':>8}"
)


def print_build(r: BuildResult) -> None:
    print(
        f"{r.name:>9} {r.observations:>7,} {r.check.wall:>6.2f} ({r.check.cpu:>4.1f}) "
        f"{r.data_stage.wall:>6.2f} ({r.data_stage.cpu:>4.1f}) {r.page_generation:>6.2f} "
        f"{r.mkdocs.wall:>6.2f} ({r.mkdocs.cpu:>4.1f}) {r.full_build:>6.2f} {r.ratio:>5.2f} "
        f"{megabytes(r.site_bytes):>8} {r.site_files:>6,} {kilobytes(r.page_html):>7} {kilobytes(r.page_html_gzip):>7} "
        f"{kilobytes(r.list_html):>8} {kilobytes(r.search_index):>8} {kilobytes(r.search_index_gzip):>8}"
        + ("" if r.hook_skipped else "  (hook did NOT skip the data stage)")
    )
    print(f"{'':>9} largest page: {r.largest_page} {kilobytes(r.largest_html)}")
    print(f"{'':>9} share cards: {r.cards:,} PNG, {megabytes(r.cards_bytes)} of the site "
          f"({r.cards_bytes / r.site_bytes:.0%}; {kilobytes(r.cards_bytes // max(1, r.cards))} each); data stage with the card "
          f"cache cold {r.data_stage_cold.wall:.2f} s (CPU {r.data_stage_cold.cpu:.1f}), warm {r.data_stage.wall:.2f} s "
          f"(CPU {r.data_stage.cpu:.1f}): cold / warm {r.data_stage_cold.wall / r.data_stage.wall:.2f}× wall, "
          f"{r.data_stage_cold.cpu / r.data_stage.cpu:.2f}× CPU; drawing {r.card_cpu_ms:.0f} ms CPU a card; "
          f"full build cold {r.full_build_cold:.2f} s; with the cache warm the cards take {r.cards_warm_cpu:.2f} s CPU of the data stage "
          f"(card_files() alone: the SVGs, their keys, reading and checking the PNGs)")


def measure_rows(rows: int, repeat: int) -> dict:
    package = synthetic.generate(OUT / f"package-rows-{rows}", max(1, rows // YEARS), YEARS, seed=2)
    checks, in_process = [], []
    for _ in range(repeat):
        checks.append(timed([PYTHON, "scripts/build_data.py", "--check", "--data", str(package)])[0])
        started = time.perf_counter()
        loaded, _ = load_package(package)
        problems, tables = validate_package(loaded)
        in_process.append(time.perf_counter() - started)
        assert not problems, problems[:3]
    return {"observations": len(tables["observations"]), "check": fastest(checks), "in_process": min(in_process)}


# The floor -----------------------------------------------------------------------------------------


def measure_floor(indicators: int, pairs: int, epoch: str) -> FloorResult:
    """The full build of N × 20 and the floor (benchmarks/floor.py), alternately, `pairs` times.

    One warm-up of each comes first, not counted: it writes the generated pages that give the floor
    its page paths, and it checks that the two sites have the same pages. Each counted full build is
    the data stage (`build_data.py`) then `mkdocs build --strict`, which the hook lets skip the data
    stage, as in measure_build; the floor is `mkdocs build --strict` of the floor's configuration.
    """
    name = f"{indicators}x{YEARS}"
    package = synthetic.generate(OUT / f"package-{indicators}", indicators, YEARS, seed=1)
    generated, site = OUT / f"generated-floor-{name}", OUT / f"site-floor-full-{name}"
    floor_site = OUT / f"site-floor-{name}"
    cache = empty_card_cache(f"floor-{name}")
    env = dict(os.environ, PLANSITE_DATA=str(package), PLANSITE_OUT=str(generated), PLANSITE_CACHE=str(cache),
               SOURCE_DATE_EPOCH=epoch, NO_MKDOCS_2_WARNING="1")
    floor_env = {k: v for k, v in env.items() if not k.startswith("PLANSITE_")}
    stage = [PYTHON, "scripts/build_data.py", "--data", str(package), "--out", str(generated)]
    build = [MKDOCS, "build", "--strict", "--quiet", "--site-dir", str(site)]

    print(f"\nFloor (design §7): full build of {indicators:,} × {YEARS} (data stage + mkdocs build --strict) against "
          f"the same pages with one-line bodies; {pairs} pair{'s' if pairs != 1 else ''}, alternately, after one warm-up of each")
    load_before = os.getloadavg()
    warm_up = timed(stage, env)[0]
    timed(build, env)
    pages = floor.markdown_pages(ROOT / "docs", generated / "docs")
    config = floor.write_floor(OUT / f"floor-{name}", pages)
    floor_build = [MKDOCS, "build", "--strict", "--quiet", "--config-file", str(config), "--site-dir", str(floor_site)]
    timed(floor_build, floor_env)
    full_pages, floor_pages = sorted(floor.sitemap_pages(site)), sorted(floor.sitemap_pages(floor_site))
    if full_pages != floor_pages:
        missing, extra = sorted(set(full_pages) - set(floor_pages)), sorted(set(floor_pages) - set(full_pages))
        raise SystemExit(f"the floor does not have the full site's pages: missing {missing[:5]}, extra {extra[:5]}")
    print(f"  {len(pages):,} pages in both (sitemaps equal); floor configuration {config.relative_to(ROOT)}")
    print(f"  share cards: warm. The warm-up's data stage drew {len(list(cache.glob('*.png'))):,} into the emptied "
          f"{cache.relative_to(ROOT)}/ ({warm_up.wall:.2f} s, CPU {warm_up.cpu:.1f}); the counted data stages read them")
    print(f"  {'pair':>4} {'data stage':>13} {'mkdocs build':>13} {'full':>13} {'floor':>13} {'ratio':>6} {'CPU ratio':>9}")

    measured = []
    for number in range(1, pairs + 1):
        data_stage = timed(stage, env)[0]
        stamp = (generated / MARKER).stat().st_mtime_ns
        mkdocs, completed = timed(build, env)
        if (generated / MARKER).stat().st_mtime_ns != stamp or "生成:" in completed.stderr:
            raise SystemExit("the hook ran the data stage again: the full build would count it twice")
        measured.append(FloorPair(data_stage, mkdocs, timed(floor_build, floor_env)[0]))
        print_floor_pair(number, measured[-1])
    result = FloorResult(indicators, len(pages), measured, load_before, os.getloadavg(), warm_up)
    summary = result.summary()
    print(f"  full build / floor: median {summary['median_ratio']:.2f}× (min {summary['min_ratio']:.2f}, "
          f"max {summary['max_ratio']:.2f}; CPU time median {summary['median_cpu_ratio']:.2f}×); medians: full "
          f"{summary['median_full_s']:.2f} s, floor {summary['median_floor_s']:.2f} s; load average "
          + " ".join(f"{x:.2f}" for x in load_before) + " before, " + " ".join(f"{x:.2f}" for x in result.load_after) + " after")
    return result


def print_floor_pair(number: int, pair: FloorPair) -> None:
    def cell(t: Timing) -> str:
        return f"{t.wall:6.2f} ({t.cpu:4.1f})"
    print(f"  {number:>4} {cell(pair.data_stage)} {cell(pair.mkdocs)} {cell(pair.full)} {cell(pair.floor)} "
          f"{pair.ratio:>5.2f}× {pair.cpu_ratio:>8.2f}×")


def judge_floor(result: FloorResult) -> Budget:
    summary = result.summary()
    return Budget(f"full build of {result.indicators:,} × {YEARS} / the floor ({result.pages:,} one-line pages), "
                  f"median of {len(result.pairs)} pairs, card cache {result.card_cache}",
                  f"{summary['median_ratio']:.2f}× (min {summary['min_ratio']:.2f}, max {summary['max_ratio']:.2f}; "
                  f"{summary['median_full_s']:.2f} s / {summary['median_floor_s']:.2f} s)",
                  f"≤ {FLOOR_RATIO:.1f}×", summary["median_ratio"] <= FLOOR_RATIO)


# Page weight ---------------------------------------------------------------------------------------


def measure_weight(builds: list[BuildResult], lighthouse: bool) -> dict:
    """Transfer of an indicator page (real site, and the largest synthetic site up to 1,000)."""
    results = {}
    sites = [b for b in builds if b.name == "real"] + [b for b in builds if b.name != "real" and b.indicators <= 1000][-1:]
    print("\nPage weight of an indicator page (compressed bytes over the wire, headers included)")
    for build in sites:
        site = OUT / f"site-{build.name}"
        pages = sorted(p.parent.name for p in (site / "indicators").glob("*/index.html"))
        server, url = serve.start(site)
        try:
            first, other = f"{url}indicators/{pages[0]}/", f"{url}indicators/{pages[1]}/"
            visits = pageweight.measure_visits(first, other)
            scores = pageweight.run_lighthouse(first, OUT / f"lighthouse-{build.name}.json") if lighthouse else None
        finally:
            server.shutdown()
        # The same visits once the cache has expired (max-age 0): every file is revalidated, 304s
        server, fresh = serve.start(site, max_age=0)
        try:
            expired = pageweight.measure_visits(f"{fresh}indicators/{pages[0]}/", f"{fresh}indicators/{pages[1]}/")
        finally:
            server.shutdown()
        results[build.name] = {"visits": {k: asdict(v) for k, v in visits.items()},
                               "expired": {k: asdict(v) for k, v in expired.items()}, "lighthouse": scores}
        print(f"  {build.name}: /indicators/{pages[0]}/  first visit {kilobytes(visits['first'].transferred)} "
              f"({visits['first'].requests} requests), repeat visit {kilobytes(visits['repeat'].transferred)} "
              f"({visits['repeat'].requests} requests), next indicator page {kilobytes(visits['next'].transferred)}; "
              f"with the cache expired: repeat {kilobytes(expired['repeat'].transferred)}, next {kilobytes(expired['next'].transferred)}; "
              f"pressing 「グラフを操作する」 there {kilobytes(visits['interactive'].transferred)}")
        heaviest = sorted(visits["first"].by_url.items(), key=lambda item: -item[1])[:4]
        print("    heaviest on first visit: " + ", ".join(f"{u.removeprefix(url)} {kilobytes(s)}" for u, s in heaviest))
        if scores:
            print(f"    Lighthouse ({scores['form_factor']}): performance {scores['performance']}, accessibility "
                  f"{scores['accessibility']}; FCP {scores['fcp_ms'] / 1000:.1f} s, LCP {scores['lcp_ms'] / 1000:.1f} s, "
                  f"TBT {scores['tbt_ms']:.0f} ms, CLS {scores['cls']:.3f}"
                  + (f"; failed: {', '.join(scores['failed_accessibility'])}" if scores["failed_accessibility"] else ""))
    return results


# Budgets -------------------------------------------------------------------------------------------


def judge(report: Report) -> list[Budget]:
    by_name = {b.name: b for b in report.builds}
    budgets = []
    real = by_name["real"]
    budgets.append(Budget("full build of the real package", f"{real.full_build:.2f} s", f"< {REAL_FULL_BUILD_S:.0f} s", real.full_build < REAL_FULL_BUILD_S))
    thousand = by_name.get(f"1000x{YEARS}")
    if thousand:
        budgets.append(Budget(f"full build of 1,000 × {YEARS} (card cache warm)", f"{thousand.full_build:.2f} s",
                              f"< {THOUSAND_FULL_BUILD_S:.0f} s", thousand.full_build < THOUSAND_FULL_BUILD_S))
        budgets.append(Budget(f"full build of 1,000 × {YEARS} with a cold card cache (first build, CI)",
                              f"{thousand.full_build_cold:.2f} s", f"< {THOUSAND_FULL_BUILD_S:.0f} s",
                              thousand.full_build_cold < THOUSAND_FULL_BUILD_S))
    synthetic_builds = [b for b in report.builds if b.name != "real"]
    if len(synthetic_builds) > 1:
        sizes = [b.page_html for b in synthetic_builds]
        spread = (max(sizes) - min(sizes)) / min(sizes)
        budgets.append(Budget(
            "indicator page HTML independent of N",
            " → ".join(f"{kilobytes(b.page_html)} (N={b.indicators:,})" for b in synthetic_builds),
            f"spread ≤ {FLAT_PAGE_TOLERANCE:.0%}", spread <= FLAT_PAGE_TOLERANCE,
        ))
    for build in report.builds:
        budgets.append(Budget(f"data stage ≤ mkdocs build ({build.name})",
                              f"{build.data_stage.wall:.2f} s vs {build.mkdocs.wall:.2f} s (ratio {build.ratio:.2f})",
                              "ratio ≤ 1", build.ratio <= 1))
        if not build.hook_skipped:
            budgets.append(Budget(f"hook skips an up-to-date data stage ({build.name})", "rebuilt", "skipped", False))
    if report.floor:
        budgets.append(judge_floor(report.floor))
    rows = report.rows
    budgets.append(Budget(f"{rows['observations']:,} observations validate (`--check`)", f"{rows['check'].wall:.2f} s",
                          f"< {ROWS_VALIDATE_S:.0f} s", rows["check"].wall < ROWS_VALIDATE_S))
    for name, weight in report.weight.items():
        visits = weight["visits"]
        budgets.append(Budget(f"first visit, indicator page ({name})", kilobytes(visits["first"]["transferred"]),
                              f"≤ {kilobytes(FIRST_VISIT_BYTES)}", visits["first"]["transferred"] <= FIRST_VISIT_BYTES))
        expired = weight["expired"]
        repeat = max(visits["repeat"]["transferred"], visits["next"]["transferred"],
                     expired["repeat"]["transferred"], expired["next"]["transferred"])
        budgets.append(Budget(f"repeat visit / next indicator page, cache fresh or expired ({name})", kilobytes(repeat),
                              f"≤ {kilobytes(REPEAT_VISIT_BYTES)}", repeat <= REPEAT_VISIT_BYTES))
        scores = weight["lighthouse"]
        budgets.append(Budget(f"Lighthouse mobile performance ({name})", str(scores["performance"]) if scores else "not run",
                              f"≥ {LIGHTHOUSE_PERFORMANCE}", scores["performance"] >= LIGHTHOUSE_PERFORMANCE if scores else None))
        budgets.append(Budget(f"Lighthouse accessibility ({name})", str(scores["accessibility"]) if scores else "not run",
                              f"= {LIGHTHOUSE_ACCESSIBILITY}", scores["accessibility"] >= LIGHTHOUSE_ACCESSIBILITY if scores else None))
    return budgets


def print_budgets(budgets: list[Budget]) -> None:
    print("\nBudgets (design §7)")
    for budget in budgets:
        verdict = {True: "met", False: "MISSED", None: "not measured"}[budget.met]
        print(f"  {verdict:>12}  {budget.name}: {budget.measured} (budget {budget.limit})")


def kilobytes(size: int) -> str:
    return f"{size / 1000:.1f} KB"


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


if __name__ == "__main__":
    raise SystemExit(main())
