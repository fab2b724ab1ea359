"""Tests for bsckit.course.exercises: placeholders, cleared outputs, identical bytes, learner copies."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
import pytest

from bsckit.course.build_cli import main as cli_main
from bsckit.course.exercises import (
    ExerciseFile,
    exercise_notebook,
    exercise_source,
    read_notebook,
    write_exercises,
)

FIXTURES = Path(__file__).parent / "fixtures" / "notebooks"


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """A solutions/ folder holding the fixture solution, with outputs as if it had been run."""
    solutions = tmp_path / "solutions"
    solutions.mkdir()
    nb = read_notebook(FIXTURES / "solution_sample.ipynb")
    for number, cell in enumerate(c for c in nb.cells if c.cell_type == "code"):
        cell.execution_count = number + 1
        cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="ran\n")]
        cell.metadata["papermill"] = {"duration": 0.5}
    nb.metadata["papermill"] = {"duration": 3.0}
    nbformat.write(nb, solutions / "solution_sample.ipynb")
    return tmp_path


# --- source transformation -------------------------------------------------------------------


def test_placeholder_keeps_indentation_and_assigns_ellipsis():
    src = (
        "if True:\n"
        "    ### BEGIN SOLUTION\n"
        "    rate = defects / units\n"
        "    ### END SOLUTION\n"
        "check('rate', rate, expected=0.1)"
    )
    assert exercise_source(src).split("\n")[1] == "    rate = ...  # YOUR CODE HERE"
    # The placeholder is real Python that assigns Ellipsis.
    namespace: dict = {}
    exec("\n".join(exercise_source(src).split("\n")[:2]), namespace)
    assert namespace["rate"] is Ellipsis


def test_only_names_used_later_become_placeholders():
    src = "### BEGIN SOLUTION\nhelper = orders['units']\ntotal = helper.sum()\n### END SOLUTION"
    # Nothing after the block: the last assigned name is the answer.
    assert exercise_source(src) == "total = ...  # YOUR CODE HERE"
    # Both used later: both kept, in order.
    later = "print(helper, total)"
    assert exercise_source(src, later) == (
        "helper = ...  # YOUR CODE HERE\ntotal = ...  # YOUR CODE HERE"
    )


def test_functions_keep_signature_and_docstring():
    src = (
        "### BEGIN SOLUTION\n"
        "def share(part, whole):\n"
        '    """Part over whole."""\n'
        "    return part / whole\n"
        "### END SOLUTION\n"
        "check('share', share(1, 4), expected=0.25)"
    )
    out = exercise_source(src)
    assert out.startswith('def share(part, whole):\n    """Part over whole."""\n')
    assert "    return ...  # YOUR CODE HERE" in out
    namespace: dict = {}
    exec(out.split("\ncheck")[0], namespace)
    assert namespace["share"](1, 4) is Ellipsis


def test_unbalanced_markers_are_errors():
    with pytest.raises(ValueError, match="has no matching `### END SOLUTION`"):
        exercise_source("### BEGIN SOLUTION\nx = 1")
    with pytest.raises(ValueError, match="`### END SOLUTION` on line 2 has no matching"):
        exercise_source("x = 1\n### END SOLUTION")
    with pytest.raises(ValueError, match="nested"):
        exercise_source("### BEGIN SOLUTION\n### BEGIN SOLUTION\n### END SOLUTION")


def test_exercise_notebook_from_fixture():
    solution = read_notebook(FIXTURES / "solution_sample.ipynb")
    exercise = exercise_notebook(solution, generated_from="solutions/solution_sample.ipynb")
    sources = [c.source for c in exercise.cells]
    text = "\n".join(sources)
    assert "BEGIN SOLUTION" not in text and "END SOLUTION" not in text
    assert "total_units = ...  # YOUR CODE HERE" in text
    assert "busiest = ...  # YOUR CODE HERE" in text  # the cell tagged `solution`
    assert "def units_per_day(frame):" in text
    assert "*Your answer here.*" in text
    assert "It sets the capacity" not in text  # marked block in markdown
    assert "The answer key" not in text  # markdown cell tagged `solution` left out
    assert len(exercise.cells) == len(solution.cells) - 1
    assert all("solution" not in c.metadata.get("tags", []) for c in exercise.cells)
    assert exercise.metadata["bsckit"]["generated_from"] == "solutions/solution_sample.ipynb"
    # The solution object itself is untouched.
    assert any("BEGIN SOLUTION" in c.source for c in solution.cells)


# --- writing the folder ----------------------------------------------------------------------


def test_outputs_cleared_and_bytes_identical_on_rerun(course: Path):
    first = write_exercises(course / "solutions", course / "exercises")
    assert [r.status for r in first] == ["written"]
    target = course / "exercises" / "solution_sample.ipynb"
    data = target.read_bytes()
    assert data.endswith(b"}\n")
    raw = json.loads(data)
    for cell in raw["cells"]:
        assert "papermill" not in cell["metadata"]
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None
    assert "papermill" not in raw["metadata"]
    assert len(raw["metadata"]["bsckit"]["exercise_hash"]) == 64

    second = write_exercises(course / "solutions", course / "exercises")
    assert [r.status for r in second] == ["unchanged"]
    assert target.read_bytes() == data
    # A fresh folder gets exactly the same bytes.
    write_exercises(course / "solutions", course / "again")
    assert (course / "again" / "solution_sample.ipynb").read_bytes() == data


def _change_solution(course: Path) -> None:
    path = course / "solutions" / "solution_sample.ipynb"
    nb = read_notebook(path)
    nb.cells[0].source += "\n\nA new sentence from the author."
    nbformat.write(nb, path)


def test_untouched_exercise_is_updated_when_solution_changes(course: Path):
    write_exercises(course / "solutions", course / "exercises")
    _change_solution(course)
    result = write_exercises(course / "solutions", course / "exercises")
    assert result[0].status == "written"
    assert "A new sentence" in (course / "exercises" / "solution_sample.ipynb").read_text()
    assert not (course / "exercises" / "updated").exists()


def test_learner_edited_exercise_is_never_overwritten(course: Path):
    write_exercises(course / "solutions", course / "exercises")
    target = course / "exercises" / "solution_sample.ipynb"
    nb = read_notebook(target)
    answer_cell = next(c for c in nb.cells if "total_units = ..." in c.source)
    answer_cell.source = answer_cell.source.replace("total_units = ...", "total_units = 42")
    nbformat.write(nb, target)
    learner_bytes = target.read_bytes()

    _change_solution(course)
    result = write_exercises(course / "solutions", course / "exercises")
    assert result[0].status == "kept_learner_copy"
    assert target.read_bytes() == learner_bytes
    beside = course / "exercises" / "updated" / "solution_sample.ipynb"
    assert result[0].written_to == beside
    assert "A new sentence" in beside.read_text()
    assert "left as it is" in result[0].describe()
    # Even with nothing new from the author, the learner copy stays.
    assert write_exercises(course / "solutions", course / "exercises")[0].status == (
        "kept_learner_copy"
    )
    assert target.read_bytes() == learner_bytes


def test_file_without_a_recorded_hash_is_treated_as_the_learners(course: Path):
    (course / "exercises").mkdir()
    foreign = course / "exercises" / "solution_sample.ipynb"
    shutil.copy(FIXTURES / "lesson_ok.ipynb", foreign)
    before = foreign.read_bytes()
    assert write_exercises(course / "solutions", course / "exercises")[0].status == (
        "kept_learner_copy"
    )
    assert foreign.read_bytes() == before


def test_check_detects_stale_and_cli_exit_codes(course: Path, capsys):
    args = ["exercises", "--solutions", str(course / "solutions"), "--out", str(course / "ex")]
    # Missing: stale.
    assert cli_main([*args, "--check"]) == 1
    assert "stale (missing)" in capsys.readouterr().out
    assert not (course / "ex").exists()  # --check writes nothing
    assert cli_main(args) == 0
    assert cli_main([*args, "--check"]) == 0
    assert "up to date" in capsys.readouterr().out
    _change_solution(course)
    assert cli_main([*args, "--check"]) == 1
    out = capsys.readouterr().out
    assert "solution_sample.ipynb is stale (differs from its solution)" in out


def test_read_notebook_gives_old_notebooks_deterministic_ids(tmp_path: Path):
    raw = {
        "nbformat": 4,
        "nbformat_minor": 4,
        "metadata": {},
        "cells": [{"cell_type": "markdown", "metadata": {}, "source": "# Hi"}],
    }
    path = tmp_path / "old.ipynb"
    path.write_text(json.dumps(raw))
    assert read_notebook(path).cells[0].id == read_notebook(path).cells[0].id


def test_bad_inputs_name_the_parameter(tmp_path: Path):
    with pytest.raises(FileNotFoundError, match="`solutions_dir`"):
        write_exercises(tmp_path / "nowhere", tmp_path / "out")
    with pytest.raises(ValueError, match="`status`"):
        ExerciseFile(tmp_path, tmp_path, "done")


def test_cells_tagged_solution_only_are_left_out():
    nb = nbformat.v4.new_notebook()
    shown = nbformat.v4.new_code_cell("quiz = make_quiz()\nquiz")
    filled = nbformat.v4.new_code_cell("for a in quiz.answers:\n    a.value = 'leading'")
    filled.metadata["tags"] = ["solution-only", "nbval-ignore-output"]
    checked = nbformat.v4.new_code_cell('ex.check("3.2", quiz)')
    nb.cells = [shown, filled, checked]
    exercise = exercise_notebook(nb)
    assert [c.source for c in exercise.cells] == [shown.source, checked.source]
