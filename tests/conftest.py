"""Shared fixtures: a migrated database per test (SQLite, and PostgreSQL where marked), settings, content.

Under REQUIRE_FULL=1 (CI) a test that would be skipped for a missing component fails instead.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from sqlmodel import Session

from academy.content.loader import Course, load_course
from academy.core.db import get_engine
from academy.core.migrations import upgrade
from academy.core.settings import ROOT, get_settings
from tests.servers import (
    CHROMIUM,
    CHROMIUM_ARGS,
    LRS_PYTHON,
    create_database,
    lrs_server,
    postgres_bin,
    postgres_server,
)

REQUIRE_FULL = os.environ.get("REQUIRE_FULL") == "1"


def missing(reason: str) -> None:
    """Skip for a missing component; under REQUIRE_FULL that is a failure."""
    if REQUIRE_FULL:
        pytest.fail(f"REQUIRE_FULL=1 and {reason}")
    pytest.skip(reason)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if REQUIRE_FULL and skipped:
        reporter.write_line(f"REQUIRE_FULL=1: {len(skipped)} test(s) skipped, which fails the run", red=True)
        session.exitstatus = 1


@pytest.fixture(autouse=True)
def _settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """Every test gets its own SQLite file and a fixed secret; nothing touches data/."""
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'academy.db'}")
    monkeypatch.setenv("SECRET_KEY", "test-secret-key")
    monkeypatch.setenv("LOGIN_LOCK_MINUTES", "15")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture(scope="session")
def pg_admin_url():
    if postgres_bin() is None:
        missing("PostgreSQL is not installed")
    with postgres_server() as url:
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A migrated, empty database on each backend; the settings point at it."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'test.db'}"
    else:
        url = create_database(request.getfixturevalue("pg_admin_url"), f"t_{uuid.uuid4().hex[:12]}")
    upgrade(url)
    monkeypatch.setenv("DATABASE_URL", url)
    get_settings.cache_clear()
    yield url
    get_engine(url).dispose()


@pytest.fixture(scope="session")
def lrs():
    """A real learning record store (Ralph, file-system backend) for the whole run."""
    if not LRS_PYTHON.exists():
        missing("Ralph is not installed (make .venv-lrs/.installed, which `make test` runs)")
    with lrs_server() as server:
        yield server


@pytest.fixture
def session(db_url: str):
    with Session(get_engine(db_url), expire_on_commit=False) as s:
        yield s


@pytest.fixture(scope="session")
def course() -> Course:
    return load_course(ROOT / "content", ROOT / "assessments")


# --- browser ----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        missing("Chromium is not installed (apt-get install chromium)")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}
