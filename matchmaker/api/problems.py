"""Errors of the JSON API as RFC 9457 problem details (`application/problem+json`).

Titles and details are in the request's language (the token's account's choice, else
Accept-Language), which every API answer names in `Content-Language`.
"""

from __future__ import annotations

from typing import Any

from flask import Response, json, request
from flask_babel import LazyString, get_locale
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import HTTPException, MethodNotAllowed

from matchmaker.i18n import DEFAULT_LOCALE

PROBLEM_TYPE = "application/problem+json"
API_PREFIX = "/api/"

# The reason phrases the API answers with, as problem titles (Werkzeug's names, but RFC
# 9110's "Unprocessable Content" for 422).
TITLES: dict[int, LazyString] = {
    400: _l("Bad Request"),
    401: _l("Unauthorized"),
    403: _l("Forbidden"),
    404: _l("Not Found"),
    405: _l("Method Not Allowed"),
    409: _l("Conflict"),
    413: _l("Request Entity Too Large"),
    415: _l("Unsupported Media Type"),
    422: _l("Unprocessable Content"),
    429: _l("Too Many Requests"),
    500: _l("Internal Server Error"),
    503: _l("Service Unavailable"),
}
# Werkzeug's own explanations of the errors it raises without one of ours (an unknown URL,
# a wrong method, a body over the size limit), in the same words.
DETAILS: dict[int, LazyString] = {
    400: _l("The browser (or proxy) sent a request that this server could not understand."),
    404: _l(
        "The requested URL was not found on the server. If you entered the URL manually "
        "please check your spelling and try again."
    ),
    405: _l("The method is not allowed for the requested URL."),
    413: _l("The data value transmitted exceeds the capacity limit."),
}


def is_api_request() -> bool:
    """Whether the current request is addressed to the API (any version, any path)."""
    return request.path.startswith(API_PREFIX) or request.path == API_PREFIX.rstrip("/")


def content_language() -> str:
    """The request's language as a BCP 47 tag for `Content-Language`: "de", "zh-TW"."""
    locale = get_locale()
    if locale is None:
        return DEFAULT_LOCALE
    return "-".join(part for part in (locale.language, locale.territory) if part)


def in_language(response: Response) -> Response:
    """The response with the `Content-Language` its texts are in."""
    response.headers["Content-Language"] = content_language()
    return response


class ApiProblem(HTTPException):
    """An API refusal with its detail, extra members (e.g. `errors`) and, if it is not the
    status's reason phrase, its own title."""

    def __init__(self, status: int, detail: str, title: str | None = None, **extra: Any) -> None:
        super().__init__(description=detail)
        self.code = status
        self.title = title
        self.extra = extra
        self.retry_after: int | None = None


def problem_title(status: int, name: str) -> str:
    """The title of a problem with this status: its reason phrase in the request's
    language (`name` for a status without a translated one)."""
    title = TITLES.get(status)
    return str(title) if title is not None else name


def problem(status: int, title: str, detail: str = "", **extra: Any) -> Response:
    """A problem details response."""
    body: dict[str, Any] = {"type": "about:blank", "title": title, "status": status}
    if detail:
        body["detail"] = detail
    body["instance"] = request.path
    body.update(extra)
    return in_language(Response(json.dumps(body), status=status, mimetype=PROBLEM_TYPE))


def _detail(error: HTTPException, status: int) -> str:
    """An error's detail: ours translated when it is Werkzeug's default text."""
    if status >= 500:
        return ""
    if status in DETAILS and error.description == type(error).description:
        return str(DETAILS[status])
    return error.description or ""


def problem_for(error: HTTPException) -> Response:
    """The problem details of an HTTP error raised anywhere under the API."""
    status = error.code or 500
    if isinstance(error, ApiProblem):
        title = error.title or problem_title(status, error.name)
        response = problem(status, title, str(error.description or ""), **error.extra)
        if error.retry_after is not None:
            response.headers["Retry-After"] = str(error.retry_after)
    else:
        response = problem(status, problem_title(status, error.name), _detail(error, status))
    if isinstance(error, MethodNotAllowed) and error.valid_methods:
        response.headers["Allow"] = ", ".join(error.valid_methods)
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="matchmaker"'
    return response
