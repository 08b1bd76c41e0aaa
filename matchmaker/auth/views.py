"""Accounts: login, logout, sign-up, password change."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("auth", __name__, cli_group=None)
