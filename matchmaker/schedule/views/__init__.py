"""Organisers: solving, reviewing, adjusting, publishing and exporting schedules."""

from matchmaker.schedule.views import edits, grids, person, reports, runs
from matchmaker.schedule.views.base import bp

__all__ = ["bp", "edits", "grids", "person", "reports", "runs"]
