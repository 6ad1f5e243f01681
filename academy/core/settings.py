"""One settings object for the whole app, read from the environment (and .env)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parents[2]  # the project folder (this file is academy/core/settings.py)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    database_url: str = Field(default=f"sqlite:///{ROOT / 'data' / 'academy.core.db'}")
    content_dir: Path = ROOT / "content"
    assessments_dir: Path = ROOT / "assessments"
    session_hours: float = Field(default=24 * 7, gt=0, description="how long a login lasts")
    default_language: str = Field(default="zh", pattern="^(zh|zh-hant|en)$")
    secret_key: str = Field(default="", description="signs login tokens; generated under data/ if empty")
    pass_mark: float = Field(default=0.8, ge=0, le=1)
    login_max_failures: int = Field(default=5, ge=1)
    login_lock_minutes: float = Field(default=15, gt=0)
    public_url: str = Field(default="", description="the address trainees' phones reach, if not the one in use")

    # xAPI learning records: off until an LRS endpoint is set (README, "Configuration")
    xapi_endpoint: str = Field(default="", max_length=500, description="the LRS's xAPI base, e.g. https://lrs/xAPI/")
    xapi_username: str = Field(default="", max_length=200)
    xapi_password: str = Field(default="", max_length=200)
    xapi_base_iri: str = Field(
        default="", max_length=300, description="activity ids start here; PUBLIC_URL/xapi if empty"
    )
    xapi_actor: Literal["account", "mbox"] = "account"
    xapi_account_homepage: str = Field(default="", max_length=300, description="the account IRI; PUBLIC_URL if empty")
    xapi_batch_size: int = Field(default=50, ge=1, le=500)
    xapi_retry_max_seconds: float = Field(default=600, ge=1, le=86_400)

    @property
    def records_events(self) -> bool:
        """Whether learners' events are kept for delivery: only while an LRS is configured."""
        return bool(self.xapi_endpoint.strip())

    def xapi_base(self) -> str:
        """The IRI activity ids start with ('' when neither XAPI_BASE_IRI nor PUBLIC_URL is set)."""
        base = self.xapi_base_iri.strip() or (f"{self.public_url.strip().rstrip('/')}/xapi" if self.public_url else "")
        return base.rstrip("/")

    @field_validator("database_url")
    @classmethod
    def _driver(cls, url: str) -> str:
        # Plain postgresql:// URLs use psycopg 3, the driver we ship.
        for prefix in ("postgresql://", "postgres://"):
            if url.startswith(prefix):
                return "postgresql+psycopg://" + url.removeprefix(prefix)
        return url


@lru_cache
def get_settings() -> Settings:
    return Settings()
