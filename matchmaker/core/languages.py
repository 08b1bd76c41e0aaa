"""The interface language of the current page as one of `matchmaker.i18n.LOCALES`."""

from __future__ import annotations

from functools import cache

from babel import Locale

from matchmaker.i18n import DEFAULT_LOCALE, LOCALES, current_locale


@cache
def _parsed() -> tuple[tuple[Locale, str], ...]:
    return tuple((Locale.parse(code), code) for code in LOCALES)


def page_locale() -> str:
    """The code of the page's language, as `User.locale` stores it: "de", "zh_TW" (Babel's
    own name for the latter is "zh_Hant_TW")."""
    locale = current_locale()
    return next((code for parsed, code in _parsed() if parsed == locale), DEFAULT_LOCALE)


def language_tag() -> str:
    """The page's language as a BCP 47 tag for `<html lang>`: "de", "zh-TW"."""
    return page_locale().replace("_", "-")
