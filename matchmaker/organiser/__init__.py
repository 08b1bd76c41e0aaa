"""organiser area."""
