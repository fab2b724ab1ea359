"""The SMART report: one verdict per criterion, as text and as a small HTML checklist.

Examples
--------
>>> v = Verdict("Specific", "warn", "The measure is not in the catalogue.", "Pick one from the list.")
>>> v.symbol
'!'
>>> Verdict("Specific", "maybe", "x")
Traceback (most recent call last):
...
ValueError: `status` must be one of 'pass', 'warn', 'fail'; got 'maybe'.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any

from bsckit._validation import check_choice
from bsckit.smart.parse import ParsedObjective

__all__ = ["CRITERIA", "STATUSES", "SmartReport", "Verdict"]

CRITERIA = ("Specific", "Measurable", "Achievable", "Relevant", "Time-bound")
STATUSES = ("pass", "warn", "fail")

_SYMBOLS = {"pass": "✓", "warn": "!", "fail": "✗"}
# colours with a contrast ratio of at least 4.5:1 on white (WCAG AA) for the symbol text
_COLOURS = {"pass": "#1a7f37", "warn": "#9a6700", "fail": "#cf222e"}
_BACKGROUNDS = {"pass": "#dafbe1", "warn": "#fff8c5", "fail": "#ffebe9"}
_RANK = {"pass": 0, "warn": 1, "fail": 2}


@dataclass(frozen=True)
class Verdict:
    """The verdict on one SMART criterion.

    Parameters
    ----------
    criterion : str
        One of :data:`CRITERIA`.
    status : {'pass', 'warn', 'fail'}
    feedback : str
        What was found, in one or two sentences.
    suggestion : str, optional
        A concrete next step (empty when nothing needs to change).
    """

    criterion: str
    status: str
    feedback: str
    suggestion: str = ""

    def __post_init__(self) -> None:
        check_choice("criterion", self.criterion, CRITERIA)
        check_choice("status", self.status, STATUSES)
        if not isinstance(self.feedback, str) or not isinstance(self.suggestion, str):
            msg = "`feedback` and `suggestion` must be text."
            raise TypeError(msg)

    @property
    def symbol(self) -> str:
        """``✓`` for pass, ``!`` for warn, ``✗`` for fail."""
        return _SYMBOLS[self.status]

    def to_dict(self) -> dict[str, str]:
        """Plain dict (for YAML/JSON)."""
        return {
            "criterion": self.criterion,
            "status": self.status,
            "feedback": self.feedback,
            "suggestion": self.suggestion,
        }


@dataclass(frozen=True)
class SmartReport:
    """The five verdicts on one objective, with the parsed objective they judge.

    Index it by criterion (``report["Time-bound"]``, ``report["T"]``, ``report["time_bound"]``);
    ``status`` is the worst verdict; in a notebook it displays as a checklist.

    Examples
    --------
    >>> from bsckit.smart import check_smart
    >>> from datetime import date
    >>> r = check_smart("Reduce DSO from 48 to 40 days by 31 March 2027", today=date(2026, 11, 1))
    >>> r["Specific"].status, r["T"].status, r.status
    ('pass', 'pass', 'pass')
    >>> print(r.to_text().splitlines()[1])
    [✓] Specific: Names the measure 'days sales outstanding (DSO)' and a direction (decrease).
    """

    objective: ParsedObjective
    verdicts: tuple[Verdict, ...]
    notes: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        if not isinstance(self.objective, ParsedObjective):
            msg = f"`objective` must be a ParsedObjective, got {type(self.objective).__name__}."
            raise TypeError(msg)
        verdicts = tuple(self.verdicts)
        if [v.criterion for v in verdicts] != list(CRITERIA):
            msg = f"`verdicts` must hold one Verdict per criterion in the order {CRITERIA}."
            raise ValueError(msg)
        object.__setattr__(self, "verdicts", verdicts)
        object.__setattr__(self, "notes", tuple(self.notes))

    def __getitem__(self, criterion: str) -> Verdict:
        key = str(criterion).lower().replace("_", "-").replace(" ", "-")
        for verdict in self.verdicts:
            name = verdict.criterion.lower()
            if key in (name, name[0], name.replace("-", "")):
                return verdict
        msg = f"`criterion` must be one of {', '.join(CRITERIA)} (or S, M, A, R, T); got {criterion!r}."
        raise KeyError(msg)

    @property
    def status(self) -> str:
        """Overall status: the worst of the five."""
        return max((v.status for v in self.verdicts), key=_RANK.__getitem__)

    @property
    def statuses(self) -> dict[str, str]:
        """``{criterion: status}`` for the five criteria."""
        return {v.criterion: v.status for v in self.verdicts}

    @property
    def passed(self) -> bool:
        """Whether all five criteria pass."""
        return self.status == "pass"

    @property
    def summary(self) -> str:
        """One line: how many criteria pass and what to work on first."""
        counts = {s: sum(v.status == s for v in self.verdicts) for s in STATUSES}
        if counts["pass"] == len(self.verdicts):
            return "SMART: all five criteria pass."
        todo = [v.criterion for v in self.verdicts if v.status == "fail"]
        check = [v.criterion for v in self.verdicts if v.status == "warn"]
        parts = [f"{counts['pass']} of 5 criteria pass"]
        if todo:
            parts.append(f"fix {', '.join(todo)}")
        if check:
            parts.append(f"check {', '.join(check)}")
        return "; ".join(parts) + "."

    def to_text(self) -> str:
        """Plain-text checklist (for terminals, logs and exported notebooks)."""
        lines = [f"Objective: {self._sentence()}"]
        for v in self.verdicts:
            lines.append(f"[{v.symbol}] {v.criterion}: {v.feedback}")
            if v.suggestion:
                lines.append(f"    -> {v.suggestion}")
        lines.append(self.summary)
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.to_text()

    def to_html(self) -> str:
        """A small static HTML checklist with ✓ / ! / ✗ and colours (no scripts, no CSS files)."""
        rows = []
        for v in self.verdicts:
            colour, background = _COLOURS[v.status], _BACKGROUNDS[v.status]
            suggestion = (
                f'<div style="color:#57606a;margin-top:2px">&#8594; {html.escape(v.suggestion)}</div>'
                if v.suggestion
                else ""
            )
            rows.append(
                f'<tr class="bsc-smart-{v.status}">'
                f'<td style="text-align:center;font-weight:bold;color:{colour};'
                f'background:{background};width:1.8em" title="{v.status}"'
                f' aria-label="{v.status}">{v.symbol}</td>'
                f'<td style="font-weight:bold;padding:0 8px;white-space:nowrap">'
                f"{html.escape(v.criterion)}</td>"
                f"<td>{html.escape(v.feedback)}{suggestion}</td></tr>"
            )
        overall = self.status
        return (
            f'<div class="bsc-smart-report" data-status="{overall}" '
            'style="font-family:sans-serif;font-size:13px;max-width:60em">'
            f'<div style="margin-bottom:4px"><b>Objective:</b> {html.escape(self._sentence())}</div>'
            '<table style="border-collapse:collapse">' + "".join(rows) + "</table>"
            f'<div style="margin-top:4px;color:{_COLOURS[overall]}"><b>'
            f"{html.escape(self.summary)}</b></div></div>"
        )

    def _repr_html_(self) -> str:
        return self.to_html()

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        # The text/plain view of a notebook output (exports, terminals): the checklist itself,
        # not the dataclass repr.
        printer.text(self.to_text())

    def _sentence(self) -> str:
        text = self.objective.text.strip()
        if not text:
            return self.objective.to_sentence() if self.objective.measure_id else "(empty)"
        return text if len(text) <= 200 else text[:197] + "..."

    def to_dict(self) -> dict[str, Any]:
        """Plain types: the parsed objective, the verdicts, the overall status and summary."""
        return {
            "objective": self.objective.to_dict(),
            "verdicts": [v.to_dict() for v in self.verdicts],
            "status": self.status,
            "summary": self.summary,
            "notes": list(self.notes),
        }
