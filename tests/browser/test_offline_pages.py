"""The offline site, the take-home PDF and the pack's PDFs, in Debian's headless Chromium.

The site is opened with the network switched off (a Playwright context with ``offline=True``);
every request the pages make is recorded, and each must stay on the machine (``file:`` or
``data:``). Charts must load from files in the site folder, and search must find a section.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from bsckit.course.cli import main
from bsckit.course.pack import build_pack
from bsckit.course.site import build_site

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from minikit import make_minikit

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]


def _pages(pdf: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf.read_bytes()))


def test_site_offline_in_chromium(browser, tmp_path, screenshots):
    out = tmp_path / "site"
    report = build_site(ROOT, out, progress=None)
    context = browser.new_context(offline=True, viewport={"width": 1300, "height": 900})
    seen: list[str] = []
    failed: list[str] = []
    context.on("request", lambda request: seen.append(request.url))
    context.on("requestfailed", lambda request: failed.append(request.url))
    page = context.new_page()
    try:
        for site_page in report.pages:
            page.goto((out / site_page.target).as_uri())
            page.wait_for_load_state("load")
            broken = page.evaluate(
                "Array.from(document.images).filter(i => !(i.complete && i.naturalWidth > 0))"
                ".map(i => i.src)"
            )
            assert broken == [], f"{site_page.target}: images that did not load: {broken}"
        lesson = next(p for p in report.pages if p.kind == "lesson")
        page.goto((out / lesson.target).as_uri())
        charts = page.locator("img.chart")
        assert charts.count() >= 1
        page.screenshot(path=str(screenshots / "site-lesson.png"))
        page.fill("#search", "control chart")
        results = page.locator("#results li a")
        results.first.wait_for(timeout=5000)
        assert results.count() >= 1
        page.screenshot(path=str(screenshots / "site-search.png"))
        results.first.click()
        page.wait_for_load_state("load")
        assert "#" in page.url and page.url.startswith("file://")
    finally:
        context.close()
    outside = [u for u in seen if not u.startswith(("file://", "data:"))]
    assert seen, "no requests were recorded at all"
    assert outside == [], f"requests that left the machine: {outside}"
    assert failed == [], f"requests that failed: {failed}"
    print(f"offline site: {len(report.pages)} pages, {len(seen)} requests, all local")


def test_site_math_renders_as_mathml_offline(browser, tmp_path):
    """LaTeX in a lesson's markdown reaches the page as MathML that Chromium lays out itself:
    a fraction stacked (taller than a line of text), with no request leaving the machine."""
    import nbformat

    kit = make_minikit(tmp_path / "kit")
    path = kit / "notebooks" / "01_alignment.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells.insert(2, nbformat.v4.new_markdown_cell(
        "## Margin\n\nThe margin is $m = \\frac{p - c}{p}$.\n\n$$\\sum_{i=1}^{n} x_i$$"))  # fmt: skip
    nbformat.write(nb, path)
    out = tmp_path / "site"
    build_site(kit, out, progress=None)
    context = browser.new_context(offline=True)
    seen: list[str] = []
    context.on("request", lambda request: seen.append(request.url))
    page = context.new_page()
    try:
        page.goto((out / "notebooks" / "01_alignment.html").as_uri())
        page.wait_for_load_state("load")
        found = page.evaluate(
            """() => {
              const f = document.querySelector('math mfrac');
              const letter = document.querySelector('math > mrow > mi, math mi');
              return {
                mathml: f instanceof MathMLElement,
                fraction: f.getBoundingClientRect().height,
                letter: letter.getBoundingClientRect().height,
                block: getComputedStyle(document.querySelector('math[display="block"]')).display,
              };
            }"""
        )
    finally:
        context.close()
    assert found["mathml"], found
    assert found["fraction"] > 1.5 * found["letter"], found  # numerator over denominator
    assert found["block"].startswith("block"), found
    assert [u for u in seen if not u.startswith(("file://", "data:"))] == []


def test_take_home_scorecard_pdf_is_one_page(tmp_path):
    out = tmp_path / "export"
    assert main(["export", "--example", "--out", str(out)]) == 0
    pdf = out / "scorecard.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-"
    assert _pages(pdf) == 1


def test_take_home_scorecard_with_deadlines_and_review_rules_is_one_page(tmp_path):
    """The full Homeats example with a deadline on every objective (an extra line each) and
    its data sources and review frequencies still prints on one A4 page."""
    from dataclasses import replace

    from bsckit.scorecard import example_scorecard, save_scorecard

    card = example_scorecard()
    card = replace(
        card, objectives=tuple(replace(o, deadline="2027-12-31") for o in card.objectives)
    )
    path = tmp_path / "my_scorecard.yaml"
    save_scorecard(card, path)
    out = tmp_path / "export"
    assert main(["export", str(path), "--out", str(out)]) == 0
    assert (out / "scorecard.html").read_text().count("by 2027-12-31") == len(card.objectives)
    assert _pages(out / "scorecard.pdf") == 1


def test_pack_prints_its_handouts_and_notes(tmp_path):
    kit = make_minikit(tmp_path / "kit")
    report = build_pack(tmp_path / "pack", root=kit, teams=0, progress=None, provider=None)
    pdfs = sorted(
        p.relative_to(tmp_path / "pack").as_posix() for p in (tmp_path / "pack").rglob("*.pdf")
    )
    assert pdfs == ["facilitator/module-01.pdf", "handouts/exercises-01_alignment.pdf"]
    assert report.pdfs == 2 and report.notes == []
    assert all(_pages(tmp_path / "pack" / p) >= 1 for p in pdfs)
