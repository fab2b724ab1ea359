"""A throwaway class hub on loopback, for the hub test and the class benchmark (needs root).

``TrialHub`` makes everything in one temporary folder: a course repository (the committed
course, as a bare git repository), learner accounts with random names and homes there, the
hub's state; it starts ``class/jupyterhub_config.py`` on 127.0.0.1 with free random ports and,
on ``stop()``, stops the hub, ends every process the learner accounts still run, deletes the
accounts and their cgroups and removes the folder.
"""

from __future__ import annotations

import contextlib
import csv
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import classroom  # noqa: E402

__all__ = ["COURSE_BRANCH", "TrialHub", "free_port"]

COURSE_BRANCH = "main"


def free_port() -> int:
    """A TCP port free on 127.0.0.1 at this moment."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _git(*args: str, cwd: Path | None = None) -> str:
    result = subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True, timeout=120
    )
    return result.stdout.strip()


class TrialHub:
    """A class hub with ``learners`` learner accounts, on loopback only."""

    def __init__(
        self,
        learners: int = 3,
        *,
        mem_limit: str = "1G",
        cpu_limit: float = 1.0,
        python: str | Path = HERE / ".venv" / "bin" / "python",
    ):
        if os.geteuid() != 0:
            raise PermissionError(
                "the class hub test makes Unix accounts for its learners and needs root; "
                "run it as root (CI does): make test-class"
            )
        self.python = Path(python)
        if not (self.python.parent / "jupyterhub").exists():
            raise FileNotFoundError(
                f"no JupyterHub in {self.python.parent}; set up the class environment first: "
                "make class-setup"
            )
        self.base = Path(tempfile.mkdtemp(prefix="bsckit-class-", dir="/tmp"))
        self.base.chmod(0o711)
        self.state = self.base / "state"
        self.homes = self.base / "home"
        self.homes.mkdir()
        self.homes.chmod(0o711)
        self.course = self.base / "course.git"
        tag = secrets.token_hex(2)
        self.names = [f"t{tag}{i:02d}" for i in range(learners)]
        self.mem_limit = mem_limit
        self.cpu_limit = cpu_limit
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None
        self.log_path = self.base / "hub.log"
        self.passwords: dict[str, str] = {}

    # ---- set-up -----------------------------------------------------------------------------
    def make_course(self) -> None:
        """The committed course as a bare repository with one branch, readable by learners."""
        _git("init", "--quiet", "--bare", f"--initial-branch={COURSE_BRANCH}", str(self.course))
        _git("push", "--quiet", str(self.course), f"HEAD:refs/heads/{COURSE_BRANCH}", cwd=ROOT)
        for path in [self.course, *self.course.rglob("*")]:
            path.chmod(path.stat().st_mode | 0o005 | (0o001 if path.is_dir() else 0))

    def update_course(self, relpath: str, change, message: str) -> None:
        """Commit a change to the course as an author would: ``change(path)`` edits the file."""
        work = self.base / "author"
        if not work.exists():
            _git("clone", "--quiet", str(self.course), str(work))
            _git("config", "user.email", "author@example.invalid", cwd=work)
            _git("config", "user.name", "Course author", cwd=work)
        _git("pull", "--quiet", cwd=work)
        change(work / relpath)
        _git("add", "-A", cwd=work)
        _git("commit", "--quiet", "-m", message, cwd=work)
        _git("push", "--quiet", "origin", COURSE_BRANCH, cwd=work)
        for path in [self.course, *self.course.rglob("*")]:
            path.chmod(path.stat().st_mode | 0o005 | (0o001 if path.is_dir() else 0))

    def start(self, timeout: float = 120) -> TrialHub:
        self.make_course()
        roster = self.base / "roster.txt"
        roster.write_text("\n".join(self.names) + "\n")
        classroom.create_accounts(
            classroom.read_roster(roster), self.state, home_root=self.homes, hub_url=self.url
        )
        with (self.state / "credentials.csv").open() as handle:
            self.passwords = {row["name"]: row["password"] for row in csv.DictReader(handle)}
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("BSCKIT_CLASS_", "JUPYTER", "VIRTUAL_ENV", "PYTHON"))
        }
        env.update(
            BSCKIT_CLASS_STATE=str(self.state),
            BSCKIT_CLASS_PUBLIC=str(self.base / "public"),
            BSCKIT_CLASS_IP="127.0.0.1",
            BSCKIT_CLASS_PORT=str(self.port),
            BSCKIT_CLASS_HUB_PORT=str(free_port()),
            BSCKIT_CLASS_PROXY_API_PORT=str(free_port()),
            BSCKIT_CLASS_COURSE_REPO=str(self.course),
            BSCKIT_CLASS_MEM_LIMIT=self.mem_limit,
            BSCKIT_CLASS_CPU_LIMIT=str(self.cpu_limit),
        )
        with self.log_path.open("w") as log:
            self.proc = subprocess.Popen(
                [
                    str(self.python.parent / "jupyterhub"),
                    "-f",
                    str(HERE / "jupyterhub_config.py"),
                ],
                cwd=self.base,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the hub exited at start:\n{self.log()[-3000:]}")
            try:
                if httpx.get(f"{self.url}/hub/api", timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        self.stop()
        raise TimeoutError(f"the hub did not answer in {timeout} s")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def unix_uids(self) -> dict[str, int]:
        import pwd

        uids = {}
        for name in self.names:
            with contextlib.suppress(KeyError):
                uids[name] = pwd.getpwnam(classroom.unix_name(name)).pw_uid
        return uids

    def admin_token(self) -> str:
        return (self.state / "admin_token").read_text().strip()

    # ---- tear-down --------------------------------------------------------------------------
    def _processes_of(self, uids: set[int]) -> list:
        import psutil

        found = []
        for proc in psutil.process_iter(["pid", "uids"]):
            try:
                if proc.info["uids"] and proc.info["uids"].real in uids:
                    found.append(proc)
            except psutil.Error:
                pass
        return found

    def stop(self) -> None:
        """Stop the hub and everything it started, delete the accounts, remove the folder."""
        import psutil

        uids = set(self.unix_uids().values())
        if self.proc is not None and self.proc.poll() is None:
            try:
                hub = psutil.Process(self.proc.pid)
                # the idle culler waits out a 30 s interrupt timeout on shutdown: end it first
                for child in hub.children():
                    if "jupyterhub_idle_culler" in " ".join(child.cmdline()):
                        child.terminate()
            except psutil.Error:
                pass
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        for proc in self._processes_of(uids):
            with contextlib.suppress(psutil.Error):
                proc.kill()
        psutil.wait_procs(self._processes_of(uids), timeout=10)
        if self.state.exists():
            classroom.remove_accounts(None, self.state)
        for name in self.names:
            classroom.remove_cgroup(classroom.unix_name(name))
        classroom.remove_cgroup("")  # the class's parent groups, if no other class uses them
        shutil.rmtree(self.base, ignore_errors=True)

    def __enter__(self) -> TrialHub:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
