"""Checks an API answer against the OpenAPI document: its status is documented for the
operation, its media type too, and its JSON body validates against the schema given there
(JSON Schema 2020-12, the dialect of OpenAPI 3.1)."""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from jsonschema import Draft202012Validator

from matchmaker.api.openapi import openapi_document

API_ROOT = "/api/v1"


@cache
def document() -> dict[str, Any]:
    """The API's document (as /api/v1/openapi.json serves it)."""
    return openapi_document(API_ROOT)


def _pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"(\{[^}]+\})", template)
    return re.compile(
        "".join("[^/.]+" if part.startswith("{") else re.escape(part) for part in parts) + "$"
    )


def operation_of(method: str, url: str) -> dict[str, Any]:
    """The document's operation for this method and URL (AssertionError when there is none)."""
    path = urlsplit(url).path.removeprefix(API_ROOT)
    for template, item in document()["paths"].items():
        if _pattern(template).match(path):
            assert method.lower() in item, f"{method} {template} is not documented"
            return item[method.lower()]  # type: ignore[no-any-return]
    raise AssertionError(f"{path} is not documented")


def node_ref(reference: str) -> list[str]:
    """The parts of a local JSON pointer such as `#/components/responses/404`."""
    return reference.removeprefix("#/").split("/")


def _follow(node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target: Any = document()
        for part in node_ref(node["$ref"]):
            target = target[part]
        node = target
    return node


def check_answer(method: str, url: str, status: int, media_type: str, body: bytes) -> None:
    """Assert that the answer is one the document describes for this operation."""
    responses = operation_of(method, url)["responses"]
    assert str(status) in responses, f"{method} {url}: status {status} is not documented"
    response = _follow(responses[str(status)])
    content = response.get("content")
    if content is None:
        assert not body, f"{method} {url}: {status} should have no body"
        return
    assert media_type in content, f"{method} {url}: {media_type} not documented for {status}"
    if not media_type.endswith("json"):
        return
    schema = content[media_type]["schema"]
    root = {"allOf": [schema], "components": document()["components"]}
    errors = sorted(
        Draft202012Validator(root).iter_errors(json.loads(body)), key=lambda error: error.path
    )
    assert not errors, f"{method} {url} {status}: " + "; ".join(
        f"{list(error.path)}: {error.message}" for error in errors[:5]
    )
