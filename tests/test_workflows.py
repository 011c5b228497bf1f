"""The workflows can do their job on the first push, and no more than their job.

The workflows cannot run here, so what each pinned action needs from the GITHUB_TOKEN is written down
below, from the action's own action.yml, README and source at the pinned commit; each job must ask for
exactly the union of what its steps need (nothing missing, nothing extra).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))

# action@commit → (release, token permissions it needs). Each commit is the one the release's tag
# points at in the action's repository; the permissions are the action's own documentation or code.
ACTIONS = {
    # Reads the repository (its README: "contents: read"); persist-credentials is asked separately
    "actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683": ("v4.2.2", {"contents": "read"}),
    # Downloads Python from the public actions/python-versions: any token will do, no scope
    "actions/setup-python@a26af69be951a213d495a4c3e4e4022e16d87065": ("v5.6.0", {}),
    # src/api-client.js: octokit.rest.repos.getPages (GET /repos/{owner}/{repo}/pages), which needs the
    # "Pages" repository permission (read); with enablement false it never creates the site
    "actions/configure-pages@983d7736d9b0ae728b81ab479565c72886d7745b": ("v5.0.0", {"pages": "read"}),
    # A composite: tar, then actions/upload-artifact, which uses the runner's artifact token
    "actions/upload-pages-artifact@56afc609e74202658d3ffba0e8f6dda462b719fa": ("v3.0.1", {}),
    # Its README: "must at minimum have pages: write, id-token: write"
    "actions/deploy-pages@d6db90164ac5ed86f2b6aed7e0febac5b3c0c03e": ("v4.0.5", {"pages": "write", "id-token": "write"}),
    # The runner's artifact token (ACTIONS_RUNTIME_TOKEN); no token input at all
    "actions/upload-artifact@ea165f8d65b6e75b540449e92b4886f43607fa02": ("v4.6.2", {}),
}
LEVELS = {"read": 1, "write": 2}


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def jobs(paths: list[Path] = WORKFLOWS) -> list[tuple[str, str, dict]]:
    return [(path.name, name, job) for path in paths for name, job in load(path)["jobs"].items()]


def needed(job: dict) -> dict[str, str]:
    """The union of what the job's actions need, the higher level winning."""
    need: dict[str, str] = {}
    for step in job.get("steps", []):
        if "uses" in step:
            for scope, level in ACTIONS[step["uses"]][1].items():
                if LEVELS[level] > LEVELS.get(need.get(scope, ""), 0):
                    need[scope] = level
    return need


def test_there_are_workflows_to_check():
    assert {path.name for path in WORKFLOWS} == {"deploy.yml", "pull-request.yml"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_the_workflow_grants_nothing_by_default(path):
    assert load(path)["permissions"] == {}


@pytest.mark.parametrize(("workflow", "name", "job"), jobs(), ids=lambda v: v if isinstance(v, str) else "")
def test_each_job_asks_for_exactly_what_its_actions_need(workflow, name, job):
    for step in job.get("steps", []):
        if "uses" in step:
            assert step["uses"] in ACTIONS, f"{workflow} {name}: {step['uses']} is not in the table of pinned actions"
    assert job.get("permissions") == needed(job), f"{workflow} {name}"


def test_configure_pages_can_read_the_site_and_deploy_can_deploy():
    """The two permissions whose absence only shows on the first push to main."""
    deploy = load(ROOT / ".github" / "workflows" / "deploy.yml")["jobs"]
    assert deploy["build"]["permissions"]["pages"] == "read"
    assert deploy["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_to_the_commit_of_the_named_release(path):
    text = path.read_text(encoding="utf-8")
    uses = re.findall(r"uses: (\S+)(?: # (\S+))?", text)
    assert uses
    for action, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), action
        assert comment == ACTIONS[action][0], f"{action}: the comment names {comment}, the commit is {ACTIONS[action][0]}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_checkouts_do_not_keep_the_token(path):
    checkouts = [step for _, _, job in jobs([path]) for step in job["steps"] if step.get("uses", "").startswith("actions/checkout@")]
    assert checkouts
    for step in checkouts:
        assert step.get("with", {}).get("persist-credentials") is False


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_script_uses_the_token(path):
    """The table covers every use of the token only if no run: step uses it on its own."""
    for _, _, job in jobs([path]):
        for step in job["steps"]:
            script = step.get("run", "") + str(step.get("env", ""))
            assert "github.token" not in script and "GITHUB_TOKEN" not in script and "secrets." not in script


def test_the_container_is_pinned_by_digest():
    job = load(ROOT / ".github" / "workflows" / "pull-request.yml")["jobs"]["check"]
    assert re.fullmatch(r"python:3\.11-bookworm@sha256:[0-9a-f]{64}", job["container"]["image"])


def test_deploy_installs_only_what_building_needs():
    """`make setup` and `make build` take the lock from REQUIREMENTS (the Makefile's `?=`)."""
    build = load(ROOT / ".github" / "workflows" / "deploy.yml")["jobs"]["build"]
    assert build["env"]["REQUIREMENTS"] == "requirements/build.txt"
    runs = [step.get("run", "") for step in build["steps"]]
    assert [run for run in runs if run.startswith("make ")] == ["make setup", "make build"]
    assert not any("[test]" in run or "requirements/test.txt" in run or "pip install" in run for run in runs)
    assert "REQUIREMENTS ?= requirements/test.txt" in (ROOT / "Makefile").read_text(encoding="utf-8")


def test_the_pull_request_check_installs_the_test_lock():
    check = load(ROOT / ".github" / "workflows" / "pull-request.yml")["jobs"]["check"]
    assert "REQUIREMENTS" not in check.get("env", {}) and "REQUIREMENTS" not in str(load(ROOT / ".github" / "workflows" / "pull-request.yml").get("env"))
    runs = [step.get("run", "") for step in check["steps"]]
    assert "make setup" in runs and "make test" in runs
    assert not any("pip install" in run for run in runs)


def test_the_site_builds_get_the_font_of_the_share_cards():
    """The data stage draws the share cards with Noto Sans CJK (card.py) and stops without it. Both
    workflows build with `make build` (the deploy job before anything else that builds), whose fonts
    target installs fonts-noto-cjk: as root in the pull-request container, through the Ubuntu runner's
    password-less sudo in the deploy job."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("build", "test", "serve", "bench"):
        assert re.search(rf"^{target}:[^\n]*\bfonts\b", makefile, re.M), target
    recipe = makefile.split("\nfonts:", 1)[1].split("\n\n", 1)[0]
    assert "apt-get install -y -qq fonts-noto-cjk" in recipe and "sudo -n true" in recipe and 'id -u)" = 0' in recipe
    for path, job in (("deploy.yml", "build"), ("pull-request.yml", "check")):
        runs = [step.get("run", "") for step in load(ROOT / ".github" / "workflows" / path)["jobs"][job]["steps"]]
        assert "make build" in runs, path
        assert not any("mkdocs build" in run or run.startswith(".venv/bin/python scripts/build_data.py") and "--check" not in run
                       for run in runs), path
