"""The module-2 plants in words, for the data dictionary (``datasets/README.md``).

Each entry names the plant, where it acts, its strength (read from the generator's constants,
so the text cannot drift from the code) and how a learner finds it. The registered claims that
test them over many seeds are in :mod:`bsckit.claims.customer`.

Examples
--------
>>> lines = customer_effects_section(24)
>>> lines[1]
'## Customer plants (module 2)'
"""

from __future__ import annotations

from . import campaign, courier, journeys, voice

__all__ = ["customer_effects_section"]


def _month(index: int | None) -> str:
    return "not present (too few months)" if index is None else f"month offset {index}"


def customer_effects_section(months: int) -> list[str]:
    """Markdown lines describing the module-2 plants for data of ``months`` months."""
    lo, hi = courier.EARLY_MINUTES
    return [
        "",
        "## Customer plants (module 2)",
        "",
        "Months are counted from the first month of the data (0 = first month). None of these "
        "changes a month's relationship NPS or the planted chains above.",
        "",
        f"- `courier_early_drops` (orders, surveys; {_month(courier.change_month(months))} on): "
        f"kitchen {courier.COURIER_KITCHEN} hands its deliveries to a new courier partner. "
        f"{courier.LATE_CUT:.0%} of its late deliveries become on time, and "
        f"{courier.EARLY_SHARE:.0%} of the rest are left {lo}-{hi} minutes before the promised "
        "slot. On-time delivery by the catalogue rule (delivered by the promised time) improves; "
        f"delivery CSAT of those orders is drawn around {voice.EARLY_DELIVERY_CSAT:g}, and "
        "customers with such a delivery in the previous "
        f"{voice.EARLY_MEMORY_DAYS} days rank {voice.EARLY_PENALTY:g} standard deviations lower "
        "when the month's relationship scores are handed out. Found by: NPS by kitchen before "
        "and after, then the distribution of delivered_at - promised_at.",
        f"- `in_app_relationship_survey` (surveys; {_month(voice.app_survey_month(months))} on): "
        "the relationship survey moves to an in-app prompt; answer propensity becomes "
        + ", ".join(f"{k} x{v:g}" for k, v in voice.APP_PROPENSITY.items())
        + ". The month's scores go by rank of a latent satisfaction ("
        + ", ".join(f"{k} {v:+g}" for k, v in voice.PLAN_LEVEL.items())
        + " standard deviations), so the answers shift towards subscribers and every plan's NPS "
        "falls while the overall NPS does not (a Simpson-style mix effect). Found by: NPS by "
        "plan and year, and the year-2 NPS at year 1's mix of respondents.",
        f"- `survey_fatigue` (surveys): a touchpoint survey (not the relationship survey) keeps "
        f"its answer with probability {voice.FATIGUE_KEEP:g} to the power of the surveys the "
        f"same customer was sent in the previous {voice.FATIGUE_DAYS} days. Found by: response "
        "rate by the number of recent invitations.",
        "- `onboarding_and_early_cancellation` (journey_events): a customer still a customer "
        f"{journeys.STAY_DAYS} days after signing up completed onboarding with probability "
        f"{journeys.ONBOARDED_IF_STAYED:g}, one who cancelled sooner with "
        f"{journeys.ONBOARDED_IF_LEFT:g} (drawn after the stay, so the data show an association "
        "only). Found by: 90-day cancellation rate by onboarding completed or not.",
        f"- `office_discount_campaign` (campaigns, campaign_redemptions, customers, orders; "
        f"{_month(campaign.campaign_month(months))}): about {campaign.EXTRA_SIGNUPS:g} extra "
        f"offices (times the scale) sign up at {campaign.DISCOUNT:.0%} off their first "
        f"{campaign.DISCOUNT_MONTHS} months; each then cancels with probability "
        f"{campaign.CHURN_AFTER:g} in the three months after the discount ends. Business revenue "
        "jumps in the campaign quarter, business cancellations a few months later. Found by: "
        "monthly business revenue and cancellations, and six-month cancellation by sign-up "
        "cohort.",
    ]
