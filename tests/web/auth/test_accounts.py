"""Creating accounts: one operation for every area, storing the email normalised."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.orm import Session

from matchmaker.auth import operations, queries
from matchmaker.auth.passwords import verify_password
from matchmaker.models import Role, User


def test_create_user_stores_the_email_trimmed_and_lower_case(session: Session) -> None:
    user = operations.create_user(
        session, "  Olaf@Example.SE ", "a long enough password", "Olaf", Role.ORGANISER
    )
    session.commit()
    assert user.email == "olaf@example.se"
    assert (user.name, user.role) == ("Olaf", Role.ORGANISER)
    assert verify_password(user.password_hash, "a long enough password")
    found = queries.user_by_email(session, " OLAF@example.se")
    assert found is not None
    assert found.id == user.id
    assert queries.user_by_email(session, "olaf@example.de") is None


def test_lookups_compare_the_stored_email_as_is(session: Session, build: Any) -> None:
    """No lower() on the column, so its unique index serves the lookup."""
    session.add(User(email="Legacy@Example.org", password_hash="unused", name="Legacy"))
    session.commit()
    assert queries.user_by_email(session, "legacy@example.org") is None


def test_an_invitation_links_only_the_account_of_its_email(session: Session, build: Any) -> None:
    participant = build.participant(build.event(), email="Ana@Example.pt")
    with pytest.raises(ValueError, match="only the account of the invited email"):
        operations.link_invitation(session, participant, build.user(email="bob@example.pt"))
    owner = build.user(email="ana@example.pt")
    operations.link_invitation(session, participant, owner)
    assert (participant.user, participant.invitation_token_hash) == (owner, None)
