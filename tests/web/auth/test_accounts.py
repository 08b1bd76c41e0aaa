"""Creating accounts: one operation for every area, storing the email normalised."""

from __future__ import annotations

from matchmaker.auth import operations, queries
from matchmaker.auth.passwords import verify_password
from matchmaker.models import Role


def test_create_user_stores_the_email_trimmed_and_lower_case(session):
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


def test_lookups_compare_the_stored_email_as_is(session, build):
    """No lower() on the column, so its unique index serves the lookup."""
    build.user(email="Legacy@Example.org")
    assert queries.user_by_email(session, "legacy@example.org") is None
