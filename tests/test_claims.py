"""Every registered claim holds on at least 95 % of generated datasets, per scenario.

Each claim is a sentence a lesson states as fixed text (see ``bsckit.claims``); its check is
evaluated on ``SEEDS_PER_SCENARIO`` generated datasets of each scenario, generated in memory once
per seed and shared by every claim. The pass rate of every claim is printed (``pytest -s``) and
must be at least ``MIN_PASS_RATE`` in each scenario.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import pytest

from bsckit.claims import Evidence, Verdict, claim_tag, claims, evaluate_all, get_claim
from bsckit.data import generate
from bsckit.data.scenarios import SCENARIOS

SEEDS_PER_SCENARIO = 20
SEEDS = tuple(range(1001, 1001 + SEEDS_PER_SCENARIO))
MIN_PASS_RATE = 0.95


@functools.cache
def verdicts(scenario: str) -> dict[str, list[Verdict]]:
    out: dict[str, list[Verdict]] = {}
    for seed in SEEDS:
        for cid, verdict in evaluate_all(generate(seed=seed, scenario=scenario)).items():
            out.setdefault(cid, []).append(verdict)
    return out


def test_claims_are_registered() -> None:
    assert len(claims(3)) >= 1
    assert all(c.tag == claim_tag(c.id) for c in claims())


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
@pytest.mark.parametrize("claim_id", [c.id for c in claims()])
def test_claim_holds_on_most_seeds(claim_id: str, scenario: str) -> None:
    results = verdicts(scenario)[claim_id]
    rate = sum(v.holds for v in results) / len(results)
    figures = [round(v.figure, 3) for v in results]
    print(f"claim {claim_id} [{scenario}]: holds on {rate:.0%} of {len(results)} seeds; {figures}")
    assert rate >= MIN_PASS_RATE, f"{get_claim(claim_id).sentence!r}: {figures}"


def test_a_false_verdict_is_reported() -> None:
    empty = Evidence({})
    with pytest.raises(ValueError, match="holds none of the tables"):
        get_claim("3.1").evaluate(empty)


LESSONS = {
    2: "notebooks/02_customer.ipynb",
    3: "notebooks/03_internal_processes.ipynb",
    4: "notebooks/04_financial.ipynb",
    5: "notebooks/05_learning_growth.ipynb",
    6: "notebooks/06_governance.ipynb",
    7: "notebooks/07_technology.ipynb",
}


def _lesson_text(module: int) -> str:
    """Markdown cells and the Markdown the code cells printed, emphasis removed, one line."""
    root = Path(__file__).resolve().parents[1]
    nb = json.loads((root / LESSONS[module]).read_text(encoding="utf-8"))
    parts = []
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            parts.append("".join(cell["source"]))
        for output in cell.get("outputs", []):
            parts.append("".join(output.get("data", {}).get("text/markdown", "")))
    return re.sub(r"\s+", " ", " ".join(parts).replace("*", "")).lower()


@pytest.mark.parametrize("module", sorted(LESSONS))
def test_every_claim_is_stated_and_tagged_in_its_lesson(module: int) -> None:
    """The executed lesson prints each claim's sentence followed by its tag, so it is traceable."""
    text = _lesson_text(module)
    for c in claims(module):
        stated = f"{c.sentence.rstrip('.')} {claim_tag(c.id)}".replace("*", "").lower()
        assert stated in text, f"claim {c.id} not stated with its tag: {c.sentence!r}"


@pytest.mark.parametrize("module", sorted(LESSONS))
def test_every_tag_in_the_lesson_is_a_registered_claim(module: int) -> None:
    tagged = set(re.findall(r"\(claim (\d+\.\d+[a-z]?)\)", _lesson_text(module)))
    assert tagged == {c.id for c in claims(module)}
