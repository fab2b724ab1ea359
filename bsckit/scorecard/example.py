"""A small Homeats scorecard for notebooks and docs.

The three internal-process objectives come from the curriculum's deep-dive (innovation,
operations, post-sale service, each with its SMART statement); one objective stands for each
other perspective. Figures are invented but consistent with the Homeats datasets' story.

Examples
--------
>>> card = example_scorecard()
>>> [o.perspective.value for o in card.objectives].count("internal_processes")
3
>>> card.problems()
[]
>>> round(card.rollup(example_values()).overall, 3)
0.586
"""

from __future__ import annotations

from bsckit.scorecard.measure import Measure
from bsckit.scorecard.objective import Objective
from bsckit.scorecard.scorecard import Scorecard
from bsckit.scorecard.strategy_map import Link

__all__ = ["example_scorecard", "example_values"]

SKILLS = "Build kitchen and service skills"
INNOVATE = "Launch dishes customers want"
CUT_COST = "Cut production cost"
SERVICE = "Delight customers after the sale"
LOYALTY = "Keep customers coming back"
PROFIT = "Grow profitable revenue"


def example_scorecard() -> Scorecard:
    """Return the Homeats example scorecard (6 objectives, 17 measures, 8 links).

    Examples
    --------
    >>> example_scorecard().objective("Cut production cost").description
    'Cut production cost per meal by 10% within 6 months.'
    """
    m = Measure
    skills = Objective(
        name=SKILLS,
        perspective="learning_growth",
        description="Get new cooks and agents to full competency faster and keep training up.",
        owners=("HR lead",),
        initiatives=("Kitchen academy", "Service playbook"),
        measures=(
            m(name="Training hours per employee", unit="hours/quarter", kind="leading",
              baseline=6, target=10, min=0, max=12, green=10, amber=8, frequency="quarterly",
              owner="HR lead", data_steward="HR analyst", source_system="HRIS"),
            m(name="Time to competency", definition="Days from start until a new cook passes"
              " the station check.", unit="days", direction="lower_is_better", baseline=45,
              target=30, min=20, max=60, green=30, amber=38, owner="Head of kitchens",
              data_steward="HR analyst", source_system="HRIS"),
        ),
    )  # fmt: skip
    innovate = Objective(
        name=INNOVATE,
        perspective="internal_processes",
        description="Raise the share of revenue from new dishes by 15% within 12 months.",
        owners=("Head of menu development",),
        initiatives=("Monthly tasting panel", "Fast-track recipe pipeline"),
        measures=(
            m(name="Market research studies", unit="studies/quarter", kind="leading",
              baseline=2, target=4, min=0, max=5, green=4, amber=3, frequency="quarterly",
              owner="Head of menu development", source_system="Project tracker"),
            m(name="Time to market", definition="Days from approved idea to first sale.",
              unit="days", direction="lower_is_better", baseline=90, target=60, min=30,
              max=120, green=60, amber=75, frequency="quarterly",
              owner="Head of menu development", source_system="Project tracker"),
            m(name="Share of sales from new dishes", definition="Revenue from dishes launched"
              " in the last 12 months / total revenue.", unit="%", baseline=12.0, target=13.8,
              min=0, max=25, green=13.8, amber=12.5, weight=2, owner="Head of menu development",
              data_steward="Sales analyst", source_system="ERP"),
        ),
    )  # fmt: skip
    cut_cost = Objective(
        name=CUT_COST,
        perspective="internal_processes",
        description="Cut production cost per meal by 10% within 6 months.",
        owners=("Head of kitchens",),
        initiatives=("Lean kitchen programme", "Supplier renegotiation"),
        measures=(
            m(name="Production cycle time", unit="minutes/batch", kind="leading",
              direction="lower_is_better", baseline=50, target=42, min=30, max=60, green=42,
              amber=46, frequency="weekly", owner="Kitchen operations manager",
              source_system="Kitchen workflow system"),
            m(name="Process improvements implemented", unit="count/month", kind="leading",
              baseline=2, target=5, min=0, max=8, green=5, amber=3,
              owner="Kitchen operations manager", source_system="Project tracker"),
            m(name="Cost per meal", definition="Production cost (food, labour, energy,"
              " packaging) / meals produced.", unit="EUR", direction="lower_is_better",
              baseline=6.0, target=5.4, min=5.0, max=7.0, green=5.4, amber=5.7, weight=2,
              owner="Head of kitchens", data_steward="Cost accountant", source_system="ERP"),
            m(name="Defect rate", definition="Meals failing the quality check / meals produced.",
              unit="%", direction="lower_is_better", baseline=2.5, target=1.5, min=0, max=5,
              green=1.5, amber=2.0, frequency="weekly", owner="Quality manager",
              source_system="Kitchen workflow system"),
        ),
    )  # fmt: skip
    service = Objective(
        name=SERVICE,
        perspective="internal_processes",
        description="Raise satisfaction with post-sale service by 15% within 6 months.",
        owners=("Head of customer service", "Finance manager"),
        initiatives=("One-touch refunds", "Agent coaching"),
        measures=(
            m(name="First-contact resolution", unit="%", kind="leading", baseline=70,
              target=80, min=50, max=100, green=80, amber=75, frequency="weekly",
              owner="Head of customer service", source_system="CRM"),
            m(name="Return processing time", unit="hours", kind="leading",
              direction="lower_is_better", baseline=48, target=24, min=12, max=72, green=24,
              amber=36, frequency="weekly", owner="Head of customer service",
              source_system="CRM"),
            m(name="Post-sale satisfaction", definition="Mean CSAT (1-5) of post-sale"
              " service surveys.", unit="score 1-5", baseline=3.6, target=4.14, min=1, max=5,
              green=4.14, amber=3.9, weight=2, owner="Head of customer service",
              data_steward="CX analyst", source_system="Survey tool"),
        ),
    )  # fmt: skip
    loyalty = Objective(
        name=LOYALTY,
        perspective="customer",
        description="Be the meal service customers rely on and recommend.",
        owners=("Head of delivery", "Head of marketing"),
        measures=(
            m(name="On-time delivery", definition="Orders delivered within the promised slot"
              " / orders delivered.", unit="%", baseline=88, target=95, min=80, max=100,
              green=95, amber=90, frequency="weekly", owner="Head of delivery",
              source_system="Delivery app"),
            m(name="Net Promoter Score", unit="points", baseline=25, target=35, min=0, max=60,
              green=35, amber=28, frequency="quarterly", owner="Head of marketing",
              data_steward="CX analyst", source_system="Survey tool"),
            m(name="Subscriber retention", unit="%", baseline=78, target=84, min=60, max=100,
              green=84, amber=80, owner="Head of marketing", source_system="CRM"),
        ),
    )  # fmt: skip
    profit = Objective(
        name=PROFIT,
        perspective="financial",
        description="Reach an 8% operating margin while growing revenue.",
        owners=("CFO",),
        measures=(
            m(name="Operating margin", unit="%", baseline=6.0, target=8.0, min=0, max=12,
              green=8.0, amber=7.0, weight=2, owner="CFO", data_steward="Controller",
              source_system="ERP"),
            m(name="Revenue growth", unit="% per year", baseline=5, target=10, min=0, max=20,
              green=10, amber=7, frequency="quarterly", owner="CFO", source_system="ERP"),
        ),
    )  # fmt: skip
    links = (
        Link(SKILLS, CUT_COST, reason="Skilled cooks work faster and waste less."),
        Link(SKILLS, SERVICE, reason="Trained agents resolve more issues at first contact."),
        Link(INNOVATE, LOYALTY, reason="More research leads to dishes customers want."),
        Link(CUT_COST, LOYALTY, reason="Fewer defects raise quality and satisfaction."),
        Link(CUT_COST, PROFIT, reason="Lower cost per meal raises the margin."),
        Link(SERVICE, LOYALTY, reason="Faster, better service cuts churn."),
        Link(INNOVATE, PROFIT, reason="New dishes add demand and sales."),
        Link(LOYALTY, PROFIT, reason="Loyal customers order more and cost less to win."),
    )
    return Scorecard(
        name="Homeats 2027",
        description="Homeats: great meals, on time, at a fair price - satisfied customers,"
        " steady innovation, efficient kitchens.",
        objectives=(skills, innovate, cut_cost, service, loyalty, profit),
        links=links,
    )


def example_values() -> dict[str, float]:
    """Invented actual values for every measure of :func:`example_scorecard` (one month).

    Examples
    --------
    >>> example_values()["Cost per meal"]
    5.75
    """
    return {
        "Training hours per employee": 8.5,
        "Time to competency": 36.0,
        "Market research studies": 4.0,
        "Time to market": 80.0,
        "Share of sales from new dishes": 13.1,
        "Production cycle time": 44.0,
        "Process improvements implemented": 4.0,
        "Cost per meal": 5.75,
        "Defect rate": 1.4,
        "First-contact resolution": 76.0,
        "Return processing time": 30.0,
        "Post-sale satisfaction": 3.95,
        "On-time delivery": 93.0,
        "Net Promoter Score": 31.0,
        "Subscriber retention": 81.0,
        "Operating margin": 6.8,
        "Revenue growth": 8.0,
    }
