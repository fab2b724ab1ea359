"""The take-home scorecard: one page, HTML and PDF, with the strategy map and the scorecard table.

``bsckit export [SCORECARD] --out DIR`` reads the learner's scorecard (default
``workspace/my_scorecard.yaml``; ``--example`` takes Homeats' example scorecard) with
:func:`bsckit.scorecard.load_scorecard` and writes

- ``DIR/scorecard.html`` - one self-contained page: inline CSS and an inline SVG strategy map
  (objectives in their perspective's band, cause-and-effect links as arrows), the scorecard
  table grouped by perspective in the usual order (financial, customer, internal processes,
  learning and growth): objective (with its deadline), measure, baseline, target, thresholds,
  owner, "Data and review" (the measure's source system, data steward and review frequency
  when the learner set them: module 6's ``save_review_rules`` and module 7's data-source
  sheet write them into the scorecard file), value and RAG; and the problems the
  scorecard model finds (:meth:`bsckit.scorecard.Scorecard.problems`) listed in a box at the
  top - a scorecard with problems still exports, never silently;
- ``DIR/scorecard.pdf`` - the same page printed by headless Chromium (:func:`print_to_pdf`),
  on one A4 landscape page (the print CSS sets 7.5pt text; tests/browser checks the page count
  for the full Homeats example).

Nothing is fetched: the page names no external file, and Chromium runs with networking
features off. A file that cannot be read (malformed YAML, a value outside its allowed range)
gives a clear error naming the file and the key, and nothing is written; the learner's file is
only ever read. Files already in ``DIR`` are not replaced unless ``--force``.

RAG needs actual values: ``--values FILE`` (YAML ``measure name: value``) gives them; the
example uses :func:`bsckit.scorecard.example_values`. Without values the RAG column says
"no value yet" and the thresholds still show what green and amber mean.

Why Chromium for the PDF: it is in Debian (``apt-get install chromium``, which ``make test``
already does as root), it prints exactly what the browser shows, and it needs no system
libraries a fresh machine lacks (WeasyPrint needs Pango).

Examples
--------
>>> from bsckit.scorecard import example_scorecard, example_values
>>> page = scorecard_page(example_scorecard(), example_values())
>>> page.count('<tr class="row') == 17, "http" in page.replace("http://www.w3.org/2000/svg", "")
(True, False)
>>> thresholds_text(example_scorecard().objective("Cut production cost").measures[2])
'green ≤ 5.4, amber ≤ 5.7, else red'
"""

from __future__ import annotations

import argparse
import html
import math
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from bsckit import __version__
from bsckit.scorecard import (
    CAUSAL_ORDER,
    Measure,
    Scorecard,
    ScorecardFileError,
    example_scorecard,
    example_values,
    load_scorecard,
)

__all__ = [
    "CHROMIUM_ENV",
    "ExportError",
    "PdfError",
    "add_arguments",
    "data_review_text",
    "export_scorecard",
    "find_chromium",
    "load_values",
    "print_to_pdf",
    "run",
    "scorecard_page",
    "strategy_map_svg",
    "thresholds_text",
]

HELP = "write your scorecard as one page (HTML and PDF): strategy map and scorecard table"

#: Environment variable naming the Chromium (or Chrome) executable used to print PDFs.
CHROMIUM_ENV = "BSCKIT_CHROMIUM"
_BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
#: Flags that keep headless Chromium from contacting anything (updates, sync, field trials).
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--no-first-run",
    "--no-default-browser-check",
    "--no-pdf-header-footer",
)
RAG_COLOURS = {"green": "#009E73", "amber": "#E69F00", "red": "#D55E00"}


class ExportError(RuntimeError):
    """An export could not be done; the message says why and what to do."""


class PdfError(ExportError):
    """The PDF could not be printed (no Chromium, or Chromium failed); the HTML is fine."""


def _esc(value: Any) -> str:
    """HTML-escape ``value`` as text."""
    return html.escape("" if value is None else str(value), quote=True)


def _num(value: float | None) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return f"{value:g}"


def thresholds_text(measure: Measure) -> str:
    """What green and amber mean for ``measure``, in words ("" without thresholds).

    Examples
    --------
    >>> thresholds_text(Measure(name="NPS", green=40, amber=30))
    'green ≥ 40, amber ≥ 30, else red'
    >>> thresholds_text(Measure(name="NPS"))
    ''
    """
    if not measure.has_thresholds:
        return ""
    if measure.direction == "in_range":
        (g_lo, g_hi), (a_lo, a_hi) = measure.green, measure.amber  # type: ignore[misc]
        return f"green {g_lo:g}-{g_hi:g}, amber {a_lo:g}-{a_hi:g}, else red"
    sign = "≥" if measure.direction == "higher_is_better" else "≤"
    return f"green {sign} {measure.green:g}, amber {sign} {measure.amber:g}, else red"


def data_review_text(measure: Measure) -> str:
    """Where ``measure``'s figures come from and how often it is reviewed, in words.

    "" when the learner set none of source system and data steward and left the review
    frequency at the model's default (monthly): nothing to show yet.

    Examples
    --------
    >>> data_review_text(Measure(name="Defect rate", source_system="Kitchen workflow system",
    ...                          data_steward="Quality manager", frequency="weekly"))
    'Kitchen workflow system; steward Quality manager; reviewed weekly'
    >>> data_review_text(Measure(name="NPS", frequency="quarterly"))
    'reviewed quarterly'
    >>> data_review_text(Measure(name="NPS"))
    ''
    """
    parts = []
    if measure.source_system:
        parts.append(measure.source_system)
    if measure.data_steward:
        parts.append(f"steward {measure.data_steward}")
    if parts or measure.frequency != "monthly":
        parts.append(f"reviewed {measure.frequency}")
    return "; ".join(parts)


# -- the strategy map --------------------------------------------------------------------------
def strategy_map_svg(card: Scorecard, *, width: int = 1000, band_height: int = 84) -> str:
    """The strategy map as inline SVG: one band per perspective (financial on top), an
    objective box per objective, an arrow per cause-and-effect link (dashed when it runs
    against the usual order).

    Examples
    --------
    >>> svg = strategy_map_svg(example_scorecard())
    >>> svg.count('class="objective"'), svg.count('class="link')
    (6, 8)
    """
    bands = list(reversed(CAUSAL_ORDER))  # financial first, at the top
    label_w, pad = 150, 10
    height = band_height * len(bands)
    boxes: dict[str, tuple[float, float, float, float]] = {}
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="Strategy map of {_esc(card.name)}" class="strategy-map">',
        "<defs><marker id='arrow' viewBox='0 0 10 10' refX='9' refY='5' markerWidth='7' "
        "markerHeight='7' orient='auto-start-reverse'><path d='M0,0 L10,5 L0,10 z' "
        "fill='#444'/></marker></defs>",
    ]
    for i, perspective in enumerate(bands):
        y = i * band_height
        fill = "#f3f6fa" if i % 2 == 0 else "#ffffff"
        parts.append(
            f'<rect x="0" y="{y}" width="{width}" height="{band_height}" fill="{fill}" stroke="#d0d7de"/>'
        )
        parts.append(
            f'<text x="{pad}" y="{y + band_height / 2 + 4}" class="band">{_esc(perspective.label)}</text>'
        )
        members = [o for o in card.objectives if o.perspective == perspective]
        if not members:
            continue
        slot = (width - label_w - pad) / len(members)
        box_w = min(220.0, slot - 16)
        box_h = band_height - 22
        for j, objective in enumerate(members):
            x = label_w + j * slot + (slot - box_w) / 2
            by = y + 11
            boxes[objective.name] = (x, by, box_w, box_h)
            chars = max(8, int(box_w / 6.4))
            lines = textwrap.wrap(objective.name, chars)[:3]
            first = by + box_h / 2 - (len(lines) - 1) * 7 + 4
            text = "".join(
                f'<tspan x="{x + box_w / 2:.1f}" y="{first + k * 14:.1f}">{_esc(line)}</tspan>'
                for k, line in enumerate(lines)
            )
            parts.append(
                f'<g class="objective"><title>{_esc(objective.description or objective.name)}</title>'
                f'<rect x="{x:.1f}" y="{by:.1f}" width="{box_w:.1f}" height="{box_h:.1f}" rx="8" '
                f'fill="#ffffff" stroke="#0072B2" stroke-width="1.5"/>'
                f'<text text-anchor="middle" class="objective-name">{text}</text></g>'
            )
    against = {(link.cause, link.effect) for link in card.strategy_map.against_order}
    # Spread the arrows' ends along each box edge, so links into one box stay apart.
    ends: dict[tuple[str, str], list[tuple[str, str]]] = {}
    drawn = [link for link in card.links if link.cause in boxes and link.effect in boxes]
    for link in drawn:
        ends.setdefault((link.cause, "out"), []).append((link.cause, link.effect))
        ends.setdefault((link.effect, "in"), []).append((link.cause, link.effect))

    def along(name: str, side: str, key: tuple[str, str]) -> float:
        x, _y, w, _h = boxes[name]
        group = sorted(ends[(name, side)], key=lambda k: boxes[k[0] if side == "in" else k[1]][0])
        return x + w * (group.index(key) + 1) / (len(group) + 1)

    for link in drawn:
        key = (link.cause, link.effect)
        (cx, cy, cw, ch), (ex, ey, ew, eh) = boxes[link.cause], boxes[link.effect]
        if abs(cy - ey) < 1:  # same band: side to side
            left = cx < ex
            x1, y1 = (cx + cw if left else cx), cy + ch / 2
            x2, y2 = (ex if left else ex + ew), ey + eh / 2
        else:
            up = ey < cy
            x1, y1 = along(link.cause, "out", key), (cy if up else cy + ch)
            x2, y2 = along(link.effect, "in", key), (ey + eh if up else ey)
        dashed = ' stroke-dasharray="5 4"' if key in against else ""
        kind = "link against-order" if dashed else "link"
        parts.append(
            f'<line class="{kind}" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            f'stroke="#444" stroke-width="1.4"{dashed} marker-end="url(#arrow)">'
            f"<title>{_esc(link.cause)} -> {_esc(link.effect)}: {_esc(link.reason)}</title></line>"
        )
    parts.append("</svg>")
    return "".join(parts)


# -- the page -----------------------------------------------------------------------------------
_CSS = """
@page { size: A4 landscape; margin: 7mm; }
* { box-sizing: border-box; }
body { font-family: "Helvetica Neue", Helvetica, Arial, sans-serif; color: #222; margin: 0;
       font-size: 8.5pt; }
main { max-width: 1100px; margin: 0 auto; padding: 8px; }
h1 { font-size: 15pt; margin: 0 0 2px; } h2 { font-size: 11pt; margin: 8px 0 4px; }
p.lead { margin: 0 0 4px; color: #444; }
.strategy-map { width: 100%; height: auto; max-height: 56mm; display: block; }
.strategy-map .band { font-size: 12px; font-weight: bold; fill: #555; }
.strategy-map .objective-name { font-size: 11px; fill: #222; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #c9d1d9; padding: 1px 4px; text-align: left; vertical-align: top; }
th { background: #eef2f6; } td.num { text-align: right; white-space: nowrap; }
tr.perspective-start td { border-top: 2px solid #555; }
.rag { display: inline-block; padding: 0 6px; border-radius: 8px; color: #fff; font-weight: bold; }
.rag-none { color: #666; font-style: italic; }
.problems { border: 2px solid #D55E00; background: #fff4ec; padding: 4px 8px; margin: 6px 0; }
.problems h2 { color: #9a3b00; margin-top: 2px; }
.ok { color: #00684a; margin: 4px 0; }
footer { color: #666; font-size: 7.5pt; margin-top: 4px; }
.deadline, .unset { color: #666; white-space: nowrap; } .unset { font-style: italic; }
@media print {
  main { padding: 0; max-width: none; } body { font-size: 7.5pt; }
  h1 { font-size: 13pt; } h2 { font-size: 9.5pt; margin: 4px 0 2px; }
  .strategy-map { max-height: 44mm; } th, td { padding: 0 3px; line-height: 1.15; }
  tr, .problems { break-inside: avoid; }
}
"""


def _rag_cell(status: str | None, has_value: bool) -> str:
    if status in RAG_COLOURS:
        return f'<span class="rag" style="background:{RAG_COLOURS[status]}">{status.upper()}</span>'
    if not has_value:
        return '<span class="rag-none">no value yet</span>'
    return '<span class="rag-none">no thresholds</span>'


def scorecard_page(
    card: Scorecard,
    values: Mapping[str, float] | None = None,
    *,
    source: str = "",
    read_problems: Sequence[str] = (),
) -> str:
    """The one-page HTML of ``card`` (self-contained: inline CSS and SVG, no scripts).

    Parameters
    ----------
    card : Scorecard
    values : mapping, optional
        Actual value per measure name (for RAG); missing measures show "no value yet".
    source : str
        Where the scorecard came from, shown in the footer.
    read_problems : sequence of str
        Extra problems found while reading (e.g. values for unknown measures); listed with
        the scorecard's own :meth:`~bsckit.scorecard.Scorecard.problems`.
    """
    if not isinstance(card, Scorecard):
        msg = f"`card` must be a Scorecard, got {type(card).__name__}."
        raise TypeError(msg)
    values = dict(values or {})
    table = card.status_table(values)
    # grouped by perspective, in the usual order (financial first, as on the map); objectives
    # keep the file's order within their perspective
    order = {p.label: rank for rank, p in enumerate(reversed(CAUSAL_ORDER))}
    table = (
        table.assign(_rank=table["perspective"].map(order))
        .sort_values("_rank", kind="stable")
        .drop(columns="_rank")
    )
    measures = {(o.name, m.name): m for o, m in card.iter_measures()}
    deadlines = {o.name: o.deadline for o in card.objectives}
    problems = [*card.problems(), *read_problems]
    rows = []
    spans_p = table.groupby("perspective", sort=False).size().to_dict()
    spans_o = table.groupby(["perspective", "objective"], sort=False).size().to_dict()
    previous: tuple[str, str] = ("", "")
    for row in table.itertuples(index=False):
        measure = measures[(row.objective, row.measure)]
        has_value = not (isinstance(row.value, float) and math.isnan(row.value))
        status = row.status if isinstance(row.status, str) else None
        cells = ""
        start = ' class="row"'
        if row.perspective != previous[0]:
            start = ' class="row perspective-start"'
            cells += f'<td rowspan="{spans_p[row.perspective]}">{_esc(row.perspective)}</td>'
        if (row.perspective, row.objective) != previous:
            span = spans_o[(row.perspective, row.objective)]
            deadline = deadlines.get(row.objective)
            due = (
                f'<br><small class="deadline">by {deadline.isoformat()}</small>'
                if deadline is not None
                else ""
            )
            cells += f'<td rowspan="{span}">{_esc(row.objective)}{due}</td>'
        previous = (row.perspective, row.objective)
        detail = ", ".join(x for x in (measure.kind, measure.unit) if x)
        review = data_review_text(measure)
        review_cell = _esc(review) if review else '<span class="unset">not set yet</span>'
        rows.append(
            f"<tr{start}>{cells}<td>{_esc(row.measure)} <small>({_esc(detail)})</small></td>"
            f'<td class="num">{_num(row.baseline)}</td><td class="num">{_num(row.target)}</td>'
            f"<td>{_esc(thresholds_text(measure))}</td><td>{_esc(row.owner or '')}</td>"
            f'<td class="data-review">{review_cell}</td>'
            f'<td class="num">{_num(row.value) if has_value else ""}</td>'
            f"<td>{_rag_cell(status, has_value)}</td></tr>"
        )
    if problems:
        items = "".join(f"<li>{_esc(p)}</li>" for p in problems)
        checks = (
            f'<section class="problems"><h2>Problems found ({len(problems)})</h2>'
            f"<ul>{items}</ul><p>Fix them in the scorecard file and export again.</p></section>"
        )
    else:
        checks = '<p class="ok">Checked: no problems found in the strategy map or the cascade.</p>'
    counts = table["status"].value_counts().to_dict() if values else {}
    summary = ", ".join(f"{counts[s]} {s}" for s in ("green", "amber", "red") if counts.get(s))
    description = f'<p class="lead">{_esc(card.description)}</p>' if card.description else ""
    footer = f"Made with bsckit {_esc(__version__)}"
    if source:
        footer += f" from {_esc(source)}"
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{_esc(card.name)} - balanced scorecard</title>"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<style>{_CSS}</style></head><body><main>"
        f"<h1>{_esc(card.name)}: balanced scorecard</h1>{description}{checks}"
        f"<h2>Strategy map</h2>{strategy_map_svg(card)}"
        f"<h2>Scorecard{(' - ' + _esc(summary)) if summary else ''}</h2>"
        "<table><thead><tr><th>Perspective</th><th>Objective</th><th>Measure</th>"
        "<th>Baseline</th><th>Target</th><th>Thresholds</th><th>Owner</th>"
        "<th>Data and review</th><th>Value</th>"
        f"<th>RAG</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
        f"<footer>{footer}</footer></main></body></html>\n"
    )


# -- values, PDF, files -----------------------------------------------------------------------
def load_values(
    path: str | os.PathLike[str], card: Scorecard
) -> tuple[dict[str, float], list[str]]:
    """Read actual values (YAML ``measure name: number``); return them and problems found.

    Unknown measure names and non-numbers are reported (listed on the page), not dropped
    silently. A file that is not a YAML mapping raises :class:`ExportError`.
    """
    import yaml

    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        msg = f"`--values` file {str(path)!r} does not exist. Check the path."
        raise ExportError(msg) from None
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        msg = f"`--values` file {str(path)!r} is not valid YAML ({type(error).__name__}). Write one `measure name: number` per line."
        raise ExportError(msg) from None
    if not isinstance(data, dict):
        msg = f"`--values` file {str(path)!r} must hold `measure name: number` lines, got {type(data).__name__}."
        raise ExportError(msg)
    known = {m.name for _o, m in card.iter_measures()}
    values, problems = {}, []
    for name, value in data.items():
        if name not in known:
            problems.append(f"Values file names a measure the scorecard does not have: {name!r}.")
        elif isinstance(value, bool) or not isinstance(value, int | float):
            problems.append(f"Value of {name!r} is not a number: {value!r}.")
        else:
            values[str(name)] = float(value)
    return values, problems


def find_chromium() -> str | None:
    """The Chromium/Chrome executable: ``$BSCKIT_CHROMIUM``, else the first on ``PATH``."""
    configured = os.environ.get(CHROMIUM_ENV, "").strip()
    if configured:
        return configured if Path(configured).exists() or shutil.which(configured) else None
    for name in _BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


def print_to_pdf(
    html_file: str | os.PathLike[str],
    pdf_file: str | os.PathLike[str],
    *,
    chromium: str | None = None,
    timeout: float = 120.0,
) -> Path:
    """Print a local HTML file to PDF with headless Chromium (no network, no header/footer).

    Raises
    ------
    PdfError
        When no Chromium is found or printing fails; the message says how to install it.
    """
    browser = chromium or find_chromium()
    if browser is None:
        msg = (
            "No Chromium found to print the PDF. Install it (Debian/Ubuntu: `sudo apt-get install"
            f" chromium`) or set {CHROMIUM_ENV} to a Chrome/Chromium executable; meanwhile open the"
            " HTML in a browser and use Print > Save as PDF."
        )
        raise PdfError(msg)
    html_file, pdf_file = Path(html_file).resolve(), Path(pdf_file).resolve()
    pdf_file.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bsckit-chromium-") as profile:
        tmp_pdf = Path(profile) / "out.pdf"
        command = [
            browser,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={profile}",
            f"--print-to-pdf={tmp_pdf}",
            html_file.as_uri(),
        ]
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=timeout, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            msg = f"Printing {html_file.name} to PDF with {browser} failed: {error}."
            raise PdfError(msg) from None
        if not tmp_pdf.is_file() or tmp_pdf.stat().st_size == 0:
            tail = (done.stderr or "").strip().splitlines()[-3:]
            msg = f"Printing {html_file.name} to PDF with {browser} failed (exit {done.returncode}): {' / '.join(tail)}"
            raise PdfError(msg)
        shutil.move(str(tmp_pdf), pdf_file)
    return pdf_file


def _check_free(paths: Sequence[Path], force: bool) -> None:
    taken = [p for p in paths if p.exists()]
    if taken and not force:
        names = ", ".join(str(p) for p in taken)
        msg = (
            f"Not written: {names} already exist{'s' if len(taken) == 1 else ''} and may hold edits."
            " Choose another --out folder, move the files away, or pass --force to replace them."
        )
        raise ExportError(msg)


def export_scorecard(
    card: Scorecard,
    out_dir: str | os.PathLike[str],
    *,
    values: Mapping[str, float] | None = None,
    source: str = "",
    read_problems: Sequence[str] = (),
    pdf: bool = True,
    force: bool = False,
    chromium: str | None = None,
) -> dict[str, Path]:
    """Write ``scorecard.html`` (and ``scorecard.pdf``) for ``card`` into ``out_dir``.

    Returns the files written, by kind (``"html"``, ``"pdf"``). Refuses (ExportError) to
    replace existing files unless ``force``. A failed PDF raises ExportError after the HTML
    is written.
    """
    from bsckit._atomic import atomic_write_text

    out = Path(out_dir)
    html_path, pdf_path = out / "scorecard.html", out / "scorecard.pdf"
    _check_free([html_path, pdf_path] if pdf else [html_path], force)
    page = scorecard_page(card, values, source=source, read_problems=read_problems)
    written = {"html": atomic_write_text(html_path, page)}
    if pdf:
        written["pdf"] = print_to_pdf(html_path, pdf_path, chromium=chromium)
    return written


# -- command line -------------------------------------------------------------------------------
def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Attach the export options to ``parser``."""
    parser.add_argument(
        "scorecard",
        nargs="?",
        help="scorecard YAML file (default: workspace/my_scorecard.yaml)",
    )
    parser.add_argument("--example", action="store_true", help="export Homeats' example scorecard")
    parser.add_argument(
        "--out", help="output folder (default: workspace/export); scorecard.html and .pdf go there"
    )
    parser.add_argument(
        "--values", help="YAML file of actual values (measure name: number) for RAG"
    )
    parser.add_argument("--no-pdf", action="store_true", help="write the HTML only")
    parser.add_argument("--force", action="store_true", help="replace files already in --out")


def run(args: argparse.Namespace) -> int:
    """Export; return 0 on success, 2 on bad input (nothing written), 1 if only the PDF failed."""
    from bsckit.widgets.workspace import scorecard_path, workspace_dir

    say = lambda text: print(text, flush=True)  # noqa: E731
    if args.scorecard is not None and not args.scorecard.strip():
        say(
            f"bsckit export: the SCORECARD argument must not be empty, got {args.scorecard!r}."
            " Give the path of a scorecard YAML file (e.g. workspace/my_scorecard.yaml), leave"
            " it out for your workspace's my_scorecard.yaml, or use --example."
        )
        return 2
    if args.out is not None and not args.out.strip():
        say(
            f"bsckit export: --out must not be empty, got {args.out!r}. Name a folder, or leave"
            " --out out for workspace/export."
        )
        return 2
    if args.example and args.scorecard:
        say("bsckit export: give a SCORECARD file or --example, not both.")
        return 2
    try:
        if args.example:
            card, source = example_scorecard(), "the Homeats example scorecard"
            values, read_problems = example_values(), []
        else:
            path = scorecard_path(args.scorecard)
            card, source = load_scorecard(path), path.name
            values, read_problems = {}, []
        if args.values:
            values, read_problems = load_values(args.values, card)
    except (FileNotFoundError, ScorecardFileError, ExportError) as error:
        say(f"bsckit export: {error}")
        if isinstance(error, FileNotFoundError) and not args.scorecard:
            say(
                "Save a scorecard first (the SMART objective builder in the modules), or try --example."
            )
        return 2
    out = Path(args.out) if args.out else workspace_dir() / "export"
    say(f"Exporting {card.name!r} ({len(card.objectives)} objectives) to {out} ...")
    try:
        written = export_scorecard(
            card,
            out,
            values=values,
            source=source,
            read_problems=read_problems,
            pdf=not args.no_pdf,
            force=args.force,
        )
    except PdfError as error:
        say(f"bsckit export: {error}")
        say(f"The HTML page was written: {out / 'scorecard.html'}")
        return 1
    except ExportError as error:
        say(f"bsckit export: {error}")
        return 2
    problems = len(card.problems()) + len(read_problems)
    for kind, path in written.items():
        say(f"  {kind.upper():4} {path}")
    if problems:
        say(f"Note: {problems} problem(s) found; they are listed at the top of the page.")
    return 0


if __name__ == "__main__":  # pragma: no cover
    parser = argparse.ArgumentParser(prog="bsckit export")
    add_arguments(parser)
    sys.exit(run(parser.parse_args()))
