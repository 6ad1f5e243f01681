"""One settings object for the whole app, read from the environment (and .env)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parents[2]  # the project folder (this file is academy/core/settings.py)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    database_url: str = Field(default=f"sqlite:///{ROOT / 'data' / 'academy.db'}")
    content_dir: Path = ROOT / "content"
    assessments_dir: Path = ROOT / "assessments"
    session_hours: float = Field(default=24 * 7, gt=0, description="how long a login lasts")
    default_language: str = Field(default="zh", pattern="^(zh|zh-hant|zh-hk|en)$")
    secret_key: str = Field(default="", description="signs login tokens; generated under data/ if empty")
    pass_mark: float = Field(default=0.8, ge=0, le=1)
    login_max_failures: int = Field(default=5, ge=1)
    login_lock_minutes: float = Field(default=15, gt=0)
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
