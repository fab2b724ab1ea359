"""Charts that render with no internet, in one shared look.

Why this module exists
----------------------
Altair's default renderer loads vega, vega-lite and vega-embed from a CDN: in a workshop room
with bad or no internet every chart shows "Error loading script". Altair 6's ``mimetype``
output (vega-lite v6) is not rendered by JupyterLab 4.6 and is rejected by nbconvert. The
configuration that renders offline in JupyterLab, in executed notebooks opened untrusted, under
papermill and under nbval is **altair 5.5 with the ``mimetype`` renderer**: the notebook stores
the vega-lite JSON and JupyterLab's built-in renderer draws it. That choice is made here, once;
every notebook calls :func:`setup` and never touches ``alt.renderers`` itself.

For static exports (HTML or PDF handed out after a workshop) an author can ask for ``"svg"`` or
``"png"``, which need the optional ``vl-convert-python`` package.

The theme
---------
One theme, ``"bsckit"``, registered here: readable fonts, a light grid, and red/amber/green
colours taken from the Okabe-Ito palette so that learners with colour-vision deficiencies can
still tell the statuses apart (each status is also labelled in text, never by colour alone).

Examples
--------
>>> import pandas as pd
>>> history = pd.DataFrame({"month": pd.period_range("2024-01", periods=3, freq="M").astype(str),
...                         "on_time": [0.91, 0.93, 0.92]})
>>> chart = trend_chart(history, x="month", y="on_time", title="On-time delivery", target=0.95)
>>> spec = chart.to_dict()
>>> spec["title"]
'On-time delivery'
"""

from __future__ import annotations

import os
from typing import Any

import altair as alt
import pandas as pd

from bsckit._validation import check_choice

__all__ = [
    "FONT",
    "MAX_ROWS",
    "RAG_COLORS",
    "RENDERERS",
    "THEME_NAME",
    "active_renderer",
    "check_rows",
    "rag_scale",
    "setup",
    "theme_config",
    "trend_chart",
]

#: Red / amber / green status colours (Okabe-Ito vermillion, orange, bluish green).
RAG_COLORS: dict[str, str] = {"red": "#D55E00", "amber": "#E69F00", "green": "#009E73"}
#: Font stack used for titles and labels; all are common system fonts (nothing is downloaded).
FONT = "Helvetica Neue, Helvetica, Arial, sans-serif"
#: Name under which the theme is registered with altair.
THEME_NAME = "bsckit"
#: Renderers bsckit supports, and what each needs.
RENDERERS: dict[str, str] = {
    "mimetype": "vega-lite JSON drawn by JupyterLab itself; offline, works untrusted (default)",
    "svg": "static SVG made in the kernel; needs vl-convert-python and a trusted notebook",
    "png": "static PNG made in the kernel; needs vl-convert-python",
}
#: Largest number of rows a chart may embed. Aggregate in pandas first (altair's own limit is 5000).
MAX_ROWS = 5000
#: Environment variable an author may set to switch renderer for a static export build.
RENDERER_ENV = "BSCKIT_CHART_RENDERER"

_BLUE = "#0072B2"
_GREY = "#555555"


def theme_config() -> dict[str, Any]:
    """Return the bsckit theme as an altair/vega-lite ``config`` dictionary.

    Examples
    --------
    >>> theme_config()["config"]["range"]["category"][:3]
    ['#0072B2', '#E69F00', '#009E73']
    """
    return {
        "config": {
            "font": FONT,
            "view": {"continuousWidth": 480, "continuousHeight": 260, "stroke": None},
            "title": {
                "fontSize": 15,
                "anchor": "start",
                "color": "#222222",
                "subtitleColor": _GREY,
            },
            "axis": {
                "labelFontSize": 12,
                "titleFontSize": 12,
                "titleColor": _GREY,
                "gridColor": "#e6e6e6",
                "domainColor": "#999999",
            },
            "legend": {"labelFontSize": 12, "titleFontSize": 12},
            "range": {
                # Okabe-Ito palette: distinguishable with the common colour-vision deficiencies.
                "category": [
                    _BLUE,
                    "#E69F00",
                    "#009E73",
                    "#D55E00",
                    "#CC79A7",
                    "#56B4E9",
                    "#F0E442",
                    "#000000",
                ]
            },
            "line": {"color": _BLUE, "strokeWidth": 2},
            "point": {"color": _BLUE, "filled": True},
            "bar": {"color": _BLUE},
        }
    }


@alt.theme.register(THEME_NAME, enable=False)
def _bsckit_theme() -> alt.theme.ThemeConfig:
    return alt.theme.ThemeConfig(theme_config())


def setup(renderer: str | None = None) -> str:
    """Choose the offline renderer and enable the bsckit theme; call once per notebook.

    Parameters
    ----------
    renderer : {"mimetype", "svg", "png"}, optional
        Defaults to the ``BSCKIT_CHART_RENDERER`` environment variable if set, else
        ``"mimetype"`` (renders offline in JupyterLab, untrusted notebooks, papermill and nbval).

    Returns
    -------
    str
        The renderer now active.

    Raises
    ------
    ImportError
        For ``"svg"`` / ``"png"`` when vl-convert-python is not installed.

    Examples
    --------
    >>> setup()
    'mimetype'
    >>> setup("pdf")
    Traceback (most recent call last):
    ...
    ValueError: `renderer` must be one of 'mimetype', 'svg', 'png'; got 'pdf'.
    """
    chosen = renderer if renderer is not None else os.environ.get(RENDERER_ENV, "mimetype")
    check_choice("renderer", chosen, RENDERERS)
    if chosen in ("svg", "png"):
        try:
            import vl_convert  # noqa: F401
        except ImportError:
            msg = (
                f"The {chosen!r} renderer needs vl-convert-python, which is not installed. "
                "Install it with `pip install vl-convert-python`, or use renderer='mimetype'."
            )
            raise ImportError(msg) from None
    alt.renderers.enable(chosen)
    alt.theme.enable(THEME_NAME)
    return chosen


def active_renderer() -> str:
    """Return the name of the altair renderer currently enabled.

    Examples
    --------
    >>> _ = setup("mimetype")
    >>> active_renderer()
    'mimetype'
    """
    return alt.renderers.active


def check_rows(data: pd.DataFrame, *, max_rows: int = MAX_ROWS, name: str = "data") -> pd.DataFrame:
    """Refuse to chart more rows than a notebook should embed; say how to aggregate.

    Examples
    --------
    >>> check_rows(pd.DataFrame({"x": range(10)})).shape
    (10, 1)
    >>> check_rows(pd.DataFrame({"x": range(6000)}))
    Traceback (most recent call last):
    ...
    ValueError: `data` has 6000 rows; a chart may embed at most 5000. Aggregate first, e.g. df.groupby("month").agg(...), so the notebook stays small.
    """
    if not isinstance(data, pd.DataFrame):
        msg = f"`{name}` must be a pandas DataFrame, got {type(data).__name__}."
        raise TypeError(msg)
    if len(data) > max_rows:
        msg = (
            f"`{name}` has {len(data)} rows; a chart may embed at most {max_rows}. "
            'Aggregate first, e.g. df.groupby("month").agg(...), so the notebook stays small.'
        )
        raise ValueError(msg)
    return data


def rag_scale() -> alt.Scale:
    """Return a colour scale mapping the statuses ``red``/``amber``/``green`` to the RAG colours.

    Examples
    --------
    >>> rag_scale().to_dict()["range"]
    ['#D55E00', '#E69F00', '#009E73']
    """
    return alt.Scale(domain=list(RAG_COLORS), range=list(RAG_COLORS.values()))


def trend_chart(
    data: pd.DataFrame,
    *,
    x: str,
    y: str,
    title: str,
    y_title: str | None = None,
    x_title: str | None = None,
    target: float | None = None,
    baseline: float | None = None,
    percent: bool = False,
) -> alt.LayerChart | alt.Chart:
    """Line chart of a measure over time, with optional baseline and target rules.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per period (aggregate first; at most :data:`MAX_ROWS` rows).
    x, y : str
        Column names for the period and the measure.
    title : str
        Chart title (required: every chart in the kit is titled).
    y_title, x_title : str, optional
        Axis titles; default to the column names.
    target, baseline : float, optional
        Drawn as labelled horizontal rules (green dashed target, grey dotted baseline).
    percent : bool, default False
        Format the y axis as a percentage (for values stored as fractions).

    Returns
    -------
    altair.Chart or altair.LayerChart

    Examples
    --------
    >>> df = pd.DataFrame({"month": ["2024-01", "2024-02"], "cost": [4.1, 3.9]})
    >>> spec = trend_chart(df, x="month", y="cost", title="Cost per meal", target=3.7).to_dict()
    >>> len(spec["layer"])
    2
    >>> spec["layer"][1]["layer"][1]["mark"]["type"]
    'text'
    """
    check_rows(data)
    for param, column in (("x", x), ("y", y)):
        if column not in data.columns:
            msg = f"`{param}` names column {column!r}, which is not in the data; columns are {list(data.columns)}."
            raise ValueError(msg)
    axis = alt.Axis(format="%") if percent else alt.Axis()
    base = alt.Chart(data[[x, y]])
    line = base.mark_line(point=True).encode(
        x=alt.X(f"{x}:O", title=x_title or x),
        y=alt.Y(f"{y}:Q", title=y_title or y, axis=axis),
        tooltip=[alt.Tooltip(f"{x}:O"), alt.Tooltip(f"{y}:Q", format=".3~f")],
    )
    layers: list[alt.Chart] = [line]
    for value, label, colour, dash in (
        (target, "target", RAG_COLORS["green"], [6, 4]),
        (baseline, "baseline", _GREY, [2, 3]),
    ):
        if value is None:
            continue
        rule_data = pd.DataFrame({"value": [float(value)], "label": [label]})
        rule_base = alt.Chart(rule_data).encode(y="value:Q")
        rule = rule_base.mark_rule(color=colour, strokeDash=dash)
        text = rule_base.mark_text(align="left", dx=4, dy=-6, color=colour).encode(
            x=alt.value(0), text="label:N"
        )
        layers.append(rule + text)
    chart = line if len(layers) == 1 else alt.layer(*layers)
    return chart.properties(title=title)
