"""``bsckit data``: generate the Homeats datasets, or check a folder against its manifest.

The lead wires :func:`add_arguments` and :func:`run` into ``bsckit/cli.py``.

Examples
--------
>>> import argparse
>>> parser = argparse.ArgumentParser(prog="bsckit data")
>>> add_arguments(parser)
>>> args = parser.parse_args(["--seed", "7", "--scenario", "growth"])
>>> args.seed, args.scenario, args.months
(7, 'growth', 24)
"""

from __future__ import annotations

import argparse
import sys
import time

from bsckit.data.generate import Params, generate
from bsckit.data.io import check, default_data_dir, write
from bsckit.data.scenarios import SCENARIOS
from bsckit.data.schema import SCHEMA

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the ``bsckit data`` options to ``parser``."""
    d = Params()
    parser.add_argument("--seed", type=int, default=d.seed, help=f"random seed (default {d.seed})")
    parser.add_argument("--start", default=d.start, help=f"first month YYYY-MM (default {d.start})")
    parser.add_argument(
        "--months", type=int, default=d.months, help=f"months, 1-120 (default {d.months})"
    )
    parser.add_argument(
        "--scale", type=float, default=d.scale, help="size multiplier, 0.05-20 (default 1)"
    )
    parser.add_argument(
        "--scenario",
        default=d.scenario,
        choices=sorted(SCENARIOS),
        help="story to generate (default baseline)",
    )
    parser.add_argument("--company", default=d.company, help=f"company name (default {d.company})")
    parser.add_argument("--locale", default=d.locale, help=f"Faker locale (default {d.locale})")
    parser.add_argument(
        "--out",
        default=None,
        help="output folder (default: $BSCKIT_DATA_DIR or the repository's datasets/)",
    )
    parser.add_argument(
        "--check",
        metavar="DIR",
        default=None,
        help="verify DIR against its manifest.json instead of generating",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress display")


class _Progress:
    def __init__(self, total: int, quiet: bool, label: str) -> None:
        self.quiet = quiet
        self.bar = None
        if not quiet:
            try:
                from tqdm import tqdm

                self.bar = tqdm(total=total, desc=label, unit="table", file=sys.stderr, leave=True)
            except ImportError:  # pragma: no cover - tqdm comes with jupyter
                self.bar = None
        self.count = 0
        self.total = total
        self.label = label

    def __call__(self, name: str) -> None:
        self.count += 1
        if self.quiet:
            return
        if self.bar is not None:
            self.bar.set_postfix_str(name)
            self.bar.update(1)
        else:
            print(f"{self.label} {self.count}/{self.total} {name}", file=sys.stderr)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def run(args: argparse.Namespace) -> int:
    """Run ``bsckit data``; return the exit code (0 ok, 1 check found problems, 2 bad input)."""
    if args.check:
        problems = check(args.check)
        for problem in problems:
            print(problem, file=sys.stderr)
        if problems:
            print(f"{args.check}: {len(problems)} problem(s) found", file=sys.stderr)
            return 1
        print(f"{args.check}: every file matches manifest.json")
        return 0
    try:
        params = Params(
            args.seed, args.start, args.months, args.scale, args.scenario, args.company, args.locale
        )
    except (TypeError, ValueError) as exc:
        print(f"bsckit data: {exc}", file=sys.stderr)
        return 2
    out = args.out if args.out is not None else default_data_dir()
    started = time.perf_counter()
    progress = _Progress(len(SCHEMA), args.quiet, "generate")
    try:
        tables = generate(**params.to_dict(), progress=progress)
    finally:
        progress.close()
    progress = _Progress(len(SCHEMA), args.quiet, "write")
    try:
        folder = write(tables, out, params, progress=progress)
    finally:
        progress.close()
    rows = sum(len(t) for t in tables.values())
    seconds = time.perf_counter() - started
    print(f"wrote {len(tables)} tables, {rows:,} rows to {folder} in {seconds:.1f} s")
    return 0
