"""Who calls the API: a personal access token in `Authorization: Bearer …`, never a cookie.

The token's user becomes Flask-Login's `current_user` for the request, so the pages' own
access helpers (`organised_event_or_404`, `own_participant_or_404`, …) decide what it may
see. Cookies are ignored here: the API needs no CSRF token because a browser never sends
a bearer token by itself.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from math import ceil

from flask import current_app, g, request
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import AnonymousUserMixin
from sqlalchemy import case, select, update
from sqlalchemy.orm import joinedload

from matchmaker.api.problems import ApiProblem
from matchmaker.db import database, get_session, utcnow
from matchmaker.models import ApiToken
from matchmaker.models.tokens import api_token_hash

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def _bearer_token() -> str | None:
    scheme, _space, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def authenticate() -> ApiToken:
    """The request's valid token with its active user (now `current_user`), else 401;
    403 when a read-only token asks to change something; 429 past the rate limit."""
    g._login_user = AnonymousUserMixin()
    token = _bearer_token()
    if token is None:
        raise ApiProblem(401, _("Send a personal access token: Authorization: Bearer <token>."))
    # Counted first, in a transaction of its own: on SQLite the request's own session may
    # already hold the write lock once it has read anything.
    token_id = _count_request(api_token_hash(token), utcnow())
    found = None
    if token_id is not None:
        found = (
            get_session()
            .scalars(
                select(ApiToken).where(ApiToken.id == token_id).options(joinedload(ApiToken.user))
            )
            .first()
        )
    if found is None or not found.user.active:
        raise ApiProblem(401, _("This token is unknown or was revoked."))
    g._login_user = found.user
    if request.method not in READ_METHODS and not found.writes:
        raise ApiProblem(
            403, _("This token may only read: create a read-write token to change data.")
        )
    return found


def _count_request(token_hash: str, now: datetime) -> int | None:
    """Count the request in its token's window (one atomic UPDATE, committed at once, so
    every process shares the count): the token's id, None when no token has this hash;
    429 with Retry-After when the window is full."""
    limit = int(current_app.config["API_RATE_LIMIT"])
    window = timedelta(seconds=float(current_app.config["API_RATE_WINDOW_S"]))
    current = ApiToken.window_started_at > now - window
    statement = (
        update(ApiToken)
        .where(ApiToken.token_hash == token_hash)
        .values(
            window_requests=case((current, ApiToken.window_requests + 1), else_=1),
            window_started_at=case((current, ApiToken.window_started_at), else_=now),
            last_used_at=now,
        )
        .returning(ApiToken.id, ApiToken.window_requests, ApiToken.window_started_at)
        .execution_options(synchronize_session=False)
    )
    with database().sessions() as counter:
        counted = counter.execute(statement).first()
        counter.commit()
    if counted is None:
        return None
    token_id, requests, started = counted
    if requests > limit and started is not None:
        retry = max(1, ceil((started + window - now).total_seconds()))
        refusal = ApiProblem(
            429,
            ngettext(
                "At most %(num)d request per %(seconds)d s with one token.",
                "At most %(num)d requests per %(seconds)d s with one token.",
                limit,
                seconds=round(window.total_seconds()),
            ),
        )
        refusal.retry_after = retry
        raise refusal
    return int(token_id)
