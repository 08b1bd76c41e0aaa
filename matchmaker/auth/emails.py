"""Account emails are stored trimmed and lower-cased, so lookups compare them exactly."""

from __future__ import annotations


def normalise_email(email: str) -> str:
    """`email` as accounts store it: without surrounding spaces, in lower case."""
    return email.strip().lower()
