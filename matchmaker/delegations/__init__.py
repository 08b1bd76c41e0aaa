"""Delegations: partner clusters, their leads and the SMEs they bring on a mission."""
