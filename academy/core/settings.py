"""One settings object for the whole app, read from the environment (and .env)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parents[2]  # the project folder (this file is academy/core/settings.py)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    database_url: str = Field(default=f"sqlite:///{ROOT / 'data' / 'academy.db'}")
    content_dir: Path = ROOT / "content"
    assessments_dir: Path = ROOT / "assessments"
    session_hours: float = Field(default=24 * 7, gt=0, le=24 * 365, description="how long a login lasts")
    default_language: str = Field(default="zh", pattern="^(zh|zh-hant|zh-hk|en)$")
    secret_key: str = Field(default="", description="signs login tokens; generated under data/ if empty")
    pass_mark: float = Field(default=0.8, ge=0, le=1)
    login_max_failures: int = Field(default=5, ge=1, le=1000)
    login_lock_minutes: float = Field(default=15, gt=0, le=24 * 60)
    login_client_max_failures: int = Field(default=100, ge=1, description="failed logins per address per window")
    live_max_participants: int = Field(default=500, ge=1, le=5000, description="trainees one live quiz accepts")
    live_join_max_misses: int = Field(default=50, ge=1, description="wrong live-quiz codes per address per window")
    live_join_window_minutes: float = Field(default=10, gt=0, le=24 * 60)
    public_url: str = Field(default="", description="the address trainees' phones reach, if not the one in use")
    # Single sign-on with OpenID Connect (academy/integrations/oidc.py): off while oidc_issuer is empty.
    oidc_issuer: str = Field(default="", max_length=500, description="the identity provider's issuer URL")
    oidc_client_id: str = Field(default="", max_length=255)
    oidc_client_secret: str = Field(default="", max_length=500)
    oidc_redirect_url: str = Field(default="", max_length=500, description="this app's address + /oauth2callback")
    oidc_scopes: str = Field(default="openid email profile", max_length=500)
    oidc_prompt: str = Field(default="select_account", pattern="^(select_account|login|consent|none)$")
    oidc_groups_claim: str = Field(default="groups", max_length=100)
    oidc_trainer_groups: str = Field(default="", max_length=2000, description="comma-separated; makes a trainer")
    oidc_button_label: str = Field(default="", max_length=60, description="text of the sign-on button")
    # Certificates (academy/integrations/certificates.py): a TrueType font with Chinese glyphs.
    certificate_font: str = Field(default="", max_length=500, description="default: Debian's WenQuanYi Micro Hei")

    @field_validator("oidc_issuer", "oidc_redirect_url")
    @classmethod
    def _absolute_url(cls, url: str) -> str:
        url = url.strip()
        if url and not url.startswith(("https://", "http://")):
            raise ValueError("must be an absolute http:// or https:// address")
        return url

    @model_validator(mode="after")
    def _oidc_complete(self) -> Settings:
        if self.oidc_issuer and not (self.oidc_client_id and self.oidc_client_secret):
            raise ValueError("OIDC_ISSUER is set: OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are needed too")
        if self.oidc_redirect_url and not self.oidc_redirect_url.endswith("/oauth2callback"):
            raise ValueError("OIDC_REDIRECT_URL must end in /oauth2callback, where Streamlit receives the answer")
        return self

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
