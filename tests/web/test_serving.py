"""What serving the app costs a process: no solver unless it solves, no file-writing
libraries until it writes such a file, templates compiled once (and kept in the instance
folder), frozen start-up objects."""

from __future__ import annotations

import gc
import os
import runpy
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from flask import Flask

from matchmaker import create_app, serving

PROJECT = Path(__file__).resolve().parents[2]


# Imported only by the functions that need them: the solver engine (about 90 MB), the
# spreadsheet and PDF libraries with what they bring (NumPy, fontTools, Pillow; about 40 MB)
# and the migration tool.
NOT_IMPORTED = ("ortools", "openpyxl", "xlsxwriter", "fpdf", "fontTools", "PIL", "numpy")
NOT_IMPORTED += ("alembic", "mako")


def test_building_the_app_does_not_import_the_solver_engine_or_file_writers(
    tmp_path: Path,
) -> None:
    script = (
        "import sys\n"
        "from matchmaker import create_app\n"
        "create_app({'SECRET_KEY': 'test'})\n"
        f"print(sorted({{name.split('.')[0] for name in sys.modules}} & {set(NOT_IMPORTED)!r}))\n"
    )
    environment = {**os.environ, "MATCHMAKER_INSTANCE_PATH": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", script],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
        cwd=PROJECT,
    )
    assert done.stdout.strip() == "[]"


def test_gunicorn_workers_load_the_templates_then_freeze_what_the_app_built(app: Flask) -> None:
    config = runpy.run_path(str(PROJECT / "gunicorn.conf.py"))
    assert config["post_worker_init"] is serving.post_worker_init
    gc.unfreeze()
    try:
        config["post_worker_init"](SimpleNamespace(wsgi=app))
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    assert app.jinja_env.cache is not None
    loaded = {name for _loader, name in app.jinja_env.cache}
    assert "schedule/statistics.html" in loaded
    assert loaded == set(app.jinja_env.list_templates())


def test_templates_are_compiled_once_for_every_process(
    app: Flask, app_config: dict[str, Any]
) -> None:
    serving.load_templates(app)
    folder = Path(app.instance_path) / serving.TEMPLATE_CACHE_FOLDER
    kept = {path.name: path.stat().st_mtime_ns for path in folder.iterdir()}
    assert len(kept) == len(app.jinja_env.list_templates())

    # Another process (a new app on the same instance folder) reads them, writes none.
    other = create_app(app_config)
    assert other.instance_path == app.instance_path
    serving.load_templates(other)
    assert {path.name: path.stat().st_mtime_ns for path in folder.iterdir()} == kept
    assert len(other.jinja_env.cache or {}) == len(kept)


def test_templates_load_without_a_writable_cache_folder(app: Flask) -> None:
    folder = Path(app.instance_path) / serving.TEMPLATE_CACHE_FOLDER
    folder.write_text("not a folder")
    serving.load_templates(app)
    assert app.jinja_env.bytecode_cache is None
    assert len(app.jinja_env.cache or {}) == len(app.jinja_env.list_templates())
