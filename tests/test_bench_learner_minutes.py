"""The learner-minutes model (benchmarks/bench_learner_minutes.py), piece by piece, by hand.

Every expected value below is worked out from the published rates (238 wpm, Brysbaert 2019;
200 wpm, Carver 1992; keystroke-level operators, Card, Moran and Newell 1980) and the named
assumptions, not taken from the script, so a change to a rate or a formula fails here.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pandas as pd
import pytest

from bsckit.answers import MODULES, Exercise, Exercises
from bsckit.check import Check, Mistake

ROOT = Path(__file__).resolve().parents[1]


def _load_bench():
    spec = importlib.util.spec_from_file_location(
        "bench_learner_minutes", ROOT / "benchmarks" / "bench_learner_minutes.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


bench = _load_bench()


def test_the_published_rates_and_operators():
    assert bench.PROSE_WPM == 238
    assert bench.CODE_WPM == 200
    assert bench.CODE_CPM == 130
    assert bench.KLM == {"K": 0.28, "P": 1.1, "B": 0.1, "H": 0.4, "M": 1.35}


def test_reading_a_476_word_text_takes_two_minutes_at_238_wpm():
    assert bench.reading_minutes(476) == pytest.approx(2.0)
    assert bench.reading_minutes(300, wpm=200) == pytest.approx(1.5)
    with pytest.raises(ValueError, match="`wpm` must be above 0, got 0"):
        bench.reading_minutes(10, wpm=0)


def test_prose_words_leave_markup_and_link_targets_out():
    text = (
        "## Key points\n\n- Keep **two** [charts](https://example.org/a/b/c) <sup>(claim 3.4)</sup>"
    )
    # Key, points, Keep, two, charts, claim, 3.4
    assert bench.prose_words(text) == 7


def test_code_is_counted_in_standard_words_of_six_characters():
    # "df = x.sum()" is 12 characters -> 2 standard words; the indentation is not read
    assert bench.code_words("    df = x.sum()\n") == pytest.approx(2.0)
    # 1,200 characters of code read at 200 standard words a minute: 200 words, 1 minute
    code = ("abcdefghij" * 10 + "\n") * 12
    assert bench.reading_minutes(bench.code_words(code), bench.CODE_WPM) == pytest.approx(1.0)


def test_typing_skips_comments_blank_lines_and_indentation():
    code = "# choose the months\n\n    per_month = rates.mean()\n"
    # "per_month = rates.mean()" is 24 characters; at 130 a minute
    assert bench.typing_minutes(code) == pytest.approx(24 / 130)
    assert bench.typing_minutes("x" * 260) == pytest.approx(2.0)


def test_solution_code_is_what_lies_between_the_markers():
    cell = 'data = load()\n### BEGIN SOLUTION\nrate = a / b\nrate = rate.round(2)\n### END SOLUTION\nex.check("3.4", rate)'
    assert bench.solution_code(cell) == "rate = a / b\nrate = rate.round(2)"


def test_keystroke_level_operator_sums():
    # run a cell: M P B B H K K = 1.35 + 1.1 + 0.1 + 0.1 + 0.4 + 0.28 + 0.28
    assert pytest.approx(3.61) == bench.RUN_CELL_SECONDS
    # one widget field: M H P B B H + 6 K = 1.35 + 0.4 + 1.1 + 0.2 + 0.4 + 1.68
    assert pytest.approx(5.13) == bench.WIDGET_INPUT_SECONDS
    # a chart: 6 M
    assert pytest.approx(8.1) == bench.CHART_SECONDS


def test_one_wrong_attempt():
    # 119 words of diagnosis at 238 wpm (0.5 min) + 1 min thinking again + 30 % of
    # 260 characters retyped at 130 a minute (0.6 min) + one run (3.61 s)
    expected = 0.5 + 1.0 + 0.6 + 3.61 / 60
    assert bench.wrong_attempt_minutes(119, 260) == pytest.approx(expected)


def test_the_30_percent_flag():
    assert not bench.differs(10, 13)
    assert not bench.differs(10, 7)  # exactly 30 % off is not over 30 %
    assert bench.differs(10, 13.5)
    assert bench.differs(10, 6.9)
    assert bench.differs(70, 48)  # 22/70 = 31 %


def test_new_minutes_are_shared_among_parts_in_proportion():
    assert bench.split_parts(15, [6, 5]) == [8, 7]  # 8.18 and 6.82
    assert bench.split_parts(20, [5, 5]) == [10, 10]
    assert bench.split_parts(19, [7, 6]) == [10, 9]  # 10.23 and 8.77: the larger remainder
    assert bench.split_parts(5, [4, 4]) == [3, 3]  # never under 3 minutes a part
    assert bench.split_parts(9, [5]) == [9]


def test_widget_fields_and_quiz_loops():
    assert bench._widget_inputs("b.perspective.value = 'financial'\nb.target.value = 5", {}) == (
        pytest.approx(2 + (9 - 6) * 0.28 / 5.13)  # "financial" is 3 keystrokes beyond six
    )
    loop = "for item, answer in zip(quiz.items, quiz.answers):\n    answer.value = item.answer"
    assert bench._widget_inputs(loop, {"quiz": 8}) == 8


def _notebook(cells):
    return {"cells": cells, "metadata": {}}


def _md(text, tags=()):
    return {"cell_type": "markdown", "source": text, "metadata": {"tags": list(tags)}}


def _code(text, outputs=(), tags=()):
    return {
        "cell_type": "code",
        "source": text,
        "metadata": {"tags": list(tags)},
        "outputs": list(outputs),
    }


def test_a_lesson_by_hand():
    words = " ".join(["word"] * 238)  # 1 minute of prose
    code = ("abcdefghij" * 10 + "\n") * 12  # 1,200 characters: 1 minute of code
    stream = {"output_type": "stream", "name": "stdout", "text": "x" * 600}  # 100 words: 0.5 min
    chart = {"output_type": "display_data", "data": {"application/vnd.vegalite.v5+json": {}}}
    notebook = _notebook(
        [
            _md(words),
            _md(words, tags=["instructor"]),  # not read by learners
            _code(code, outputs=[stream, chart]),
        ]
    )
    parts = bench.lesson_minutes(notebook)
    assert parts["read prose"] == pytest.approx(1.0)
    assert parts["read code"] == pytest.approx(1.0)
    assert parts["run cells"] == pytest.approx(3.61 / 60)
    assert parts["read output"] == pytest.approx(0.5 + 8.1 / 60)


def test_long_output_is_read_only_up_to_the_cap():
    big = {"output_type": "stream", "name": "stdout", "text": "x" * 6000}  # 1,000 words
    parts = bench.lesson_minutes(_notebook([_code("", outputs=[big])]))
    assert parts["read output"] == pytest.approx(150 / 200)


def test_sections_run_from_an_exercise_heading_to_the_next():
    notebook = _notebook(
        [
            _md("# Module 9"),
            _md("## 1. Topic\n\nIntro.\n\n### Exercise 9.1: one"),
            _code("a = 1"),
            _md("### Exercise 9.2: two"),
            _code("b = 2"),
            _md("## Key points\n\n- done"),
        ]
    )
    sections = bench._sections(notebook)
    assert list(sections) == ["9.1", "9.2"]
    assert bench._source(sections["9.1"][0]) == "### Exercise 9.1: one"  # the intro is the topic's
    assert [c["cell_type"] for c in sections["9.2"]] == ["markdown", "code"]


def test_mistakes_with_answers_are_driven_and_diagnosed():
    def key(data, using):
        total = data.tables["sales"]["amount"].sum()
        return Check(
            "demo 1",
            expected=total,
            mistakes=(
                Mistake("doubled", "you added every row twice.", answer=2 * total),
                Mistake("negative", "you flipped the sign.", answer=-total),
                Mistake("pattern", "you gave text.", matches=lambda a: isinstance(a, str)),
            ),
        )

    ex = Exercises(
        "demo",
        (Exercise("demo 1", "total", 3, "adding up", key),),
        tables={"sales": pd.DataFrame({"amount": [1.0, 2.5]})},
    )
    driven, diagnosed, pattern_only, words = bench.drive_mistakes(ex, "demo 1")
    assert (driven, diagnosed, pattern_only) == (2, 2, 1)
    assert len(words) == 2 and all(w > 5 for w in words)


def test_a_mistake_another_one_shadows_is_not_counted_as_diagnosed():
    def key(data, using):
        return Check(
            "demo 2",
            expected=1.0,
            mistakes=(
                Mistake("first", "the first hint.", answer=2.0),
                Mistake("same_value", "never shown: the first mistake matches first.", answer=2.0),
            ),
        )

    ex = Exercises("demo", (Exercise("demo 2", "shadow", 3, "t", key),), tables={})
    assert bench.drive_mistakes(ex, "demo 2")[:2] == (2, 1)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_every_exercise_of_the_kit_is_modelled_and_its_mistakes_diagnosed(module):
    import importlib

    ids = [e.id for e in importlib.import_module(MODULES[module]).EXERCISES]
    models = bench.model_exercises(module)
    assert sorted(p for m in models for p in m.parts) == sorted(ids)
    for m in models:
        assert m.driven == m.diagnosed, (m.number, m.problems)
        assert m.driven + m.pattern_only >= 2 * len(m.parts), m.number
        assert m.modelled > 0


def test_lesson_notebooks_of_the_kit_are_modelled():
    for path in sorted((ROOT / "notebooks").glob("0[1-7]_*.ipynb")):
        parts = bench.lesson_minutes(json.loads(path.read_text(encoding="utf-8")))
        assert all(v > 0 for v in parts.values()), path.name
