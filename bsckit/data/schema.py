"""The schema of every Homeats table: columns, types, units, ranges and keys.

One :class:`Table` per file. The writer formats each column by its ``kind``, the loader parses
and validates by it, and the data dictionary (``datasets/README.md``) is printed from it.

Kinds: ``id`` and ``str`` (text), ``category`` (text from a known set; loaded as a pandas
category), ``int``, ``Int`` (whole number that may be missing), ``float`` (fixed ``decimals``),
``bool`` (``true``/``false``), ``date`` (``YYYY-MM-DD``), ``datetime`` (``YYYY-MM-DDTHH:MM``,
UK local time unless said otherwise) and ``month`` (``YYYY-MM``, loaded as the first day).

Examples
--------
>>> SCHEMA["orders"].key
'order_id'
>>> SCHEMA["orders"].column("amount").unit
'GBP'
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .._validation import check_choice

__all__ = ["KINDS", "SCHEMA", "Column", "Table", "conform"]

KINDS = ("id", "str", "category", "int", "Int", "float", "bool", "date", "datetime", "month")


@dataclass(frozen=True)
class Column:
    """One column of a table.

    Parameters
    ----------
    name, kind, description : str
        Column name, kind (see module docstring) and meaning.
    unit : str, optional
        Unit of measure.
    low, high : float, optional
        Allowed range (inclusive) for numbers.
    nullable : bool, default False
        Whether the value may be empty.
    decimals : int, default 2
        Decimals written for ``float`` columns.
    categories : tuple of str, optional
        Allowed values of a ``category`` column (``None``: any text, still a category).
    references : str, optional
        ``"table.column"`` every non-empty value must exist in.
    unique : bool, default False
        Whether values must be unique.
    """

    name: str
    kind: str
    description: str
    unit: str = ""
    low: float | None = None
    high: float | None = None
    nullable: bool = False
    decimals: int = 2
    categories: tuple[str, ...] | None = None
    references: str | None = None
    unique: bool = False

    def __post_init__(self) -> None:
        check_choice("kind", self.kind, KINDS)


@dataclass(frozen=True)
class Table:
    """One table: file ``<name>.csv``."""

    name: str
    area: str
    description: str
    columns: tuple[Column, ...]
    key: str | None = None
    grain: str = ""
    names: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "names", tuple(c.name for c in self.columns))

    def column(self, name: str) -> Column:
        """The column called ``name``."""
        for col in self.columns:
            if col.name == name:
                return col
        msg = f"`name` must be a column of {self.name!r}: one of {', '.join(self.names)}; got {name!r}."
        raise KeyError(msg)


def _col(name: str, kind: str, description: str, unit: str = "", **kw) -> Column:
    """Short constructor used in the table definitions below."""
    return Column(name, kind, description, unit, **kw)


def _id(name: str, what: str, ref: str | None = None, **kw) -> Column:
    unique = ref is None and kw.pop("unique", True)
    return Column(name, "id", what, references=ref, unique=unique, **kw)


KITCHEN = "kitchens.kitchen_id"
CUSTOMER = "customers.customer_id"
ORDER = "orders.order_id"
EMPLOYEE = "employees.employee_id"
DATE_LOW = None

_TABLES = (
    Table(
        "kitchens",
        "company",
        "Production kitchens; each serves the cities listed.",
        (
            _id("kitchen_id", "Kitchen identifier K01..K04"),
            _col("name", "str", "Kitchen name"),
            _col("city", "category", "City where the kitchen is"),
            _col(
                "cities_served", "str", "Customer cities the kitchen delivers to, separated by '; '"
            ),
            _col("opened_on", "date", "Opening date"),
            _col("shifts_per_day", "int", "Production shifts per day", "shifts", low=1, high=3),
            _col(
                "planned_minutes_per_shift",
                "int",
                "Planned production time per shift",
                "minutes",
                low=1,
                high=720,
            ),
            _col(
                "ideal_cycle_time_s",
                "float",
                "Ideal time to make one portion (OEE performance)",
                "seconds",
                low=0.1,
                high=86400,
                decimals=1,
            ),
        ),
        key="kitchen_id",
        grain="one row per kitchen",
    ),
    Table(
        "dishes",
        "company",
        "Dishes on the menu. A dish is *new* in the six calendar months after its launch month.",
        (
            _id("dish_id", "Dish identifier"),
            _col("name", "str", "Dish name"),
            _col("cuisine", "category", "Cuisine"),
            _col("diet", "category", "Diet", categories=("fish", "meat", "vegan", "vegetarian")),
            _col("price_per_portion", "float", "List price per portion", "GBP", low=0, high=100),
            _col("kcal_per_portion", "int", "Energy per portion", "kcal", low=0, high=3000),
            _col("launched_on", "date", "Launch date"),
            _col(
                "project_id",
                "id",
                "Innovation project that created the dish (empty for core dishes)",
                references="innovation_projects.project_id",
                nullable=True,
            ),
        ),
        key="dish_id",
        grain="one row per dish",
    ),
    Table(
        "customers",
        "company",
        "Households (subscribers or pay as you go) and business accounts.",
        (
            _id("customer_id", "Customer identifier"),
            _col("segment", "category", "Customer segment", categories=("business", "household")),
            _col(
                "plan",
                "category",
                "Commercial plan",
                categories=("business contract", "pay as you go", "subscription"),
            ),
            _col("name", "str", "Household name or company name"),
            _col("contact_name", "str", "Contact person"),
            _col("email", "str", "Contact e-mail (reserved example domains only)"),
            _col("address", "str", "Street address (fake)"),
            _col("postcode", "str", "Postcode (fake)"),
            _col("city", "category", "City"),
            _col("kitchen_id", "id", "Kitchen serving the customer", references=KITCHEN),
            _col(
                "channel",
                "category",
                "Acquisition channel",
                categories=("app", "partner", "sales team", "web"),
            ),
            _col("signup_at", "datetime", "Sign-up time"),
            _col(
                "churned_at",
                "datetime",
                "Cancellation time (empty while active); subscribers still receive that month's deliveries",
                nullable=True,
            ),
            _col(
                "plan_portions",
                "int",
                "Portions per subscription delivery (0 = no subscription)",
                "portions",
                low=0,
                high=20,
            ),
            _col(
                "payment_terms_days",
                "int",
                "Invoice payment terms (business accounts)",
                "days",
                low=0,
                high=120,
            ),
        ),
        key="customer_id",
        grain="one row per customer (customers who left before the first month are omitted)",
    ),
    Table(
        "orders",
        "orders",
        "Orders placed in the period, one dish per order.",
        (
            _id("order_id", "Order identifier"),
            _col("customer_id", "id", "Customer", references=CUSTOMER),
            _col("ordered_at", "datetime", "When the order was placed"),
            _col("promised_at", "datetime", "Promised delivery time (start of slot)"),
            _col(
                "delivered_at",
                "datetime",
                "Actual delivery time (empty if the delivery failed)",
                nullable=True,
            ),
            _col("status", "category", "Outcome", categories=("delivered", "failed delivery")),
            _col(
                "order_type",
                "category",
                "Subscription delivery or one-off order",
                categories=("one-off", "subscription"),
            ),
            _col(
                "segment",
                "category",
                "Customer segment (copied from customers)",
                categories=("business", "household"),
            ),
            _col("city", "category", "Delivery city"),
            _col("kitchen_id", "id", "Kitchen that cooked the order", references=KITCHEN),
            _col(
                "channel",
                "category",
                "Ordering channel",
                categories=("app", "email", "phone", "web"),
            ),
            _col("dish_id", "id", "Dish", references="dishes.dish_id"),
            _col(
                "new_dish",
                "bool",
                "Dish launched in the six calendar months before the order's month",
            ),
            _col("portions", "int", "Portions", "portions", low=1, high=1000),
            _col("amount", "float", "Order value after discounts", "GBP", low=0, high=100000),
        ),
        key="order_id",
        grain="one row per order",
    ),
    Table(
        "production_batches",
        "production",
        "Production per kitchen, day and shift: OEE, yield, throughput and cost.",
        (
            _id("batch_id", "Batch identifier"),
            _col("kitchen_id", "id", "Kitchen", references=KITCHEN),
            _col("produced_on", "date", "Production day (the day before delivery)"),
            _col("shift", "category", "Shift", categories=("early", "late")),
            _col(
                "planned_minutes",
                "int",
                "Planned production time (over 450 = planned overtime)",
                "minutes",
                low=0,
                high=1440,
            ),
            _col("downtime_minutes", "int", "Unplanned stops", "minutes", low=0, high=1440),
            _col(
                "ideal_cycle_time_s",
                "float",
                "Ideal time per portion",
                "seconds",
                low=0.1,
                high=86400,
                decimals=1,
            ),
            _col("units_made", "int", "Portions made", "portions", low=0),
            _col("good_units", "int", "Portions passed (units_made - defects)", "portions", low=0),
            _col("defects", "int", "Portions scrapped", "portions", low=0),
            _col(
                "rework",
                "int",
                "Portions reworked, then passed (not first-pass)",
                "portions",
                low=0,
            ),
            _col(
                "quality_checks",
                "int",
                "Quality checks performed (distractor: follows complaints)",
                "checks",
                low=0,
            ),
            _col("cost", "float", "Materials, direct labour and energy", "GBP", low=0),
        ),
        key="batch_id",
        grain="one row per kitchen, day and shift",
    ),
    Table(
        "quality_samples",
        "production",
        "Portion weights sampled in subgroups of five, one subgroup per kitchen and day; specification 340-360 g, target 350 g.",
        (
            _col(
                "subgroup_id",
                "int",
                "Subgroup number (unique across kitchens, in time order)",
                low=1,
            ),
            _col("kitchen_id", "id", "Kitchen", references=KITCHEN),
            _col("sampled_at", "datetime", "Sampling time"),
            _col("sample_no", "int", "Position within the subgroup", low=1, high=10),
            _col(
                "portion_weight_g",
                "float",
                "Measured portion weight",
                "g",
                low=0,
                high=1000,
                decimals=1,
            ),
            _col("target_g", "float", "Target weight", "g", low=0, high=1000, decimals=1),
            _col("lsl_g", "float", "Lower specification limit", "g", low=0, high=1000, decimals=1),
            _col("usl_g", "float", "Upper specification limit", "g", low=0, high=1000, decimals=1),
        ),
        grain="one row per weighed portion",
    ),
    Table(
        "initiatives",
        "production",
        "Process-improvement initiatives (leading measure of the operations chain).",
        (
            _id("initiative_id", "Initiative identifier"),
            _col("kitchen_id", "id", "Kitchen where it ran", references=KITCHEN),
            _col("title", "str", "What was changed"),
            _col(
                "category",
                "category",
                "Kind of improvement",
                categories=("downtime", "energy", "labour", "quality", "waste"),
            ),
            _col("started_on", "date", "Start date"),
            _col("completed_on", "date", "Completion date (empty if still running)", nullable=True),
            _col("status", "category", "Status", categories=("completed", "in progress")),
            _col("expected_saving_gbp", "float", "Expected annual saving", "GBP", low=0),
        ),
        key="initiative_id",
        grain="one row per initiative",
    ),
    Table(
        "tickets",
        "service",
        "Customer-service tickets.",
        (
            _id("ticket_id", "Ticket identifier"),
            _col("customer_id", "id", "Customer", references=CUSTOMER),
            _col("order_id", "id", "Order concerned", references=ORDER, nullable=True),
            _col(
                "invoice_id",
                "id",
                "Invoice concerned (billing disputes)",
                references="invoices.invoice_id",
                nullable=True,
            ),
            _col(
                "type",
                "category",
                "Ticket type",
                categories=("billing", "complaint", "repair/replacement", "return"),
            ),
            _col("topic", "category", "Topic"),
            _col(
                "channel",
                "category",
                "Contact channel",
                categories=("app", "chat", "email", "phone"),
            ),
            _col("opened_at", "datetime", "Opened"),
            _col("first_response_at", "datetime", "First response by an agent"),
            _col("resolved_at", "datetime", "Resolved"),
            _col("first_contact_resolved", "bool", "Resolved at the first contact"),
            _col("reopened", "bool", "Reopened after resolution"),
            _col("agent_id", "id", "Support agent", references=EMPLOYEE),
        ),
        key="ticket_id",
        grain="one row per ticket",
    ),
    Table(
        "returns",
        "service",
        "Returns and refunds.",
        (
            _id("return_id", "Return or refund identifier"),
            _col(
                "ticket_id",
                "id",
                "Ticket that raised it",
                references="tickets.ticket_id",
                unique=True,
            ),
            _col("order_id", "id", "Order", references=ORDER),
            _col("customer_id", "id", "Customer", references=CUSTOMER),
            _col(
                "kind",
                "category",
                "Return of goods or refund only",
                categories=("refund", "return"),
            ),
            _col("reason", "category", "Reason"),
            _col("requested_at", "datetime", "Requested"),
            _col(
                "processed_at",
                "datetime",
                "Refund processed (empty if still open); target 3 days",
                nullable=True,
            ),
            _col("refund_amount", "float", "Amount refunded", "GBP", low=0),
            _col("handling_cost", "float", "Cost of handling the case", "GBP", low=0),
        ),
        key="return_id",
        grain="one row per return or refund",
    ),
    Table(
        "invoices",
        "billing",
        "Invoices to business accounts, one per delivered business order.",
        (
            _id("invoice_id", "Invoice identifier"),
            _col("customer_id", "id", "Business customer", references=CUSTOMER),
            _col("order_id", "id", "Order invoiced", references=ORDER, unique=True),
            _col("issued_on", "date", "Issue date"),
            _col("due_on", "date", "Due date"),
            _col("amount", "float", "Invoice amount", "GBP", low=0),
            _col("billing_error", "bool", "Issued with an error (disputed, reissued, paid late)"),
            _col(
                "error_type",
                "category",
                "Kind of error",
                nullable=True,
                categories=("duplicate line", "missing PO number", "wrong price", "wrong quantity"),
            ),
        ),
        key="invoice_id",
        grain="one row per invoice",
    ),
    Table(
        "payments",
        "billing",
        "Payments received; invoices unpaid at the end of the data have none.",
        (
            _id("payment_id", "Payment identifier"),
            _col("invoice_id", "id", "Invoice paid", references="invoices.invoice_id", unique=True),
            _col("paid_on", "date", "Date received"),
            _col("amount", "float", "Amount received", "GBP", low=0),
            _col("method", "category", "Payment method", categories=("bank transfer", "card")),
        ),
        key="payment_id",
        grain="one row per payment",
    ),
    Table(
        "surveys",
        "surveys",
        "Surveys sent; unanswered surveys have empty responded_at, nps and csat.",
        (
            _id("survey_id", "Survey identifier"),
            _col(
                "touchpoint",
                "category",
                "Touchpoint surveyed",
                categories=(
                    "billing",
                    "delivery",
                    "food quality",
                    "relationship",
                    "returns",
                    "support",
                ),
            ),
            _col("customer_id", "id", "Customer", references=CUSTOMER),
            _col("order_id", "id", "Order the survey is about", references=ORDER, nullable=True),
            _col(
                "ticket_id",
                "id",
                "Ticket the survey is about",
                references="tickets.ticket_id",
                nullable=True,
            ),
            _col("sent_at", "datetime", "Sent"),
            _col("responded_at", "datetime", "Answered (empty = no response)", nullable=True),
            _col(
                "nps",
                "Int",
                "Likelihood to recommend, relationship survey",
                "0-10",
                low=0,
                high=10,
                nullable=True,
            ),
            _col(
                "csat",
                "Int",
                "Satisfaction, touchpoint surveys",
                "1-5",
                low=1,
                high=5,
                nullable=True,
            ),
        ),
        key="survey_id",
        grain="one row per survey sent",
    ),
    Table(
        "innovation_projects",
        "innovation",
        "New-dish projects through the stage gates idea -> concept -> prototype -> pilot -> launch.",
        (
            _id("project_id", "Project identifier"),
            _col("name", "str", "Working name (the dish name if launched)"),
            _col("diet", "category", "Diet", categories=("fish", "meat", "vegan", "vegetarian")),
            _col("pilot_kitchen_id", "id", "Kitchen running the pilot", references=KITCHEN),
            _col("idea_on", "date", "Idea registered"),
            _col("concept_on", "date", "Passed the concept gate", nullable=True),
            _col("prototype_on", "date", "Passed the prototype gate", nullable=True),
            _col("pilot_on", "date", "Passed the pilot gate", nullable=True),
            _col("launched_on", "date", "Launched", nullable=True),
            _col("stopped_on", "date", "Stopped at a gate", nullable=True),
            _col(
                "stage",
                "category",
                "Last stage reached",
                categories=("concept", "idea", "launched", "pilot", "prototype"),
            ),
            _col("status", "category", "Status", categories=("in progress", "launched", "stopped")),
            _col("market_studies", "int", "Market studies linked to the project", "studies", low=0),
            _col("prototypes", "int", "Prototypes made", "prototypes", low=0),
            _col("rnd_spend_gbp", "float", "R&D spend booked to the project", "GBP", low=0),
        ),
        key="project_id",
        grain="one row per project",
    ),
    Table(
        "market_studies",
        "innovation",
        "Market research studies completed (leading measure of the innovation chain).",
        (
            _id("study_id", "Study identifier"),
            _col("completed_on", "date", "Completion date"),
            _col(
                "project_id",
                "id",
                "Project informed (empty = general study)",
                references="innovation_projects.project_id",
                nullable=True,
            ),
            _col(
                "method",
                "category",
                "Method",
                categories=("customer survey", "focus group", "market data review", "taste panel"),
            ),
            _col("respondents", "int", "Respondents", "people", low=0),
            _col("cost_gbp", "float", "Cost", "GBP", low=0),
        ),
        key="study_id",
        grain="one row per study",
    ),
    Table(
        "employees",
        "workforce",
        "Everyone employed in the period (and earlier staff still in post at its start).",
        (
            _id("employee_id", "Employee identifier"),
            _col("name", "str", "Name (fake)"),
            _col("email", "str", "Work e-mail (reserved example domains only)"),
            _col(
                "role", "category", "Role", categories=("cook", "driver", "office", "support agent")
            ),
            _col(
                "department",
                "category",
                "Department",
                categories=(
                    "Customer service",
                    "Delivery",
                    "Finance",
                    "HR",
                    "IT",
                    "Kitchens",
                    "Marketing",
                    "R&D",
                ),
            ),
            _col(
                "kitchen_id", "id", "Kitchen (cooks and drivers)", references=KITCHEN, nullable=True
            ),
            _col("hired_on", "date", "Hire date"),
            _col("exited_on", "date", "Exit date (empty = still employed)", nullable=True),
            _col(
                "exit_reason",
                "category",
                "Exit reason",
                nullable=True,
                categories=("involuntary", "voluntary"),
            ),
            _col("high_performer", "bool", "Rated high performer"),
            _col(
                "training_hours",
                "float",
                "Onboarding training in the first 90 days",
                "hours",
                low=0,
                high=500,
                decimals=1,
            ),
            _col(
                "time_to_competency_days",
                "int",
                "Days from hire until signed off as competent",
                "days",
                low=0,
                high=730,
            ),
            _col(
                "engagement_score",
                "float",
                "Latest engagement pulse score",
                "1-5",
                low=1,
                high=5,
                decimals=1,
            ),
            _col("internal_moves", "int", "Internal moves (role or team changes)", "moves", low=0),
            _col("salary_gbp", "float", "Annual base salary", "GBP", low=0, decimals=0),
        ),
        key="employee_id",
        grain="one row per employee",
    ),
    Table(
        "training",
        "workforce",
        "Ongoing training (not onboarding) per employee and month in post.",
        (
            _col("employee_id", "id", "Employee", references=EMPLOYEE),
            _col("month", "month", "Month"),
            _col("training_hours", "float", "Training hours", "hours", low=0, high=200, decimals=1),
        ),
        grain="one row per employee and month",
    ),
    Table(
        "finance_monthly",
        "finance",
        "Monthly P&L and capital. Revenue is booked in the month the order was placed (delivered orders); refunds in the month processed.",
        (
            _col("month", "month", "Month", unique=True),
            _col("revenue_subscription", "float", "Household subscription orders", "GBP"),
            _col("revenue_one_off", "float", "Household one-off orders", "GBP"),
            _col("revenue_business", "float", "Business orders (contract and one-off)", "GBP"),
            _col("refunds", "float", "Refunds processed", "GBP"),
            _col("net_revenue", "float", "Revenue lines minus refunds", "GBP"),
            _col("cogs", "float", "Cost of production batches", "GBP"),
            _col("gross_profit", "float", "net_revenue - cogs", "GBP"),
            _col("operating_costs", "float", "Sum of operating_costs for the month", "GBP"),
            _col("depreciation", "float", "Depreciation", "GBP"),
            _col(
                "exceptional_items",
                "float",
                "One-off costs (month 15: cold-store failure write-off)",
                "GBP",
            ),
            _col(
                "ebit",
                "float",
                "gross_profit - operating_costs - depreciation - exceptional_items",
                "GBP",
            ),
            _col(
                "tax_rate", "float", "Corporation tax rate", "fraction", low=0, high=1, decimals=4
            ),
            _col("tax", "float", "Tax on positive EBIT", "GBP"),
            _col("nopat", "float", "ebit - tax", "GBP"),
            _col("capex", "float", "Capital expenditure (month 10: kitchen refit)", "GBP"),
            _col("invested_capital", "float", "Invested capital at month end", "GBP"),
        ),
        key="month",
        grain="one row per month",
    ),
    Table(
        "operating_costs",
        "finance",
        "Operating costs by cost centre; IT and HR are shared costs to allocate with shared_cost_drivers. Cooks' pay is in COGS.",
        (
            _col("month", "month", "Month"),
            _col(
                "cost_centre",
                "category",
                "Cost centre",
                categories=(
                    "Customer service",
                    "Delivery",
                    "Finance & admin",
                    "HR",
                    "IT",
                    "Learning & development",
                    "Marketing",
                    "R&D",
                ),
            ),
            _col("amount", "float", "Cost", "GBP"),
        ),
        grain="one row per month and cost centre",
    ),
    Table(
        "shared_cost_drivers",
        "finance",
        "Drivers for allocating the shared IT and HR costs to business units.",
        (
            _col("month", "month", "Month"),
            _col(
                "business_unit",
                "category",
                "Business unit",
                categories=("Customer service", "Delivery", "Kitchens", "Marketing", "R&D"),
            ),
            _col("headcount", "int", "People in post on the 15th", "people", low=0),
            _col("it_tickets", "int", "IT helpdesk tickets raised", "tickets", low=0),
            _col(
                "devices",
                "int",
                "Devices supported (laptops, phones, kitchen tablets)",
                "devices",
                low=0,
            ),
        ),
        grain="one row per month and business unit",
    ),
    Table(
        "price_index",
        "finance",
        "Consumer price index and the food cost index Homeats pays (first month = 100).",
        (
            _col("month", "month", "Month", unique=True),
            _col("cpi", "float", "Consumer price index", "index", low=0),
            _col("food_cost_index", "float", "Food cost index", "index", low=0),
        ),
        key="month",
        grain="one row per month",
    ),
    Table(
        "exchange_rates",
        "finance",
        "Monthly average exchange rates (synthetic).",
        (
            _col("month", "month", "Month", unique=True),
            _col("eur_per_gbp", "float", "Euros per pound", "EUR", low=0, decimals=4),
            _col("usd_per_gbp", "float", "US dollars per pound", "USD", low=0, decimals=4),
        ),
        key="month",
        grain="one row per month",
    ),
    Table(
        "erp_invoices",
        "extracts",
        "ERP export of invoices (raw text; see discrepancies).",
        (
            _col("doc_no", "str", "ERP document number"),
            _col("customer_ref", "str", "ERP customer reference"),
            _col("doc_date", "str", "Document date, DD/MM/YYYY"),
            _col("due_date", "str", "Due date, DD/MM/YYYY"),
            _col("net_amount_pence", "int", "Amount", "pence", low=0),
            _col("status", "category", "Status at export", categories=("OPEN", "PAID")),
            _col("cleared_date", "str", "Payment date, DD/MM/YYYY (empty if open)", nullable=True),
        ),
        grain="one row per invoice, plus planted duplicates",
    ),
    Table(
        "erp_sales_daily",
        "extracts",
        "ERP daily sales by site and delivery date.",
        (
            _col("posting_date", "str", "Delivery date, YYYYMMDD"),
            _col(
                "site_code",
                "category",
                "ERP site code",
                categories=("KIT-1", "KIT-2", "KIT-3", "KIT-4"),
            ),
            _col("orders", "int", "Orders delivered", "orders", low=0),
            _col("net_sales_gbp", "float", "Sales", "GBP", low=0),
        ),
        grain="one row per day and site",
    ),
    Table(
        "crm_accounts",
        "extracts",
        "CRM export of customer accounts (UTC timestamps; see discrepancies).",
        (
            _col("account_id", "str", "CRM account ID", unique=True),
            _col("account_name", "str", "Account name"),
            _col("account_type", "category", "Account type", categories=("B2B", "Consumer")),
            _col("email", "str", "E-mail"),
            _col("city", "category", "City"),
            _col("created_utc", "str", "Created, ISO 8601 UTC"),
            _col("closed_utc", "str", "Closed, ISO 8601 UTC (empty if active)", nullable=True),
            _col("status", "category", "Status", categories=("Active", "Closed")),
        ),
        grain="one row per CRM account, plus planted duplicates",
    ),
    Table(
        "hris_employees",
        "extracts",
        "HRIS export of employees (US dates; see discrepancies).",
        (
            _col("emp_no", "str", "HRIS employee number", unique=True),
            _col("full_name", "str", "Last, First"),
            _col("job_title", "category", "Job title"),
            _col(
                "dept_code",
                "category",
                "Department code",
                categories=("CS", "DEL", "FIN", "HR", "IT", "KIT", "MKT", "RD"),
            ),
            _col("start_date", "str", "Start date, MM/DD/YYYY"),
            _col("leave_date", "str", "Leave date, MM/DD/YYYY (empty if employed)", nullable=True),
            _col("fte", "float", "Full-time equivalent", "FTE", low=0, high=1, decimals=1),
        ),
        grain="one row per employee",
    ),
    Table(
        "hris_headcount",
        "extracts",
        "HRIS monthly headcount on the last day of the month.",
        (
            _col("period", "str", "Period, YYYY-Mmm"),
            _col(
                "dept_code",
                "category",
                "Department code",
                categories=("CS", "DEL", "FIN", "HR", "IT", "KIT", "MKT", "RD"),
            ),
            _col("headcount", "int", "People in post", "people", low=0),
        ),
        grain="one row per month and department",
    ),
    Table(
        "discrepancies",
        "extracts",
        "The differences planted between the extracts and the clean tables.",
        (
            _id("discrepancy_id", "Identifier"),
            _col("system", "category", "Source system", categories=("CRM", "ERP", "HRIS")),
            _col("table", "str", "Extract table"),
            _col("column", "str", "Columns affected"),
            _col("kind", "category", "Kind of discrepancy"),
            _col("description", "str", "What differs"),
            _col("how_to_reconcile", "str", "How to reconcile"),
        ),
        key="discrepancy_id",
        grain="one row per planted discrepancy",
    ),
    Table(
        "metric_catalogue",
        "catalogue",
        "Scorecard metric catalogue.",
        (
            _id("metric_id", "Metric identifier"),
            _col("name", "str", "Metric name"),
            _col(
                "perspective",
                "category",
                "BSC perspective",
                categories=("Customer", "Financial", "Internal processes", "Learning and growth"),
            ),
            _col("definition", "str", "Current definition"),
            _col("formula", "str", "Formula on the dataset columns"),
            _col("unit", "str", "Unit"),
            _col("owner", "str", "Metric owner (accountable)"),
            _col("steward", "str", "Data steward (data quality)"),
            _col(
                "frequency",
                "category",
                "Reporting frequency",
                categories=("monthly", "quarterly", "weekly"),
            ),
            _col("source_system", "category", "Source system"),
            _col("better_when", "category", "Direction of good", categories=("higher", "lower")),
            _col("indicator", "category", "Leading or lagging", categories=("lagging", "leading")),
            _col("current_version", "int", "Current definition version", low=1),
        ),
        key="metric_id",
        grain="one row per metric",
    ),
    Table(
        "metric_versions",
        "catalogue",
        "Version history of metric definitions (valid_to is the first day of the next version).",
        (
            _col("metric_id", "id", "Metric", references="metric_catalogue.metric_id"),
            _col("version", "int", "Version number", low=1),
            _col("valid_from", "date", "First day in force"),
            _col(
                "valid_to", "date", "First day of the next version (empty = current)", nullable=True
            ),
            _col("definition", "str", "Definition in this version"),
            _col("change_reason", "str", "Why it changed"),
            _col("approved_by", "str", "Who approved the change"),
        ),
        grain="one row per metric version",
    ),
    Table(
        "departments",
        "alignment",
        "Homeats departments and the role heading each (catalogue owners are these roles).",
        (
            _col("department", "str", "Department", unique=True),
            _col("head_role", "str", "Role heading the department"),
            _col("description", "str", "What the department does"),
        ),
        key="department",
        grain="one row per department",
    ),
    Table(
        "department_targets",
        "alignment",
        "Objectives and targets each department submitted to the first scorecard workshop, "
        "cascaded from the executive team's objectives (parent).",
        (
            _id("target_id", "Identifier"),
            _col("objective", "str", "Objective as the department wrote it"),
            _col("department", "str", "Department", references="departments.department"),
            _col(
                "parent", "str", "Objective it is cascaded from (empty = top level)", nullable=True
            ),
            _col(
                "perspective",
                "category",
                "BSC perspective",
                categories=("customer", "financial", "internal_processes", "learning_growth"),
            ),
            _col("measure", "str", "Measure targeted"),
            _col("unit", "str", "Unit of the target"),
            _col(
                "direction",
                "category",
                "Which way is good",
                categories=("higher_is_better", "in_range", "lower_is_better"),
            ),
            _col("baseline", "float", "Last-12-month figure", nullable=True),
            _col("target", "float", "Target", nullable=True),
            _col("min", "float", "Lower end of the band (in_range only)", nullable=True),
            _col("max", "float", "Upper end of the band (in_range only)", nullable=True),
            _col("owner", "str", "Role accountable for the objective"),
        ),
        key="target_id",
        grain="one row per objective and measure",
    ),
    Table(
        "accountability_claims",
        "alignment",
        "Which departments claim to be accountable for, or to contribute to, each catalogue "
        "metric (workshop submissions; some were submitted twice).",
        (
            _id("claim_id", "Identifier"),
            _col("metric_id", "id", "Metric", references="metric_catalogue.metric_id"),
            _col("department", "str", "Department", references="departments.department"),
            _col("role", "category", "Role claimed", categories=("accountable", "contributes")),
            _col("submitted_on", "date", "Date submitted"),
        ),
        key="claim_id",
        grain="one row per submitted claim",
    ),
    Table(
        "dashboards",
        "alignment",
        "Three departmental dashboards that each report revenue, with their own definition.",
        (
            _col("dashboard", "str", "Dashboard", unique=True),
            _col("department", "str", "Department", references="departments.department"),
            _col("label", "str", "What the dashboard calls the figure"),
            _col("frequency", "category", "Reporting frequency", categories=("monthly", "weekly")),
            _col(
                "amounts",
                "category",
                "Refunds deducted (net) or not (gross)",
                categories=("gross", "net"),
            ),
            _col(
                "date_basis",
                "category",
                "Date the amount is booked by",
                categories=("delivery date", "order date"),
            ),
            _col("orders_counted", "str", "Which orders count"),
            _col("definition", "str", "Definition in the dashboard's documentation"),
        ),
        key="dashboard",
        grain="one row per dashboard",
    ),
    Table(
        "dashboard_exports",
        "alignment",
        "Each dashboard's revenue figure per period (weeks start on Monday; the first and last "
        "weeks are cut at the ends of the data).",
        (
            _col("dashboard", "id", "Dashboard", references="dashboards.dashboard"),
            _col("period_start", "date", "First day of the week or month"),
            _col("value", "float", "Revenue as the dashboard reports it", "GBP"),
        ),
        grain="one row per dashboard and period",
    ),
    Table(
        "measure_proposals",
        "alignment",
        "Measures the kitchen managers proposed for their own scorecards, with what the "
        "fairness and feasibility check needs.",
        (
            _id("proposal_id", "Identifier"),
            _col("kitchen_id", "id", "Kitchen of the manager proposing", references=KITCHEN),
            _col("measure", "str", "Measure proposed"),
            _col("description", "str", "What it counts"),
            _col(
                "controllable_share",
                "float",
                "Share of the outcome the kitchen team controls (workshop estimate)",
                "fraction",
                low=0,
                high=1,
            ),
            _col(
                "data_source",
                "str",
                "System that records it today (empty = not recorded)",
                nullable=True,
            ),
            _col("history_months", "int", "Months of history available", "months", low=0),
            _col(
                "gaming_risk",
                "category",
                "Risk the figure is improved without improving the work",
                categories=("high", "low", "medium"),
            ),
            _col(
                "safeguard",
                "str",
                "Counter-measure offered against gaming (empty = none)",
                nullable=True,
            ),
            _col(
                "collection_hours_per_month",
                "float",
                "Staff hours a month to collect it",
                "hours",
                low=0,
                decimals=1,
            ),
        ),
        key="proposal_id",
        grain="one row per proposal",
    ),
)

SCHEMA: dict[str, Table] = {t.name: t for t in _TABLES}

_DT = "datetime64[ns]"
_NS = {"D": 86_400 * 10**9, "min": 60 * 10**9}


def _category(col: Column, s: pd.Series) -> pd.Categorical:
    """``s`` as a Categorical with the column's categories (or its sorted values)."""
    if isinstance(s.dtype, pd.CategoricalDtype) and not s.cat.ordered:
        # Already conformed (e.g. written after generate): keep it if the categories match.
        current = s.cat.categories
        codes = s.cat.codes.to_numpy()
        cats = col.categories or tuple(sorted(current[np.unique(codes[codes >= 0])].tolist()))
        expected = pd.Index(cats)
        if current.dtype == expected.dtype and current.equals(expected):
            return s.array
    values = s.astype("str")
    cats = col.categories or tuple(sorted(values.dropna().unique()))
    return pd.Categorical(values, categories=cats)


def _floored(s: pd.Series, unit: str) -> pd.Series:
    """``s`` as datetime64[ns] floored to ``unit`` (``"D"`` or ``"min"``)."""
    if s.dtype == _DT:
        values = s.to_numpy()
        if not (values[~np.isnat(values)].view(np.int64) % _NS[unit]).any():
            return s  # already floored (e.g. written after generate): flooring changes nothing
    return pd.to_datetime(s).astype(_DT).dt.floor(unit)


def conform(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Return ``frame`` with the schema's column order and dtypes (no value is changed
    except rounding floats to their written decimals)."""
    table = SCHEMA[name]
    missing = [c for c in table.names if c not in frame.columns]
    if missing:
        msg = f"table {name!r} lacks columns {missing}; the generator and schema disagree."
        raise ValueError(msg)
    out = {}
    for col in table.columns:
        s = frame[col.name]
        if col.kind in ("id", "str"):
            out[col.name] = s.astype("str")
        elif col.kind == "category":
            out[col.name] = _category(col, s)
        elif col.kind == "int":
            out[col.name] = s.astype(np.int64)
        elif col.kind == "Int":
            out[col.name] = s.astype("Int64")
        elif col.kind == "float":
            out[col.name] = s.astype(float).round(col.decimals) + 0.0
        elif col.kind == "bool":
            out[col.name] = s.astype(bool)
        elif col.kind == "date":
            out[col.name] = _floored(s, "D")
        elif col.kind == "month":
            out[col.name] = pd.to_datetime(s).astype(_DT).dt.to_period("M").dt.start_time
        else:
            out[col.name] = _floored(s, "min")
    return pd.DataFrame(out, index=pd.RangeIndex(len(frame)))
