"""Charts: the offline renderer, the theme and the chart helpers, checked through to_dict()."""

from __future__ import annotations

import altair as alt
import pandas as pd
import pytest

from bsckit import charts


def test_setup_selects_the_offline_mimetype_renderer_and_theme():
    assert charts.setup() == "mimetype"
    assert alt.renderers.active == "mimetype"
    assert alt.theme.active == charts.THEME_NAME


def test_mimetype_output_is_vegalite_v5_that_jupyterlab_draws_offline():
    charts.setup()
    chart = alt.Chart(pd.DataFrame({"x": [1, 2], "y": [3, 4]})).mark_line().encode(x="x", y="y")
    bundle = chart._repr_mimebundle_()
    data = bundle[0] if isinstance(bundle, tuple) else bundle
    keys = [k for k in data if k.startswith("application/vnd.vegalite")]
    assert keys == ["application/vnd.vegalite.v5+json"]
    # nothing in the stored output points at a CDN
    assert "cdn" not in str(data[keys[0]]).lower()
    assert "text/html" not in data


def test_environment_variable_chooses_renderer(monkeypatch):
    monkeypatch.setenv(charts.RENDERER_ENV, "nonsense")
    with pytest.raises(ValueError, match="`renderer` must be one of"):
        charts.setup()
    monkeypatch.setenv(charts.RENDERER_ENV, "mimetype")
    assert charts.setup() == "mimetype"


def test_static_renderers_say_what_to_install_when_vl_convert_is_missing(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def fake_import(name, *args, **kwargs):
        if name == "vl_convert":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake_import)
    with pytest.raises(ImportError, match="pip install vl-convert-python"):
        charts.setup("svg")
    charts.setup()


def test_rag_colours_are_distinct_and_in_the_theme_scale():
    assert len(set(charts.RAG_COLORS.values())) == 3
    assert charts.rag_scale().to_dict()["domain"] == ["red", "amber", "green"]


def test_trend_chart_has_title_axis_titles_and_labelled_rules():
    df = pd.DataFrame({"month": ["2024-01", "2024-02", "2024-03"], "rate": [0.9, 0.92, 0.95]})
    spec = charts.trend_chart(
        df,
        x="month",
        y="rate",
        title="On-time",
        y_title="Share on time",
        target=0.97,
        baseline=0.9,
        percent=True,
    ).to_dict()
    assert spec["title"] == "On-time"
    line = spec["layer"][0]
    assert line["encoding"]["y"]["title"] == "Share on time"
    assert line["encoding"]["y"]["axis"]["format"] == "%"
    labels = [layer["layer"][1]["encoding"]["text"] for layer in spec["layer"][1:]]
    assert len(labels) == 2
    # only the two columns charted are embedded
    data_values = next(iter(spec["datasets"].values()))
    assert set(data_values[0]) == {"month", "rate"}


def test_trend_chart_without_rules_is_a_single_chart():
    df = pd.DataFrame({"m": ["a", "b"], "v": [1, 2]})
    spec = charts.trend_chart(df, x="m", y="v", title="T").to_dict()
    assert "layer" not in spec and spec["mark"]["type"] == "line"


def test_trend_chart_rejects_unknown_column_and_too_many_rows():
    df = pd.DataFrame({"m": ["a"], "v": [1]})
    with pytest.raises(ValueError, match="`y` names column 'value'"):
        charts.trend_chart(df, x="m", y="value", title="T")
    big = pd.DataFrame({"m": range(charts.MAX_ROWS + 1), "v": 0})
    with pytest.raises(ValueError, match="Aggregate first"):
        charts.trend_chart(big, x="m", y="v", title="T")
    with pytest.raises(TypeError, match="`data` must be a pandas DataFrame"):
        charts.check_rows([1, 2])
