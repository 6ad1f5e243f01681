"""`python -m academy ...` as a content author or trainer runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from academy.core.settings import ROOT

FIXTURE = Path(__file__).parent / "fixtures" / "content" / "valid"


def cli(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "academy", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=120,
    )


def test_validate_prints_counts_for_the_shipped_content() -> None:
    result = cli("validate")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("content OK: 10 modules,")
    assert "30 checklist items" in result.stdout


def test_validate_lists_every_error_and_exits_1(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(FIXTURE, tmp_path / "c")
    module = tmp_path / "c" / "content" / "modules" / "alpha.yaml"
    module.write_text(module.read_text("utf-8").replace("en: Module one", "english: Module one"), "utf-8")
    result = cli(
        "validate", CONTENT_DIR=str(tmp_path / "c" / "content"), ASSESSMENTS_DIR=str(tmp_path / "c" / "assessments")
    )
    assert result.returncode == 1
    assert "content/modules/alpha.yaml: title.en: Field required" in result.stderr
    assert "content/modules/alpha.yaml: title.english: Extra inputs are not permitted" in result.stderr
    assert result.stderr.strip().endswith("2 error(s)")


def test_export_course_in_each_language() -> None:
    zh = json.loads(cli("export-course", "--lang", "zh").stdout)
    en = json.loads(cli("export-course", "--lang", "en").stdout)
    assert zh["title"] == "大客户销售学院" and en["title"] == "Key Account Academy"
    assert [m["id"] for m in zh["modules"]] == [m["id"] for m in en["modules"]]
    assert len(en["modules"]) == 10
    assert sum(len(g["items"]) for g in en["checklist"]) == 30
    question = en["modules"][0]["questions"][0]
    assert {"id", "type", "prompt", "explanation"} <= set(question)
    assert all(
        q.get("answer") or q.get("pairs") or q.get("correct_order") for m in en["modules"] for q in m["questions"]
    )


def test_migrate_creates_the_database(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    result = cli("migrate", DATABASE_URL=url)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "fresh.db").exists()
