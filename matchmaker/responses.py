"""Responses shared by several areas."""

from __future__ import annotations

import hashlib

from flask import Response, current_app, request


def token_page(body: str, status: int = 200) -> Response:
    """A page whose URL holds a secret token: no Referer may carry it elsewhere."""
    response = current_app.make_response((body, status))
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def file_response(body: bytes, content_type: str, filename: str, *, attachment: bool) -> Response:
    """A file with an ETag (a hash of its bytes), answering 304 Not Modified when the
    client already holds these bytes (a calendar app or a script that kept its copy). The
    files hold personal data, so no cache may store them (`no-store`)."""
    response = Response(body, content_type=content_type)
    disposition = "attachment" if attachment else "inline"
    response.headers["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    response.set_etag(hashlib.sha256(body).hexdigest())
    response.make_conditional(request)
    return response
