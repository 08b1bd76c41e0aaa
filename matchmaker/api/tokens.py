"""Making, listing and revoking a user's personal access tokens."""

from __future__ import annotations

from collections.abc import Sequence

from flask_babel import ngettext
from sqlalchemy import select
from sqlalchemy.orm import Session

from matchmaker.models import ApiToken, TokenScope, User
from matchmaker.models.tokens import api_token_hash, new_api_token

HINT_LENGTH = 10
MAX_TOKENS_PER_USER = 20


class TokenRefused(Exception):
    """A token that cannot be made; the message says why."""


def tokens_of_user(session: Session, user_id: int) -> Sequence[ApiToken]:
    """The user's tokens, newest first."""
    return session.scalars(
        select(ApiToken).where(ApiToken.user_id == user_id).order_by(ApiToken.id.desc())
    ).all()


def token_of_user(session: Session, user_id: int, token_id: int) -> ApiToken | None:
    """One of the user's tokens, or None (another user's token is None too)."""
    return session.scalars(
        select(ApiToken).where(ApiToken.id == token_id, ApiToken.user_id == user_id)
    ).first()


def create_token(session: Session, user: User, name: str, scope: TokenScope) -> str:
    """Make a token and return it in clear: this is the only time it is known, only its
    hash is stored."""
    if len(tokens_of_user(session, user.id)) >= MAX_TOKENS_PER_USER:
        raise TokenRefused(
            ngettext(
                "You have %(num)d token already: revoke it if you no longer use it.",
                "You have %(num)d tokens already: revoke one you no longer use.",
                MAX_TOKENS_PER_USER,
            )
        )
    token = new_api_token()
    session.add(
        ApiToken(
            user_id=user.id,
            name=name,
            scope=scope,
            token_hash=api_token_hash(token),
            hint=token[:HINT_LENGTH],
        )
    )
    return token


def revoke_token(session: Session, token: ApiToken) -> None:
    """Delete the token: requests carrying it are refused from now on."""
    session.delete(token)
