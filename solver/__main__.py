"""Entry point of `python -m solver`."""

from __future__ import annotations

from solver.cli import main

raise SystemExit(main())
