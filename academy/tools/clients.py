"""Client accounts and their people, shared by the field tools; every query is scoped to its owner.

Functions take a SQLModel session and keyword arguments and raise ToolError with an i18n key.
"""

from __future__ import annotations

from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError
from sqlmodel import Session, select

from academy.content.loader import Course
from academy.content.schema import Module, Section
from academy.core.models import ToolAccount, ToolContact

TOOLS = (
    "relationship-scorecard",
    "decision-unit-map",
    "opportunity-assessment",
    "ratio-calculator",
    "deal-plan",
    "call-plan",
)
# Tools that apply one section of a module, the two templates of the course (a module's `tool:` names one tool
# only): tool -> (module id, section id). tests/test_tools_rubrics.py checks they exist.
SECTION_TOOLS: dict[str, tuple[str, str]] = {
    "deal-plan": ("m8-complex-sale", "strategy-plan"),  # the sales strategy and plan
    "call-plan": ("m7-decision-unit", "role-selling-points"),  # selling points per decision role
}

AccountName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
PersonName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=80)]
Note = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)]

M = TypeVar("M", bound=BaseModel)


def lesson_for(course: Course, tool: str) -> Module:
    """The module whose `tool:` names this tool (or that holds its section): each tool links back to its lesson."""
    if tool in SECTION_TOOLS:
        return course.module(SECTION_TOOLS[tool][0])
    return next(m for m in course.modules if m.tool == tool)


def lesson_section(course: Course, tool: str) -> Section | None:
    """The section a section tool applies; None for a tool that applies its whole module."""
    if tool not in SECTION_TOOLS:
        return None
    module_id, section_id = SECTION_TOOLS[tool]
    return next(s for s in course.module(module_id).sections if s.id == section_id)


class ToolError(Exception):
    """`key` is an i18n key naming the problem; `params` fill its placeholders."""

    def __init__(self, key: str, **params: Any):
        self.key = key
        self.params = params
        super().__init__(key)


class Input(BaseModel):
    model_config = ConfigDict(extra="forbid")


def validated(model: type[M], **data: Any) -> M:
    """Validate user input with pydantic; the first bad field becomes ToolError('tool_err_<field>')."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        field = str(exc.errors()[0]["loc"][0]) if exc.errors()[0]["loc"] else "input"
        raise ToolError(f"tool_err_{field}") from None


class AccountIn(Input):
    account: AccountName


class ContactIn(Input):
    name: PersonName
    title: ShortText = ""


def list_accounts(session: Session, *, user_id: int) -> list[ToolAccount]:
    return list(session.exec(select(ToolAccount).where(ToolAccount.user_id == user_id).order_by(ToolAccount.name)))


def get_account(session: Session, *, user_id: int, account_id: int) -> ToolAccount:
    account = session.get(ToolAccount, account_id)
    if account is None or account.user_id != user_id:  # another user's id is as good as unknown
        raise ToolError("tool_err_not_found")
    return account


def ensure_account(session: Session, *, user_id: int, name: str) -> ToolAccount:
    """The user's account with this name, created if new (names are compared after trimming)."""
    clean = validated(AccountIn, account=name).account
    account = session.exec(select(ToolAccount).where(ToolAccount.user_id == user_id, ToolAccount.name == clean)).first()
    if account is None:
        account = ToolAccount(user_id=user_id, name=clean)
        session.add(account)
        session.flush()
    return account


def delete_account(session: Session, *, user_id: int, account_id: int) -> None:
    """Removes the account; its people, ties, scorecards and opportunities go with it (ON DELETE CASCADE)."""
    session.delete(get_account(session, user_id=user_id, account_id=account_id))
    session.flush()


def list_contacts(session: Session, *, user_id: int, account_id: int | None = None) -> list[ToolContact]:
    query = select(ToolContact).where(ToolContact.user_id == user_id)
    if account_id is not None:
        query = query.where(ToolContact.account_id == account_id)
    return list(session.exec(query.order_by(ToolContact.account_id, ToolContact.name)))


def get_contact(session: Session, *, user_id: int, contact_id: int) -> ToolContact:
    contact = session.get(ToolContact, contact_id)
    if contact is None or contact.user_id != user_id:
        raise ToolError("tool_err_not_found")
    return contact


def check_unique_name(session: Session, *, account_id: int, name: str, contact_id: int | None = None) -> None:
    clash = session.exec(
        select(ToolContact).where(ToolContact.account_id == account_id, ToolContact.name == name)
    ).first()
    if clash is not None and clash.id != contact_id:
        raise ToolError("tool_err_contact_exists", name=name)


def add_contact(session: Session, *, user_id: int, account_id: int, name: str, title: str = "") -> ToolContact:
    account = get_account(session, user_id=user_id, account_id=account_id)
    data = validated(ContactIn, name=name, title=title)
    check_unique_name(session, account_id=account.id, name=data.name)
    contact = ToolContact(user_id=user_id, account_id=account.id, name=data.name, title=data.title)
    session.add(contact)
    session.flush()
    return contact


def delete_contact(session: Session, *, user_id: int, contact_id: int) -> None:
    """Removes the person; their scorecards and ties go with them (ON DELETE CASCADE)."""
    session.delete(get_contact(session, user_id=user_id, contact_id=contact_id))
    session.flush()
