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
from minikit import ALT, INSTRUCTOR, make_minikit

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
