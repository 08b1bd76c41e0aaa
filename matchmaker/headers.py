"""Response headers: no caching of anything personal, and HSTS when served over https."""

from __future__ import annotations

from flask import Flask, current_app, request
from flask_login import current_user
from werkzeug.wrappers import Response

HSTS = "max-age=31536000; includeSubDomains"


def _personal(response: Response) -> bool:
    """Whether the response may hold personal data: a signed-in page, a download or a feed."""
    if request.endpoint == "static":
        return False
    if response.mimetype == "text/calendar" or "Content-Disposition" in response.headers:
        return True
    return bool(current_user.is_authenticated)


def _secure_headers(response: Response) -> Response:
    if _personal(response):
        response.headers["Cache-Control"] = "no-store"
    if str(current_app.config.get("PUBLIC_BASE_URL") or "").startswith("https://"):
        response.headers["Strict-Transport-Security"] = HSTS
    return response


def init_app(app: Flask) -> None:
    """Add the headers to every response of `app`."""
    app.after_request(_secure_headers)
