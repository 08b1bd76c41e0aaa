"""Programme kinds and audiences in words."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from matchmaker.models import Audience, ProgrammeKind

KIND_LABELS = {
    ProgrammeKind.VISIT: _l("Company visit"),
    ProgrammeKind.RECEPTION: _l("Reception"),
    ProgrammeKind.CEREMONY: _l("Opening or closing ceremony"),
    ProgrammeKind.TRANSFER: _l("Transfer"),
    ProgrammeKind.OTHER: _l("Other"),
}
AUDIENCE_LABELS = {
    Audience.EVERYONE: _l("Everyone on the mission"),
    Audience.DELEGATIONS: _l("Chosen delegations"),
    Audience.PEOPLE: _l("Chosen people"),
}
