"""The class hub's files: roster rules, passwords, pins, and the Binder / Zero to JupyterHub set-up.

The hub itself is exercised end to end by tests/hub (make test-class); these are the quick checks
of its configuration that need neither root nor a running hub.
"""

from __future__ import annotations

import doctest
import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
CLASS = ROOT / "class"


def _module(path: Path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    spec.loader.exec_module(module)
    return module


classroom = _module(CLASS / "classroom.py")
check_values = _module(CLASS / "z2jh" / "check_values.py")


@pytest.mark.parametrize("module", [classroom, check_values], ids=lambda m: m.__name__)
def test_doctests_of_the_class_tools(module):
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0


def test_all_lists_public_names_that_exist():
    for name in classroom.__all__:
        assert hasattr(classroom, name), name


# ---- roster -------------------------------------------------------------------------------------
def _roster(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "roster.txt"
    path.write_text(text)
    return path


def test_roster_reads_names_and_full_names_and_skips_comments(tmp_path):
    learners = classroom.read_roster(_roster(tmp_path, "# room 2\n\nZoe, Zoe Li\nmax-b\n"))
    assert [(x.name, x.full_name) for x in learners] == [("zoe", "Zoe Li"), ("max-b", "")]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("root;rm\n", ["line 1", "'root;rm'", "a-z"]),
        ("alice\nbob\nalice\n", ["line 3", "'alice'", "twice"]),
        ("# nobody\n\n", ["names no learner"]),
        ("9lives\n", ["line 1", "'9lives'", "starting with a letter"]),
        ("x" * 30 + "\n", ["line 1", "1-24 characters"]),
    ],
)
def test_roster_errors_name_the_line_the_value_and_the_rule(tmp_path, text, words):
    with pytest.raises(ValueError) as error:
        classroom.read_roster(_roster(tmp_path, text))
    for word in words:
        assert word in str(error.value)


def test_a_missing_roster_says_what_to_write(tmp_path):
    with pytest.raises(FileNotFoundError, match="one learner name a line"):
        classroom.read_roster(tmp_path / "absent.txt")


def test_the_example_roster_is_valid():
    assert len(classroom.read_roster(CLASS / "roster.example.txt")) >= 3


def test_learner_accounts_never_take_a_system_name():
    assert classroom.unix_name("root") == "bsc-root"


# ---- passwords ----------------------------------------------------------------------------------
def test_password_hashes_are_salted_and_verify_only_the_right_password():
    first, second = classroom.hash_password("s3cret"), classroom.hash_password("s3cret")
    assert first != second  # a fresh salt each time
    assert classroom.verify_password("s3cret", first) and classroom.verify_password(
        "s3cret", second
    )
    assert not classroom.verify_password("s3cret!", first)
    assert not classroom.verify_password("s3cret", "plain-text")
    assert "s3cret" not in first


def test_accounts_without_unix_users_need_no_root_and_keep_passwords_private(tmp_path):
    state = tmp_path / "state"
    made = classroom.create_accounts(
        classroom.read_roster(_roster(tmp_path, "ann\nben\n")),
        state,
        instructor="teacher",
        unix_accounts=False,
    )
    assert sorted(made) == ["ann", "ben", "teacher"]
    assert len(set(made.values())) == 3 and all(len(p) >= 12 for p in made.values())
    accounts = classroom.load_accounts(state)
    assert [n for n, r in accounts.items() if r["admin"]] == ["teacher"]
    stored = (state / "accounts.json").read_text()
    assert not any(password in stored for password in made.values())
    for private in (state, state / "accounts.json", state / "credentials.csv"):
        assert private.stat().st_mode & 0o077 == 0, private
    # running it again with one more learner keeps the passwords already handed out
    again = classroom.create_accounts(
        classroom.read_roster(_roster(tmp_path, "ann\nben\ncid\n")), state, unix_accounts=False
    )
    assert list(again) == ["cid"]
    credentials = (state / "credentials.csv").read_text()
    assert f"ann,{made['ann']},learner" in credentials


# ---- pins ---------------------------------------------------------------------------------------
def _pins(text: str) -> dict[str, str]:
    pins = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, version = line.partition("==")
            pins[re.sub(r"[-_.]+", "-", name).lower()] = version
    return pins


def test_the_class_requirements_are_exact_pins_that_override_the_kit_pins_once():
    hub = (CLASS / "requirements.txt").read_text()
    for line in hub.splitlines():
        if line.strip() and not line.startswith("#"):
            assert re.fullmatch(r"[A-Za-z0-9_.\-]+==[0-9][0-9A-Za-z.+\-]*", line), line
    assert {"jupyterhub", "nbgitpuller", "jupyterhub-idle-culler"} <= set(_pins(hub))
    merged = classroom.merge_constraints((ROOT / "requirements/constraints.txt").read_text(), hub)
    names = [n for n in _pins(merged)]
    assert len(names) == len([ln for ln in merged.splitlines() if ln and not ln.startswith("#")])
    assert _pins(merged)["soupsieve"] == _pins(hub)["soupsieve"]


def test_the_proxy_comes_from_npm_at_an_exact_version_locked():
    package = json.loads((CLASS / "package.json").read_text())
    version = package["dependencies"]["configurable-http-proxy"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", version)
    lock = json.loads((CLASS / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/configurable-http-proxy"]["version"] == version


# ---- Binder and Zero to JupyterHub --------------------------------------------------------------
def _conda(path: Path) -> tuple[dict[str, str], list]:
    env = yaml.safe_load(path.read_text())
    specs, pip = {}, []
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            pip.extend(dep.get("pip", []))
        else:
            name = re.split(r"[<>=!~ ]", dep, maxsplit=1)[0]
            specs[name] = dep[len(name) :].replace(" ", "")
    return specs, pip


def test_binder_environment_is_the_kit_environment_plus_the_hub_packages():
    kit, _ = _conda(ROOT / "environment.yml")
    binder, binder_pip = _conda(ROOT / "binder" / "environment.yml")
    extra = set(binder) - set(kit)
    assert extra == {"jupyterhub-singleuser", "nbgitpuller"}
    for name, spec in kit.items():
        if name == "python":
            # repo2docker reads only an exact python=X.Y; it must be the kit's minimum
            assert binder["python"] == "=" + spec.removeprefix(">=")
        else:
            assert binder[name] == spec, name
    # repo2docker installs this file before it copies the repository: no local pip install here
    assert binder_pip == []


def test_binder_post_build_installs_the_kit_not_editable_and_writes_the_exercises():
    script = (ROOT / "binder" / "postBuild").read_text()
    assert script.startswith("#!/bin/bash") and "set -euo pipefail" in script
    assert re.search(r"pip install [^\n]*--no-deps \.$", script, re.M)
    assert " -e " not in script
    assert "bsckit exercises" in script
    assert (ROOT / "binder" / "postBuild").stat().st_mode & 0o111


def test_z2jh_values_use_the_same_limits_logins_and_culling_as_the_local_hub():
    values = yaml.safe_load((CLASS / "z2jh" / "values.yaml").read_text())
    single = values["singleuser"]
    assert single["memory"]["limit"] == classroom.DEFAULT_MEM_LIMIT
    assert float(single["cpu"]["limit"]) == classroom.DEFAULT_CPU_LIMIT
    assert single["defaultUrl"] == "/lab"
    assert "gitpuller" in " ".join(single["lifecycleHooks"]["postStart"]["exec"]["command"])
    assert values["cull"]["enabled"] is True and values["cull"]["timeout"] == 3600
    hub = values["hub"]
    assert set(hub["extraFiles"]) == {"classroom", "accounts"}
    assert "RosterAuthenticator" in hub["extraConfig"]["bsckit-classroom"]


def test_z2jh_values_check_finds_schema_errors(tmp_path):
    chart = tmp_path / "chart"
    chart.mkdir()
    # a miniature chart: the real check runs against the chart's own files (class/README.md)
    (chart / "values.yaml").write_text("cull:\n  enabled: false\n  timeout: 600\n")
    schema = {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "cull": {
                "type": "object",
                "additionalProperties": False,
                "properties": {"enabled": {"type": "boolean"}, "timeout": {"type": "integer"}},
            }
        },
    }
    (chart / "values.schema.yaml").write_text(yaml.safe_dump(schema))
    good = tmp_path / "good.yaml"
    good.write_text("cull:\n  timeout: 3600\n")
    bad = tmp_path / "bad.yaml"
    bad.write_text("cull:\n  timeout: an hour\n  enable: true\n")
    assert check_values.errors(chart, good) == []
    found = check_values.errors(chart, bad)
    assert any("timeout" in e and "integer" in e for e in found)
    assert any("'enable' was unexpected" in e for e in found)


def test_the_guide_and_readme_point_at_each_other():
    guide = (CLASS / "README.md").read_text()
    readme = (ROOT / "README.md").read_text()
    assert "class/README.md" in readme and "make class" in readme
    for topic in ("make class", "roster", "nbgitpuller", "values.yaml", "Binder", "not enforced"):
        assert topic in guide, topic
