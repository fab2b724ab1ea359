"""Every course module: the lesson, solution and exercise notebooks follow CONTRIBUTING.md.

Static checks on the committed files (no execution; nbval and the build run them), the same for
every module, with what differs per module in :data:`MODULES`: metadata minutes (the exercise
minutes are the answer key's), the parameters cell, at least eight exercises each checked by id
against the answer key with no expected value, solution or hint in the notebook, every
curriculum topic with an exercise and a lesson section, the cited claims registered, the widgets
in the exercises, every chart titled with axis titles and followed by alt text, checks passing
in the executed solution, "not attempted" placeholders in the exercises, and sizes under 1 MB.
"""

from __future__ import annotations

import importlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from bsckit.answers import MODULES as KEYS
from bsckit.claims import claims
from bsckit.course.agenda import read_sessions
from bsckit.course.exercises import write_exercises
from bsckit.course.notebook_params import REQUIRED_PARAMETERS, parameters_of

ROOT = Path(__file__).resolve().parents[1]
VEGA = "application/vnd.vegalite.v5+json"
MIN_EXERCISES = 8


@dataclass(frozen=True)
class Module:
    """What one module's notebooks must hold beyond the common template."""

    number: int
    name: str
    topics: tuple[str, ...]  # curriculum topics, each with at least one exercise (key `topic`)
    numbered_sections: int  # "## N. ..." lesson sections, one per topic (0: named sections)
    min_claims_cited: int  # claims tagged "(claim N.k)" in the lesson
    exercise_widgets: tuple[str, ...]
    lesson_widgets: tuple[str, ...] = ()
    min_builders: int = 1

    def path(self, folder: str) -> Path:
        return ROOT / folder / self.name

    @property
    def exercises(self):
        return importlib.import_module(KEYS[self.number]).EXERCISES


MODULES = (
    Module(
        1,
        "01_alignment.ipynb",
        (
            "cascade and conflicting targets",
            "leading and lagging indicators",
            "ownership",
            "dashboards",
            "thresholds",
            "co-development",
            "first scorecard",
        ),
        numbered_sections=6,
        min_claims_cited=3,
        exercise_widgets=("SmartObjectiveBuilder(", "LeadingLaggingQuiz("),
        lesson_widgets=("ThresholdEditor(",),
    ),
    Module(
        2,
        "02_customer.ipynb",
        (
            "value propositions to measures",
            "perceived versus actual quality",
            "segments by client type",
            "voice of the customer",
            "journey stages and measures",
            "revenue versus loyalty",
            "your scorecard",
        ),
        numbered_sections=7,
        min_claims_cited=10,
        exercise_widgets=("SmartObjectiveBuilder(",),
    ),
    Module(
        3,
        "03_internal_processes.ipynb",
        (
            "core value-creating processes",
            "benchmarks",
            "cross-functional ownership",
            "control charts",
            "efficiency and effectiveness",
            "automating metric collection",
            "cause and effect",
        ),
        numbered_sections=0,
        min_claims_cited=10,
        exercise_widgets=("SmartObjectiveBuilder(", "LeadingLaggingQuiz(", "ThresholdEditor("),
        min_builders=2,
    ),
    Module(
        4,
        "04_financial.ipynb",
        (
            "driver trees",
            "cost cuts and investment",
            "shared cost allocation",
            "adjusting targets",
            "review thresholds",
            "scorecard and monthly close",
            "your scorecard",
        ),
        numbered_sections=7,
        min_claims_cited=6,
        exercise_widgets=("SmartObjectiveBuilder(",),
        lesson_widgets=("ThresholdEditor(",),
    ),
    Module(
        5,
        "05_learning_growth.ipynb",
        (
            "workforce measures and outcomes",
            "system adoption and data quality",
            "innovation pipeline",
            "culture indicators",
            "development versus operational load",
            "knowledge management",
            "your scorecard",
        ),
        numbered_sections=7,
        min_claims_cited=7,
        exercise_widgets=("SmartObjectiveBuilder(", "LeadingLaggingQuiz(", "ThresholdEditor("),
    ),
    Module(
        6,
        "06_governance.ipynb",
        (
            "review cadence",
            "escalation paths",
            "roles",
            "exception-based reporting",
            "version control",
            "planning and budgeting",
            "change control",
            "your scorecard",
        ),
        numbered_sections=7,
        min_claims_cited=5,
        exercise_widgets=("ThresholdEditor(",),
        lesson_widgets=("ThresholdEditor(",),
        min_builders=0,
    ),
    Module(
        7,
        "07_technology.ipynb",
        (
            "choosing tooling",
            "mapping sources",
            "validation and audit",
            "role-based views",
            "refresh intervals",
            "third-party feeds",
            "your scorecard",
        ),
        numbered_sections=7,
        min_claims_cited=4,
        exercise_widgets=('Worksheet("data_source_mapping")',),
        min_builders=0,
    ),
)
IDS = [f"module{m.number}" for m in MODULES]
NOTEBOOKS = [(m, f) for m in MODULES for f in ("notebooks", "solutions")]
NOTEBOOK_IDS = [f"module{m.number}-{f}" for m, f in NOTEBOOKS]


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _text(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def _markdown(path: Path) -> str:
    return "\n".join(_text(c) for c in _load(path)["cells"] if c["cell_type"] == "markdown")


def _shown(path: Path) -> str:
    """What a reader sees as prose: markdown cells and the Markdown that code cells display."""
    parts = []
    for cell in _load(path)["cells"]:
        if cell["cell_type"] == "markdown":
            parts.append(_text(cell))
        for output in cell.get("outputs", []):
            shown = output.get("data", {}).get("text/markdown", "")
            parts.append("".join(shown) if isinstance(shown, list) else shown)
    return " ".join("\n".join(parts).split())


def _code(path: Path) -> str:
    return "\n".join(_text(c) for c in _load(path)["cells"] if c["cell_type"] == "code")


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


def test_every_module_with_an_answer_key_is_listed_here():
    assert sorted(KEYS) == [m.number for m in MODULES]


@pytest.mark.parametrize(("module", "folder"), NOTEBOOKS, ids=NOTEBOOK_IDS)
def test_metadata_holds_module_and_minutes(module, folder):
    meta = _load(module.path(folder))["metadata"]["bsckit"]
    assert meta["module"] == module.number
    assert meta["title"]
    for key in ("teaching_minutes", "exercise_minutes"):
        assert isinstance(meta[key], int) and meta[key] > 0, key
    # module 3's depth at least, and no more than an afternoon and a morning
    assert 120 <= meta["teaching_minutes"] + meta["exercise_minutes"] <= 240


@pytest.mark.parametrize(("module", "folder"), NOTEBOOKS, ids=NOTEBOOK_IDS)
def test_parameters_cell_is_the_first_code_cell_and_complete(module, folder):
    path = module.path(folder)
    first_code = next(c for c in _load(path)["cells"] if c["cell_type"] == "code")
    assert "parameters" in first_code["metadata"].get("tags", [])
    assert set(REQUIRED_PARAMETERS) <= set(parameters_of(path))


@pytest.mark.parametrize(("module", "folder"), NOTEBOOKS, ids=NOTEBOOK_IDS)
def test_template_sections_in_order(module, folder):
    markdown = _markdown(module.path(folder))
    time = "min teaching" if folder == "notebooks" else "**Time:**"
    order = [f"# Module {module.number}:", "Questions", "Objectives", time]
    order += ["## Parameters", "## Setup", "## Key points", "## Review questions", "## Key terms"]
    positions = [markdown.find(h) for h in order]
    assert -1 not in positions, dict(zip(order, positions, strict=True))
    assert positions == sorted(positions)


@pytest.mark.parametrize("module", MODULES, ids=IDS)
def test_exercise_minutes_have_one_source_the_answer_key(module):
    meta = _load(module.path("solutions"))["metadata"]["bsckit"]
    assert meta["exercise_minutes"] == sum(e.minutes for e in module.exercises)
    (session,) = read_sessions(ROOT / "notebooks", [module.number])
    assert session.exercise_minutes == meta["exercise_minutes"]
    lesson = _load(module.path("notebooks"))["metadata"]["bsckit"]
    assert session.teaching_minutes == lesson["teaching_minutes"]
    # no exercise restates its minutes by hand
    for cell in _load(module.path("solutions"))["cells"]:
        if cell["cell_type"] == "markdown":
            assert not re.search(r"\babout \d+ min", _text(cell), re.IGNORECASE), _text(cell)[:60]


@pytest.mark.parametrize(("module", "folder"), NOTEBOOKS, ids=NOTEBOOK_IDS)
def test_notebooks_stay_short(module, folder):
    # CONTRIBUTING.md: a module longer than about 40 cells is two modules.
    assert len(_load(module.path(folder))["cells"]) <= 45


@pytest.mark.parametrize("module", MODULES, ids=IDS)
def test_at_least_eight_exercises_each_checked_once_by_id(module):
    ids = re.findall(r"ex\.check\(\"([0-9.]+[a-z]?)\"", _code(module.path("solutions")))
    assert sorted(ids) == sorted(e.id for e in module.exercises)
    assert len(ids) == len(set(ids))
    numbers = {i.rstrip("ab") for i in ids}
    assert len(numbers) >= MIN_EXERCISES
    markdown = _markdown(module.path("solutions"))
    for number in numbers:
        assert f"### Exercise {number}:" in markdown, number


@pytest.mark.parametrize("module", MODULES, ids=IDS)
def test_every_curriculum_topic_has_an_exercise(module):
    topics = {e.topic for e in module.exercises}
    for needed in module.topics:
        assert needed in topics, needed


@pytest.mark.parametrize("module", [m for m in MODULES if m.numbered_sections], ids=str)
def test_every_curriculum_topic_has_its_lesson_section(module):
    sections = re.findall(r"^## (\d)\. ", _markdown(module.path("notebooks")), flags=re.MULTILINE)
    assert sections == [str(n) for n in range(1, len(sections) + 1)], sections
    assert len(sections) >= module.numbered_sections


@pytest.mark.parametrize("module", MODULES, ids=IDS)
def test_claims_cited_in_the_lesson_are_registered(module):
    markdown = _shown(module.path("notebooks"))
    cited = set(re.findall(rf"\(claim ({module.number}\.\d+)\)", markdown))
    registered = {c.id for c in claims(module.number)}
    assert cited <= registered, cited - registered
    assert len(cited) >= module.min_claims_cited
    for c in claims(module.number):
        assert f"(claim {c.id})" in markdown, c.id  # tagged where it is said


@pytest.mark.parametrize(
    ("module", "folder"),
    [(m, f) for m in MODULES for f in ("solutions", "exercises")],
    ids=[f"module{m.number}-{f}" for m in MODULES for f in ("solutions", "exercises")],
)
def test_answers_are_out_of_sight(module, folder):
    code = _code(module.path(folder))
    for leak in ("expected=", "hints=", "success=", "Mistake("):
        assert leak not in code, leak


@pytest.mark.parametrize("module", MODULES, ids=IDS)
def test_every_check_passes_in_the_executed_solution(module):
    statuses = _check_outputs(_load(module.path("solutions")))
    assert len(statuses) == len(module.exercises)
    assert set(statuses.values()) == {"passed"}, statuses
    assert all(name.startswith(f"{module.number}.") for name in statuses)


@pytest.mark.parametrize("module", MODULES, ids=IDS)
def test_the_widgets_are_in_the_exercises_and_filled_only_in_the_solution(module):
    exercise = _code(module.path("exercises"))
    for widget in module.exercise_widgets:
        assert widget in exercise, widget
    assert ".save()" not in exercise and "answer.value =" not in exercise
    assert exercise.count("SmartObjectiveBuilder(") >= module.min_builders
    lesson = _code(module.path("notebooks"))
    for widget in module.lesson_widgets:
        assert widget in lesson, widget


@pytest.mark.parametrize("module", MODULES, ids=IDS)
def test_exercises_are_up_to_date_and_untouched_placeholders(module):
    result = write_exercises(
        ROOT / "solutions", ROOT / "exercises", check=True, names=[module.name]
    )
    assert [r.status for r in result] == ["up_to_date"]
    path = module.path("exercises")
    text = path.read_text(encoding="utf-8")
    assert "### BEGIN SOLUTION" not in text
    assert text.count("# YOUR CODE HERE") >= MIN_EXERCISES
    assert all(not c.get("outputs") for c in _load(path)["cells"] if c["cell_type"] == "code")


@pytest.mark.parametrize("module", MODULES, ids=IDS)
def test_every_chart_is_titled_with_axis_titles_and_followed_by_alt_text(module):
    nb = _load(module.path("notebooks"))
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


@pytest.mark.parametrize("module", MODULES, ids=IDS)
def test_charts_embed_aggregated_data_only(module):
    for index, spec in _charts(_load(module.path("notebooks"))):
        rows = sum(len(v) for v in spec.get("datasets", {}).values())
        assert rows <= 1500, f"chart in cell {index} embeds {rows} rows"


@pytest.mark.parametrize(
    ("module", "folder"),
    [(m, f) for m in MODULES for f in ("notebooks", "solutions", "exercises")],
    ids=[f"module{m.number}-{f}" for m in MODULES for f in ("notebooks", "solutions", "exercises")],
)
def test_notebook_under_one_megabyte(module, folder):
    assert module.path(folder).stat().st_size < 1_000_000


@pytest.mark.parametrize(("module", "folder"), NOTEBOOKS, ids=NOTEBOOK_IDS)
def test_outputs_show_no_errors_or_memory_addresses(module, folder):
    for cell in _load(module.path(folder))["cells"]:
        for output in cell.get("outputs", []):
            assert output.get("output_type") != "error"
            plain = "".join(output.get("data", {}).get("text/plain", ""))
            assert not re.search(r"at 0x[0-9a-f]{6,}", plain)


@pytest.mark.parametrize(("module", "folder"), NOTEBOOKS, ids=NOTEBOOK_IDS)
def test_no_hard_coded_reading_of_data_in_markdown(module, folder):
    # Figures that depend on the data are computed in code cells; markdown states no results
    # such as "r = 0.86" or "lag of 3 months".
    for cell in _load(module.path(folder))["cells"]:
        if cell["cell_type"] == "markdown":
            assert not re.search(r"\br = -?0\.\d", _text(cell)), _text(cell)[:80]


@pytest.mark.parametrize("module", MODULES, ids=IDS)
def test_lesson_links_the_toolkit_sheets_that_name_it(module):
    # A toolkit sheet lists the modules that use it (toolkit/worksheets/<key>.yaml `modules`,
    # shown in toolkit/README.md); the lesson links exactly those sheets, and only sheets that exist.
    import yaml

    sheets = {p.stem: p for p in (ROOT / "toolkit").glob("*.ipynb")}
    linked = set(
        re.findall(r"\]\(\.\./toolkit/([a-z_]+)\.ipynb\)", _markdown(module.path("notebooks")))
    )
    assert linked, f"module {module.number} links no toolkit sheet as ../toolkit/<name>.ipynb"
    assert linked <= set(sheets), f"links to missing sheets: {sorted(linked - set(sheets))}"
    naming = {
        key
        for key in sheets
        if module.number
        in yaml.safe_load((ROOT / "toolkit" / "worksheets" / f"{key}.yaml").read_text())["modules"]
    }
    assert linked == naming, (
        f"module {module.number}: lesson links {sorted(linked)}, sheets naming it {sorted(naming)}"
    )
