"""bsckit site: pages, charts from files, alt text, instructor cells left out, search index.

Whether a real browser loads it with no request leaving the machine is tested in
tests/browser/test_offline_pages.py.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from minikit import ALT, INSTRUCTOR, SPEC, make_minikit

from bsckit.course.cli import main
from bsckit.course.site import build_site

ROOT = Path(__file__).resolve().parents[1]
EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.IGNORECASE)


@pytest.fixture(scope="module")
def mini_site(tmp_path_factory):
    kit = make_minikit(tmp_path_factory.mktemp("kit"))
    out = tmp_path_factory.mktemp("site") / "site"
    report = build_site(kit, out, progress=None)
    return kit, out, report


def _index(out: Path) -> list[dict]:
    text = (out / "assets" / "search-index.js").read_text()
    return json.loads(text.removeprefix("window.BSCKIT_INDEX = ").rstrip().rstrip(";"))


def test_pages_and_links(mini_site):
    _kit, out, report = mini_site
    assert (out / "index.html").is_file()
    assert (out / "notebooks" / "00_start_here.html").is_file()
    lesson = (out / "notebooks" / "01_alignment.html").read_text()
    start = (out / "notebooks" / "00_start_here.html").read_text()
    assert 'href="01_alignment.html"' in start  # the .ipynb link now points at the page
    assert "Cost by kitchen" in lesson
    assert [p.target for p in report.pages][:3] == [
        "index.html", "notebooks/00_start_here.html", "notebooks/01_alignment.html"]  # fmt: skip


def test_chart_is_an_svg_file_with_the_notebooks_alt_text(mini_site):
    _kit, out, report = mini_site
    assert report.charts == 1
    svgs = list((out / "charts").glob("*.svg"))
    assert len(svgs) == 1 and svgs[0].read_text().lstrip().startswith("<svg")
    lesson = (out / "notebooks" / "01_alignment.html").read_text()
    [img] = re.findall(r"<img[^>]*>", lesson)
    src = re.search(r'src="([^"]+)"', img).group(1)
    alt = html.unescape(re.search(r'alt="([^"]+)"', img).group(1))
    assert (out / "notebooks" / src).resolve() == svgs[0].resolve()
    assert alt == ALT
    assert "Leeds" in svgs[0].read_text()  # drawn from the notebook's own data


def test_instructor_cells_are_left_out(mini_site):
    _kit, out, _report = mini_site
    everything = "".join(p.read_text() for p in out.rglob("*.html"))
    assert INSTRUCTOR not in everything
    assert INSTRUCTOR not in (out / "assets" / "search-index.js").read_text()


def test_nothing_points_outside_the_folder(mini_site):
    _kit, out, _report = mini_site
    for page in out.rglob("*.html"):
        text = page.read_text()
        assert not EXTERNAL.search(text), page
        for ref in re.findall(r'(?:src|href)="([^"#:]+)', text):
            assert (page.parent / ref).exists(), f"{page.name} links to missing {ref}"


def test_search_index_points_at_real_anchors(mini_site):
    _kit, out, _report = mini_site
    index = _index(out)
    titles = {entry["title"] for entry in index}
    assert {"Cost by kitchen", "Review questions"} <= titles
    for entry in index:
        page, anchor = entry["url"].split("#")
        assert f'id="{anchor}"' in (out / page).read_text(), entry["url"]
    review = next(e for e in index if e["title"] == "Review questions")
    assert "Which kitchen costs most" in review["text"]


def test_refuses_a_folder_that_holds_files(tmp_path):
    kit = make_minikit(tmp_path / "kit")
    out = tmp_path / "site"
    out.mkdir()
    (out / "notes.html").write_text("mine")
    assert main(["site", "--root", str(kit), "--out", str(out)]) == 2
    assert (out / "notes.html").read_text() == "mine" and not (out / "index.html").exists()
    assert main(["site", "--root", str(kit), "--out", str(out), "--force"]) == 0
    assert (out / "index.html").is_file()


def test_a_folder_without_lessons_is_a_clear_error(tmp_path, capsys):
    assert main(["site", "--root", str(tmp_path), "--out", str(tmp_path / "s")]) == 2
    assert "No lesson notebooks" in capsys.readouterr().out


def test_the_real_course(tmp_path):
    """Start-here, every lesson and every toolkit sheet; one SVG per stored chart."""
    report = build_site(ROOT, tmp_path / "site", progress=None)
    targets = {p.target for p in report.pages}
    lessons = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    sheets = sorted((ROOT / "toolkit").glob("*.ipynb"))
    assert {f"notebooks/{p.stem}.html" for p in lessons} <= targets
    assert {f"toolkit/{p.stem}.html" for p in sheets} <= targets and "toolkit/index.html" in targets
    stored = sum(
        1
        for p in lessons
        for c in json.loads(p.read_text())["cells"]
        for o in c.get("outputs", [])
        if any(k.startswith("application/vnd.vegalite") for k in o.get("data", {}))
    )
    assert report.charts == stored == len(list((tmp_path / "site" / "charts").glob("*.svg")))
    sheet = (tmp_path / "site" / "toolkit" / "ownership_matrix.html").read_text()
    assert "Head of kitchens" in sheet  # the Homeats example, shown on the page
    for page in (tmp_path / "site").rglob("*.html"):
        text = page.read_text()
        assert not EXTERNAL.search(text), page
        for ref in re.findall(r'(?:src|href)="([^"#:]+)', text):
            assert (page.parent / ref).exists(), f"{page.name} links to missing {ref}"
    start = (tmp_path / "site" / "notebooks" / "00_start_here.html").read_text()
    assert 'href="../toolkit/index.html"' in start


# -- alt text, whole sections in the search index, math -----------------------------------------
LONG_END = "The last sentence of a long section is searchable too."
TITLED = {**SPEC, "title": {"text": "Cost per meal by kitchen"}}


@pytest.fixture(scope="module")
def rich_site(tmp_path_factory):
    """The minikit's lesson with more: a long section, math, a chart with only a title."""
    import nbformat

    kit = make_minikit(tmp_path_factory.mktemp("kit"))
    path = kit / "notebooks" / "01_alignment.ipynb"
    nb = nbformat.read(path, as_version=4)
    md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    long_text = " ".join(f"Paragraph {k} of the margin section." for k in range(400))
    chart = code("chart", outputs=[nbformat.v4.new_output(
        "display_data", data={"application/vnd.vegalite.v5+json": TITLED, "text/plain": "<Chart>"})])  # fmt: skip
    nb.cells[2:2] = [
        md("## Margin $m$ of a meal\n\nThe margin is $m = \\frac{p - c}{p}$ for price $p$.\n\n"
           "$$\\sum_{i=1}^{n} x_i$$\n\nIt costs $5 and $6 to try; `echo $HOME` is code."),
        md(long_text + "\n\n" + LONG_END),
        code('print("$5")'),
        chart,
        md("No alt text here, only a reading of the chart."),
    ]  # fmt: skip
    nbformat.write(nb, path)
    out = tmp_path_factory.mktemp("site") / "site"
    build_site(kit, out, progress=None)
    return out


def test_alt_text_is_the_alt_paragraph_or_the_chart_title(rich_site):
    lesson = (rich_site / "notebooks" / "01_alignment.html").read_text()
    alts = [html.unescape(a) for a in re.findall(r'<img[^>]*alt="([^"]*)"', lesson)]
    assert alts == ["Chart: Cost per meal by kitchen", ALT]


def test_search_index_holds_whole_sections(rich_site):
    index = [e for e in _index(rich_site) if e["url"].startswith("notebooks/01_alignment")]
    margin = next(e for e in index if e["title"].startswith("Margin"))
    assert "Paragraph 0 of the margin section." in margin["text"]
    assert "Paragraph 399 of the margin section." in margin["text"]  # past 3,000 characters
    assert margin["text"].rstrip().endswith("only a reading of the chart.")
    assert len(margin["text"]) > 10_000 and LONG_END in margin["text"]
    cost = next(e for e in index if e["title"] == "Cost by kitchen")
    assert "Paragraph 0" not in cost["text"]  # each section holds its own text only


def test_latex_becomes_mathml_offline(rich_site):
    lesson = (rich_site / "notebooks" / "01_alignment.html").read_text()
    inline = re.findall(r'<math[^>]*display="inline"[^>]*>.*?</math>', lesson, re.DOTALL)
    block = re.findall(r'<math[^>]*display="block"[^>]*>.*?</math>', lesson, re.DOTALL)
    assert len(inline) == 3 and len(block) == 1  # m (heading), the fraction, p; the sum
    assert any("<mfrac>" in m for m in inline)
    assert "&#x02211;" in block[0] and "<munderover>" in block[0]  # the summation sign
    assert "\\frac" not in lesson and "\\sum" not in lesson and "BSCKITMATH" not in lesson
    assert "It costs $5 and $6 to try" in lesson and "echo $HOME" in lesson  # money, code
    assert "$5" in lesson  # the code cell's text is left alone
    heading = re.search(r'<h2 id="([^"]*)"[^>]*>Margin', lesson)
    assert heading and "<" not in heading.group(1)
    assert not EXTERNAL.search(lesson)
    assert "BSCKITMATH" not in (rich_site / "assets" / "search-index.js").read_text()


def test_the_real_course_charts_have_their_alt_text_and_sections_are_whole(tmp_path):
    from bsckit.course.site import SECTION_TEXT_LIMIT

    out = tmp_path / "site"
    build_site(ROOT, out, progress=None)
    for page in (out / "notebooks").glob("*.html"):
        for alt in re.findall(r'<img[^>]*alt="([^"]*)"', page.read_text()):
            alt = html.unescape(alt)
            assert "no alt text" not in alt and ".svg" not in alt, (page.name, alt)
            assert "\n" not in alt and "##" not in alt and len(alt) < 600, (page.name, alt)
    assert all(len(e["text"]) < SECTION_TEXT_LIMIT for e in _index(out))
