"""Financial KPIs: working capital, profitability, returns, and real/currency adjustments.

Margins and returns are fractions (0.262, not 26.2%). Amounts may be in any currency, as long
as one call uses one currency. Every convention on which textbooks differ (365 or 360 days,
how an exchange rate is quoted, which invested capital) is a named parameter.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from bsckit._validation import check_choice, check_number
from bsckit.kpi._common import broadcast, check_not_above, finish, ratio, share, template_of, values

__all__ = [
    "average_balance",
    "cogs",
    "collection_effectiveness_index",
    "convert_currency",
    "dso",
    "dso_from_turnover",
    "gross_margin",
    "gross_profit",
    "index_change",
    "inflation_adjusted_target",
    "inflation_rate",
    "invested_capital",
    "net_margin",
    "nopat",
    "operating_margin",
    "real_terms",
    "receivables_turnover",
    "roic",
]

_DAYS_HINT = "Use 365 (calendar year) or 360 (banker's year), or the days in the period."


def _amount(name: str, value: Any, *, low: float | None = 0.0, **kw: Any) -> np.ndarray:
    return values(name, value, low=low, **kw)


def average_balance(begin: Any, end: Any) -> Any:
    """Average of an opening and a closing balance: ``(begin + end) / 2``.

    Examples
    --------
    >>> average_balance(310_000, 360_000)
    335000.0
    """
    b = _amount("begin", begin)
    e = _amount("end", end)
    b, e = broadcast(begin=b, end=e)
    return finish(template_of(begin=begin, end=end), (b + e) / 2.0)


def receivables_turnover(net_credit_sales: Any, average_receivables: Any) -> Any:
    """Receivables turnover: net credit sales / average accounts receivable (times a period).

    Examples
    --------
    >>> round(receivables_turnover(6_205_000, 335_000), 2)
    18.52
    """
    return ratio(
        net_credit_sales,
        average_receivables,
        num_name="net_credit_sales",
        den_name="average_receivables",
        hint="Use average_balance(begin, end) for the average receivables.",
    )


def dso(receivables: Any, credit_sales: Any, days: float = 365) -> Any:
    """Days sales outstanding: ``receivables / credit_sales x days``.

    Parameters
    ----------
    receivables : float or Series
        Accounts receivable: the closing balance, or the average balance (which equals
        ``days / receivables_turnover``). Say which one you report.
    credit_sales : float or Series
        Credit sales over the period (> 0).
    days : float, default 365
        Day-count basis: days in the period the sales cover. 365 for a calendar year, 360 on
        a banker's basis, 90 or 91 for a quarter, 30 or the month's length for a month.

    Examples
    --------
    >>> dso(50_000, 200_000)
    91.25
    """
    n = check_number("days", days, low=0.0, low_open=True, hint=_DAYS_HINT)
    share = ratio(receivables, credit_sales, num_name="receivables", den_name="credit_sales")
    return share * n


def dso_from_turnover(turnover: Any, days: float = 365) -> Any:
    """Days to collect from receivables turnover: ``days / turnover``.

    Examples
    --------
    >>> dso_from_turnover(10, days=360)
    36.0
    """
    n = check_number("days", days, low=0.0, low_open=True, hint=_DAYS_HINT)
    t = values("turnover", turnover, low=0.0, low_open=True)
    return finish(turnover, n / t)


def collection_effectiveness_index(
    beginning_receivables: Any,
    credit_sales: Any,
    ending_total_receivables: Any,
    ending_current_receivables: Any,
    periods: int = 1,
    *,
    as_percent: bool = False,
) -> Any:
    """Collection effectiveness index (CEI): what was collected / what could be collected.

    ``CEI = (B + S - T) / (B + S - C)`` with B beginning receivables, S credit sales for the
    period, T ending total receivables and C ending current (not yet due) receivables.

    Parameters
    ----------
    beginning_receivables, credit_sales, ending_total_receivables, ending_current_receivables
        Amounts (float or Series); ``ending_current_receivables <= ending_total_receivables``.
    periods : int, default 1
        Sources differ on S for a multi-month window: AccountingTools and CreditGuru divide the
        window's credit sales by the number of months ("monthly credit sales"); others use the
        whole window's sales. ``periods=1`` uses the sales as given; ``periods=3`` turns a
        quarter's sales into an average month.

    Returns
    -------
    float or Series
        A fraction; close to 1 means effective collection.

    ``as_percent=True`` returns a percentage (x 100) instead of a fraction.

    Examples
    --------
    >>> round(collection_effectiveness_index(400_000, 1_200_000, 350_000, 280_000), 4)
    0.947
    """
    k = check_number("periods", periods, low=1.0, hint="Number of months the sales cover.")
    b = _amount("beginning_receivables", beginning_receivables)
    s = _amount("credit_sales", credit_sales)
    t = _amount("ending_total_receivables", ending_total_receivables)
    c = _amount("ending_current_receivables", ending_current_receivables)
    b, s, t, c = broadcast(
        beginning_receivables=b,
        credit_sales=s,
        ending_total_receivables=t,
        ending_current_receivables=c,
    )
    check_not_above("ending_current_receivables", c, "ending_total_receivables", t)
    available = b + s / k - c
    collected = b + s / k - t
    if np.any(available <= 0):
        msg = (
            "`ending_current_receivables` leaves nothing collectible (B + S - C <= 0);"
            " the CEI is undefined. Check the inputs' period and units."
        )
        raise ValueError(msg)
    if np.any(collected < 0):
        msg = (
            "`ending_total_receivables` exceeds beginning receivables plus credit sales:"
            " receivables cannot grow by more than the sales. Check `periods` and the inputs."
        )
        raise ValueError(msg)
    template = template_of(
        beginning_receivables=beginning_receivables,
        credit_sales=credit_sales,
        ending_total_receivables=ending_total_receivables,
        ending_current_receivables=ending_current_receivables,
    )
    return share(finish(template, collected / available), as_percent)


def cogs(beginning_inventory: Any, purchases: Any, ending_inventory: Any) -> Any:
    """Cost of goods sold (periodic method): beginning inventory + purchases - ending inventory.

    Examples
    --------
    >>> cogs(20_000, 65_000, 22_000)
    63000.0
    """
    b = _amount("beginning_inventory", beginning_inventory)
    p = _amount("purchases", purchases)
    e = _amount("ending_inventory", ending_inventory)
    b, p, e = broadcast(beginning_inventory=b, purchases=p, ending_inventory=e)
    check_not_above(
        "ending_inventory",
        e,
        "beginning_inventory + purchases",
        b + p,
        hint="Stock cannot end above what was held plus what was bought.",
    )
    template = template_of(
        beginning_inventory=beginning_inventory,
        purchases=purchases,
        ending_inventory=ending_inventory,
    )
    return finish(template, b + p - e)


def gross_profit(revenue: Any, cost_of_goods_sold: Any) -> Any:
    """Gross profit: revenue - cost of goods sold (may be negative).

    Examples
    --------
    >>> gross_profit(80_000, 44_000)
    36000.0
    """
    r = _amount("revenue", revenue)
    c = _amount("cost_of_goods_sold", cost_of_goods_sold)
    r, c = broadcast(revenue=r, cost_of_goods_sold=c)
    return finish(template_of(revenue=revenue, cost_of_goods_sold=cost_of_goods_sold), r - c)


def gross_margin(revenue: Any, cost_of_goods_sold: Any, *, as_percent: bool = False) -> Any:
    """Gross margin: (revenue - COGS) / revenue, a fraction of revenue (not a markup on cost).

    ``as_percent=True`` returns a percentage (x 100) instead of a fraction.

    Examples
    --------
    >>> gross_margin(80_000, 44_000)
    0.45
    """
    profit = gross_profit(revenue, cost_of_goods_sold)
    return ratio(
        profit,
        revenue,
        num_name="gross_profit",
        den_name="revenue",
        num_low=None,
        as_percent=as_percent,
    )


def operating_margin(operating_income: Any, revenue: Any, *, as_percent: bool = False) -> Any:
    """Operating margin: operating income (EBIT) / revenue (may be negative).

    ``as_percent=True`` returns a percentage (x 100) instead of a fraction.

    Examples
    --------
    >>> round(operating_margin(3_203_000, 12_214_000), 3)
    0.262
    """
    return ratio(
        operating_income,
        revenue,
        num_name="operating_income",
        den_name="revenue",
        num_low=None,
        as_percent=as_percent,
    )


def net_margin(net_income: Any, revenue: Any, *, as_percent: bool = False) -> Any:
    """Net (profit) margin: net income / revenue (may be negative).

    ``as_percent=True`` returns a percentage (x 100) instead of a fraction.

    Examples
    --------
    >>> net_margin(12_000, 150_000)
    0.08
    """
    return ratio(
        net_income,
        revenue,
        num_name="net_income",
        den_name="revenue",
        num_low=None,
        as_percent=as_percent,
    )


def nopat(operating_income: Any, tax_rate: Any) -> Any:
    """Net operating profit after tax: operating income (EBIT) x (1 - tax rate).

    Parameters
    ----------
    operating_income : float or Series
        EBIT; may be negative.
    tax_rate : float or Series
        Tax rate as a fraction (0.25 for 25%).

    Examples
    --------
    >>> nopat(100, 0.15)
    85.0
    """
    ebit = _amount("operating_income", operating_income, low=None)
    t = values("tax_rate", tax_rate, low=0, high=1, hint="Pass a fraction, e.g. 0.25 for 25%.")
    ebit, t = broadcast(operating_income=ebit, tax_rate=t)
    return finish(template_of(operating_income=operating_income, tax_rate=tax_rate), ebit * (1 - t))


def invested_capital(total_debt: Any, total_equity: Any, non_operating_cash: Any = 0.0) -> Any:
    """Invested capital, financing approach: debt + equity - non-operating cash.

    This is the definition :func:`roic` documents (equivalently, operating approach: net
    working capital + net fixed assets). Morningstar-style ROIC leaves cash in (pass 0).

    Examples
    --------
    >>> invested_capital(1_000_000, 1_800_000, 300_000)
    2500000.0
    """
    d = _amount("total_debt", total_debt)
    e = _amount("total_equity", total_equity, low=None)
    c = _amount("non_operating_cash", non_operating_cash)
    d, e, c = broadcast(total_debt=d, total_equity=e, non_operating_cash=c)
    template = template_of(
        total_debt=total_debt, total_equity=total_equity, non_operating_cash=non_operating_cash
    )
    return finish(template, d + e - c)


def roic(nopat: Any, invested_capital: Any, *, as_percent: bool = False) -> Any:
    """Return on invested capital: NOPAT / invested capital.

    Invested capital here is debt + equity - non-operating cash (see
    :func:`invested_capital`); pass the average of the opening and closing figures
    (:func:`average_balance`) when NOPAT covers a whole year. Sources differ on both points
    (opening vs average capital, cash in or out): state which you use.

    ``as_percent=True`` returns a percentage (x 100) instead of a fraction.

    Examples
    --------
    >>> roic(500_000, 2_500_000)
    0.2
    """
    return ratio(
        nopat,
        invested_capital,
        num_name="nopat",
        den_name="invested_capital",
        num_low=None,
        hint="ROIC is not meaningful with zero or negative invested capital.",
        as_percent=as_percent,
    )


def real_terms(nominal: Any, price_index: Any, base: float = 100) -> Any:
    """Deflate a nominal amount: ``nominal / (price_index / base)`` (in base-year prices).

    Parameters
    ----------
    nominal : float or Series
        Amount in the prices of its own year.
    price_index : float or Series
        Price index (CPI, deflator) for that year, > 0.
    base : float, default 100
        Index value of the base year (100 for published indices; 1 if the index is a ratio).

    Examples
    --------
    >>> round(real_terms(543.3, 19.0), 1)
    2859.5
    """
    b = check_number("base", base, low=0.0, low_open=True, hint="Published indices use 100.")
    n = _amount("nominal", nominal, low=None)
    i = values("price_index", price_index, low=0, low_open=True)
    n, i = broadcast(nominal=n, price_index=i)
    return finish(template_of(nominal=nominal, price_index=price_index), n / (i / b))


def convert_currency(amount: Any, rate: Any, quote: str = "per_unit_of_source") -> Any:
    """Convert an amount from a source currency to a target currency.

    Parameters
    ----------
    amount : float or Series
        Amount in the source currency.
    rate : float or Series
        Exchange rate, > 0, quoted as ``quote`` says.
    quote : {"per_unit_of_source", "per_unit_of_target"}, default "per_unit_of_source"
        ``"per_unit_of_source"``: ``rate`` is target currency per 1 unit of source (the ECB's
        "1 EUR = 1.08 USD" when converting EUR to USD): ``amount * rate``.
        ``"per_unit_of_target"``: ``rate`` is source currency per 1 unit of target (the same
        1.08 when converting USD to EUR): ``amount / rate``.

    Examples
    --------
    >>> round(convert_currency(100, 1.08), 2)  # 100 EUR -> USD at 1.08 USD per EUR
    108.0
    >>> round(convert_currency(108, 1.08, quote="per_unit_of_target"), 2)  # USD -> EUR
    100.0
    """
    check_choice("quote", quote, ["per_unit_of_source", "per_unit_of_target"])
    a = _amount("amount", amount, low=None)
    r = values("rate", rate, low=0, low_open=True, hint="Exchange rates are positive.")
    a, r = broadcast(amount=a, rate=r)
    result = a * r if quote == "per_unit_of_source" else a / r
    return finish(template_of(amount=amount, rate=rate), result)


def inflation_adjusted_target(target: Any, inflation_rate: Any, periods: float = 1) -> Any:
    """Restate a money target in later prices: ``target x (1 + inflation_rate) ** periods``.

    Keeps the target's real value constant (a cost-per-meal target set in last year's prices
    rises with inflation).

    Parameters
    ----------
    target : float or Series
        Target amount in base-period prices.
    inflation_rate : float or Series
        Inflation per period as a fraction (0.03 for 3%); above -1 (deflation allowed).
    periods : float, default 1
        Number of periods (years) from the base to the target period.

    Examples
    --------
    >>> round(inflation_adjusted_target(100, 0.03, periods=10), 2)
    134.39
    """
    p = check_number("periods", periods, low=0.0)
    t = _amount("target", target, low=None)
    i = values(
        "inflation_rate",
        inflation_rate,
        low=-1.0,
        low_open=True,
        hint="Pass a fraction, e.g. 0.03 for 3%.",
    )
    t, i = broadcast(target=t, inflation_rate=i)
    return finish(template_of(target=target, inflation_rate=inflation_rate), t * (1 + i) ** p)


def inflation_rate(
    price_index_start: Any, price_index_end: Any, *, as_percent: bool = False
) -> Any:
    """Inflation between two readings of a price index: ``end / start - 1`` (a fraction).

    ``as_percent=True`` returns a percentage (x 100) instead of a fraction.

    Examples
    --------
    >>> round(inflation_rate(100, 103.2), 4)
    0.032
    """
    a = values("price_index_start", price_index_start, low=0, low_open=True)
    b = values("price_index_end", price_index_end, low=0, low_open=True)
    a, b = broadcast(price_index_start=a, price_index_end=b)
    template = template_of(price_index_start=price_index_start, price_index_end=price_index_end)
    return share(finish(template, b / a - 1.0), as_percent)


_INDEX_CHANGE_UNITS = ("points", "percent", "fraction")


def index_change(previous: Any, current: Any, unit: str = "points") -> Any:
    """Change of an index (CPI, a price or satisfaction index) from one period to the next.

    Parameters
    ----------
    previous, current : float or Series
        Index values of the earlier and the later period (> 0).
    unit : {"points", "percent", "fraction"}, default "points"
        ``"points"``: ``current - previous``, index points (depends on the index's base
        year). ``"percent"``: ``(current - previous) / previous x 100``, the figure usually
        reported. ``"fraction"``: the same as a fraction (what :func:`inflation_rate` gives).

    Examples
    --------
    BLS method, Anchorage CPI 2011 to 2012 (Alaska Department of Labor):

    >>> round(index_change(201.427, 205.916), 3)
    4.489
    >>> round(index_change(201.427, 205.916, unit="percent"), 5)
    2.2286
    """
    chosen = check_choice("unit", unit, _INDEX_CHANGE_UNITS)
    a = values("previous", previous, low=0, low_open=True)
    b = values("current", current, low=0, low_open=True)
    a, b = broadcast(previous=a, current=b)
    points = b - a
    result = {"points": points, "percent": points / a * 100.0, "fraction": points / a}[chosen]
    return finish(template_of(previous=previous, current=current), result)
