"""Real servers for tests and the benchmark: PostgreSQL on loopback, `streamlit run` on a free port, nginx in
front of several app processes, an OpenID Connect provider (oidc-provider on Node.js) for single sign-on, and
a Ralph LRS."""

from __future__ import annotations

import fcntl
import glob
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from string import Template
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def postgres_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def _as_postgres(cmd: list[str]) -> list[str]:
    # initdb refuses to run as root; Debian's package provides the postgres user.
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


@contextmanager
def postgres_server() -> Iterator[str]:
    """Start a throwaway PostgreSQL; yields an admin URL (database 'postgres')."""
    bindir = postgres_bin()
    if bindir is None:
        raise RuntimeError("PostgreSQL is not installed (apt-get install postgresql)")
    tmp = Path(tempfile.mkdtemp(prefix="kaa-pg-"))
    data = tmp / "data"
    if os.geteuid() == 0:
        shutil.chown(tmp, "postgres")
    port = free_port()
    subprocess.run(
        _as_postgres([str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8"]),
        check=True,
        capture_output=True,
    )
    opts = f"-k {tmp} -p {port} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
    subprocess.run(
        _as_postgres([str(bindir / "pg_ctl"), "-D", str(data), "-o", opts, "-l", str(tmp / "log"), "-w", "start"]),
        check=True,
        capture_output=True,
    )
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            _as_postgres([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]), capture_output=True
        )
        shutil.rmtree(tmp, ignore_errors=True)


def create_database(admin_url: str, name: str) -> str:
    import sqlalchemy as sa

    engine = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return admin_url.rsplit("/", 1)[0] + f"/{name}"


def wait_http(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"{url} did not answer within {timeout}s")
        time.sleep(0.2)


@dataclass
class AppProcess:
    """A running `streamlit run`: its base URL and process (for its CPU and memory)."""

    url: str
    proc: subprocess.Popen


@contextmanager
def streamlit_process(
    env: dict[str, str],
    app: str = "app.py",
    log: Path | None = None,
    options: dict[str, str] | None = None,
    port: int | None = None,
) -> Iterator[AppProcess]:
    """`streamlit run` on a loopback port (a free one unless given); `options` add or override
    `--section.option value` flags.

    The settings in .streamlit/config.toml apply (runner.postScriptGC and server.fileWatcherType,
    see bench/README.md); the flags repeat the file watcher's so an app started elsewhere behaves alike.
    """
    port = port or free_port()
    flags = {
        "server.address": "127.0.0.1",
        "server.port": str(port),
        "server.headless": "true",
        "browser.gatherUsageStats": "false",
        "server.fileWatcherType": "none",
        # a loaded CI machine can answer a keep-alive ping late; a dropped socket would restart the page's session
        "server.websocketPingInterval": "120",
        **(options or {}),
    }
    cmd = [sys.executable, "-m", "streamlit", "run", app]
    for name, value in flags.items():
        cmd += [f"--{name}", value]
    out = open(log, "w") if log else subprocess.DEVNULL  # noqa: SIM115
    proc = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, **env}, stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_http(f"http://127.0.0.1:{port}/_stcore/health")
        yield AppProcess(f"http://127.0.0.1:{port}", proc)
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        if log:
            out.close()


@contextmanager
def streamlit_server(
    env: dict[str, str],
    app: str = "app.py",
    log: Path | None = None,
    options: dict[str, str] | None = None,
    port: int | None = None,
) -> Iterator[str]:
    """`streamlit run` on a loopback port (a free one unless given); yields the base URL."""
    with streamlit_process(env, app, log, options, port) as app_process:
        yield app_process.url


NGINX = Path("/usr/sbin/nginx")
NGINX_CONF = ROOT / "deploy" / "nginx.conf"


@contextmanager
def nginx_proxy(upstreams: list[str], log_dir: Path | None = None) -> Iterator[str]:
    """Debian's nginx on a free loopback port in front of app processes (deploy/nginx.conf); yields its URL.

    The configuration is the one in deploy/, with the listen address, the app processes and the
    paths filled in; nginx runs in the foreground as a child of this process and stops with it.
    """
    if not NGINX.exists():
        raise RuntimeError("nginx is not installed (apt-get install nginx)")
    tmp = Path(tempfile.mkdtemp(prefix="kaa-nginx-"))
    tmp.chmod(0o755)  # nginx's workers (nobody, when started as root) write their buffers under it
    port = free_port()
    conf = Template(NGINX_CONF.read_text()).safe_substitute(  # nginx's own $variables stay
        LISTEN=f"127.0.0.1:{port}",
        UPSTREAMS="\n".join(f"        server {urlsplit(u).netloc};" for u in upstreams),
        RUN_DIR=str(tmp),
    )
    (tmp / "nginx.conf").write_text(conf)
    logs = log_dir or tmp
    cmd = [str(NGINX), "-p", str(tmp), "-c", str(tmp / "nginx.conf"), "-e", str(logs / "nginx-error.log")]
    proc = subprocess.Popen([*cmd, "-g", "daemon off;"], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    try:
        try:
            wait_http(f"http://127.0.0.1:{port}/_stcore/health", timeout=30)
        except TimeoutError:
            errors = (logs / "nginx-error.log").read_text()[-2000:] if (logs / "nginx-error.log").exists() else ""
            raise RuntimeError(f"nginx did not start: {errors}") from None
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(tmp, ignore_errors=True)


# --- an OpenID Connect provider ------------------------------------------------------------------

OIDC_DIR = ROOT / "tests" / "oidc"


def node_missing() -> str | None:
    """Why the provider cannot run here, or None."""
    for tool in ("node", "npm"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (apt-get install nodejs npm)"
    return None


def install_oidc_provider() -> None:
    """`npm ci` the pinned provider (tests/oidc/package-lock.json) unless it is installed already.

    `make test` does the same first; a lock file keeps parallel test processes from installing twice.
    """
    installed = OIDC_DIR / "node_modules" / ".package-lock.json"  # written by npm at the end of an install
    with open(OIDC_DIR / ".install.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if installed.exists() and installed.stat().st_mtime >= (OIDC_DIR / "package-lock.json").stat().st_mtime:
            return
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=OIDC_DIR,
            check=True,
            capture_output=True,
        )


@dataclass(frozen=True)
class OidcProvider:
    """A running provider: its issuer, the app's client, and the test API of tests/oidc/provider.mjs."""

    issuer: str
    client_id: str
    client_secret: str

    def _call(self, method: str, path: str, body: dict) -> dict:
        request = urllib.request.Request(
            f"{self.issuer}/__test__/{path}",
            data=json.dumps(body).encode(),
            method=method,
            headers={"content-type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())

    def person(self, username: str, *, password: str, name: str, email: str, groups: list[str] | None = None) -> str:
        """Create or change someone at the provider; returns their subject, which a change keeps."""
        body = {"password": password, "name": name, "email": email, "groups": groups or []}
        return self._call("PUT", f"accounts/{username}", body)["sub"]

    def hold(self, on: bool) -> None:
        """While on, the provider shows its redirect back to the app as a link (id "callback")."""
        self._call("POST", "hold", {"on": on})

    def expire_codes(self) -> int:
        return self._call("POST", "expire-codes", {})["expired"]


@contextmanager
def oidc_provider(redirect_uris: list[str], log: Path | None = None) -> Iterator[OidcProvider]:
    """Start the test OpenID provider on a free loopback port for a client redirecting to `redirect_uris`."""
    install_oidc_provider()
    port = free_port()
    provider = OidcProvider(f"http://127.0.0.1:{port}", "academy", secrets.token_urlsafe(24))
    env = {
        **os.environ,
        "PORT": str(port),
        "CLIENT_ID": provider.client_id,
        "CLIENT_SECRET": provider.client_secret,
        "REDIRECT_URIS": ",".join(redirect_uris),
    }
    out = open(log, "w") if log else subprocess.DEVNULL  # noqa: SIM115
    proc = subprocess.Popen(["node", "provider.mjs"], cwd=OIDC_DIR, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_http(f"{provider.issuer}/.well-known/openid-configuration")
        yield provider
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        if log:
            out.close()


# --- a learning record store: Ralph (ralph-malph) with its file-system backend --------------------

LRS_PYTHON = ROOT / ".venv-lrs" / "bin" / "python"  # `make test` installs it (requirements-lrs.txt)


class Lrs:
    """A real Ralph LRS on a loopback port; `stop()` and `start()` again keep its statements and port."""

    username = "academy"
    password = "lrs-test-password"

    def __init__(self, folder: Path):
        self.folder = folder
        self.port = free_port()
        self.proc: subprocess.Popen | None = None
        (folder / "data").mkdir(parents=True, exist_ok=True)
        self.env = {
            **os.environ,
            "RALPH_APP_DIR": str(folder / "app"),
            "RALPH_AUTH_FILE": str(folder / "auth.json"),
            "RALPH_RUNSERVER_BACKEND": "fs",
            "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(folder / "data"),
        }
        subprocess.run(
            [
                *(str(LRS_PYTHON), "-m", "ralph", "auth", "-u", self.username, "-p", self.password, "-s", "all"),
                *("-A", self.username, "https://academy.test", "-w"),
            ],
            env=self.env,
            check=True,
            capture_output=True,
        )

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}/xAPI/"

    def start(self) -> None:
        log = open(self.folder / "lrs.log", "a")  # noqa: SIM115
        cmd = [str(LRS_PYTHON), "-m", "uvicorn", "lrs_app:app", "--app-dir", str(ROOT / "tests")]
        cmd += ["--host", "127.0.0.1", "--port", str(self.port)]
        self.proc = subprocess.Popen(cmd, env=self.env, stdout=log, stderr=subprocess.STDOUT, cwd=self.folder)
        wait_http(f"http://127.0.0.1:{self.port}/__heartbeat__", timeout=120)

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
            self.proc = None

    def statements(self) -> list[dict]:
        """Every statement the LRS holds, through its xAPI API (following `more` links)."""
        import base64
        import json

        token = base64.b64encode(f"{self.username}:{self.password}".encode()).decode()
        headers = {"Authorization": f"Basic {token}", "X-Experience-API-Version": "1.0.3"}
        found: list[dict] = []
        url = f"http://127.0.0.1:{self.port}/xAPI/statements?limit=100"
        while url:
            with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=30) as resp:
                page = json.load(resp)
            found += page["statements"]
            more = page.get("more")
            url = f"http://127.0.0.1:{self.port}{more}" if more else ""
        return found

    def invalid(self, statements: list[dict]) -> list[str]:
        """Ralph's own strict xAPI 1.0.3 model (BaseXapiStatement) on each statement: the errors, if any."""
        import json

        checker = ROOT / "tests" / "lrs_validate.py"
        done = subprocess.run(
            [str(LRS_PYTHON), str(checker)], input=json.dumps(statements), capture_output=True, text=True, check=True
        )
        return [line for line in done.stdout.splitlines() if line.strip()]


@contextmanager
def lrs_server() -> Iterator[Lrs]:
    lrs = Lrs(Path(tempfile.mkdtemp(prefix="kaa-lrs-")))
    lrs.start()
    try:
        yield lrs
    finally:
        lrs.stop()
        shutil.rmtree(lrs.folder, ignore_errors=True)
