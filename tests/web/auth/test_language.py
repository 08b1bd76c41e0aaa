"""Each person's language: chosen on the account page, else the browser's; sign-up keeps the
language its page was shown in; every page says its language in `<html lang>`."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient
from flask_babel import get_locale
from sqlalchemy.orm import Session

from matchmaker.auth import views
from matchmaker.models import User
from tests.web.auth.conftest import log_in
from tests.web.auth.test_signup import signup_data


def _stored_locale(session: Session, user_id: int) -> str | None:
    session.expire_all()
    locale = session.get_one(User, user_id).locale
    session.commit()
    return locale


def test_the_account_page_offers_every_language_in_its_own_name(
    client: FlaskClient, build: Any
) -> None:
    user = build.user(email="ana@example.pt")
    log_in(client, user.email)
    page = client.get("/account").text
    assert '<option selected value="">Browser&#39;s language</option>' in page
    assert '<option lang="de" value="de">Deutsch</option>' in page
    assert '<option lang="fr" value="fr">Français</option>' in page
    assert '<option lang="zh-TW" value="zh_TW">' in page


def test_choosing_german_stores_it_and_the_pages_speak_it(
    client: FlaskClient, build: Any, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = build.user(email="ana@example.pt")
    log_in(client, user.email)
    # The confirmation is written in the new language: record the locale it was asked in.
    monkeypatch.setattr(views, "_", lambda text, **values: f"[{get_locale()}] {text}")
    response = client.post("/account/language", data={"locale": "de"})
    assert response.status_code == 302
    assert _stored_locale(session, user.id) == "de"
    page = client.get("/account").text
    assert '<html lang="de">' in page
    assert "[de] Your language is saved." in page
    assert '<option lang="de" selected value="de">Deutsch</option>' in page


def test_the_browsers_language_is_stored_as_none(
    client: FlaskClient, build: Any, session: Session
) -> None:
    user = build.user(email="ana@example.pt", locale="de")
    log_in(client, user.email)
    client.post("/account/language", data={"locale": ""})
    assert _stored_locale(session, user.id) is None
    page = client.get("/account", headers={"Accept-Language": "fr"}).text
    assert '<html lang="fr">' in page


def test_an_unknown_language_is_refused(client: FlaskClient, build: Any, session: Session) -> None:
    user = build.user(email="ana@example.pt")
    log_in(client, user.email)
    response = client.post("/account/language", data={"locale": "xx"})
    assert response.status_code == 400
    assert _stored_locale(session, user.id) is None


def test_the_chosen_language_wins_over_the_browsers(client: FlaskClient, build: Any) -> None:
    user = build.user(email="ana@example.pt", locale="zh_TW")
    log_in(client, user.email)
    page = client.get("/account", headers={"Accept-Language": "de"}).text
    assert '<html lang="zh-TW">' in page


@pytest.mark.parametrize(
    ("accept", "lang"),
    [
        ("de-DE,de;q=0.9", "de"),
        ("zh-TW", "zh-TW"),
        ("ja", "en"),
        (None, "en"),
    ],
)
def test_an_anonymous_page_speaks_the_browsers_language(
    client: FlaskClient, accept: str | None, lang: str
) -> None:
    headers = {"Accept-Language": accept} if accept else {}
    page = client.get("/", headers=headers).text
    assert f'<html lang="{lang}">' in page


def test_sign_up_keeps_the_language_of_its_page(
    client: FlaskClient, build: Any, session: Session
) -> None:
    build.event(slug="hannover")
    response = client.post(
        "/e/hannover/signup", data=signup_data(), headers={"Accept-Language": "fr"}
    )
    assert response.status_code == 302
    session.expire_all()
    user = session.query(User).one()
    assert user.locale == "fr"
    session.commit()


def test_countries_are_named_in_the_pages_language(client: FlaskClient, build: Any) -> None:
    build.event(slug="hannover")
    english = client.get("/e/hannover/signup").text
    assert '<option value="DE">Germany</option>' in english
    assert '<option value="RU">Russian Federation</option>' in english  # the names as before
    german = client.get("/e/hannover/signup", headers={"Accept-Language": "de"}).text
    assert '<option value="DE">Deutschland</option>' in german
    assert german.index(">Österreich<") < german.index(">Polen<")  # accents sort with their letter
