"""A class on the hub, end to end: learners log in, pull the course, run module 3, keep their work.

One throwaway hub on 127.0.0.1 (random free ports) with three learner accounts serves the whole
module (class/trial_hub.py); it is stopped, its accounts deleted and its processes ended at the
end, pass or fail. Everything runs through the hub's public URL, as a browser would.
"""

from __future__ import annotations

import asyncio
import json
import pwd
from pathlib import Path

import classroom
import pytest
from hub_learner import CellError, HubLearner, KernelDied, code_cells
from trial_hub import COURSE_BRANCH, TrialHub

NOTEBOOK = "bsckit/exercises/03_internal_processes.ipynb"
COURSE_NOTEBOOK = "exercises/03_internal_processes.ipynb"
MEM_LIMIT = "1G"


@pytest.fixture(scope="module")
def hub():
    trial = TrialHub(learners=3, mem_limit=MEM_LIMIT, cpu_limit=1.0)
    try:
        trial.start()
        yield trial
    finally:
        log = trial.log()
        trial.stop()
        if "Traceback" in log:
            print(log[-4000:])


def run(coro):
    return asyncio.run(coro)


async def _signed_in(hub: TrialHub, name: str) -> HubLearner:
    learner = HubLearner(hub.url, name, hub.passwords[name], timeout=240)
    await learner.login()
    await learner.start_server()
    return learner


def _edit_first_exercise(notebook: dict, marker: str) -> int:
    """Put a learner's answer into the first exercise cell; return the cell's index."""
    for index, cell in enumerate(notebook["cells"]):
        source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
        if cell["cell_type"] == "code" and "YOUR CODE HERE" in source:
            cell["source"] = f"# my working ({marker})\n{source}"
            return index
    raise AssertionError("the exercise notebook has no cell marked YOUR CODE HERE")


def _source(cell: dict) -> str:
    return cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])


def test_learners_pull_run_module_3_and_keep_their_edit_after_an_update(hub):
    async def first_session(name: str) -> tuple[int, list]:
        learner = await _signed_in(hub, name)
        try:
            await learner.git_pull(str(hub.course), COURSE_BRANCH)
            notebook = await learner.read_notebook(NOTEBOOK)
            kernel = await learner.open_kernel(NOTEBOOK)
            runs = await learner.run_cells(kernel, code_cells(notebook))
            await learner.shutdown_kernel(kernel)
            edited = _edit_first_exercise(notebook, f"edit by {name}")
            await learner.save_notebook(NOTEBOOK, notebook)
            return edited, runs
        finally:
            await learner.close()

    async def everyone():
        return await asyncio.gather(*(first_session(n) for n in hub.names))

    results = run(everyone())
    for name, (edited, runs) in zip(hub.names, results, strict=True):
        assert runs, f"{name} ran no cell"
        assert all(not r.error for r in runs), name
        assert edited > 0

    # the author fixes the course: the notebook's title cell changes, and a new file arrives
    def retitle(path: Path) -> None:
        notebook = json.loads(path.read_text())
        notebook["cells"][0]["source"] = _source(notebook["cells"][0]) + "\n\nUpdated course."
        path.write_text(json.dumps(notebook, indent=1, sort_keys=True, ensure_ascii=False) + "\n")

    hub.update_course(COURSE_NOTEBOOK, retitle, "course update: title note")
    hub.update_course(
        "exercises/UPDATE_NOTE.md", lambda p: p.write_text("A new hand-out.\n"), "new hand-out"
    )

    async def second_pull(name: str) -> dict:
        learner = await _signed_in(hub, name)
        try:
            await learner.git_pull(str(hub.course), COURSE_BRANCH)
            notebook = await learner.read_notebook(NOTEBOOK)
            reply = await learner.client.get(
                learner.url("api/contents/bsckit/exercises/UPDATE_NOTE.md"),
                params={"content": "1"},
                headers={"Authorization": f"token {learner.token}"},
            )
            notebook["_new_file"] = (
                reply.json().get("content") if reply.status_code == 200 else None
            )
            return notebook
        finally:
            await learner.close()

    async def everyone_again():
        return await asyncio.gather(*(second_pull(n) for n in hub.names))

    for name, notebook in zip(hub.names, run(everyone_again()), strict=True):
        sources = [_source(c) for c in notebook["cells"]]
        assert any(f"# my working (edit by {name})" in s for s in sources), (
            f"{name}'s edit was lost by the second pull"
        )
        assert sources[0].endswith("Updated course."), f"{name} did not get the course update"
        assert notebook["_new_file"] == "A new hand-out.\n"


def test_a_learner_cannot_read_or_change_another_learners_files(hub):
    me, other = hub.names[0], hub.names[1]
    other_home = pwd.getpwnam(classroom.unix_name(other)).pw_dir
    probe = f"""
import os, json
from pathlib import Path
result = {{"uid": os.getuid(), "home": os.environ["HOME"]}}
def attempt(label, action):
    try:
        action()
        result[label] = "allowed"
    except PermissionError:
        result[label] = "denied"
attempt("list_home", lambda: os.listdir({other_home!r}))
attempt("read_file", lambda: Path({other_home!r}, "bsckit", "README.md").read_text())
attempt("write_file", lambda: Path({other_home!r}, "intruder.txt").write_text("x"))
attempt("read_state", lambda: os.listdir({str(hub.state)!r}))
attempt("read_token", lambda: Path({str(hub.state / "admin_token")!r}).read_text())
result["token_in_env"] = any({hub.admin_token()!r} in v for v in os.environ.values())
from bsckit.widgets.workspace import workspace_dir
result["workspace"] = str(workspace_dir())
print(json.dumps(result))
"""

    async def session():
        learner = await _signed_in(hub, me)
        try:
            await learner.git_pull(str(hub.course), COURSE_BRANCH)
            kernel = await learner.open_kernel(NOTEBOOK)
            runs = await learner.run_cells(kernel, [probe])
            await learner.shutdown_kernel(kernel)
            return json.loads(runs[0].outputs[-1]["text"])
        finally:
            await learner.close()

    result = run(session())
    mine = pwd.getpwnam(classroom.unix_name(me))
    assert result["uid"] == mine.pw_uid and result["home"] == mine.pw_dir
    for attempt in ("list_home", "read_file", "write_file", "read_state", "read_token"):
        assert result[attempt] == "denied", (attempt, result)
    assert result["token_in_env"] is False
    assert result["workspace"] == f"{mine.pw_dir}/bsckit/workspace"
    assert (Path(mine.pw_dir).stat().st_mode & 0o777) == 0o700


def test_only_the_roster_logs_in_each_with_their_own_password(hub):
    me, other = hub.names[0], hub.names[1]

    async def attempt(name: str, password: str) -> bool:
        learner = HubLearner(hub.url, name, password, timeout=60)
        try:
            await learner.login()
            return True
        except PermissionError:
            return False
        finally:
            await learner.close()

    assert run(attempt(me, hub.passwords[me])) is True
    assert run(attempt(me, hub.passwords[other])) is False  # another learner's password
    assert run(attempt(me, "")) is False
    assert run(attempt("nobody-on-the-roster", hub.passwords[me])) is False
    assert len(set(hub.passwords.values())) == len(hub.passwords)


def test_the_memory_limit_is_enforced_and_cpu_and_process_limits_are_set(hub):
    name = hub.names[2]
    account = classroom.unix_name(name)
    kind = classroom.cgroup_support()

    async def session(cells: list[str]):
        learner = await _signed_in(hub, name)
        try:
            await learner.git_pull(str(hub.course), COURSE_BRANCH)
            kernel = await learner.open_kernel(NOTEBOOK)
            try:
                return await learner.run_cells(kernel, cells)
            finally:
                await learner.shutdown_kernel(kernel)
        finally:
            await learner.close()

    if not kind:
        # no usable cgroups on this machine: the hub must say so, not pretend
        run(session(["1 + 1"]))
        assert f"limits NOT enforced for {account}" in hub.log()
        return

    cgroup = run(session(["print(open('/proc/self/cgroup').read())"]))[0].outputs[-1]["text"]
    assert f"{classroom.CGROUP_GROUP}/{account}" in cgroup
    if kind == "v1":
        base = Path("/sys/fs/cgroup")
        limit = int(
            (
                base / "memory" / classroom.CGROUP_GROUP / account / "memory.limit_in_bytes"
            ).read_text()
        )
        quota = int(
            (base / "cpu" / classroom.CGROUP_GROUP / account / "cpu.cfs_quota_us").read_text()
        )
        period = int(
            (base / "cpu" / classroom.CGROUP_GROUP / account / "cpu.cfs_period_us").read_text()
        )
        pids = (base / "pids" / classroom.CGROUP_GROUP / account / "pids.max").read_text().strip()
    else:
        group = Path("/sys/fs/cgroup") / classroom.CGROUP_GROUP / account
        limit = int((group / "memory.max").read_text())
        quota, period = (int(x) for x in (group / "cpu.max").read_text().split())
        pids = (group / "pids.max").read_text().strip()
    assert limit == 2**30
    assert quota / period == pytest.approx(1.0)
    assert pids == "512"
    # a kernel that takes 1.5 GB is stopped at the 1 GB limit
    with pytest.raises((KernelDied, CellError, ConnectionError)):
        run(session(["hog = b'x' * (1536 * 2**20)\nprint(len(hog))"]))
