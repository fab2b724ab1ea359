"""Fixtures for the real-browser tests: a private JupyterLab server and headless Debian chromium.

The server listens on 127.0.0.1 only, on a free port, with a random token, and with its own
Jupyter config, data, runtime and IPython folders in a temporary directory (the venv's
``share/jupyter`` stays on the search path, so the kernel and the lab extensions are found).
``BSCKIT_WORKSPACE`` points into the same temporary directory, so the test never touches a
learner's real workspace. The server is stopped by its process id (terminate, then kill).

The browser is Debian's ``/usr/bin/chromium`` driven by the ``playwright`` Python package;
``playwright install`` (which downloads browsers) is never used. When either is missing the
tests FAIL with the command that installs it: a browser test that silently skips proves nothing.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("BSCKIT_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
KIT_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = KIT_ROOT / "build" / "screenshots"
HERE = Path(__file__).resolve().parent
EXERCISE = KIT_ROOT / "exercises" / "03_internal_processes.ipynb"
EXERCISES = (
    EXERCISE,
    KIT_ROOT / "exercises" / "01_alignment.ipynb",
    KIT_ROOT / "exercises" / "02_customer.ipynb",
    KIT_ROOT / "exercises" / "04_financial.ipynb",
    KIT_ROOT / "exercises" / "05_learning_growth.ipynb",
    KIT_ROOT / "exercises" / "06_governance.ipynb",
    KIT_ROOT / "exercises" / "07_technology.ipynb",
)
LESSONS = (
    KIT_ROOT / "notebooks" / "01_alignment.ipynb",
    KIT_ROOT / "notebooks" / "02_customer.ipynb",
    KIT_ROOT / "notebooks" / "04_financial.ipynb",
    KIT_ROOT / "notebooks" / "05_learning_growth.ipynb",
    KIT_ROOT / "notebooks" / "06_governance.ipynb",
    KIT_ROOT / "notebooks" / "07_technology.ipynb",
)
SERVER_START_TIMEOUT = 90.0  # seconds; JupyterLab takes 10-20 s on a busy 2-core machine


@dataclass
class LabServer:
    """A running JupyterLab: where it listens, its token, folders and log."""

    url: str
    token: str
    root: Path
    workspace: Path
    log: Path
    process: subprocess.Popen

    def lab_url(self, path: str) -> str:
        """URL opening ``path`` in a fresh JupyterLab workspace named after it (no tabs restored)."""
        workspace = "test-" + "".join(c if c.isalnum() else "-" for c in path)
        return f"{self.url}/lab/workspaces/{workspace}/tree/{path}?token={self.token}"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _write_lab_settings(config_dir: Path) -> None:
    """No news or update checks (no internet), and start the notebook's kernel without asking."""
    settings = {
        ("apputils-extension", "notification"): {"fetchNews": "false", "checkForUpdates": False},
        ("notebook-extension", "tracker"): {"autoStartDefaultKernel": True},
    }
    for (extension, plugin), values in settings.items():
        folder = config_dir / "lab" / "user-settings" / "@jupyterlab" / extension
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{plugin}.jupyterlab-settings").write_text(json.dumps(values))


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def lab_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LabServer]:
    """Start JupyterLab in a temporary folder holding a copy of the test notebooks."""
    base = tmp_path_factory.mktemp("jupyterlab")
    root, workspace = base / "root", base / "workspace"
    root.mkdir()
    for notebook in HERE.glob("*.ipynb"):
        shutil.copy(notebook, root / notebook.name)
    # The course's exercise notebook, as a learner gets it, beside a link to the datasets so its
    # data_dir ("../datasets") resolves as in the kit.
    (root / "exercises").mkdir()
    for exercise in EXERCISES:
        shutil.copy(exercise, root / "exercises" / exercise.name)
    (root / "notebooks").mkdir()
    for lesson in LESSONS:
        shutil.copy(lesson, root / "notebooks" / lesson.name)
    (root / "datasets").symlink_to(KIT_ROOT / "datasets", target_is_directory=True)
    config_dir = base / "jupyter_config"
    _write_lab_settings(config_dir)
    env = dict(os.environ)
    env.update(
        {
            "JUPYTER_CONFIG_DIR": str(config_dir),
            "JUPYTER_DATA_DIR": str(base / "jupyter_data"),
            "JUPYTER_RUNTIME_DIR": str(base / "jupyter_runtime"),
            "IPYTHONDIR": str(base / "ipython"),
            "BSCKIT_WORKSPACE": str(workspace),
        }
    )
    env.pop("JUPYTER_PATH", None)  # keep only the venv's share/jupyter (kernel, lab extensions)
    env.pop("BSCKIT_CHART_RENDERER", None)
    token = secrets.token_hex(24)
    port = _free_port()
    log = base / "jupyterlab.log"
    command = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        # nothing may reach the internet: no extension manager queries, no news, no update check
        "--LabApp.extension_manager=readonly",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # CI containers run as root
        command.append("--allow-root")
    with log.open("wb") as handle:
        process = subprocess.Popen(
            command, cwd=root, env=env, stdout=handle, stderr=subprocess.STDOUT
        )
    url = f"http://127.0.0.1:{port}"
    server = LabServer(url, token, root, workspace, log, process)
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while True:
            if process.poll() is not None:
                pytest.fail(
                    f"JupyterLab exited with code {process.returncode} before it was ready."
                    f" Log:\n{log.read_text(errors='replace')[-3000:]}"
                )
            try:
                with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=5) as r:
                    if r.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(
                    f"JupyterLab did not answer on {url} within {SERVER_START_TIMEOUT:.0f} s."
                    f" Log:\n{log.read_text(errors='replace')[-3000:]}"
                )
            time.sleep(0.5)
        yield server
    finally:
        _stop(process)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Headless Debian chromium driven by playwright; fails (never skips) when either is missing."""
    if not CHROMIUM.is_file():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}. Install Debian's build with:"
            " `apt-get update && apt-get install -y chromium` (as root), or set BSCKIT_CHROMIUM"
            " to a chromium binary. Never use `playwright install`."
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail(
            "The Python package `playwright` is not installed. Install it with"
            " `.venv/bin/pip install playwright` (or `pip install -e '.[dev]'`)."
            " Do not run `playwright install`: the test uses Debian's /usr/bin/chromium."
        )
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def screenshots() -> Path:
    """The folder screenshots go to: ``build/screenshots/`` in the kit."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
