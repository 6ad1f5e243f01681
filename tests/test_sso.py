"""Single sign-on: settings -> Streamlit's [auth], claims -> our accounts, one token one login, the policy.

The OpenID Connect round trip itself runs against a real provider in tests/e2e/test_sso_flow.py; here the
claims are what Streamlit hands over after it has checked the ID token.
"""

from __future__ import annotations

import secrets
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from pydantic import ValidationError
from sqlmodel import Session, func, select

from academy.accounts import login, personal_data, users
from academy.accounts.users import AccountError
from academy.core.db import session_scope
from academy.core.models import AuthSession, Role, SsoIdentity, User, utcnow
from academy.core.settings import Settings
from academy.integrations import oidc
from academy.integrations.oidc import SsoError

ISSUER = "https://login.example.com/realms/sales"


def sso_settings(**over) -> Settings:
    values = {
        "oidc_issuer": ISSUER,
        "oidc_client_id": "academy",
        "oidc_client_secret": "s3cret",
        "secret_key": "test-secret-key",
        **over,
    }
    return Settings(**values)


def claims(sub: str = "u-1", **over) -> dict:
    """What Streamlit keeps after a fresh sign-on: the ID token's claims."""
    return {
        "iss": ISSUER,
        "sub": sub,
        "aud": "academy",
        "name": "梅晓丽",
        "preferred_username": "mei",
        "email": "mei@example.com",
        "nonce": secrets.token_urlsafe(8),
        "iat": int(utcnow().timestamp()),
        "exp": int(utcnow().timestamp()) + 3600,
        "is_logged_in": True,
        **over,
    }


def local(session: Session, name: str, role: Role = Role.learner) -> User:
    user = users.register(session, username=name, display_name=name.title(), password="correct-horse")
    user.role = role
    session.add(user)
    session.commit()
    return user


# --- configuration ------------------------------------------------------------------------------


def test_streamlit_auth_section_comes_from_our_settings() -> None:
    section = oidc.streamlit_auth(sso_settings(oidc_issuer=ISSUER + "/", oidc_scopes="openid email profile groups"))
    assert section["server_metadata_url"] == ISSUER + "/.well-known/openid-configuration"
    assert (section["client_id"], section["client_secret"]) == ("academy", "s3cret")
    assert section["client_kwargs"] == {"scope": "openid email profile groups", "prompt": "select_account"}
    # with nothing else set, the callback is on this machine at the port Streamlit serves
    assert section["redirect_uri"] == "http://127.0.0.1:{port}/oauth2callback"
    assert len(section["cookie_secret"]) == 64 and "test-secret-key" not in section["cookie_secret"]
    # every replica with the same SECRET_KEY signs Streamlit's cookie alike; another key, another secret
    assert section["cookie_secret"] == oidc.streamlit_auth(sso_settings())["cookie_secret"]
    assert section["cookie_secret"] != oidc.streamlit_auth(sso_settings(secret_key="other"))["cookie_secret"]


def test_redirect_follows_public_url_unless_set() -> None:
    public = sso_settings(public_url="https://academy.example.com/")
    assert oidc.redirect_url(public) == "https://academy.example.com/oauth2callback"
    own = sso_settings(public_url="https://x", oidc_redirect_url="https://academy.example.com/oauth2callback")
    assert oidc.redirect_url(own) == "https://academy.example.com/oauth2callback"


@pytest.mark.parametrize(
    ("over", "message"),
    [
        ({"oidc_client_secret": ""}, "OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are needed"),
        ({"oidc_issuer": "login.example.com"}, "absolute http"),
        ({"oidc_redirect_url": "https://academy.example.com/callback"}, "must end in /oauth2callback"),
        ({"oidc_prompt": "whatever"}, "oidc_prompt"),
    ],
)
def test_incomplete_or_wrong_settings_are_named(over, message) -> None:
    with pytest.raises(ValidationError, match=message):
        sso_settings(**over)


def test_off_by_default() -> None:
    assert not oidc.enabled(Settings())


# --- claims -> account ---------------------------------------------------------------------------


def test_first_login_creates_the_account_later_logins_find_it_by_subject(session: Session) -> None:
    s = sso_settings()
    local(session, "admin", Role.admin)
    first = oidc.login_from_claims(session, claims=claims(), settings=s, language="en")
    session.commit()
    assert (first.display_name, first.role, first.language) == ("梅晓丽", Role.learner, "en")
    assert first.username == "mei" and not users.has_password(first)
    identity = session.exec(select(SsoIdentity)).one()
    assert (identity.issuer, identity.subject, identity.email) == (ISSUER, "u-1", "mei@example.com")

    # the provider now says another name and e-mail: same subject, same account; the e-mail follows
    again = oidc.login_from_claims(session, claims=claims(name="Mei X", email="mei.x@example.com"), settings=s)
    session.commit()
    assert again.id == first.id and again.display_name == "梅晓丽"
    assert session.exec(select(SsoIdentity)).one().email == "mei.x@example.com"

    # someone else with the very same name and e-mail is someone else
    other = oidc.login_from_claims(session, claims=claims(sub="u-2", email="mei.x@example.com"), settings=s)
    assert other.id != first.id and other.username.startswith("mei-")


def test_the_very_first_account_made_by_sign_on_is_a_learner(session: Session) -> None:
    """The first administrator is made by the setup code or create-admin only: whoever signs on first is not it."""
    assert oidc.login_from_claims(session, claims=claims(), settings=sso_settings()).role == Role.learner
    assert not users.has_admin(session)


def test_a_password_never_logs_into_an_account_made_by_sign_on(session: Session) -> None:
    made = oidc.login_from_claims(session, claims=claims(), settings=sso_settings())
    session.commit()
    with pytest.raises(AccountError, match="err_login_failed"):
        login.authenticate(session, username=made.username, password=users.NO_PASSWORD, settings=sso_settings())


@pytest.mark.parametrize(
    ("over", "key"),
    [
        ({"iss": "https://evil.example.com"}, "err_sso_issuer"),
        ({"sub": ""}, "err_sso_claims"),
        ({"sub": "x" * 256}, "err_sso_claims"),
        ({"iat": timedelta(minutes=-11)}, "err_sso_stale"),  # from now, when the test runs
        ({"iat": timedelta(minutes=5)}, "err_sso_stale"),
        ({"iat": "yesterday"}, "err_sso_stale"),
    ],
)
def test_identities_that_cannot_log_in_change_nothing(session: Session, over, key) -> None:
    if isinstance(over.get("iat"), timedelta):
        over = {"iat": int((utcnow() + over["iat"]).timestamp())}
    with pytest.raises(SsoError) as err:
        oidc.login_from_claims(session, claims=claims(**over), settings=sso_settings())
    assert err.value.key == key
    session.rollback()
    assert session.exec(select(func.count()).select_from(User)).one() == 0


def test_sign_on_while_it_is_off_is_refused(session: Session) -> None:
    with pytest.raises(SsoError, match="err_sso_off"):
        oidc.login_from_claims(session, claims=claims(), settings=Settings())


def test_one_id_token_starts_one_login(session: Session) -> None:
    token = claims()
    oidc.login_from_claims(session, claims=token, settings=sso_settings())
    session.commit()
    # Streamlit's identity cookie still holds the same claims after our login has ended
    with pytest.raises(SsoError, match="err_sso_used"):
        oidc.login_from_claims(session, claims=dict(token), settings=sso_settings())


def test_long_or_odd_claims_are_cut_to_our_limits(session: Session) -> None:
    odd = claims(name="名" * 200, email="a" * 300, preferred_username="Ünïcode Nämé!!")
    user = oidc.login_from_claims(session, claims=odd, settings=sso_settings())
    session.commit()
    assert len(user.display_name) == 80
    assert users.USERNAME_RE.match(user.username)
    assert len(session.exec(select(SsoIdentity)).one().email) <= 254


def _parallel(db_url: str, jobs: list[dict]) -> list[str]:
    def one(token: dict) -> str:
        try:
            with session_scope(db_url) as s:
                return str(oidc.login_from_claims(s, claims=token, settings=sso_settings()).id)
        except SsoError as err:
            return err.key

    with ThreadPoolExecutor(len(jobs)) as pool:
        return list(pool.map(one, jobs))


def test_the_same_token_in_parallel_logs_in_once(db_url: str) -> None:
    token = claims()
    results = _parallel(db_url, [dict(token) for _ in range(8)])
    assert sum(r.isdigit() for r in results) == 1
    assert results.count("err_sso_used") == 7


def test_a_first_login_in_several_tabs_at_once_makes_one_account(db_url: str) -> None:
    results = _parallel(db_url, [claims() for _ in range(8)])  # one person, eight fresh tokens
    assert all(r.isdigit() for r in results) and len(set(results)) == 1
    with session_scope(db_url) as s:
        assert s.exec(select(func.count()).select_from(User)).one() == 1


def test_people_with_the_same_name_signing_on_at_once_get_accounts_of_their_own(db_url: str) -> None:
    # every one of them would like the username "mei": clashing inserts are retried, never lost
    results = _parallel(db_url, [claims(sub=f"mei-{i}") for i in range(8)])
    assert all(r.isdigit() for r in results) and len(set(results)) == 8
    with session_scope(db_url) as s:
        names = s.exec(select(User.username)).all()
    assert len(set(names)) == 8 and "mei" in names


# --- roles ----------------------------------------------------------------------------------------


def test_a_groups_claim_makes_a_trainer_and_takes_back_only_what_it_gave(session: Session) -> None:
    s = sso_settings(oidc_trainer_groups="Sales Trainers, coaches")
    local(session, "admin", Role.admin)
    trainer = oidc.login_from_claims(session, claims=claims(groups=["staff", "sales trainers"]), settings=s)
    assert trainer.role == Role.trainer
    learner = oidc.login_from_claims(session, claims=claims(groups=["staff"]), settings=s)
    assert learner.role == Role.learner  # left the group at the provider

    # an administrator made this one a trainer by hand: the claim does not take it away
    other = oidc.login_from_claims(session, claims=claims(sub="u-2"), settings=s)
    other.role = Role.trainer
    session.add(other)
    assert oidc.login_from_claims(session, claims=claims(sub="u-2", groups=[]), settings=s).role == Role.trainer

    # a provider that sends groups as one string
    third = oidc.login_from_claims(session, claims=claims(sub="u-3", groups="coaches staff"), settings=s)
    assert third.role == Role.trainer


def test_without_trainer_groups_the_claim_is_ignored(session: Session) -> None:
    local(session, "admin", Role.admin)
    user = oidc.login_from_claims(session, claims=claims(groups=["trainers"]), settings=sso_settings())
    assert user.role == Role.learner


# --- linking a local account -----------------------------------------------------------------------


def test_a_local_account_links_its_company_account_and_keeps_it(session: Session) -> None:
    s = sso_settings()
    ann = local(session, "ann")
    oidc.link_identity(session, user=ann, claims=claims(sub="ann-at-work"), settings=s)
    session.commit()
    assert oidc.login_from_claims(session, claims=claims(sub="ann-at-work"), settings=s).id == ann.id

    bob = local(session, "bob")
    with pytest.raises(SsoError, match="err_sso_linked_elsewhere"):
        oidc.link_identity(session, user=bob, claims=claims(sub="ann-at-work"), settings=s)
    session.rollback()
    with pytest.raises(SsoError, match="err_sso_already_linked"):
        oidc.link_identity(session, user=ann, claims=claims(sub="ann-again"), settings=s)


# --- the policy -----------------------------------------------------------------------------------


def test_only_an_administrator_requires_sign_on_and_only_when_it_is_configured(session: Session) -> None:
    admin = local(session, "admin", Role.admin)
    learner = local(session, "lea")
    with pytest.raises(SsoError, match="err_not_allowed"):
        oidc.set_required(session, actor=learner, required=True, settings=sso_settings())
    with pytest.raises(SsoError, match="err_sso_not_configured"):
        oidc.set_required(session, actor=admin, required=True, settings=Settings())


def test_requiring_sign_on_leaves_passwords_to_administrators(session: Session) -> None:
    s = sso_settings()
    admin = local(session, "admin", Role.admin)
    lea = local(session, "lea")
    tom = local(session, "tom", Role.trainer)
    signed = oidc.login_from_claims(session, claims=claims(sub="sig"), settings=s)
    logins = {u.username: login.create_login(session, user=u, settings=s) for u in (admin, lea, tom, signed)}
    session.commit()

    assert oidc.set_required(session, actor=admin, required=True, settings=s) == 2
    session.commit()
    # the password logins of learners and trainers ended; the administrator's and the signed-on one's did not
    alive = {u for u, token in logins.items() if login.user_for_token(session, token=token, settings=s)}
    assert alive == {"admin", signed.username}

    oidc.check_password_login(session, user=admin, settings=s)
    for user in (lea, tom):
        with pytest.raises(SsoError, match="err_sso_required"):
            oidc.check_password_login(session, user=user, settings=s)
    with pytest.raises(SsoError, match="err_sso_required_register"):
        oidc.check_registration(session, settings=s)
    # a requirement without a provider configured would lock everyone out: it is void
    oidc.check_password_login(session, user=lea, settings=Settings())

    oidc.set_required(session, actor=admin, required=False, settings=s)
    oidc.check_password_login(session, user=lea, settings=s)
    oidc.check_registration(session, settings=s)
    assert session.exec(select(func.count()).select_from(AuthSession)).one() == 2


def test_an_account_without_a_password_is_deleted_by_typing_its_username(session: Session) -> None:
    made = oidc.login_from_claims(session, claims=claims(), settings=sso_settings())
    session.commit()
    assert "ssoidentity" in personal_data.export_user_data(session, user=made)
    with pytest.raises(AccountError, match="err_confirm_username"):
        personal_data.delete_account(session, user=made, password="")
    personal_data.delete_account(session, user=made, password=f" {made.username.upper()} ")
    session.commit()
    assert session.exec(select(func.count()).select_from(SsoIdentity)).one() == 0


def test_a_round_trip_is_reported_once_whichever_tab_or_replica_sees_it_first(db_url: str) -> None:
    def take(_: int) -> bool:
        with session_scope(db_url) as s:
            return oidc.take_marker(s, value="login.abc123")

    with ThreadPoolExecutor(6) as pool:
        assert sorted(pool.map(take, range(6))) == [False] * 5 + [True]
