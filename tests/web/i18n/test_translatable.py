"""Every user-facing text is translatable, and every catalogue is complete and current."""

from __future__ import annotations

import pytest
from babel.messages.catalog import Catalog

from matchmaker.catalogues import extract, read
from matchmaker.i18n import LOCALES
from tests.web.i18n.literals import all_findings


@pytest.fixture(scope="module")
def source() -> Catalog:
    return extract()


def test_no_user_facing_text_outside_the_translation_functions() -> None:
    found = all_findings()
    assert found == [], f"{len(found)} texts are not translatable:\n" + "\n".join(found[:50])


@pytest.mark.parametrize("locale", LOCALES)
def test_catalogue_has_every_message_and_no_stale_one(source: Catalog, locale: str) -> None:
    catalogue = read(locale)
    wanted = {message.id for message in source if message.id}
    have = {message.id for message in catalogue if message.id}
    untranslated = [
        message.id
        for message in catalogue
        if message.id
        and (
            message.fuzzy
            or not message.string
            or (isinstance(message.string, tuple) and not all(message.string))
        )
    ]
    assert sorted(map(str, wanted - have)) == [], "missing from the catalogue"
    assert sorted(map(str, have - wanted)) == [], "stale: no longer in the source"
    assert untranslated == [], "untranslated or fuzzy"


@pytest.mark.parametrize("locale", LOCALES)
def test_catalogue_keeps_every_placeholder(locale: str) -> None:
    problems = [
        f"{message.id!r}: {error}" for message, errors in read(locale).check() for error in errors
    ]
    assert problems == []
