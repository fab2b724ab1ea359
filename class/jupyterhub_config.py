# JupyterHub for a bsckit class on one machine. Started by `make class` (see class/README.md);
# every setting a workshop may change is an environment variable with a safe default:
#
#   BSCKIT_CLASS_STATE        folder for the hub's database, secrets and accounts (mode 700)
#   BSCKIT_CLASS_IP           address learners connect to (127.0.0.1; 0.0.0.0 for the room)
#   BSCKIT_CLASS_PORT         port learners connect to (8000)
#   BSCKIT_CLASS_HUB_PORT     the hub's internal port, on 127.0.0.1 (8081)
#   BSCKIT_CLASS_PROXY_API_PORT  the proxy's API port, on 127.0.0.1 (8001)
#   BSCKIT_CLASS_MEM_LIMIT    memory per learner, server and kernels together (1G)
#   BSCKIT_CLASS_CPU_LIMIT    CPU cores per learner (1.0)
#   BSCKIT_CLASS_PIDS_LIMIT   processes and threads per learner (512)
#   BSCKIT_CLASS_CULL_TIMEOUT seconds of inactivity before a learner's server is stopped (3600)
#   BSCKIT_CLASS_COURSE_REPO  the git repository nbgitpuller pulls the course from (this one)
#   BSCKIT_CLASS_SSL_KEY / BSCKIT_CLASS_SSL_CERT  serve HTTPS (do, whenever the room is not just this machine)
#
# The learners' servers and kernels run from the Python environment this hub runs from
# (class/.venv: the kit and its pinned packages), each as the learner's own Unix account.
# ruff: noqa: F821  (`c` is the config object JupyterHub provides)

import os
import secrets
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import classroom  # noqa: E402

RosterAuthenticator, ClassSpawner = classroom._hub_classes()


def setting(name, default):
    return os.environ.get(f"BSCKIT_CLASS_{name}", default)


state = classroom._private_dir(Path(setting("STATE", str(classroom.DEFAULT_STATE))).resolve())
public = Path(setting("PUBLIC", str(state.parent / f"{state.name}-public"))).resolve()
public.mkdir(parents=True, exist_ok=True)
public.chmod(0o755)

# ---- where the hub listens: learners reach only the proxy; everything else stays on loopback ----
ip = setting("IP", "127.0.0.1")
c.JupyterHub.bind_url = f"http://{ip}:{setting('PORT', '8000')}"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(setting("HUB_PORT", "8081"))
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{setting('PROXY_API_PORT', '8001')}"
c.ConfigurableHTTPProxy.command = [str(HERE / "node_modules" / ".bin" / "configurable-http-proxy")]
if setting("SSL_KEY", "") and setting("SSL_CERT", ""):
    c.JupyterHub.ssl_key = setting("SSL_KEY", "")
    c.JupyterHub.ssl_cert = setting("SSL_CERT", "")
    c.JupyterHub.bind_url = c.JupyterHub.bind_url.replace("http://", "https://")

c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(state / "jupyterhub.pid")
c.JupyterHub.cleanup_servers = True

# ---- who may log in: the roster's accounts, each with their own password ------------------------
c.JupyterHub.authenticator_class = RosterAuthenticator
c.RosterAuthenticator.state_dir = str(state)
c.Authenticator.admin_users = {
    name for name, record in classroom.load_accounts(state).items() if record.get("admin")
}

# ---- each learner's server: their Unix account, their home, the kit's kernel, their limits ------
c.JupyterHub.spawner_class = ClassSpawner
c.Spawner.cmd = [str(Path(sys.prefix) / "bin" / "jupyterhub-singleuser")]
c.Spawner.ip = "127.0.0.1"
c.Spawner.notebook_dir = "~"
c.Spawner.default_url = "/lab"
c.Spawner.mem_limit = setting("MEM_LIMIT", classroom.DEFAULT_MEM_LIMIT)
c.Spawner.cpu_limit = float(setting("CPU_LIMIT", classroom.DEFAULT_CPU_LIMIT))
c.ClassSpawner.pids_limit = int(setting("PIDS_LIMIT", classroom.DEFAULT_PIDS_LIMIT))
# a whole room logs in at once on a small machine: give servers time to start
c.Spawner.start_timeout = 300
c.Spawner.http_timeout = 300
c.JupyterHub.concurrent_spawn_limit = 200

# nbgitpuller runs git as the learner on a course repository owned by root: git refuses such a
# repository unless it is named as safe in the learner's (protected) global configuration. This
# file names only the course repository and then reads the learner's own ~/.gitconfig.
course_repo = Path(setting("COURSE_REPO", str(HERE.parent)))
gitconfig = public / "gitconfig"
gitconfig.write_text(f"[safe]\n\tdirectory = {course_repo}\n[include]\n\tpath = ~/.gitconfig\n")
gitconfig.chmod(0o644)
c.Spawner.environment = {
    "GIT_CONFIG_GLOBAL": str(gitconfig),
    "PATH": f"{Path(sys.prefix) / 'bin'}:/usr/local/bin:/usr/bin:/bin",
}
c.Spawner.env_keep = ["LANG", "LC_ALL"]

# ---- services: the idle culler, and the instructor's API token (never given to learners) --------
token_file = state / "admin_token"
if not token_file.exists():
    classroom._write_private(token_file, secrets.token_hex(32))
c.JupyterHub.services = [
    {
        "name": "idle-culler",
        "command": [
            sys.executable,
            "-m",
            "jupyterhub_idle_culler",
            f"--timeout={int(setting('CULL_TIMEOUT', '3600'))}",
        ],
    },
    {"name": "instructor-tools", "api_token": token_file.read_text().strip()},
]
c.JupyterHub.load_roles = [
    {
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    },
    {
        "name": "instructor-tools",
        "scopes": ["admin:users", "admin:servers", "tokens", "list:users", "read:users"],
        "services": ["instructor-tools"],
    },
]
