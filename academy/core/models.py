"""All database tables. Timestamps are timezone-aware UTC; content is referred to by stable ids."""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum

from sqlalchemy import JSON, Column, DateTime, UniqueConstraint
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
    """One behaviour's counts for one period. Re-saving a period replaces its rows.

    Ids are never reused (AUTOINCREMENT on SQLite, a sequence on PostgreSQL), so a user's
    (count, newest id) changes with every edit: `academy.checklist.log.log_version`.
    """

    __table_args__ = (
        UniqueConstraint("user_id", "period", "period_start", "item_id"),
        {"sqlite_autoincrement": True},
    )

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True, ondelete="CASCADE")
    period: str = Field(max_length=8)  # "week" | "day"
    period_start: date = Field(index=True)  # the period's first day (a Monday for weeks)
    item_id: str = Field(max_length=64)
    executed: int = Field(ge=0)
    fulfilled: int = Field(ge=0)
    note: str = Field(default="", max_length=2000)


# --- quizzes, review and self-assessments ---


class QuizAttempt(SQLModel, table=True):
    """One sitting of a module quiz (module_id set) or the final exam (module_id None).

    `layout` fixes the questions and their shuffled option order for this attempt, so a reload
    shows the same quiz.
    """

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True, ondelete="CASCADE")
    module_id: str | None = Field(default=None, max_length=64, index=True)
    layout: list = Field(sa_column=Column(JSON, nullable=False))
    pass_mark: float
    started_at: datetime = Field(default_factory=utcnow, sa_column=_ts(nullable=False))
    finished_at: datetime | None = Field(default=None, sa_column=_ts(nullable=True))
    score: float | None = None  # 0..1, set when finished
    passed: bool | None = None


class QuizAnswer(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("attempt_id", "question_id"),)

    id: int | None = Field(default=None, primary_key=True)
    attempt_id: int = Field(foreign_key="quizattempt.id", index=True, ondelete="CASCADE")
    user_id: int = Field(foreign_key="user.id", index=True, ondelete="CASCADE")
    question_id: str = Field(max_length=64)
    response: list = Field(sa_column=Column(JSON, nullable=False))
    score: float  # 0..1 (partial credit for multiple choice and matching)
    answered_at: datetime = Field(default_factory=utcnow, sa_column=_ts(nullable=False))


class ReviewCard(SQLModel, table=True):
    """A missed question scheduled for spaced review with FSRS."""

    user_id: int = Field(foreign_key="user.id", primary_key=True, ondelete="CASCADE")
    question_id: str = Field(primary_key=True, max_length=64)
    card: dict = Field(sa_column=Column(JSON, nullable=False))  # fsrs.Card.to_dict()
    due: datetime = Field(sa_column=_ts(nullable=False, index=True))
    reviews: int = Field(default=0)


class SelfAssessment(SQLModel, table=True):
    """One completed questionnaire; `subject` names the client contact for personality checks."""

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True, ondelete="CASCADE")
    kind: str = Field(max_length=32)
    subject: str = Field(default="", max_length=80)
    answers: dict = Field(sa_column=Column(JSON, nullable=False))
    result: dict = Field(sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_column=_ts(nullable=False))


# --- checklist ---


class ChecklistGoal(SQLModel, table=True):
    """A learner's target rate (0..1) for one behaviour they most want to improve; drawn on the charts."""

    user_id: int = Field(foreign_key="user.id", primary_key=True, ondelete="CASCADE")
    item_id: str = Field(primary_key=True, max_length=64)
    target: float = Field(ge=0, le=1)


# --- field tools ---


class ToolAccount(SQLModel, table=True):
    """A client account in the field tools; private to the salesperson who made it."""

    __table_args__ = (UniqueConstraint("user_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=120)
    created_at: datetime = Field(default_factory=utcnow, sa_column=_ts(nullable=False))


class ToolContact(SQLModel, table=True):
    """A person at an account: scored on the relationship scorecard and placed on the decision-unit map."""

    __table_args__ = (UniqueConstraint("account_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True, ondelete="CASCADE")
    account_id: int = Field(foreign_key="toolaccount.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=80)
    title: str = Field(default="", max_length=80)
    roles: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))  # decision-role term ids
    attitude: str | None = Field(default=None, max_length=16)  # None: not known yet
    relationship: str | None = Field(default=None, max_length=16)
    influence: int = Field(default=3)  # 1..5
    met: bool = Field(default=False)
    note: str = Field(default="", max_length=2000)
    created_at: datetime = Field(default_factory=utcnow, sa_column=_ts(nullable=False))


class ToolTie(SQLModel, table=True):
    """A personal tie between two people of the same account (family, old alliance, patronage, rivalry...)."""

    __table_args__ = (UniqueConstraint("contact_a", "contact_b"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True, ondelete="CASCADE")
    account_id: int = Field(foreign_key="toolaccount.id", index=True, ondelete="CASCADE")
    contact_a: int = Field(foreign_key="toolcontact.id", ondelete="CASCADE")
    contact_b: int = Field(foreign_key="toolcontact.id", ondelete="CASCADE")
    kind: str = Field(max_length=16)
    note: str = Field(default="", max_length=500)


class ToolScorecard(SQLModel, table=True):
    """One relationship-scorecard assessment of a contact: element id -> score on the rubric's scale."""

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True, ondelete="CASCADE")
    contact_id: int = Field(foreign_key="toolcontact.id", index=True, ondelete="CASCADE")
    assessed_on: date
    scores: dict = Field(sa_column=Column(JSON, nullable=False))
    note: str = Field(default="", max_length=2000)
    created_at: datetime = Field(default_factory=utcnow, sa_column=_ts(nullable=False))


class ToolOpportunity(SQLModel, table=True):
    """An opportunity at an account and its three-part assessment: {assessment: {criterion: choice id(s)}}."""

    __table_args__ = (UniqueConstraint("account_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True, ondelete="CASCADE")
    account_id: int = Field(foreign_key="toolaccount.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=120)
    ratings: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    note: str = Field(default="", max_length=2000)
    updated_at: datetime = Field(default_factory=utcnow, sa_column=_ts(nullable=False))


class ToolRatioScenario(SQLModel, table=True):
    """A saved ratio-calculator scenario; saving under an existing name replaces it."""

    __table_args__ = (UniqueConstraint("user_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=80)
    annual_target: float
    deal_size: float
    prospects_per_deal: float
    meetings_per_prospect: float
    calls_per_meeting: float
    working_days: int
    updated_at: datetime = Field(default_factory=utcnow, sa_column=_ts(nullable=False))


# --- classroom: cohorts and live quizzes ---


class Cohort(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    trainer_id: int = Field(foreign_key="user.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=120)
    join_code: str = Field(max_length=12, unique=True, index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_column=_ts(nullable=False))


class CohortMember(SQLModel, table=True):
    cohort_id: int = Field(foreign_key="cohort.id", primary_key=True, ondelete="CASCADE")
    user_id: int = Field(foreign_key="user.id", primary_key=True, index=True, ondelete="CASCADE")
    joined_at: datetime = Field(default_factory=utcnow, sa_column=_ts(nullable=False))


class LiveSession(SQLModel, table=True):
    """A live classroom quiz. All of its state is here, so any app replica can serve any participant."""

    id: int | None = Field(default=None, primary_key=True)
    trainer_id: int = Field(foreign_key="user.id", index=True, ondelete="CASCADE")
    cohort_id: int | None = Field(default=None, foreign_key="cohort.id", ondelete="SET NULL")
    code: str = Field(max_length=12, unique=True, index=True)
    title: str = Field(max_length=120)
    question_ids: list = Field(sa_column=Column(JSON, nullable=False))
    time_limit: int = Field(ge=5, le=600)  # seconds per question
    phase: str = Field(default="lobby", max_length=16)  # lobby | question | reveal | leaderboard | ended
    current: int = Field(default=-1)  # index into question_ids
    opened_at: datetime | None = Field(default=None, sa_column=_ts(nullable=True))
    deadline: datetime | None = Field(default=None, sa_column=_ts(nullable=True))
    paused_at: datetime | None = Field(default=None, sa_column=_ts(nullable=True))
    created_at: datetime = Field(default_factory=utcnow, sa_column=_ts(nullable=False))
    ended_at: datetime | None = Field(default=None, sa_column=_ts(nullable=True))


class LiveParticipant(SQLModel, table=True):
    """A trainee in a live session: a logged-in learner, or a guest known only by nickname and token."""

    # Guests and learners have separate names: a guest who took "陈静" first never pushes the
    # learner 陈静 to "陈静 (2)"; the guest is shown as a guest on every screen instead.
    __table_args__ = (UniqueConstraint("session_id", "guest", "name_key"),)

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="livesession.id", index=True, ondelete="CASCADE")
    user_id: int | None = Field(default=None, foreign_key="user.id", index=True, ondelete="CASCADE")
    nickname: str = Field(max_length=40)
    guest: bool = Field(default=False)  # joined by nickname without logging in
    name_key: str = Field(max_length=160)  # the name folded (NFKC, case, spaces) so look-alikes clash
    token: str = Field(max_length=64, unique=True)  # lets a reloaded phone rejoin as itself
    joined_at: datetime = Field(default_factory=utcnow, sa_column=_ts(nullable=False))


class LiveAnswer(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("participant_id", "question_index"),)  # an answer counts once

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="livesession.id", index=True, ondelete="CASCADE")
    participant_id: int = Field(foreign_key="liveparticipant.id", index=True, ondelete="CASCADE")
    question_index: int
    question_id: str = Field(max_length=64)
    response: list = Field(sa_column=Column(JSON, nullable=False))
    score: float
    points: int  # speed points: only for a correct answer, more for a faster one
    answered_at: datetime = Field(default_factory=utcnow, sa_column=_ts(nullable=False))
