"""Organisation membership: who may speak for an organisation and change its profile."""
