"""The measure vocabulary the SMART checker recognises in learners' objectives.

Each entry is a :class:`Measure`: an id, a display name, the synonyms a learner might write, the
unit, the Balanced Scorecard perspective it usually sits in (a
:class:`bsckit.scorecard.Perspective`, the same vocabulary as the scorecard model), whether it is a leading or a lagging
measure, and which direction is better. The vocabulary covers the Homeats measures used in the
course (module 3 deep-dive and the customer, financial and learning modules). It is plain data so
that the data generator's metric catalogue can be mapped onto it; :func:`measures_from_catalogue`
turns such a catalogue (a pandas DataFrame) into extra entries.

Leading or lagging is relative to the objective a measure serves; the ``kind`` recorded here is
the one the course material gives (e.g. the Homeats article lists first-pass resolution as
leading and time to market as lagging).

Examples
--------
>>> find_measure("Cut the cost per meal by 5%").id
'cost_per_unit'
>>> find_measure("Improve quality") is None
True
>>> MEASURES_BY_ID["dso"].better
'lower'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pandas as pd

from bsckit._validation import check_choice
from bsckit.scorecard.perspective import Perspective

__all__ = [
    "KINDS",
    "MEASURES",
    "MEASURES_BY_ID",
    "UNITS",
    "Measure",
    "find_measure",
    "match_measure",
    "measures_from_catalogue",
]

KINDS = ("leading", "lagging")

UNITS = ("%", "points", "GBP", "minutes", "hours", "days", "units", "ratio")


@dataclass(frozen=True)
class Measure:
    """One measure a SMART objective may name.

    Parameters
    ----------
    id : str
        Stable identifier, snake_case (matches the metric catalogue's ``metric_id`` where one
        exists).
    name : str
        Display name, used in feedback ("Name the measure, e.g. 'on-time delivery rate'").
    synonyms : tuple of str
        Other ways a learner writes it; matched case-insensitively, hyphens and spaces alike.
    unit : str
        One of ``%``, ``points`` (score points, e.g. NPS), ``GBP``, ``minutes``, ``hours``,
        ``days``, ``units`` (counts) or ``ratio``.
    perspective : Perspective or str
        Home perspective (stored as a :class:`~bsckit.scorecard.Perspective`): ``financial``,
        ``customer``, ``internal_processes`` or ``learning_growth``; the friendly spellings of
        :meth:`Perspective.parse <bsckit.scorecard.Perspective.parse>` are accepted too
        (``"Internal processes"``, and the short ``"internal"`` and ``"learning"``).
    kind : str
        ``leading`` or ``lagging``.
    better : str
        ``higher`` or ``lower``: which direction is an improvement.
    low, high : float or None
        Physical bounds of the measure (e.g. 0 and 100 for a share in %), ``None`` if unbounded.
    related : tuple of Perspective or str
        Other perspectives (spelled as for ``perspective``) where the measure legitimately appears (e.g. customer satisfaction with
        post-sale service is a lagging measure of the internal post-sale process).

    Examples
    --------
    >>> Measure("otd", "on-time delivery rate", ("otd",), "%", "customer", "leading", "higher")
    ... # doctest: +ELLIPSIS
    Measure(id='otd', name='on-time delivery rate', ...)
    >>> Measure("x", "x", (), "%", "internal", "leading", "higher").perspective
    <Perspective.INTERNAL_PROCESSES: 'internal_processes'>
    >>> Measure("x", "x", (), "%", "sales", "leading", "higher")
    Traceback (most recent call last):
    ...
    ValueError: `perspective` must be one of 'financial', 'customer', 'internal_processes', 'learning_growth' (or a friendly spelling such as 'Internal processes'); got 'sales'.
    """

    id: str
    name: str
    synonyms: tuple[str, ...]
    unit: str
    perspective: Perspective
    kind: str
    better: str
    low: float | None = None
    high: float | None = None
    related: tuple[Perspective, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.id, str) or not re.fullmatch(r"[a-z0-9_]+", self.id):
            msg = f"`id` must be snake_case text such as 'on_time_delivery', got {self.id!r}."
            raise ValueError(msg)
        if not isinstance(self.name, str) or not self.name.strip():
            msg = f"`name` must be non-empty text, got {self.name!r}."
            raise ValueError(msg)
        object.__setattr__(self, "synonyms", tuple(str(s) for s in self.synonyms))
        check_choice("unit", self.unit, UNITS)
        object.__setattr__(self, "perspective", Perspective.parse(self.perspective))
        check_choice("kind", self.kind, KINDS)
        check_choice("better", self.better, ("higher", "lower"))
        related = tuple(Perspective.parse(other, name="related") for other in self.related)
        object.__setattr__(self, "related", related)
        if self.low is not None and self.high is not None and self.low >= self.high:
            msg = f"`low` ({self.low}) must be below `high` ({self.high}) for measure {self.id!r}."
            raise ValueError(msg)

    @property
    def terms(self) -> tuple[str, ...]:
        """Name and synonyms: every phrase that identifies the measure."""
        return (self.name, *self.synonyms)

    def fits(self, perspective: Perspective | str) -> bool:
        """Whether the measure belongs in ``perspective`` (home or related).

        ``perspective`` is a :class:`~bsckit.scorecard.Perspective` or any spelling
        :meth:`Perspective.parse <bsckit.scorecard.Perspective.parse>` accepts.

        Examples
        --------
        >>> MEASURES_BY_ID["post_sale_satisfaction"].fits("internal_processes")
        True
        >>> MEASURES_BY_ID["dso"].fits(Perspective.LEARNING_GROWTH)
        False
        """
        perspective = Perspective.parse(perspective)
        return perspective == self.perspective or perspective in self.related


_PCT = {"unit": "%", "low": 0.0, "high": 100.0}

MEASURES: tuple[Measure, ...] = (
    # --- internal processes: innovation -------------------------------------------------------
    Measure(
        "new_product_revenue_share",
        "share of revenue from new products",
        (
            "percentage of revenue from new products",
            "percent of revenue from new products",
            "proportion of revenue from new products",
            "revenue share from new products",
            "revenue from new products",
            "new product revenue share",
            "new-product revenue",
            "share of sales from new products",
            "percentage of sales from new products",
            "sales from new products",
            "revenue from new dishes",
            "share of revenue from new dishes",
            "sales of new dishes",
            "new dish revenue share",
        ),
        perspective="internal_processes",
        kind="lagging",
        better="higher",
        related=("financial", "customer"),
        **_PCT,
    ),
    Measure(
        "time_to_market",
        "time to market for new products",
        (
            "time to market",
            "time-to-market",
            "time to launch new dishes",
            "time to launch a new dish",
            "launch time",
        ),
        "days",
        "internal_processes",
        "lagging",
        "lower",
        low=0.0,
        related=("learning_growth",),
    ),
    Measure(
        "development_time",
        "new product development time",
        ("development time", "dish development time", "product development time"),
        "days",
        "internal_processes",
        "leading",
        "lower",
        low=0.0,
    ),
    Measure(
        "market_research_studies",
        "market research studies conducted",
        ("market research studies", "research studies", "customer research studies"),
        "units",
        "internal_processes",
        "leading",
        "higher",
        low=0.0,
    ),
    Measure(
        "customer_feedback_frequency",
        "frequency of customer feedback collection",
        ("customer feedback collection", "feedback collection", "customer feedback sessions"),
        "units",
        "internal_processes",
        "leading",
        "higher",
        low=0.0,
        related=("customer",),
    ),
    Measure(
        "rd_budget_share",
        "share of budget allocated to R&D",
        (
            "percentage of budget allocated to r&d",
            "r&d budget share",
            "r&d share of budget",
            "r&d spend",
            "r&d budget",
            "r&d investment",
        ),
        perspective="internal_processes",
        kind="leading",
        better="higher",
        related=("financial", "learning_growth"),
        **_PCT,
    ),
    Measure(
        "prototypes",
        "prototypes developed",
        ("number of prototypes", "prototypes", "new dish prototypes", "recipe prototypes"),
        "units",
        "internal_processes",
        "leading",
        "higher",
        low=0.0,
    ),
    Measure(
        "new_product_adoption",
        "customer adoption rate of new products",
        ("adoption rate of new products", "adoption rate of new dishes", "new dish adoption"),
        perspective="customer",
        kind="lagging",
        better="higher",
        related=("internal_processes",),
        **_PCT,
    ),
    # --- internal processes: operations -------------------------------------------------------
    Measure(
        "production_cost",
        "production cost",
        (
            "production costs",
            "cost of production",
            "kitchen production cost",
            "kitchen costs",
            "manufacturing cost",
            "manufacturing costs",
        ),
        "GBP",
        "internal_processes",
        "lagging",
        "lower",
        low=0.0,
        related=("financial",),
    ),
    Measure(
        "cost_per_unit",
        "cost per unit",
        ("cost per unit produced", "cost per meal", "unit cost", "cost per portion"),
        "GBP",
        "internal_processes",
        "lagging",
        "lower",
        low=0.0,
        related=("financial",),
    ),
    Measure(
        "cycle_time",
        "production cycle time",
        ("cycle time", "kitchen cycle time", "order cycle time", "order-to-dispatch time"),
        "minutes",
        "internal_processes",
        "leading",
        "lower",
        low=0.0,
    ),
    Measure(
        "resource_utilisation",
        "resource utilisation rate",
        (
            "resource utilization rate",
            "resource utilisation",
            "resource utilization",
            "kitchen utilisation",
            "kitchen utilization",
            "capacity utilisation",
            "capacity utilization",
        ),
        perspective="internal_processes",
        kind="leading",
        better="higher",
        **_PCT,
    ),
    Measure(
        "process_improvements",
        "process improvements implemented",
        ("process improvements", "improvement initiatives", "cost-reduction initiatives"),
        "units",
        "internal_processes",
        "leading",
        "higher",
        low=0.0,
    ),
    Measure(
        "quality_checks",
        "quality checks per production cycle",
        ("quality checks", "quality inspections", "food safety checks"),
        "units",
        "internal_processes",
        "leading",
        "higher",
        low=0.0,
    ),
    Measure(
        "supplier_on_time",
        "supplier on-time delivery rate",
        ("supplier performance", "supplier on-time delivery", "supplier delivery performance"),
        perspective="internal_processes",
        kind="leading",
        better="higher",
        **_PCT,
    ),
    Measure(
        "inventory_turnover",
        "inventory turnover",
        ("inventory turnover rate", "stock turnover", "inventory turns", "stock turns"),
        "ratio",
        "internal_processes",
        "leading",
        "higher",
        low=0.0,
    ),
    Measure(
        "oee",
        "overall equipment effectiveness (OEE)",
        ("overall equipment effectiveness", "oee", "equipment effectiveness"),
        perspective="internal_processes",
        kind="lagging",
        better="higher",
        **_PCT,
    ),
    Measure(
        "order_fulfilment_rate",
        "order fulfilment rate",
        ("order fulfillment rate", "order fulfilment", "order fulfillment", "fulfilment rate"),
        perspective="internal_processes",
        kind="lagging",
        better="higher",
        related=("customer",),
        **_PCT,
    ),
    Measure(
        "defect_rate",
        "defect rate",
        (
            "defect rates",
            "defective meals",
            "meal defect rate",
            "rate of defects",
            "defects per order",
            "defects",
            "error rate",
        ),
        perspective="internal_processes",
        kind="lagging",
        better="lower",
        related=("customer",),
        **_PCT,
    ),
    Measure(
        "quality_complaints",
        "quality complaints",
        (
            "customer complaints",
            "complaints related to quality",
            "complaint rate",
            "complaints",
        ),
        "units",
        "customer",
        "lagging",
        "lower",
        low=0.0,
        related=("internal_processes",),
    ),
    Measure(
        "return_rate",
        "return rate",
        (
            "returns rate",
            "product return rate",
            "product returns rate",
            "rate of returns",
            "refund rate",
            "returns",
            "refunds",
        ),
        perspective="internal_processes",
        kind="lagging",
        better="lower",
        related=("customer",),
        **_PCT,
    ),
    Measure(
        "cogs",
        "cost of goods sold (COGS)",
        ("cost of goods sold", "cogs", "food cost", "food costs", "ingredient costs"),
        "GBP",
        "financial",
        "lagging",
        "lower",
        low=0.0,
        related=("internal_processes",),
    ),
    Measure(
        "total_savings",
        "total cost savings achieved",
        ("total cost savings", "cost savings", "savings"),
        "GBP",
        "financial",
        "lagging",
        "higher",
        low=0.0,
        related=("internal_processes",),
    ),
    # --- internal processes: post-sale service -----------------------------------------------
    Measure(
        "post_sale_satisfaction",
        "satisfaction with post-sale service",
        (
            "customer satisfaction with post-sale services",
            "customer satisfaction with post-sale service",
            "customer satisfaction with postsale services",
            "customer satisfaction with postsale service",
            "satisfaction with post-sale services",
            "satisfaction with postsale services",
            "satisfaction with postsale service",
            "satisfaction with after-sales service",
            "post-sale satisfaction",
            "postsale satisfaction",
            "after-sales satisfaction",
            "post-sale service satisfaction",
            "satisfaction with repairs and returns",
            "satisfaction with the return process",
        ),
        perspective="customer",
        kind="lagging",
        better="higher",
        related=("internal_processes",),
        **_PCT,
    ),
    Measure(
        "response_time",
        "response time to service requests",
        (
            "time to respond to service requests",
            "service request response time",
            "complaint response time",
            "first response time",
            "response time",
            "response times",
            "time to respond",
        ),
        "hours",
        "internal_processes",
        "leading",
        "lower",
        low=0.0,
        related=("customer",),
    ),
    Measure(
        "first_contact_resolution",
        "first-contact resolution rate",
        (
            "first contact resolution",
            "first-contact resolution",
            "first-pass resolution",
            "first pass resolution",
            "first-time resolution",
            "resolved at first contact",
            "resolved on first contact",
            "resolved at the first contact",
            "fcr",
        ),
        perspective="customer",
        kind="leading",
        better="higher",
        related=("internal_processes",),
        **_PCT,
    ),
    Measure(
        "return_processing_time",
        "return processing time",
        ("speed of processing returns", "time to process returns", "refund processing time"),
        "days",
        "internal_processes",
        "leading",
        "lower",
        low=0.0,
    ),
    Measure(
        "returns_within_target",
        "returns processed within target time",
        ("returns within target time", "refunds within target time"),
        perspective="internal_processes",
        kind="leading",
        better="higher",
        **_PCT,
    ),
    Measure(
        "repeat_returns",
        "rate of repeat returns",
        ("repeat returns", "repeat return rate", "repeat complaints"),
        perspective="customer",
        kind="lagging",
        better="lower",
        related=("internal_processes",),
        **_PCT,
    ),
    Measure(
        "cost_per_return",
        "cost per return",
        ("cost per return transaction", "cost per refund", "service cost per repair"),
        "GBP",
        "internal_processes",
        "lagging",
        "lower",
        low=0.0,
        related=("financial",),
    ),
    Measure(
        "time_to_invoice",
        "time to invoice",
        ("time to issue invoices", "invoicing time", "invoice lead time"),
        "days",
        "internal_processes",
        "leading",
        "lower",
        low=0.0,
    ),
    Measure(
        "billing_error_rate",
        "billing error rate",
        ("billing errors", "invoice errors", "invoicing errors", "billing accuracy errors"),
        perspective="internal_processes",
        kind="leading",
        better="lower",
        **_PCT,
    ),
    Measure(
        "collection_efficiency",
        "collection efficiency rate",
        ("collection efficiency", "collection rate"),
        perspective="financial",
        kind="leading",
        better="higher",
        related=("internal_processes",),
        **_PCT,
    ),
    Measure(
        "dso",
        "days sales outstanding (DSO)",
        ("days sales outstanding", "dso", "debtor days", "collection period"),
        "days",
        "financial",
        "lagging",
        "lower",
        low=0.0,
        related=("internal_processes",),
    ),
    Measure(
        "receivables_turnover",
        "accounts receivable turnover",
        ("receivables turnover", "debtor turnover"),
        "ratio",
        "financial",
        "lagging",
        "higher",
        low=0.0,
        related=("internal_processes",),
    ),
    # --- customer -----------------------------------------------------------------------------
    Measure(
        "on_time_delivery",
        "on-time delivery rate",
        (
            "on-time delivery",
            "on time delivery rate",
            "on-time deliveries",
            "deliveries on time",
            "deliveries made on time",
            "orders delivered on time",
            "orders on time",
            "delivery punctuality",
            "otd",
        ),
        perspective="customer",
        kind="leading",
        better="higher",
        related=("internal_processes",),
        **_PCT,
    ),
    Measure(
        "delivery_time",
        "average delivery time",
        ("delivery time", "delivery times", "time to deliver", "delivery lead time"),
        "minutes",
        "customer",
        "leading",
        "lower",
        low=0.0,
        related=("internal_processes",),
    ),
    Measure(
        "nps",
        "Net Promoter Score (NPS)",
        ("net promoter score", "nps", "promoter score"),
        "points",
        "customer",
        "lagging",
        "higher",
        low=-100.0,
        high=100.0,
    ),
    Measure(
        "csat",
        "customer satisfaction score (CSAT)",
        (
            "customer satisfaction score",
            "customer satisfaction",
            "csat score",
            "csat",
            "satisfaction score",
        ),
        perspective="customer",
        kind="lagging",
        better="higher",
        **_PCT,
    ),
    Measure(
        "churn",
        "customer churn rate",
        (
            "churn rate",
            "subscriber churn",
            "subscription churn",
            "customer churn",
            "churn",
            "cancellation rate",
            "subscription cancellations",
        ),
        perspective="customer",
        kind="lagging",
        better="lower",
        **_PCT,
    ),
    Measure(
        "customer_retention",
        "customer retention rate",
        (
            "customer retention",
            "retention rate",
            "subscriber retention",
            "subscription retention",
            "repeat purchase rate",
            "repeat business",
            "retention",
        ),
        perspective="customer",
        kind="lagging",
        better="higher",
        **_PCT,
    ),
    Measure(
        "survey_response_rate",
        "survey response rate",
        ("response rate", "survey responses", "feedback response rate"),
        perspective="customer",
        kind="leading",
        better="higher",
        **_PCT,
    ),
    Measure(
        "market_share",
        "market share",
        ("share of the market", "share of market"),
        perspective="customer",
        kind="lagging",
        better="higher",
        related=("financial",),
        **_PCT,
    ),
    Measure(
        "active_subscribers",
        "active subscribers",
        ("number of subscribers", "subscribers", "subscriptions", "active subscriptions"),
        "units",
        "customer",
        "lagging",
        "higher",
        low=0.0,
        related=("financial",),
    ),
    # --- financial ----------------------------------------------------------------------------
    Measure(
        "operating_margin",
        "operating margin",
        ("operating profit margin", "ebit margin", "operating margins"),
        "%",
        "financial",
        "lagging",
        "higher",
        low=-100.0,
        high=100.0,
    ),
    Measure(
        "profit_margin",
        "profit margin",
        ("profit margins", "gross margin", "net margin", "net profit margin"),
        "%",
        "financial",
        "lagging",
        "higher",
        low=-100.0,
        high=100.0,
    ),
    Measure(
        "operating_profit",
        "operating profit",
        ("profit", "profits", "ebit", "net profit"),
        "GBP",
        "financial",
        "lagging",
        "higher",
    ),
    Measure(
        "roic",
        "return on invested capital (ROIC)",
        ("return on invested capital", "roic", "return on capital"),
        "%",
        "financial",
        "lagging",
        "higher",
        low=-100.0,
    ),
    Measure(
        "revenue",
        "revenue",
        ("total revenue", "sales revenue", "sales", "turnover", "monthly revenue"),
        "GBP",
        "financial",
        "lagging",
        "higher",
        low=0.0,
    ),
    Measure(
        "operating_cost",
        "operating costs",
        ("operating cost", "operating expenses", "opex", "costs", "overheads", "cost base"),
        "GBP",
        "financial",
        "lagging",
        "lower",
        low=0.0,
    ),
    Measure(
        "average_order_value",
        "average order value",
        ("aov", "basket size", "order value"),
        "GBP",
        "financial",
        "lagging",
        "higher",
        low=0.0,
        related=("customer",),
    ),
    # --- learning and growth ------------------------------------------------------------------
    Measure(
        "training_hours",
        "training hours per employee",
        ("training hours", "hours of training", "training time per employee"),
        "hours",
        "learning_growth",
        "leading",
        "higher",
        low=0.0,
    ),
    Measure(
        "time_to_competency",
        "time to competency",
        ("time-to-competency", "time to proficiency", "onboarding time", "ramp-up time"),
        "days",
        "learning_growth",
        "leading",
        "lower",
        low=0.0,
    ),
    Measure(
        "high_performer_retention",
        "retention of high performers",
        (
            "high performer retention",
            "employee retention",
            "staff retention",
            "driver retention",
            "retention of drivers",
            "retention of cooks",
        ),
        perspective="learning_growth",
        kind="lagging",
        better="higher",
        **_PCT,
    ),
    Measure(
        "staff_turnover",
        "staff turnover rate",
        ("employee turnover", "staff turnover", "attrition", "staff attrition"),
        perspective="learning_growth",
        kind="lagging",
        better="lower",
        **_PCT,
    ),
    Measure(
        "engagement",
        "employee engagement score",
        (
            "employee engagement",
            "staff engagement",
            "engagement survey score",
            "engagement score",
            "engagement",
        ),
        perspective="learning_growth",
        kind="leading",
        better="higher",
        **_PCT,
    ),
    Measure(
        "internal_mobility",
        "internal mobility rate",
        ("internal mobility", "internal promotions"),
        perspective="learning_growth",
        kind="leading",
        better="higher",
        **_PCT,
    ),
    Measure(
        "technicians_trained",
        "staff trained",
        ("technicians trained", "repair technicians trained", "agents trained", "cooks trained"),
        "units",
        "learning_growth",
        "leading",
        "higher",
        low=0.0,
        related=("internal_processes",),
    ),
    Measure(
        "system_adoption",
        "system adoption rate",
        ("system adoption", "it system adoption", "adoption of the new system", "tool adoption"),
        perspective="learning_growth",
        kind="leading",
        better="higher",
        **_PCT,
    ),
    Measure(
        "stage_gate_progression",
        "stage-gate progression rate",
        ("stage gate progression", "stage-gate pass rate", "pipeline progression rate"),
        perspective="learning_growth",
        kind="leading",
        better="higher",
        related=("internal_processes",),
        **_PCT,
    ),
    Measure(
        "documentation_completeness",
        "documentation completeness",
        ("documented procedures", "recipe documentation completeness"),
        perspective="learning_growth",
        kind="leading",
        better="higher",
        **_PCT,
    ),
    Measure(
        "data_quality",
        "data quality score",
        ("data quality", "data accuracy"),
        perspective="learning_growth",
        kind="leading",
        better="higher",
        **_PCT,
    ),
)
"""The built-in measure vocabulary (a tuple of frozen :class:`Measure`)."""

MEASURES_BY_ID: dict[str, Measure] = {m.id: m for m in MEASURES}


def _norm(text: str) -> str:
    """Lower-case, with every run of non-alphanumeric characters (except &) as one space."""
    return " ".join(re.sub(r"[^0-9a-z&]+", " ", text.lower()).split())


_TOKEN_RE = re.compile(r"[0-9a-z&]+", re.IGNORECASE)
_MAX_GAP = 3  # characters allowed between the words of a term ("on-time", "post - sale")


@lru_cache(maxsize=32)
def _term_index(measures: tuple[Measure, ...]) -> tuple[dict[tuple[str, ...], int], int]:
    """Every term as a tuple of lower-case words -> index of its measure (first one wins)."""
    index: dict[tuple[str, ...], int] = {}
    for position, measure in enumerate(measures):
        for term in measure.terms:
            words = tuple(_norm(term).split())
            if words and words not in index:
                index[words] = position
    longest = max((len(words) for words in index), default=1)
    return index, longest


def match_measure(
    text: str, measures: tuple[Measure, ...] = MEASURES
) -> tuple[Measure, int, int] | None:
    """Find the measure named in ``text``: ``(measure, start, end)`` or ``None``.

    The first mention wins; where mentions overlap (``customer satisfaction`` inside
    ``customer satisfaction with post-sale services``) the one ending last wins (the head of an
    English noun phrase comes last), then the longest. Matching is by words (a dictionary
    look-up per word position), so it stays fast on long texts.

    Examples
    --------
    >>> m, start, end = match_measure("Raise customer satisfaction with post-sale services")
    >>> m.id, start, end
    ('post_sale_satisfaction', 6, 51)
    >>> match_measure("Cut production cost per meal")[0].id
    'cost_per_unit'
    """
    if not isinstance(text, str) or not text:
        return None
    index, longest = _term_index(tuple(measures))
    tokens = [(t.group(0).lower(), t.start(), t.end()) for t in _TOKEN_RE.finditer(text)]
    best: tuple[int, int, int] | None = None  # (start, end, measure position)
    for i, (_, start, _) in enumerate(tokens):
        if best is not None and start >= best[1]:
            break
        words: list[str] = []
        for j in range(i, min(i + longest, len(tokens))):
            if j > i and tokens[j][1] - tokens[j - 1][2] > _MAX_GAP:
                break
            words.append(tokens[j][0])
            position = index.get(tuple(words))
            if position is None:
                continue
            end = tokens[j][2]
            # English noun phrases put the head last: "production cost per meal" is a cost
            # per meal, so among overlapping mentions the one ending last wins, then the longest.
            if best is None or (end, end - start) > (best[1], best[1] - best[0]):
                best = (start, end, position)
    if best is None:
        return None
    return measures[best[2]], best[0], best[1]


def find_measure(text: str, measures: Iterable[Measure] | None = None) -> Measure | None:
    """Return the measure named in ``text`` (an id, a name, a synonym or a sentence), or ``None``.

    Examples
    --------
    >>> find_measure("on_time_delivery").name
    'on-time delivery rate'
    >>> find_measure("Keep DSO under 40 days").id
    'dso'
    """
    pool = tuple(MEASURES if measures is None else measures)
    if not isinstance(text, str):
        return None
    for measure in pool:
        if text.strip() == measure.id:
            return measure
    found = match_measure(text, pool)
    return None if found is None else found[0]


def _split_synonyms(value: Any) -> tuple[str, ...]:
    if value is None or (isinstance(value, float) and value != value):
        return ()
    if isinstance(value, str):
        return tuple(s.strip() for s in re.split(r"[;|]", value) if s.strip())
    if isinstance(value, Iterable):
        return tuple(str(s).strip() for s in value if str(s).strip())
    return (str(value),)


def measures_from_catalogue(catalogue: pd.DataFrame) -> tuple[Measure, ...]:
    """Turn a metric catalogue into :class:`Measure` entries.

    Parameters
    ----------
    catalogue : pandas.DataFrame
        Required columns ``metric_id`` and ``name``. Optional: ``synonyms`` (a list, or text
        separated by ``;`` or ``|``), ``unit``, ``perspective``, ``kind``, ``better``, ``low``,
        ``high``. A row whose ``metric_id`` is a built-in measure inherits the missing fields from
        it (and adds its synonyms); other rows default to unit ``%``, perspective
        ``internal_processes`` (any spelling :meth:`Perspective.parse
        <bsckit.scorecard.Perspective.parse>` accepts may be given), kind ``lagging``, better ``higher``.

    Returns
    -------
    tuple of Measure
        Only the catalogue's rows; combine with :data:`MEASURES` yourself, or pass the catalogue
        to ``parse_objective`` / ``check_smart`` which do so.

    Examples
    --------
    >>> cat = pd.DataFrame({"metric_id": ["meals_per_hour"], "name": ["meals cooked per hour"],
    ...                     "synonyms": ["kitchen throughput; meals per hour"], "unit": ["units"]})
    >>> [m.id for m in measures_from_catalogue(cat)]
    ['meals_per_hour']
    >>> measures_from_catalogue(pd.DataFrame({"name": ["x"]}))
    Traceback (most recent call last):
    ...
    ValueError: `catalogue` must have columns 'metric_id' and 'name'; missing 'metric_id'. Pass the metric catalogue DataFrame.
    """
    if not isinstance(catalogue, pd.DataFrame):
        msg = (
            f"`catalogue` must be a pandas DataFrame with columns metric_id, name, synonyms, ...;"
            f" got {type(catalogue).__name__}."
        )
        raise TypeError(msg)
    missing = [c for c in ("metric_id", "name") if c not in catalogue.columns]
    if missing:
        listed = ", ".join(repr(c) for c in missing)
        msg = (
            f"`catalogue` must have columns 'metric_id' and 'name'; missing {listed}."
            " Pass the metric catalogue DataFrame."
        )
        raise ValueError(msg)
    out: list[Measure] = []
    for row in catalogue.to_dict("records"):
        metric_id = str(row["metric_id"]).strip()
        base = MEASURES_BY_ID.get(metric_id)

        def pick(key: str, default: Any, row: dict = row, base: Measure | None = base) -> Any:
            value = row.get(key)
            if value is None or (isinstance(value, float) and value != value):
                return getattr(base, key) if base is not None else default
            return value

        synonyms = _split_synonyms(row.get("synonyms"))
        if base is not None:
            synonyms = (*synonyms, base.name, *base.synonyms)
        out.append(
            Measure(
                id=metric_id,
                name=str(row["name"]),
                synonyms=synonyms,
                unit=str(pick("unit", "%")),
                perspective=pick("perspective", Perspective.INTERNAL_PROCESSES),
                kind=str(pick("kind", "lagging")),
                better=str(pick("better", "higher")),
                low=None if pick("low", None) is None else float(pick("low", None)),
                high=None if pick("high", None) is None else float(pick("high", None)),
                related=base.related if base is not None else (),
            )
        )
    return tuple(out)
