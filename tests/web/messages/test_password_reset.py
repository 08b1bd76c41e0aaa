"""Password reset by e-mail: a single-use link valid for an hour; nothing reveals accounts."""

from __future__ import annotations

from datetime import timedelta

from flask.testing import FlaskClient
from sqlalchemy import select

from matchmaker.models import PasswordReset, User
from tests.builders import TEST_PASSWORD, Builder
from tests.web.messages.mailserver import MailServer, outbox_rows

NEW_PASSWORD = "a brand new passphrase"


def _ask(client: FlaskClient, email: str) -> str:
    response = client.post("/password/forgot", data={"email": email})
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _reset_link(mail_server: MailServer, email: str) -> str:
    received = mail_server.to(email)[-1]
    (link,) = [url for url in received.links() if "/password/reset/" in url]
    return link


def _path(link: str) -> str:
    assert link.startswith("https://b2b.example.org/password/reset/")
    return link.removeprefix("https://b2b.example.org")


def _can_log_in(client: FlaskClient, email: str, password: str) -> bool:
    response = client.post("/login", data={"email": email, "password": password})
    return response.status_code == 302


def test_the_login_page_offers_a_reset(client):
    page = client.get("/login").get_data(as_text=True)
    assert 'href="/password/forgot"' in page
    assert "Forgot your password?" in page


def test_a_reset_link_sets_a_new_password_once(app, build: Builder, client, mail_server, session):
    build.user(email="ana@example.pt", name="Ana Silva")

    _ask(client, "Ana@Example.pt ")

    received = mail_server.only("ana@example.pt")
    assert received.subject == "Choose a new password"
    link = _reset_link(mail_server, "ana@example.pt")
    assert link in received.html
    assert "within 60 minutes" in received.text
    form = client.get(_path(link))
    assert form.status_code == 200
    assert form.headers["Referrer-Policy"] == "no-referrer"
    done = client.post(_path(link), data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert done.status_code == 302
    assert done.headers["Location"] == "/login"

    assert _can_log_in(app.test_client(), "ana@example.pt", NEW_PASSWORD)
    assert not _can_log_in(app.test_client(), "ana@example.pt", TEST_PASSWORD)
    assert client.get(_path(link)).status_code == 410
    again = client.post(_path(link), data={"password": "yet another one!", "confirm": "x"})
    assert again.status_code == 410


def test_a_reset_ends_every_session(app, build: Builder, client, log_in, mail_server):
    user = build.user(email="bo@example.se")
    log_in(user)
    assert client.get("/account").status_code == 200
    other = app.test_client()

    _ask(other, "bo@example.se")
    link = _reset_link(mail_server, "bo@example.se")
    other.post(_path(link), data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})

    assert client.get("/account").status_code == 302


def test_an_unknown_address_gets_the_same_answer_and_no_mail(
    client, build: Builder, mail_server, session
):
    build.user(email="known@example.org")

    known = _ask(client, "known@example.org")
    unknown = _ask(client, "nobody@example.org")

    assert unknown.replace("nobody@", "known@") == known
    assert [item.recipients for item in mail_server.received] == [["known@example.org"]]
    requests = session.scalars(select(PasswordReset.email).order_by(PasswordReset.id)).all()
    assert requests == ["known@example.org", "nobody@example.org"]


def test_a_deactivated_account_gets_no_link(client, build: Builder, mail_server, session):
    build.user(email="gone@example.org", active=False)

    _ask(client, "gone@example.org")

    assert mail_server.received == []
    assert outbox_rows(session) == []


def test_a_link_expires_after_an_hour(client, build: Builder, mail_server, session):
    build.user(email="late@example.org")
    _ask(client, "late@example.org")
    link = _reset_link(mail_server, "late@example.org")
    reset = session.scalars(select(PasswordReset)).one()
    reset.expires_at = reset.requested_at - timedelta(seconds=1)
    session.commit()

    page = client.get(_path(link))

    assert page.status_code == 410
    assert "no longer works" in page.get_data(as_text=True)


def test_requests_are_throttled_per_address(app, client, build: Builder, mail_server, session):
    user = build.user(email="many@example.org")
    limit = app.config["PASSWORD_RESET_MAX_PER_EMAIL"]

    answers = {_ask(client, "many@example.org") for _ in range(limit + 2)}

    assert len(answers) == 1
    assert len(mail_server.to("many@example.org")) == limit
    assert session.get(User, user.id) is not None


def test_an_invalid_address_is_explained(client):
    response = client.post("/password/forgot", data={"email": "not-an-address"})
    assert "Enter an email address" in response.get_data(as_text=True)


def test_a_made_up_link_does_not_work(client):
    assert client.get("/password/reset/made-up-token").status_code == 410
