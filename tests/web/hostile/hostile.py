"""Hostile values and the machinery to aim them at every route and every form of the app.

Routes come from `app.url_map`, so a new route is covered without being listed; forms come
from the pages themselves (every `<form method="post">` with its fields and defaults).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

from flask import Flask
from werkzeug.routing import IntegerConverter, Rule

NUL = "a\x00b"
CONTROL = "line\x1bbreak\x07"
HUGE = "x" * 100_000
OUT_OF_RANGE_IDS = (2**31, 2**63)
UNKNOWN_SLUG = "no-such-event"

# Each kind of value, per input type; None keeps the field's own default.
TEXT_VALUES = (NUL, CONTROL, HUGE)
DATE_VALUES = {
    "date": ("0001-01-01", "9999-12-31"),
    "datetime-local": ("0001-01-01T00:00", "9999-12-31T23:59"),
    "time": ("25:61", "99:99"),
    "number": tuple(str(value) for value in OUT_OF_RANGE_IDS),
}

# Routes the sweep does not call, each with the reason.
NOT_CALLED = {
    "static": "files from disk, no input reaches Python code of ours",
    "auth.logout": "ends the session the sweep runs in; tests/web/auth/test_login.py",
    "auth.logout_everywhere": "ends every session of the user; tests/web/auth/test_login.py",
    "schedule.solve": "runs the solver for seconds; its form has no text or date field",
}


@dataclass
class PageForm:
    """A POST form found in a page: where it posts and its fields with their defaults."""

    action: str
    fields: dict[str, str] = field(default_factory=dict)
    types: dict[str, str] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, tuple[str, ...]]:
        return self.action, tuple(sorted(self.fields))


class _FormParser(HTMLParser):
    def __init__(self, page_url: str) -> None:
        super().__init__()
        self.page_url = page_url
        self.forms: list[PageForm] = []
        self._current: PageForm | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "form" and values.get("method", "get").lower() == "post":
            self._current = PageForm(values.get("action") or self.page_url)
            self.forms.append(self._current)
        if self._current is None or not values.get("name"):
            return
        name = values["name"]
        if tag == "input":
            kind = values.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in values:
                self._current.fields.setdefault(name, "")
            elif kind not in ("submit", "file", "button"):
                self._current.fields[name] = values.get("value", "")
            self._current.types[name] = kind
        elif tag == "textarea":
            self._current.fields[name] = ""
            self._current.types[name] = "textarea"
        elif tag == "select":
            self._current.fields[name] = ""
            self._current.types[name] = "select"
            self._select = name
        elif tag == "button" and values.get("value"):
            self._current.fields.setdefault(name, values["value"])
            self._current.types[name] = "button"

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._current = None
        if tag == "select":
            self._select = None


def post_forms(page_url: str, html: str) -> list[PageForm]:
    """The POST forms of a page (actions relative to the page resolved to paths)."""
    parser = _FormParser(page_url)
    parser.feed(html)
    for form in parser.forms:
        form.action = urlsplit(form.action).path or page_url
    return parser.forms


def hostile_submissions(form: PageForm) -> Iterator[dict[str, str]]:
    """The form's data with hostile values: every field at once for text, and one field at a
    time for dates, times and numbers (the others keep their defaults, so the hostile value
    is what the form has to judge)."""
    for value in TEXT_VALUES:
        yield {name: value for name in form.fields if name != "csrf_token"}
    for name, kind in form.types.items():
        for value in DATE_VALUES.get(kind, ()):
            yield {**form.fields, name: value}
        if kind in ("hidden", "select") and name != "csrf_token":
            for number in OUT_OF_RANGE_IDS:
                yield {**form.fields, name: str(number)}


FIXED_ARGUMENTS = {
    "run_id": "1",
    "member_id": "1",
    "verdict": "approve",
    "kind": "meetings",
    "fmt": "csv",
    "file_format": "csv",
    "mapping_id": "1",
    "message_id": "1",
    "board_id": "1",
    "request_id": "1",
    "answer": "accept",
    "filename": "unknown.eml",
    "name": "unknown",
    "item_id": "1",
    "wave": "3",
    "token_id": "1",
    "delegation_id": "1",
    "mission_slug": "no-such-mission",
}
"""URL arguments whose value needs no data of the test's world (unknown ids answer 404)."""


@dataclass(frozen=True)
class RouteCall:
    """One URL of a route and the methods to call it with."""

    endpoint: str
    url: str
    methods: tuple[str, ...]


def _is_id(rule: Rule, argument: str) -> bool:
    return isinstance(rule._converters[argument], IntegerConverter)


def route_calls(app: Flask, real: Mapping[str, str]) -> Iterator[RouteCall]:
    """Every route but `NOT_CALLED`: its real URL (arguments from `real`, by name), and one
    URL per hostile value of each argument (out-of-range ids, unknown slugs and tokens, NUL).
    Real URLs are called with GET only, so the sweep changes data only through forms."""
    for rule in app.url_map.iter_rules():
        if rule.endpoint in NOT_CALLED:
            continue
        methods = tuple(sorted((rule.methods or set()) & {"GET", "POST"}))
        arguments = {name: real[name] for name in rule.arguments}
        if "GET" in methods:
            yield RouteCall(rule.endpoint, _build_unchecked(rule, arguments), ("GET",))
        for name in rule.arguments:
            hostile: tuple[object, ...] = (
                OUT_OF_RANGE_IDS if _is_id(rule, name) else (UNKNOWN_SLUG, NUL)
            )
            for value in hostile:
                url = _build_unchecked(rule, {**arguments, name: value})
                yield RouteCall(rule.endpoint, url, methods)


def post_urls(app: Flask, real: Mapping[str, str]) -> Iterator[str]:
    """The real URL of every POST route but `NOT_CALLED`, for checks that refuse the request
    before it changes anything (a wrong CSRF token)."""
    for rule in app.url_map.iter_rules():
        if rule.endpoint not in NOT_CALLED and "POST" in (rule.methods or set()):
            yield _build_unchecked(rule, {name: real[name] for name in rule.arguments})


def _build_unchecked(rule: Rule, arguments: Mapping[str, object]) -> str:
    """The rule's path with `arguments` put in as text, even where its converter would
    refuse them (ids beyond its range)."""
    path = rule.rule
    for name, value in arguments.items():
        text = str(value).replace("\x00", "%00")
        path = re.sub(rf"<(?:[^<>]*:)?{name}>", lambda _match, text=text: text, path)
    return path
