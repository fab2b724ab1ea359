"""Time and size of the hand-out commands: ``bsckit site``, ``bsckit pack``, ``bsckit export``.

Usage (from the repository root)::

    .venv/bin/python benchmarks/bench_handouts.py [--teams 2]

Writes into a temporary folder and prints one line per command: seconds (wall clock), files and
megabytes written. The pack is run with ``--teams N`` and without PDFs, then the PDF step is
timed alone on the take-home scorecard, so the figures say where the time goes.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from bsckit.course.export import export_scorecard
from bsckit.course.pack import build_pack
from bsckit.course.site import build_site
from bsckit.scorecard import example_scorecard, example_values


def _size(folder: Path) -> tuple[int, float]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files) / 1e6


def main() -> int:
    """Run each command once and print its figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--teams", type=int, default=2)
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.1f} (2 cores; shared machines vary)")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        start = time.perf_counter()
        report = build_site(".", tmp / "site", progress=None)
        files, mb = _size(tmp / "site")
        print(f"site: {time.perf_counter() - start:.1f} s, {len(report.pages)} pages,"
              f" {report.charts} charts, {files} files, {mb:.2f} MB")  # fmt: skip

        start = time.perf_counter()
        report = build_pack(tmp / "pack", teams=args.teams, pdf=False, progress=None)
        seconds = time.perf_counter() - start
        files, mb = _size(tmp / "pack")
        zipped = report.zip_path.stat().st_size / 1e6
        print(f"pack --teams {args.teams} --no-pdf: {seconds:.1f} s"
              f" (team builds {report.seconds['teams']:.1f} s), {files} files, {mb:.1f} MB,"
              f" zip {zipped:.1f} MB")  # fmt: skip

        start = time.perf_counter()
        export_scorecard(example_scorecard(), tmp / "export", values=example_values())
        print(f"export --example (HTML + PDF by Chromium): {time.perf_counter() - start:.1f} s")
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
