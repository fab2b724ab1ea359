"""What ``scipy.stats`` (imported lazily by ``bsckit.processes``) and the measures layer cost.

``lagged_correlation`` and ``lagged_regression`` call ``scipy.stats`` (Pearson, Spearman, the t
distribution) and import it inside the function, so importing ``bsckit.processes`` stays cheap
and the import is paid once, at the first correlation of a kernel. This script measures, each in a
fresh Python process, as CPU time of that process (``time.process_time``, which moves less than
wall time when other jobs share the machine), median of ``--rounds``:

- ``import bsckit.processes`` (without scipy.stats);
- ``import scipy.stats`` on top of it: the one-off cost of the first correlation;
- one ``lagged_correlation`` (24 months, lags 0-6) once scipy.stats is loaded;
- the catalogue and SMART vocabulary loading (``import bsckit.smart``);
- ``monthly_measures`` on the committed Homeats tables (every recorded measure).

Run from the repository root::

    .venv/bin/python benchmarks/bench_measures.py [--rounds 7]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_PROBE = """
import time
t0 = time.process_time()
import bsckit.processes
t1 = time.process_time()
import scipy.stats
t2 = time.process_time()
import numpy as np
x = np.random.default_rng(1).normal(size=24)
bsckit.processes.lagged_correlation(x, np.roll(x, 2), max_lag=6)
t3 = time.process_time()
bsckit.processes.lagged_correlation(x, np.roll(x, 2), max_lag=6, method="spearman")
t4 = time.process_time()
print(t1 - t0, t2 - t1, t4 - t3)
"""

_SMART = """
import time
t0 = time.process_time()
import bsckit.catalogue
t1 = time.process_time()
import bsckit.smart
t2 = time.process_time()
print(t1 - t0, t2 - t1)
"""

_LAYER = """
import time
from bsckit.data import load
from bsckit.measures import RECORDED, monthly_measures, needed_tables
tables = {n: load(n) for n in sorted({t for m in RECORDED for t in needed_tables(m)})}
monthly_measures(tables)
times = []
for _ in range(5):
    t0 = time.process_time()
    monthly_measures(tables)
    times.append(time.process_time() - t0)
print(min(times))
"""


def _run(code: str) -> list[float]:
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return [float(v) for v in out.stdout.split()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    rounds = parser.parse_args().rounds
    probe = [_run(_PROBE) for _ in range(rounds)]
    smart = [_run(_SMART) for _ in range(rounds)]
    layer = _run(_LAYER)[0]

    def ms(values: list[float]) -> str:
        return f"{statistics.median(values) * 1000:.0f}"

    print(f"CPU ms, median of {rounds} fresh processes\n")
    print("| step | ms |\n|---|---|")
    print(f"| import bsckit.processes (no scipy.stats) | {ms([p[0] for p in probe])} |")
    print(
        f"| import scipy.stats, once per kernel (first correlation) | {ms([p[1] for p in probe])} |"
    )
    print(
        f"| lagged_correlation x2 (Pearson + Spearman, 7 lags), scipy.stats loaded | {ms([p[2] for p in probe])} |"
    )
    print(f"| import bsckit.catalogue (reads measures.yaml) | {ms([s[0] for s in smart])} |")
    print(
        f"| import bsckit.smart on top (vocabulary from the catalogue) | {ms([s[1] for s in smart])} |"
    )
    print(f"| monthly_measures on the committed tables (best of 5) | {layer * 1000:.0f} |")


if __name__ == "__main__":
    main()
