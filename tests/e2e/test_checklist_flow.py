"""The checklist in a real browser: log two weeks, edit one, chart, export, import elsewhere, reject bad files."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Locator, Page, expect

from tests.e2e.conftest import choose_language, new_user, register, wait_for_no_login_cookie

pytestmark = pytest.mark.browser

EXECUTED, FULFILLED = 2, 3  # editor columns: group, behaviour, came up, done, note


# What each tab shows last: only the open tab runs, so seeing it means the tab's run got that far.
TAB_END = {
    "Log": lambda panel: panel.locator(".js-plotly-plot"),
    "Charts": lambda panel: panel.locator(".js-plotly-plot").nth(4),
    "Import & export": lambda panel: panel.get_by_role("button", name="Import", exact=True),
}


def _settled(page: Page) -> None:
    """The current script run has finished (call once something from the new run is on screen)."""
    expect(page.get_by_test_id("stApp")).to_have_attribute("data-test-script-state", "notRunning", timeout=30_000)


def _open_tab(page: Page, name: str) -> Locator:
    page.get_by_role("tab", name=name).click()
    panel = page.get_by_role("tabpanel", name=name)  # the tab left behind may still show until the run ends
    expect(TAB_END[name](panel)).to_be_visible(timeout=30_000)
    _settled(page)
    return panel


def _grid(page: Page) -> Locator:
    return page.get_by_test_id("stDataFrame").first


def _fill_column(page: Page, column: int, values: list[int | None]) -> None:
    """Type values down one column of the editor from the first row (None leaves a cell as it is)."""
    grid = _grid(page)
    canvas = grid.get_by_test_id("data-grid-canvas")
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    page.mouse.click(box["x"] + 10, box["y"] + 35 + 17)  # the first body cell (the header row is 35px)
    expect(grid.get_by_test_id("glide-cell-0-0")).to_have_attribute("aria-selected", "true")
    for _ in range(column):
        page.keyboard.press("ArrowRight")
    for row, value in enumerate(values):
        cell = grid.get_by_test_id(f"glide-cell-{column}-{row}")
        expect(cell).to_have_attribute("aria-selected", "true")
        if value is None:
            page.keyboard.press("ArrowDown")
            continue
        page.keyboard.type(str(value))  # typing opens the cell editor with what was typed
        expect(page.locator("#portal input")).to_have_value(str(value))
        page.keyboard.press("Enter")  # commits and moves down a row
        expect(cell).to_have_text(str(value))


def _log_week(page: Page, executed: list[int], fulfilled: list[int], overall: str) -> None:
    _fill_column(page, EXECUTED, executed)
    _fill_column(page, FULFILLED, fulfilled)
    _save(page, overall)


def _save(page: Page, overall: str) -> None:
    """Save the period; `overall` is the period's overall rate the page then shows."""
    page.get_by_role("button", name="Save this period").click()
    expect(page.get_by_test_id("stMetric").first).to_contain_text(overall, timeout=30_000)
    _settled(page)


def _go(page: Page, button: str, heading: str) -> None:
    page.get_by_role("button", name=button, exact=True).click()
    expect(page.get_by_role("heading", name=heading)).to_be_visible(timeout=30_000)
    _settled(page)


def _charts(page: Page) -> str:
    """Every chart's traces and the summary numbers on the Charts tab, as text to compare."""
    panel = _open_tab(page, "Charts")
    plots = panel.locator(".js-plotly-plot")
    expect(plots).to_have_count(5)
    traces = plots.evaluate_all(
        """plots => plots.map(p => ({
            title: p.layout.title && p.layout.title.text,
            data: p.data.map(t => ({name: t.name, x: t.x, y: t.y, z: t.z}))}))"""
    )
    metrics = panel.get_by_test_id("stMetric").all_inner_texts()
    return json.dumps({"metrics": metrics, "charts": traces}, sort_keys=True, default=str)


def _import(page: Page, path: Path) -> Locator:
    panel = _open_tab(page, "Import & export")
    uploader = panel.get_by_test_id("stFileUploader")
    uploader.locator("input[type=file]").set_input_files(str(path))
    expect(uploader.get_by_text(path.name)).to_be_visible(timeout=30_000)
    import_button = panel.get_by_role("button", name="Import", exact=True)
    expect(import_button).to_be_enabled(timeout=30_000)  # the upload's own run has enabled it
    _settled(page)
    import_button.click()
    return panel


def test_log_edit_chart_export_and_import_into_a_fresh_account(page: Page, app_url: str, tmp_path: Path) -> None:
    page.goto(app_url)
    register(page, new_user("ck"), "Chen")
    choose_language(page, "English")
    expect(page.get_by_role("heading", name="Hello, Chen")).to_be_visible(timeout=30_000)  # the choice is saved
    page.goto(f"{app_url}/checklist")
    expect(page.get_by_role("heading", name="Sales-activity checklist")).to_be_visible(timeout=30_000)
    _settled(page)

    this_week = date.today() - timedelta(days=date.today().weekday())
    last_week = this_week - timedelta(weeks=1)
    # last week, then this week: filled in from last week's counts, then changed
    _go(page, "Previous", f"Week of {last_week} to {this_week - timedelta(days=1)}")
    _log_week(page, executed=[4, 2, 3], fulfilled=[2, 2, 1], overall="56%")  # 5 / 9
    _go(page, "Next", f"Week of {this_week} to {this_week + timedelta(days=6)}")
    page.get_by_role("button", name=f"Fill in the counts from {last_week}").click()
    expect(page.get_by_text(f"Counts from {last_week} filled in")).to_be_visible(timeout=30_000)
    expect(_grid(page).get_by_test_id("glide-cell-2-0")).to_have_text("4")
    _settled(page)
    _log_week(page, executed=[5], fulfilled=[5], overall="80%")  # (5 + 2 + 1) / (5 + 2 + 3)

    before = _charts(page)
    metrics = page.get_by_role("tabpanel", name="Charts").get_by_test_id("stMetric")
    expect(metrics.filter(has_text="Weeks logged")).to_contain_text("2")
    expect(metrics.filter(has_text="Overall rate")).to_contain_text("68%")  # (5 + 8) / (9 + 10)

    # edit last week: its first behaviour was done every time it came up
    _open_tab(page, "Log")
    _go(page, "Previous", f"Week of {last_week} to {this_week - timedelta(days=1)}")
    expect(_grid(page).get_by_test_id("glide-cell-3-0")).to_have_text("2")
    _fill_column(page, FULFILLED, [4])
    _save(page, overall="78%")  # (4 + 2 + 1) / 9
    after = _charts(page)
    assert after != before
    expect(metrics.filter(has_text="Overall rate")).to_contain_text("79%")  # (7 + 8) / 19

    panel = _open_tab(page, "Import & export")
    with page.expect_download() as csv_download:
        panel.get_by_role("button", name="Download CSV").click()
    exported = tmp_path / "log.csv"
    csv_download.value.save_as(exported)
    lines = exported.read_text(encoding="utf-8-sig").splitlines()
    assert exported.read_bytes().startswith("\ufeffperiod,period_start,item_id,executed,fulfilled,note".encode())
    assert len(lines) == 1 + 6
    with page.expect_download() as xlsx_download:
        panel.get_by_role("button", name="Download Excel").click()
    sheet = load_workbook(io.BytesIO(Path(xlsx_download.value.path()).read_bytes())).active
    assert [c.value for c in sheet[1]] == [
        "period",
        "period_start",
        "item_id",
        "behaviour",
        "executed",
        "fulfilled",
        "note",
    ]
    assert sheet.max_row == len(lines)

    # a fresh account imports the file and sees the very same charts
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("tab", name="Create account")).to_be_visible(timeout=30_000)
    wait_for_no_login_cookie(page)  # the next login's cookie must not be confused with this one
    register(page, new_user("ck"), "Dana", tab="Create account")
    page.goto(f"{app_url}/checklist")
    expect(page.get_by_role("heading", name="Sales-activity checklist")).to_be_visible(timeout=30_000)
    _settled(page)
    panel = _import(page, exported)
    expect(panel.get_by_text("Imported 6 entries.")).to_be_visible(timeout=30_000)
    _settled(page)
    assert _charts(page) == after

    # a file with one bad row changes nothing and names the row
    good = lines[1].split(",")
    bad_rows = {
        "fulfilled": [*good[:3], "2", "3", ""],
        "item_id": [*good[:2], "no-such-behaviour", *good[3:]],
        "period_start": [good[0], "last tuesday", *good[2:]],
    }
    for column, bad in bad_rows.items():
        broken = tmp_path / f"bad-{column}.csv"
        broken.write_text("\n".join([*lines[:3], ",".join(bad), *lines[3:]]) + "\n", encoding="utf-8-sig")
        panel = _import(page, broken)
        expect(panel.get_by_text("1 problem(s) found; nothing was saved:")).to_be_visible(timeout=30_000)
        expect(panel.get_by_text(f"Row 4, column {column}:")).to_be_visible()
        _settled(page)
        assert _charts(page) == after
