"""The benchmarks' synthetic packages (benchmarks/synthetic.py): valid, fictional and reproducible.

A benchmark of a package that does not validate measures an error path; a benchmark whose package
changes between runs compares nothing; and invented numbers must say they are invented.
"""

from __future__ import annotations

import importlib.util
import json
from collections import Counter
from pathlib import Path

import pytest

from plansite.build import model_site
from plansite.cli import main as build_data
from plansite.load import load_package
from plansite.model import Settings
from plansite.validate import validate_package

ROOT = Path(__file__).resolve().parents[1]
FICTIONAL = "架空のデータ（ベンチマーク用）"


def load_generator():
    spec = importlib.util.spec_from_file_location("synthetic", ROOT / "benchmarks" / "synthetic.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


synthetic = load_generator()


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return synthetic.generate(tmp_path_factory.mktemp("synthetic") / "package", indicators=250, years=20, seed=7)


# The generator writes Shimonoseki's units and role division into the package's schema: valid for
# Shimonoseki's package only (tests/plan.py)
@pytest.mark.plan
def test_the_package_validates_with_the_rows_asked_for(package: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert build_data(["--check", "--data", str(package)]) == 0, capsys.readouterr().out
    loaded, problems = load_package(package)
    assert problems == []
    problems, tables = validate_package(loaded)
    assert problems == []
    assert len(tables["indicators"]) == 250
    assert len(tables["observations"]) == 250 * 20
    assert len(tables["policies"]) == 3  # max(3, N // 100)
    assert set(tables["roles"]["action_id"]) == set(tables["actions"]["action_id"]), "every action has an actor"


def test_the_schema_is_the_real_packages(package: Path) -> None:
    real = json.loads((ROOT / "datapackage" / "datapackage.json").read_text(encoding="utf-8"))
    made = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    assert made["resources"] == real["resources"]


def test_the_package_says_it_is_fictional(package: Path) -> None:
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    for text in (descriptor["title"], descriptor["description"], descriptor["plan"]["title"], descriptor["sources"][0]["title"]):
        assert FICTIONAL in text
    assert "下関" not in json.dumps({k: v for k, v in descriptor.items() if k != "resources"}, ensure_ascii=False)
    loaded, _ = load_package(package)
    _, tables = validate_package(loaded)
    assert tables["observations"]["source"].str.contains(FICTIONAL, regex=False).all()
    assert tables["indicators"]["name"].str.contains("架空", regex=False).all()


def test_the_figures_give_every_status_so_every_page_variant_is_built(package: Path) -> None:
    loaded, _ = load_package(package)
    _, tables = validate_package(loaded)
    statuses = Counter(i.evaluation.status for i in model_site(loaded, tables, Settings()).indicators)
    assert set(statuses) >= {"achieved", "on-track", "slightly-behind", "behind", "regressing", "not-achieved"}


def test_the_same_seed_gives_the_same_bytes_and_another_seed_other_figures(tmp_path: Path) -> None:
    def contents(seed: int, name: str) -> dict[str, bytes]:
        root = synthetic.generate(tmp_path / name, indicators=30, years=5, seed=seed)
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}

    first, again, other = contents(1, "a"), contents(1, "b"), contents(2, "c")
    assert first == again
    assert first["data/observations.csv"] != other["data/observations.csv"]
