"""Forms of the messages area."""

from __future__ import annotations

from flask_wtf import FlaskForm


class ConfirmForm(FlaskForm):  # type: ignore[misc]
    """A button and its CSRF token."""
