"""Writes for a participant's own data (no commits: the view commits once)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy.orm import Session

from matchmaker.models import (
    Event,
    Meeting,
    Organisation,
    OrganisationType,
    Participant,
    Phase,
    Preference,
    PreferenceLevel,
    Unavailability,
)
from matchmaker.models.enums import EventMode
from matchmaker.participants import queries

SCHEDULED_PHASES = (Phase.SCHEDULED, Phase.PUBLISHED)


def _limit_reached(level: PreferenceLevel, limit: int) -> str:
    """Why one more mark at `level` is refused: the event allows `limit` of them."""
    if level is PreferenceLevel.MUST:
        text: str = ngettext(
            "You have already marked %(num)d person as must-meet — the limit for this event.",
            "You have already marked %(num)d people as must-meet — the limit for this event.",
            limit,
        )
    elif level is PreferenceLevel.WANT:
        text = ngettext(
            "You have already marked %(num)d person as want-to-meet — the limit for this event.",
            "You have already marked %(num)d people as want-to-meet — the limit for this event.",
            limit,
        )
    elif level is PreferenceLevel.MAYBE:
        text = ngettext(
            "You have already marked %(num)d person as maybe — the limit for this event.",
            "You have already marked %(num)d people as maybe — the limit for this event.",
            limit,
        )
    else:
        text = ngettext(
            "You have already marked %(num)d person as do-not-meet — the limit for this event.",
            "You have already marked %(num)d people as do-not-meet — the limit for this event.",
            limit,
        )
    return text


class PreferenceRefused(Exception):
    """A preference change the event's rules do not allow; the message says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def availability_locked(event: Event) -> bool:
    """Availability is frozen once the event is scheduled."""
    return event.phase in SCHEDULED_PHASES


def preferences_locked(event: Event, now: datetime) -> bool:
    """Preferences freeze at the deadline, or when the event is scheduled."""
    if event.phase in SCHEDULED_PHASES:
        return True
    return event.preferences_deadline is not None and now >= event.preferences_deadline


@dataclass(frozen=True)
class OrganisationChanges:
    """The organisation part of the profile form, already validated."""

    name: str
    country: str
    cluster: str
    type: OrganisationType
    sectors: list[str]
    technologies: list[str]
    website: str
    description: str


@dataclass(frozen=True)
class PersonChanges:
    """The person part of the profile form, already validated."""

    job_title: str
    phone: str
    email: str
    location: str | None
    max_meetings: int | None
    offers: str
    seeks: str
    online: bool | None = None  # None: not asked (the event is not hybrid)
    video_link: str | None = None
    timezone: str | None = None


def _replace_taxonomy_terms(
    current: list[str], taxonomy: list[str], chosen: list[str]
) -> list[str]:
    """Set the terms of this event's taxonomy, keeping terms chosen for other events."""
    kept = [term for term in current if term not in taxonomy]
    return kept + [term for term in taxonomy if term in chosen]


def update_profile(
    participant: Participant, organisation: OrganisationChanges | None, person: PersonChanges
) -> None:
    """Apply the profile form; organisation changes (None: the person may not make them)
    are seen by all its people, at every event."""
    if organisation is not None:
        _update_organisation(participant, organisation)
    participant.job_title = person.job_title
    participant.phone = person.phone
    participant.email = person.email
    participant.location = person.location
    participant.max_meetings = person.max_meetings
    participant.offers = person.offers
    participant.seeks = person.seeks
    if person.online is not None:
        participant.online = person.online
    if participant.event.mode != EventMode.ON_SITE:
        participant.video_link = person.video_link
        participant.timezone = person.timezone


def _update_organisation(participant: Participant, changes: OrganisationChanges) -> None:
    event = participant.event
    target: Organisation = participant.organisation
    target.name = changes.name
    target.country = changes.country
    target.cluster = changes.cluster
    target.type = changes.type
    target.sectors = _replace_taxonomy_terms(target.sectors, event.sectors, changes.sectors)
    target.technologies = _replace_taxonomy_terms(
        target.technologies, event.technologies, changes.technologies
    )
    target.website = changes.website
    target.description = changes.description


def profile_cap(participant: Participant) -> int | None:
    """The most meetings the participant may ask for: the event's default cap, or the
    higher cap the organisers gave them (a participant never saves more than the default)."""
    default = participant.event.default_max_meetings
    if default is None:
        return None
    return max(default, participant.max_meetings or 0)


def set_availability(
    session: Session,
    participant: Participant,
    slot_ids: Iterable[int],
    available: set[int],
    now: datetime,
) -> None:
    """Mark the event's slots not in `available` unavailable, the rest available.

    `slot_ids` are the event's slots: ids of other events' slots are ignored. Saving counts
    as having answered, even when nothing changed.
    """
    participant.availability_saved_at = now
    unavailable = {slot_id for slot_id in slot_ids if slot_id not in available}
    for row in list(participant.unavailabilities):
        if row.slot_id in unavailable:
            unavailable.discard(row.slot_id)
        else:
            participant.unavailabilities.remove(row)
    session.add_all(
        Unavailability(participant_id=participant.id, slot_id=slot_id)
        for slot_id in sorted(unavailable)
    )


def set_preference(
    session: Session,
    chooser: Participant,
    target: Participant,
    level: PreferenceLevel,
    note: str,
    now: datetime,
) -> Preference:
    """Mark `target` at `level`, within the event's limit for that level and before the lock."""
    event = chooser.event
    if preferences_locked(event, now):
        raise PreferenceRefused(_("Preferences are closed for this event."))
    limit = event.limit_for(level)
    if limit is not None and queries.count_marked(session, chooser, level, target.id) >= limit:
        raise PreferenceRefused(_limit_reached(level, limit))
    preference = queries.preference_between(session, chooser, target)
    if preference is None:
        preference = Preference(
            event_id=event.id, from_participant_id=chooser.id, to_participant_id=target.id
        )
        session.add(preference)
    preference.level = level
    preference.note = note
    return preference


def clear_preference(
    session: Session, chooser: Participant, target: Participant, now: datetime
) -> None:
    """Remove the chooser's mark for `target`, if any, before the lock."""
    if preferences_locked(chooser.event, now):
        raise PreferenceRefused(_("Preferences are closed for this event."))
    preference = queries.preference_between(session, chooser, target)
    if preference is not None:
        session.delete(preference)


def mark_agenda_seen(
    participant: Participant,
    meetings: Sequence[Meeting],
    published_at: datetime | None,
    now: datetime,
) -> bool:
    """Remember when the participant read an agenda showing news (for "moved" marks), and
    say whether that changed anything to save.

    Only meetings changed since the last reading are marked, so when none of `meetings` (the
    agenda's) changed since then, moving the time on would mark nothing differently: the
    page view then writes nothing.
    """
    seen = participant.agenda_seen_at or published_at
    news = any(
        meeting.changed_at is not None and (seen is None or meeting.changed_at > seen)
        for meeting in meetings
    )
    if news:
        participant.agenda_seen_at = now
    return news
