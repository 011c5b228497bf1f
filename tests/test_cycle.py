"""The yearly cycle of chapter 5 (design §9), data side: the cycle fixture validates, shows every
state a page must handle, says everywhere that it is made up, and goes through the data stage; the
real package goes through it with the cycle empty, and a plan with only part of the cycle too.

The pages of the cycle (/reports/ …) are asserted elsewhere, once they exist; here the data stage's
own output is read: the published CSVs, their Excel copies, the workbook and the data dictionary.
"""

from __future__ import annotations

import csv
import html
import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from mutations import CYCLE
from plansite.cli import main

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "datapackage"
CYCLE_RESOURCES = ("reports", "action_progress", "evaluations")
FICTIONAL_SOURCE = "テスト用の架空データ"


def descriptor(root: Path) -> dict:
    return json.loads((root / "datapackage.json").read_text(encoding="utf-8"))


def rows(root: Path, name: str) -> list[dict[str, str]]:
    with open(root / "data" / f"{name}.csv", encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file))


def build(root: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The data stage, as `build_data.py --data ROOT --out OUT` runs it; the generated docs tree."""
    assert main(["--data", str(root), "--out", str(out)]) == 0, capsys.readouterr().out
    return out / "docs"


# The fixture ---------------------------------------------------------------------------------------


def test_cycle_fixture_validates(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--check", "--data", str(CYCLE)]) == 0, capsys.readouterr().out


def test_cycle_fixture_is_labelled_as_made_up() -> None:
    """Design §2: made-up text lives under tests/ only, and says so wherever it is shown."""
    package = descriptor(CYCLE)
    assert "架空のデータ（テスト用）" in package["title"] and "架空のデータ（テスト用）" in package["description"]
    for report in rows(CYCLE, "reports"):
        assert report["title"].startswith("（架空）"), report
        assert report["url"] == "" or report["url"].startswith("https://example.org/"), report
    texts = {
        "reports": ("note",),
        "action_progress": ("activities", "department"),
        "evaluations": ("evaluation", "proposals"),
    }
    for name, fields in texts.items():
        for row in rows(CYCLE, name):
            assert row["source"] == FICTIONAL_SOURCE, (name, row)
            for field in fields:
                assert row[field] == "" or "架空" in row[field], (name, field, row)
    for observation in rows(CYCLE, "observations"):
        assert "架空" in observation["source"] or "テスト用" in observation["source"], observation


def test_cycle_fixture_shows_every_state() -> None:
    """Each state the pages of design §9 must show has a row (or a missing row) to show it with."""
    reports = {r["report_id"]: r for r in rows(CYCLE, "reports")}
    progress = rows(CYCLE, "action_progress")
    evaluations = rows(CYCLE, "evaluations")
    roles = {(r["action_id"], r["actor_id"]) for r in rows(CYCLE, "roles")}
    status_field = next(
        f for r in descriptor(CYCLE)["resources"] if r["name"] == "action_progress" for f in r["schema"]["fields"] if f["name"] == "status"
    )
    # three fiscal years, one after the other
    years = sorted(int(r["fiscal_year"]) for r in reports.values())
    assert years == list(range(years[0], years[0] + 3))
    # every status, in at least one row
    assert {r["status"] for r in progress} == set(status_field["constraints"]["enum"])
    # a report with every date and a document; one without a document link; one not yet evaluated
    assert any(all(r[f] for f in ("url", "evaluated", "reported_to_committee", "published")) for r in reports.values())
    assert any(r["url"] == "" for r in reports.values())
    unevaluated = [r["report_id"] for r in reports.values() if r["evaluated"] == ""]
    assert unevaluated and not {e["report_id"] for e in evaluations} & set(unevaluated)
    # an action that no actor reported on in any year, and a year in which only some actors of an action did
    reported = {(r["action_id"], r["actor_id"]) for r in progress}
    never = {action for action, _ in roles} - {action for action, _ in reported}
    assert never
    by_year = {}
    for r in progress:
        by_year.setdefault((r["report_id"], r["action_id"]), set()).add(r["actor_id"])
    actors_of = {action: {actor for a, actor in roles if a == action} for action, _ in roles}
    assert any(actors != actors_of[action] for (_, action), actors in by_year.items())
    # a department given and left empty
    assert {r["department"] == "" for r in progress} == {True, False}
    # evaluations of the whole plan, of a policy and of an indicator; proposals given and left empty
    policies = {r["policy_id"] for r in rows(CYCLE, "policies")}
    indicators = {r["indicator_id"] for r in rows(CYCLE, "indicators")}
    scopes = {e["scope"] for e in evaluations}
    assert "plan" in scopes and scopes & policies and scopes & indicators
    assert {e["proposals"] == "" for e in evaluations} == {True, False}
    # the indicator values each report had: observations of its year taken from it
    for report in reports.values():
        taken = [o for o in rows(CYCLE, "observations") if o["source"] == report["title"]]
        assert taken and {int(o["period"]) for o in taken} == {int(report["fiscal_year"])}, report["report_id"]
        assert {o["published"] for o in taken} == {report["published"]}
    # and an indicator without a value in the last report's year
    last = max(reports.values(), key=lambda r: int(r["fiscal_year"]))
    assert {o["indicator_id"] for o in rows(CYCLE, "observations") if o["source"] == last["title"]} < indicators


# The data stage --------------------------------------------------------------------------------------


def test_cycle_fixture_goes_through_the_data_stage(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Downloads, Excel copies, the workbook and the data dictionary carry the cycle's resources."""
    docs = build(CYCLE, tmp_path / "out", capsys)
    workbook = pd.read_excel(docs / "data" / "datapackage.xlsx", sheet_name=None)
    dictionary = (docs / "data" / "index.md").read_text(encoding="utf-8")
    for resource in (r for r in descriptor(CYCLE)["resources"] if r["name"] in CYCLE_RESOURCES):
        name = resource["name"]
        canonical = (CYCLE / resource["path"]).read_bytes()
        assert (docs / "data" / f"{name}.csv").read_bytes() == canonical
        assert (docs / "data" / resource["path"]).read_bytes() == canonical
        excel = (docs / "data" / "excel" / f"{name}.csv").read_bytes()
        assert excel.startswith(b"\xef\xbb\xbf") and excel.count(b"\r\n") == canonical.count(b"\n")
        sheet = workbook[name]
        assert list(sheet.columns) == [f["name"] for f in resource["schema"]["fields"]]
        assert len(sheet) == len(rows(CYCLE, name))
        for field in (f["name"] for f in resource["schema"]["fields"] if f["type"] == "date"):
            assert pd.api.types.is_datetime64_any_dtype(sheet[field]), (name, field)
        fields = re.search(rf'<dl [^>]*id="fields-{name}"[^>]*>(.*?)</dl>', dictionary, re.S)[1]
        assert fields.count("<dt>") == len(resource["schema"]["fields"])
        for field in resource["schema"]["fields"]:
            assert f"<dd>{html.escape(field['description'])}<br>" in fields, (name, field["name"])
    assert workbook["reports"]["fiscal_year"].tolist() == [2018, 2019, 2020]


@pytest.mark.plan
def test_real_package_goes_through_the_data_stage_with_the_cycle_empty(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs = build(PACKAGE, tmp_path / "out", capsys)
    workbook = pd.read_excel(docs / "data" / "datapackage.xlsx", sheet_name=None)
    for name in CYCLE_RESOURCES:
        canonical = (PACKAGE / "data" / f"{name}.csv").read_bytes()
        assert canonical.count(b"\n") == 1  # the header only: no report transcribed yet
        assert (docs / "data" / f"{name}.csv").read_bytes() == canonical
        assert workbook[name].empty and len(workbook[name].columns) > 0


def test_a_plan_with_reports_but_no_progress_or_evaluations_builds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Every cycle resource is optional on its own (design §9), not only all three together."""
    package = tmp_path / "package"
    shutil.copytree(CYCLE, package)
    package_descriptor = descriptor(package)
    package_descriptor["resources"] = [r for r in package_descriptor["resources"] if r["name"] not in ("action_progress", "evaluations")]
    (package / "datapackage.json").write_text(json.dumps(package_descriptor, ensure_ascii=False, indent=2), encoding="utf-8")
    for name in ("action_progress", "evaluations"):
        (package / "data" / f"{name}.csv").unlink()
    assert main(["--check", "--data", str(package)]) == 0, capsys.readouterr().out
    docs = build(package, tmp_path / "out", capsys)
    assert (docs / "data" / "reports.csv").is_file()
    assert not (docs / "data" / "evaluations.csv").exists()
    assert set(pd.read_excel(docs / "data" / "datapackage.xlsx", sheet_name=None)) >= {"reports"}

