"""A role-play played live by a class: the projector shows the client, phones vote, the class's choice is played.

It runs on the live quiz's machinery (academy.classroom.live): the same LiveSession with its join code, the same
LiveParticipant for each phone, and votes stored as LiveAnswer rows keyed by turn. The session's `kind` is
"roleplay", `roleplay_id` names the scenario, `question_ids` holds the choices the class has played and `current`
is the turn under way. A turn goes through three phases:

    question (phones vote) -> tally (voting closed, the split shown) -> reveal (the chosen line played: the
    client's reaction and the coach's feedback) -> the next turn's question, or "ended" at an ending.

The majority's choice is played; on a tie, or whenever the trainer prefers, the trainer picks. Every step is a
compare-and-swap on (phase, turn), so two trainer tabs or a double click never play a turn twice, and a vote is
checked against the phase in the same transaction that stores it, under a lock the trainer's close also needs,
so no vote slips in after the split was shown.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import pandas as pd
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from academy.accounts.users import is_staff
from academy.classroom import live
from academy.classroom.cohorts import cohort_for
from academy.content.loader import Course
from academy.content.roleplay import Choice, Node, Roleplay, best_choice, best_totals
from academy.content.roleplay_play import InvalidChoice, walk
from academy.core.i18n import t, tr
from academy.core.models import LiveAnswer, LiveParticipant, LiveSession, User, utcnow

KIND = "roleplay"
DEFAULT_SECONDS = 60  # a vote on a line needs reading time, more than a quiz question
LETTERS = "ABCD"  # a turn has at most four choices


# --- pure helpers ---------------------------------------------------------------------------------


def majority(votes: Mapping[str, int]) -> str | None:
    """The choice with the most votes; None when nobody voted or the top is a tie (the trainer then picks)."""
    ranked = Counter({k: v for k, v in votes.items() if v > 0}).most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def choice_order(node: Node, live_id: int, node_id: str) -> list[Choice]:
    """The choices as lettered on the projector and the phones: shuffled, the same for everyone in the room."""
    order = list(node.choices)
    random.Random(f"live-{live_id}-{node_id}").shuffle(order)
    return order


# --- the trainer's side ---------------------------------------------------------------------------


def start(
    session: Session,
    *,
    trainer: User,
    course: Course,
    roleplay_id: str,
    title: str = "",
    time_limit: int = DEFAULT_SECONDS,
    cohort_id: int | None = None,
) -> LiveSession:
    if not is_staff(trainer):
        raise live.LiveError("err_not_allowed")
    scenario = course.roleplays.get(roleplay_id)
    if scenario is None:
        raise live.LiveError("rp_unknown")
    if not 5 <= time_limit <= 600:
        raise live.LiveError("cls_bad_time_limit")
    if cohort_id is not None:
        cohort_for(session, viewer=trainer, cohort_id=cohort_id)
    session_row = LiveSession(
        trainer_id=trainer.id,
        cohort_id=cohort_id,
        code="",
        title=title.strip()[:120] or scenario.title.zh[:120],
        kind=KIND,
        roleplay_id=roleplay_id,
        question_ids=[],
        time_limit=time_limit,
    )
    return live.insert_with_code(session, live=session_row)


def is_roleplay(session: Session, *, live_id: int) -> bool:
    kind = session.exec(select(LiveSession.kind).where(LiveSession.id == live_id)).first()
    return kind == KIND


def scenario_of(course: Course, session_row: LiveSession) -> Roleplay:
    found = course.roleplays.get(session_row.roleplay_id or "")
    if session_row.kind != KIND or found is None:  # a scenario removed from the content since
        raise live.LiveError("rp_unknown")
    return found


def _advance(session: Session, live_id: int, *, at: tuple[str, int], **values: Any) -> bool:
    """Move the session on only if it is still at (phase, turn) `at`: one click wins, a repeat changes nothing."""
    result = session.exec(
        update(LiveSession)
        .where(col(LiveSession.id) == live_id, col(LiveSession.phase) == at[0], col(LiveSession.current) == at[1])
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def _moved(session: Session, session_row: LiveSession, moved: bool, *, to: tuple[str, int]) -> LiveSession:
    """After a compare-and-swap: fine if it moved, or if an earlier click already made the same move."""
    session.refresh(session_row)
    if not moved and (session_row.phase, session_row.current) != to:
        raise live.LiveError("lrp_moved_on")
    return session_row


def _owned(session: Session, trainer: User, live_id: int, course: Course) -> tuple[LiveSession, Roleplay]:
    session_row = live.owned(session, trainer=trainer, live_id=live_id)
    return session_row, scenario_of(course, session_row)


def _vote_opens(step: int, now: datetime, seconds: int) -> dict[str, Any]:
    return {
        "phase": "question",
        "current": step,
        "opened_at": now,
        "deadline": now + timedelta(seconds=seconds),
        "paused_at": None,
    }


def open_first(
    session: Session, *, trainer: User, live_id: int, course: Course, now: datetime | None = None
) -> LiveSession:
    """From the lobby: the client's first line, and the phones vote."""
    session_row, _ = _owned(session, trainer, live_id, course)
    moved = _advance(session, live_id, at=("lobby", -1), **_vote_opens(0, now or utcnow(), session_row.time_limit))
    return _moved(session, session_row, moved, to=("question", 0))


def close_vote(
    session: Session, *, trainer: User, live_id: int, course: Course, step: int, now: datetime | None = None
) -> LiveSession:
    """Stop the vote on turn `step`; the split is shown and the trainer plays the majority's choice or another."""
    session_row, _ = _owned(session, trainer, live_id, course)
    now = now or utcnow()
    deadline = min(live._aware(session_row.deadline) or now, now)
    moved = _advance(session, live_id, at=("question", step), phase="tally", deadline=deadline)
    return _moved(session, session_row, moved, to=("tally", step))


def play(
    session: Session, *, trainer: User, live_id: int, course: Course, step: int, choice_id: str | None = None
) -> LiveSession:
    """Play turn `step`: the trainer's pick if given, else the majority's choice (a tie needs the trainer's pick)."""
    session_row, scenario = _owned(session, trainer, live_id, course)
    path = list(session_row.question_ids)
    if (session_row.phase, session_row.current) != ("tally", step) or len(path) != step:
        if (session_row.phase, session_row.current) == ("reveal", step) and choice_id in (None, path[step]):
            return session_row  # the same click twice
        raise live.LiveError("lrp_moved_on")
    node = scenario.nodes[walk(scenario, path).current]
    chosen = choice_id or majority(votes_at(session, live_id=live_id, step=step))
    if chosen is None:
        raise live.LiveError("lrp_tie")
    if chosen not in {c.id for c in node.choices}:
        raise live.LiveError("rp_not_a_choice")
    moved = _advance(session, live_id, at=("tally", step), phase="reveal", question_ids=[*path, chosen])
    session.refresh(session_row)
    if not moved and session_row.question_ids[step : step + 1] != [chosen]:  # another tab played another line
        raise live.LiveError("lrp_moved_on")
    return session_row


def next_turn(
    session: Session, *, trainer: User, live_id: int, course: Course, step: int, now: datetime | None = None
) -> LiveSession:
    """After the reveal of turn `step`: the vote on the next turn, or the end if the line played led to an ending."""
    session_row, scenario = _owned(session, trainer, live_id, course)
    now = now or utcnow()
    path = list(session_row.question_ids)
    if len(path) == step + 1 and scenario.nodes[walk(scenario, path).current].is_ending:
        moved = _advance(session, live_id, at=("reveal", step), phase="ended", ended_at=now, paused_at=None)
        return _moved(session, session_row, moved, to=("ended", step))
    moved = _advance(session, live_id, at=("reveal", step), **_vote_opens(step + 1, now, session_row.time_limit))
    return _moved(session, session_row, moved, to=("question", step + 1))


# --- the phones -----------------------------------------------------------------------------------


def vote(
    session: Session, *, token: str, step: int, choice_id: str, course: Course, now: datetime | None = None
) -> LiveAnswer:
    """A phone's vote on turn `step`. It counts once: sending it again returns the first vote."""
    now = now or utcnow()
    who = live.participant(session, token=token)
    if who is None:
        raise live.LiveError("cls_not_joined")
    existing = live.my_answer(session, token=token, question_index=step)
    if existing is not None:
        return existing
    session_row = session.get(LiveSession, who.session_id)
    scenario = scenario_of(course, session_row)
    if (session_row.phase, session_row.current) != ("question", step):
        raise live.LiveError("cls_question_closed")
    if now > live._aware(session_row.deadline):
        raise live.LiveError("cls_too_late")
    node_id = walk(scenario, list(session_row.question_ids)).current
    if choice_id not in {c.id for c in scenario.nodes[node_id].choices}:
        raise live.LiveError("rp_not_a_choice")
    ballot = LiveAnswer(
        session_id=session_row.id,
        participant_id=who.id,
        question_index=step,
        question_id=node_id,
        response=[choice_id],
        score=0.0,
        points=0,
        answered_at=now,
    )
    try:
        with session.begin_nested():
            session.add(ballot)
            session.flush()
            # Checked again after the insert, sharing a lock with the trainer's close (FOR SHARE on PostgreSQL; on
            # SQLite the insert already holds the one write lock): a vote commits before the close, or not at all.
            state = session.exec(
                select(LiveSession.phase, LiveSession.current)
                .where(LiveSession.id == session_row.id)
                .with_for_update(read=True)
            ).one()
            if tuple(state) != ("question", step):
                raise live.LiveError("cls_question_closed")
    except IntegrityError:  # the same phone twice at once: the first vote stands
        return session.exec(
            select(LiveAnswer).where(LiveAnswer.participant_id == who.id, LiveAnswer.question_index == step)
        ).one()
    return ballot


# --- what the screens show ------------------------------------------------------------------------


def votes_at(session: Session, *, live_id: int, step: int) -> dict[str, int]:
    """Choice id -> votes on one turn."""
    rows = session.exec(
        select(LiveAnswer.response).where(LiveAnswer.session_id == live_id, LiveAnswer.question_index == step)
    )
    return dict(Counter(r[0] for r in rows if r))


@dataclass(frozen=True)
class Turn:
    step: int
    node_id: str
    order: list[Choice]  # lettered A, B, ... as shown to the room
    votes: dict[str, int]  # choice id -> votes
    played: Choice | None  # None while the turn is still being voted on
    best: Choice  # the choice with the highest total from here on

    @property
    def majority(self) -> str | None:
        return majority(self.votes)

    @property
    def trainer_pick(self) -> bool:
        """The trainer played something other than a clear majority (a tie, no votes, or an override)."""
        return self.played is not None and self.played.id != self.majority

    def letter(self, choice_id: str) -> str:
        return LETTERS[[c.id for c in self.order].index(choice_id)]


def turns(session: Session, *, live_id: int, course: Course) -> list[Turn]:
    """Every turn reached so far, with its votes, the line played and the best line there."""
    session_row = session.get(LiveSession, live_id)
    if session_row is None:
        raise live.LiveError("cls_not_found")
    scenario = scenario_of(course, session_row)
    path = list(session_row.question_ids)
    try:
        nodes = walk(scenario, path).nodes
    except InvalidChoice:  # the scenario changed under a stored session: show nothing rather than crash
        raise live.LiveError("rp_changed") from None
    tally: dict[int, Counter[str]] = {}
    for step, response in session.exec(
        select(LiveAnswer.question_index, LiveAnswer.response).where(LiveAnswer.session_id == live_id)
    ):
        if response:
            tally.setdefault(step, Counter())[response[0]] += 1
    reached = len(path) + (1 if session_row.phase in ("question", "tally") else 0)
    totals = best_totals(scenario)
    out = []
    for step in range(min(reached, len(nodes))):
        node = scenario.nodes[nodes[step]]
        if node.is_ending:
            break
        out.append(
            Turn(
                step=step,
                node_id=nodes[step],
                order=choice_order(node, live_id, nodes[step]),
                votes=dict(tally.get(step, {})),
                played=scenario.choice(nodes[step], path[step]) if step < len(path) else None,
                best=best_choice(scenario, nodes[step], totals),
            )
        )
    return out


def results(session: Session, *, trainer: User, live_id: int, course: Course, lang: str) -> dict[str, pd.DataFrame]:
    """The export: "votes" (one row per trainee per turn) and "turns" (one row per turn), headers in `lang`."""
    _, scenario = _owned(session, trainer, live_id, course)
    played = {turn.step: turn for turn in turns(session, live_id=live_id, course=course)}
    rows = session.exec(
        select(LiveParticipant.nickname, LiveAnswer)
        .join(LiveAnswer, LiveAnswer.participant_id == LiveParticipant.id)
        .where(LiveAnswer.session_id == live_id)
        .order_by(LiveParticipant.nickname, LiveAnswer.question_index)
    )
    h = lambda key: t(key, lang)  # noqa: E731  (column headers)
    votes = []
    for name, ballot in rows:
        turn = played.get(ballot.question_index)
        choice_id = ballot.response[0] if ballot.response else ""
        votes.append(
            {
                h("lrp_col_trainee"): name,
                h("lrp_col_turn"): ballot.question_index + 1,
                h("lrp_col_vote"): turn.letter(choice_id) if turn else "",
                h("lrp_col_line"): _line(scenario, ballot.question_id, choice_id, lang),
                h("lrp_col_with_class"): bool(turn and turn.played and turn.played.id == choice_id),
                h("lrp_col_best"): bool(turn and turn.best.id == choice_id),
                h("lrp_col_voted_at"): live._aware(ballot.answered_at).isoformat(),
            }
        )
    steps = [
        {
            h("lrp_col_turn"): turn.step + 1,
            h("lrp_col_client"): tr(scenario.nodes[turn.node_id].line, lang),
            h("lrp_col_votes"): " · ".join(f"{turn.letter(c.id)} {turn.votes.get(c.id, 0)}" for c in turn.order),
            h("lrp_col_played"): f"{turn.letter(turn.played.id)}. {tr(turn.played.line, lang)}" if turn.played else "",
            h("lrp_col_how"): h("lrp_how_trainer" if turn.trainer_pick else "lrp_how_majority") if turn.played else "",
            h("lrp_col_best_line"): f"{turn.letter(turn.best.id)}. {tr(turn.best.line, lang)}",
        }
        for turn in played.values()
    ]
    return {
        "votes": pd.DataFrame(votes, columns=_headers(lang, VOTE_COLUMNS)),
        "turns": pd.DataFrame(steps, columns=_headers(lang, TURN_COLUMNS)),
    }


VOTE_COLUMNS = [
    "lrp_col_trainee",
    "lrp_col_turn",
    "lrp_col_vote",
    "lrp_col_line",
    "lrp_col_with_class",
    "lrp_col_best",
    "lrp_col_voted_at",
]
TURN_COLUMNS = ["lrp_col_turn", "lrp_col_client", "lrp_col_votes", "lrp_col_played", "lrp_col_how", "lrp_col_best_line"]


def _headers(lang: str, keys: Sequence[str]) -> list[str]:
    return [t(k, lang) for k in keys]


def _line(scenario: Roleplay, node_id: str, choice_id: str, lang: str) -> str:
    node = scenario.nodes.get(node_id)
    choice = next((c for c in node.choices if c.id == choice_id), None) if node else None
    return tr(choice.line, lang) if choice else choice_id
