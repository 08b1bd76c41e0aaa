"""How the API shows the app's rows: plain JSON objects (the OpenAPI document's schemas)."""

from __future__ import annotations

from typing import Any

from matchmaker.models import (
    Event,
    Meeting,
    Mission,
    Participant,
    Preference,
    ScheduleRun,
    TimeSlot,
    User,
)
from matchmaker.participants.agenda import AgendaEntry
from matchmaker.participants.matching import Reason
from matchmaker.video import video_link


def _time(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def user_json(user: User) -> dict[str, Any]:
    """The token's account."""
    return {"id": user.id, "email": user.email, "name": user.name, "role": user.role.value}


def mission_json(mission: Mission) -> dict[str, Any]:
    """A mission and the slugs of its events."""
    return {
        "slug": mission.slug,
        "name": mission.name,
        "partnership": mission.partnership,
        "target_market": mission.target_market,
        "start_date": _time(mission.start_date),
        "end_date": _time(mission.end_date),
        "events": [event.slug for event in mission.events],
    }


def event_json(event: Event) -> dict[str, Any]:
    """An event as its participants and organisers see it."""
    return {
        "slug": event.slug,
        "name": event.name,
        "mission": event.mission.slug,
        "venue": event.venue,
        "timezone": event.timezone,
        "phase": event.phase.value,
        "mode": event.mode.value,
        "slot_minutes": event.slot_minutes,
        "registration_deadline": _time(event.registration_deadline),
        "preferences_deadline": _time(event.preferences_deadline),
        "published_at": _time(event.published_at),
        "sectors": list(event.sectors),
        "technologies": list(event.technologies),
    }


def person_json(participant: Participant) -> dict[str, Any]:
    """A participant as others at the event see them (no e-mail or phone)."""
    organisation = participant.organisation
    return {
        "id": participant.id,
        "first_name": participant.first_name,
        "last_name": participant.last_name,
        "job_title": participant.job_title,
        "organisation": {
            "name": organisation.name,
            "country": organisation.country,
            "cluster": organisation.cluster,
            "type": organisation.type.value,
            "sectors": list(organisation.sectors),
            "technologies": list(organisation.technologies),
            "website": organisation.website,
        },
        "offers": participant.offers or organisation.offers,
        "seeks": participant.seeks or organisation.requests,
    }


def profile_json(participant: Participant) -> dict[str, Any]:
    """A participant with their contact details (for themselves and the organisers)."""
    return {
        **person_json(participant),
        "email": participant.email,
        "phone": participant.phone,
        "location": participant.location,
        "max_meetings": participant.max_meetings,
        "online": participant.attends_online,
        "video_link": participant.video_link,
        "timezone": participant.timezone,
        "withdrawn": not participant.active,
        "availability_saved_at": _time(participant.availability_saved_at),
    }


def slot_json(slot: TimeSlot) -> dict[str, Any]:
    """A time slot in UTC."""
    return {"id": slot.id, "starts_at": _time(slot.starts_at), "ends_at": _time(slot.ends_at)}


def reasons_json(reasons: tuple[Reason, ...]) -> list[dict[str, Any]]:
    """Why two people should meet."""
    return [{"kind": reason.kind.value, "terms": list(reason.terms)} for reason in reasons]


def mark_json(preference: Preference) -> dict[str, Any]:
    """One of the participant's marks."""
    return {
        "participant_id": preference.to_participant_id,
        "level": preference.level.value,
        "note": preference.note,
        "updated_at": _time(preference.updated_at),
    }


def agenda_json(entry: AgendaEntry) -> dict[str, Any]:
    """One meeting of an agenda as its participant sees it."""
    meeting = entry.meeting
    return {
        "id": meeting.id,
        "slot": slot_json(entry.slot),
        "place": meeting.table.name if meeting.table is not None else meeting.location,
        "cancelled": entry.cancelled,
        "video_link": entry.video_link,
        "moved_from": slot_json(entry.moved_from) if entry.moved_from is not None else None,
        "partner": person_json(entry.partner),
        "reasons": reasons_json(entry.reasons),
    }


def meeting_json(meeting: Meeting) -> dict[str, Any]:
    """A meeting of the schedule, for organisers."""
    return {
        "id": meeting.id,
        "participant_a": meeting.participant_a_id,
        "participant_b": meeting.participant_b_id,
        "slot": slot_json(meeting.slot),
        "table": meeting.table.name if meeting.table is not None else None,
        "location": meeting.location,
        "video_link": video_link(meeting),
        "status": meeting.status.value,
        "locked": meeting.locked,
    }


def run_json(run: ScheduleRun) -> dict[str, Any]:
    """A solve: its state, progress and, once finished, how it stopped."""
    return {
        "id": run.id,
        "status": run.status.value,
        "active": run.status.active,
        "phase": run.phase,
        "progress": round(run.progress, 3),
        "best_weight": run.best_weight,
        "bound": run.bound,
        "elapsed_s": round(run.elapsed_s, 1),
        "time_limit_s": run.time_limit_s,
        "minimal_change": run.minimal_change,
        "stop_reason": run.stop_reason,
        "error": run.error,
        "created_at": _time(run.created_at),
        "finished_at": _time(run.finished_at),
        "applied_at": _time(run.applied_at),
        "stats": run.stats or {},
    }
