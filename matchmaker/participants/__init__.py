"""participants area."""
