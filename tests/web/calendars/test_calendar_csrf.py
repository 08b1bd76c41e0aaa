"""With CSRF protection on (as in production), the feed forms need their token."""

from __future__ import annotations

import re
from typing import Any

import pytest


@pytest.fixture
def app_config(app_config: dict[str, Any]) -> dict[str, Any]:
    return {**app_config, "WTF_CSRF_ENABLED": True}


def test_feed_forms_refuse_posts_without_a_csrf_token(client, build):
    event = build.event()
    user = build.user(email="csrf@example.org")
    build.participant(event, user=user)
    login_page = client.get("/login").text
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', login_page).group(1)
    response = client.post(
        "/login",
        data={"email": user.email, "password": "correct horse battery staple", "csrf_token": token},
    )
    assert response.status_code == 302
    for action in ("feed", "feed/revoke"):
        assert client.post(f"/calendar/events/{event.slug}/{action}").status_code == 400
