"""The staff workflow's documents and GitHub workflows are tested artifacts (issue 7).

CONTRIBUTING.md explains every problem code the check can print; every `make` target that README.md
or CONTRIBUTING.md names exists; every command the workflows run exists and is the one the tests
exercise; every action is pinned to a commit hash with its release in a comment. The workflows
themselves cannot run here, so this is what can be checked of them.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from plansite.cli import parse_arguments
from plansite.problems import CODES

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "CONTRIBUTING.md"
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
PINNED = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<action>[\w.-]+/[\w./-]+)@(?P<ref>\S+)(?P<comment>.*)$")


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def section(text: str, title: str) -> str:
    """One '##' section of a Markdown text, up to the next heading of the same or a higher level."""
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert match, f"no section {title!r}"
    return match.group(1)


def makefile_targets() -> set[str]:
    return set(re.findall(r"^([A-Za-z][\w-]*):", read(ROOT / "Makefile"), re.M))


def load_workflow(path: Path) -> dict:
    # YAML 1.1 reads the key `on` as True; GitHub reads it as "on"
    workflow = yaml.safe_load(read(path))
    if True in workflow:
        workflow["on"] = workflow.pop(True)
    return workflow


def run_lines(path: Path) -> list[str]:
    """Every shell line of every `run:` step, with continuation lines joined."""
    lines = []
    for job in load_workflow(path)["jobs"].values():
        for step in job.get("steps", []):
            if "run" in step:
                script = step["run"].replace("\\\n", " ")
                lines += [line.strip() for line in script.splitlines() if line.strip() and not line.strip().startswith("#")]
    return lines


# CONTRIBUTING.md ---------------------------------------------------------------------------------


def code_rows() -> dict[str, list[str]]:
    rows: dict[str, list[str]] = {}
    for line in section(read(GUIDE), "検証のメッセージと直し方").splitlines():
        match = re.match(r"^\| `([a-z-]+)` \|(.*)\|$", line)
        if match:
            assert match[1] not in rows, f"{match[1]} twice"
            rows[match[1]] = [cell.strip() for cell in match[2].split("|")]
    return rows


@pytest.mark.parametrize("code", sorted(CODES))
def test_every_problem_code_is_explained_with_a_fix(code: str) -> None:
    """A clerk who sees a code in an annotation finds what it means and what to change."""
    rows = code_rows()
    assert code in rows, f"CONTRIBUTING.md: no row for {code}"
    meaning, fix = rows[code]
    assert meaning and fix


def test_no_unknown_code_is_explained() -> None:
    assert set(code_rows()) == set(CODES)


@pytest.mark.plan
def test_the_example_annotation_is_what_the_check_prints(tmp_path: Path) -> None:
    """The guide's sample annotation names the code and message that the check really gives."""
    sample = section(read(GUIDE), "4. 確認の結果を読む")
    block = re.search(r"```text\n(.*?)```", sample, re.S)[1].splitlines()
    where, code, message = block
    line = int(re.search(r"on line ([0-9]+) in datapackage/data/observations.csv", where)[1])
    typed = re.search(r"「([^」]+)」に", message)[1]
    # the same mistake, made on the same line of a copy of the real package
    shutil.copytree(ROOT / "datapackage", tmp_path / "datapackage")
    observations = tmp_path / "datapackage" / "data" / "observations.csv"
    rows = observations.read_text(encoding="utf-8").splitlines()
    assert len(rows) + 1 == line
    rows.append(f"partnership-awareness,2020,{typed},出典,,2027-06-01")
    observations.write_text("\n".join(rows) + "\n", encoding="utf-8")
    check = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_data.py"), "--check", "--format", "github"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )
    assert check.stdout.strip() == f"::error file=datapackage/data/observations.csv,line={line},col=3,title={code}::{message}"


def test_the_guide_names_the_columns_of_observations_in_order() -> None:
    """Step 1 lists the columns left to right, and the Excel step names the date column's letter."""
    header = (ROOT / "datapackage" / "data" / "observations.csv").read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    listed = re.search(r"列は左から(.+?)の[0-9]+つです", read(GUIDE))[1]
    assert re.findall(r"`([a-z_]+)`", listed) == header
    letter = "ABCDEFGHIJ"[header.index("published")]
    assert f"`published` 列（{letter} 列）" in read(GUIDE)


@pytest.mark.parametrize("document", ["README.md", "CONTRIBUTING.md"])
def test_every_make_target_named_in_the_docs_exists(document: str) -> None:
    text = read(ROOT / document)
    named = set(re.findall(r"`make ([a-z][\w-]*)`", text))
    for block in re.findall(r"```(?:sh|console|bash)?\n(.*?)```", text, re.S):
        named |= set(re.findall(r"^make ([a-z][\w-]*)", block, re.M))
    assert named, document
    assert named <= makefile_targets(), named - makefile_targets()


def test_the_commands_in_the_guide_are_accepted_by_the_cli() -> None:
    for block in re.findall(r"```sh\n(.*?)```", read(GUIDE), re.S):
        for line in block.splitlines():
            words = shlex.split(line, comments=True)
            if words[:2] == [".venv/bin/python", "scripts/build_data.py"]:
                parse_arguments(words[2:])  # exits 2 on an unknown option


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation (・ too) dropped, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_links_in_the_guide_resolve() -> None:
    """Relative links point at files that exist, and at headings that exist in them."""
    links = re.findall(r"\]\(([^)#:]+)(?:#([^)]*))?\)", read(GUIDE))
    assert links
    for target, anchor in links:
        assert (ROOT / target).exists(), target
        if anchor:
            headings = re.findall(r"^#+ (.+)$", read(ROOT / target), re.M)
            assert anchor in {slug(h) for h in headings}, f"{target}#{anchor}"


def test_readme_links_to_the_guide() -> None:
    assert "(CONTRIBUTING.md)" in read(ROOT / "README.md")


# Workflows ---------------------------------------------------------------------------------------


SCHEMAS = [  # check-jsonschema's vendored copies of the schemas GitHub publishes (SchemaStore)
    ("vendor.github-workflows", ".github/workflows/*.yml"),
    ("vendor.github-issue-forms", ".github/ISSUE_TEMPLATE/indicator-question.yml"),
    ("vendor.github-issue-config", ".github/ISSUE_TEMPLATE/config.yml"),
]


@pytest.mark.parametrize(("schema", "pattern"), SCHEMAS, ids=[s[0] for s in SCHEMAS])
def test_github_files_match_githubs_schemas(schema: str, pattern: str) -> None:
    """A misspelt key (`permisions:`) or a form field GitHub rejects is caught here, not after a push."""
    files = sorted(str(p) for p in ROOT.glob(pattern))
    assert files
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, *files],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_there_are_the_two_workflows() -> None:
    assert [p.name for p in WORKFLOWS] == ["deploy.yml", "pull-request.yml"]


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_every_action_is_pinned_to_a_commit_with_its_release(workflow: Path) -> None:
    uses = [line for line in read(workflow).splitlines() if re.match(r"^\s*(-\s+)?uses:", line)]
    assert uses
    for line in uses:
        match = PINNED.match(line)
        assert match, line
        assert re.fullmatch(r"[0-9a-f]{40}", match["ref"]), line
        assert re.fullmatch(r"\s+# v[0-9]+\.[0-9]+\.[0-9]+", match["comment"]), line


def run_git(words: list[str], home: Path) -> None:
    """The two git commands the workflows use, run here (the global config in a temporary home)."""
    env = {"HOME": str(home), "GIT_CONFIG_GLOBAL": str(home / ".gitconfig"), "GITHUB_WORKSPACE": str(ROOT), "PATH": os.environ["PATH"]}
    if words[1:] == ["log", "-1", "--format=%ct"]:
        stamp = subprocess.run(words, cwd=ROOT, env=env, capture_output=True, text=True, check=True).stdout
        assert stamp.strip().isdigit()
    elif words[1:] == ["config", "--global", "--add", "safe.directory", "$GITHUB_WORKSPACE"]:
        subprocess.run(["sh", "-c", shlex.join(words[:-1]) + ' "$GITHUB_WORKSPACE"'], env=env, check=True)
        added = subprocess.run(["git", "config", "--global", "--get-all", "safe.directory"], env=env, capture_output=True, text=True, check=True)
        assert added.stdout.split() == [str(ROOT)]
    else:
        raise AssertionError(f"a git command the tests do not know: {shlex.join(words)}")


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_every_command_a_workflow_runs_exists(workflow: Path, tmp_path: Path) -> None:
    """Each `run:` line is a make target, the CLI with options it accepts, or one of a few shell words."""
    targets = makefile_targets()
    for line in run_lines(workflow):
        commands = [line] + re.findall(r"\$\(([^)]*)\)", line)
        for command in commands:
            words = shlex.split(command)
            program = words[0]
            if program == "make":
                assert set(words[1:]) <= targets, line
            elif program == ".venv/bin/python":
                assert (ROOT / words[1]).is_file(), line
                assert words[1] == "scripts/build_data.py", line
                parse_arguments(words[2:])
            elif program == "git":
                run_git(words, tmp_path)
            else:
                assert program in ("echo", "{", "}"), f"{workflow.name}: a command the tests do not know: {line}"


def test_make_build_runs_what_the_scenario_test_runs() -> None:
    """test_staff_scenario builds with these two commands; `make build` must be exactly them."""
    dry = subprocess.run(["make", "-n", "build"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    steps = [line for line in dry.splitlines() if "scripts/build_data.py" in line or "mkdocs" in line]
    assert steps == [".venv/bin/python scripts/build_data.py", ".venv/bin/mkdocs build --strict"]


def test_pull_requests_are_checked_built_previewed_and_tested() -> None:
    workflow = load_workflow(ROOT / ".github" / "workflows" / "pull-request.yml")
    assert "pull_request" in workflow["on"]
    lines = run_lines(ROOT / ".github" / "workflows" / "pull-request.yml")
    assert ".venv/bin/python scripts/build_data.py --check --format github" in lines
    assert lines.index("make build") < lines.index("make test")
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    upload = next(step for step in steps if step.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"].rstrip("/") == "site"


def test_main_is_built_and_deployed_to_pages() -> None:
    workflow = load_workflow(ROOT / ".github" / "workflows" / "deploy.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    steps = workflow["jobs"]["build"]["steps"]
    pages = next(step for step in steps if step.get("id") == "pages")
    assert pages["uses"].startswith("actions/configure-pages@")
    build = next(step for step in steps if step.get("run") == "make build")
    assert build["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}"
    assert steps.index(pages) < steps.index(build)
    stamp = next(step for step in steps if "SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)" in step.get("run", ""))
    assert steps.index(stamp) < steps.index(build)
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")


def test_mkdocs_reads_the_published_address_from_site_url() -> None:
    assert re.search(r"^site_url: !ENV \[SITE_URL, ", read(ROOT / "mkdocs.yml"), re.M)


# Templates ---------------------------------------------------------------------------------------


def test_the_pull_request_checklist_asks_what_a_reviewer_checks() -> None:
    checklist = [line for line in read(ROOT / ".github" / "pull_request_template.md").splitlines() if line.startswith("- [ ] ")]
    text = "\n".join(checklist)
    for item in ("出典", "年度は**始まる年**", "単位", "プレビュー", "`published`"):
        assert item in text, item


def test_the_question_form_is_a_valid_issue_form() -> None:
    """GitHub ignores a malformed form silently; these are the keys it requires."""
    forms = sorted((ROOT / ".github" / "ISSUE_TEMPLATE").glob("*.yml"))
    questions = [yaml.safe_load(read(p)) for p in forms if p.name != "config.yml"]
    assert questions
    for form in questions:
        assert form["name"] and form["description"] and form["body"]
        ids = [item["id"] for item in form["body"] if item["type"] != "markdown"]
        assert len(ids) == len(set(ids))
        assert all(item["attributes"]["label"] for item in form["body"] if item["type"] != "markdown")
        assert any(item.get("validations", {}).get("required") for item in form["body"])
