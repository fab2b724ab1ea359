"""Time ``check_smart`` per call over the labelled corpus (goal: median under 20 ms).

Feedback should follow each keystroke in the SMART builder widget, so one call must be well
under the ~100 ms a person perceives as instant.

Run from the repository root::

    .venv/bin/python benchmarks/bench_smart.py            # default 20 rounds
    .venv/bin/python benchmarks/bench_smart.py --rounds 50

Prints a Markdown table: median, p95 and max milliseconds per call for the corpus sentences
(text input, no data), the same with a 24-month history passed as ``data``, structured (dict)
input, a 10,000-character text, and the first call in a fresh process (import included).
"""

from __future__ import annotations

import argparse
import platform
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bsckit.smart import check_smart  # noqa: E402

TODAY = date(2026, 11, 1)


def _time_calls(calls: list, rounds: int) -> list[float]:
    """Milliseconds per call, each call timed on its own, ``rounds`` passes over ``calls``."""
    for call in calls:  # warm-up: regex compilation and caches
        call()
    times = []
    for _ in range(rounds):
        for call in calls:
            start = time.perf_counter()
            call()
            times.append((time.perf_counter() - start) * 1000)
    return times


def _row(name: str, times: list[float]) -> str:
    ordered = np.asarray(times)
    return (
        f"| {name} | {len(times)} | {statistics.median(times):.2f} |"
        f" {np.percentile(ordered, 95):.2f} | {ordered.max():.2f} |"
    )


def _first_call_ms() -> float:
    code = (
        "import time; t = time.perf_counter(); from bsckit.smart import check_smart;"
        " check_smart('Decrease production costs by 10% in the next 6 months.');"
        " print((time.perf_counter() - t) * 1000)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    return float(out.stdout.strip())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20, help="passes over the corpus")
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")

    corpus = yaml.safe_load((ROOT / "tests" / "smart_corpus.yaml").read_text("utf-8"))
    texts = [e["text"] * e.get("repeat", 1) for e in corpus["entries"]]
    rng = np.random.default_rng(7)
    months = pd.period_range("2024-11", periods=24, freq="M")
    history = pd.Series(80 + np.cumsum(rng.normal(0.2, 0.8, 24)), index=months)
    structured = {
        "measure": "on_time_delivery",
        "baseline": 88,
        "target": 95,
        "change_kind": "absolute",
        "deadline": "2027-06-30",
        "perspective": "customer",
        "linked_objective": "Reliable delivery",
    }
    long_text = ("Reduce churn by two points by June 2027 and keep customers happy. " * 160)[
        :10_000
    ]

    results = {
        "corpus, text": _time_calls(
            [lambda t=t: check_smart(t, today=TODAY) for t in texts], args.rounds
        ),
        "corpus, text + 24-month data": _time_calls(
            [lambda t=t: check_smart(t, data=history, today=TODAY) for t in texts], args.rounds
        ),
        "structured dict": _time_calls(
            [lambda: check_smart(structured, today=TODAY)], args.rounds * 20
        ),
        "10,000-character text": _time_calls(
            [lambda: check_smart(long_text, today=TODAY)], args.rounds
        ),
    }
    first = [_first_call_ms() for _ in range(3)]

    print(f"check_smart timing ({platform.python_version()}, {platform.machine()},")
    print(f"{len(texts)} corpus sentences x {args.rounds} rounds)\n")
    print("| case | calls | median ms | p95 ms | max ms |")
    print("|---|---|---|---|---|")
    for name, times in results.items():
        print(_row(name, times))
    print(f"| first call in a new process (import included) | 3 | {statistics.median(first):.0f}"
          f" | - | {max(first):.0f} |")  # fmt: skip
    median = statistics.median(results["corpus, text"])
    verdict = "meets" if median < 20 else "MISSES"
    print(f"\nMedian per call over the corpus: {median:.2f} ms ({verdict} the 20 ms goal).")
    return 0 if median < 20 else 1


if __name__ == "__main__":
    raise SystemExit(main())
