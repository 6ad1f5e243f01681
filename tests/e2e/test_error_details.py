"""An unexpected error shows the user a short notice; the detail (type, message, traceback) stays in the log."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.servers import streamlit_server

pytestmark = pytest.mark.browser


def test_an_error_shows_no_traceback_type_or_message(page: Page, tmp_path: Path, app_env: dict[str, str]) -> None:
    # the project's .streamlit/config.toml applies to every script `streamlit run` starts from the project
    script = tmp_path / "boom.py"
    script.write_text('raise ValueError("secret detail: postgresql://academy:hunter2@db/academy")\n', "utf-8")
    log = tmp_path / "boom.log"
    with streamlit_server(app_env, app=str(script), log=log) as url:
        page.goto(url)
        notice = page.get_by_test_id("stException")
        expect(notice).to_be_visible(timeout=60_000)
        shown = notice.inner_text()
    assert "hunter2" not in shown and "ValueError" not in shown and "boom.py" not in shown, shown
    assert "hunter2" in log.read_text("utf-8")  # the operator still has it
