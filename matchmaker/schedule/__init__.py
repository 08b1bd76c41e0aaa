"""schedule area."""
