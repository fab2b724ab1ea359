"""``bsckit doctor``: can this environment run the kit? One OK / FAIL line per item.

Checks the Python version, every required package (with its version), the Jupyter kernel,
the ipywidgets front end in JupyterLab, and whether charts will render with no internet
(see :mod:`bsckit.charts`). Exits non-zero when anything fails, and says what to do.

Examples
--------
>>> results = run_checks()
>>> all(r.ok for r in results if r.item.startswith("package pandas"))
True
"""

from __future__ import annotations

import argparse
import importlib
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

__all__ = ["REQUIRED_PACKAGES", "CheckResult", "add_arguments", "run", "run_checks"]

HELP = "check that this environment can run the kit (OK/FAIL per item)"

#: distribution name -> import name, for every package a notebook needs at run time.
REQUIRED_PACKAGES: dict[str, str] = {
    "jupyterlab": "jupyterlab",
    "ipykernel": "ipykernel",
    "ipywidgets": "ipywidgets",
    "pandas": "pandas",
    "numpy": "numpy",
    "scipy": "scipy",
    "altair": "altair",
    "papermill": "papermill",
    "nbval": "nbval",
    "faker": "faker",
    "pyyaml": "yaml",
}

FIX = "Run `make course` (or `pip install -e .`) in the kit folder, then `bsckit doctor` again."


@dataclass(frozen=True)
class CheckResult:
    """Outcome of one check: what was checked, whether it passed, and the detail to print."""

    item: str
    ok: bool
    detail: str

    def line(self) -> str:
        """Return the printable line, e.g. ``OK    package pandas 3.1.1``."""
        status = "OK  " if self.ok else "FAIL"
        return f"{status}  {self.item}: {self.detail}"


def _python() -> CheckResult:
    version = ".".join(str(p) for p in sys.version_info[:3])
    ok = sys.version_info >= (3, 11)
    detail = version if ok else f"{version}; the kit needs Python 3.11 or newer"
    return CheckResult("python", ok, detail)


def _package(dist: str, module: str) -> CheckResult:
    try:
        version = metadata.version(dist)
        importlib.import_module(module)
    except Exception as error:  # a broken install can raise anything at import
        return CheckResult(f"package {dist}", False, f"not importable ({error}). {FIX}")
    return CheckResult(f"package {dist}", True, version)


def _kernel() -> CheckResult:
    try:
        from jupyter_client.kernelspec import KernelSpecManager

        specs = KernelSpecManager().find_kernel_specs()
    except Exception as error:
        return CheckResult("jupyter kernel", False, f"cannot list kernels ({error}). {FIX}")
    if "python3" not in specs:
        return CheckResult(
            "jupyter kernel",
            False,
            "no 'python3' kernel found. Run `python -m ipykernel install --sys-prefix`.",
        )
    return CheckResult("jupyter kernel", True, f"python3 at {Path(specs['python3']).name}/")


def _widgets_frontend() -> CheckResult:
    try:
        version = metadata.version("jupyterlab_widgets")
    except metadata.PackageNotFoundError:
        return CheckResult(
            "widgets frontend",
            False,
            f"jupyterlab_widgets is missing, widgets will not show. {FIX}",
        )
    roots = [Path(sys.prefix), Path(sys.base_prefix)]
    found = any(
        (root / "share/jupyter/labextensions/@jupyter-widgets/jupyterlab-manager").is_dir()
        for root in roots
    )
    if not found:
        return CheckResult(
            "widgets frontend",
            False,
            f"jupyterlab_widgets {version} is installed but its lab extension is not. {FIX}",
        )
    return CheckResult("widgets frontend", True, f"jupyterlab_widgets {version}")


def _charts_offline() -> CheckResult:
    try:
        import altair as alt

        from bsckit import charts
    except Exception as error:
        return CheckResult("offline charts", False, f"altair not importable ({error}). {FIX}")
    major = int(alt.SCHEMA_VERSION.lstrip("v").split(".")[0])
    if major > 5:
        return CheckResult(
            "offline charts",
            False,
            f"altair {alt.__version__} writes vega-lite {alt.SCHEMA_VERSION}, which JupyterLab "
            "cannot draw without internet. Install altair 5.5: `pip install 'altair>=5.4,<6'`.",
        )
    renderer = charts.setup()
    return CheckResult(
        "offline charts",
        True,
        f"altair {alt.__version__}, vega-lite {alt.SCHEMA_VERSION}, renderer {renderer!r} "
        "(drawn by JupyterLab itself, no CDN)",
    )


def run_checks() -> list[CheckResult]:
    """Run every check and return the results in a fixed order."""
    results = [_python()]
    results += [_package(dist, module) for dist, module in REQUIRED_PACKAGES.items()]
    results += [_kernel(), _widgets_frontend(), _charts_offline()]
    return results


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Attach the doctor's options (none yet) to ``parser``."""
    parser.add_argument("--quiet", action="store_true", help="print only failures")


def run(args: argparse.Namespace) -> int:
    """Print one line per check; return 1 if any check failed, else 0."""
    results = run_checks()
    for result in results:
        if result.ok and getattr(args, "quiet", False):
            continue
        print(result.line())
    failed = [r for r in results if not r.ok]
    if failed:
        print(f"\n{len(failed)} problem(s) found. {FIX}")
        return 1
    print("\nAll checks passed: the kit is ready (`make lab` opens it).")
    return 0
