"""The set-up promises: one package set, one test command, explicit public names."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import tomllib
from pathlib import Path

import pytest
import yaml

import bsckit

ROOT = Path(__file__).resolve().parents[1]


def _name(requirement: str) -> str:
    """Normalised distribution name of a requirement string (PEP 503)."""
    bare = re.split(r"[<>=!~;\[ ]", requirement.strip(), maxsplit=1)[0]
    return re.sub(r"[-_.]+", "-", bare).lower()


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def _conda_sets() -> tuple[set[str], list[str]]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda, pip = set(), []
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            pip.extend(dep.get("pip", []))
        else:
            conda.add(_name(dep))
    return conda - {"python", "pip"}, pip


def test_environment_yml_matches_pyproject_dependencies():
    runtime = {_name(r) for r in _pyproject()["project"]["dependencies"]}
    conda, _pip = _conda_sets()
    assert conda == runtime, (
        f"environment.yml and pyproject.toml disagree: only in environment.yml {sorted(conda - runtime)}, "
        f"only in pyproject.toml {sorted(runtime - conda)}"
    )


def test_environment_yml_versions_match_pyproject_bounds():
    bounds = {_name(r): r.split(_name(r), 1)[-1] for r in _pyproject()["project"]["dependencies"]}
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    for dep in env["dependencies"]:
        if isinstance(dep, str) and _name(dep) in bounds:
            spec = re.sub(r"^[A-Za-z0-9_.\-]+", "", dep)
            assert spec.replace(" ", "") == bounds[_name(dep)].replace(" ", ""), dep


def test_environment_yml_is_conda_forge_without_build_strings_and_pip_installs_the_kit():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert env["channels"] == ["conda-forge"]
    for dep in env["dependencies"]:
        if isinstance(dep, str):
            # a build string is a second '=' group after the version, e.g. pandas=2.2=py311h...
            assert dep.count("=") <= 2 and not re.search(
                r"=[^=<>,]*=", dep.replace(">=", "").replace("<=", "")
            ), dep
    _conda, pip = _conda_sets()
    assert pip == ["-e ."]


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    commands = re.findall(r"^\s*(make \w[\w-]*)\s*$", readme, re.M)
    assert "make test" in commands and "make course" in commands
    ci = (ROOT / ".ci" / "run").read_text()
    assert re.search(r"^make test\s*$", ci, re.M)
    assert "set -e" in ci


def test_make_lab_never_uses_an_empty_token_and_binds_loopback():
    makefile = (ROOT / "Makefile").read_text()
    lab = makefile.split("\nlab:", 1)[1].split("\n\n", 1)[0]
    assert "--ServerApp.ip=127.0.0.1" in lab
    assert "secrets.token_urlsafe" in lab
    assert "token=''" not in lab and 'token=""' not in lab


def test_console_script_points_at_cli_main():
    assert _pyproject()["project"]["scripts"]["bsckit"] == "bsckit.course.cli:main"


def _public_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(bsckit.__path__, prefix="bsckit."):
        parts = info.name.split(".")
        if any(p.startswith("_") for p in parts[1:]):
            continue
        names.append(info.name)
    return ["bsckit", *names]


@pytest.mark.parametrize("module_name", _public_modules())
def test_all_matches_public_names(module_name):
    """Every public module declares __all__, and it lists exactly its public definitions."""
    module = importlib.import_module(module_name)
    assert hasattr(module, "__all__"), f"{module_name} has no __all__"
    exported = set(module.__all__)
    missing = [name for name in exported if not hasattr(module, name)]
    assert not missing, f"{module_name}.__all__ names undefined {missing}"
    source_file = getattr(module, "__file__", None)
    if source_file is None or source_file.endswith("__init__.py"):
        return  # packages re-export; their __all__ is checked for existence above
    tree = ast.parse(Path(source_file).read_text())
    defined = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.ClassDef | ast.AsyncFunctionDef):
            defined.add(node.name)
    public = {n for n in defined if not n.startswith("_")}
    assert public <= exported, (
        f"{module_name}: public but not in __all__: {sorted(public - exported)}"
    )


def test_library_never_imports_the_course_authoring_tools():
    """Imports go one way: bsckit.course may use the library, never the other way round."""
    offenders = []
    for path in sorted((ROOT / "bsckit").rglob("*.py")):
        if "course" in path.relative_to(ROOT / "bsckit").parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            offenders += [
                f"{path.relative_to(ROOT)}: {n}" for n in names if n.startswith("bsckit.course")
            ]
    assert not offenders, f"the library imports the authoring tools: {offenders}"


def test_make_test_checks_chromium_first_and_installs_or_says_how():
    makefile = (ROOT / "Makefile").read_text()
    prerequisites = re.search(r"^test:(.*)$", makefile, re.M).group(1).split()
    assert prerequisites[0] == "chromium"  # before the minutes of lint, tests and notebooks
    target = makefile.split("\nchromium:", 1)[1].split("\n\n", 1)[0]
    assert '"$$(id -u)" = 0' in target  # installs only as root
    assert "apt-get update" in target and "apt-get install -y -qq chromium" in target
    assert "sudo apt-get update && sudo apt-get install -y chromium" in target  # else: the command
    assert "exit 1" in target
    assert "playwright install" not in makefile


def test_make_distclean_removes_every_environment_the_kit_makes():
    """`make distclean` (dry run) removes .venv, the class's .venv and its node_modules."""
    import shutil
    import subprocess

    make = shutil.which("make")
    assert make, "make is needed for the kit (README: only Python 3.11+ and make)"
    done = subprocess.run(
        [make, "-n", "distclean"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    removed = {
        word
        for line in done.stdout.splitlines()
        if line.startswith("rm -rf")
        for word in line.split()[2:]
    }
    assert {".venv", "class/.venv", "class/node_modules", "build"} <= removed
