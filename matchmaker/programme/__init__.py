"""A mission's programme (company visits, receptions, ceremonies, transfers) and each
participant's itinerary across the mission."""
