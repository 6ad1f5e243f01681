from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, select

from academy.accounts import login, personal_data, users
from academy.accounts.users import AccountError
from academy.core.models import AuthSession, Role, SectionRead, User, utcnow
from academy.core.settings import get_settings


def make(session: Session, name: str, password: str = "correct-horse") -> User:
    user = users.register(session, username=name, display_name=name.title(), password=password)
    session.commit()
    return user


def test_signing_up_makes_a_learner_even_on_a_fresh_install(session: Session) -> None:
    assert make(session, "first").role == Role.learner
    assert make(session, "second").role == Role.learner


def test_password_is_stored_as_argon2id(session: Session) -> None:
    user = make(session, "ann")
    assert user.password_hash.startswith("$argon2id$")
    assert "correct-horse" not in user.password_hash


@pytest.mark.parametrize(
    ("username", "display", "password", "key"),
    [
        ("ab", "Ab", "long-enough", "err_username_format"),
        ("Has Space", "X", "long-enough", "err_username_format"),
        ("fine", "", "long-enough", "err_display_name"),
        ("fine", "Fine", "short", "err_password_short"),
        ("fine", "Fine", "p" * 129, "err_password_long"),
        ("fine", "Fine", " " * 12, "err_password_blank"),
        ("fine", "Fine", "\t \u3000  \n   ", "err_password_blank"),
        ("samename1", "Same", "samename1", "err_password_is_username"),
        ("samename1", "Same", " SameName1 ", "err_password_is_username"),
        ("fine", "\u202e\u200b ", "long-enough", "err_display_name"),  # nothing visible left
    ],
)
def test_registration_rejects_bad_input(session: Session, username, display, password, key) -> None:
    with pytest.raises(AccountError) as err:
        users.register(session, username=username, display_name=display, password=password)
    assert err.value.key == key


def test_usernames_are_unique_regardless_of_case(session: Session) -> None:
    make(session, "bob")
    with pytest.raises(AccountError, match="err_username_taken"):
        users.register(session, username="BOB", display_name="Bob", password="another-pass")


def test_login_succeeds_and_fails(session: Session) -> None:
    make(session, "carol")
    settings = get_settings()
    assert (
        login.authenticate(session, username="Carol", password="correct-horse", settings=settings).username == "carol"
    )
    with pytest.raises(AccountError, match="err_login_failed"):
        login.authenticate(session, username="carol", password="wrong", settings=settings)
    with pytest.raises(AccountError, match="err_login_failed"):
        login.authenticate(session, username="nobody", password="wrong", settings=settings)


def test_a_passphrase_of_the_maximum_length_is_fine(session: Session) -> None:
    user = users.register(session, username="longpass", display_name="L", password="p" * 128)
    session.commit()
    assert login.authenticate(session, username="longpass", password="p" * 128, settings=get_settings()).id == user.id


def test_invisible_and_direction_characters_are_dropped_from_names(session: Session) -> None:
    user = users.register(session, username="rtl", display_name="\u202eevE\u200b  Li\u2066", password="long-enough")
    assert user.display_name == "evE Li"
    users.update_profile(session, user=user, display_name=" Ann\u200d\u00ad\n Lee ")
    assert user.display_name == "Ann Lee"


def test_login_token_round_trip_logout_and_forgery(session: Session) -> None:
    user = make(session, "erin")
    settings = get_settings()
    token = login.create_login(session, user=user, settings=settings)
    session.commit()
    assert login.user_for_token(session, token=token, settings=settings).id == user.id
    assert login.user_for_token(session, token=token + "x", settings=settings) is None
    assert login.user_for_token(session, token="not-a-token", settings=settings) is None
    login.logout(session, token=token, settings=settings)
    session.commit()
    assert login.user_for_token(session, token=token, settings=settings) is None


def test_login_expires(session: Session) -> None:
    user = make(session, "fay")
    settings = get_settings()
    token = login.create_login(session, user=user, settings=settings)
    record = session.exec(select(AuthSession).where(AuthSession.user_id == user.id)).one()
    record.expires_at = utcnow() - timedelta(seconds=1)
    session.add(record)
    session.commit()
    assert login.user_for_token(session, token=token, settings=settings) is None


def test_password_change_ends_other_logins_but_keeps_the_one_making_it(session: Session) -> None:
    user = make(session, "gus")
    settings = get_settings()
    token = login.create_login(session, user=user, settings=settings)
    mine = login.create_login(session, user=user, settings=settings)
    with pytest.raises(AccountError, match="err_old_password"):
        users.change_password(session, user=user, old="wrong", new="brand-new-pass")
    users.change_password(
        session, user=user, old="correct-horse", new="brand-new-pass", keep_login=login.login_key(mine, settings)
    )
    session.commit()
    assert login.user_for_token(session, token=token, settings=settings) is None
    assert login.user_for_token(session, token=mine, settings=settings).id == user.id  # a reload keeps me in
    assert login.authenticate(session, username="gus", password="brand-new-pass", settings=settings)


def test_only_admins_change_roles(session: Session) -> None:
    admin, _ = users.create_admin(session, username="admin", display_name="Admin", password="correct-horse")
    learner = make(session, "learner")
    with pytest.raises(AccountError, match="err_not_allowed"):
        users.set_role(session, actor=learner, user_id=learner.id, role=Role.trainer)
    assert users.set_role(session, actor=admin, user_id=learner.id, role=Role.trainer).role == Role.trainer
    with pytest.raises(AccountError, match="err_last_admin"):
        users.set_role(session, actor=admin, user_id=admin.id, role=Role.learner)


def test_export_contains_only_my_data_and_no_secrets(session: Session) -> None:
    me = make(session, "hana")
    other = make(session, "ivan")
    session.add(SectionRead(user_id=me.id, module_id="m1", section_id="s1"))
    session.add(SectionRead(user_id=other.id, module_id="m1", section_id="s2"))
    login.create_login(session, user=me, settings=get_settings())
    session.commit()
    data = personal_data.export_user_data(session, user=me)
    assert data["account"]["username"] == "hana"
    assert "password_hash" not in data["account"]
    assert [r["section_id"] for r in data["sectionread"]] == ["s1"]
    assert "authsession" not in data


def test_delete_account_removes_everything_of_mine_only(session: Session) -> None:
    me = make(session, "joan")
    other = make(session, "kim")
    session.add(SectionRead(user_id=me.id, module_id="m1", section_id="s1"))
    session.add(SectionRead(user_id=other.id, module_id="m1", section_id="s1"))
    login.create_login(session, user=me, settings=get_settings())
    session.commit()
    with pytest.raises(AccountError, match="err_old_password"):
        personal_data.delete_account(session, user=me, password="wrong")
    personal_data.delete_account(session, user=me, password="correct-horse")
    session.commit()
    assert session.get(User, me.id) is None
    assert [(r.user_id, r.section_id) for r in session.exec(select(SectionRead))] == [(other.id, "s1")]
    assert session.exec(select(AuthSession).where(AuthSession.user_id == me.id)).all() == []
