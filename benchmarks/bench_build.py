"""Benchmark: the full course build against its floor, side by side in one run.

The floor is the same number of *empty* notebooks (a parameters cell only), split between
``notebooks/`` and ``solutions/`` like the course, built the same way: :func:`bsckit.course.build.build`
with the same workers, papermill in-process, exercises written. What the floor costs is kernel
start-up and process overhead; what the course costs on top is its own work (data generation,
imports, computing, charts). The ratio full / floor is the figure to watch (aim: at most 1.5).

With ``--serial`` it also times what a course author would write instead of ``bsckit build``:
generate the datasets, then a plain loop of ``papermill.execute_notebook`` over the same
notebooks, one after the other, with the same parameters (no exercises, no checks).

Both builds write to a temporary folder; the committed notebooks are never touched.

Usage::

    .venv/bin/python benchmarks/bench_build.py [--workers 2] [--repeat 1] [--root .] [--skip-data]
                                               [--serial]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bsckit.course.build import NOTEBOOK_FOLDERS, BuildParams, build


def _empty_course(root: Path, counts: dict[str, int]) -> None:
    """``counts[folder]`` notebooks holding only a parameters cell, under ``root/folder``."""
    # Imported here, not at the top: the build's workers are spawned, and a spawned process
    # re-imports this script as its main module, so a top-level import would be paid again
    # by every worker (nbformat was 1.5 to 2 s of each worker's start, in the floor and the full
    # build alike) - a cost `bsckit build` itself does not have.
    import nbformat

    for folder, count in counts.items():
        (root / folder).mkdir(parents=True, exist_ok=True)
        for i in range(count):
            cell = nbformat.v4.new_code_cell(
                'seed = 2024\ncompany = "Homeats"\nscenario = "baseline"\ndata_dir = "../datasets"'
            )
            cell.metadata["tags"] = ["parameters"]
            nb = nbformat.v4.new_notebook(cells=[cell])
            nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
            nbformat.write(nb, root / folder / f"empty_{i:02d}.ipynb")


def _cpu_seconds() -> float:
    """CPU time (user + system) of this process and of every finished child and grandchild.

    The workers are children of this process and the kernels are children of the workers; all
    of them have exited (and been waited for) when ``build`` returns, so their time is counted.
    """
    me = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def _timed_build(
    root: Path, out: Path, workers: int, prepare_data=None
) -> tuple[float, float, object]:
    """Wall seconds, CPU seconds and the report of one build."""
    cpu = _cpu_seconds()
    start = time.perf_counter()
    report = build(
        root,
        params=BuildParams(),
        out=out,
        workers=workers,
        prepare_data=prepare_data,
        progress=None,
    )
    return time.perf_counter() - start, _cpu_seconds() - cpu, report


def _serial_loop(root: Path, out: Path) -> tuple[float, float]:
    """Wall and CPU seconds of the author's serial loop: data, then papermill per notebook."""
    import os

    import papermill

    from bsckit import data

    # Solutions save objectives to the learner's workspace: point them at a throw-away one.
    os.environ["BSCKIT_WORKSPACE"] = str(out / "workspace")
    cpu = _cpu_seconds()
    start = time.perf_counter()
    chosen = {"seed": 2024, "company": "Homeats", "scenario": "baseline"}
    data_dir = Path(data.write(data.generate(**chosen), out / "datasets", chosen))
    for folder in NOTEBOOK_FOLDERS:
        (out / folder).mkdir(parents=True, exist_ok=True)
        for source in sorted((root / folder).glob("*.ipynb")):
            papermill.execute_notebook(
                str(source),
                str(out / folder / source.name),
                parameters={"data_dir": os.path.relpath(data_dir, out / folder)},
                cwd=str(out / folder),
                progress_bar=False,
            )
    return time.perf_counter() - start, _cpu_seconds() - cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", default=".", help="the kit's folder (default .)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=1, help="floor/full pairs to run")
    parser.add_argument(
        "--skip-data",
        action="store_true",
        help="do not generate datasets in the full build (only while no notebook reads data)",
    )
    parser.add_argument(
        "--serial",
        action="store_true",
        help="also time a plain serial papermill loop over the same notebooks",
    )
    args = parser.parse_args(argv)
    root = Path(args.root).resolve()
    counts = {
        folder: len(list((root / folder).glob("*.ipynb")))
        for folder in NOTEBOOK_FOLDERS
        if (root / folder).is_dir()
    }
    total = sum(counts.values())
    if total == 0:
        print(f"No notebooks under {root} in {', '.join(NOTEBOOK_FOLDERS)}; nothing to measure.")
        return 1
    print(f"{total} notebooks ({counts}), {args.workers} workers, {args.repeat} pair(s)")
    floors, fulls, floor_cpus, full_cpus = [], [], [], []
    with tempfile.TemporaryDirectory(prefix="bsckit-bench-") as tmp:
        tmp = Path(tmp)
        empty_root = tmp / "empty"
        _empty_course(empty_root, counts)
        for i in range(args.repeat):
            floor_s, floor_cpu, floor_report = _timed_build(
                empty_root, tmp / f"floor{i}", args.workers, prepare_data=lambda p, d: d
            )
            full_s, full_cpu, full_report = _timed_build(
                root,
                tmp / f"full{i}",
                args.workers,
                prepare_data=(lambda p, d: d) if args.skip_data else None,
            )
            if not floor_report.ok or not full_report.ok:
                print(full_report.table() if not full_report.ok else floor_report.table())
                print("A build failed; the timing is not meaningful.", file=sys.stderr)
                return 1
            floors.append(floor_s)
            fulls.append(full_s)
            floor_cpus.append(floor_cpu)
            full_cpus.append(full_cpu)
            stages = ", ".join(f"{k} {v:.1f} s" for k, v in full_report.seconds.items())
            print(
                f"pair {i + 1}: floor {floor_s:.1f} s, full {full_s:.1f} s ({stages}), "
                f"ratio {full_s / floor_s:.2f}; CPU floor {floor_cpu:.1f} s, "
                f"full {full_cpu:.1f} s"
            )
            for result in full_report.results:
                print(f"    {result.label:<45} {result.seconds:6.1f} s")
        serials = []
        for i in range(args.repeat if args.serial else 0):
            serial_s, serial_cpu = _serial_loop(root, tmp / f"serial{i}")
            serials.append(serial_s)
            print(f"serial papermill loop {i + 1}: {serial_s:.1f} s, CPU {serial_cpu:.1f} s")
    floor, full = statistics.median(floors), statistics.median(fulls)
    print(f"floor (median): {floor:.1f} s for {total} empty notebooks")
    print(f"full build (median): {full:.1f} s")
    print(f"ratio full / floor: {full / floor:.2f} (aim: at most 1.5)")
    floor_cpu, full_cpu = statistics.median(floor_cpus), statistics.median(full_cpus)
    print(
        f"CPU seconds (median, all processes): floor {floor_cpu:.1f}, full {full_cpu:.1f}, "
        f"ratio {full_cpu / floor_cpu:.2f} (less sensitive to other jobs on the machine)"
    )
    if serials:
        serial = statistics.median(serials)
        print(
            f"serial papermill loop (median): {serial:.1f} s; bsckit build is {serial / full:.2f}x faster"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
