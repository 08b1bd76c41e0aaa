"""Secret tokens in links (invitations, calendar feeds): random, stored only as SHA-256 hex."""

from __future__ import annotations

import hashlib
import secrets


def new_token() -> str:
    """A fresh URL-safe secret token (256 bits)."""
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    """The SHA-256 hex digest under which `token` is stored."""
    return hashlib.sha256(token.encode()).hexdigest()
