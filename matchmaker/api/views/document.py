"""The OpenAPI 3.1 document, served without a token."""

from __future__ import annotations

from flask import Response, jsonify, url_for

from matchmaker.api.openapi import openapi_document
from matchmaker.api.views.base import bp


@bp.get("/openapi.json")
def openapi() -> Response:
    """The API described in OpenAPI 3.1 (developers' documentation, in English)."""
    document = jsonify(openapi_document(url_for("api.me", _external=True).removesuffix("/me")))
    document.headers["Content-Language"] = "en"
    return document
