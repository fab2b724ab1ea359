"""The one validation path: text refused by name, one ``today`` and one ``workers`` check."""

from __future__ import annotations

from datetime import date, datetime

import numpy as np
import pandas as pd
import pytest

from bsckit._validation import as_values, check_flag, check_today, check_workers
from bsckit.kpi import csat, nps
from bsckit.spc import control_chart


def test_numeric_strings_inside_lists_are_refused_like_scalars():
    with pytest.raises(
        TypeError, match=r"`scores` must hold numbers, not text; position 0 holds '9'"
    ):
        nps(["9", "10"])
    with pytest.raises(TypeError, match="`scores`"):
        nps("9")  # the scalar was already refused
    with pytest.raises(TypeError, match="position 2 holds '4'"):
        csat([5, 4, "4"])
    with pytest.raises(TypeError, match=r"position \(1, 0\) holds '3'"):
        as_values("data", [[1, 2], ["3", 4]])
    with pytest.raises(TypeError, match="position 1"):
        as_values("data", np.array([1, "2"], dtype=object))
    with pytest.raises(TypeError, match="position 0"):
        as_values("data", pd.Series(["1.5", "2"]))


def test_text_where_an_array_is_expected_says_so():
    with pytest.raises(TypeError, match=r"`sizes` must be numbers .* got the text '50'"):
        control_chart([12, 15, 8], "p", sizes="50")
    with pytest.raises(TypeError, match="got the text"):
        as_values("values", "1, 2, 3")


def test_numbers_still_pass():
    assert as_values("v", [1, 2.5, np.int64(3)]).tolist() == [1.0, 2.5, 3.0]
    assert as_values("v", pd.Series([1, 2])).tolist() == [1.0, 2.0]
    assert nps([9, 10, 3]) == pytest.approx(100 / 3)


def test_check_today():
    assert check_today(date(2026, 11, 1)) == date(2026, 11, 1)
    assert check_today(datetime(2026, 11, 1, 23, 59)) == date(2026, 11, 1)
    assert isinstance(check_today(None), date)
    with pytest.raises(
        TypeError, match=r"`today` must be a datetime.date or None, got '2026-11-01'"
    ):
        check_today("2026-11-01")


def test_source_date_epoch_stands_for_today(monkeypatch):
    """The reproducible-builds convention: seconds since 1970-01-01 UTC; 1767225600 is
    2026-01-01 00:00 UTC (56 years of 365 days plus 14 leap days = 20,454 days x 86,400 s)."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert check_today(None) == date.today()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(20_454 * 86_400))
    assert check_today(None) == date(2026, 1, 1)
    assert check_today(date(2030, 5, 1)) == date(2030, 5, 1)  # an explicit date still wins
    from bsckit.widgets.builder import SmartObjectiveBuilder

    assert SmartObjectiveBuilder().today == date(2026, 1, 1)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(ValueError, match=r"SOURCE_DATE_EPOCH must be whole seconds.*'yesterday'"):
        check_today(None)


def test_the_build_executes_as_on_the_day_after_the_data_ends():
    """Default data: 24 months from 2024-01, so the build's today is 2026-01-01."""
    from bsckit.course.build import reference_epoch

    assert reference_epoch() == 20_454 * 86_400


def test_every_today_argument_goes_through_the_one_check():
    from bsckit.smart import check_smart, parse_objective

    for call in (
        lambda: parse_objective("Raise OEE", today="2026-11-01"),
        lambda: check_smart("Raise OEE", today="2026-11-01"),
    ):
        with pytest.raises(TypeError, match=r"Pass e.g. datetime.date\(2026, 11, 1\)"):
            call()


def test_check_workers():
    assert check_workers(2) == 2
    assert check_workers(3.0) == 3
    for bad, error in ((0, ValueError), (1.5, ValueError), ("2", TypeError), (True, TypeError)):
        with pytest.raises(error, match="`workers`"):
            check_workers(bad)


def test_build_uses_the_one_workers_check():
    from bsckit.course.build import start_workers

    with pytest.raises(ValueError, match="Pass 1 to run one notebook at a time"):
        start_workers(0)


def test_check_flag():
    assert check_flag("as_percent", True) is True
    assert check_flag("as_percent", np.bool_(False)) is False
    with pytest.raises(TypeError, match="`as_percent` must be True or False, got 1"):
        check_flag("as_percent", 1)
