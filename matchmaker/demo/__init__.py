"""The demo missions: realistic, deterministic data for trying matchmaker out.

`load_demo(session)` fills an empty database; the `demo` CLI command commits it and prints
the demo accounts. `data` holds the tables (organisations, names, events), `building` turns
them into rows, `wishes` draws the participants' meeting preferences.
"""

from __future__ import annotations

from matchmaker.demo.building import DemoAccount, DemoAccounts, DemoRefused, load_demo

__all__ = ["DemoAccount", "DemoAccounts", "DemoRefused", "load_demo"]
