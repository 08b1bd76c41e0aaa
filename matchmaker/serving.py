"""Hooks for serving the app with gunicorn; `gunicorn.conf.py` in the project installs them."""

from __future__ import annotations

import gc
import logging
import os
from pathlib import Path

from flask import Flask
from jinja2 import FileSystemBytecodeCache, TemplateError

TEMPLATE_CACHE_FOLDER = "jinja-cache"

logger = logging.getLogger(__name__)


def post_worker_init(worker: object) -> None:
    """Once a worker has built the app, load its templates (see `load_templates`), then move
    every object alive now (modules, the app, its templates and metadata) into the garbage
    collector's permanent generation.

    Those objects live as long as the worker, yet every full collection walked all of
    them again (about 100 ms each with a large event's pages); frozen, the collector
    only looks at what requests create.
    """
    app = getattr(worker, "wsgi", None)
    if isinstance(app, Flask):
        load_templates(app)
    gc.freeze()


def load_templates(app: Flask) -> None:
    """Compile every template before the first request, through a bytecode cache in the
    instance folder (`jinja-cache`) that all processes share.

    Compiling the templates a page uses took a worker's first request of the page 100 ms
    and more (the organiser's statistics: about 1.4 times a later request); from the cache,
    loading all of them takes about 40 ms at start. The cache keeps a checksum of each
    template's source, so a changed template is compiled again. Without a writable instance
    folder the templates are still compiled, only not kept.
    """
    folder = Path(app.instance_path) / TEMPLATE_CACHE_FOLDER
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        logger.warning("No template cache in %s: %s", folder, error)
    else:
        if os.access(folder, os.W_OK | os.X_OK):
            app.jinja_env.bytecode_cache = FileSystemBytecodeCache(str(folder))
        else:
            logger.warning("No template cache: %s is not writable", folder)
    for name in app.jinja_env.list_templates():
        try:
            app.jinja_env.get_template(name)
        except TemplateError:
            # Reported when a page uses it, as without loading ahead.
            logger.exception("Template %s does not compile", name)
