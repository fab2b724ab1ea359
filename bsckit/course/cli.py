"""The ``bsckit`` command: one entry point for learners, instructors and authors.

Each subcommand lives in the module named in :data:`COMMANDS`, which provides ``HELP`` (one
line), ``add_arguments(parser)`` and ``run(args) -> int``. Modules are imported only when their
subcommand runs, so ``bsckit doctor`` stays quick.

Examples
--------
>>> parser = build_parser()
>>> sorted(parser._subparsers._group_actions[0].choices)[:2]
['agenda', 'build']
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from bsckit import __version__

__all__ = ["COMMANDS", "build_parser", "main"]

#: subcommand -> (module, attribute prefix, one-line help)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "doctor": (
        "bsckit.course.doctor",
        "",
        "check that this environment can run the kit (OK/FAIL per item)",
    ),
    "data": (
        "bsckit.course.data_cli",
        "",
        "generate Homeats datasets, or --check a folder against its manifest",
    ),
    "build": (
        "bsckit.course.build_cli",
        "build_",
        "regenerate data and re-execute every notebook with papermill",
    ),
    "exercises": (
        "bsckit.course.build_cli",
        "exercises_",
        "write learner exercises/ from solutions/",
    ),
    "agenda": (
        "bsckit.course.agenda",
        "",
        "print a workshop agenda from the notebooks' teaching and exercise minutes",
    ),
    "export": (
        "bsckit.course.export",
        "",
        "write your scorecard as one page (HTML and PDF): strategy map and scorecard table",
    ),
    "pack": (
        "bsckit.course.pack",
        "",
        "write an instructor pack: agenda, facilitator notes, answer keys, team builds, handouts",
    ),
    "site": (
        "bsckit.course.site",
        "",
        "write the course as a static offline website with contents and search",
    ),
}


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser with every subcommand attached."""
    parser = argparse.ArgumentParser(
        prog="bsckit",
        description="Balanced Scorecard teaching kit (Homeats): setup checks, data and course build.",
    )
    parser.add_argument("--version", action="version", version=f"bsckit {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (_module, _prefix, help_text) in COMMANDS.items():
        child = sub.add_parser(name, help=help_text, description=help_text)
        child.set_defaults(command=name)
    return parser


def _load(name: str):
    module_name, prefix, _help = COMMANDS[name]
    module = importlib.import_module(module_name)
    return getattr(module, f"{prefix}add_arguments"), getattr(module, f"{prefix}run")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``bsckit`` command line; return the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    first, _ = parser.parse_known_args(argv[:1]) if argv else (argparse.Namespace(command=None), [])
    if first.command is None:
        parser.print_help()
        return 0 if not argv else 2
    add_arguments, run = _load(first.command)
    child = argparse.ArgumentParser(
        prog=f"bsckit {first.command}", description=COMMANDS[first.command][2]
    )
    add_arguments(child)
    args = child.parse_args(argv[1:])
    return int(run(args) or 0)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
