"""Tests for the course build, notebook parameters and the CLI glue.

The builds run real papermill on tiny fixture notebooks with a fake data step, on 2 worker
processes. One build (module fixture) is shared by several tests to keep the file fast.
"""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import nbformat
import papermill
import pytest

from bsckit.course.build import (
    BuildParams,
    NotebookTask,
    build,
    execute_notebooks,
    normalise_executed,
    slugify,
)
from bsckit.course.build_cli import build_add_arguments, build_run
from bsckit.course.exercises import read_notebook
from bsckit.course.notebook_params import lint_parameters, parameters_of, validate

FIXTURES = Path(__file__).parent / "fixtures" / "notebooks"


def fake_data(params: BuildParams, data_dir: Path) -> Path:
    """Stand-in for bsckit.data: a tiny orders table that depends on the seed."""
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "info.json").write_text(json.dumps(params.as_dict()))
    rows = ["day,units"] + [
        f"d{(i * 7 + params.seed) % 3},{(i * 5 + params.seed) % 11 + 1}" for i in range(12)
    ]
    (data_dir / "orders.csv").write_text("\n".join(rows) + "\n")
    return data_dir


def _make_course(root: Path) -> Path:
    (root / "notebooks").mkdir(parents=True)
    (root / "solutions").mkdir()
    shutil.copy(FIXTURES / "lesson_ok.ipynb", root / "notebooks")
    shutil.copy(FIXTURES / "lesson_fails.ipynb", root / "notebooks")
    shutil.copy(FIXTURES / "solution_sample.ipynb", root / "solutions")
    no_params = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
    nbformat.write(no_params, root / "notebooks" / "no_params.ipynb")
    return root


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = _make_course(tmp_path_factory.mktemp("course"))
    progress = io.StringIO()
    report = build(root, prepare_data=fake_data, workers=2, progress=progress)
    return root, report, progress.getvalue()


def _result(report, label):
    return next(r for r in report.results if r.label == label)


def test_build_runs_notebooks_on_two_workers_and_reports_times(built):
    root, report, progress = built
    ok = _result(report, "notebooks/lesson_ok.ipynb")
    assert ok.status == "ok" and ok.seconds > 0
    solution = _result(report, "solutions/solution_sample.ipynb")
    assert solution.status == "ok"
    assert solution.checks == {"passed": 3}
    assert "on 2 worker(s)" in progress
    assert "[3/3]" in progress
    table = report.table()
    assert "notebooks/lesson_ok.ipynb" in table and "seconds" in table
    assert "total " in table
    # Executed in place, with the fake data read through the relative data_dir.
    executed = read_notebook(root / "notebooks" / "lesson_ok.ipynb")
    assert executed.cells[-1].outputs[0]["text"] == "seed 2024, Homeats, baseline\n"


def test_failing_notebook_is_reported_with_its_cell(built):
    root, report, _ = built
    assert not report.ok
    failed = _result(report, "notebooks/lesson_fails.ipynb")
    assert failed.status == "failed"
    # The fixture's fourth cell (index 3, the third code cell: In [3]) divides by zero.
    assert "cell 3 (In [3]: per_day = units / 0)" in failed.error
    assert "ZeroDivisionError" in failed.error
    assert "FAILED notebooks/lesson_fails.ipynb" in report.table()
    # A failed notebook is not written over its source.
    assert read_notebook(root / "notebooks" / "lesson_fails.ipynb").cells[3].outputs == []


def test_notebook_without_parameters_cell_fails_before_running(built):
    _, report, _ = built
    result = _result(report, "notebooks/no_params.ipynb")
    assert result.status == "failed" and result.seconds == 0
    assert "no code cell tagged `parameters`" in result.error


def test_executed_output_is_clean_and_exercises_are_written(built):
    root, report, _ = built
    raw = json.loads((root / "solutions" / "solution_sample.ipynb").read_text())
    assert "papermill" not in raw["metadata"]
    assert all("papermill" not in c["metadata"] for c in raw["cells"])
    assert all("execution" not in c["metadata"] for c in raw["cells"])
    assert raw["metadata"]["bsckit"]["parameters"] == BuildParams().as_dict()
    # Default parameters equal the notebooks' defaults: nothing injected.
    assert not any("injected-parameters" in c["metadata"].get("tags", []) for c in raw["cells"])
    assert [e.status for e in report.exercises] == ["written"]
    assert (root / "exercises" / "solution_sample.ipynb").is_file()


def test_untouched_exercise_runs_top_to_bottom_as_not_attempted(built, monkeypatch):
    root, _, _ = built
    exercise = root / "exercises" / "solution_sample.ipynb"
    nb = papermill.execute_notebook(
        str(exercise), None, cwd=str(exercise.parent), progress_bar=False, kernel_name="python3"
    )
    statuses = [
        o["metadata"]["bsckit"]["status"]
        for c in nb.cells
        for o in c.get("outputs", [])
        if "bsckit" in o.get("metadata", {})
    ]
    assert statuses == ["not_attempted"] * 3
    assert "not attempted yet" in json.dumps(nb.cells[4].outputs)


def test_rebuild_is_byte_identical_and_keeps_learner_edits(built):
    root, _, _ = built
    solution = root / "solutions" / "solution_sample.ipynb"
    before = solution.read_bytes()
    lesson = root / "notebooks" / "lesson_ok.ipynb"
    nb = read_notebook(lesson)
    nb.cells.append(nbformat.v4.new_code_cell("my_note = 'learner was here'"))
    nbformat.write(nb, lesson)
    edited = lesson.read_bytes()

    report = build(root, prepare_data=fake_data, workers=2, progress=None)
    assert solution.read_bytes() == before
    assert _result(report, "solutions/solution_sample.ipynb").note == "unchanged"
    assert lesson.read_bytes() == edited
    variant = root / "build" / "variants" / "notebooks" / "lesson_ok.ipynb"
    assert variant.is_file()
    assert "learner was here" in variant.read_text()
    assert "edited by hand" in _result(report, "notebooks/lesson_ok.ipynb").note
    assert [e.status for e in report.exercises] == ["unchanged"]


def test_other_parameters_build_into_their_own_folder(tmp_path):
    root = tmp_path / "kit"
    (root / "solutions").mkdir(parents=True)
    shutil.copy(FIXTURES / "solution_sample.ipynb", root / "solutions")
    source_bytes = (root / "solutions" / "solution_sample.ipynb").read_bytes()
    params = BuildParams(seed=7, scenario="growth")
    report = build(root, params=params, prepare_data=fake_data, workers=2, progress=None)
    assert report.ok, report.table()
    out = root / "build" / "7-growth-homeats"
    assert report.out_dir == out
    assert json.loads((out / "datasets" / "info.json").read_text())["seed"] == 7
    executed = read_notebook(out / "solutions" / "solution_sample.ipynb")
    injected = [c for c in executed.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1 and "seed = 7" in injected[0].source
    assert injected[0].id == "injected-parameters"
    assert (root / "solutions" / "solution_sample.ipynb").read_bytes() == source_bytes
    exercise = read_notebook(out / "exercises" / "solution_sample.ipynb")
    assert parameters_of(exercise)["seed"] == 7
    assert parameters_of(exercise)["data_dir"] == "../datasets"


# --- parameters ------------------------------------------------------------------------------


def test_unknown_parameter_is_rejected_with_allowed_names():
    with pytest.raises(ValueError) as info:
        validate(FIXTURES / "lesson_ok.ipynb", {"seed": 1, "senario": "growth"})
    text = str(info.value)
    assert "unknown parameter name 'senario' (did you mean 'scenario'?)" in text
    assert "Allowed names: company, data_dir, scenario, seed." in text
    assert "lesson_ok.ipynb" in text


def test_parameters_of_and_lint_on_fixture():
    assert parameters_of(FIXTURES / "lesson_ok.ipynb") == {
        "seed": 2024,
        "company": "Homeats",
        "scenario": "baseline",
        "data_dir": "../datasets",
    }
    assert lint_parameters(FIXTURES / "solution_sample.ipynb") == []


def test_parameter_bad_inputs_name_the_parameter(tmp_path):
    with pytest.raises(TypeError, match="`params`"):
        validate(FIXTURES / "lesson_ok.ipynb", ["seed"])
    with pytest.raises(FileNotFoundError, match="`notebook_path`"):
        validate(tmp_path / "missing.ipynb", {})
    with pytest.raises(TypeError, match="`notebook_path`"):
        parameters_of(42)


# --- small pieces and bad input --------------------------------------------------------------


def test_build_params_bad_inputs_name_the_parameter():
    with pytest.raises(ValueError, match="`seed`"):
        BuildParams(seed=-1)
    with pytest.raises(ValueError, match="`company`"):
        BuildParams(company=" ")
    with pytest.raises(ValueError, match="`scenario`"):
        BuildParams(scenario="boom")
    assert BuildParams().is_default and not BuildParams(seed=1).is_default
    assert slugify("!!!") == "company"


def test_build_bad_inputs_name_the_parameter(tmp_path):
    with pytest.raises(ValueError, match="`workers`"):
        execute_notebooks([NotebookTask("x", "x", ".", {})], workers=0, progress=None)
    with pytest.raises(ValueError, match="`timeout`"):
        build(tmp_path, timeout=0, prepare_data=fake_data, progress=None)
    with pytest.raises(TypeError, match="`params`"):
        build(tmp_path, params={"seed": 1}, prepare_data=fake_data, progress=None)


def test_normalise_executed_is_deterministic():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1")])
    nb.cells[0].metadata["execution"] = {"iopub.status.busy": "2026-01-01T00:00:00"}
    nb.cells[0].metadata["tags"] = ["injected-parameters"]
    first = normalise_executed(nb, {"seed": 1})
    assert first.cells[0].id == "injected-parameters"
    assert "execution" not in first.cells[0].metadata
    again = normalise_executed(first, {"seed": 1})
    assert again.metadata["bsckit"]["build_hash"] == first.metadata["bsckit"]["build_hash"]


def test_cli_reports_a_data_step_failure_with_exit_code_2(tmp_path, capsys, monkeypatch):
    import argparse

    parser = argparse.ArgumentParser()
    build_add_arguments(parser)
    args = parser.parse_args(["--root", str(tmp_path), "--seed", "-3"])
    assert build_run(args) == 2
    assert "`seed`" in capsys.readouterr().err


# --- speed: skipped optional import, workers started early, longest notebook first ---------


def test_bsckit_first_makes_jsonschema_skip_the_slow_iri_checker():
    import subprocess
    import sys

    code = (
        "import sys, bsckit, jsonschema; "
        "print(sys.modules['rfc3987_syntax'] is None, 'iri' in jsonschema.FormatChecker.checkers)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["True", "False"]


def test_skip_leaves_sys_modules_alone_once_jsonschema_is_imported(monkeypatch):
    import sys

    import bsckit

    monkeypatch.setitem(sys.modules, "jsonschema", sys.modules.get("jsonschema", object()))
    monkeypatch.delitem(sys.modules, "rfc3987_syntax", raising=False)
    bsckit._skip_slow_optional_imports()
    assert "rfc3987_syntax" not in sys.modules
    assert bsckit.SKIPPED_OPTIONAL_IMPORTS == ("rfc3987_syntax",)


def test_start_workers_spawns_ready_workers_that_skip_the_slow_import():
    import importlib
    import os

    from bsckit.course.build import start_workers

    with start_workers(1) as pool:
        assert pool.submit(os.getpid).result(timeout=60) != os.getpid()
        with pytest.raises(ImportError):
            pool.submit(importlib.import_module, "rfc3987_syntax").result(timeout=60)


def test_start_workers_bad_input_names_the_parameter():
    from bsckit.course.build import start_workers

    with pytest.raises(ValueError, match="`workers`"):
        start_workers(0)


def test_costliest_notebook_starts_first(monkeypatch):
    import concurrent.futures as cf

    import bsckit.course.build as build_module

    started = []

    def fake_execute(task):
        started.append(task.label)
        return {"label": task.label, "ok": True, "seconds": 0.0, "text": "", "checks": {}}

    monkeypatch.setattr(build_module, "_execute_task", fake_execute)
    tasks = [
        NotebookTask("a", "short", ".", {}, cost=10),
        NotebookTask("b", "long", ".", {}, cost=300),
        NotebookTask("c", "middle", ".", {}, cost=50),
        NotebookTask("d", "short too", ".", {}, cost=10),
    ]
    with cf.ThreadPoolExecutor(max_workers=1) as pool:
        results = execute_notebooks(tasks, workers=1, progress=None, pool=pool)
    assert started == ["long", "middle", "short", "short too"]  # ties keep their order
    assert [r["label"] for r in results] == ["short", "long", "middle", "short too"]


def test_estimated_cost_counts_code_characters(tmp_path):
    from bsckit.course.build import estimated_cost

    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell("x = 1\ny = 2"),  # 11 characters
            nbformat.v4.new_markdown_cell("A long text that is not code."),
            nbformat.v4.new_code_cell("z"),  # 1 character
        ]
    )
    path = tmp_path / "n.ipynb"
    nbformat.write(nb, path)
    assert estimated_cost(path) == 12.0
    assert estimated_cost(tmp_path / "missing.ipynb") == 0.0
    assert estimated_cost(FIXTURES / "lesson_ok.ipynb") > 0


def _kernel_task(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    path = tmp_path / "n.ipynb"
    nbformat.write(nb, path)
    return NotebookTask(str(path), "n.ipynb", str(tmp_path), {})


def test_each_notebook_runs_in_its_own_empty_workspace(monkeypatch, tmp_path):
    """What one solution saves never reaches the next notebook the same worker runs, and the
    learner's workspace is never touched."""
    import bsckit.course.build as build_module

    learner = tmp_path / "learner"
    monkeypatch.setenv("BSCKIT_WORKSPACE", str(learner))  # set back after the test
    code = (
        "import os, pathlib\n"
        "ws = pathlib.Path(os.environ['BSCKIT_WORKSPACE'])\n"
        "print('before:', sorted(p.name for p in ws.iterdir()))\n"
        "(ws / 'my_scorecard.yaml').write_text('saved')"
    )
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nbformat.write(nb, tmp_path / "saves.ipynb")
    task = NotebookTask(str(tmp_path / "saves.ipynb"), "saves.ipynb", str(tmp_path), {})
    first, second = build_module._execute_task(task), build_module._execute_task(task)
    assert first["ok"] and second["ok"], (first, second)
    assert "before: []" in first["text"] and "before: []" in second["text"]
    assert not learner.exists()


def test_a_kernel_that_dies_at_start_is_started_again(monkeypatch, tmp_path):
    # The port race of jupyter_client issue 154: the kernel exits before its first reply.
    import papermill

    import bsckit.course.build as build_module

    real = papermill.execute_notebook
    calls = []

    def flaky(*args, **kwargs):
        calls.append(1)
        if len(calls) < build_module.KERNEL_START_ATTEMPTS:
            raise RuntimeError("Kernel died before replying to kernel_info")
        return real(*args, **kwargs)

    monkeypatch.setattr(papermill, "execute_notebook", flaky)
    result = build_module._execute_task(_kernel_task(tmp_path))
    assert result["ok"], result
    assert len(calls) == build_module.KERNEL_START_ATTEMPTS


def test_a_kernel_that_keeps_dying_or_another_error_is_reported_not_retried(monkeypatch, tmp_path):
    import papermill

    import bsckit.course.build as build_module

    calls = []

    def dead(*args, **kwargs):
        calls.append(1)
        raise RuntimeError("Kernel died before replying to kernel_info")

    monkeypatch.setattr(papermill, "execute_notebook", dead)
    result = build_module._execute_task(_kernel_task(tmp_path))
    assert not result["ok"]
    assert "Kernel died before replying" in result["error"]
    assert len(calls) == build_module.KERNEL_START_ATTEMPTS

    calls.clear()

    def other(*args, **kwargs):
        calls.append(1)
        raise RuntimeError("something else went wrong")

    monkeypatch.setattr(papermill, "execute_notebook", other)
    result = build_module._execute_task(_kernel_task(tmp_path))
    assert not result["ok"] and "something else" in result["error"]
    assert len(calls) == 1
