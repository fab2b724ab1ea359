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


LIBRARY = ("scorecard", "kpi", "spc", "catalogue", "data", "smart", "widgets", "check", "charts")
"""The learner-facing library (issue 11); the course-authoring tools live in bsckit.course."""


def _modules() -> dict[str, Path]:
    """Every module of bsckit by dotted name (a package by its own name), to its file."""
    found = {}
    for path in sorted((ROOT / "bsckit").rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The bsckit modules ``name`` imports anywhere in its file (lazy imports in functions too;
    relative imports resolved; ``from pkg import sub`` counts as importing ``pkg.sub``)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets: list[str] = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            targets += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, *([node.module] if node.module else [])])
            targets += [
                f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names
            ]
    found = set()
    for target in targets:
        while target not in modules and "." in target:
            target = target.rpartition(".")[0]
        if target in modules and target != name:
            found.add(target)
    return found


def _import_graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(name, path, modules) for name, path in modules.items()}


def _find_cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import cycle of ``graph`` as a path that ends where it starts, or [] when none."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        path.pop()
        state[node] = 2
        return []

    for start in sorted(graph):
        if start not in state and (cycle := visit(start)):
            return cycle
    return []


def test_the_cycle_finder_finds_a_cycle_and_passes_a_chain():
    assert _find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) == []


def test_the_import_reader_resolves_relative_and_lazy_imports(tmp_path):
    source = tmp_path / "m.py"
    source.write_text(
        "from ..course import build\nfrom . import parse\ndef f():\n    import bsckit.charts\n"
    )
    modules = {"bsckit.course", "bsckit.course.build", "bsckit.smart.parse", "bsckit.charts"}
    found = _imports("bsckit.smart.m", source, dict.fromkeys(modules, source))
    assert found == {"bsckit.course.build", "bsckit.smart.parse", "bsckit.charts"}


def test_bsckit_imports_are_one_way_without_cycles():
    """No module of bsckit imports itself back through others, lazily or not."""
    cycle = _find_cycle(_import_graph())
    assert not cycle, f"import cycle: {' -> '.join(cycle)}"


def _reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        for nxt in graph.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def test_library_never_imports_the_course_authoring_tools():
    """Imports go one way: bsckit.course may use the library, never the other way round.

    No module outside bsckit.course imports it, and no module of the learner-facing library
    reaches it through any chain of imports.
    """
    graph = _import_graph()
    package = {name: name.split(".")[1] if "." in name else "" for name in graph}
    library = sorted(n for n in graph if package[n] in LIBRARY)
    assert {package[n] for n in library} == set(LIBRARY), "a library package or module is missing"
    offenders = [
        f"{name} imports {t}"
        for name in sorted(graph)
        if package[name] != "course"
        for t in sorted(graph[name])
        if package[t] == "course"
    ]
    offenders += [
        f"{name} reaches {t}"
        for name in library
        for t in sorted(_reachable(graph, name))
        if package[t] == "course"
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
