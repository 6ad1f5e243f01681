"""Decision-unit map: the people of an account by role, attitude and relationship, their ties, and the
warnings a seasoned seller would raise about the unit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import Field
from sqlmodel import Session, select

from academy.content.frameworks import ROLE_WEIGHT, STANCE
from academy.core.models import ToolContact, ToolTie
from academy.tools.clients import (
    Input,
    Note,
    PersonName,
    ShortText,
    ToolError,
    check_unique_name,
    get_account,
    get_contact,
    validated,
)

# Term ids of the decision-unit module (m7), in the order the lesson and the course diagram use.
ROLES: tuple[str, ...] = tuple(ROLE_WEIGHT)  # decider, evaluator, screener, user
RELATIONSHIPS: tuple[str, ...] = tuple(STANCE)  # champion, supporter, neutral, enemy, blocker
ATTITUDES: tuple[str, ...] = ("active", "passive", "resistant")
TIE_KINDS: tuple[str, ...] = ("family", "alliance", "patronage", "rivalry", "other")  # the lesson's kinds of tie
HOSTILE = ("enemy", "blocker")
KEY_ROLES = ("decider", "evaluator")

Role = Literal["decider", "evaluator", "screener", "user"]
Attitude = Literal["active", "passive", "resistant"]
Relationship = Literal["champion", "supporter", "neutral", "enemy", "blocker"]


class MemberIn(Input):
    name: PersonName
    title: ShortText = ""
    roles: list[Role] = Field(default_factory=list)
    attitude: Attitude | None = None  # None: not known yet
    relationship: Relationship | None = None
    influence: Annotated[int, Field(ge=1, le=5)] = 3
    met: bool = False
    note: Note = ""


class TieIn(Input):
    kind: Literal["family", "alliance", "patronage", "rivalry", "other"]
    note: Annotated[str, Field(max_length=500)] = ""


def save_member(
    session: Session, *, user_id: int, account_id: int, contact_id: int | None = None, **fields: object
) -> ToolContact:
    """Add a person to the account's unit, or update one (contact_id) with the given fields."""
    account = get_account(session, user_id=user_id, account_id=account_id)
    data = validated(MemberIn, **fields)
    if contact_id is None:
        contact = ToolContact(user_id=user_id, account_id=account.id, name=data.name)
    else:
        contact = get_contact(session, user_id=user_id, contact_id=contact_id)
        if contact.account_id != account.id:
            raise ToolError("tool_err_not_found")
    check_unique_name(session, account_id=account.id, name=data.name, contact_id=contact.id)
    for key, value in data.model_dump().items():
        setattr(contact, key, value)
    contact.roles = [r for r in ROLES if r in data.roles]  # canonical order, no repeats
    session.add(contact)
    session.flush()
    return contact


def add_tie(
    session: Session, *, user_id: int, account_id: int, contact_a: int, contact_b: int, kind: str, note: str = ""
) -> ToolTie:
    account = get_account(session, user_id=user_id, account_id=account_id)
    a = get_contact(session, user_id=user_id, contact_id=contact_a)
    b = get_contact(session, user_id=user_id, contact_id=contact_b)
    if a.account_id != account.id or b.account_id != account.id:
        raise ToolError("tool_err_not_found")
    if a.id == b.id:
        raise ToolError("tool_err_tie_self")
    data = validated(TieIn, kind=kind, note=note.strip())
    low, high = sorted((a.id, b.id))  # a tie has no direction: store each pair once
    tie = session.exec(select(ToolTie).where(ToolTie.contact_a == low, ToolTie.contact_b == high)).first()
    if tie is None:
        tie = ToolTie(user_id=user_id, account_id=account.id, contact_a=low, contact_b=high, kind=data.kind)
    tie.kind, tie.note = data.kind, data.note
    session.add(tie)
    session.flush()
    return tie


def list_ties(session: Session, *, user_id: int, account_id: int) -> list[ToolTie]:
    query = select(ToolTie).where(ToolTie.user_id == user_id, ToolTie.account_id == account_id).order_by(ToolTie.id)
    return list(session.exec(query))


def delete_tie(session: Session, *, user_id: int, tie_id: int) -> None:
    tie = session.get(ToolTie, tie_id)
    if tie is None or tie.user_id != user_id:
        raise ToolError("tool_err_not_found")
    session.delete(tie)


# --- pure analysis ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Warning:
    """`key` is an i18n key; `person`/`other` name people, `role` a role term id, for its placeholders."""

    key: str
    person: str = ""
    other: str = ""
    role: str = ""


def _has(member: ToolContact, *roles: str) -> bool:
    return any(r in member.roles for r in roles)


def unit_warnings(members: Sequence[ToolContact], ties: Sequence[ToolTie] = ()) -> list[Warning]:
    """What an experienced seller would flag, most serious first. Nothing to say about an empty unit."""
    if not members:
        return []
    out: list[Warning] = []
    for m in members:
        if _has(m, "decider") and m.relationship in HOSTILE:
            out.append(Warning("tool_warn_hostile_decider", person=m.name))
    if not any(m.relationship == "champion" for m in members):
        out.append(Warning("tool_warn_no_champion"))
    for m in members:
        if _has(m, "decider") and not m.met:
            out.append(Warning("tool_warn_decider_not_met", person=m.name))
    for m in members:
        if _has(m, "decider") and m.relationship is None:
            out.append(Warning("tool_warn_decider_unknown", person=m.name))
    for m in members:
        if _has(m, *KEY_ROLES) and m.attitude == "resistant":
            role = next(r for r in KEY_ROLES if r in m.roles)
            out.append(Warning("tool_warn_resistant_key", person=m.name, role=role))
    by_id = {m.id: m for m in members}
    for tie in ties:
        pair = (by_id.get(tie.contact_a), by_id.get(tie.contact_b))
        for hostile, other in (pair, pair[::-1]):
            if hostile and other and hostile.relationship in HOSTILE and _has(other, *KEY_ROLES):
                out.append(Warning("tool_warn_hostile_tie", person=hostile.name, other=other.name))
    for role in ROLES:
        if not any(role in m.roles for m in members):
            out.append(Warning("tool_warn_role_uncovered", role=role))
    return out


def tag(member: ToolContact, codes: dict[str, str]) -> str:
    """The course's role · attitude · relationship notation, e.g. 'E/U · R · B'; '?' where unknown.

    `codes` maps the module's term ids to their letters (the ids of the three kinds never clash).
    """
    roles = "/".join(codes[r] for r in member.roles) or "?"
    return f"{roles} · {codes.get(member.attitude or '', '?')} · {codes.get(member.relationship or '', '?')}"
