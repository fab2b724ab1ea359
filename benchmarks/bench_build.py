"""Benchmark: the full course build against its floor, side by side in one run.

The floor is the same number of *empty* notebooks (a parameters cell only), split between
``notebooks/`` and ``solutions/`` like the course, built the same way: :func:`bsckit.build.build`
with the same workers, papermill in-process, exercises written. What the floor costs is kernel
start-up and process overhead; what the course costs on top is its own work (data generation,
imports, computing, charts). The ratio full / floor is the figure to watch (aim: at most 1.5).

Both builds write to a temporary folder; the committed notebooks are never touched.

Usage::

    .venv/bin/python benchmarks/bench_build.py [--workers 2] [--repeat 1] [--root .] [--skip-data]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from bsckit.build import NOTEBOOK_FOLDERS, BuildParams, build


def _empty_course(root: Path, counts: dict[str, int]) -> None:
    """``counts[folder]`` notebooks holding only a parameters cell, under ``root/folder``."""
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


def _timed_build(root: Path, out: Path, workers: int, prepare_data=None) -> tuple[float, object]:
    start = time.perf_counter()
    report = build(
        root,
        params=BuildParams(),
        out=out,
        workers=workers,
        prepare_data=prepare_data,
        progress=None,
    )
    return time.perf_counter() - start, report


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
    floors, fulls = [], []
    with tempfile.TemporaryDirectory(prefix="bsckit-bench-") as tmp:
        tmp = Path(tmp)
        empty_root = tmp / "empty"
        _empty_course(empty_root, counts)
        for i in range(args.repeat):
            floor_s, floor_report = _timed_build(
                empty_root, tmp / f"floor{i}", args.workers, prepare_data=lambda p, d: d
            )
            full_s, full_report = _timed_build(
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
            stages = ", ".join(f"{k} {v:.1f} s" for k, v in full_report.seconds.items())
            print(
                f"pair {i + 1}: floor {floor_s:.1f} s, full {full_s:.1f} s ({stages}), "
                f"ratio {full_s / floor_s:.2f}"
            )
            for result in full_report.results:
                print(f"    {result.label:<45} {result.seconds:6.1f} s")
    floor, full = statistics.median(floors), statistics.median(fulls)
    print(f"floor (median): {floor:.1f} s for {total} empty notebooks")
    print(f"full build (median): {full:.1f} s")
    print(f"ratio full / floor: {full / floor:.2f} (aim: at most 1.5)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
