"""Errors of the JSON API as RFC 9457 problem details (`application/problem+json`)."""

from __future__ import annotations

from typing import Any

from flask import Response, json, request
from werkzeug.exceptions import HTTPException, MethodNotAllowed

PROBLEM_TYPE = "application/problem+json"
API_PREFIX = "/api/"


def is_api_request() -> bool:
    """Whether the current request is addressed to the API (any version, any path)."""
    return request.path.startswith(API_PREFIX) or request.path == API_PREFIX.rstrip("/")


class ApiProblem(HTTPException):
    """An API refusal with its own title, detail and extra members (e.g. `errors`)."""

    def __init__(self, status: int, detail: str, title: str | None = None, **extra: Any) -> None:
        super().__init__(description=detail)
        self.code = status
        self.title = title
        self.extra = extra
        self.retry_after: int | None = None


def problem(status: int, title: str, detail: str = "", **extra: Any) -> Response:
    """A problem details response."""
    body: dict[str, Any] = {"type": "about:blank", "title": title, "status": status}
    if detail:
        body["detail"] = detail
    body["instance"] = request.path
    body.update(extra)
    return Response(json.dumps(body), status=status, mimetype=PROBLEM_TYPE)


def problem_for(error: HTTPException) -> Response:
    """The problem details of an HTTP error raised anywhere under the API."""
    status = error.code or 500
    if isinstance(error, ApiProblem):
        response = problem(
            status, error.title or error.name, error.description or "", **error.extra
        )
        if error.retry_after is not None:
            response.headers["Retry-After"] = str(error.retry_after)
    else:
        detail = (error.description or "") if status < 500 else ""
        response = problem(status, error.name, detail)
    if isinstance(error, MethodNotAllowed) and error.valid_methods:
        response.headers["Allow"] = ", ".join(error.valid_methods)
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="matchmaker"'
    return response
