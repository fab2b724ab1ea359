"""One learner driving the class hub the way JupyterLab does, for the hub test and benchmark.

``HubLearner`` logs in through the hub's login form with the learner's own password, starts
their server, pulls the course with nbgitpuller, runs a notebook cell by cell in a kernel over the
Jupyter websocket protocol (through the hub's proxy, as the browser does), and reads and saves
notebooks through the contents API. Everything goes to the hub's public URL only.
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

import httpx
from tornado.httpclient import HTTPRequest
from tornado.websocket import websocket_connect

__all__ = ["CellError", "CellRun", "HubLearner", "KernelDied", "code_cells"]


class CellError(RuntimeError):
    """A notebook cell raised an exception in the learner's kernel."""


class KernelDied(RuntimeError):
    """The learner's kernel died (for instance killed for going over its memory limit)."""


@dataclass
class CellRun:
    """What one executed cell did: its index, wall time, and any error."""

    index: int
    seconds: float
    error: str = ""
    outputs: list[dict] = field(default_factory=list)


class HubLearner:
    """A learner of the class, talking to the hub at ``hub_url`` (``http://127.0.0.1:PORT``)."""

    def __init__(self, hub_url: str, name: str, password: str, timeout: float = 300):
        self.hub_url = hub_url.rstrip("/")
        self.name = name
        self.password = password
        self.timeout = timeout
        self.client = httpx.AsyncClient(base_url=self.hub_url, timeout=timeout)
        self.token = ""

    async def close(self) -> None:
        await self.client.aclose()

    # ---- hub ------------------------------------------------------------------------------------
    async def login(self) -> None:
        """Log in through the hub's form, then make an API token the way the token page does."""
        page = await self.client.get("/hub/login")
        page.raise_for_status()
        xsrf = self.client.cookies.get("_xsrf", "")
        reply = await self.client.post(
            "/hub/login",
            data={"username": self.name, "password": self.password, "_xsrf": xsrf},
        )
        if reply.status_code != 302 or "/hub/login" in reply.headers.get("location", "/hub/login"):
            raise PermissionError(f"login refused for {self.name!r} (HTTP {reply.status_code})")
        reply = await self.client.post(
            f"/hub/api/users/{self.name}/tokens",
            json={"note": "hub_learner", "expires_in": 3600},
            headers={"X-XSRFToken": self.client.cookies.get("_xsrf", xsrf)},
        )
        reply.raise_for_status()
        self.token = reply.json()["token"]

    @property
    def _auth(self) -> dict[str, str]:
        return {"Authorization": f"token {self.token}"}

    async def start_server(self) -> float:
        """Start the learner's server (if it is not running) and wait until it answers."""
        started = time.perf_counter()
        reply = await self.client.post(f"/hub/api/users/{self.name}/server", headers=self._auth)
        if reply.status_code not in (201, 202, 400):  # 400: already running
            reply.raise_for_status()
        gone = 0
        while time.perf_counter() - started < self.timeout:
            model = (
                await self.client.get(f"/hub/api/users/{self.name}", headers=self._auth)
            ).json()
            server = model.get("servers", {}).get("", {})
            if server.get("ready"):
                break
            # neither running nor starting, three times in a row: the spawn failed
            gone = gone + 1 if not server and not model.get("pending") else 0
            if gone >= 3:
                raise RuntimeError(f"the hub could not start the server of {self.name!r}")
            await asyncio.sleep(0.5)
        else:
            raise TimeoutError(f"the server of {self.name!r} did not start in {self.timeout} s")
        # the proxy route may lag the hub's "ready" by a moment
        while time.perf_counter() - started < self.timeout:
            reply = await self.client.get(self.url("api/status"), headers=self._auth)
            if reply.status_code == 200:
                return time.perf_counter() - started
            await asyncio.sleep(0.3)
        raise TimeoutError(f"the server of {self.name!r} did not answer in {self.timeout} s")

    def url(self, path: str) -> str:
        return f"/user/{self.name}/{path.lstrip('/')}"

    # ---- nbgitpuller ----------------------------------------------------------------------------
    async def git_pull(self, repo: str, branch: str, targetpath: str = "bsckit") -> list[str]:
        """Pull the course the way an nbgitpuller link does; return nbgitpuller's progress lines."""
        query = urlencode({"repo": repo, "branch": branch, "targetpath": targetpath})
        lines: list[str] = []
        async with self.client.stream(
            "GET", self.url(f"git-pull/api?{query}"), headers=self._auth
        ) as reply:
            reply.raise_for_status()
            async for line in reply.aiter_lines():
                if not line.startswith("data:"):
                    continue
                event = json.loads(line[5:])
                if "output" in event:
                    lines.append(event["output"].rstrip())
                if event.get("phase") == "error":
                    raise RuntimeError(
                        f"nbgitpuller failed for {self.name!r}: {event.get('message')}\n"
                        + "\n".join(lines)
                        + str(event.get("output", ""))
                    )
                if event.get("phase") == "finished":
                    return lines
        raise RuntimeError(f"nbgitpuller stopped without finishing for {self.name!r}")

    # ---- contents -------------------------------------------------------------------------------
    async def read_notebook(self, path: str) -> dict:
        reply = await self.client.get(
            self.url(f"api/contents/{quote(path)}"), params={"content": "1"}, headers=self._auth
        )
        reply.raise_for_status()
        return reply.json()["content"]

    async def save_notebook(self, path: str, notebook: dict) -> None:
        reply = await self.client.put(
            self.url(f"api/contents/{quote(path)}"),
            json={"type": "notebook", "format": "json", "content": notebook},
            headers=self._auth,
        )
        reply.raise_for_status()

    # ---- kernels --------------------------------------------------------------------------------
    async def open_kernel(self, notebook_path: str, kernel: str = "python3") -> str:
        """Open a session for the notebook (its folder is the kernel's working directory)."""
        reply = await self.client.post(
            self.url("api/sessions"),
            json={
                "path": notebook_path,
                "type": "notebook",
                "name": "",
                "kernel": {"name": kernel},
            },
            headers=self._auth,
        )
        reply.raise_for_status()
        return reply.json()["kernel"]["id"]

    async def shutdown_kernel(self, kernel_id: str) -> None:
        await self.client.delete(self.url(f"api/kernels/{kernel_id}"), headers=self._auth)

    async def run_cells(
        self, kernel_id: str, sources: list[str], *, stop_on_error: bool = True, pause: float = 0
    ) -> list[CellRun]:
        """Execute each source in the kernel, in order, timing each; raise on the first error.

        ``pause`` seconds pass after each cell (a learner reading the output), untimed.
        """
        ws_url = self.hub_url.replace("http", "ws", 1) + self.url(
            f"api/kernels/{kernel_id}/channels"
        )
        request = HTTPRequest(ws_url, headers=self._auth, request_timeout=self.timeout)
        conn = await websocket_connect(request, max_message_size=256 * 2**20)
        runs: list[CellRun] = []
        session = uuid.uuid4().hex
        try:
            for index, source in enumerate(sources):
                run = await self._execute(conn, session, index, source)
                runs.append(run)
                if run.error and stop_on_error:
                    raise CellError(f"{self.name}: cell {index} failed: {run.error}")
                if pause:
                    await asyncio.sleep(pause)
        finally:
            conn.close()
        return runs

    async def _execute(self, conn, session: str, index: int, source: str) -> CellRun:
        msg_id = uuid.uuid4().hex
        message = {
            "header": {
                "msg_id": msg_id,
                "username": self.name,
                "session": session,
                "msg_type": "execute_request",
                "version": "5.3",
                "date": "",
            },
            "parent_header": {},
            "metadata": {},
            "content": {
                "code": source,
                "silent": False,
                "store_history": True,
                "user_expressions": {},
                "allow_stdin": False,
                "stop_on_error": True,
            },
            "channel": "shell",
            "buffers": [],
        }
        started = time.perf_counter()
        await conn.write_message(json.dumps(message))
        run = CellRun(index, 0.0)
        idle = replied = False
        while not (idle and replied):
            remaining = self.timeout - (time.perf_counter() - started)
            if remaining <= 0:
                raise TimeoutError(f"{self.name}: cell {index} ran longer than {self.timeout} s")
            raw = await asyncio.wait_for(conn.read_message(), remaining)
            if raw is None:
                raise ConnectionError(f"{self.name}: kernel connection closed in cell {index}")
            if isinstance(raw, bytes):  # binary (v1 protocol) messages are not requested
                continue
            reply = json.loads(raw)
            kind = reply["msg_type"]
            content = reply["content"]
            if kind == "status" and content.get("execution_state") in ("restarting", "dead"):
                raise KernelDied(f"{self.name}: the kernel died in cell {index}")
            if reply.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            if kind == "status" and content.get("execution_state") == "idle":
                idle = True
            elif kind == "execute_reply":
                replied = True
                if content.get("status") == "error" and not run.error:
                    run.error = f"{content.get('ename')}: {content.get('evalue')}"
            elif kind == "error":
                run.error = f"{content.get('ename')}: {content.get('evalue')}"
            elif kind in ("stream", "execute_result", "display_data"):
                run.outputs.append(content)
        run.seconds = time.perf_counter() - started
        return run


def code_cells(notebook: dict) -> list[str]:
    """The sources of a notebook's code cells, in order."""
    cells = []
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            source = cell["source"]
            cells.append(source if isinstance(source, str) else "".join(source))
    return cells
