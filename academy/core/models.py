"""All database tables. Timestamps are timezone-aware UTC; content is referred to by stable ids."""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum

from sqlalchemy import JSON, CheckConstraint, Column, DateTime, Index, UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)


def aware(dt: datetime) -> datetime:
    """SQLite hands back naive datetimes even for timezone columns; they were stored as UTC."""
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


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
    share_checklist: bool = Field(default=False)  # lets the trainers of the user's cohorts see the log
    checklist_target: float = Field(default=0.7, ge=0, le=1)
    email: str | None = Field(default=None, max_length=254)  # names the learner in xAPI records (XAPI_ACTOR=mbox)


class AuthSession(SQLModel, table=True):
    """A login. The browser holds a signed token naming `id`; only its SHA-256 is stored."""

    token_hash: str = Field(primary_key=True, max_length=64)
    user_id: int = Field(foreign_key="user.id", index=True, ondelete="CASCADE")
    created_at: datetime = Field(default_factory=utcnow, sa_column=_ts(nullable=False))
    expires_at: datetime = Field(sa_column=_ts(nullable=False, index=True))  # purged after this


class LoginTicket(SQLModel, table=True):
    """A one-time ticket the page hands to the cookie route, which answers with the login's HttpOnly cookie.

    Only hashes are stored: the login's secret is derived from the ticket and the secret key.
    """

    ticket_hash: str = Field(primary_key=True, max_length=64)
    token_hash: str = Field(foreign_key="authsession.token_hash", index=True, ondelete="CASCADE", max_length=64)
    expires_at: datetime = Field(sa_column=_ts(nullable=False, index=True))
    redeemed_at: datetime | None = Field(default=None, sa_column=_ts(nullable=True))


class SetupCode(SQLModel, table=True):
    """The one-time code, printed at start-up while there is no administrator, that makes its user one."""

    id: int = Field(default=1, primary_key=True)
    code: str = Field(max_length=32)
    created_at: datetime = Field(default_factory=utcnow, sa_column=_ts(nullable=False))


class Throttle(SQLModel, table=True):
    """Attempts counted under one key (a SHA-256 digest) in a window: failed logins, wrong join codes."""

    key: str = Field(primary_key=True, max_length=64)
    count: int = Field(default=0)
    window_start: datetime = Field(sa_column=_ts(nullable=False))
    next_at: datetime | None = Field(default=None, sa_column=_ts(nullable=True))  # no attempt before this
    expires_at: datetime = Field(sa_column=_ts(nullable=False, index=True))  # purged after this


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
        # the database holds the bounds too, so no path around the validation can store a count that
        # overflows a SUM (academy.checklist.entries.MAX_COUNT, migration 0008)
        CheckConstraint("executed >= 0 AND executed <= 1000", name="ck_checklistentry_executed_range"),
        CheckConstraint("fulfilled >= 0 AND fulfilled <= executed", name="ck_checklistentry_fulfilled_range"),
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


class RoleplayAttempt(SQLModel, table=True):
    """One play of a branching role-play: the choice ids in order, and once it reaches an ending, the result.

    `is_open` is True while unfinished and NULL after: the unique constraint then allows one unfinished attempt per
    learner and scenario (NULLs never clash), so two tabs starting at once resume the same attempt. `steps` is
    the number of choices made; a choice is stored only if `steps` still has the value the learner saw.
    """

    __table_args__ = (UniqueConstraint("user_id", "roleplay_id", "is_open"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True, ondelete="CASCADE")
    roleplay_id: str = Field(max_length=64, index=True)
    choices: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    steps: int = Field(default=0)
    is_open: bool | None = Field(default=True)
    ending: str | None = Field(default=None, max_length=64)  # the ending node reached
    outcome: str | None = Field(default=None, max_length=8)  # good | mixed | bad
    scores: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))  # dimension -> points
    percent: int | None = None  # 0..100: all points against the best path's total, set when finished
    started_at: datetime = Field(default_factory=utcnow, sa_column=_ts(nullable=False))
    finished_at: datetime | None = Field(default=None, sa_column=_ts(nullable=True))


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


class ToolDealPlan(SQLModel, table=True):
    """The sales strategy and plan of one opportunity: team, goal, strategy, activities and the six-step cycle.

    `steps`: cycle-step term id (M8) -> {"planned": ISO date or None, "done": ISO date or None}.
    """

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True, ondelete="CASCADE")
    opportunity_id: int = Field(foreign_key="toolopportunity.id", unique=True, ondelete="CASCADE")
    team: str = Field(default="", max_length=200)
    goal: str = Field(default="", max_length=500)
    strategy: str = Field(default="", max_length=2000)
    activities: str = Field(default="", max_length=2000)
    steps: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=_ts(nullable=False))


class ToolCallPlan(SQLModel, table=True):
    """A plan for one visit to one person, and its review after the visit.

    `points`: the selling points per decision role, a list of {role, need, point, value}. `behaviours`: the
    review's checklist items that came up, item id -> done. `logged_*` record where the review went in the
    activity checklist; set once, so a review is never counted twice.
    """

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True, ondelete="CASCADE")
    account_id: int = Field(foreign_key="toolaccount.id", index=True, ondelete="CASCADE")
    contact_id: int = Field(foreign_key="toolcontact.id", index=True, ondelete="CASCADE")
    opportunity_id: int | None = Field(default=None, foreign_key="toolopportunity.id", ondelete="SET NULL")
    step: str | None = Field(default=None, max_length=40)  # a cycle-step term id of M8
    visit_on: date
    objective: str = Field(default="", max_length=500)
    personality: str | None = Field(default=None, max_length=16)  # an M6 personality term id
    opening: str = Field(default="", max_length=1000)
    questions: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    points: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    evidence: str = Field(default="", max_length=1000)
    next_step: str = Field(default="", max_length=500)
    created_at: datetime = Field(default_factory=utcnow, sa_column=_ts(nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=_ts(nullable=False))
    reviewed_on: date | None = None
    outcome: str | None = Field(default=None, max_length=16)  # met | partly | missed
    review_note: str = Field(default="", max_length=2000)
    miss_cause: str = Field(default="", max_length=1000)
    agreed_next: str = Field(default="", max_length=500)
    behaviours: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    logged_at: datetime | None = Field(default=None, sa_column=_ts(nullable=True))
    logged_period: str | None = Field(default=None, max_length=8)  # "week" | "day"
    logged_start: date | None = None


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
    """A live classroom quiz or role-play. All of its state is here, so any app replica can serve any participant.

    A role-play (kind "roleplay") reuses the quiz's columns: `question_ids` holds the choice ids the class has
    played so far, `current` is the turn under way (0-based), phase "question" is the vote, "tally" the split
    and "reveal" the played line's reaction; its votes are LiveAnswer rows keyed by turn
    (see academy/classroom/live_roleplay.py).
    """

    id: int | None = Field(default=None, primary_key=True)
    trainer_id: int = Field(foreign_key="user.id", index=True, ondelete="CASCADE")
    cohort_id: int | None = Field(default=None, foreign_key="cohort.id", ondelete="SET NULL")
    code: str = Field(max_length=12, unique=True, index=True)
    title: str = Field(max_length=120)
    kind: str = Field(default="quiz", max_length=16)  # quiz | roleplay
    roleplay_id: str | None = Field(default=None, max_length=64)  # the scenario a role-play session plays
    question_ids: list = Field(sa_column=Column(JSON, nullable=False))  # a role-play: the choices played
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
    __table_args__ = (
        UniqueConstraint("participant_id", "question_index"),  # an answer counts once
        Index("ix_liveanswer_session_question", "session_id", "question_index"),  # answers in per question
    )

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="livesession.id", index=True, ondelete="CASCADE")
    participant_id: int = Field(foreign_key="liveparticipant.id", index=True, ondelete="CASCADE")
    question_index: int
    question_id: str = Field(max_length=64)
    response: list = Field(sa_column=Column(JSON, nullable=False))
    score: float
    points: int  # speed points: only for a correct answer, more for a faster one
    answered_at: datetime = Field(default_factory=utcnow, sa_column=_ts(nullable=False))


class LivePresence(SQLModel, table=True):
    """How current the phones of a live session are, as one app process sees them (a row per process).

    Each process counts its own phones (a phone is current when its screen updated within its
    poll interval + 1.5 s) and writes the counts here about once a second, so the host screen,
    whichever replica serves it, adds them up and shows a collapse instead of going silent.
    """

    __table_args__ = (UniqueConstraint("session_id", "node"),)

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="livesession.id", index=True, ondelete="CASCADE")
    node: str = Field(max_length=120)  # host name and process id of the app process
    current: int = Field(default=0, ge=0)
    behind: int = Field(default=0, ge=0)
    updated_at: datetime = Field(default_factory=utcnow, sa_column=_ts(nullable=False))


# --- integrations: single sign-on and certificates ---


class SsoIdentity(SQLModel, table=True):
    """A user's account at the company's identity provider, found again by (issuer, subject), never by e-mail."""

    __table_args__ = (UniqueConstraint("issuer", "subject"), UniqueConstraint("user_id", "issuer"))

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True, ondelete="CASCADE")
    issuer: str = Field(max_length=255)
    subject: str = Field(max_length=255)
    email: str = Field(default="", max_length=254)  # as the provider said at the last login
    trainer_from_groups: bool = Field(default=False)  # the trainer role came from the groups claim
    created_at: datetime = Field(default_factory=utcnow, sa_column=_ts(nullable=False))
    last_login_at: datetime = Field(default_factory=utcnow, sa_column=_ts(nullable=False))


class SsoTokenUse(SQLModel, table=True):
    """An ID token that has started a login, by its SHA-256.

    Streamlit keeps the token's claims in a cookie for 30 days; one token starts one login, so that
    cookie cannot log anyone in again once the login has ended. Rows go when the token would be too old anyway.
    """

    token_hash: str = Field(primary_key=True, max_length=64)
    expires_at: datetime = Field(sa_column=_ts(nullable=False, index=True))


class SsoPolicy(SQLModel, table=True):
    """How people log in (one row, id 1): `required` makes everyone but administrators use single sign-on."""

    id: int = Field(default=1, primary_key=True)
    required: bool = Field(default=False)
    changed_by: int | None = Field(default=None, foreign_key="user.id", ondelete="SET NULL")
    changed_at: datetime | None = Field(default=None, sa_column=_ts(nullable=True))


class Certificate(SQLModel, table=True):
    """The certificate for passing the final exam: one per learner, for their first pass, printed on demand.

    `code` is random and unique; the verification page looks it up. The name is kept as it was at issue.
    """

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=24, unique=True, index=True)
    user_id: int = Field(foreign_key="user.id", unique=True, ondelete="CASCADE")
    attempt_id: int = Field(foreign_key="quizattempt.id", ondelete="CASCADE")
    name: str = Field(max_length=80)
    score: float  # 0..1
    passed_at: datetime = Field(sa_column=_ts(nullable=False))
    issued_at: datetime = Field(default_factory=utcnow, sa_column=_ts(nullable=False))


# --- trainers' question sets (imported from Moodle XML) ---


class QuestionSet(SQLModel, table=True):
    """A trainer's own questions, validated with the course's Question schema; never edited after import.

    `questions` is a list of {"name": Moodle question name, "question": Question fields}; question ids
    are "set-<id>-q<n>", so one resolver tells them from the course bank's. Ids are never reused.
    """

    __table_args__ = (UniqueConstraint("trainer_id", "name"), {"sqlite_autoincrement": True})

    id: int | None = Field(default=None, primary_key=True)
    trainer_id: int = Field(foreign_key="user.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=120)
    source: str = Field(default="", max_length=255)  # the file it came from
    questions: list = Field(sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_column=_ts(nullable=False))


class QuestionSetOffer(SQLModel, table=True):
    """A question set offered to a cohort as a practice quiz."""

    set_id: int = Field(foreign_key="questionset.id", primary_key=True, ondelete="CASCADE")
    cohort_id: int = Field(foreign_key="cohort.id", primary_key=True, index=True, ondelete="CASCADE")


# --- the event outbox and xAPI delivery ---


class Event(SQLModel, table=True):
    """Something a learner did, written in the same transaction as the change itself (academy.core.events).

    Ids are never reused and give the delivery order; `uuid` is the xAPI statement id, so a resend is
    recognised by the LRS. `once` makes an event happen at most once (e.g. a module's completion).
    """

    __table_args__ = ({"sqlite_autoincrement": True},)

    id: int | None = Field(default=None, primary_key=True)
    uuid: str = Field(max_length=36, unique=True)
    kind: str = Field(max_length=32)
    user_id: int = Field(foreign_key="user.id", index=True, ondelete="CASCADE")
    data: dict = Field(sa_column=Column(JSON, nullable=False))
    once: str | None = Field(default=None, max_length=160, unique=True)
    created_at: datetime = Field(default_factory=utcnow, sa_column=_ts(nullable=False))


class XapiStatement(SQLModel, table=True):
    """The statement made from an event (fixed once built, so a resend is identical) and its delivery."""

    event_id: int = Field(foreign_key="event.id", primary_key=True, ondelete="CASCADE")
    statement: dict = Field(sa_column=Column(JSON, nullable=False))
    state: str = Field(default="pending", max_length=12, index=True)  # pending | sent | rejected
    attempts: int = Field(default=0)
    next_attempt_at: datetime | None = Field(default=None, sa_column=_ts(nullable=True))
    last_error: str = Field(default="", max_length=500)
    sent_at: datetime | None = Field(default=None, sa_column=_ts(nullable=True))


class WorkerLease(SQLModel, table=True):
    """Who runs a deployment-wide background job (one row per job); taken over when it expires."""

    name: str = Field(primary_key=True, max_length=32)
    holder: str = Field(default="", max_length=120)
    expires_at: datetime = Field(sa_column=_ts(nullable=False))
