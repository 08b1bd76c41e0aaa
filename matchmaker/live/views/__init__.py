"""The event day: check-in desk, live view, attendance, recovery, free now, boards."""

from matchmaker.live.views import board, desk, floor, me, staff
from matchmaker.live.views.base import bp

__all__ = ["board", "bp", "desk", "floor", "me", "staff"]
