"""An event's own texts in several languages, falling back to its default language."""

from __future__ import annotations

from flask import Flask, render_template_string
from flask_babel import force_locale, gettext

from matchmaker.i18n import format_date_range, format_short_day, format_time
from matchmaker.models import Phase
from matchmaker.zones import zone_label


def test_event_texts_follow_the_reader_and_fall_back_to_the_default(app: Flask, session, build):
    event = build.event()
    event.name = "EU–Taiwan matchmaking"
    event.description = "Meet Taiwanese makers."
    event.sectors = ["Automotive", "Semiconductors"]
    event.translations = {
        "de": {
            "name": "EU–Taiwan-Kooperationsbörse",
            "description": "Treffen Sie Hersteller aus Taiwan.",
            "terms": {"Automotive": "Automobilindustrie"},
        },
        "zh_TW": {"name": "歐盟–台灣媒合會", "description": "", "terms": {}},
    }
    session.commit()
    with app.test_request_context(), force_locale("de"):
        assert event.display_name == "EU–Taiwan-Kooperationsbörse"
        assert event.display_description == "Treffen Sie Hersteller aus Taiwan."
        assert event.term_choices(event.sectors) == [
            ("Automotive", "Automobilindustrie"),
            ("Semiconductors", "Semiconductors"),
        ]
    with app.test_request_context(), force_locale("zh_TW"):
        assert event.display_name == "歐盟–台灣媒合會"
        # An empty translation falls back to the default language's text.
        assert event.display_description == "Meet Taiwanese makers."
    with app.test_request_context(), force_locale("fr"):
        assert event.display_name == "EU–Taiwan matchmaking"
        assert event.term_label("Automotive") == "Automotive"


def test_an_event_whose_default_is_german_shows_its_own_text_to_german_readers(
    app: Flask, session, build
):
    event = build.event()
    event.default_locale = "de"
    event.name = "Kooperationsbörse"
    event.translations = {"de": {"name": "stale copy"}, "en": {"name": "Matchmaking"}}
    session.commit()
    with app.test_request_context(), force_locale("de"):
        assert event.display_name == "Kooperationsbörse"
    with app.test_request_context(), force_locale("en"):
        assert event.display_name == "Matchmaking"


def test_dates_times_and_zones_are_formatted_for_the_locale(app: Flask) -> None:
    from datetime import date, datetime
    from zoneinfo import ZoneInfo

    moment = datetime(2026, 10, 6, 9, 30, tzinfo=ZoneInfo("Asia/Taipei"))
    expected = {
        "en": ("Tue 6 Oct 2026", "09:30", "Taipei time, UTC+8", "6–9 Oct 2026"),
        "de": ("Di., 6. Okt. 2026", "09:30", None, "6.–9. Okt. 2026"),
        "zh_TW": ("2026年10月6日週二", "09:30", None, "2026年10月6日至9日"),
    }
    for locale, (day, time, zone, span) in expected.items():
        with app.test_request_context(), force_locale(locale):
            assert format_short_day(moment) == day
            assert format_time(moment) == time
            assert format_date_range(date(2026, 10, 6), date(2026, 10, 9)) == span
            if zone:
                assert zone_label(moment) == zone
            else:
                # The city is named in the reader's language.
                assert ("Taipeh" if locale == "de" else "台北") in zone_label(moment)


def test_zone_labels_remembered_per_language_follow_the_reader(app: Flask) -> None:
    """Zone labels are remembered by zone, offset and language: each language keeps its own."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    moment = datetime(2026, 10, 6, 9, 30, tzinfo=ZoneInfo("Asia/Taipei"))
    labels: dict[str, str] = {}
    for locale in ("de", "en", "zh_TW", "de", "en"):
        with app.test_request_context(), force_locale(locale):
            labels.setdefault(locale, zone_label(moment))
            assert zone_label(moment) == labels[locale]
    assert labels["en"] == "Taipei time, UTC+8"
    assert "Taipeh" in labels["de"] and "台北" in labels["zh_TW"]
    winter = datetime(2026, 12, 4, 9, tzinfo=ZoneInfo("Europe/Berlin"))
    with app.test_request_context(), force_locale("en"):
        assert zone_label(winter) == "Berlin time, UTC+1"
        assert zone_label(winter.replace(month=7)) == "Berlin time, UTC+2"


def test_imported_macros_speak_each_pages_language(app: Flask, build) -> None:
    """Jinja keeps an imported template's module: labels made at its top level would keep
    the language of the first page that imported it (the phase badge once did)."""
    event = build.event(phase=Phase.PREFERENCES)
    page = '{% import "macros/ui.html" as ui %}{{ ui.phase_badge(phase) }}'
    for locale in ("fr", "sv", "fr"):
        with app.test_request_context(), force_locale(locale):
            label = str(gettext("Choosing meetings"))
            assert label != "Choosing meetings"
            assert label in render_template_string(page, phase=event.phase)


def test_templates_follow_a_locale_forced_for_a_message_and_return_to_the_reader_s(
    app: Flask,
) -> None:
    page = (
        '{{ _("Search") }} {{ ngettext("%(count)s person will get this message %(group)s.", '
        '"%(count)s people will get this message %(group)s.", 2, count=2, group="") }}'
    )
    with app.test_request_context(headers={"Accept-Language": "de"}):
        german = render_template_string(page)
        with force_locale("fr"):
            french = render_template_string(page)
            assert french == f"{gettext('Search')} 2 personnes recevront ce message ."
        assert render_template_string(page) == german
    assert german == "Suchen 2 Personen erhalten diese Nachricht ."
    assert french.startswith("Rechercher")


def test_clock_times_remembered_per_language_match_babel(app: Flask) -> None:
    """Clock times are remembered by hour, minute and language: each language keeps its own,
    and each reads as Babel writes the moment itself, in the moment's own zone."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from babel import Locale
    from babel.dates import format_skeleton

    moments = [
        datetime(2026, 10, 6, 9, 5, tzinfo=ZoneInfo("Asia/Taipei")),
        datetime(2026, 3, 29, 3, 30, tzinfo=ZoneInfo("Europe/Berlin")),
        datetime(2026, 10, 6, 23, 59, tzinfo=ZoneInfo("America/New_York")),
    ]
    for locale in ("de", "en", "zh_TW", "fr", "de", "en"):
        with app.test_request_context(), force_locale(locale):
            for moment in moments:
                expected = format_skeleton("Hm", moment, locale=Locale.parse(locale))
                assert format_time(moment) == expected
                assert format_time(moment.astimezone(ZoneInfo("UTC"))) == format_skeleton(
                    "Hm", moment.astimezone(ZoneInfo("UTC")), locale=Locale.parse(locale)
                )
