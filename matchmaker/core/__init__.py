"""core area."""
