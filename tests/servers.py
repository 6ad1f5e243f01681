"""Real servers for tests and the benchmark: PostgreSQL on loopback and `streamlit run` on a free port."""

from __future__ import annotations

import glob
import os
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
    env: dict[str, str], app: str = "app.py", log: Path | None = None, options: dict[str, str] | None = None
) -> Iterator[AppProcess]:
    """`streamlit run` on a free loopback port; `options` add or override `--section.option value` flags.

    The settings in .streamlit/config.toml apply (runner.postScriptGC and server.fileWatcherType,
    see bench/README.md); the flags repeat the file watcher's so an app started elsewhere behaves alike.
    """
    port = free_port()
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
    env: dict[str, str], app: str = "app.py", log: Path | None = None, options: dict[str, str] | None = None
) -> Iterator[str]:
    """`streamlit run` on a free loopback port; yields the base URL."""
    with streamlit_process(env, app, log, options) as app_process:
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
