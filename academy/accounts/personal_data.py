"""A user's own data: everything they stored, as JSON, and deleting the account with all of it."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from argon2.exceptions import InvalidHashError, VerificationError
from sqlmodel import Session, SQLModel

from academy.accounts.users import AccountError, ensure_not_last_admin, has_password, password_hasher
from academy.core.models import AuthSession, User


def _user_tables() -> list:
    """Every table holding a user's own rows (a user_id column), so new tables are covered automatically."""
    return [t for t in SQLModel.metadata.sorted_tables if "user_id" in t.c]


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime | date) else value


def export_user_data(session: Session, *, user: User) -> dict[str, Any]:
    """All of the user's data as plain JSON-ready data (password hash and login tokens excluded)."""
    account = user.model_dump(exclude={"password_hash"})
    data: dict[str, Any] = {"account": {k: _jsonable(v) for k, v in account.items()}}
    for table in _user_tables():
        if table.name == AuthSession.__tablename__:
            continue
        rows = session.connection().execute(table.select().where(table.c.user_id == user.id)).mappings()
        data[table.name] = [{k: _jsonable(v) for k, v in row.items() if k != "user_id"} for row in rows]
    return data


def delete_account(session: Session, *, user: User, password: str) -> None:
    """Delete the account and everything in it. `password` confirms it; an account without a password
    (made by single sign-on) confirms with its username instead."""
    if not has_password(user):
        if password.strip().lower() != user.username:
            raise AccountError("err_confirm_username")
    else:
        try:
            password_hasher.verify(user.password_hash, password)
        except (VerificationError, InvalidHashError):
            raise AccountError("err_old_password") from None
    ensure_not_last_admin(session, user=user)
    for table in reversed(_user_tables()):
        session.connection().execute(table.delete().where(table.c.user_id == user.id))
    session.delete(user)
