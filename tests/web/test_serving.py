"""What serving the app costs a process: no solver unless it solves, no file-writing
libraries until it writes such a file, frozen start-up objects."""

from __future__ import annotations

import gc
import os
import runpy
import subprocess
import sys
from pathlib import Path

from matchmaker import serving

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


def test_gunicorn_workers_freeze_what_the_app_built() -> None:
    config = runpy.run_path(str(PROJECT / "gunicorn.conf.py"))
    assert config["post_worker_init"] is serving.post_worker_init
    gc.unfreeze()
    try:
        config["post_worker_init"](object())
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
