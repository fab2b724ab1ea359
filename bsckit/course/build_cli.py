"""Command-line glue for ``bsckit build`` and ``bsckit exercises``.

:mod:`bsckit.course.cli` loads ``build_add_arguments`` / ``build_run`` and ``exercises_add_arguments``
/ ``exercises_run`` from here. Each ``*_run(args)`` returns the exit code: 0 when all went well,
1 when a notebook failed or exercises are stale, 2 when the build could not start.

Examples
--------
>>> import argparse
>>> parser = argparse.ArgumentParser()
>>> build_add_arguments(parser)
>>> args = parser.parse_args(["--seed", "7", "--scenario", "growth"])
>>> params_from_args(args)
BuildParams(seed=7, company='Homeats', scenario='growth')
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from bsckit.course.build import SCENARIOS, BuildError, BuildParams, build
from bsckit.course.exercises import write_exercises

__all__ = [
    "build_add_arguments",
    "build_run",
    "exercises_add_arguments",
    "exercises_run",
    "main",
    "params_from_args",
]

_DEFAULTS = BuildParams()


def build_add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``bsckit build``."""
    parser.add_argument(
        "--seed", type=int, default=_DEFAULTS.seed, help=f"dataset seed (default {_DEFAULTS.seed})"
    )
    parser.add_argument(
        "--company",
        default=_DEFAULTS.company,
        help=f"company name (default {_DEFAULTS.company!r})",
    )
    parser.add_argument(
        "--scenario",
        default=_DEFAULTS.scenario,
        choices=SCENARIOS,
        help=f"data scenario (default {_DEFAULTS.scenario!r})",
    )
    parser.add_argument(
        "--out",
        default=None,
        help="output folder (default: in place for the default parameters, "
        "else build/<seed>-<scenario>-<company>)",
    )
    parser.add_argument(
        "--workers", type=int, default=2, help="notebooks executed at once (default 2)"
    )
    parser.add_argument("--root", default=".", help="the kit's folder (default: current folder)")
    parser.add_argument(
        "--accept-edits",
        action="store_true",
        help="authors: overwrite notebooks edited since the last build instead of writing "
        "the new output to build/variants/",
    )
    parser.add_argument(
        "--no-exercises", action="store_true", help="do not write exercises/ at the end"
    )
    parser.add_argument(
        "--timeout", type=float, default=600.0, help="seconds one cell may run (default 600)"
    )


def params_from_args(args: argparse.Namespace) -> BuildParams:
    """The :class:`BuildParams` named on the command line."""
    return BuildParams(seed=args.seed, company=args.company, scenario=args.scenario)


def build_run(args: argparse.Namespace) -> int:
    """Run ``bsckit build``; print the per-notebook table; return the exit code."""
    try:
        params = params_from_args(args)
        report = build(
            args.root,
            params=params,
            out=args.out,
            workers=args.workers,
            exercises=not args.no_exercises,
            accept_edits=args.accept_edits,
            timeout=args.timeout,
        )
    except (BuildError, ValueError, TypeError, FileNotFoundError) as error:
        print(f"bsckit build: {error}", file=sys.stderr)
        return 2
    print(report.table())
    if not report.ok:
        names = ", ".join(r.label for r in report.failed)
        print(f"bsckit build: {len(report.failed)} notebook(s) failed: {names}", file=sys.stderr)
        return 1
    print(f"Built {len(report.results)} notebook(s) into {report.out_dir}.")
    return 0


def exercises_add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``bsckit exercises``."""
    parser.add_argument(
        "--solutions", default="solutions", help="folder of solved notebooks (default solutions)"
    )
    parser.add_argument(
        "--out", default="exercises", help="folder for exercise notebooks (default exercises)"
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 and list the files that are stale",
    )


def exercises_run(args: argparse.Namespace) -> int:
    """Run ``bsckit exercises``; return the exit code."""
    try:
        results = write_exercises(args.solutions, args.out, check=args.check)
    except (ValueError, FileNotFoundError) as error:
        print(f"bsckit exercises: {error}", file=sys.stderr)
        return 2
    if args.check:
        stale = [r for r in results if r.status == "stale"]
        for item in stale:
            print(item.describe())
        if stale:
            print(
                f"{len(stale)} of {len(results)} exercise notebook(s) are stale.", file=sys.stderr
            )
            return 1
        print(f"All {len(results)} exercise notebook(s) are up to date.")
        return 0
    for item in results:
        print(item.describe())
    kept = [r for r in results if r.status == "kept_learner_copy"]
    written = sum(r.status == "written" for r in results)
    print(
        f"{written} written, {len(results) - written - len(kept)} unchanged, "
        f"{len(kept)} kept as edited (new version in {Path(args.out) / 'updated'})."
    )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m bsckit.course.build_cli build|exercises ...`` (same as the ``bsckit`` subcommands)."""
    parser = argparse.ArgumentParser(prog="python -m bsckit.course.build_cli")
    sub = parser.add_subparsers(dest="command", required=True)
    build_add_arguments(sub.add_parser("build", help="build the course"))
    exercises_add_arguments(sub.add_parser("exercises", help="write exercises/ from solutions/"))
    args = parser.parse_args(argv)
    return build_run(args) if args.command == "build" else exercises_run(args)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
