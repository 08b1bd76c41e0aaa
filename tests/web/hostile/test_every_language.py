"""Every page renders in every language, as every role: a translation that breaks a page
(a placeholder it lacks, a template that imports a label it no longer has) answers 500."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy.orm import Session

from matchmaker.i18n import LOCALES
from tests.builders import Builder
from tests.web.hostile.hostile import route_calls
from tests.web.hostile.test_hostile_input import Sweep, _client, _world


@pytest.mark.parametrize("locale", [code for code in LOCALES if code != "en"])
def test_every_page_renders_in_every_language(
    app: Flask, build: Builder, session: Session, locale: str
) -> None:
    world = _world(build, session)
    real = [call for call in route_calls(app, world.arguments) if call.methods == ("GET",)]
    real = [call for call in real if "%00" not in call.url]
    app.config["API_RATE_LIMIT"] = 10**9
    language = locale.replace("_", "-")
    rendered = 0
    failures = []
    for role, user in world.users.items():
        sweep = Sweep(role, _client(app, user, session))
        sweep.client.environ_base["HTTP_ACCEPT_LANGUAGE"] = language
        for call in real:
            html = sweep.call("GET", call.url)
            if html is not None:
                rendered += 1
                if f'<html lang="{language}">' not in html:
                    failures.append(f"{role} {call.url}: not in {language}")
        failures += sweep.failures
    assert rendered > 100
    assert not failures, "\n".join(failures)
