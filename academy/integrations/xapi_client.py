"""POSTing statements to a learning record store (xAPI 1.0.3 over HTTP, basic authentication)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import requests

from academy.core.settings import Settings

VERSION = "1.0.3"
TIMEOUT_SECONDS = 15
REJECTED = {400, 409, 413, 422}  # the LRS will never take these statements as they are: retrying cannot help


@dataclass(frozen=True)
class Reply:
    status: int | None  # None: no answer at all (refused, timed out, name not found)
    message: str

    @property
    def ok(self) -> bool:
        return self.status in (200, 204)

    @property
    def rejected(self) -> bool:
        return self.status in REJECTED


def statements_url(settings: Settings) -> str:
    return settings.xapi_endpoint.strip().rstrip("/") + "/statements"


def post(settings: Settings, statements: list[dict[str, Any]]) -> Reply:
    """Send a batch; the LRS stores all of it or none. Resending statements it has is harmless (same ids)."""
    auth = (settings.xapi_username, settings.xapi_password) if settings.xapi_username else None
    try:
        response = requests.post(
            statements_url(settings),
            json=statements,
            auth=auth,
            headers={"X-Experience-API-Version": VERSION},
            timeout=TIMEOUT_SECONDS,
        )
    except requests.RequestException as exc:
        return Reply(None, f"{type(exc).__name__}: {exc}"[:500])
    if response.status_code in (200, 204):
        return Reply(response.status_code, "")
    return Reply(response.status_code, f"HTTP {response.status_code}: {response.text.strip()}"[:500])
