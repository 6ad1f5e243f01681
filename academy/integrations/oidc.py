"""Single sign-on with OpenID Connect: Streamlit's `st.login` (Authlib) talks to the identity provider; this
module turns the identity it brings back into one of our accounts, and holds the sign-on policy.

- `streamlit_auth` is the `[auth]` section Streamlit reads, built from our settings (the one place to
  configure SSO); the UI hands it to Streamlit at start-up (academy/ui/sso.py).
- `login_from_claims` finds the account by (issuer, subject), never by name or e-mail, or creates it on a
  first login; roles stay ours, except that an optional groups claim can make someone a trainer.
- One ID token starts one login (`SsoTokenUse`): Streamlit keeps the claims in a cookie for 30 days, and
  our own expiring, server-checked login is what keeps a user logged in.
- An administrator can require single sign-on for everyone but administrators (`SsoPolicy`).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from academy.accounts.login import secret_key
from academy.accounts.users import NO_PASSWORD, USERNAME_RE, AccountError
from academy.core.models import AuthSession, Role, SsoIdentity, SsoPolicy, SsoTokenUse, User, utcnow
from academy.core.settings import Settings

# An ID token older than this cannot start a login: the round trip through the provider takes seconds.
MAX_TOKEN_AGE = timedelta(minutes=10)
CLOCK_SKEW = timedelta(minutes=2)
MAX_SUBJECT = 255
MAX_EMAIL = 254
MAX_NAME = 80


class SsoError(AccountError):
    """A sign-on that cannot go ahead; `key` names the reason in the UI strings."""


# --- configuration ------------------------------------------------------------------------------


def enabled(settings: Settings) -> bool:
    return bool(settings.oidc_issuer)


def issuer(settings: Settings) -> str:
    return settings.oidc_issuer.rstrip("/")


def redirect_url(settings: Settings) -> str:
    """Where the provider sends the browser back: Streamlit answers at /oauth2callback.

    Without OIDC_REDIRECT_URL: PUBLIC_URL, or this machine on the port Streamlit serves ({port} is Streamlit's).
    """
    if settings.oidc_redirect_url:
        return settings.oidc_redirect_url
    base = settings.public_url.rstrip("/") or "http://127.0.0.1:{port}"
    return f"{base}/oauth2callback"


def cookie_secret(settings: Settings) -> str:
    """Signs Streamlit's identity cookie; derived from SECRET_KEY so every replica agrees and nothing more is set."""
    return hmac.new(secret_key(settings).encode(), b"streamlit-auth-cookie", hashlib.sha256).hexdigest()


def streamlit_auth(settings: Settings) -> dict[str, Any]:
    """The `[auth]` section of Streamlit's secrets (see `st.login`), made from our settings."""
    return {
        "redirect_uri": redirect_url(settings),
        "cookie_secret": cookie_secret(settings),
        "client_id": settings.oidc_client_id,
        "client_secret": settings.oidc_client_secret,
        "server_metadata_url": f"{issuer(settings)}/.well-known/openid-configuration",
        "client_kwargs": {"scope": settings.oidc_scopes, "prompt": settings.oidc_prompt},
    }


def trainer_groups(settings: Settings) -> set[str]:
    return {g.strip().casefold() for g in settings.oidc_trainer_groups.split(",") if g.strip()}


# --- claims -> account ---------------------------------------------------------------------------


def _text(claims: Mapping[str, Any], name: str, limit: int) -> str:
    value = claims.get(name)
    return value.strip()[:limit] if isinstance(value, str) else ""


def _groups(claims: Mapping[str, Any], claim: str) -> set[str]:
    value = claims.get(claim)
    if isinstance(value, str):
        value = re.split(r"[,\s]+", value)
    if not isinstance(value, list):
        return set()
    return {g.strip().casefold() for g in value[:500] if isinstance(g, str) and g.strip()}


def _when(value: Any) -> datetime | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        return datetime.fromtimestamp(value, UTC)
    except (OverflowError, OSError, ValueError):
        return None


def _checked(claims: Mapping[str, Any], settings: Settings, now: datetime) -> tuple[str, str, datetime]:
    """(issuer, subject, issued at) of an identity fresh from our provider, or SsoError."""
    if not enabled(settings):
        raise SsoError("err_sso_off")
    iss = claims.get("iss")
    if not isinstance(iss, str) or iss.rstrip("/") != issuer(settings):
        raise SsoError("err_sso_issuer")
    sub = claims.get("sub")
    if not isinstance(sub, str) or not sub.strip() or len(sub) > MAX_SUBJECT:
        raise SsoError("err_sso_claims")
    issued = _when(claims.get("iat"))
    if issued is None or issued > now + CLOCK_SKEW or now - issued > MAX_TOKEN_AGE:
        raise SsoError("err_sso_stale")
    return iss.rstrip("/"), sub, issued


def _use_token(session: Session, *, iss: str, sub: str, issued: datetime, nonce: str, now: datetime) -> None:
    """Record that this ID token has started a login; a second use fails (atomically: a primary key)."""
    digest = hashlib.sha256(f"{iss}\n{sub}\n{issued.timestamp()}\n{nonce}".encode()).hexdigest()
    session.exec(delete(SsoTokenUse).where(col(SsoTokenUse.expires_at) < now))
    try:
        with session.begin_nested():
            session.add(SsoTokenUse(token_hash=digest, expires_at=issued + MAX_TOKEN_AGE + CLOCK_SKEW))
    except IntegrityError:
        raise SsoError("err_sso_used") from None


def take_marker(session: Session, *, value: str, now: datetime | None = None) -> bool:
    """True the first time the browser marker of a sign-on round trip is dealt with, False ever after
    (another tab, a reload, another replica): a sign-on's outcome is reported once."""
    now = now or utcnow()
    digest = hashlib.sha256(f"marker\n{value}".encode()).hexdigest()
    try:
        with session.begin_nested():
            session.add(SsoTokenUse(token_hash=digest, expires_at=now + MAX_TOKEN_AGE + CLOCK_SKEW))
    except IntegrityError:
        return False
    return True


def _free_username(session: Session, claims: Mapping[str, Any]) -> str:
    base = ""
    for raw in (claims.get("preferred_username"), _text(claims, "email", MAX_EMAIL).split("@")[0]):
        if isinstance(raw, str):
            base = re.sub(r"[^a-z0-9_.-]", "", raw.strip().lower())[:26]
            if len(base) >= 3:
                break
    base = base if len(base) >= 3 else "user"
    for attempt in range(20):
        name = base if attempt == 0 else f"{base}-{secrets.token_hex(2)}"
        if USERNAME_RE.match(name) and not session.exec(select(User.id).where(User.username == name)).first():
            return name
    return f"user-{secrets.token_hex(6)}"


def _apply_groups(user: User, identity: SsoIdentity, claims: Mapping[str, Any], settings: Settings) -> None:
    """Roles stay ours: the groups claim only makes a learner a trainer, and takes back only what it gave."""
    wanted = trainer_groups(settings)
    if not wanted:
        return
    in_group = bool(_groups(claims, settings.oidc_groups_claim) & wanted)
    if in_group and user.role == Role.learner:
        user.role = Role.trainer
        identity.trainer_from_groups = True
    elif not in_group and identity.trainer_from_groups:
        if user.role == Role.trainer:
            user.role = Role.learner
        identity.trainer_from_groups = False


def _new_account(session: Session, claims: Mapping[str, Any], language: str) -> User:
    display = _text(claims, "name", MAX_NAME) or _text(claims, "preferred_username", MAX_NAME)
    display = display or _text(claims, "email", MAX_EMAIL).split("@")[0][:MAX_NAME] or "SSO"
    user = User(  # a learner: the first administrator comes from the setup code or create-admin, never a sign-on
        username=_free_username(session, claims),
        display_name=display,
        password_hash=NO_PASSWORD,
        role=Role.learner,
        language=language,
    )
    session.add(user)
    session.flush()
    return user


def _identity(session: Session, iss: str, sub: str) -> SsoIdentity | None:
    return session.exec(select(SsoIdentity).where(SsoIdentity.issuer == iss, SsoIdentity.subject == sub)).first()


def _find_or_create(session: Session, *, iss: str, sub: str, claims: Mapping[str, Any], language: str) -> SsoIdentity:
    """The identity, made with its account on a first login. A clash with a concurrent insert (the same
    person in another tab, or someone else taking the same username) is retried, never lost."""
    for _ in range(5):
        identity = _identity(session, iss, sub)
        if identity is not None:
            return identity
        try:
            with session.begin_nested():
                user = _new_account(session, claims, language)
                identity = SsoIdentity(user_id=user.id, issuer=iss, subject=sub)
                session.add(identity)
            return identity
        except IntegrityError:
            continue
    raise SsoError("err_sso_try_again")


def login_from_claims(
    session: Session,
    *,
    claims: Mapping[str, Any],
    settings: Settings,
    language: str = "zh",
    now: datetime | None = None,
) -> User:
    """The account for an identity Streamlit brought back from the provider; a first login creates it.

    Found by (issuer, subject) only: a changed e-mail or name at the provider finds the same account
    (and the e-mail is updated). The display name is ours to change after the first login.
    """
    now = now or utcnow()
    iss, sub, issued = _checked(claims, settings, now)
    _use_token(session, iss=iss, sub=sub, issued=issued, nonce=_text(claims, "nonce", 255), now=now)
    identity = _find_or_create(session, iss=iss, sub=sub, claims=claims, language=language)
    user = session.get(User, identity.user_id)
    identity.email = _text(claims, "email", MAX_EMAIL)
    identity.last_login_at = now
    _apply_groups(user, identity, claims, settings)
    session.add_all([identity, user])
    session.flush()
    return user


def link_identity(
    session: Session, *, user: User, claims: Mapping[str, Any], settings: Settings, now: datetime | None = None
) -> SsoIdentity:
    """Tie a logged-in local account to the company account just signed on with, so it can use SSO from now on."""
    now = now or utcnow()
    iss, sub, issued = _checked(claims, settings, now)
    _use_token(session, iss=iss, sub=sub, issued=issued, nonce=_text(claims, "nonce", 255), now=now)
    taken = _identity(session, iss, sub)
    if taken is not None:
        raise SsoError("err_sso_linked_elsewhere" if taken.user_id != user.id else "err_sso_already_linked")
    if identity_of(session, user=user, settings=settings) is not None:
        raise SsoError("err_sso_already_linked")
    identity = SsoIdentity(user_id=user.id, issuer=iss, subject=sub, email=_text(claims, "email", MAX_EMAIL))
    try:
        with session.begin_nested():
            session.add(identity)
    except IntegrityError:
        raise SsoError("err_sso_linked_elsewhere") from None
    return identity


def identity_of(session: Session, *, user: User, settings: Settings) -> SsoIdentity | None:
    """The user's identity at the configured provider, if they have signed on with it."""
    return session.exec(
        select(SsoIdentity).where(SsoIdentity.user_id == user.id, SsoIdentity.issuer == issuer(settings))
    ).first()


# --- policy --------------------------------------------------------------------------------------


def sso_required(session: Session, *, settings: Settings) -> bool:
    """Whether everyone but administrators must sign on; void while SSO is not configured."""
    policy = session.get(SsoPolicy, 1)
    return enabled(settings) and policy is not None and policy.required


def set_required(session: Session, *, actor: User, required: bool, settings: Settings) -> int:
    """Require single sign-on (or stop requiring it). Returns how many password logins it ended.

    Requiring it ends the logins of everyone but administrators who has not signed on yet: they log in
    again with their company account.
    """
    if actor.role != Role.admin:
        raise SsoError("err_not_allowed")
    if required and not enabled(settings):
        raise SsoError("err_sso_not_configured")
    policy = session.get(SsoPolicy, 1) or SsoPolicy(id=1)
    policy.required, policy.changed_by, policy.changed_at = required, actor.id, utcnow()
    session.add(policy)
    if not required:
        return 0
    signed_on = select(SsoIdentity.user_id).where(SsoIdentity.issuer == issuer(settings))
    local = select(User.id).where(User.role != Role.admin, col(User.id).not_in(signed_on))
    ended = session.exec(delete(AuthSession).where(col(AuthSession.user_id).in_(local)))
    return ended.rowcount or 0


def check_password_login(session: Session, *, user: User, settings: Settings) -> None:
    """After a correct password: refused when single sign-on is required, except for administrators."""
    if user.role != Role.admin and sso_required(session, settings=settings):
        raise SsoError("err_sso_required")


def check_registration(session: Session, *, settings: Settings) -> None:
    """Creating a local account with a password: refused when single sign-on is required."""
    if sso_required(session, settings=settings):
        raise SsoError("err_sso_required_register")
