"""A participant's own pages within an event: profile, availability, catalogue,
preferences and agenda. Everything of another event or another person answers 404."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from flask import (
    Blueprint,
    abort,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy.orm import Session
from werkzeug.wrappers import Response

from matchmaker.auth.access import login_required, own_event_and_participant_or_404
from matchmaker.auth.forms import ConfirmForm
from matchmaker.auth.queries import participant_by_email
from matchmaker.auth.redirects import safe_next
from matchmaker.commits import commit_or_refuse
from matchmaker.db import get_session, utcnow
from matchmaker.live.attendance import agenda_day_notes
from matchmaker.live.clock import now
from matchmaker.models import (
    Participant,
    Phase,
    Preference,
    PreferenceLevel,
)
from matchmaker.organisations.queries import is_approved_member, pending_for_organisation
from matchmaker.participants import operations, queries
from matchmaker.participants.availability import chosen_free_slots, days_of
from matchmaker.participants.catalogue import (
    SORT_ORDERS,
    build_catalogue,
    cards,
    event_catalogue,
)
from matchmaker.participants.forms import (
    AvailabilityForm,
    CatalogueSearchForm,
    PreferenceForm,
    ProfileForm,
    level_labels,
    profile_form_data,
)
from matchmaker.programme.itinerary import build_itinerary

bp = Blueprint("participants", __name__, url_prefix="/events", cli_group=None)

WISH_LEVELS = (PreferenceLevel.MUST, PreferenceLevel.WANT, PreferenceLevel.MAYBE)
ANSWER_LEVELS = (PreferenceLevel.WANT, PreferenceLevel.MAYBE, PreferenceLevel.NOT)


@bp.route("/<slug>/profile", methods=["GET", "POST"])
@login_required
def profile(slug: str) -> Response | str:
    """The organisation's profile (shared by its people) and the person's details."""
    event, me = own_event_and_participant_or_404(slug)
    session = get_session()
    organisation = me.organisation
    edits_organisation = is_approved_member(session, organisation.id, me.user_id or 0)
    form = ProfileForm(
        event,
        edits_organisation=edits_organisation,
        cap=operations.profile_cap(me),
        data=profile_form_data(event, me),
    )
    if form.validate_on_submit():
        other = participant_by_email(session, event, form.email.data)
        if other is not None and other.id != me.id:
            form.email.errors.append(_("Another participant of this event uses this email."))
        else:
            operations.update_profile(me, form.organisation_changes(), form.person_changes())
            session.commit()
            flash(_("Your profile is saved."), "success")
            return redirect(url_for(".profile", slug=slug))
    colleagues = [
        person for person in organisation.participants if person.id != me.id and person.active
    ]
    return render_template(
        "participants/profile.html",
        event=event,
        me=me,
        form=form,
        colleagues=colleagues,
        join_requests=(
            pending_for_organisation(session, event, organisation.id) if edits_organisation else []
        ),
        settle_form=ConfirmForm(),
    )


@bp.route("/<slug>/availability", methods=["GET", "POST"])
@login_required
def availability(slug: str) -> Response | str:
    """Days × slots in the event's zone; free by default; whole blocks at once."""
    event, me = own_event_and_participant_or_404(slug)
    session = get_session()
    blocks = queries.blocks_with_slots(session, event)
    locked = operations.availability_locked(event)
    form = AvailabilityForm()
    if form.validate_on_submit():
        if locked:
            flash(_("The schedule is made: availability can no longer change."), "error")
            return redirect(url_for(".availability", slug=slug))
        available = chosen_free_slots(
            blocks, request.form.getlist("available"), request.form.get("block_action", "")
        )
        slot_ids = [slot.id for block in blocks for slot in block.slots]
        operations.set_availability(session, me, slot_ids, available, utcnow())
        session.commit()
        free = sum(1 for slot_id in slot_ids if slot_id in available)
        flash(
            ngettext(
                "Availability saved: free in %(free)d of %(num)d slot.",
                "Availability saved: free in %(free)d of %(num)d slots.",
                len(slot_ids),
                free=free,
            ),
            "success",
        )
        return redirect(url_for(".availability", slug=slug))
    days = days_of(blocks)
    event_slot_ids = {slot.id for block in blocks for slot in block.slots}
    unavailable = queries.unavailable_slot_ids(session, me) & event_slot_ids
    return render_template(
        "participants/availability.html",
        event=event,
        me=me,
        form=form,
        days=days,
        unavailable=unavailable,
        free_count=len(event_slot_ids) - len(unavailable),
        slot_count=len(event_slot_ids),
        locked=locked,
    )


def _marked(given: dict[int, Preference]) -> Counter[PreferenceLevel]:
    """How many people I marked at each level."""
    return Counter(preference.level for preference in given.values())


@bp.route("/<slug>/catalogue")
@login_required
def catalogue(slug: str) -> str:
    """Everyone else at the event, most relevant first, searchable and filterable."""
    event, me = own_event_and_participant_or_404(slug)
    session = get_session()
    everyone = event_catalogue(session, event)
    given, received = queries.preferences_involving(session, me)
    search = CatalogueSearchForm(event, everyone.countries, formdata=request.args)
    page_number = request.args.get("page", "1")

    def page_url(page: int) -> str:
        arguments: dict[str, Any] = {**request.args.to_dict(), "page": str(page)}
        return url_for(".catalogue", slug=slug, **arguments)

    catalogue_page = build_catalogue(
        me,
        everyone,
        received,
        search.filters(),
        int(page_number) if page_number.isdigit() else 1,
    )
    return render_template(
        "participants/catalogue.html",
        event=event,
        me=me,
        search=search,
        catalogue=catalogue_page,
        cards=cards(session, event, everyone, catalogue_page.hits, given),
        sort_orders=SORT_ORDERS,
        locked=operations.preferences_locked(event, utcnow()),
        levels=list(PreferenceLevel),
        level_labels=level_labels(),
        this_page=request.full_path.rstrip("?"),
        page_url=page_url,
        marked=_marked(given),
        wish_levels=WISH_LEVELS,
    )


def _back_to(slug: str, target: str | None, participant_id: int | str | None = None) -> str:
    """Where to return after a mark: the catalogue or preferences page it came from, at the
    person's card (without the card when the message shown at the top matters more)."""
    own_pages = (url_for(".catalogue", slug=slug), url_for(".preferences", slug=slug))
    path = safe_next(target)
    if path is None or not path.startswith(own_pages):
        path = url_for(".catalogue", slug=slug)
    return path if participant_id is None else f"{path}#person-{participant_id}"


def _mark_answer(
    me: Participant, message: str, back: str, level: str | None = None, status: int = 200
) -> Response:
    """JSON for the catalogue's script (Accept: application/json), else flash and redirect."""
    wanted = request.accept_mimetypes.best_match(["text/html", "application/json"])
    if wanted == "application/json":
        counts = _marked(queries.preferences_involving(get_session(), me)[0])
        answer = jsonify(
            ok=status == 200,
            message=message,
            level=level,
            counts={wish.value: counts[wish] for wish in WISH_LEVELS},
        )
        answer.status_code = status
        return answer
    flash(message, "success" if status == 200 else "error")
    return redirect(back)


def _marked_message(name: str, level: PreferenceLevel | None) -> str:
    """What a mark did, for the message shown after it: "Ada Lovelace: must meet."."""
    if level is PreferenceLevel.MUST:
        message: str = _("%(name)s: must meet.", name=name)
    elif level is PreferenceLevel.WANT:
        message = _("%(name)s: want to meet.", name=name)
    elif level is PreferenceLevel.MAYBE:
        message = _("%(name)s: maybe.", name=name)
    elif level is PreferenceLevel.NOT:
        message = _("%(name)s: not interested.", name=name)
    else:
        message = _("%(name)s: mark removed.", name=name)
    return message


@bp.route("/<slug>/preferences/mark", methods=["POST"])
@login_required
def mark(slug: str) -> Response:
    """Set, change or clear the current participant's mark for one person."""
    event, me = own_event_and_participant_or_404(slug)
    session = get_session()
    form = PreferenceForm()
    if not form.validate_on_submit():
        if form.participant_id.errors:
            abort(404)
        if form.level.errors:
            problem = _("Choose must meet, want to meet, maybe or not interested.")
        else:
            problem = " ".join(
                _("%(field)s: %(errors)s", field=field.label.text, errors=" ".join(field.errors))
                for field in form
                if field.errors
            )
        return _mark_answer(me, problem, _back_to(slug, form.next.data), status=400)
    target = queries.other_active_participant(session, event, me, int(form.participant_id.data))
    if target is None:
        abort(404)
    level = PreferenceLevel(form.level.data) if form.level.data else None

    def change() -> None:
        if level is None:
            operations.clear_preference(session, me, target, utcnow())
        else:
            operations.set_preference(session, me, target, level, form.note.data or "", utcnow())

    refusal = commit_or_refuse(change, operations.PreferenceRefused).refusal
    if refusal is not None:
        return _mark_answer(me, refusal, _back_to(slug, form.next.data), status=409)
    return _mark_answer(
        me,
        _marked_message(target.full_name, level),
        _back_to(slug, form.next.data, target.id),
        level.value if level else None,
    )


@dataclass(frozen=True)
class Mark:
    """A person on the preferences page with the viewer's and their mark."""

    person: Participant
    mine: Preference | None
    theirs: Preference | None


@bp.route("/<slug>/preferences")
@login_required
def preferences(slug: str) -> str:
    """My marks by level, and who wants to meet me and awaits my answer."""
    event, me = own_event_and_participant_or_404(slug)
    session = get_session()
    marks = queries.marks_with_people(session, me)
    given, received, people = marks.given, marks.received, marks.people
    by_level: dict[PreferenceLevel, list[Mark]] = {level: [] for level in PreferenceLevel}
    for target_id, preference in given.items():
        if target_id in people:
            mark_row = Mark(people[target_id], preference, received.get(target_id))
            by_level[preference.level].append(mark_row)
    waiting = [
        Mark(people[chooser_id], None, preference)
        for chooser_id, preference in received.items()
        if chooser_id in people and chooser_id not in given
    ]
    waiting.sort(key=lambda row: (row.person.last_name, row.person.first_name))
    return render_template(
        "participants/preferences.html",
        event=event,
        me=me,
        by_level=by_level,
        waiting=waiting,
        answer_levels=ANSWER_LEVELS,
        levels=list(PreferenceLevel),
        level_labels=level_labels(),
        locked=operations.preferences_locked(event, utcnow()),
        this_page=url_for(".preferences", slug=slug),
    )


def _has_wishes(session: Session, me: Participant) -> bool:
    """Whether anyone wants a meeting with `me`, or `me` with anyone (a mark above "not")."""
    given, received = queries.preferences_involving(session, me)
    return bool(received) or any(mark.level is not PreferenceLevel.NOT for mark in given.values())


@bp.route("/<slug>/agenda")
@login_required
def agenda(slug: str) -> str:
    """My meetings once the schedule is published; `?print=1` for a paper version."""
    event, me = own_event_and_participant_or_404(slug)
    printable = request.args.get("print") == "1"
    session = get_session()
    itinerary = build_itinerary(session, me)
    published = event.phase == Phase.PUBLISHED
    if not published and not itinerary.days and not itinerary.open_to_sign_up:
        return render_template("participants/agenda_pending.html", event=event, me=me)
    meetings = [
        row.meeting
        for row in itinerary.entries
        if row.meeting is not None and row.meeting.meeting.event_id == event.id
    ]
    if (
        not printable
        and published
        and operations.mark_agenda_seen(
            me, [entry.meeting for entry in meetings], event.published_at, utcnow()
        )
    ):
        session.commit()
    template = "participants/agenda_print.html" if printable else "participants/agenda.html"
    confirmed_meetings = [entry.meeting for entry in meetings if not entry.cancelled]
    return render_template(
        template,
        event=event,
        me=me,
        published=published,
        itinerary=itinerary,
        days=itinerary.days,
        wishes=bool(meetings) or _has_wishes(session, me),
        confirmed=sum(
            1 for row in itinerary.entries if row.meeting is not None and not row.cancelled
        ),
        day_notes=None if printable else agenda_day_notes(session, confirmed_meetings, now()),
    )
