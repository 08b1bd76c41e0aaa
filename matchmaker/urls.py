"""What a URL may hold: ids within the database's integer range, no control characters.

`<int:...>` in every route uses `IdConverter`, so an id beyond what PostgreSQL's INTEGER
holds answers 404 like any unknown id instead of failing in the database. Control
characters in the path or the query string cannot name anything either: 404 and 400.
"""

from __future__ import annotations

import re
from typing import Any

from flask import Flask, abort, request
from werkzeug.routing import IntegerConverter, Map

MAX_ID = 2**31 - 1
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class IdConverter(IntegerConverter):
    """An integer that fits a 32-bit signed INTEGER column (ids are never negative)."""

    def __init__(self, url_map: Map, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", MAX_ID)
        super().__init__(url_map, *args, **kwargs)


def _refuse_control_characters() -> None:
    if _CONTROL.search(request.path):
        abort(404)
    if any(
        _CONTROL.search(key) or _CONTROL.search(value)
        for key, value in request.args.items(multi=True)
    ):
        abort(400)


def init_app(app: Flask) -> None:
    """Use `IdConverter` for `<int:...>` (before any route is added) and check every request."""
    app.url_map.converters["int"] = IdConverter
    app.before_request(_refuse_control_characters)
