"""The data dictionary (``datasets/README.md``), printed from the schema and the chains.

Examples
--------
>>> text = data_dictionary({"seed": 2024, "scenario": "baseline"}, {"orders": 10})
>>> "## orders" in text and "research_to_new_dish_share" in text
True
"""

from __future__ import annotations

from collections.abc import Mapping

from .alignment import PLANTED as ALIGNMENT_PLANTED
from .chains import CHAINS, DISTRACTORS, QUALITY_EPISODES
from .customer_effects import customer_effects_section
from .financial import financial_effects_section
from .governance import GOVERNANCE_PLANTED
from .learning import learning_effects_section
from .partner import partner_effects_section
from .scenarios import SCENARIOS
from .schema import SCHEMA, Column

__all__ = ["data_dictionary"]

_KIND_TEXT = {
    "id": "text (id)",
    "str": "text",
    "category": "category",
    "int": "integer",
    "Int": "integer or empty",
    "float": "decimal",
    "bool": "true/false",
    "date": "date YYYY-MM-DD",
    "datetime": "time YYYY-MM-DDTHH:MM",
    "month": "month YYYY-MM",
}


def _allowed(col: Column) -> str:
    if col.categories:
        return ", ".join(col.categories)
    if col.low is not None or col.high is not None:
        lo = "" if col.low is None else f"{col.low:g}"
        hi = "" if col.high is None else f"{col.high:g}"
        return f"{lo} to {hi}".strip()
    return ""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _measures_section() -> list[str]:
    """The monthly measures computed from these tables (bsckit.measures), with module 3's names."""
    from bsckit.catalogue import MEASURES
    from bsckit.measures import RECORDED
    from bsckit.processes import PROCESS_COLUMNS

    module3 = {measure: column for column, measure in PROCESS_COLUMNS.items()}
    lines = [
        "",
        "## Monthly measures",
        "",
        "Every measure below is defined once, in the metric catalogue "
        "(`bsckit/catalogue/measures.yaml`, written to `metric_catalogue`), and computed per "
        "month from these tables by `bsckit.measures.monthly_measures(tables)`. Module 3's "
        "`bsckit.processes.process_measures(tables)` gives a selection under the column names "
        "shown. A `fraction` is a share from 0 to 1 (0.02 is 2 %).",
        "",
        "| measure | module 3 column | unit | formula | role | definition |",
        "|---|---|---|---|---|---|",
    ]
    for measure_id in RECORDED:
        m = MEASURES[measure_id]
        column = f"`{module3[measure_id]}`" if measure_id in module3 else ""
        lines.append(
            f"| `{m.id}` | {column} | {m.unit} | `{m.formula}` | {m.role} | {_cell(m.definition)} |"
        )
    return lines


def data_dictionary(params: Mapping, rows: Mapping[str, int]) -> str:
    """Markdown data dictionary for a dataset generated with ``params``."""
    p = dict(params)
    lines = [
        "# Homeats datasets: data dictionary",
        "",
        "Synthetic data for the bsckit Balanced Scorecard course. Every table below was made by "
        "`bsckit.data.generate`; the facts are invented, but the cause-and-effect chains listed "
        "at the end are really in the numbers. Do not edit these files by hand: `bsckit.data.load` "
        "refuses edited or truncated files. Regenerate instead:",
        "",
        "```",
        "bsckit data --seed {seed} --scenario {scenario} --months {months} --scale {scale} --out datasets".format(
            seed=p.get("seed", 2024),
            scenario=p.get("scenario", "baseline"),
            months=p.get("months", 24),
            scale=p.get("scale", 1.0),
        ),
        "bsckit data --check datasets",
        "```",
        "",
        "Parameters of this folder: "
        + ", ".join(f"`{k}={v!r}`" for k, v in sorted(p.items()))
        + ".",
        "",
        "Conventions: money in GBP; times are UK local time (Europe/London) unless a column says "
        "UTC; dates ISO 8601; `month` columns are written YYYY-MM and loaded as the first day of "
        "the month; empty cells are missing values; e-mail addresses use the reserved "
        "example.com/.org/.net domains; names and addresses are fake (Faker, seeded).",
        "",
        "## Scenarios",
        "",
    ]
    for s in SCENARIOS.values():
        lines.append(f"- `{s.name}`: {s.story}")
    lines += [
        "",
        "## Tables",
        "",
        "| table | rows | key | grain | description |",
        "|---|---|---|---|---|",
    ]
    for t in SCHEMA.values():
        lines.append(
            f"| [{t.name}](#{t.name}) | {rows.get(t.name, '')} | {t.key or ''} | "
            f"{_cell(t.grain)} | {_cell(t.description)} |"
        )
    for t in SCHEMA.values():
        lines += [
            "",
            f"## {t.name}",
            "",
            f"File `{t.name}.csv` ({t.area}). {t.description} "
            f"Grain: {t.grain}." + (f" Key: `{t.key}`." if t.key else ""),
            "",
            "| column | type | unit | allowed | empty? | joins to | description |",
            "|---|---|---|---|---|---|---|",
        ]
        for c in t.columns:
            lines.append(
                f"| `{c.name}` | {_KIND_TEXT[c.kind]} | {_cell(c.unit)} | {_cell(_allowed(c))} | "
                f"{'yes' if c.nullable else 'no'} | {c.references or ('unique' if c.unique else '')} | "
                f"{_cell(c.description)} |"
            )
    lines += [
        "",
        "## Planted cause-and-effect chains",
        "",
        "Each link: when the cause moves in month t, the effect moves in month t + lag with the "
        "given sign and about the given size, plus noise. The noise is set so that links are "
        "about as strong as in business data, not near-perfect lines: *typical r* is the median "
        "correlation at the planted lag over 30 generated baseline datasets of 24 months. Links "
        "at month level can be found with lagged correlation of monthly aggregates (the test "
        "suite finds each one at its planted sign and lag in at least 90 % of 30 seeds per "
        "scenario, and checks that unrelated measures correlate no more often than chance); "
        "ticket- and employee-level links act inside one record and are found with a regression "
        "on the rows. With 24 months, scanning many lags finds chance correlations easily: name "
        "the lag you expect before you look.",
        "",
        "| id | process | cause | effect | sign | lag (months) | size | typical r | level |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for c in CHAINS:
        lines.append(
            f"| `{c.id}` | {c.process} | {_cell(c.cause)} | {_cell(c.effect)} | "
            f"{'+' if c.sign > 0 else '-'} | {c.lag} | {c.size:g} ({_cell(c.size_unit)}) | "
            f"{'' if c.typical_r is None else f'{c.typical_r:+.2f}'} | {c.level} |"
        )
    lines += ["", "Stories:", ""]
    for c in CHAINS:
        lines.append(f"- `{c.id}`: {c.story}")
    lines += ["", "## Distractors (correlated, not causes)", ""]
    for d in DISTRACTORS:
        lines.append(
            f"- `{d.id}`: {d.measure} looks like it drives {d.looks_like}. Truth: {d.truth}. "
            f"How to tell: {d.how_to_tell}."
        )
    lines += _measures_section()
    lines += customer_effects_section(int(params.get("months", 24)))
    lines += financial_effects_section(int(params.get("months", 24)))
    lines += learning_effects_section(int(params.get("months", 24)))
    lines += partner_effects_section()
    lines += [
        "",
        "## Special causes in `quality_samples`",
        "",
        "Months are counted from the first month of the data (0 = first month); only "
        "episodes inside the generated months are present.",
        "",
        "| id | kitchen | month offset | days | kind | size | story |",
        "|---|---|---|---|---|---|---|",
    ]
    for e in QUALITY_EPISODES:
        lines.append(
            f"| `{e.id}` | {e.kitchen_id} | {e.month_offset} | {e.first_day}-{e.last_day} | "
            f"{e.kind} | {e.size:g} | {_cell(e.story)} |"
        )
    lines += ["", "## Planted in the alignment workshop tables (module 1)", ""]
    for key, what, how in ALIGNMENT_PLANTED:
        lines.append(f"- `{key}`: {what}. How to find it: {how}.")
    lines += ["", "## Planted in the governance tables (module 6)", ""]
    for key, what, how in GOVERNANCE_PLANTED:
        lines.append(f"- `{key}`: {what}. How to find it: {how}.")
    lines += [
        "",
        "## Other facts worth knowing",
        "",
        "- Subscribers get two deliveries a month (occasionally skipped); a customer who cancels "
        "still receives that month's deliveries.",
        "- Business orders are invoiced 0-5 days after delivery on 30-day terms; invoices with "
        "an error are paid 25-45 days late.",
        "- Finance: revenue by month of order (delivered orders), COGS = batch costs, cooks' pay "
        "is inside batch cost; month 10 has a kitchen-refit capex and month 15 a one-off "
        "write-off (`exceptional_items`).",
        "- The ERP, CRM and HRIS extracts disagree with the clean tables on purpose; "
        "`discrepancies` lists every planted difference.",
        "",
    ]
    return "\n".join(lines)
