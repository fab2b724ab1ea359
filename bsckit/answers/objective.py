"""The check shared by the "an objective in your scorecard" exercises of the modules.

The learner builds an objective in :class:`bsckit.widgets.SmartObjectiveBuilder` and saves it;
the check reads the scorecard file and passes when an objective of the module's perspective is
saved with a target, a deadline and an owner.

Examples
--------
>>> from bsckit.scorecard import Measure, Objective
>>> m = Measure(name="NPS", unit="points", direction="higher_is_better", target=40.0,
...             owner="Head of Customer Service")
>>> is_complete(Objective("Delight customers", "customer", (m,)))
False
"""

from __future__ import annotations

from typing import Any

from bsckit.answers import ExerciseData
from bsckit.check import Check, Mistake

__all__ = ["is_complete", "perspective_objective_check", "saved_objectives"]


def saved_objectives(data: ExerciseData) -> list | None:
    """The objectives in the learner's scorecard file, or None when there is no file yet."""
    from bsckit.scorecard import load_scorecard

    path = data.scorecard_path
    if not path.is_file():
        return None
    return list(load_scorecard(path).objectives)


def is_complete(objective: Any) -> bool:
    """True when the objective has a deadline, an owner and a target on its first measure."""
    m = objective.measures[0]
    return (
        objective.deadline is not None
        and bool(objective.owners or m.owner)
        and m.target is not None
    )


def perspective_objective_check(
    data: ExerciseData,
    name: str,
    perspective: str,
    *,
    label: str,
    choice: str,
    hints: tuple[str, ...],
    success: str,
    reveal: str,
) -> Check:
    """The check of an exercise "save a ``perspective`` objective to your scorecard".

    ``label`` names the perspective in running text ("customer"), ``choice`` as the builder's
    first field shows it ("Customer"). Not attempted while no objective is saved; the two known
    mistakes are an objective on another perspective and one without target, deadline or owner.
    """

    def mine(objs: list) -> list:
        return [o for o in objs if o.perspective.value == perspective]

    def judge(_answer: Any) -> tuple[bool | None, str]:
        objs = saved_objectives(data)
        if not objs:
            return None, f"build a {label} objective in the builder above and click Save."
        found = mine(objs)
        if not found:
            return (
                False,
                f"none of your {len(objs)} saved objectives is on the {label} perspective.",
            )
        if any(is_complete(o) for o in found):
            return True, ""
        return False, f"your {label} objective lacks a target, a deadline or an owner."

    def wrong_perspective(_answer: Any) -> bool:
        objs = saved_objectives(data) or []
        return bool(objs) and not mine(objs)

    def incomplete(_answer: Any) -> bool:
        found = mine(saved_objectives(data) or [])
        return bool(found) and not any(is_complete(o) for o in found)

    return Check(
        name,
        expected=None,
        judge=judge,
        mistakes=(
            Mistake(
                "wrong_perspective",
                f"the objective you saved is not on the {label} perspective: choose {choice} "
                "in the builder's first field.",
                matches=wrong_perspective,
            ),
            Mistake(
                "incomplete",
                f"your {label} objective is saved without a target, a deadline or an owner: "
                "fill them in, tick 'Replace' and save again.",
                matches=incomplete,
            ),
        ),
        hints=hints,
        success=success,
        reveal=reveal,
    )
