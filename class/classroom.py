"""A class on one machine: learner accounts from a roster, their logins, their limits.

Three parts, all used by ``class/jupyterhub_config.py``:

- the roster and the accounts: ``read_roster`` parses the instructor's list, ``create_accounts``
  makes one Unix account per learner (private home, no login shell) and one password each,
  written only to files the instructor (root) can read;
- ``RosterAuthenticator``: JupyterHub logs a learner in with that password, and nobody else;
- ``ClassSpawner``: JupyterHub's local-process spawner, starting each learner's server as that
  learner's Unix account inside a cgroup that enforces the memory, CPU and process limits.

It is also a command for the instructor (run as root)::

    python class/classroom.py create  class/roster.txt --instructor teacher
    python class/classroom.py remove  --all
    python class/classroom.py list

Only the standard library is imported at the top, so the roster tools work without JupyterHub.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import csv
import hashlib
import hmac
import json
import os
import pwd
import re
import secrets
import shutil
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "DEFAULT_CPU_LIMIT",
    "DEFAULT_MEM_LIMIT",
    "DEFAULT_PIDS_LIMIT",
    "UNIX_PREFIX",
    "Learner",
    "cgroup_support",
    "create_accounts",
    "hash_password",
    "load_accounts",
    "merge_constraints",
    "nbgitpuller_link",
    "prepare_cgroup",
    "read_roster",
    "remove_accounts",
    "remove_cgroup",
    "unix_name",
    "unreachable",
    "verify_password",
]

HERE = Path(__file__).resolve().parent
#: Where the hub keeps its database, secrets, accounts and the instructor's credential list.
DEFAULT_STATE = HERE / "state"
#: Learners' Unix accounts are named ``bsc-<name>``, so a roster line can never name an
#: existing system account such as ``root``.
UNIX_PREFIX = "bsc-"
NAME_RULE = re.compile(r"^[a-z][a-z0-9_-]{0,23}$")
#: Per-learner limits of the class hub (and of class/z2jh/values.yaml): module 3 peaks at about
#: 0.35 GB per learner, so 1 GB leaves room for a learner's own experiments.
DEFAULT_MEM_LIMIT = "1G"
DEFAULT_CPU_LIMIT = 1.0
DEFAULT_PIDS_LIMIT = 512
CGROUP_ROOT = Path("/sys/fs/cgroup")
CGROUP_GROUP = "bsckit-class"


@dataclass(frozen=True)
class Learner:
    """One roster line: the login name and, optionally, the person's full name."""

    name: str
    full_name: str = ""


def read_roster(path: str | Path) -> list[Learner]:
    """Read the instructor's roster: one learner a line, ``name`` or ``name, Full Name``.

    Blank lines and lines starting with ``#`` are ignored. Names are lower-cased.

    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "roster.txt"
    >>> _ = p.write_text("# workshop 1\\nAlice, Alice Martin\\nbob\\n\\n")
    >>> read_roster(p)
    [Learner(name='alice', full_name='Alice Martin'), Learner(name='bob', full_name='')]
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(
            f"roster={str(path)!r} is not a file; write one learner name a line "
            "(see class/roster.example.txt)"
        )
    learners: list[Learner] = []
    seen: set[str] = set()
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        name, _, full = (part.strip() for part in line.partition(","))
        name = name.lower()
        if not NAME_RULE.match(name):
            raise ValueError(
                f"roster line {number}: name={name!r} is not allowed; use 1-24 characters "
                "a-z, 0-9, '-' or '_', starting with a letter (e.g. 'alice' or 'b-martin')"
            )
        if name in seen:
            raise ValueError(f"roster line {number}: name={name!r} appears twice; keep one line")
        seen.add(name)
        learners.append(Learner(name, full))
    if not learners:
        raise ValueError(f"roster={str(path)!r} names no learner; write one name a line")
    return learners


def unix_name(name: str, prefix: str = UNIX_PREFIX) -> str:
    """The Unix account of a hub user.

    >>> unix_name("alice")
    'bsc-alice'
    """
    return f"{prefix}{name}"


# ---- passwords ---------------------------------------------------------------------------------
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


def hash_password(password: str, salt: bytes | None = None) -> str:
    """A salted scrypt hash, stored as ``scrypt$salt$hash`` (base64).

    >>> stored = hash_password("correct horse", salt=b"0123456789abcdef")
    >>> stored.startswith("scrypt$")
    True
    >>> verify_password("correct horse", stored), verify_password("wrong", stored)
    (True, False)
    """
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, dklen=32, **_SCRYPT)
    return f"scrypt${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"


_DECOY_HASH = hash_password(secrets.token_urlsafe(16))


def verify_password(password: str, stored: str) -> bool:
    """True when ``password`` matches a hash made by :func:`hash_password` (constant time)."""
    try:
        scheme, salt64, digest64 = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    salt = base64.b64decode(salt64)
    digest = hashlib.scrypt(password.encode(), salt=salt, dklen=32, **_SCRYPT)
    return hmac.compare_digest(digest, base64.b64decode(digest64))


# ---- accounts -----------------------------------------------------------------------------------
def _private_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    path.chmod(0o700)
    return path


def _write_private(path: Path, text: str) -> None:
    """Write a file only its owner (root) can read, never readable even for a moment."""
    tmp = path.with_name(f".{path.name}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(tmp, path)


def load_accounts(state: str | Path = DEFAULT_STATE) -> dict[str, dict]:
    """The accounts file: hub name -> ``{"unix": ..., "hash": ..., "admin": bool}``."""
    path = Path(state) / "accounts.json"
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def _unix_account_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def _make_unix_account(account: str, home_root: Path) -> None:
    if not _unix_account_exists(account):
        subprocess.run(
            [
                "useradd",
                "--create-home",
                "--home-dir",
                str(home_root / account),
                "--shell",
                "/usr/sbin/nologin",
                "--user-group",
                "--key",
                "UMASK=077",
                account,
            ],
            check=True,
            capture_output=True,
            text=True,
        )
    home = Path(pwd.getpwnam(account).pw_dir)
    # a private home: nobody but the learner (and root) may list, read or change it
    home.chmod(0o700)


def create_accounts(
    learners: Iterable[Learner],
    state: str | Path = DEFAULT_STATE,
    *,
    instructor: str | None = None,
    home_root: str | Path = "/home",
    hub_url: str = "",
    prefix: str = UNIX_PREFIX,
    unix_accounts: bool = True,
) -> dict[str, str]:
    """Create a Unix account and a password for every learner (and the instructor); needs root.

    A learner who already has an account keeps it and the password already handed out; only new
    names get new passwords. The passwords are written in clear only to ``credentials.csv`` in
    the state folder (mode 600, root's), for the instructor to hand out one by one; the hub keeps
    only salted hashes. Returns the passwords made in this call, by name.

    With ``unix_accounts=False`` (a hub on Kubernetes, where each learner has a pod of their
    own) only the passwords and ``accounts.json`` are made, and root is not needed.
    """
    if unix_accounts and os.geteuid() != 0:
        raise PermissionError(
            "creating learner accounts needs root (useradd); run: sudo make class ROSTER=..."
        )
    state = _private_dir(Path(state))
    home_root = Path(home_root)
    if unix_accounts:
        home_root.mkdir(parents=True, exist_ok=True)
    accounts = load_accounts(state)
    credentials_path = state / "credentials.csv"
    known: dict[str, str] = {}
    if credentials_path.exists():
        with credentials_path.open(encoding="utf-8") as handle:
            known = {row["name"]: row["password"] for row in csv.DictReader(handle)}
    people = list(learners)
    if instructor:
        people.append(Learner(instructor, "instructor"))
    made: dict[str, str] = {}
    for person in people:
        account = unix_name(person.name, prefix) if unix_accounts else ""
        if unix_accounts:
            _make_unix_account(account, home_root)
        password = known.get(person.name)
        if password is None or person.name not in accounts:
            password = secrets.token_urlsafe(9)
            made[person.name] = password
        known[person.name] = password
        accounts[person.name] = {
            "unix": account,
            "hash": hash_password(password),
            "admin": person.name == instructor,
            "full_name": person.full_name,
        }
    _write_private(state / "accounts.json", json.dumps(accounts, indent=1, sort_keys=True))
    rows = ["name,password,role,login"]
    for name in sorted(accounts):
        role = "instructor" if accounts[name]["admin"] else "learner"
        rows.append(f"{name},{known[name]},{role},{hub_url}/hub/login")
    _write_private(credentials_path, "\n".join(rows) + "\n")
    return made


def remove_accounts(
    names: Iterable[str] | None = None, state: str | Path = DEFAULT_STATE
) -> list[str]:
    """Delete learners' Unix accounts and homes (all of them when ``names`` is None); needs root."""
    state = Path(state)
    accounts = load_accounts(state)
    chosen = list(accounts) if names is None else [n for n in names if n in accounts]
    for name in chosen:
        account = accounts[name]["unix"]
        if account and _unix_account_exists(account):
            home = Path(pwd.getpwnam(account).pw_dir)
            subprocess.run(["userdel", account], check=True, capture_output=True)
            if home.name == account:
                shutil.rmtree(home, ignore_errors=True)
        del accounts[name]
    _write_private(state / "accounts.json", json.dumps(accounts, indent=1, sort_keys=True))
    credentials = state / "credentials.csv"
    if credentials.exists():
        lines = credentials.read_text(encoding="utf-8").splitlines()
        kept = [lines[0]] + [ln for ln in lines[1:] if ln.split(",", 1)[0] in accounts]
        _write_private(credentials, "\n".join(kept) + "\n")
    return chosen


# ---- limits (cgroups) ---------------------------------------------------------------------------
def cgroup_support(root: Path = CGROUP_ROOT) -> str:
    """Which cgroup interface can enforce limits here: ``"v2"``, ``"v1"`` or ``""`` (none)."""
    if os.geteuid() != 0:
        return ""
    controllers = root / "cgroup.controllers"
    if controllers.exists():
        wanted = {"memory", "cpu", "pids"}
        if wanted <= set(controllers.read_text().split()):
            return "v2"
        return ""
    if all((root / c / "cgroup.procs").exists() for c in ("memory", "cpu", "pids")):
        return "v1"
    return ""


def _memory_bytes(limit: int | str) -> int:
    if isinstance(limit, int):
        return limit
    units = {"K": 2**10, "M": 2**20, "G": 2**30, "T": 2**40}
    text = str(limit).strip().upper()
    if text and text[-1] in units:
        return int(float(text[:-1]) * units[text[-1]])
    return int(text)


def prepare_cgroup(
    account: str, mem_limit: int, cpu_limit: float, pids_limit: int, root: Path = CGROUP_ROOT
) -> list[Path]:
    """Create (or update) the learner's cgroup(s) with the limits; return the ``cgroup.procs`` to join."""
    kind = cgroup_support(root)
    period = 100_000
    quota = max(1000, int(cpu_limit * period)) if cpu_limit else None
    if kind == "v2":
        parent = root / CGROUP_GROUP
        parent.mkdir(exist_ok=True)
        (root / "cgroup.subtree_control").write_text("+memory +cpu +pids")
        (parent / "cgroup.subtree_control").write_text("+memory +cpu +pids")
        group = parent / account
        group.mkdir(exist_ok=True)
        if mem_limit:
            (group / "memory.max").write_text(str(mem_limit))
            if (group / "memory.swap.max").exists():
                (group / "memory.swap.max").write_text("0")
        (group / "cpu.max").write_text(f"{quota} {period}" if quota else f"max {period}")
        (group / "pids.max").write_text(str(pids_limit) if pids_limit else "max")
        return [group / "cgroup.procs"]
    if kind == "v1":
        procs = []
        for controller in ("memory", "cpu", "pids"):
            group = root / controller / CGROUP_GROUP / account
            group.mkdir(parents=True, exist_ok=True)
            if controller == "memory" and mem_limit:
                (group / "memory.limit_in_bytes").write_text(str(mem_limit))
            if controller == "cpu":
                (group / "cpu.cfs_period_us").write_text(str(period))
                (group / "cpu.cfs_quota_us").write_text(str(quota) if quota else "-1")
            if controller == "pids":
                (group / "pids.max").write_text(str(pids_limit) if pids_limit else "max")
            procs.append(group / "cgroup.procs")
        return procs
    return []


def _cgroup_dirs(account: str, root: Path = CGROUP_ROOT) -> list[Path]:
    return [
        root / CGROUP_GROUP / account,
        *(root / c / CGROUP_GROUP / account for c in ("memory", "cpu", "pids")),
    ]


def _cgroup_exists(account: str, root: Path = CGROUP_ROOT) -> bool:
    return any(group.exists() for group in _cgroup_dirs(account, root))


def remove_cgroup(account: str, root: Path = CGROUP_ROOT) -> None:
    """Remove the learner's (empty) cgroups; a group still holding processes is left alone."""
    for group in _cgroup_dirs(account, root):
        with contextlib.suppress(OSError):
            group.rmdir()


# ---- the JupyterHub parts (imported only where JupyterHub is installed) -------------------------
def _hub_classes():
    from jupyterhub.auth import Authenticator
    from jupyterhub.spawner import LocalProcessSpawner, set_user_setuid
    from traitlets import Integer, Unicode

    class RosterAuthenticator(Authenticator):
        """Log in the learners of the roster, each with their own password, and nobody else."""

        state_dir = Unicode(str(DEFAULT_STATE), help="folder holding accounts.json").tag(
            config=True
        )

        def _accounts(self) -> dict[str, dict]:
            return load_accounts(self.state_dir)

        async def authenticate(self, handler, data):
            name = self.normalize_username(str(data.get("username", "")))
            record = self._accounts().get(name)
            # an unknown name costs the same scrypt as a known one: no guessing names by timing
            stored = record["hash"] if record else _DECOY_HASH
            if not verify_password(str(data.get("password", "")), stored) or record is None:
                self.log.warning("failed login for %r", name)
                return None
            return {"name": name, "admin": bool(record.get("admin"))}

        def check_allowed(self, username, authentication=None):
            return username in self._accounts()

    class ClassSpawner(LocalProcessSpawner):
        """Start each learner's server as their own Unix account, inside a limiting cgroup.

        ``mem_limit`` and ``cpu_limit`` (JupyterHub's own settings) and ``pids_limit`` are
        enforced through cgroups when the hub runs as root on a machine that allows it
        (``classroom.cgroup_support()``); otherwise the hub logs that they are not enforced.
        """

        unix_prefix = Unicode(UNIX_PREFIX, help="prefix of the learners' Unix accounts").tag(
            config=True
        )
        pids_limit = Integer(
            DEFAULT_PIDS_LIMIT, help="most processes and threads a learner may run"
        ).tag(config=True)

        @property
        def unix_account(self) -> str:
            return unix_name(self.user.name, self.unix_prefix)

        def user_env(self, env):
            record = pwd.getpwnam(self.unix_account)
            env["USER"] = self.unix_account
            env["HOME"] = record.pw_dir
            env["SHELL"] = "/bin/bash"
            return env

        def make_preexec_fn(self, name):
            account = self.unix_account
            mem = _memory_bytes(self.mem_limit) if self.mem_limit else 0
            try:
                procs = prepare_cgroup(account, mem, float(self.cpu_limit or 0), self.pids_limit)
            except OSError as error:
                self.log.warning("could not set up cgroups for %s: %s", account, error)
                procs = []
            if not procs:
                self.log.warning(
                    "limits NOT enforced for %s: no usable cgroups here (mem_limit=%s, cpu_limit=%s)",
                    account,
                    self.mem_limit,
                    self.cpu_limit,
                )
            switch_user = set_user_setuid(account)

            def preexec():
                pid = str(os.getpid())
                for path in procs:
                    with open(path, "w") as handle:
                        handle.write(pid)
                os.umask(0o077)
                switch_user()

            return preexec

        async def stop(self, now=False):
            await super().stop(now=now)
            # the server's kernels may take a moment longer to exit than the server itself
            for _ in range(20):
                remove_cgroup(self.unix_account)
                if not _cgroup_exists(self.unix_account):
                    break
                await asyncio.sleep(0.25)

    return RosterAuthenticator, ClassSpawner


# ---- set-up helpers for make class ------------------------------------------------------------
def merge_constraints(kit: str, overrides: str) -> str:
    r"""The kit's pins with those of the names ``overrides`` pins replaced by its pins.

    >>> merge_constraints("a==1\nsoupsieve==4.1\n# note\n", "# hub\nsoupsieve==2.10\nb==2\n")
    'a==1\n# note\nsoupsieve==2.10\nb==2\n'
    """

    def name(line: str) -> str:
        return re.sub(r"[-_.]+", "-", re.split(r"[<>=!~; \[]", line, maxsplit=1)[0]).lower()

    pinned = [ln.strip() for ln in overrides.splitlines() if ln.strip() and not ln.startswith("#")]
    replaced = {name(ln) for ln in pinned}
    kept = [ln for ln in kit.splitlines() if ln.strip() and name(ln) not in replaced]
    return "\n".join(kept + pinned) + "\n"


def unreachable(paths: Iterable[str | Path]) -> list[str]:
    """Paths a learner account (not owner, not group) cannot reach: a folder on the way lacks
    ``o+x`` or the file itself lacks ``o+r``.

    >>> unreachable(["/usr/bin/env"])
    []
    """
    problems = []
    for raw in paths:
        path = Path(os.path.realpath(raw))
        for folder in [*reversed(path.parents), *([path] if path.is_dir() else [])]:
            if not folder.stat().st_mode & 0o001:
                problems.append(f"{raw}: the folder {folder} is closed to other users (chmod o+x)")
                break
        else:
            if path.is_file() and not path.stat().st_mode & 0o004:
                problems.append(f"{raw}: the file is not readable by other users (chmod o+r)")
    return problems


def nbgitpuller_link(
    hub_url: str,
    repo: str,
    branch: str,
    notebook: str = "exercises/03_internal_processes.ipynb",
    target: str = "bsckit",
) -> str:
    """The link a learner clicks: log in, start the server, pull the course, open the notebook.

    >>> nbgitpuller_link("http://127.0.0.1:8000", "/srv/bsckit", "main")
    'http://127.0.0.1:8000/hub/user-redirect/git-pull?repo=%2Fsrv%2Fbsckit&branch=main&targetpath=bsckit&urlpath=lab%2Ftree%2Fbsckit%2Fexercises%2F03_internal_processes.ipynb'
    """
    from urllib.parse import urlencode

    query = urlencode(
        {
            "repo": repo,
            "branch": branch,
            "targetpath": target,
            "urlpath": f"lab/tree/{target}/{notebook}",
        }
    )
    return f"{hub_url.rstrip('/')}/hub/user-redirect/git-pull?{query}"


# ---- command line -------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="classroom", description=__doc__.split("\n\n")[0])
    parser.add_argument("--state", default=str(DEFAULT_STATE), help="the hub's state folder")
    sub = parser.add_subparsers(dest="command", required=True)
    create = sub.add_parser("create", help="create accounts and passwords from a roster")
    create.add_argument("roster")
    create.add_argument("--instructor", help="name of the instructor's (admin) account")
    create.add_argument("--home-root", default="/home")
    create.add_argument("--hub-url", default="")
    create.add_argument(
        "--no-unix-accounts",
        action="store_true",
        help="passwords only, no Unix accounts (for Zero to JupyterHub)",
    )
    remove = sub.add_parser("remove", help="delete learner accounts and their homes")
    remove.add_argument("names", nargs="*")
    remove.add_argument("--all", action="store_true")
    sub.add_parser("list", help="list the accounts (never the passwords)")
    merge = sub.add_parser("constraints", help="print the kit's pins merged with the hub's")
    merge.add_argument("kit")
    merge.add_argument("overrides")
    sub.add_parser("check", help="check that learner accounts can run this environment")
    link = sub.add_parser("link", help="print the nbgitpuller link for the course")
    link.add_argument("--hub-url", required=True)
    link.add_argument("--repo", required=True)
    link.add_argument("--branch", default="")
    args = parser.parse_args(argv)
    try:
        if args.command == "constraints":
            print(
                merge_constraints(Path(args.kit).read_text(), Path(args.overrides).read_text()),
                end="",
            )
        elif args.command == "check":
            import sysconfig

            problems = unreachable(
                [sys.executable, sysconfig.get_path("stdlib"), sysconfig.get_path("purelib")]
            )
            for problem in problems:
                print(f"classroom: learners cannot run the class environment: {problem}")
            if problems:
                print(
                    "Put the kit where every account can read it (e.g. /srv/bsckit), "
                    "and use a system Python: make class CLASS_PYTHON=/usr/bin/python3"
                )
                return 1
        elif args.command == "link":
            branch = (
                args.branch
                or subprocess.run(
                    ["git", "-C", args.repo, "rev-parse", "--abbrev-ref", "HEAD"],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout.strip()
            )
            print("The course link for learners (log in, then the course is pulled and opened):")
            print("  " + nbgitpuller_link(args.hub_url, args.repo, branch))
            print(
                "Pulling again keeps each learner's edits; only root can read the passwords in "
                f"{Path(args.state) / 'credentials.csv'}."
            )
        elif args.command == "create":
            learners = read_roster(args.roster)
            made = create_accounts(
                learners,
                args.state,
                instructor=args.instructor,
                home_root=args.home_root,
                hub_url=args.hub_url,
                unix_accounts=not args.no_unix_accounts,
            )
            print(
                f"{len(learners)} learner(s) on the roster; {len(made)} new password(s). "
                f"Hand them out from {Path(args.state) / 'credentials.csv'} (only root can read it)."
            )
        elif args.command == "remove":
            if not args.all and not args.names:
                parser.error("name the accounts to remove, or pass --all")
            gone = remove_accounts(None if args.all else args.names, args.state)
            print(f"removed {len(gone)} account(s): {', '.join(gone) or '-'}")
        else:
            for name, record in sorted(load_accounts(args.state).items()):
                role = "instructor" if record["admin"] else "learner"
                print(f"{name}\t{record['unix']}\t{role}\t{record.get('full_name', '')}")
    except (ValueError, FileNotFoundError, PermissionError) as error:
        print(f"classroom: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
