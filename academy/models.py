"""All database tables. Timestamps are timezone-aware UTC; content is referred to by stable ids."""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum

from sqlalchemy import Column, DateTime, UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)


def _ts(**kw) -> Column:
    return Column(DateTime(timezone=True), **kw)


class Role(StrEnum):
    learner = "learner"
    trainer = "trainer"
    admin = "admin"


class User(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=64, unique=True, index=True)  # stored lower-case
    display_name: str = Field(max_length=80)
    password_hash: str = Field(max_length=255)
    role: str = Field(default=Role.learner, max_length=16)
    language: str = Field(default="zh", max_length=8)
    created_at: datetime = Field(default_factory=utcnow, sa_column=_ts(nullable=False))
    failed_logins: int = Field(default=0)
    locked_until: datetime | None = Field(default=None, sa_column=_ts(nullable=True))
    share_checklist: bool = Field(default=False)  # lets the trainers of the user's cohorts see the log
    checklist_target: float = Field(default=0.7, ge=0, le=1)


class AuthSession(SQLModel, table=True):
    """A login. The browser holds a signed token naming `id`; only its SHA-256 is stored."""

    token_hash: str = Field(primary_key=True, max_length=64)
    user_id: int = Field(foreign_key="user.id", index=True, ondelete="CASCADE")
    created_at: datetime = Field(default_factory=utcnow, sa_column=_ts(nullable=False))
    expires_at: datetime = Field(sa_column=_ts(nullable=False))


class SectionRead(SQLModel, table=True):
    user_id: int = Field(foreign_key="user.id", primary_key=True, ondelete="CASCADE")
    module_id: str = Field(primary_key=True, max_length=64)
    section_id: str = Field(primary_key=True, max_length=64)
    read_at: datetime = Field(default_factory=utcnow, sa_column=_ts(nullable=False))


class ReflectionAnswer(SQLModel, table=True):
    """A learner's written answer to a reflection prompt or a module's case (prompt id 'case')."""

    user_id: int = Field(foreign_key="user.id", primary_key=True, ondelete="CASCADE")
    module_id: str = Field(primary_key=True, max_length=64)
    prompt_id: str = Field(primary_key=True, max_length=64)
    text: str = Field(max_length=10_000)
    updated_at: datetime = Field(default_factory=utcnow, sa_column=_ts(nullable=False))


class ChecklistEntry(SQLModel, table=True):
    """One behaviour's counts for one period. Re-saving a period replaces its rows."""

    __table_args__ = (UniqueConstraint("user_id", "period", "period_start", "item_id"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True, ondelete="CASCADE")
    period: str = Field(max_length=8)  # "week" | "day"
    period_start: date = Field(index=True)  # the period's first day (a Monday for weeks)
    item_id: str = Field(max_length=64)
    executed: int = Field(ge=0)
    fulfilled: int = Field(ge=0)
    note: str = Field(default="", max_length=2000)
