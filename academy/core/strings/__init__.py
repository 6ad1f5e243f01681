"""UI strings, one module per area, each a dict key -> (Simplified Chinese, English).

Traditional Chinese is converted from the Simplified text at run time. Keys must be unique
across modules: merging fails loudly on a clash.
"""

from __future__ import annotations

from importlib import import_module

AREAS = (
    "core",
    "quiz",
    "tools",
    "checklist",
    "classroom",
    "dashboard",
    "integrations_sso",
    "callplans",
    "integrations_records",
    "roleplay",
    "live_scale",
    "security",
    "firstweek",
)


def merge_strings() -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for area in AREAS:
        table: dict[str, tuple[str, str]] = import_module(f"academy.core.strings.{area}").STRINGS
        clash = merged.keys() & table.keys()
        if clash:
            raise ValueError(f"UI string keys defined twice ({area}): {sorted(clash)}")
        merged.update(table)
    return merged
