"""Server-side login sessions: each login on a device has a row; logging out deletes it.

The session cookie holds a random id whose hash names the row, so a copy of the cookie
taken before logging out is refused afterwards. Callers commit.
"""

from __future__ import annotations

from flask import session as cookie_session
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from matchmaker.auth.tokens import hash_token, new_token
from matchmaker.models import LoginSession, User

COOKIE_KEY = "login"


def open_login_session(session: Session, user: User) -> str:
    """Record a new login of `user`; the returned id goes into the cookie (`remember`)."""
    token = new_token()
    session.add(LoginSession(user=user, token_hash=hash_token(token)))
    return token


def remember(token: str) -> None:
    """Put the login's id into this browser's session cookie."""
    cookie_session[COOKIE_KEY] = token


def user_of_open_login(session: Session, user_id: int) -> User | None:
    """The user `user_id` if this browser's cookie names one of their logins that has not
    ended, else None; the account and the login are read in one query."""
    token = cookie_session.get(COOKIE_KEY)
    if not isinstance(token, str) or not token:
        return None
    return session.scalar(
        select(User)
        .join(LoginSession, LoginSession.user_id == User.id)
        .where(User.id == user_id, LoginSession.token_hash == hash_token(token))
    )


def close_this_login(session: Session) -> None:
    """End the login named by this browser's cookie, if any."""
    token = cookie_session.get(COOKIE_KEY)
    if isinstance(token, str) and token:
        session.execute(delete(LoginSession).where(LoginSession.token_hash == hash_token(token)))


def close_every_login(session: Session, user: User) -> None:
    """End every login of `user`, on every device."""
    session.execute(delete(LoginSession).where(LoginSession.user_id == user.id))
