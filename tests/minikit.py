"""A tiny course kit in a temporary folder, for the site and pack tests (no data, fast).

One lesson (module 1) with an instructor cell, a vega-lite chart and its alt text, review
questions; its solution with one exercise and a ``check(...)`` call; its exercise copy; and
start-here. Every text is written here, so the tests know what must appear where.
"""

from __future__ import annotations

from pathlib import Path

import nbformat

__all__ = ["ALT", "HINTS", "INSTRUCTOR", "SPEC", "make_minikit"]

INSTRUCTOR = "Ask the room which kitchen they would visit first."
ALT = "bar chart of three kitchens' cost per meal, Leeds highest at 6.1 EUR."
HINTS = ["Add the two numbers.", "Use the + sign."]
SPEC = {
    "$schema": "https://vega.github.io/schema/vega-lite/v5.20.1.json",
    "data": {
        "values": [{"k": "Leeds", "c": 6.1}, {"k": "York", "c": 5.2}, {"k": "Hull", "c": 5.6}]
    },
    "mark": "bar",
    "encoding": {
        "x": {"field": "k", "type": "nominal"},
        "y": {"field": "c", "type": "quantitative"},
    },
}


def _write(path: Path, cells: list, meta: dict) -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells = cells
    nb.metadata["bsckit"] = meta
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)


def make_minikit(root: Path) -> Path:
    """Write the tiny kit under ``root`` and return ``root``."""
    md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    chart = code("chart", outputs=[nbformat.v4.new_output(
        "display_data", data={"application/vnd.vegalite.v5+json": SPEC, "text/plain": "<Chart>"})])  # fmt: skip
    meta = {"module": 1, "title": "Alignment", "teaching_minutes": 30, "exercise_minutes": 20}
    _write(root / "notebooks" / "00_start_here.ipynb",
           [md("# Start here\n\nOpen [the lesson](01_alignment.ipynb).")],
           {"module": 0, "title": "Start here", "teaching_minutes": 10, "exercise_minutes": 0})  # fmt: skip
    instructor = md(f"**Instructor:** {INSTRUCTOR}")
    instructor.metadata["tags"] = ["instructor"]
    _write(root / "notebooks" / "01_alignment.ipynb", [
        md("# Module 1: Alignment\n\nWe compare kitchens."), instructor,
        md("## Cost by kitchen"), chart, md(f"*Alt text: {ALT}*"),
        md("## Review questions\n\n1. Which kitchen costs most, and why might it?"),
        md("## Key terms\n\n**Cost per meal**"),
    ], meta)  # fmt: skip
    solution = (
        "### BEGIN SOLUTION\ntotal = 1 + 2\n### END SOLUTION\n"
        f"check('1.1 total', total, expected=3, hints={HINTS!r}, success='Three: one plus two.')"
    )
    _write(root / "solutions" / "01_alignment.ipynb", [
        md("# Module 1: Alignment - exercises"),
        md("### Exercise 1.1: add up\n\n*About 7 minutes.* Add one and two."), code(solution),
    ], meta)  # fmt: skip
    _write(root / "exercises" / "01_alignment.ipynb", [
        md("# Module 1: Alignment - exercises"),
        md("### Exercise 1.1: add up\n\n*About 7 minutes.* Add one and two."),
        code("total = ...  # YOUR CODE HERE"),
    ], meta)  # fmt: skip
    return root
