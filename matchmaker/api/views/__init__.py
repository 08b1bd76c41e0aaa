"""The API's routes: one module per audience, and the OpenAPI document."""

from matchmaker.api.views import document, organisers, participants
from matchmaker.api.views.base import bp

__all__ = ["bp", "document", "organisers", "participants"]
