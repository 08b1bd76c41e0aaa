"""A participant's API: their events, profile, availability, catalogue, marks and agenda.

Access is the pages' own: `own_participant_or_404` (anything not yours answers 404).
"""

from __future__ import annotations

from typing import Any

from flask import Response, abort, jsonify, request
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from matchmaker.api.pages import by_cursor, by_page, page_number
from matchmaker.api.problems import ApiProblem
from matchmaker.api.shapes import (
    agenda_json,
    event_json,
    mark_json,
    person_json,
    profile_json,
    reasons_json,
    slot_json,
    user_json,
)
from matchmaker.api.views.base import (
    bp,
    conflict,
    form_data,
    json_object,
    refused_form,
)
from matchmaker.auth.access import (
    can_organise,
    event_or_404,
    own_event_and_participant_or_404,
    own_participant_or_404,
)
from matchmaker.auth.queries import participant_by_email
from matchmaker.db import get_session, utcnow
from matchmaker.models import Event, Participant, Phase, Preference, PreferenceLevel
from matchmaker.organisations.queries import is_approved_member
from matchmaker.participants import operations, queries
from matchmaker.participants.agenda import agenda_entries
from matchmaker.participants.catalogue import build_catalogue, event_catalogue
from matchmaker.participants.forms import (
    ORGANISATION_FIELDS,
    CatalogueSearchForm,
    PreferenceForm,
    ProfileForm,
    profile_form_data,
)


@bp.get("/me")
def me() -> Response:
    """The token's account."""
    return jsonify(user_json(current_user))


@bp.get("/events")
def events() -> Response:
    """The events the account takes part in (active registrations)."""
    statement = select(Participant).where(
        Participant.user_id == current_user.id, Participant.withdrawn_at.is_(None)
    )
    return by_cursor(
        statement,
        Participant.id,
        lambda participant: {**event_json(participant.event), "participant_id": participant.id},
        lambda participant: participant.id,
    )


@bp.get("/events/<slug>")
def event(slug: str) -> Response:
    """One event, for its participants and its organisers."""
    found = event_or_404(slug)
    if not can_organise(found):
        own_participant_or_404(found)
    return jsonify(event_json(found))


@bp.get("/events/<slug>/profile")
def profile(slug: str) -> Response:
    """The participant's own record at the event, with their organisation."""
    _event, participant = own_event_and_participant_or_404(slug)
    return jsonify(profile_json(participant))


LIST_FIELDS = ("sectors", "technologies")


def _profile_formdata(current: dict[str, Any], body: dict[str, Any]) -> MultiDict[str, str]:
    """The saved profile with the body's fields over it, as the profile form's data."""
    unknown = sorted(set(body) - set(current))
    if unknown:
        raise ApiProblem(
            422,
            _("Unknown fields: %(fields)s.", fields=", ".join(unknown)),
            errors={name: [_("Unknown field.")] for name in unknown},
        )
    data: MultiDict[str, str] = MultiDict()
    for name, value in {**current, **body}.items():
        if name in LIST_FIELDS:
            if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
                raise ApiProblem(
                    422,
                    _("`%(name)s` must be a list of the event's terms.", name=name),
                    errors={name: [_("Must be a list of strings.")]},
                )
            for item in value:
                data.add(name, item)
        elif isinstance(value, bool) and isinstance(current[name], bool):
            if value:  # a ticked checkbox; an unticked one sends nothing
                data[name] = "y"
        elif value is not None:
            data.update(form_data({name: value}, (name,)))
    return data


@bp.patch("/events/<slug>/profile")
def update_profile(slug: str) -> Response:
    """Change the profile with the profile page's checks; fields left out keep their
    value. The organisation's fields only for its approved members."""
    event, participant = own_event_and_participant_or_404(slug)
    session = get_session()
    body = json_object()
    edits_organisation = is_approved_member(
        session, participant.organisation_id, participant.user_id or 0
    )
    current = profile_form_data(event, participant)
    if not edits_organisation:
        refused = sorted(set(body) & set(ORGANISATION_FIELDS))
        if refused:
            raise ApiProblem(
                422,
                _("Only the organisation's approved members change its profile."),
                errors={name: [_("Not yours to change.")] for name in refused},
            )
        current = {
            name: value for name, value in current.items() if name not in ORGANISATION_FIELDS
        }
    form = ProfileForm(
        event,
        edits_organisation=edits_organisation,
        cap=operations.profile_cap(participant),
        formdata=_profile_formdata(current, body),
        meta={"csrf": False},
    )
    if not form.validate():
        raise refused_form(form)
    other = participant_by_email(session, event, form.email.data)
    if other is not None and other.id != participant.id:
        form.email.errors = [_("Another participant of this event uses this email.")]
        raise refused_form(form)
    operations.update_profile(participant, form.organisation_changes(), form.person_changes())
    session.commit()
    return jsonify(profile_json(participant))


def _availability(event: Event, participant: Participant) -> Response:
    blocks = queries.blocks_with_slots(get_session(), event)
    unavailable = queries.unavailable_slot_ids(get_session(), participant)
    slots = [
        {**slot_json(slot), "free": slot.id not in unavailable}
        for block in blocks
        for slot in block.slots
    ]
    return jsonify(
        slots=slots,
        locked=operations.availability_locked(event),
        saved_at=(
            participant.availability_saved_at.isoformat()
            if participant.availability_saved_at
            else None
        ),
    )


@bp.get("/events/<slug>/availability")
def availability(slug: str) -> Response:
    """Every slot of the event and whether the participant is free then."""
    return _availability(*own_event_and_participant_or_404(slug))


@bp.put("/events/<slug>/availability")
def set_availability(slug: str) -> Response:
    """Replace the availability: `{"free": [slot ids]}`; every other slot becomes busy."""
    event, participant = own_event_and_participant_or_404(slug)
    free = json_object().get("free")
    if not isinstance(free, list) or not all(
        isinstance(item, int) and not isinstance(item, bool) for item in free
    ):
        raise ApiProblem(
            422,
            _("`free` must be a list of slot ids."),
            errors={"free": [_("Must be a list of slot ids.")]},
        )
    if operations.availability_locked(event):
        raise conflict(_("The schedule is made: availability can no longer change."))
    session = get_session()
    slot_ids = [
        slot.id for block in queries.blocks_with_slots(session, event) for slot in block.slots
    ]
    operations.set_availability(session, participant, slot_ids, set(free), utcnow())
    session.commit()
    return _availability(event, participant)


@bp.get("/events/<slug>/catalogue")
def catalogue(slug: str) -> Response:
    """Everyone else at the event, best match first, with the page's filters
    (`q`, `country`, `sector`, `technology`, `type`, `sort`) and page numbers."""
    event, participant = own_event_and_participant_or_404(slug)
    session = get_session()
    everyone = event_catalogue(session, event)
    given, received = queries.preferences_involving(session, participant)
    search = CatalogueSearchForm(event, everyone.countries, formdata=request.args)
    if not search.validate():
        raise refused_form(search)
    found = build_catalogue(
        participant,
        everyone,
        received,
        search.filters(),
        page_number(),
    )
    people = queries.active_participants_by_id(
        session, event, [hit.participant_id for hit in found.hits]
    )
    items = [
        {
            **person_json(people[hit.participant_id]),
            "score": hit.score,
            "reasons": reasons_json(hit.reasons),
            "colleague": hit.colleague,
            "my_mark": given[hit.participant_id].level.value
            if hit.participant_id in given
            else None,
        }
        for hit in found.hits
        if hit.participant_id in people
    ]
    return by_page(items, found.page, found.pages, total=found.total)


@bp.get("/events/<slug>/marks")
def marks(slug: str) -> Response:
    """The participant's marks: whom they want to meet, and whom not."""
    _event, participant = own_event_and_participant_or_404(slug)
    statement = select(Preference).where(Preference.from_participant_id == participant.id)
    return by_cursor(statement, Preference.id, mark_json, lambda preference: preference.id)


@bp.put("/events/<slug>/marks/<int:participant_id>")
def set_mark(slug: str, participant_id: int) -> Response:
    """Mark one person: `{"level": "must" | "want" | "maybe" | "not", "note": "…"}`."""
    event, participant = own_event_and_participant_or_404(slug)
    body = json_object()
    data = form_data(body, ("level", "note"))
    data["participant_id"] = str(participant_id)
    form = PreferenceForm(formdata=data, meta={"csrf": False})
    if not form.validate() or not form.level.data:
        if not form.level.data:
            form.level.errors = [*form.level.errors, _("Choose must, want, maybe or not.")]
        raise refused_form(form)
    session = get_session()
    target = queries.other_active_participant(session, event, participant, participant_id)
    if target is None:
        abort(404)
    try:
        preference = operations.set_preference(
            session,
            participant,
            target,
            PreferenceLevel(form.level.data),
            form.note.data or "",
            utcnow(),
        )
    except operations.PreferenceRefused as refusal:
        session.rollback()
        raise conflict(refusal.message) from refusal
    session.commit()
    return jsonify(mark_json(preference))


@bp.delete("/events/<slug>/marks/<int:participant_id>")
def clear_mark(slug: str, participant_id: int) -> Response:
    """Remove the mark for one person (nothing happens when there is none)."""
    event, participant = own_event_and_participant_or_404(slug)
    session = get_session()
    target = queries.other_active_participant(session, event, participant, participant_id)
    if target is None:
        abort(404)
    try:
        operations.clear_preference(session, participant, target, utcnow())
    except operations.PreferenceRefused as refusal:
        session.rollback()
        raise conflict(refusal.message) from refusal
    session.commit()
    return Response(status=204)


@bp.get("/events/<slug>/agenda")
def agenda(slug: str) -> Response:
    """The participant's meetings once the schedule is published (before: none)."""
    event, participant = own_event_and_participant_or_404(slug)
    published = event.phase == Phase.PUBLISHED
    meetings = queries.agenda_meetings(get_session(), participant) if published else []
    return jsonify(
        published=published,
        timezone=event.timezone,
        meetings=[agenda_json(entry) for entry in agenda_entries(event, participant, meetings)],
    )
