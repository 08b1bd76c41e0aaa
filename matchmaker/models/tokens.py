"""Personal access tokens of the JSON API."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matchmaker.db import Base, utcnow
from matchmaker.models.enums import enum_column
from matchmaker.models.users import User

TOKEN_PREFIX = "mm_"


class TokenScope(StrEnum):
    """What a token may do: read only, or read and change."""

    READ = "read"
    READ_WRITE = "read-write"


def new_api_token() -> str:
    """A fresh random token as shown once to its owner."""
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def api_token_hash(token: str) -> str:
    """The SHA-256 hex digest stored in place of the token."""
    return hashlib.sha256(token.encode()).hexdigest()


class ApiToken(Base):
    """A personal access token: the API acts as its user within its scope.

    Only the hash is stored; `hint` (the token's first characters) tells tokens apart on the
    account page. `window_started_at` and `window_requests` count requests for the rate
    limit, in the database so that every web process sees the same count.
    """

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    scope: Mapped[TokenScope] = mapped_column(enum_column(TokenScope))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    hint: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None]
    window_started_at: Mapped[datetime | None]
    window_requests: Mapped[int] = mapped_column(default=0)

    user: Mapped[User] = relationship()

    @property
    def writes(self) -> bool:
        return self.scope is TokenScope.READ_WRITE
