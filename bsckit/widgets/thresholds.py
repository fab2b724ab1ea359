"""A RAG threshold editor: move the green and amber thresholds, see the statuses on real data.

Setting thresholds is a judgement call (module 1: thresholds of strategic significance). The
editor shows, as the sliders move, how many periods of Homeats history would have been green,
amber or red. Statuses come from the scorecard model (:func:`bsckit.scorecard.rag_status`), so
the editor and the scorecard always agree: for ``higher_is_better`` green when
``value >= green``, amber when ``value >= amber``, else red; mirrored for ``lower_is_better``.
Thresholds the model refuses (e.g. green below amber for a higher-is-better measure) are
reported with the model's own message, and the previous statuses stay on screen.

Examples
--------
>>> import pandas as pd
>>> values = pd.Series([91.0, 94.0, 96.0, 89.0], index=["2025-01", "2025-02", "2025-03", "2025-04"])
>>> editor = ThresholdEditor(values, direction="higher_is_better", green=95, amber=90)
>>> editor.counts
{'green': 1, 'amber': 2, 'red': 1}
>>> editor.amber_slider.value = 92
>>> editor.counts
{'green': 1, 'amber': 1, 'red': 2}
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w
import numpy as np
import pandas as pd

from bsckit._validation import as_values, check_choice, check_number
from bsckit.charts import RAG_COLORS
from bsckit.scorecard import RAG_STATUSES, Measure, rag_status
from bsckit.widgets._summary import StaticSummary, esc

__all__ = ["ThresholdEditor"]

_DIRECTIONS = ("higher_is_better", "lower_is_better")
_LETTER = {"green": "G", "amber": "A", "red": "R"}


class ThresholdEditor(StaticSummary):
    """Sliders for the green and amber thresholds of one measure, with the RAG status of each value.

    Parameters
    ----------
    measure_values : pandas.Series or sequence of float
        The measure's history, one value per period (a Series index, e.g. months, labels the
        periods). At least one finite value.
    direction : {"higher_is_better", "lower_is_better"}, default "higher_is_better"
        Which way is good.
    green, amber : float, optional
        Starting thresholds. Default: the data's terciles - for ``higher_is_better`` green at
        the upper tercile (2/3 quantile) and amber at the lower (1/3); mirrored for
        ``lower_is_better`` - so the first view shows all three statuses.
    name : str, default "measure"
        Measure name shown in titles.
    unit : str, default ""
        Unit shown after values, e.g. ``"%"``.

    Attributes
    ----------
    green_slider, amber_slider : ipywidgets.FloatSlider
    status_table : ipywidgets.HTML
        Counts per status and one coloured, labelled cell per period.
    message : ipywidgets.HTML
        Empty, or the model's message when the thresholds are invalid.
    widget : ipywidgets.VBox

    Examples
    --------
    >>> ThresholdEditor([5.6, 5.9, 5.2], direction="lower_is_better", green=5.4, amber=5.8).counts
    {'green': 1, 'amber': 1, 'red': 1}
    >>> ThresholdEditor([1, 2], direction="sideways")
    Traceback (most recent call last):
    ...
    ValueError: `direction` must be one of 'higher_is_better', 'lower_is_better'; got 'sideways'.
    """

    def __init__(
        self,
        measure_values: Any,
        *,
        direction: str = "higher_is_better",
        green: float | None = None,
        amber: float | None = None,
        name: str = "measure",
        unit: str = "",
    ) -> None:
        check_choice("direction", direction, _DIRECTIONS)
        array = as_values("measure_values", measure_values, ndim=1)
        if isinstance(measure_values, pd.Series):
            labels = [str(i) for i in measure_values.index]
        else:
            labels = [str(i + 1) for i in range(array.size)]
        self.values = pd.Series(array, index=labels, name=name)
        self.direction = direction
        self.name = str(name)
        self.unit = str(unit)
        low_q, high_q = np.quantile(array, [1 / 3, 2 / 3])
        good, ok = (high_q, low_q) if direction == "higher_is_better" else (low_q, high_q)
        green = good if green is None else check_number("green", green)
        amber = ok if amber is None else check_number("amber", amber)
        #: The thresholds the editor started with (an exercise check tells "not moved yet").
        self.start: tuple[float, float] = (float(green), float(amber))

        lo = float(min(array.min(), green, amber))
        hi = float(max(array.max(), green, amber))
        span = hi - lo or max(abs(hi), 1.0)
        step = float(10 ** np.floor(np.log10(span / 100))) if span > 0 else 0.01
        # Ends on the step grid, so the values a slider can take are round numbers (ipywidgets
        # snaps to min + k * step): typing 2.13 gives 2.13, not 2.1334.
        lo = float(np.floor((lo - 0.1 * span) / step) * step)
        hi = float(np.ceil((hi + 0.1 * span) / step) * step)
        slider = {"min": lo, "max": hi, "step": step, "continuous_update": True}
        fmt = ".3g" if step >= 0.01 else ".4g"
        self.green_slider = w.FloatSlider(
            value=green, description="Green", readout_format=fmt, **slider
        )
        self.amber_slider = w.FloatSlider(
            value=amber, description="Amber", readout_format=fmt, **slider
        )
        self.status_table = w.HTML()
        self.message = w.HTML()
        rule = ">=" if direction == "higher_is_better" else "<="
        intro = w.HTML(
            f"<b>RAG thresholds for {esc(self.name)}</b> ({direction.replace('_', ' ')}):"
            f" green when value {rule} green, amber when value {rule} amber, red otherwise."
        )
        for slider_widget in (self.green_slider, self.amber_slider):
            slider_widget.observe(self._on_change, names="value")
        self.widget = w.VBox(
            [intro, self.green_slider, self.amber_slider, self.message, self.status_table]
        )
        self.widget.add_class("bsckit-thresholds")
        self.statuses: pd.Series = pd.Series(dtype=object)
        self.error: str | None = None
        self._update()

    # -- model ------------------------------------------------------------------------------
    @property
    def green(self) -> float:
        """The green threshold currently set."""
        return float(self.green_slider.value)

    @property
    def amber(self) -> float:
        """The amber threshold currently set."""
        return float(self.amber_slider.value)

    def measure(self) -> Measure:
        """The scorecard :class:`~bsckit.scorecard.Measure` with the current thresholds.

        Raises the model's ``ValueError`` when the thresholds are inconsistent.
        """
        return Measure(
            name=self.name,
            unit=self.unit,
            direction=self.direction,
            green=self.green,
            amber=self.amber,
        )

    @property
    def counts(self) -> dict[str, int]:
        """Periods per status, ``{'green': n, 'amber': n, 'red': n}`` (for the last valid thresholds)."""
        return {s: int((self.statuses == s).sum()) for s in RAG_STATUSES}

    def _on_change(self, _change: object = None) -> None:
        self._update()

    def _update(self) -> None:
        try:
            measure = self.measure()
        except ValueError as err:
            self.error = str(err)
            self.message.value = (
                f'<span style="color:{RAG_COLORS["red"]}" class="bsckit-error">'
                f"Thresholds not applied: {esc(err)}</span>"
            )
            return
        self.error = None
        self.message.value = ""
        self.statuses = pd.Series(
            [rag_status(measure, v) for v in self.values], index=self.values.index, dtype=object
        )
        self.status_table.value = self._table_html()
        self.refresh_summary()

    # -- display ------------------------------------------------------------------------------
    def _counts_html(self) -> str:
        n = len(self.values)
        cells = "".join(
            f'<td style="padding:2px 8px"><span style="color:{RAG_COLORS[s]}">&#9632;</span> '
            f"{s}: <b>{c}</b> ({c / n:.0%})</td>"
            for s, c in self.counts.items()
        )
        return f"<table><tr>{cells}</tr></table>"

    def _table_html(self) -> str:
        cells = "".join(
            f'<td title="{esc(label)}: {value:.4g}{esc(self.unit)} ({status})" '
            f'style="background:{RAG_COLORS[status]};color:white;text-align:center;'
            f'padding:2px 4px;font-size:11px">{esc(label)}<br>{value:.3g} {_LETTER[status]}</td>'
            for label, value, status in zip(
                self.values.index, self.values, self.statuses, strict=True
            )
        )
        return (
            self._counts_html()
            + '<div style="overflow-x:auto"><table style="border-spacing:2px"><tr>'
            + cells
            + "</tr></table></div>"
        )

    def summary_text(self) -> str:
        """Plain-text record: thresholds and counts."""
        counts = ", ".join(f"{s} {c}" for s, c in self.counts.items())
        text = (
            f"RAG thresholds for {self.name} ({self.direction}): green {self.green:.4g},"
            f" amber {self.amber:.4g}{(' ' + self.unit) if self.unit else ''}."
            f" Over {len(self.values)} periods: {counts}."
        )
        if self.error:
            text += f" Last change not applied: {self.error}"
        return text

    def summary_html(self) -> str:
        """HTML record: thresholds, counts and one labelled cell per period."""
        head = (
            f"<p><b>RAG thresholds for {esc(self.name)}</b> ({esc(self.direction)}): green"
            f" {self.green:.4g}, amber {self.amber:.4g} {esc(self.unit)}</p>"
        )
        return f'<div class="bsckit-summary">{head}{self._table_html()}</div>'

    def __repr__(self) -> str:
        return (
            f"<ThresholdEditor {self.name!r}: green {self.green:.4g}, amber {self.amber:.4g},"
            f" {self.counts}>"
        )
