"""HTTP routes served beside the Streamlit app (st.App in app.py): the login cookie, set and cleared by the server.

POST /api/session {"ticket": ...} exchanges a one-time login ticket for the login cookie;
DELETE /api/session ends the login the cookie names and clears it. The cookie is HttpOnly (no
script can read it), SameSite=Strict, and Secure when the request came over HTTPS, directly or
through a proxy that says so in X-Forwarded-Proto.
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from academy.accounts import login
from academy.core.db import session_scope
from academy.core.settings import get_settings

COOKIE = "kaa_login"
SESSION_PATH = "/api/session"
_MAX_BODY = 1024


def _same_origin(request: Request) -> bool:
    """Only the app's own pages may call: a cross-site page cannot plant or clear a login."""
    site = request.headers.get("sec-fetch-site")
    if site is not None:
        return site == "same-origin"
    origin = request.headers.get("origin")
    return origin is not None and urlsplit(origin).netloc == request.headers.get("host")


def _https(request: Request) -> bool:
    # Trusting the header is safe here: claiming https on plain http only makes the cookie Secure,
    # which the browser then keeps off plain http; it never exposes the cookie.
    forwarded = request.headers.get("x-forwarded-proto", "").split(",")[0].strip().lower()
    return request.url.scheme in ("https", "wss") or forwarded == "https"


def _cookie_options(request: Request) -> dict:
    return {"path": "/", "httponly": True, "samesite": "strict", "secure": _https(request)}


def _redeem(ticket: str) -> login.Cookie | None:
    settings = get_settings()
    with session_scope(settings.database_url) as s:
        return login.redeem_ticket(s, ticket=ticket, settings=settings)


def _end(token: str) -> None:
    settings = get_settings()
    with session_scope(settings.database_url) as s:
        login.logout(s, token=token, settings=settings)


async def session_route(request: Request) -> Response:
    if not _same_origin(request):
        return JSONResponse({"error": "cross-site request"}, status_code=403)
    if request.method == "DELETE":
        token = request.cookies.get(COOKIE)
        if token:
            await run_in_threadpool(_end, token[:1024])
        response = JSONResponse({"ok": True})
        response.delete_cookie(COOKIE, **_cookie_options(request))
        return response
    body = await request.body()
    try:
        ticket = json.loads(body)["ticket"] if len(body) <= _MAX_BODY else None
    except (ValueError, KeyError, TypeError):
        ticket = None
    cookie = await run_in_threadpool(_redeem, ticket) if isinstance(ticket, str) and ticket else None
    if cookie is None:
        return JSONResponse({"error": "unknown, used or expired ticket"}, status_code=400)
    response = JSONResponse({"ok": True})
    response.set_cookie(COOKIE, cookie.value, max_age=cookie.max_age, **_cookie_options(request))
    return response


ROUTES = [Route(SESSION_PATH, session_route, methods=["POST", "DELETE"])]
