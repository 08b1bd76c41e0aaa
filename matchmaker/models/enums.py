"""Enumerations shared by the models, stored as checked strings."""

from __future__ import annotations

from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import Enum


class Role(StrEnum):
    ADMIN = "admin"
    ORGANISER = "organiser"
    PARTICIPANT = "participant"


class OrganisationType(StrEnum):
    SME = "sme"
    LARGE_COMPANY = "large_company"
    CLUSTER = "cluster"
    RTO = "rto"
    INVESTOR = "investor"
    PUBLIC_BODY = "public_body"

    @property
    def label(self) -> str:
        """The kind's name in the current language (the stored value stays English)."""
        return str(ORGANISATION_TYPE_LABELS[self])


ORGANISATION_TYPE_LABELS = {
    OrganisationType.SME: _l("SME"),
    OrganisationType.LARGE_COMPANY: _l("Large company"),
    OrganisationType.CLUSTER: _l("Cluster organisation"),
    OrganisationType.RTO: _l("Research and technology organisation"),
    OrganisationType.INVESTOR: _l("Investor"),
    OrganisationType.PUBLIC_BODY: _l("Public body"),
}
# (stored value, label read when the field is drawn) for select fields.
ORGANISATION_TYPE_CHOICES = [
    (kind.value, label) for kind, label in ORGANISATION_TYPE_LABELS.items()
]


class TermKind(StrEnum):
    """The lists an imported term is matched against."""

    SECTOR = "sector"
    TECHNOLOGY = "technology"
    COUNTRY = "country"
    TYPE = "type"


class Phase(StrEnum):
    """An event's life cycle, in order."""

    DRAFT = "draft"
    REGISTRATION = "registration"
    PREFERENCES = "preferences"
    SCHEDULED = "scheduled"
    PUBLISHED = "published"

    @property
    def label(self) -> str:
        """The phase as its badge names it, in the current language."""
        return str(PHASE_LABELS[self])


PHASE_LABELS = {
    Phase.DRAFT: _l("Draft"),
    Phase.REGISTRATION: _l("Registration open"),
    Phase.PREFERENCES: _l("Choosing meetings"),
    Phase.SCHEDULED: _l("Being scheduled"),
    Phase.PUBLISHED: _l("Agendas published"),
}


class EventMode(StrEnum):
    """Where an event's meetings happen: at the venue, by video, or both."""

    ON_SITE = "on_site"
    ONLINE = "online"
    HYBRID = "hybrid"


class PreferenceLevel(StrEnum):
    """How much a participant wants to meet another; NOT excludes the pair."""

    MUST = "must"
    WANT = "want"
    MAYBE = "maybe"
    NOT = "not"


class MeetingStatus(StrEnum):
    CONFIRMED = "confirmed"
    CANCELLED = "cancelled"


class RunStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"

    @property
    def active(self) -> bool:
        return self in (RunStatus.QUEUED, RunStatus.RUNNING)


ACTIVE_RUN_STATUSES = (RunStatus.QUEUED.value, RunStatus.RUNNING.value)


def enum_column(enum_class: type[StrEnum]) -> Enum:
    """A portable VARCHAR + CHECK column type storing the enum's values."""
    return Enum(
        enum_class,
        native_enum=False,
        create_constraint=True,
        length=max(len(member.value) for member in enum_class),
        values_callable=lambda members: [member.value for member in members],
        name=enum_class.__name__.lower(),
        validate_strings=True,
    )
