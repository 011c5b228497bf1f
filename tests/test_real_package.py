"""Convention tests over the real datapackage/: it validates, it is documented, and it says what the plan says.

The expected figures below are transcribed by hand from datapackage/sources/plan-chapter5.txt
(section 成果指標) and the role table is read from the same text by tests/seed.py, so a slip in a CSV
is caught against the source document, not against a second copy of the CSV.

The convention tests hold for any plan's package and run in a fork too; the tests marked `plan`
(Shimonoseki's resources, figures and roles, and the fixtures' schema against this package's) run only
where datapackage/ is Shimonoseki's (tests/plan.py).
"""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from mutations import CYCLE, VALID
from plansite.cli import main
from seed import ACTORS, read_role_table, read_seed

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "datapackage"
CYCLE_RESOURCES = {"reports", "action_progress", "evaluations"}


def read_descriptor(root: Path = PACKAGE) -> dict:
    return json.loads((root / "datapackage.json").read_text(encoding="utf-8"))


def read_csv(name: str) -> list[dict[str, str]]:
    resource = next(r for r in read_descriptor()["resources"] if r["name"] == name)
    with open(PACKAGE / resource["path"], encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file))


# Validity ----------------------------------------------------------------------------------------


def test_real_package_validates(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--check", "--data", str(PACKAGE)]) == 0, capsys.readouterr().out


def test_frictionless_cli_agrees() -> None:
    """The reference validator's own command line, as a data user would run it."""
    frictionless = Path(sys.executable).parent / "frictionless"
    result = subprocess.run(
        [str(frictionless), "validate", "datapackage/datapackage.json"],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_field_and_resource_is_described() -> None:
    """The /data/ page's data dictionary is generated from these descriptions."""
    for resource in read_descriptor()["resources"]:
        assert resource.get("title") and resource.get("description"), resource["name"]
        for field in resource["schema"]["fields"]:
            assert field.get("description", "").strip(), f"{resource['name']}.{field['name']}"
            assert field.get("title", "").strip(), f"{resource['name']}.{field['name']}"


@pytest.mark.plan
def test_contract_resources_and_fields_exist() -> None:
    """Design §2: these names are a contract; fields may be added, none renamed."""
    contract = {
        "policies": {"policy_id", "title"},
        "indicators": {"indicator_id", "policy_id", "name", "measure", "unit", "period_type", "direction",
                       "baseline_period", "target_period", "target_value", "source"},
        "observations": {"indicator_id", "period", "value", "source", "note"},
        "actors": {"actor_id", "name"},
        "actions": {"action_id", "policy_id", "name"},
        "roles": {"action_id", "actor_id"},
        # design §9, the yearly cycle of chapter 5
        "reports": {"report_id", "fiscal_year", "title", "published", "url", "evaluated", "reported_to_committee", "source"},
        "action_progress": {"report_id", "action_id", "actor_id", "status", "activities", "department", "source"},
        "evaluations": {"report_id", "scope", "evaluation", "proposals", "source"},
    }
    resources = {r["name"]: r for r in read_descriptor()["resources"]}
    assert set(resources) == set(contract)
    for name, fields in contract.items():
        assert fields <= {f["name"] for f in resources[name]["schema"]["fields"]}, name
        assert resources[name]["path"] == f"data/{name}.csv"


def test_every_referenced_id_exists() -> None:
    """Each foreignKey of the descriptor, checked with the csv module alone."""
    for resource in read_descriptor()["resources"]:
        rows = read_csv(resource["name"])
        for foreign in resource["schema"].get("foreignKeys", []):
            target = read_csv(foreign["reference"]["resource"])
            known = {tuple(row[f] for f in foreign["reference"]["fields"]) for row in target}
            for row in rows:
                assert tuple(row[f] for f in foreign["fields"]) in known, (resource["name"], row)


@pytest.mark.plan
def test_every_policy_has_indicators_and_actions_and_every_action_a_role() -> None:
    policies = {row["policy_id"] for row in read_csv("policies")}
    assert {row["policy_id"] for row in read_csv("indicators")} == policies
    assert {row["policy_id"] for row in read_csv("actions")} == policies
    assert {row["action_id"] for row in read_csv("roles")} == {row["action_id"] for row in read_csv("actions")}


@pytest.mark.plan
def test_fixture_has_the_real_schema() -> None:
    """The test fixtures must not drift from the real package, or the tests test another format.

    The valid fixture has the resources of design §2 only, and so also stands for a plan without the
    optional cycle of §9; the cycle fixture has every resource of the real package.
    """
    real = {r["name"]: r for r in read_descriptor()["resources"]}
    fixture = {r["name"]: r for r in read_descriptor(VALID)["resources"]}
    assert set(fixture) == set(real) - CYCLE_RESOURCES
    assert fixture == {name: real[name] for name in fixture}
    assert {r["name"]: r for r in read_descriptor(CYCLE)["resources"]} == real


@pytest.mark.plan
def test_the_cycle_tables_hold_no_invented_rows() -> None:
    """No annual report after the baseline has been transcribed yet (design §9): headers only, until
    staff add a report with its source. This test is to be changed with the first real report."""
    for name in CYCLE_RESOURCES:
        assert read_csv(name) == [], name


# Same as the plan ---------------------------------------------------------------------------------

# 成果指標, transcribed from plan-chapter5.txt. The table's column heads are 現状値 (平成 26 年) and
# 目標値 (平成 32 年); the two rows 「総合計画より」 name their own fiscal years (平成25/26年度 → 平成31年度).
# 年度 is named by the western year it starts (design §2).
#  indicator_id, policy, measure, unit, period_type, baseline_period, baseline, target_period, target
PLAN_INDICATORS = [
    ("partnership-awareness", "p1", "知っている", "%", "年", 2014, 10.6, 2020, 15),
    ("city-participation", "p1", "参画したことがある", "%", "年", 2014, 9.1, 2020, 15),
    ("centre-registered-groups", "p1", "", "団体", "年度", 2014, 254, 2019, 260),
    ("collaborative-measures", "p2", "", "施策", "年", 2014, 59, 2020, 70),
    ("centre-use", "p2", "利用したことがある", "%", "年", 2014, 4.1, 2020, 10),
    ("centre-awareness", "p2", "知っている（認知度）", "%", "年", 2014, 7.4, 2020, 20),
    ("civic-activity-participation", "p2", "参加したことがある", "%", "年", 2014, 29.3, 2020, 35),
    ("centre-users", "p2", "", "人", "年度", 2013, 28239, 2019, 29000),
    ("network-promotion-measures", "p3", "", "施策", "年", 2014, 4, 2020, 10),
    ("intermediary-support-groups", "p3", "", "団体", "年", 2014, 2, 2020, 4),
]


@pytest.mark.plan
def test_indicators_equal_the_plan() -> None:
    indicators = {row["indicator_id"]: row for row in read_csv("indicators")}
    observations = {(row["indicator_id"], int(row["period"])): float(row["value"]) for row in read_csv("observations")}
    assert len(indicators) == len(PLAN_INDICATORS) == 10
    for id, policy, measure, unit, period_type, baseline_period, baseline, target_period, target in PLAN_INDICATORS:
        row = indicators[id]
        assert (row["policy_id"], row["measure"], row["unit"], row["period_type"]) == (policy, measure, unit, period_type), id
        assert (int(row["baseline_period"]), int(row["target_period"])) == (baseline_period, target_period), id
        assert float(row["target_value"]) == target, id
        assert observations[(id, baseline_period)] == baseline, id
        assert row["direction"] == "increase", id


def normalise(text: str) -> str:
    """Compare with the plan's text whatever its spacing and half-/full-width brackets."""
    return re.sub(r"\s+|※", "", unicodedata.normalize("NFKC", text))


@pytest.mark.plan
def test_indicator_names_are_the_plans() -> None:
    """Names as printed; the plan's one row 「…の利用・認知度」 is split in two (design §2)."""
    plan = normalise(read_seed()[read_seed().index("成果指標") : read_seed().index("役割区分")])
    for row in read_csv("indicators"):
        name = re.sub(r"（(利用|認知度)）$", "", row["name"])
        assert normalise(name) in plan, row["name"]
        assert normalise(row["measure"]) in plan, row["measure"]


@pytest.mark.plan
def test_policies_are_the_plans() -> None:
    plan = normalise(read_seed())
    for row in read_csv("policies"):
        assert normalise(f"基本方針{row['number']}{row['title']}") in plan
        assert row["policy_id"] == f"p{row['number']}"


@pytest.mark.plan
def test_there_are_only_baseline_observations() -> None:
    """Never invent a number: actuals after the baseline come from the annual reports, not yet transcribed."""
    baselines = {(row["indicator_id"], int(row["baseline_period"])) for row in read_csv("indicators")}
    observed = [(row["indicator_id"], int(row["period"])) for row in read_csv("observations")]
    assert sorted(observed) == sorted(baselines)
    for row in read_csv("observations"):
        assert "基本計画" in row["source"], row


@pytest.mark.plan
def test_role_matrix_equals_the_plans() -> None:
    """Every ○ of the plan's 役割区分 table is one role, and there is no other role."""
    policies = {row["policy_id"]: int(row["number"]) for row in read_csv("policies")}
    actors = {row["actor_id"]: row["name"] for row in read_csv("actors")}
    actions = {row["action_id"]: row for row in read_csv("actions")}
    assert sorted(actors.values(), key=ACTORS.index) == list(ACTORS)
    data: dict[tuple[int, str], list[tuple[int, str]]] = {}
    for role in read_csv("roles"):
        action = actions[role["action_id"]]
        key = (policies[action["policy_id"]], actors[role["actor_id"]])
        data.setdefault(key, []).append((int(action["order"]), action["name"]))
    plan = {(number, actor): items for number, columns in read_role_table().items() for actor, items in columns.items()}
    assert set(data) == set(plan)
    for key, items in plan.items():
        # same items, in the plan's order
        assert [name for _, name in sorted(data[key])] == items, key


@pytest.mark.plan
def test_actions_are_the_union_of_the_plans_columns_in_order() -> None:
    """One action per distinct ○ item of a policy, numbered in the order the plan lists them."""
    policies = {row["policy_id"]: int(row["number"]) for row in read_csv("policies")}
    by_policy: dict[int, list[str]] = {}
    for row in sorted(read_csv("actions"), key=lambda row: (row["policy_id"], int(row["order"]))):
        by_policy.setdefault(policies[row["policy_id"]], []).append(row["name"])
        assert row["action_id"] == f"{row['policy_id']}-{int(row['order']):02d}"
    for number, columns in read_role_table().items():
        assert set(by_policy[number]) == {item for items in columns.values() for item in items}
        assert len(by_policy[number]) == len(set(by_policy[number]))
