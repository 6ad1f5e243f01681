"""One settings object for the whole app, read from the environment (and .env)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parents[2]  # the project folder (this file is academy/core/settings.py)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    database_url: str = Field(default=f"sqlite:///{ROOT / 'data' / 'academy.core.db'}")
    content_dir: Path = ROOT / "content"
    assessments_dir: Path = ROOT / "assessments"
    session_hours: float = Field(default=24 * 7, gt=0, le=24 * 365, description="how long a login lasts")
    default_language: str = Field(default="zh", pattern="^(zh|zh-hant|en)$")
    secret_key: str = Field(default="", description="signs login tokens; generated under data/ if empty")
    pass_mark: float = Field(default=0.8, ge=0, le=1)
    login_max_failures: int = Field(default=5, ge=1, le=1000)
    login_lock_minutes: float = Field(default=15, gt=0, le=24 * 60)
    login_client_max_failures: int = Field(default=100, ge=1, description="failed logins per address per window")
    live_max_participants: int = Field(default=500, ge=1, le=5000, description="trainees one live quiz accepts")
    live_join_max_misses: int = Field(default=50, ge=1, description="wrong live-quiz codes per address per window")
    live_join_window_minutes: float = Field(default=10, gt=0, le=24 * 60)
    public_url: str = Field(default="", description="the address trainees' phones reach, if not the one in use")

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
