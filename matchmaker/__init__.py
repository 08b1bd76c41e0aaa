"""matchmaker: B2B matchmaking scheduler for cluster events and trade missions."""

from matchmaker.app import create_app

__all__ = ["create_app"]
