"""The API blueprint, its authentication and the helpers its views share."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, request
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict
from wtforms import Form

from matchmaker.api.auth import authenticate
from matchmaker.api.problems import PROBLEM_TYPE, ApiProblem, in_language
from matchmaker.extensions import csrf

bp = Blueprint("api", __name__, url_prefix="/api/v1", cli_group=None)
csrf.exempt(bp)

PUBLIC_ENDPOINTS = frozenset({"api.openapi"})


@bp.before_request
def _authenticate() -> None:
    if request.endpoint not in PUBLIC_ENDPOINTS:
        authenticate()


@bp.after_request
def _answer_headers(response: Response) -> Response:
    """No caching; JSON answers name their language (the document is English)."""
    response.headers["Cache-Control"] = "no-store"
    json = response.mimetype in ("application/json", PROBLEM_TYPE)
    if json and "Content-Language" not in response.headers:
        in_language(response)
    return response


def json_object() -> dict[str, Any]:
    """The request's body as a JSON object, else 400 (415 when it is not JSON at all)."""
    if not request.is_json:
        raise ApiProblem(415, _("Send the body as application/json."))
    try:
        body = request.get_json(silent=True)
    except RecursionError:  # nested deeper than the parser's stack; not a ValueError
        body = None
    if not isinstance(body, dict):
        raise ApiProblem(400, _("The body must be a JSON object."))
    return body


def form_data(body: dict[str, Any], names: tuple[str, ...]) -> MultiDict[str, str]:
    """The body's fields as form data for the pages' own forms (same checks, same
    refusals); a value that is not text, a number or null is refused (422)."""
    data: MultiDict[str, str] = MultiDict()
    for name in names:
        value = body.get(name)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise ApiProblem(
                422,
                _("`%(name)s` must be a string.", name=name),
                errors={name: [_("Must be a string.")]},
            )
        data[name] = str(value)
    return data


def refused_form(form: Form) -> ApiProblem:
    """A 422 problem listing a form's errors by field."""
    return ApiProblem(
        422,
        _("Some fields are not valid: see `errors`."),
        errors={
            name: [str(message) for message in messages] for name, messages in form.errors.items()
        },
    )


def conflict(detail: str) -> ApiProblem:
    """A 409 problem: the request is fine but the event's state refuses it now."""
    return ApiProblem(409, detail)
