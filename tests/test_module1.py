"""Module 1 (alignment): the lesson, solution and exercise notebooks follow CONTRIBUTING.md.

Static checks on the committed files (no execution; nbval and the build run them):
metadata minutes (the exercise minutes are the answer key's), the parameters cell, at least
eight exercises each checked by id against the answer key with no expected value, solution or
hint in the notebook, the widgets in the exercises, every chart titled with axis titles and
followed by alt text, checks passing in the executed solution, "not attempted" placeholders in
the exercises, and sizes under 1 MB.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bsckit.answers.module1 import EXERCISES
from bsckit.course.agenda import read_sessions
from bsckit.course.exercises import write_exercises
from bsckit.course.notebook_params import REQUIRED_PARAMETERS, parameters_of

ROOT = Path(__file__).resolve().parents[1]
NAME = "01_alignment.ipynb"
LESSON = ROOT / "notebooks" / NAME
SOLUTION = ROOT / "solutions" / NAME
EXERCISE = ROOT / "exercises" / NAME
VEGA = "application/vnd.vegalite.v5+json"
MIN_EXERCISES = 8


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _text(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def _charts(nb: dict) -> list[tuple[int, dict]]:
    found = []
    for index, cell in enumerate(nb["cells"]):
        for output in cell.get("outputs", []):
            spec = output.get("data", {}).get(VEGA)
            if spec is not None:
                found.append((index, spec))
    return found


def _check_outputs(nb: dict) -> dict[str, str]:
    statuses = {}
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            info = output.get("metadata", {}).get("bsckit", {})
            if isinstance(info, dict) and "check" in info:
                statuses[info["check"]] = info["status"]
    return statuses


@pytest.mark.parametrize("path", [LESSON, SOLUTION], ids=["lesson", "solution"])
def test_metadata_holds_module_and_minutes(path):
    meta = _load(path)["metadata"]["bsckit"]
    assert meta["module"] == 1
    assert meta["title"]
    for key in ("teaching_minutes", "exercise_minutes"):
        assert isinstance(meta[key], int) and meta[key] > 0, key
    # module 3's depth at least: about 2.5 hours in all
    assert 120 <= meta["teaching_minutes"] + meta["exercise_minutes"] <= 240


@pytest.mark.parametrize("path", [LESSON, SOLUTION], ids=["lesson", "solution"])
def test_parameters_cell_is_the_first_code_cell_and_complete(path):
    nb = _load(path)
    first_code = next(c for c in nb["cells"] if c["cell_type"] == "code")
    assert "parameters" in first_code["metadata"].get("tags", [])
    assert set(REQUIRED_PARAMETERS) <= set(parameters_of(path))


@pytest.mark.parametrize("path", [LESSON, SOLUTION], ids=["lesson", "solution"])
def test_template_sections_in_order(path):
    markdown = "\n".join(_text(c) for c in _load(path)["cells"] if c["cell_type"] == "markdown")
    time = "min teaching" if path == LESSON else "**Time:**"
    order = ["# Module 1:", "Questions", "Objectives", time, "## Parameters", "## Setup"]
    order += ["## Key points", "## Review questions", "## Key terms"]
    positions = [markdown.find(h) for h in order]
    assert -1 not in positions, dict(zip(order, positions, strict=True))
    assert positions == sorted(positions)


def test_exercise_minutes_have_one_source_the_answer_key():
    meta = _load(SOLUTION)["metadata"]["bsckit"]
    assert meta["exercise_minutes"] == sum(e.minutes for e in EXERCISES)
    # the agenda reads the key, whatever a notebook's metadata says
    (session,) = read_sessions(ROOT / "notebooks", [1])
    assert session.exercise_minutes == meta["exercise_minutes"]
    assert session.teaching_minutes == _load(LESSON)["metadata"]["bsckit"]["teaching_minutes"]
    # no exercise restates its minutes by hand
    for cell in _load(SOLUTION)["cells"]:
        if cell["cell_type"] == "markdown":
            assert not re.search(r"\babout \d+ min", _text(cell), re.IGNORECASE), _text(cell)[:60]


def test_notebooks_stay_short():
    # CONTRIBUTING.md: a module longer than about 40 cells is two modules.
    assert len(_load(LESSON)["cells"]) <= 45
    assert len(_load(SOLUTION)["cells"]) <= 45


def _checked_ids(nb: dict) -> list[str]:
    code = "\n".join(_text(c) for c in nb["cells"] if c["cell_type"] == "code")
    return re.findall(r"ex\.check\(\"([0-9.]+[a-z]?)\"", code)


def test_at_least_eight_exercises_each_checked_once_by_id():
    ids = _checked_ids(_load(SOLUTION))
    assert sorted(ids) == sorted(e.id for e in EXERCISES)
    assert len(ids) == len(set(ids))
    numbers = {i.rstrip("ab") for i in ids}
    assert len(numbers) >= MIN_EXERCISES
    markdown = "\n".join(_text(c) for c in _load(SOLUTION)["cells"] if c["cell_type"] == "markdown")
    for number in numbers:
        assert f"### Exercise {number}:" in markdown, number


def test_every_curriculum_topic_of_module_1_has_an_exercise():
    topics = {e.topic for e in EXERCISES}
    for needed in (
        "cascade and conflicting targets",
        "leading and lagging indicators",
        "ownership",
        "dashboards",
        "thresholds",
        "co-development",
        "first scorecard",
    ):
        assert needed in topics, needed


def test_every_curriculum_topic_has_a_lesson_section():
    headings = [
        line
        for c in _load(LESSON)["cells"]
        if c["cell_type"] == "markdown"
        for line in _text(c).splitlines()
        if line.startswith("## ")
    ]
    numbered = [h for h in headings if re.match(r"## \d\. ", h)]
    assert len(numbered) >= 6, headings


@pytest.mark.parametrize("path", [SOLUTION, EXERCISE], ids=["solution", "exercise"])
def test_answers_are_out_of_sight(path):
    code = "\n".join(_text(c) for c in _load(path)["cells"] if c["cell_type"] == "code")
    for leak in ("expected=", "hints=", "success=", "Mistake("):
        assert leak not in code, leak


def test_every_check_passes_in_the_executed_solution():
    statuses = _check_outputs(_load(SOLUTION))
    assert len(statuses) == len(EXERCISES)
    assert set(statuses.values()) == {"passed"}, statuses
    assert all(name.startswith("1.") for name in statuses)


def test_the_widgets_are_in_the_exercises_and_filled_only_in_the_solution():
    exercise = "\n".join(_text(c) for c in _load(EXERCISE)["cells"] if c["cell_type"] == "code")
    for widget in ("SmartObjectiveBuilder(", "LeadingLaggingQuiz("):
        assert widget in exercise, widget
    assert ".save()" not in exercise and "answer.value =" not in exercise
    lesson = "\n".join(_text(c) for c in _load(LESSON)["cells"] if c["cell_type"] == "code")
    assert "ThresholdEditor(" in lesson


def test_exercises_are_up_to_date_and_untouched_placeholders():
    result = write_exercises(ROOT / "solutions", ROOT / "exercises", check=True, names=[NAME])
    assert [r.status for r in result] == ["up_to_date"]
    text = EXERCISE.read_text(encoding="utf-8")
    assert "### BEGIN SOLUTION" not in text
    assert text.count("# YOUR CODE HERE") >= MIN_EXERCISES
    assert all(not c.get("outputs") for c in _load(EXERCISE)["cells"] if c["cell_type"] == "code")


def test_every_chart_is_titled_with_axis_titles_and_followed_by_alt_text():
    nb = _load(LESSON)
    charts = _charts(nb)
    assert len(charts) >= 6
    for index, spec in charts:
        assert spec.get("title"), f"chart in cell {index} has no title"
        encodings = [spec.get("encoding", {})] + [
            layer.get("encoding", {}) for layer in spec.get("layer", [])
        ]
        titled = [
            enc[axis]["title"]
            for enc in encodings
            for axis in ("x", "y")
            if isinstance(enc.get(axis), dict) and enc[axis].get("title")
        ]
        assert len(titled) >= 2 or spec.get("layer"), f"chart in cell {index} lacks axis titles"
        following = nb["cells"][index + 1]
        assert following["cell_type"] == "markdown"
        assert _text(following).lstrip().startswith("*Alt text:"), f"cell {index + 1}"


def test_charts_embed_aggregated_data_only():
    for index, spec in _charts(_load(LESSON)):
        rows = sum(len(v) for v in spec.get("datasets", {}).values())
        assert rows <= 1500, f"chart in cell {index} embeds {rows} rows"


@pytest.mark.parametrize(
    "path", [LESSON, SOLUTION, EXERCISE], ids=["lesson", "solution", "exercise"]
)
def test_notebook_under_one_megabyte(path):
    assert path.stat().st_size < 1_000_000


def test_outputs_show_no_errors_or_memory_addresses():
    for path in (LESSON, SOLUTION):
        for cell in _load(path)["cells"]:
            for output in cell.get("outputs", []):
                assert output.get("output_type") != "error", path
                plain = "".join(output.get("data", {}).get("text/plain", ""))
                assert not re.search(r"at 0x[0-9a-f]{6,}", plain), path


def test_no_hard_coded_reading_of_data_in_markdown():
    # Figures that depend on the data are computed in code cells; markdown states no results
    # such as "r = 0.86" or "lag of 3 months".
    for path in (LESSON, SOLUTION):
        for cell in _load(path)["cells"]:
            if cell["cell_type"] == "markdown":
                assert not re.search(r"\br = -?0\.\d", _text(cell)), _text(cell)[:80]
