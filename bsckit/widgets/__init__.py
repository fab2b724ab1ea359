"""Interactive exercises for JupyterLab: build SMART objectives, classify measures, set thresholds.

- :class:`SmartObjectiveBuilder` - fields for one objective, a live SMART checklist, a preview
  sentence, the measure's Homeats history with baseline and target, and Save to the learner's
  scorecard file (``workspace/my_scorecard.yaml``, atomic, with a ``.bak``).
- :class:`LeadingLaggingQuiz` - classify the module 3 measures as leading or lagging.
- :class:`ThresholdEditor` - move RAG thresholds and see the statuses on real data.

Contributor rules for this folder: every child widget is a public attribute so tests drive it
from Python (set ``.value``, call ``.click()``); every widget displays a static HTML/text
summary beside the live view (papermill and nbconvert do not keep widget state), refreshed on
each change; judgements come from the model packages (:mod:`bsckit.smart`,
:mod:`bsckit.scorecard`), never re-implemented here.

Examples
--------
>>> quiz = LeadingLaggingQuiz()
>>> len(quiz.items), quiz.score
(12, 0)
"""

from __future__ import annotations

from bsckit.widgets.builder import STRATEGIC_OBJECTIVES, SmartObjectiveBuilder, read_number
from bsckit.widgets.classifier import DEFAULT_QUIZ_ITEMS, LeadingLaggingQuiz, QuizItem
from bsckit.widgets.history import HISTORY_MEASURES, measure_history
from bsckit.widgets.thresholds import ThresholdEditor
from bsckit.widgets.workspace import (
    SCORECARD_FILENAME,
    WORKSPACE_ENV,
    display_path,
    find_kit_root,
    scorecard_path,
    workspace_dir,
)

__all__ = [
    "DEFAULT_QUIZ_ITEMS",
    "HISTORY_MEASURES",
    "SCORECARD_FILENAME",
    "STRATEGIC_OBJECTIVES",
    "WORKSPACE_ENV",
    "LeadingLaggingQuiz",
    "QuizItem",
    "SmartObjectiveBuilder",
    "ThresholdEditor",
    "display_path",
    "find_kit_root",
    "measure_history",
    "read_number",
    "scorecard_path",
    "workspace_dir",
]
