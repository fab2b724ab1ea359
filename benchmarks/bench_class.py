"""N learners at once on the class hub, each working through the module-3 exercises.

Starts a throwaway class hub on 127.0.0.1 (``class/trial_hub.py``: the real
``class/jupyterhub_config.py``, N fresh learner accounts, the committed course as a local git
repository) and, all at the same moment, every learner:

1. logs in with their own password and starts their server (as when a whole room clicks the
   course link at once);
2. pulls the course with nbgitpuller;
3. opens ``exercises/03_internal_processes.ipynb`` in a kernel and runs every code cell, top to
   bottom (the untouched exercises), then runs the code cells of
   ``solutions/03_internal_processes.ipynb`` in the same kernel (the learner filling in the
   answers and running the checks).

Every cell's wall time is recorded, from the request leaving the client to the kernel going idle,
through the hub's proxy and the websocket, as JupyterLab sees it. While it runs, the memory of
each learner (the resident set of every process of their Unix account: server and kernel) is
sampled twice a second. By default everyone arrives at once and runs cell after cell with no
pause (the worst case); ``--ramp S`` spreads the arrivals over S seconds and ``--think S`` pauses
S seconds after each cell (reading and typing), which is closer to a real room. Needs root (it makes Unix accounts) and the class environment
(``make class-setup``). Run from the repository root::

    .venv/bin/python benchmarks/bench_class.py --learners 10

The last line is ``learners=N ok=K p95_cell_s=X peak_mb_per_learner=Y``: K learners finished
without an error, X is the 95th percentile of all their cell times, Y the largest peak memory of
any one learner. The hub, the accounts and their processes are removed at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "class"))

from hub_learner import HubLearner, code_cells  # noqa: E402
from trial_hub import COURSE_BRANCH, TrialHub  # noqa: E402

EXERCISES = "bsckit/exercises/03_internal_processes.ipynb"
SOLUTIONS = ROOT / "solutions" / "03_internal_processes.ipynb"


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (nearest rank) of ``values``."""
    ordered = sorted(values)
    rank = max(1, round(q / 100 * len(ordered) + 0.5))
    return ordered[min(rank, len(ordered)) - 1]


class MemorySampler(threading.Thread):
    """Peak resident memory (MB) per Unix account, sampled every ``every`` seconds."""

    def __init__(self, uids: dict[str, int], every: float = 0.5):
        super().__init__(daemon=True)
        self.by_uid = {uid: name for name, uid in uids.items()}
        self.peak = dict.fromkeys(uids, 0.0)
        self.cpu_by_pid: dict[int, tuple[str, float]] = {}
        self.every = every
        self.done = threading.Event()

    def cpu_seconds(self) -> dict[str, float]:
        """CPU seconds (user + system) each learner's processes used, as last sampled."""
        total = dict.fromkeys(self.peak, 0.0)
        for name, seconds in self.cpu_by_pid.values():
            total[name] += seconds
        return total

    def run(self) -> None:
        import psutil

        while not self.done.is_set():
            total = dict.fromkeys(self.peak, 0.0)
            for proc in psutil.process_iter(["uids", "memory_info", "cpu_times"]):
                try:
                    name = self.by_uid.get(proc.info["uids"].real)
                    if name is not None:
                        total[name] += proc.info["memory_info"].rss / 2**20
                        cpu = proc.info["cpu_times"]
                        self.cpu_by_pid[proc.pid] = (name, cpu.user + cpu.system)
                except (psutil.Error, AttributeError, TypeError):
                    pass
            for name, mb in total.items():
                self.peak[name] = max(self.peak[name], mb)
            self.done.wait(self.every)


async def learner_works(
    hub: TrialHub, name: str, solution_cells: list[str], delay: float = 0, think: float = 0
) -> dict:
    learner = HubLearner(hub.url, name, hub.passwords[name], timeout=600)
    result = {"name": name, "ok": False, "cells": [], "error": ""}
    await asyncio.sleep(delay)
    try:
        await learner.login()
        result["start_s"] = await learner.start_server()
        started = time.perf_counter()
        await learner.git_pull(str(hub.course), COURSE_BRANCH)
        result["pull_s"] = time.perf_counter() - started
        notebook = await learner.read_notebook(EXERCISES)
        kernel = await learner.open_kernel(EXERCISES)
        runs = await learner.run_cells(kernel, code_cells(notebook) + solution_cells, pause=think)
        await learner.shutdown_kernel(kernel)
        result["cells"] = [run.seconds for run in runs]
        result["ok"] = True
    except Exception as error:  # a failed learner is counted, not fatal
        result["error"] = f"{type(error).__name__}: {error}"
    finally:
        await learner.close()
    return result


async def whole_class(
    hub: TrialHub, solution_cells: list[str], ramp: float = 0, think: float = 0
) -> list[dict]:
    step = ramp / len(hub.names)
    return await asyncio.gather(
        *(
            learner_works(hub, n, solution_cells, delay=i * step, think=think)
            for i, n in enumerate(hub.names)
        )
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--learners", type=int, default=10, help="learners at once (default 10)")
    parser.add_argument("--mem-limit", default="1G", help="memory limit per learner (1G)")
    parser.add_argument("--cpu-limit", type=float, default=1.0, help="cores per learner (1.0)")
    parser.add_argument(
        "--ramp",
        type=float,
        default=0,
        help="spread the learners' arrivals over this many seconds (default 0: all at once)",
    )
    parser.add_argument(
        "--think",
        type=float,
        default=0,
        help="seconds each learner pauses after each cell (default 0: no reading or typing)",
    )
    parser.add_argument("--json", help="also write every learner's figures to this file")
    args = parser.parse_args()
    if not 1 <= args.learners <= 200:
        parser.error(f"--learners={args.learners} is out of range; use 1 to 200")
    solution_cells = code_cells(json.loads(SOLUTIONS.read_text()))

    load_before = os.getloadavg()
    hub = TrialHub(learners=args.learners, mem_limit=args.mem_limit, cpu_limit=args.cpu_limit)
    try:
        hub.start()
        sampler = MemorySampler(hub.unix_uids())
        sampler.start()
        started = time.perf_counter()
        results = asyncio.run(whole_class(hub, solution_cells, args.ramp, args.think))
        wall = time.perf_counter() - started
        sampler.done.set()
        sampler.join()
    finally:
        hub.stop()

    ok = [r for r in results if r["ok"]]
    cells = [s for r in ok for s in r["cells"]]
    starts = [r["start_s"] for r in results if "start_s" in r]
    peaks = list(sampler.peak.values())
    print(f"machine: {os.cpu_count()} cores; load average before {load_before[0]:.1f}")
    print(
        f"learners at once: {args.learners}, limits {args.mem_limit} and {args.cpu_limit} core each"
    )
    print(f"arrivals spread over {args.ramp:.0f} s; {args.think:.0f} s pause after each cell")
    print(f"wall time for the whole class: {wall:.1f} s")
    if starts:
        print(
            f"server start (login to ready): median {statistics.median(starts):.1f} s, "
            f"p95 {percentile(starts, 95):.1f} s, max {max(starts):.1f} s"
        )
    if cells:
        print(
            f"cells: {len(cells)} run; median {statistics.median(cells):.2f} s, "
            f"p95 {percentile(cells, 95):.2f} s, max {max(cells):.2f} s"
        )
        later = [s for r in ok for s in r["cells"][2:]]
        if later:
            print(
                f"cells after the first two (parameters, imports): median "
                f"{statistics.median(later):.2f} s, p95 {percentile(later, 95):.2f} s"
            )
    print(
        f"peak memory per learner (server + kernel RSS): median {statistics.median(peaks):.0f} MB, "
        f"max {max(peaks):.0f} MB"
    )
    cpu = [sampler.cpu_seconds()[r["name"]] for r in ok]
    if cpu:
        print(
            f"CPU per learner who finished (server + kernel, user + system, sampled): "
            f"median {statistics.median(cpu):.1f} s, max {max(cpu):.1f} s"
        )
    for r in results:
        if not r["ok"]:
            print(f"FAILED {r['name']}: {r['error']}")
    if args.json:
        Path(args.json).write_text(
            json.dumps({"results": results, "peaks": sampler.peak}, indent=1)
        )
    p95 = percentile(cells, 95) if cells else float("nan")
    print(
        f"learners={args.learners} ok={len(ok)} p95_cell_s={p95:.2f} "
        f"peak_mb_per_learner={max(peaks):.0f}"
    )
    return 0 if len(ok) == args.learners else 1


if __name__ == "__main__":
    sys.exit(main())
