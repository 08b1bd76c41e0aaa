"""Absolute links in messages written outside a request (CLI commands, background jobs)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask, has_request_context


@contextmanager
def link_context(app: Flask) -> Iterator[None]:
    """A request context on `PUBLIC_BASE_URL` unless one is active, so that templates and
    `external_url` can build links; the app context (and its database session) stays."""
    if has_request_context():
        yield
        return
    base_url = str(app.config.get("PUBLIC_BASE_URL") or "http://localhost")
    with app.test_request_context(base_url=base_url):
        yield
