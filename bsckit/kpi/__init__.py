"""KPI formulas of the Balanced Scorecard kit, one module per business area.

- :mod:`bsckit.kpi.operations` - OEE, flow (cycle time, throughput, Little's law, takt),
  quality (defect rate, DPMO, sigma level, yields) and cost/inventory measures.
- :mod:`bsckit.kpi.customer` - on-time delivery, fulfilment, first contact resolution,
  returns, NPS, CSAT, retention, churn, response rate.
- :mod:`bsckit.kpi.finance` - receivables turnover, DSO, CEI, COGS, margins, NOPAT, ROIC,
  real terms, currency conversion, inflation-adjusted targets.
- :mod:`bsckit.kpi.people` - time to competency, training hours, retention of high
  performers, internal mobility, turnover.
- :mod:`bsckit.kpi.costing` - activity-based costing beside a single plant-wide overhead rate.
- :mod:`bsckit.kpi.innovation` - stage-gate conversion, time to market, new-product revenue
  share, adoption rate.
- :mod:`bsckit.kpi.timeliness` - latency percentiles of data feeds (inclusive or exclusive
  percentile convention).

Rules for contributors
----------------------
1. Name a function after the business term a course participant knows (``dso``, ``oee``).
2. Accept scalars, lists/arrays and pandas Series; answer in kind (use ``bsckit.kpi._common``).
3. Return ratios as fractions in [0, 1] unless the business convention says otherwise
   (NPS: points on -100..100 by default). Every share takes the keyword ``as_percent``
   (default ``False``) to answer in percent instead.
4. Check every input; the error names the parameter, the value, the allowed range and what to do.
5. Where sources disagree (365/360 days, quote direction, which yield...), add a named
   parameter with a documented default, and cite a published worked example in the tests.
6. Reuse before adding: "service cost per repair" is ``cost_per_unit``.
"""

from __future__ import annotations

from bsckit.kpi.costing import (
    CostAllocation,
    activity_based_costing,
    activity_rates,
    costing_comparison,
    plantwide_rate_costing,
)
from bsckit.kpi.customer import (
    acquisition_rate,
    churn_rate,
    csat,
    first_contact_resolution,
    nps,
    nps_from_counts,
    nps_margin_of_error,
    nps_sample_size,
    on_time_delivery,
    on_time_delivery_from_counts,
    order_fulfilment_rate,
    response_rate,
    retention_rate,
    return_rate,
)
from bsckit.kpi.finance import (
    average_balance,
    cogs,
    collection_effectiveness_index,
    convert_currency,
    dso,
    dso_from_turnover,
    gross_margin,
    gross_profit,
    index_change,
    inflation_adjusted_target,
    inflation_rate,
    invested_capital,
    net_margin,
    nopat,
    operating_margin,
    real_terms,
    receivables_turnover,
    roic,
)
from bsckit.kpi.innovation import (
    StageGateConversion,
    adoption_rate,
    new_product_revenue_share,
    stage_gate_conversion,
    time_to_market,
)
from bsckit.kpi.operations import (
    OEEResult,
    cost_per_transaction,
    cost_per_unit,
    cycle_time,
    days_inventory,
    defect_rate,
    defects_per_unit,
    dpmo,
    dpmo_from_sigma,
    first_pass_yield,
    inventory_turnover,
    littles_law,
    net_available_time,
    normalized_yield,
    oee,
    oee_from_shift,
    rolled_throughput_yield,
    sigma_level,
    takt_time,
    throughput,
    utilisation,
    yield_from_dpu,
)
from bsckit.kpi.people import (
    internal_mobility_rate,
    retention_of_high_performers,
    time_to_competency,
    training_hours_per_employee,
    turnover_rate,
)
from bsckit.kpi.timeliness import PERCENTILE_METHODS, latency_percentile

__all__ = [
    "PERCENTILE_METHODS",
    "CostAllocation",
    "OEEResult",
    "StageGateConversion",
    "acquisition_rate",
    "activity_based_costing",
    "activity_rates",
    "adoption_rate",
    "average_balance",
    "churn_rate",
    "cogs",
    "collection_effectiveness_index",
    "convert_currency",
    "cost_per_transaction",
    "cost_per_unit",
    "costing_comparison",
    "csat",
    "cycle_time",
    "days_inventory",
    "defect_rate",
    "defects_per_unit",
    "dpmo",
    "dpmo_from_sigma",
    "dso",
    "dso_from_turnover",
    "first_contact_resolution",
    "first_pass_yield",
    "gross_margin",
    "gross_profit",
    "index_change",
    "inflation_adjusted_target",
    "inflation_rate",
    "internal_mobility_rate",
    "inventory_turnover",
    "invested_capital",
    "latency_percentile",
    "littles_law",
    "net_available_time",
    "net_margin",
    "new_product_revenue_share",
    "nopat",
    "normalized_yield",
    "nps",
    "nps_from_counts",
    "nps_margin_of_error",
    "nps_sample_size",
    "oee",
    "oee_from_shift",
    "on_time_delivery",
    "on_time_delivery_from_counts",
    "operating_margin",
    "order_fulfilment_rate",
    "plantwide_rate_costing",
    "real_terms",
    "receivables_turnover",
    "response_rate",
    "retention_of_high_performers",
    "retention_rate",
    "return_rate",
    "roic",
    "rolled_throughput_yield",
    "sigma_level",
    "stage_gate_conversion",
    "takt_time",
    "throughput",
    "time_to_competency",
    "time_to_market",
    "training_hours_per_employee",
    "turnover_rate",
    "utilisation",
    "yield_from_dpu",
]
