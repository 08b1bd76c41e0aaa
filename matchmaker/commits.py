"""The write step of a view: run a change, commit it once, or roll it back and say why.

Views call `commit_or_refuse(change, SetupRefused, conflict="…")` instead of repeating
try / commit / except / rollback: the change's own refusals (exceptions whose message is
meant for the user) and a clash the database caught (IntegrityError) both leave nothing
written and come back as a message.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from sqlalchemy.exc import IntegrityError

from matchmaker.db import get_session

T = TypeVar("T")


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """A committed change's result, or the reason it was refused (nothing written)."""

    value: T | None
    refusal: str | None = None


def commit_or_refuse(
    change: Callable[[], T], *refusals: type[Exception], conflict: str | None = None
) -> Outcome[T]:
    """Run `change` and commit; on one of `refusals` roll back and return its message; on
    an IntegrityError roll back and return `conflict` (or raise it when none is given)."""
    session = get_session()
    try:
        value = change()
        session.commit()
    except refusals as error:
        session.rollback()
        return Outcome(None, str(error))
    except IntegrityError:
        session.rollback()
        if conflict is None:
            raise
        return Outcome(None, conflict)
    return Outcome(value)
