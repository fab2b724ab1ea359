"""Benchmark the Homeats data generator (not a test; figures go to benchmarks/README.md).

Run:  .venv/bin/python benchmarks/bench_data.py [--quick]

1. default dataset: generate() and write() wall time (median of 3 runs);
2. scale=10: wall time and peak memory, in a fresh process (tracemalloc peak of Python
   allocations and the process's maximum resident set size);
3. side by side on the same rows: the vectorised customers + orders code (median of 7 runs: it
   takes well under 0.1 s, so one burst of load on the shared machine would sway a median of 3)
   against the naive way (one Faker call per field per row, appended to lists; one run of a few
   seconds).
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np


def _default(repeats: int) -> dict:
    import bsckit.data as data

    gen, wrt = [], []
    for _ in range(repeats):
        t0 = time.perf_counter()
        tables = data.generate()
        t1 = time.perf_counter()
        with tempfile.TemporaryDirectory() as out:
            data.write(tables, out, data.Params())
        wrt.append(time.perf_counter() - t1)
        gen.append(t1 - t0)
    rows = sum(len(t) for t in tables.values())
    return {"generate_s": statistics.median(gen), "write_s": statistics.median(wrt), "rows": rows}


_SCALE_CODE = """
import json, resource, time, tracemalloc
import bsckit.data as data
tracemalloc.start()
t0 = time.perf_counter()
tables = data.generate(scale={scale})
seconds = time.perf_counter() - t0
peak = tracemalloc.get_traced_memory()[1]
tracemalloc.stop()
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({{"seconds": seconds, "tracemalloc_peak_mb": peak / 1e6,
                  "max_rss_mb": rss / 1e6, "rows": sum(len(t) for t in tables.values()),
                  "orders": len(tables["orders"])}}))
"""


def _scaled(scale: float) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", _SCALE_CODE.format(scale=scale)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout)


def _vectorised(seed: int = 2024) -> tuple[float, int, int]:
    from bsckit.data import company, orders
    from bsckit.data.drivers import Calendar, monthly_plan, rng_for
    from bsckit.data.generate import generate
    from bsckit.data.scenarios import get_scenario

    base = generate(seed=seed)
    cal = Calendar("2024-01", 24)
    plan = monthly_plan(cal, get_scenario("baseline"), 1.0, seed)
    runs = []
    for _ in range(7):
        t0 = time.perf_counter()
        pool = company.NamePool("en_GB", seed)
        kitchens = company.kitchen_cities(pool)
        cust = company.customers(cal, plan, pool, kitchens, rng_for(seed, "customers"))
        ords = orders.orders(cal, plan, cust, base["dishes"], rng_for(seed, "orders"))
        runs.append(time.perf_counter() - t0)
    return statistics.median(runs), len(cust), len(ords)


def _naive(n_customers: int, n_orders: int, seed: int = 2024) -> float:
    """One Faker call per field per row, rows appended to lists."""
    import datetime as dt

    from faker import Faker

    fake = Faker("en_GB")
    fake.seed_instance(seed)
    t0 = time.perf_counter()
    cols: dict[str, list] = {
        k: []
        for k in ("name", "email", "address", "postcode", "city", "company", "channel", "signup_at")
    }
    for _ in range(n_customers):
        cols["name"].append(fake.name())
        cols["email"].append(fake.email(domain="example.com"))
        cols["address"].append(fake.street_address())
        cols["postcode"].append(fake.postcode())
        cols["city"].append(fake.random_element(["London", "Manchester", "Leeds", "Birmingham"]))
        cols["company"].append(fake.company())
        cols["channel"].append(fake.random_element(["app", "web", "partner", "sales team"]))
        cols["signup_at"].append(
            fake.date_time_between(dt.datetime(2020, 1, 1), dt.datetime(2025, 12, 31))
        )
    ocols: dict[str, list] = {
        k: []
        for k in (
            "customer",
            "ordered_at",
            "promised_at",
            "delivered_at",
            "order_type",
            "channel",
            "dish",
            "portions",
            "amount",
        )
    }
    start, end = dt.datetime(2024, 1, 1), dt.datetime(2025, 12, 31)
    for _ in range(n_orders):
        ordered = fake.date_time_between(start, end)
        ocols["customer"].append(fake.random_int(1, n_customers))
        ocols["ordered_at"].append(ordered)
        promised = ordered + dt.timedelta(days=fake.random_int(1, 4))
        ocols["promised_at"].append(promised)
        ocols["delivered_at"].append(promised + dt.timedelta(minutes=fake.random_int(-30, 60)))
        ocols["order_type"].append(fake.random_element(["subscription", "one-off"]))
        ocols["channel"].append(fake.random_element(["app", "web", "phone", "email"]))
        ocols["dish"].append(fake.random_int(1, 90))
        ocols["portions"].append(fake.random_int(1, 8))
        ocols["amount"].append(float(fake.pydecimal(left_digits=3, right_digits=2, positive=True)))
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one repeat, skip scale=10")
    args = parser.parse_args()
    print("cores:", len(__import__("os").sched_getaffinity(0)))
    d = _default(1 if args.quick else 3)
    print(
        f"default: generate {d['generate_s']:.2f} s, write {d['write_s']:.2f} s, {d['rows']:,} rows"
    )
    if not args.quick:
        s = _scaled(10)
        print(
            f"scale=10: {s['seconds']:.1f} s, tracemalloc peak {s['tracemalloc_peak_mb']:.0f} MB, "
            f"max RSS {s['max_rss_mb']:.0f} MB, {s['rows']:,} rows ({s['orders']:,} orders)"
        )
    vec, n_c, n_o = _vectorised()
    naive = _naive(n_c, n_o)
    print(
        f"same rows ({n_c:,} customers, {n_o:,} orders): vectorised {vec:.2f} s, "
        f"naive {naive:.1f} s, ratio {naive / vec:.0f}x"
    )
    print(
        "max RSS of this process:",
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB",
        np.__version__,
    )


if __name__ == "__main__":
    main()
