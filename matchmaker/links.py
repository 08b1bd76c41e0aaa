"""Absolute links for outside the browser session (calendar feeds, invitation mails)."""

from __future__ import annotations

from typing import Any

from flask import current_app, url_for


def external_url(endpoint: str, **values: Any) -> str:
    """An absolute URL of `endpoint`, on PUBLIC_BASE_URL when it is configured.

    Behind a TLS-terminating proxy the request looks like plain http; the configured public
    base keeps links (and the tokens in them) on https.
    """
    base = current_app.config.get("PUBLIC_BASE_URL")
    if base:
        return str(base).rstrip("/") + url_for(endpoint, **values)
    return url_for(endpoint, _external=True, **values)
