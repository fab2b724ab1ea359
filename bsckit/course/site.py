"""The course as a static website that works with no internet: ``bsckit site --out DIR``.

What it writes
--------------
- ``DIR/index.html`` - the contents: every page with its sections, and a search box;
- ``DIR/notebooks/<name>.html`` - start-here and every lesson notebook, as executed;
- ``DIR/toolkit/index.html`` and ``DIR/toolkit/<name>.html`` - the toolkit and each worksheet;
- ``DIR/charts/*.svg`` - every chart, drawn at build time from the notebook's stored vega-lite
  JSON with ``vl-convert-python``; pages show them as ``<img>`` with the notebook's alt text;
- ``DIR/assets/`` - one stylesheet, ``search-index.js`` (the text of every section) and
  ``search.js`` (a few lines that search it in the browser).

Why this way
------------
nbconvert's full templates load require.js, MathJax and the widget manager from CDNs, and an
altair chart needs vega from a CDN (``notes/stack.md``, "Static HTML export"). The site uses
nbconvert's ``basic`` template (the cells' HTML and nothing else) inside a page of our own
that names only files in ``DIR``; charts are static SVG files, so no JavaScript library is
needed to draw them. Search is a plain JavaScript file of sections (not JSON fetched at run
time, which browsers refuse over ``file://``) and a substring match: the whole course is a few
hundred kilobytes of text. Cells tagged ``instructor`` are left out (learner pages only); live
widget views are dropped, the static summary each bsckit widget prints stays.

Math written in LaTeX in the markdown (``$...$``, ``$$...$$``) is converted to MathML when
the site is built (``latex2mathml``, pure Python, no dependencies): browsers draw MathML
themselves, so formulas render offline without MathJax's JavaScript and fonts.

Nothing in ``DIR`` is replaced unless ``force=True``: a folder that already holds files is
refused (``--force`` to write over it).

Examples
--------
>>> page_target(Path("notebooks/03_internal_processes.ipynb"))
'notebooks/03_internal_processes.html'
>>> relative_link("notebooks/03_x.html", "toolkit/index.html")
'../toolkit/index.html'
"""

from __future__ import annotations

import argparse
import html
import json
import os
import posixpath
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

__all__ = [
    "MathToMathML",
    "SitePage",
    "SiteReport",
    "add_arguments",
    "build_site",
    "chart_alt_text",
    "collect_pages",
    "data_uri",
    "notebook_body",
    "page_target",
    "prepare_notebook",
    "printable_page",
    "relative_link",
    "run",
]

HELP = "write the course as a static offline website with contents and search"

VEGALITE_MIME = re.compile(r"application/vnd\.vegalite\.v(\d+)\+json")
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
ALT_TEXT = re.compile(r"^\s*\*?\s*Alt text:\s*(.+?)\*?\s*$", re.IGNORECASE | re.DOTALL)
#: The search index keeps at most this many characters of a section's text (a whole section of
#: a lesson is far shorter; the cap only guards against a runaway output).
SECTION_TEXT_LIMIT = 60_000
SITE_MARKER = ".bsckit-site"


@dataclass
class SitePage:
    """One page of the site: its source, where it goes, its title and sections."""

    source: Path
    target: str
    title: str
    kind: str  # "start", "lesson", "toolkit-index", "toolkit"
    sections: list[tuple[str, str]] = field(default_factory=list)  # (anchor, heading)


@dataclass
class SiteReport:
    """What :func:`build_site` wrote."""

    out_dir: Path
    pages: list[SitePage] = field(default_factory=list)
    charts: int = 0
    seconds: float = 0.0

    def size_bytes(self) -> int:
        """Total size of the files in the site folder."""
        return sum(p.stat().st_size for p in self.out_dir.rglob("*") if p.is_file())


def page_target(source: Path) -> str:
    """Where a source file's page goes in the site (posix path relative to the site root)."""
    source = Path(source)
    if source.name == "README.md":
        return (source.parent / "index.html").as_posix()
    return source.with_suffix(".html").as_posix()


def relative_link(from_page: str, to_page: str) -> str:
    """A relative link from one site page to another (both relative to the site root)."""
    return posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")


def _title_of(nb: dict, fallback: str) -> str:
    meta = nb.get("metadata", {}).get("bsckit", {})
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "markdown":
            match = re.search(r"^#\s+(.+)$", "".join(cell.get("source", "")), re.MULTILINE)
            if match:
                return match.group(1).strip()
    return str(meta.get("title") or fallback)


def collect_pages(root: str | os.PathLike[str] = ".") -> list[SitePage]:
    """The site's pages, in reading order: start here, the lessons, the toolkit."""
    root = Path(root)
    pages: list[SitePage] = []
    for path in sorted((root / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        module = nb.get("metadata", {}).get("bsckit", {}).get("module", int(path.name[:2]))
        rel = path.relative_to(root)
        kind = "start" if module == 0 else "lesson"
        pages.append(SitePage(rel, page_target(rel), _title_of(nb, path.stem), kind))
    toolkit = root / "toolkit"
    if (toolkit / "README.md").is_file():
        rel = Path("toolkit/README.md")
        pages.append(SitePage(rel, page_target(rel), "The toolkit", "toolkit-index"))
    readme = (
        (toolkit / "README.md").read_text(encoding="utf-8")
        if (toolkit / "README.md").is_file()
        else ""
    )

    def in_readme_order(path: Path) -> tuple[int, str]:
        at = readme.find(f"({path.name})")
        return (at if at >= 0 else len(readme), path.name)

    for path in sorted(toolkit.glob("*.ipynb"), key=in_readme_order):
        nb = json.loads(path.read_text(encoding="utf-8"))
        rel = path.relative_to(root)
        pages.append(SitePage(rel, page_target(rel), _title_of(nb, path.stem), "toolkit"))
    return pages


# -- notebook to HTML ---------------------------------------------------------------------------
def _plain(markdown: str) -> str:
    """Markdown of a short text as plain words: tags, emphasis and code marks dropped."""
    text = re.sub(r"<sup>\s*\(claim [^)]*\)\s*</sup>", "", markdown)
    text = html.unescape(re.sub(r"<[^>]+>", "", text))
    text = re.sub(r"[*_`]+", "", text)
    return " ".join(text.split())


def _spec_text(spec: dict, key: str) -> str:
    """The ``title`` or ``description`` of a vega-lite spec, or of its first sub-chart."""
    value = spec.get(key)
    if isinstance(value, dict):
        value = value.get("text")
    if isinstance(value, list):
        value = " ".join(str(v) for v in value)
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())
    for part in ("layer", "vconcat", "hconcat", "concat"):
        for sub in spec.get(part) or []:
            if isinstance(sub, dict):
                found = _spec_text(sub, key)
                if found:
                    return found
    return ""


def chart_alt_text(cells: list, index: int, spec: dict) -> str:
    """The alt text of the chart in cell ``index``: what it shows, in words.

    The notebook's own alt text comes first: the paragraph ``*Alt text: ...*`` in the markdown
    cell right after the chart (CONTRIBUTING.md, "Charts"), that paragraph only, after the
    chart's title when it has one. Without it, the chart's ``description`` (after its title),
    or its title alone (``"Chart: <title>"``); never a file name.

    Examples
    --------
    >>> import nbformat
    >>> md = nbformat.v4.new_markdown_cell
    >>> cells = [None, md("*Alt text: bar chart of cost per kitchen.*\\n\\n## Next section")]
    >>> chart_alt_text(cells, 0, {})
    'bar chart of cost per kitchen.'
    >>> chart_alt_text(cells, 0, {"title": "Cost per meal"})
    'Cost per meal: bar chart of cost per kitchen.'
    >>> chart_alt_text([None], 0, {"title": {"text": "Cost per meal by month"}})
    'Chart: Cost per meal by month'
    """
    title = _spec_text(spec, "title")
    for cell in cells[index + 1 : index + 2]:
        if cell.cell_type == "markdown":
            for paragraph in re.split(r"\n\s*\n", cell.source):
                match = ALT_TEXT.match(paragraph)
                if match:
                    alt = _plain(match.group(1))
                    return f"{title}: {alt}" if title else alt
    description = _spec_text(spec, "description")
    if description:
        return f"{title}: {description}" if title else description
    if title:
        return f"Chart: {title}"
    return "Chart (no alt text, title or description given in the notebook)."


def _svg_of(spec: dict) -> str:
    import vl_convert

    schema = str(spec.get("$schema", ""))
    version = re.search(r"v(\d+)\.(\d+)", schema)
    vl_version = f"{version.group(1)}.{version.group(2)}" if version else "5.20"
    return vl_convert.vegalite_to_svg(spec, vl_version=vl_version)


def prepare_notebook(nb, chart_src) -> int:
    """Make a notebook safe to show offline, in place; return the number of charts.

    Drops cells tagged ``instructor`` and live widget views; replaces each vega-lite output by
    an ``<img>`` whose ``src`` is ``chart_src(svg_text, number)`` (a file path or a data URI)
    and whose alt text is the notebook's own (the ``*Alt text: ...*`` cell after the chart).
    """
    nb.cells = [c for c in nb.cells if "instructor" not in c.get("metadata", {}).get("tags", [])]
    count = 0
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        for output in cell.get("outputs", []):
            data = output.get("data")
            if not data:
                continue
            data.pop(WIDGET_MIME, None)
            for mime in [m for m in data if VEGALITE_MIME.fullmatch(m)]:
                spec = data.pop(mime)
                svg = _svg_of(spec)
                count += 1
                alt = html.escape(chart_alt_text(nb.cells, i, spec), quote=True)
                data.pop("text/plain", None)
                data["text/html"] = f'<img class="chart" src="{chart_src(svg, count)}" alt="{alt}">'
            if not data:
                output["data"] = {"text/plain": ""}
    return count


def data_uri(svg: str, _number: int = 0) -> str:
    """An SVG as a ``data:`` URI (part of the page: no request leaves the machine)."""
    import base64

    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


# -- math: LaTeX in markdown to MathML, at build time ---------------------------------------------
_CODE = re.compile(r"(?ms)^(`{3,}|~{3,})[^\n]*\n.*?^\1[ \t]*$|(`+)(?:(?!\2).)+?\2")
_MATH = re.compile(
    r"\$\$(?P<dd>.+?)\$\$"  # $$ display $$
    r"|\\\[(?P<bd>.+?)\\\]"  # \[ display \]
    r"|\\\((?P<bi>.+?)\\\)"  # \( inline \)
    # $inline$: no space inside either dollar, and no digit right after the closing one, so
    # "costs $5 and $6" stays text (pandoc's rule)
    r"|(?<![\\$])\$(?P<di>[^\s$](?:[^$\n]*?[^\s$\\])?)\$(?!\d)",
    re.DOTALL,
)
_TOKEN = re.compile(r"BSCKITMATH(\d+)X")


class MathToMathML:
    """Turn the LaTeX math of markdown into MathML (``latex2mathml``), around a renderer.

    :meth:`protect` swaps each formula (``$...$``, ``$$...$$``, ``\\(...\\)``, ``\\[...\\]``;
    not inside code) for a plain token the markdown renderer leaves alone; :meth:`restore`
    puts MathML where the tokens are in the HTML (the LaTeX text inside attributes, e.g. a
    heading's id). The page then shows the formula in any browser with MathML (Chromium 109+,
    Firefox, Safari), offline: no MathJax. A formula latex2mathml cannot read stays as its
    LaTeX text, in a ``<code class="math-error">``, and is counted in :attr:`errors`.

    Examples
    --------
    >>> maths = MathToMathML()
    >>> text = maths.protect("Margin $m = p/r$ for `$x$` costs $5 and $6.")
    >>> text
    'Margin BSCKITMATH0X for `$x$` costs $5 and $6.'
    >>> maths.restore("<p>" + text + "</p>")[:60]
    '<p>Margin <math xmlns="http://www.w3.org/1998/Math/MathML" d'
    """

    def __init__(self) -> None:
        self.formulas: list[tuple[str, bool]] = []  # (latex, display)
        self.errors: list[str] = []

    def protect(self, markdown: str) -> str:
        """``markdown`` with each formula outside code replaced by a token."""
        out, at = [], 0
        for code in _CODE.finditer(markdown):
            out.append(self._swap(markdown[at : code.start()]))
            out.append(code.group(0))
            at = code.end()
        out.append(self._swap(markdown[at:]))
        return "".join(out)

    def _swap(self, text: str) -> str:
        def token(match: re.Match[str]) -> str:
            display = match.group("dd") is not None or match.group("bd") is not None
            latex = next(g for g in match.group("dd", "bd", "bi", "di") if g is not None)
            self.formulas.append((latex.strip(), display))
            return f"BSCKITMATH{len(self.formulas) - 1}X"

        return _MATH.sub(token, text)

    def mathml(self, number: int) -> str:
        """The MathML of formula ``number`` (or its LaTeX in ``<code>`` if unreadable)."""
        from latex2mathml.converter import convert

        latex, display = self.formulas[number]
        try:
            return convert(latex, display="block" if display else "inline")
        except Exception as error:  # latex2mathml raises several types on bad input
            self.errors.append(f"{latex!r}: {type(error).__name__}")
            return (
                f'<code class="math-error" title="LaTeX not converted">{html.escape(latex)}</code>'
            )

    def restore(self, body: str) -> str:
        """``body`` (HTML) with MathML in place of the tokens."""

        def in_attribute(match: re.Match[str]) -> str:
            return _TOKEN.sub(
                lambda t: html.escape(self.formulas[int(t.group(1))][0], quote=True),
                match.group(0),
            )

        body = re.sub(r'="[^"]*BSCKITMATH\d+X[^"]*"', in_attribute, body)
        return _TOKEN.sub(lambda t: self.mathml(int(t.group(1))), body)


def notebook_body(nb) -> str:
    """The cells of a prepared notebook as HTML (nbconvert's ``basic`` template: no scripts).

    LaTeX math in markdown cells becomes MathML (:class:`MathToMathML`).
    """
    import copy

    from nbconvert import HTMLExporter

    maths = MathToMathML()
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = maths.protect(cell.source)
    exporter = HTMLExporter(
        template_name="basic", exclude_input_prompt=True, exclude_output_prompt=True
    )
    body, _resources = exporter.from_notebook_node(nb)
    return maths.restore(body)


def printable_page(title: str, body: str) -> str:
    """A self-contained printable HTML page (inline CSS, no scripts, no external files)."""
    from pygments.formatters import HtmlFormatter

    pyg = HtmlFormatter(style="default").get_style_defs(".highlight")
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>{_CSS}\n{_PRINT_CSS}\n{pyg}</style></head>"
        f"<body><main>{body}</main></body></html>\n"
    )


def _show_worksheet(nb) -> None:
    """Give a toolkit notebook's sheet cell a blank printable form and the Homeats example."""
    import nbformat

    from bsckit.widgets.worksheet import Worksheet, find_spec, load_spec

    key = nb.metadata.get("bsckit", {}).get("toolkit")
    if not key:
        return
    spec = load_spec(find_spec(key))
    blank = Worksheet(spec, path=None).summary_html()
    example = Worksheet(spec, path=None, example=True)
    example.message = ""
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and "Worksheet(" in cell.source:
            cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": blank})]
            extra = [
                nbformat.v4.new_markdown_cell(
                    "### The Homeats example\n\nWhat the sheet looks like filled in for Homeats"
                    " (*Fill with the Homeats example* in the notebook)."
                ),
                nbformat.v4.new_code_cell(
                    "sheet.fill_example()",
                    outputs=[
                        nbformat.v4.new_output(
                            "display_data", data={"text/html": example.summary_html()}
                        )
                    ],
                ),
            ]
            nb.cells[i + 1 : i + 1] = extra
            return


_LINK = re.compile(r'<a href="([^"#:]+?)(#[^"]*)?"([^>]*)>(.*?)</a>', re.DOTALL)


def _rewrite_links(body: str, page: SitePage, known: dict[str, str]) -> str:
    """Point relative links at their pages in the site.

    A link to a notebook or README.md in the site goes to its page; a relative link to a file
    the site does not hold (an exercise or solution notebook, a data file) becomes plain text
    with a note to open it in JupyterLab, so no link on the site is broken.
    """

    def swap(match: re.Match[str]) -> str:
        ref, anchor, rest, text = (
            match.group(1),
            match.group(2) or "",
            match.group(3),
            match.group(4),
        )
        source = posixpath.normpath(posixpath.join(page.source.parent.as_posix(), ref))
        if source.endswith("/README.md") or source == "README.md" or source.endswith(".ipynb"):
            target = known.get(source)
            if target is not None:
                return f'<a href="{relative_link(page.target, target)}{anchor}"{rest}>{text}</a>'
        if ref.endswith("/") and known.get(posixpath.join(source, "README.md")):
            target = known[posixpath.join(source, "README.md")]
            return f'<a href="{relative_link(page.target, target)}{anchor}"{rest}>{text}</a>'
        note = html.escape(f"In the kit: {source} (open it in JupyterLab)", quote=True)
        return f'<span class="in-kit" title="{note}">{text}</span>'

    return _LINK.sub(swap, body)


def _sections(body: str) -> list[tuple[str, str, str]]:
    """(anchor, heading, plain text) per h1-h3 section of a page body."""
    heads = list(re.finditer(r'<h([123])[^>]*id="([^"]+)"[^>]*>(.*?)</h\1>', body, re.DOTALL))
    out = []
    for k, head in enumerate(heads):
        end = heads[k + 1].start() if k + 1 < len(heads) else len(body)
        text = re.sub(
            r"<(style|script)[^>]*>.*?</\1>", " ", body[head.end() : end], flags=re.DOTALL
        )
        text = html.unescape(re.sub(r"<[^>]+>", " ", text))
        title = html.unescape(re.sub(r"<[^>]+>", "", head.group(3))).replace("¶", "").strip()
        out.append((head.group(2), title, " ".join(text.split())))
    return out


def _markdown_body(path: Path) -> str:
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    maths = MathToMathML()
    body = markdown2html_mistune(maths.protect(path.read_text(encoding="utf-8")))

    # give headings ids (nbconvert does it for notebooks; do the same here)
    def anchor(match: re.Match[str]) -> str:
        level, text = match.group(1), match.group(2)
        slug = re.sub(r"[^\w-]+", "-", html.unescape(re.sub(r"<[^>]+>", "", text))).strip("-")
        return f'<h{level} id="{slug}">{text}</h{level}>'

    return maths.restore(re.sub(r"<h([1-3])>(.*?)</h\1>", anchor, body, flags=re.DOTALL))


# -- the page shell -----------------------------------------------------------------------------
_SEARCH_JS = r"""
// Offline search over assets/search-index.js (window.BSCKIT_INDEX): every word must appear.
(function () {
  var box = document.getElementById("search"), list = document.getElementById("results");
  if (!box || !window.BSCKIT_INDEX) return;
  var root = document.body.getAttribute("data-root") || "";
  function snippet(text, word) {
    var at = text.toLowerCase().indexOf(word), start = Math.max(0, at - 60);
    return (start > 0 ? "..." : "") + text.substr(start, 160) + "...";
  }
  box.addEventListener("input", function () {
    var words = box.value.toLowerCase().split(/\s+/).filter(function (w) { return w.length > 1; });
    list.innerHTML = "";
    if (!words.length) return;
    var hits = window.BSCKIT_INDEX.filter(function (s) {
      var hay = (s.title + " " + s.text).toLowerCase();
      return words.every(function (w) { return hay.indexOf(w) >= 0; });
    }).slice(0, 20);
    if (!hits.length) { list.innerHTML = "<li>No section mentions all of these words.</li>"; return; }
    hits.forEach(function (s) {
      var li = document.createElement("li"), a = document.createElement("a"), p = document.createElement("p");
      a.href = root + s.url; a.textContent = s.page + " - " + s.title;
      p.textContent = snippet(s.text, words[0]);
      li.appendChild(a); li.appendChild(p); list.appendChild(li);
    });
  });
})();
"""

_CSS = """
body { font-family: "Helvetica Neue", Helvetica, Arial, sans-serif; margin: 0; color: #222;
       line-height: 1.5; }
header { background: #0b3d63; color: #fff; padding: 8px 16px; display: flex; gap: 16px;
         align-items: center; flex-wrap: wrap; }
header a { color: #fff; font-weight: bold; text-decoration: none; }
header input { padding: 4px 8px; min-width: 18em; font-size: 1em; }
#results { position: absolute; background: #fff; color: #222; list-style: none; margin: 0;
           padding: 0 8px; max-width: 40em; box-shadow: 0 2px 8px rgba(0,0,0,.3); top: 44px; z-index: 5; }
#results li { padding: 4px 0; border-bottom: 1px solid #eee; } #results a { color: #0b3d63; }
#results p { margin: 0; font-size: .85em; color: #555; }
.layout { display: flex; } nav.toc { width: 17em; padding: 12px; border-right: 1px solid #ddd;
         font-size: .9em; flex-shrink: 0; } nav.toc ul { padding-left: 1em; }
main { padding: 12px 24px; max-width: 60em; overflow-x: auto; }
main img.chart { max-width: 100%; height: auto; }
table { border-collapse: collapse; } th, td { border: 1px solid #ccc; padding: 2px 6px; }
div.jp-InputArea, div.input_area, .jp-CodeCell .jp-InputArea { background: #f6f8fa; }
pre { background: #f6f8fa; padding: 8px; overflow-x: auto; }
.jp-OutputArea pre { background: none; }
.anchor-link { display: none; }
.in-kit { border-bottom: 1px dotted #888; }
math[display="block"] { display: block; margin: .6em 0; } .math-error { color: #9a3b00; }
@media print { header, nav.toc { display: none; } main { max-width: none; } }
"""


_PRINT_CSS = """
main { max-width: 60em; margin: 0 auto; }
h1, h2, h3 { page-break-after: avoid; } table, pre, img { page-break-inside: avoid; }
.page-break { page-break-before: always; }
@page { size: A4; margin: 14mm; }
"""


def _shell(page_title: str, body: str, page: str, nav: str) -> str:
    root = relative_link(page, "index.html")[: -len("index.html")]
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(page_title)} - bsckit course</title>"
        f'<link rel="stylesheet" href="{root}assets/style.css">'
        f'<link rel="stylesheet" href="{root}assets/pygments.css"></head>'
        f'<body data-root="{root}"><header><a href="{root}index.html">bsckit course</a>'
        '<label>Search <input id="search" type="search" placeholder="e.g. control chart" '
        'autocomplete="off"></label><ul id="results"></ul></header>'
        f'<div class="layout"><nav class="toc">{nav}</nav><main>{body}</main></div>'
        f'<script src="{root}assets/search-index.js"></script>'
        f'<script src="{root}assets/search.js"></script></body></html>\n'
    )


def _nav(pages: list[SitePage], current: str) -> str:
    items = []
    for p in pages:
        link = relative_link(current, p.target)
        label = html.escape(p.title)
        if p.target == current:
            subs = "".join(
                f'<li><a href="#{html.escape(a)}">{html.escape(t)}</a></li>'
                for a, t in p.sections[1:]
            )
            items.append(f"<li><strong>{label}</strong><ul>{subs}</ul></li>")
        else:
            items.append(f'<li><a href="{link}">{label}</a></li>')
    return f"<h2>Contents</h2><ul>{''.join(items)}</ul>"


def _refuse_if_taken(out: Path, force: bool) -> None:
    if out.exists() and any(out.iterdir()) and not force:
        msg = (
            f"Not written: {out} already holds files, which may include someone's edits."
            " Choose an empty or new folder, or pass --force to write over it."
        )
        raise FileExistsError(msg)


def build_site(
    root: str | os.PathLike[str] = ".",
    out: str | os.PathLike[str] = "build/site",
    *,
    force: bool = False,
    progress: TextIO | None = sys.stderr,
) -> SiteReport:
    """Write the offline course site for the kit at ``root`` into ``out`` (see module docs).

    Raises
    ------
    FileExistsError
        When ``out`` already holds files and ``force`` is False.
    ValueError
        When ``root`` has no lesson notebooks.
    """
    import nbformat
    from pygments.formatters import HtmlFormatter

    from bsckit._atomic import atomic_write_text

    started = time.perf_counter()
    root, out = Path(root), Path(out)
    pages = collect_pages(root)
    if not any(p.kind in ("start", "lesson") for p in pages):
        msg = f"No lesson notebooks (notebooks/NN_name.ipynb) under {root}: run it in the kit's folder or pass --root."
        raise ValueError(msg)
    _refuse_if_taken(out, force)
    say = (lambda t: print(t, file=progress, flush=True)) if progress else (lambda _t: None)
    charts_dir = out / "charts"
    charts_dir.mkdir(parents=True, exist_ok=True)
    known = {p.source.as_posix(): p.target for p in pages}
    report = SiteReport(out_dir=out)
    bodies: dict[str, str] = {}
    index: list[dict[str, str]] = []
    for n, page in enumerate(pages, 1):
        say(f"[{n}/{len(pages)}] {page.source.as_posix()} -> {page.target}")
        if page.source.suffix == ".md":
            body = _markdown_body(root / page.source)
        else:
            nb = nbformat.read(root / page.source, as_version=4)
            prefix = page.source.with_suffix("").as_posix().replace("/", "-")

            def to_file(svg: str, number: int, page: SitePage = page, prefix: str = prefix) -> str:
                (charts_dir / f"{prefix}-{number}.svg").write_text(svg, encoding="utf-8")
                return relative_link(page.target, f"charts/{prefix}-{number}.svg")

            report.charts += prepare_notebook(nb, to_file)
            if page.kind == "toolkit":
                _show_worksheet(nb)
            body = notebook_body(nb)
        body = _rewrite_links(body, page, known)
        sections = _sections(body)
        page.sections = [(a, t) for a, t, _x in sections]
        for anchor, title, text in sections:
            index.append(
                {
                    "page": page.title,
                    "title": title,
                    "url": f"{page.target}#{anchor}",
                    "text": text[:SECTION_TEXT_LIMIT],
                }
            )
        bodies[page.target] = body
    for page in pages:
        atomic_write_text(
            out / page.target,
            _shell(page.title, bodies[page.target], page.target, _nav(pages, page.target)),
        )
    contents = ["<h1>The Balanced Scorecard course with Homeats</h1>",
                "<p>Every page of the course, offline. Search with the box at the top.</p>"]  # fmt: skip
    for page in pages:
        subs = "".join(
            f'<li><a href="{page.target}#{html.escape(a)}">{html.escape(t)}</a></li>'
            for a, t in page.sections[1:]
        )
        contents.append(
            f'<h2><a href="{page.target}">{html.escape(page.title)}</a></h2><ul>{subs}</ul>'
        )
    home = SitePage(Path("index.html"), "index.html", "Contents", "index")
    atomic_write_text(
        out / "index.html", _shell("Contents", "".join(contents), "index.html", _nav(pages, ""))
    )
    assets = out / "assets"
    atomic_write_text(assets / "style.css", _CSS)
    atomic_write_text(
        assets / "pygments.css", HtmlFormatter(style="default").get_style_defs(".highlight")
    )
    atomic_write_text(assets / "search.js", _SEARCH_JS)
    payload = json.dumps(index, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
    atomic_write_text(assets / "search-index.js", f"window.BSCKIT_INDEX = {payload};\n")
    atomic_write_text(out / SITE_MARKER, "Written by bsckit site.\n")
    report.pages = [home, *pages]
    report.seconds = time.perf_counter() - started
    return report


# -- command line -------------------------------------------------------------------------------
def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Attach the site options to ``parser``."""
    parser.add_argument("--out", default="build/site", help="output folder (default build/site)")
    parser.add_argument("--root", default=".", help="the kit's folder (default: here)")
    parser.add_argument("--force", action="store_true", help="write over a folder that holds files")


def run(args: argparse.Namespace) -> int:
    """Build the site; return 0, or 2 on bad input (nothing written)."""
    try:
        report = build_site(args.root, args.out, force=args.force)
    except (FileExistsError, ValueError) as error:
        print(f"bsckit site: {error}")
        return 2
    size = report.size_bytes() / 1e6
    print(
        f"Wrote {len(report.pages)} pages and {report.charts} charts to {report.out_dir}"
        f" ({size:.1f} MB, {report.seconds:.1f} s). Open {report.out_dir / 'index.html'} in a browser."
    )
    return 0
