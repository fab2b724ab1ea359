"""The SMART objective builder: fill in an objective, get a facilitator's feedback, keep it.

The learner picks a perspective and a measure from the catalogue (the SMART vocabulary,
:data:`bsckit.smart.MEASURES`); the measure's baseline is filled in from Homeats data (see
:mod:`bsckit.widgets.history`). As any field changes, :func:`bsckit.smart.check_smart` re-checks
the five criteria and the checklist, the preview sentence and a small chart of the measure's
history (with baseline and target) follow. **Save** adds the objective to the learner's
scorecard file (``workspace/my_scorecard.yaml`` by default, see :mod:`bsckit.widgets.workspace`)
through :func:`bsckit.scorecard.add_objective`: atomic, with the previous file kept as
``.bak``; a corrupt or hand-broken file is reported and left exactly as it is, and an objective
of the same name is never overwritten unless the learner ticks *Replace*.

Every child widget is an attribute (``builder.target``, ``builder.save_button``...) so that tests
and solution notebooks can drive the builder from Python.

Examples
--------
>>> import tempfile, pathlib
>>> from datetime import date
>>> path = pathlib.Path(tempfile.mkdtemp()) / "card.yaml"
>>> b = SmartObjectiveBuilder(scorecard_path=path, today=date(2026, 11, 1), use_data=False)
>>> b.perspective.value = "internal_processes"
>>> b.measure.value = "defect_rate"
>>> b.baseline.value, b.target.value = "2.4", "2"
>>> b.deadline.value = date(2027, 6, 30)
>>> b.owner.value = "Head of kitchens"
>>> b.linked_objective.value = "Serve meals right first time"
>>> b.report.statuses["Time-bound"], b.report.statuses["Specific"]
('pass', 'pass')
>>> b.preview_sentence()
'Decrease defect rate from 2.4% to 2% by 30 June 2027 (owner: Head of kitchens).'
>>> b.save_button.click()
>>> "Saved to" in b.status.value, b.saved
(True, ['Decrease defect rate'])
"""

from __future__ import annotations

import math
import os
import re
from datetime import date
from pathlib import Path
from typing import Any

import ipywidgets as w
import pandas as pd

from bsckit import charts
from bsckit._validation import check_today
from bsckit.scorecard import Measure as ScorecardMeasure
from bsckit.scorecard import Objective, Perspective, add_objective, load_scorecard
from bsckit.smart import MEASURES, MEASURES_BY_ID, UNITS, SmartReport, check_smart
from bsckit.widgets import history as _history
from bsckit.widgets._summary import StaticSummary, esc
from bsckit.widgets.workspace import display_path
from bsckit.widgets.workspace import scorecard_path as _scorecard_path

__all__ = ["STRATEGIC_OBJECTIVES", "SmartObjectiveBuilder", "read_number"]

#: Unit of the SMART vocabulary -> unit the SMART parser uses.
_PARSED_UNIT = {"count": "units", "score": "points"}
#: Units offered: the SMART vocabulary's, plus any unit a catalogue measure uses.
_UNIT_CHOICES = tuple(dict.fromkeys((*UNITS, *(m.unit for m in MEASURES))))

#: Strategic objectives offered in the "Serves" box (Homeats strategy, course modules 1-5).
STRATEGIC_OBJECTIVES: tuple[str, ...] = (
    "Grow profitable revenue",
    "Raise the share of revenue from new dishes",
    "Cut production cost",
    "Deliver reliably and on time",
    "Raise satisfaction with post-sale service",
    "Keep customers loyal",
    "Get paid faster",
    "Build a skilled, engaged workforce",
)

_VERB = {"increase": "Increase", "decrease": "Decrease", "maintain": "Keep"}
_ICON = {"pass": "✓", "warn": "!", "fail": "✗"}
_COLOUR = {"pass": "#1a7f37", "warn": "#9a6700", "fail": "#cf222e"}
_BACKGROUND = {"pass": "#dafbe1", "warn": "#fff8c5", "fail": "#ffebe9"}


def read_number(text: Any) -> float | None:
    """Read a number a learner typed (``"95"``, ``"12,5"``, ``"£5.40"``, ``"1,200"``, ``"15%"``).

    Returns ``None`` for empty or non-numeric text (the SMART check then says so).

    Examples
    --------
    >>> read_number("12,5"), read_number("£1,200.50"), read_number(" 15 % "), read_number("lots")
    (12.5, 1200.5, 15.0, None)
    >>> read_number(""), read_number(7)
    (None, 7.0)
    """
    if isinstance(text, bool):
        return None
    if isinstance(text, int | float):
        return float(text) if math.isfinite(text) else None
    if not isinstance(text, str):
        return None
    cleaned = re.sub(r"[\s£€$%]", "", text)
    if not cleaned:
        return None
    if re.fullmatch(r"[-+]?\d+,\d{1,2}", cleaned):  # decimal comma: 12,5
        cleaned = cleaned.replace(",", ".")
    elif re.fullmatch(r"[-+]?\d{1,3}(,\d{3})+(\.\d+)?", cleaned):  # thousands: 1,200.50
        cleaned = cleaned.replace(",", "")
    try:
        number = float(cleaned)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _plain(value: float, digits: int = 4) -> str:
    """``value`` with about ``digits`` significant digits, never in e-notation.

    Examples
    --------
    >>> _plain(65031.4), _plain(92.8125), _plain(0.94761), _plain(0.0)
    ('65031', '92.81', '0.9476', '0')
    """
    if value == 0 or not math.isfinite(value):
        return f"{value:g}"
    decimals = max(0, digits - 1 - math.floor(math.log10(abs(value))))
    return f"{value:.{decimals}f}"


def _field(widget: w.Widget, css: str) -> w.Widget:
    widget.add_class(css)
    return widget


class SmartObjectiveBuilder(StaticSummary):
    """Build one SMART objective with live feedback, then save it to the learner's scorecard.

    Parameters
    ----------
    data_dir : path-like, optional
        Folder of the Homeats tables; default: the kit's committed ``datasets/``
        (see :func:`bsckit.data.load`).
    scorecard_path : path-like, optional
        The learner's scorecard file; default ``<workspace>/my_scorecard.yaml`` (see
        :func:`bsckit.widgets.workspace.scorecard_path`; ``BSCKIT_WORKSPACE`` overrides).
    today : datetime.date, optional
        Reference date for deadlines; default ``date.today()``.
    baseline_months : int, default 1
        The baseline filled in from the data is the mean of the last ``baseline_months``
        months. The default, 1 (the latest month), is the convention the SMART checker uses.
    use_data : bool, default True
        ``False`` skips Homeats data entirely (no baseline, no chart, Achievable becomes a
        plausibility check) - for quick tests and for kits without datasets.

    Attributes
    ----------
    perspective, measure, direction, change, unit : ipywidgets.Dropdown
    baseline, target, owner, name : ipywidgets.Text
    deadline : ipywidgets.DatePicker
    linked_objective : ipywidgets.Combobox
    replace : ipywidgets.Checkbox
        Allow Save to replace an objective of the same name (the old file stays in ``.bak``).
    checklist, preview, baseline_note, status : ipywidgets.HTML
    chart_output : ipywidgets.Output
        The measure's history chart (altair, offline ``mimetype`` renderer).
    save_button : ipywidgets.Button
    report : bsckit.smart.SmartReport
        The latest check.
    data_error : str or None
        Why the Homeats data could not be read (then Achievable is a plausibility check).
    path : pathlib.Path
        Where Save writes.
    widget : ipywidgets.VBox
    """

    def __init__(
        self,
        data_dir: str | os.PathLike[str] | None = None,
        scorecard_path: str | os.PathLike[str] | None = None,
        today: date | None = None,
        *,
        baseline_months: int = 1,
        use_data: bool = True,
    ) -> None:
        today = check_today(today)
        if (
            isinstance(baseline_months, bool)
            or not isinstance(baseline_months, int)
            or baseline_months < 1
        ):
            msg = f"`baseline_months` must be a whole number of months, at least 1; got {baseline_months!r}."
            raise ValueError(msg)
        if data_dir is not None and not isinstance(data_dir, str | os.PathLike):
            msg = f"`data_dir` must be a folder path or None, got {data_dir!r} ({type(data_dir).__name__})."
            raise TypeError(msg)
        self.today = today
        self.path: Path = _scorecard_path(scorecard_path)
        self.data_dir = data_dir
        self.baseline_months = baseline_months
        self.use_data = bool(use_data)
        self.saved: list[str] = []
        self.last_error: str | None = None
        self.data_error: str | None = None
        self.history: pd.Series | None = None
        self.chart: Any = None
        self._updating = False
        self._auto_name = ""
        self._chart_key: tuple[Any, ...] | None = None
        charts.setup()

        wide = w.Layout(width="460px")
        style = {"description_width": "110px"}
        self.perspective = _field(
            w.Dropdown(
                options=[("- choose -", "")] + [(p.label, p.value) for p in Perspective],
                value="",
                description="Perspective",
                style=style,
                layout=wide,
            ),
            "bsckit-perspective",
        )
        measures = sorted(MEASURES, key=lambda m: m.name.lower())
        self.measure = _field(
            w.Dropdown(
                options=[("- choose -", "")] + [(f"{m.name} ({m.unit})", m.id) for m in measures],
                value="",
                description="Measure",
                style=style,
                layout=wide,
            ),
            "bsckit-measure",
        )
        self.baseline = _field(
            w.Text(description="Baseline", placeholder="filled in from Homeats data", style=style),
            "bsckit-baseline",
        )
        self.baseline_note = w.HTML(layout=w.Layout(width="300px"))
        self.direction = _field(
            w.Dropdown(
                options=[("Increase", "increase"), ("Decrease", "decrease"), ("Keep", "maintain")],
                value="increase",
                description="Direction",
                style=style,
            ),
            "bsckit-direction",
        )
        self.change = _field(
            w.Dropdown(
                options=[
                    ("to a level", "absolute"),
                    ("by % of the baseline", "relative"),
                    ("by an amount", "amount"),
                ],
                value="absolute",
                description="Change",
                style=style,
            ),
            "bsckit-change",
        )
        self.target = _field(
            w.Text(
                description="Target", placeholder="e.g. 95", style=style, continuous_update=True
            ),
            "bsckit-target",
        )
        self.unit = _field(
            w.Dropdown(
                options=[("-", "")] + [(u, u) for u in _UNIT_CHOICES],
                value="",
                description="Unit",
                style=style,
            ),
            "bsckit-unit",
        )
        self.deadline = _field(w.DatePicker(description="Deadline", style=style), "bsckit-deadline")
        self.owner = _field(
            w.Text(description="Owner", placeholder="e.g. Head of delivery", style=style),
            "bsckit-owner",
        )
        self.linked_objective = _field(
            w.Combobox(
                description="Serves",
                placeholder="the strategic objective it supports",
                options=list(STRATEGIC_OBJECTIVES),
                ensure_option=False,
                style=style,
                layout=wide,
            ),
            "bsckit-linked",
        )
        self.name = _field(
            w.Text(
                description="Name",
                placeholder="short name on the scorecard",
                style=style,
                layout=wide,
            ),
            "bsckit-name",
        )
        self.replace = _field(
            w.Checkbox(
                value=False, description="Replace an objective of the same name", indent=False
            ),
            "bsckit-replace",
        )
        self.checklist = _field(w.HTML(), "bsckit-checklist")
        self.preview = _field(w.HTML(), "bsckit-preview")
        self.chart_output = _field(w.Output(), "bsckit-chart")
        self.save_button = _field(
            w.Button(
                description="Save to my scorecard",
                button_style="primary",
                icon="save",
                layout=w.Layout(width="auto"),
            ),
            "bsckit-save",
        )
        self.status = _field(w.HTML(), "bsckit-status")

        for child in (
            self.perspective,
            self.direction,
            self.change,
            self.target,
            self.unit,
            self.deadline,
            self.owner,
            self.linked_objective,
            self.baseline,
            self.name,
        ):
            child.observe(self._on_change, names="value")
        self.measure.observe(self._on_measure, names="value")
        self.save_button.on_click(self._on_save)

        form = w.VBox(
            [
                self.perspective,
                self.measure,
                w.HBox([self.baseline, self.baseline_note]),
                w.HBox([self.direction, self.change]),
                w.HBox([self.target, self.unit]),
                self.deadline,
                self.owner,
                self.linked_objective,
                self.name,
            ]
        )
        side = w.VBox([self.chart_output], layout=w.Layout(min_width="360px"))
        self.widget = _field(
            w.VBox(
                [
                    w.HTML(
                        "<b>SMART objective builder</b> - fill in the fields; the checklist"
                        " follows as you type."
                    ),
                    w.HBox([form, side]),
                    self.preview,
                    self.checklist,
                    w.HBox([self.save_button, self.replace]),
                    self.status,
                    w.HTML(
                        f'<span style="color:#555">Saves to <code>{esc(display_path(self.path))}</code></span>'
                    ),
                ]
            ),
            "bsckit-builder",
        )
        self.report: SmartReport = self.check()
        self._refresh()

    # -- reading the fields ---------------------------------------------------------------------
    def fields(self) -> dict[str, Any]:
        """The structured fields for :func:`bsckit.smart.check_smart` (``ParsedObjective.from_dict``)."""
        measure = MEASURES_BY_ID.get(self.measure.value) if self.measure.value else None
        change = self.change.value
        unit = self.unit.value
        parsed_unit = _PARSED_UNIT.get(unit, unit) if unit else None
        if change == "relative":
            parsed_unit = "%"
        elif change == "amount" and unit == "%":
            change, parsed_unit = "percentage_points", "pp"
        target_text = self.target.value.strip()
        target = read_number(target_text)
        notes: list[str] = []
        flags: set[str] = set()
        if target_text and target is None:
            notes.append(f"The target '{target_text}' is not a number.")
            flags.add("non_numeric_amount")
        out: dict[str, Any] = {
            "measure_id": measure.id if measure else None,
            "direction": self.direction.value,
            "baseline": read_number(self.baseline.value),
            "target": target,
            "change_kind": change if target is not None else None,
            "unit": parsed_unit if target is not None else None,
            "deadline": self.deadline.value,
            "owner": self.owner.value.strip() or None,
            "perspective": self.perspective.value or None,
            "linked_objective": self.linked_objective.value.strip() or None,
            "notes": tuple(notes),
            "flags": frozenset(flags),
        }
        return out

    def check(self) -> SmartReport:
        """Run the SMART check on the current fields (with the measure's history when known)."""
        data: Any = None
        if self.use_data and self.data_error is None and self.measure.value:
            data = {} if self.history is None else {self.measure.value: self.history}
        return check_smart(self.fields(), data=data, today=self.today)

    def target_level(self) -> float | None:
        """The level the measure should reach (target, or baseline changed by the target)."""
        return self.report.objective.target_level()

    def preview_sentence(self) -> str:
        """The objective as one sentence."""
        if not self.measure.value:
            return "Choose a measure to see your objective as a sentence."
        return self.report.objective.to_sentence()

    def objective_name(self) -> str:
        """The name the objective gets on the scorecard (typed, or made from verb and measure)."""
        return self.name.value.strip() or self._default_name()

    def _default_name(self) -> str:
        measure = MEASURES_BY_ID.get(self.measure.value) if self.measure.value else None
        if measure is None:
            return ""
        return f"{_VERB[self.direction.value]} {measure.name}"

    # -- reacting -------------------------------------------------------------------------------
    def _on_measure(self, change: dict[str, Any]) -> None:
        measure = MEASURES_BY_ID.get(change["new"]) if change["new"] else None
        self._updating = True
        try:
            self.history = None
            note = ""
            if measure is not None:
                self.unit.value = measure.unit
                self.direction.value = "increase" if measure.better == "higher" else "decrease"
                self.baseline.value, note = self._baseline_from_data(measure.id)
                if not self.name.value.strip() or self.name.value == self._auto_name:
                    self._auto_name = self._default_name()
                    self.name.value = self._auto_name
            self.baseline_note.value = (
                f'<span style="color:#555">{esc(note)}</span>' if note else ""
            )
        finally:
            self._updating = False
        self._refresh(chart=True)

    def _baseline_from_data(self, measure_id: str) -> tuple[str, str]:
        if not self.use_data:
            return "", "Homeats data not used: type the baseline."
        try:
            series = _history.measure_history(measure_id, data_dir=self.data_dir)
        except KeyError:
            return "", "Homeats data has no history for this measure: type the baseline."
        except (ImportError, AttributeError, OSError, ValueError) as err:
            self.data_error = str(err)
            return "", f"Homeats data could not be read ({err}). Type the baseline."
        self.history = series
        if series is None or series.dropna().empty:
            self.history = None
            return "", "Homeats data has no values for this measure: type the baseline."
        recent = series.dropna().iloc[-self.baseline_months :]
        value = float(recent.mean())
        first, last = str(recent.index[0]), str(recent.index[-1])
        span = last if first == last else f"{first} to {last}"
        return _plain(value), f"Homeats data, {span}"

    def _on_change(self, change: dict[str, Any]) -> None:
        if self._updating:
            return
        owner = change.get("owner")
        if owner is self.direction and (
            not self.name.value.strip() or self.name.value == self._auto_name
        ):
            self._updating = True
            try:
                self._auto_name = self._default_name()
                self.name.value = self._auto_name
            finally:
                self._updating = False
        chart = owner in (self.baseline, self.target, self.change, self.direction)
        self._refresh(chart=chart)

    def _refresh(self, *, chart: bool = False) -> None:
        self.report = self.check()
        self.checklist.value = self._checklist_html()
        self.preview.value = (
            f'<div style="margin:6px 0"><b>Your objective:</b> {esc(self.preview_sentence())}</div>'
        )
        if chart:
            self._draw_chart()
        self.refresh_summary()

    def _checklist_html(self) -> str:
        rows = []
        for v in self.report.verdicts:
            key = v.criterion.lower()
            tip = (
                f'<div style="color:#57606a">&#8594; {esc(v.suggestion)}</div>'
                if v.suggestion
                else ""
            )
            rows.append(
                f'<tr class="bsckit-criterion" data-criterion="{esc(key)}" data-verdict="{v.status}">'
                f'<td style="text-align:center;font-weight:bold;color:{_COLOUR[v.status]};'
                f'background:{_BACKGROUND[v.status]};width:1.8em" title="{v.status}">'
                f"{_ICON[v.status]}</td>"
                f'<td style="font-weight:bold;padding:0 8px;white-space:nowrap;text-align:left">'
                f"{esc(v.criterion)}"
                f' <span style="font-weight:normal;color:{_COLOUR[v.status]}">({v.status})</span></td>'
                f'<td style="text-align:left">{esc(v.feedback)}{tip}</td></tr>'
            )
        return (
            f'<div class="bsckit-smart-checklist" data-status="{self.report.status}">'
            '<table style="border-collapse:collapse;font-size:13px">'
            + "".join(rows)
            + f'</table><div style="color:{_COLOUR[self.report.status]}"><b>'
            f"{esc(self.report.summary)}</b></div></div>"
        )

    def _draw_chart(self) -> None:
        measure = MEASURES_BY_ID.get(self.measure.value) if self.measure.value else None
        if measure is None or self.history is None:
            self.chart = None
            self._chart_key = None
            self.chart_output.outputs = ()
            return
        frame = pd.DataFrame(
            {"month": [str(i) for i in self.history.index], "value": self.history.to_numpy(float)}
        )
        level = self.target_level()
        baseline = read_number(self.baseline.value)
        key = (measure.id, baseline, level)
        if key == self._chart_key and self.chart is not None:
            return  # nothing the chart shows has changed (e.g. a keystroke that is not a digit)
        self._chart_key = key
        self.chart = charts.trend_chart(
            frame,
            x="month",
            y="value",
            title=f"{measure.name[:1].upper()}{measure.name[1:]}: Homeats history",
            y_title=f"{measure.name} ({measure.unit})",
            x_title="month",
            target=level,
            baseline=baseline,
        ).properties(width=340, height=180)
        # the history moves in a narrow band: do not stretch the axis down to zero
        self.chart = self.chart.configure_scale(zero=False)
        bundle = self.chart._repr_mimebundle_()
        data, metadata = bundle if isinstance(bundle, tuple) else (bundle, {})
        self.chart_output.outputs = (
            {"output_type": "display_data", "data": data, "metadata": metadata},
        )

    # -- saving ---------------------------------------------------------------------------------
    def to_objective(self) -> Objective:
        """The scorecard :class:`~bsckit.scorecard.Objective` the fields describe.

        Raises
        ------
        ValueError
            When a field needed on a scorecard is missing or the model refuses a value; the
            message says which field to fix.
        """
        missing = [
            label
            for label, ok in (
                ("Perspective", self.perspective.value),
                ("Measure", self.measure.value),
                ("Target (a number)", read_number(self.target.value) is not None),
            )
            if not ok
        ]
        if missing:
            msg = f"Fill in {', '.join(missing)} first."
            raise ValueError(msg)
        smart = MEASURES_BY_ID[self.measure.value]
        parsed = self.report.objective
        baseline = read_number(self.baseline.value)
        level = parsed.target_level(baseline)
        if level is None:
            msg = "Give a baseline: a change 'by' an amount or a % needs a starting value."
            raise ValueError(msg)
        direction = self.direction.value
        if direction == "maintain":
            direction = "increase" if smart.better == "higher" else "decrease"
            baseline = None  # holding a level: progress from a baseline is not defined
        owner = self.owner.value.strip() or None
        measure = ScorecardMeasure(
            name=smart.name[:1].upper() + smart.name[1:],
            definition=f"SMART vocabulary measure '{smart.id}'",
            unit=self.unit.value or "",
            kind=smart.kind,
            direction="higher_is_better" if direction == "increase" else "lower_is_better",
            baseline=baseline,
            target=round(level, 6),
            owner=owner,
        )
        return Objective(
            name=self.objective_name(),
            perspective=self.perspective.value,
            description=self.preview_sentence(),
            measures=(measure,),
            owners=(owner,) if owner else (),
            parent=self.linked_objective.value.strip() or None,
            deadline=self.deadline.value,
        )

    def save(self) -> Path | None:
        """Add the objective to the scorecard file; return the path, or ``None`` (see ``status``)."""
        try:
            objective = self.to_objective()
        except (TypeError, ValueError) as err:
            return self._fail(f"Not saved: {err}")
        if self.path.exists():
            try:
                card = load_scorecard(self.path)
            except (OSError, ValueError) as err:
                return self._fail(
                    f"Not saved: {err} Your file was left exactly as it was; fix it by hand,"
                    f" or restore the previous version from {self.path.name}.bak."
                )
            names = [o.name for o in card.objectives]
            if objective.name in names and not self.replace.value:
                return self._fail(
                    f"Not saved: {self.path.name} already has an objective named"
                    f" {objective.name!r}. Give this one another Name, or tick 'Replace' to"
                    " overwrite it (the old file is kept as .bak)."
                )
        try:
            add_objective(self.path, objective)
        except (OSError, ValueError) as err:
            return self._fail(f"Not saved: {err}")
        self.last_error = None
        self.saved.append(objective.name)
        self.status.value = (
            f'<span style="color:{_COLOUR["pass"]}" data-saved="true">Saved to'
            f" {esc(display_path(self.path))}: objective &#8220;{esc(objective.name)}&#8221;"
            f" ({len(self.saved)} saved in this session).</span>"
        )
        self.refresh_summary()
        return self.path

    def _fail(self, message: str) -> None:
        self.last_error = message
        self.status.value = (
            f'<span style="color:{_COLOUR["fail"]}" data-saved="false">{esc(message)}</span>'
        )
        self.refresh_summary()
        return None

    def _on_save(self, _button: object = None) -> None:
        self.save()

    # -- static summary -------------------------------------------------------------------------
    def _status_text(self) -> str:
        if self.last_error:
            return self.last_error
        if self.saved:
            return f"Saved to {display_path(self.path)}: {', '.join(self.saved)}."
        return f"Not saved yet (Save writes to {display_path(self.path)})."

    def summary_text(self) -> str:
        """Plain-text record: the sentence, the five verdicts and what was saved."""
        lines = [f"SMART objective builder: {self.preview_sentence()}"]
        for v in self.report.verdicts:
            lines.append(f"[{_ICON[v.status]}] {v.criterion} ({v.status}): {v.feedback}")
        lines.append(self._status_text())
        return "\n".join(lines)

    def summary_html(self) -> str:
        """HTML record: the sentence, the checklist and what was saved."""
        return (
            '<div class="bsckit-summary" style="border-left:3px solid #ccc;padding-left:8px;'
            'color:#444"><p><b>SMART objective builder</b> - record kept in the notebook file'
            f" (the live builder is above)</p><p>{esc(self.preview_sentence())}</p>"
            f"{self._checklist_html()}<p>{esc(self._status_text())}</p></div>"
        )

    def __repr__(self) -> str:
        return f"<SmartObjectiveBuilder: {self.report.summary} Saves to {self.path}>"
