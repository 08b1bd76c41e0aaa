"""The views' write step: committed, refused (nothing written) or a database conflict."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from matchmaker.commits import commit_or_refuse
from matchmaker.db import get_session
from matchmaker.models import Mission


class Refused(Exception):
    pass


def _missions(app: Flask) -> int:
    with app.app_context():
        return get_session().scalar(select(func.count()).select_from(Mission)) or 0


def _add(slug: str, refuse: bool = False) -> Mission:
    mission = Mission(slug=slug, name=slug)
    get_session().add(mission)
    get_session().flush()
    if refuse:
        raise Refused(f"{slug} is refused.")
    return mission


def test_a_change_is_committed_and_its_value_returned(app: Flask) -> None:
    with app.app_context():
        outcome = commit_or_refuse(lambda: _add("kept"), Refused)
        assert outcome.refusal is None and outcome.value is not None
        assert outcome.value.slug == "kept"
    assert _missions(app) == 1


def test_a_refusal_rolls_back_and_says_why(app: Flask) -> None:
    with app.app_context():
        outcome = commit_or_refuse(lambda: _add("gone", refuse=True), Refused)
        assert (outcome.value, outcome.refusal) == (None, "gone is refused.")
    assert _missions(app) == 0


def test_a_conflict_rolls_back_with_its_message_or_goes_on(app: Flask) -> None:
    with app.app_context():
        commit_or_refuse(lambda: _add("taken"))
        outcome = commit_or_refuse(lambda: _add("taken"), Refused, conflict="Taken already.")
        assert outcome.refusal == "Taken already."
        with pytest.raises(IntegrityError):
            commit_or_refuse(lambda: _add("taken"), Refused)
    assert _missions(app) == 1
