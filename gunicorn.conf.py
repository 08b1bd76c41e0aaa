"""gunicorn settings, read when gunicorn starts in the project folder (or with --config)."""

from matchmaker.serving import post_worker_init

__all__ = ["post_worker_init"]
