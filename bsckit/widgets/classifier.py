"""Leading or lagging? A classifier exercise with feedback per measure and a running score.

A **leading** measure moves first and drives results (research studies run, response time);
a **lagging** measure records the outcome after the fact (share of sales from new products,
days sales outstanding). The default items come from the Homeats internal-processes deep-dive
(course module 3): its innovation, operations and post-sale service processes, with the
classification the course material gives.

Examples
--------
>>> quiz = LeadingLaggingQuiz(items=[
...     QuizItem("Market research studies", "leading", "Innovation", "Research comes first."),
...     QuizItem("Days sales outstanding", "lagging", "Post-sale service", "It records payment."),
... ])
>>> quiz.answers[0].value = "leading"
>>> quiz.answers[1].value = "leading"
>>> quiz.score, quiz.answered
(1, 2)
>>> print(quiz.summary_text().splitlines()[0])
Leading or lagging: 1 of 2 correct (2 of 2 answered).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import ipywidgets as w

from bsckit._validation import check_choice
from bsckit.catalogue import read_data_file
from bsckit.widgets._summary import StaticSummary, esc

__all__ = ["DEFAULT_QUIZ_ITEMS", "LeadingLaggingQuiz", "QuizItem"]

_KINDS = ("leading", "lagging")


@dataclass(frozen=True)
class QuizItem:
    """One measure to classify.

    Parameters
    ----------
    measure : str
        The measure as a learner reads it, e.g. ``"Production cycle time"``.
    answer : {"leading", "lagging"}
        The classification the course material gives.
    process : str, default ""
        The process (or objective) it serves; leading/lagging is relative to it.
    why : str, default ""
        One sentence shown after the learner answers.

    Examples
    --------
    >>> QuizItem("OEE", "lagging").answer
    'lagging'
    >>> QuizItem("OEE", "outcome")
    Traceback (most recent call last):
    ...
    ValueError: `answer` must be one of 'leading', 'lagging'; got 'outcome'.
    """

    measure: str
    answer: str
    process: str = ""
    why: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.measure, str) or not self.measure.strip():
            msg = f"`measure` must be non-empty text naming the measure, got {self.measure!r}."
            raise ValueError(msg)
        check_choice("answer", self.answer, _KINDS)
        for name in ("process", "why"):
            if not isinstance(getattr(self, name), str):
                msg = f"`{name}` must be text, got {getattr(self, name)!r}."
                raise TypeError(msg)


DEFAULT_QUIZ_ITEMS: tuple[QuizItem, ...] = tuple(
    QuizItem(*item) for item in read_data_file("bsckit.widgets", "quiz_items.yaml")["items"]
)
"""Twelve measures from the Homeats deep-dive (course module 3), four per process
(``bsckit/widgets/quiz_items.yaml``)."""

_MARK = {True: "✔ Correct", False: "✘ Not quite", None: ""}
_COLOUR = {True: "#009E73", False: "#D55E00", None: "#555555"}
_LEFT = 'style="text-align:left"'  # JupyterLab right-aligns table cells by default


class LeadingLaggingQuiz(StaticSummary):
    """Classify measures as leading or lagging; feedback per item and a score.

    Parameters
    ----------
    items : sequence of QuizItem, optional
        Defaults to :data:`DEFAULT_QUIZ_ITEMS` (the Homeats deep-dive).

    Attributes
    ----------
    answers : list of ipywidgets.ToggleButtons
        One per item; ``value`` is ``None`` until answered, then ``"leading"``/``"lagging"``.
    feedback : list of ipywidgets.HTML
        One per item.
    score_label : ipywidgets.HTML
        ``"Score: 3 of 12 correct (5 answered)"``.
    reset_button : ipywidgets.Button
        Clears every answer.
    widget : ipywidgets.VBox
        The whole exercise; displaying the quiz shows it plus a static summary.
    """

    def __init__(self, items: Iterable[QuizItem] | None = None) -> None:
        chosen = DEFAULT_QUIZ_ITEMS if items is None else items
        if isinstance(chosen, str) or not isinstance(chosen, Iterable):
            msg = f"`items` must be a list of QuizItem, got {type(chosen).__name__}."
            raise TypeError(msg)
        chosen = tuple(chosen)
        if not chosen:
            msg = "`items` must hold at least one QuizItem, got an empty list. Leave it out for the default Homeats items."
            raise ValueError(msg)
        for i, item in enumerate(chosen):
            if not isinstance(item, QuizItem):
                msg = (
                    f"`items[{i}]` must be a QuizItem, got {type(item).__name__} ({item!r:.40})."
                    ' Build it with QuizItem("measure", "leading", "process", "why").'
                )
                raise TypeError(msg)
        self.items: tuple[QuizItem, ...] = chosen
        self.answers: list[w.ToggleButtons] = []
        self.feedback: list[w.HTML] = []
        rows = []
        for item in self.items:
            toggle = w.ToggleButtons(
                options=[("Leading", "leading"), ("Lagging", "lagging")],
                value=None,
                style={"button_width": "80px"},
                layout=w.Layout(min_width="180px", width="180px"),
            )
            note = w.HTML("", layout=w.Layout(flex="1"))
            toggle.observe(self._on_answer, names="value")
            label = esc(item.measure) + (
                f' <span style="color:#555">({esc(item.process)})</span>' if item.process else ""
            )
            rows.append(
                w.HBox(
                    [w.HTML(label, layout=w.Layout(width="340px")), toggle, note],
                    layout=w.Layout(align_items="center"),
                )
            )
            self.answers.append(toggle)
            self.feedback.append(note)
        self.score_label = w.HTML()
        self.reset_button = w.Button(description="Start again", icon="refresh")
        self.reset_button.on_click(self._on_reset)
        intro = w.HTML(
            "<b>Leading or lagging?</b> Leading measures move first and drive results;"
            " lagging measures record the outcome afterwards. Classify each measure for the"
            " process it serves."
        )
        self.widget = w.VBox([intro, *rows, w.HBox([self.score_label, self.reset_button])])
        self.widget.add_class("bsckit-quiz")
        self._update()

    # -- state ------------------------------------------------------------------------------
    def is_correct(self, index: int) -> bool | None:
        """``True``/``False`` for an answered item, ``None`` when not answered yet."""
        value = self.answers[index].value
        return None if value is None else value == self.items[index].answer

    @property
    def answered(self) -> int:
        """How many items have an answer."""
        return sum(toggle.value is not None for toggle in self.answers)

    @property
    def score(self) -> int:
        """How many answers are correct."""
        return sum(self.is_correct(i) is True for i in range(len(self.items)))

    def _feedback_text(self, index: int) -> str:
        item, correct = self.items[index], self.is_correct(index)
        if correct is None:
            return ""
        if correct:
            return f"Correct: {item.answer}. {item.why}".strip()
        return f"Not quite: {item.measure} is a {item.answer} measure here. {item.why}".strip()

    def _on_answer(self, _change: object = None) -> None:
        self._update()

    def _on_reset(self, _button: object = None) -> None:
        for toggle in self.answers:
            toggle.value = None
        self._update()

    def _update(self) -> None:
        for i, note in enumerate(self.feedback):
            correct = self.is_correct(i)
            text = self._feedback_text(i)
            note.value = (
                f'<span style="color:{_COLOUR[correct]}" data-correct="{str(correct).lower()}">'
                f"{esc(text)}</span>"
                if text
                else ""
            )
        self.score_label.value = (
            f"<b>Score: {self.score} of {len(self.items)} correct</b> ({self.answered} answered)"
        )
        self.refresh_summary()

    # -- static summary ---------------------------------------------------------------------
    def summary_text(self) -> str:
        """Plain-text record: score line, then one line per item."""
        lines = [
            f"Leading or lagging: {self.score} of {len(self.items)} correct"
            f" ({self.answered} of {len(self.items)} answered)."
        ]
        for i, item in enumerate(self.items):
            given = self.answers[i].value or "not answered"
            mark = {True: "correct", False: f"answer: {item.answer}", None: ""}[self.is_correct(i)]
            lines.append(f"- {item.measure}: {given}" + (f" ({mark})" if mark else ""))
        return "\n".join(lines)

    def summary_html(self) -> str:
        """HTML record: a table of measure, process, the learner's answer and the verdict."""
        rows = []
        for i, item in enumerate(self.items):
            correct = self.is_correct(i)
            given = self.answers[i].value or "not answered"
            verdict = _MARK[correct] + ("" if correct in (True, None) else f" ({item.answer})")
            rows.append(
                f"<tr><td {_LEFT}>{esc(item.measure)}</td><td {_LEFT}>{esc(item.process)}</td>"
                f"<td {_LEFT}>{esc(given)}</td>"
                f'<td style="text-align:left;color:{_COLOUR[correct]}">{esc(verdict)}</td></tr>'
            )
        return (
            '<div class="bsckit-summary"><p><b>Leading or lagging</b>: '
            f"{self.score} of {len(self.items)} correct ({self.answered} answered).</p>"
            f"<table><thead><tr><th {_LEFT}>Measure</th><th {_LEFT}>Process</th>"
            f"<th {_LEFT}>Your answer</th><th {_LEFT}>Verdict</th></tr></thead><tbody>"
            + "".join(rows)
            + "</tbody></table></div>"
        )

    def __repr__(self) -> str:
        return (
            f"<LeadingLaggingQuiz: {len(self.items)} items, {self.answered} answered,"
            f" {self.score} correct>"
        )
