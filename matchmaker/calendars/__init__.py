"""calendars area."""
