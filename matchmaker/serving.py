"""Hooks for serving the app with gunicorn; `gunicorn.conf.py` in the project installs them."""

from __future__ import annotations

import gc


def post_worker_init(_worker: object) -> None:
    """Once a worker has built the app, move every object alive now (modules, the app, its
    templates and metadata) into the garbage collector's permanent generation.

    Those objects live as long as the worker, yet every full collection walked all of
    them again (about 100 ms each with a large event's pages); frozen, the collector
    only looks at what requests create.
    """
    gc.freeze()
