"""Pagination of API lists: `limit` and an opaque `cursor` (the last id seen), with links.

Every list answers `{"items": [...], "links": {"self": ..., "next": ... | null}}` and, when
there is more, a `Link: <…>; rel="next"` header (RFC 8288).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from flask import Response, jsonify, request, url_for
from flask_babel import gettext as _
from sqlalchemy import Select
from sqlalchemy.orm import InstrumentedAttribute

from matchmaker.api.problems import ApiProblem
from matchmaker.db import get_session

DEFAULT_LIMIT = 50
MAX_LIMIT = 200
MAX_ID = 2**31 - 1

T = TypeVar("T")


def _number(name: str, default: int, highest: int) -> int:
    text = request.args.get(name)
    if text is None:
        return default
    if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= highest:
        raise ApiProblem(
            400,
            _(
                "`%(name)s` must be a whole number from 1 to %(highest)d.",
                name=name,
                highest=highest,
            ),
        )
    return int(text)


def page_limit() -> int:
    """The `limit` argument (1 to `MAX_LIMIT`, default `DEFAULT_LIMIT`), else 400."""
    return _number("limit", DEFAULT_LIMIT, MAX_LIMIT)


def _cursor() -> int:
    """The `cursor` argument: the last id of the previous page (0: from the start)."""
    return _number("cursor", 0, MAX_ID) if "cursor" in request.args else 0


def page_number() -> int:
    """The `page` argument of page-numbered lists (default 1), else 400."""
    return _number("page", 1, MAX_ID)


def _link(**changes: Any) -> str:
    assert request.endpoint is not None
    arguments = {**(request.view_args or {}), **request.args.to_dict(), **changes}
    return url_for(request.endpoint, _external=True, **arguments)


def listing(items: list[dict[str, Any]], next_url: str | None, **extra: Any) -> Response:
    """A list answer with its links (and the Link header when there is a next page)."""
    body = {"items": items, "links": {"self": request.url, "next": next_url}, **extra}
    response = jsonify(body)
    if next_url is not None:
        response.headers["Link"] = f'<{next_url}>; rel="next"'
    return response


def by_cursor(
    statement: Select[T],
    id_column: InstrumentedAttribute[int],
    shown: Callable[[T], dict[str, Any]],
    get_id: Callable[[T], int],
) -> Response:
    """One page of `statement` in id order after the `cursor` id, `limit` rows long."""
    limit, cursor = page_limit(), _cursor()
    rows: Sequence[T] = (
        get_session()
        .scalars(statement.where(id_column > cursor).order_by(id_column).limit(limit + 1))
        .all()
    )
    more = len(rows) > limit
    rows = rows[:limit]
    next_url = _link(cursor=str(get_id(rows[-1])), limit=str(limit)) if more else None
    return listing([shown(row) for row in rows], next_url)


def by_page(items: list[dict[str, Any]], page: int, pages: int, **extra: Any) -> Response:
    """One page of a page-numbered list (the catalogue's own pages), linking the next."""
    next_url = _link(page=str(page + 1)) if page < pages else None
    return listing(items, next_url, page=page, pages=pages, **extra)


def cursor_page(
    rows: Sequence[T], get_id: Callable[[T], int], shown: Callable[[T], dict[str, Any]]
) -> Response:
    """One page of rows already loaded (short lists such as missions), in id order."""
    limit, cursor = page_limit(), _cursor()
    after = sorted((row for row in rows if get_id(row) > cursor), key=get_id)
    page = after[:limit]
    more = len(after) > limit
    next_url = _link(cursor=str(get_id(page[-1])), limit=str(limit)) if more else None
    return listing([shown(row) for row in page], next_url)
