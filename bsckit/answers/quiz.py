"""What every answer key needs to judge a leading/lagging quiz (:class:`~bsckit.widgets.LeadingLaggingQuiz`).

A module's key writes only what is its own - the mistakes that fit its measures, the hints, the
success text - and builds the check with :func:`quiz_check`; the judging and the two mistakes
every quiz shares (all one kind, meaning reversed) live here once.

Examples
--------
>>> from types import SimpleNamespace as NS
>>> quiz = NS(items=[NS(answer="leading"), NS(answer="lagging")],
...           answers=[NS(value="leading"), NS(value="")])
>>> quiz_state(quiz)
(['leading', None], ['leading', 'lagging'])
>>> judge_quiz("3.2")(quiz)
(False, '1 of 2 measures answered, 0 of them wrong.')
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from bsckit.check import Check, Mistake

__all__ = ["all_one_kind", "judge_quiz", "quiz_check", "quiz_state", "reversed_meaning"]


def quiz_state(quiz: Any) -> tuple[list[str | None], list[str]] | None:
    """The learner's answers (``None`` where unanswered) and the right ones; ``None`` if not a quiz."""
    items = getattr(quiz, "items", None)
    answers = getattr(quiz, "answers", None)
    if items is None or answers is None:
        return None
    return [a.value or None for a in answers], [i.answer for i in items]


def judge_quiz(exercise_id: str) -> Callable[[Any], tuple[bool | None, str]]:
    """A judge for :class:`~bsckit.check.Check`: all answered and right, or what is missing."""

    def judge(quiz: Any) -> tuple[bool | None, str]:
        state = quiz_state(quiz)
        if state is None:
            return False, f"pass the quiz object itself: ex.check('{exercise_id}', quiz)."
        given, right = state
        answered = sum(g is not None for g in given)
        if answered == 0:
            return None, "answer the quiz above (click Leading or Lagging on each row)."
        wrong = sum(g is not None and g != r for g, r in zip(given, right, strict=True))
        if answered < len(right):
            return False, f"{answered} of {len(right)} measures answered, {wrong} of them wrong."
        return wrong == 0, f"{wrong} of {len(right)} measures classified wrong."

    return judge


def all_one_kind(quiz: Any) -> bool:
    """Every answered row (at least four) got the same answer."""
    state = quiz_state(quiz)
    given = [] if state is None else [g for g in state[0] if g is not None]
    return len(given) >= 4 and len(set(given)) == 1


def reversed_meaning(quiz: Any) -> bool:
    """Most answered rows (at least four) are the opposite of the right answer."""
    state = quiz_state(quiz)
    if state is None:
        return False
    pairs = [(g, r) for g, r in zip(*state, strict=True) if g is not None]
    return len(pairs) >= 4 and sum(g != r for g, r in pairs) > len(pairs) / 2


def quiz_check(
    name: str,
    *,
    mistakes: Sequence[Mistake],
    hints: Sequence[str],
    success: str,
    reveal: str,
) -> Check:
    """The check of a leading/lagging quiz exercise; ``name`` starts with the exercise id."""
    return Check(
        name,
        expected=None,
        judge=judge_quiz(name.split()[0]),
        mistakes=tuple(mistakes),
        hints=tuple(hints),
        success=success,
        reveal=reveal,
    )
