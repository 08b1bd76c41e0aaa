"""Writes for organisers: missions, events, blocks and slots, tables, phases, participants,
imports and invitations. Callers commit; a refused change raises `SetupRefused`."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy.orm import Session

from matchmaker.auth.emails import normalise_email
from matchmaker.auth.operations import create_user
from matchmaker.auth.passwords import generate_password
from matchmaker.auth.queries import user_by_email
from matchmaker.auth.tokens import hash_token, new_token
from matchmaker.i18n import DEFAULT_LOCALE, format_date, format_day, format_time
from matchmaker.messages import preferences
from matchmaker.models import (
    Block,
    Event,
    MeetingTable,
    Mission,
    Organisation,
    Participant,
    Phase,
    Role,
    TermKind,
    TermMapping,
    TimeSlot,
    User,
)
from matchmaker.models.enums import EventMode
from matchmaker.organiser import queries
from matchmaker.organiser.importing import CheckedRow
from matchmaker.organiser.slots import generate_slots, local_to_utc
from matchmaker.schedule.operations import cancel_meetings_of

PHASE_ORDER = tuple(Phase)


class SetupRefused(Exception):
    """A change that would lose data or make no sense; the message tells the organiser why."""


def slugify(text: str) -> str:
    """A lower-case ASCII slug of `text` ("Hannover Messe 2026" -> "hannover-messe-2026");
    empty when `text` has no Latin letters or digits."""
    words = re.sub(r"[\W_]+", " ", text)
    ascii_text = unicodedata.normalize("NFKD", words).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:60].rstrip("-")


def unique_slug(session: Session, model: type[Mission] | type[Event], text: str) -> str:
    """A slug for `text` that no other mission (or event) uses yet: adds -2, -3 … if needed."""
    base = slugify(text) or ("mission" if model is Mission else "event")
    candidate, number = base, 1
    while queries.slug_taken(session, model, candidate):
        number += 1
        candidate = f"{base}-{number}"
    return candidate


@dataclass(frozen=True)
class MissionDetails:
    """What an organiser enters about a mission."""

    name: str
    partnership: str
    target_market: str
    start_date: date | None
    end_date: date | None
    description: str
    follow_up_months: tuple[int, int] = (3, 6)


def create_mission(session: Session, creator: User, details: MissionDetails) -> Mission:
    """A new mission; an organiser who creates it manages it."""
    mission = Mission(slug=unique_slug(session, Mission, details.name), name=details.name)
    update_mission(mission, details)
    if not creator.is_admin:
        mission.organisers.append(creator)
    session.add(mission)
    return mission


def update_mission(mission: Mission, details: MissionDetails) -> None:
    """Store the mission's details (its slug stays, so links keep working)."""
    mission.name = details.name
    mission.partnership = details.partnership
    mission.target_market = details.target_market
    mission.start_date = details.start_date
    mission.end_date = details.end_date
    mission.description = details.description
    mission.follow_up_months_first, mission.follow_up_months_second = details.follow_up_months


@dataclass(frozen=True)
class EventSettings:
    """An event's settings as entered; deadlines already converted to aware UTC."""

    name: str
    description: str
    venue: str
    timezone: str
    slot_minutes: int
    break_minutes: int
    default_max_meetings: int | None
    min_meetings: int
    max_meetings_per_day: int | None
    max_consecutive_meetings: int | None
    limit_must: int | None
    limit_want: int | None
    limit_maybe: int | None
    sectors: list[str]
    technologies: list[str]
    registration_deadline: datetime | None
    preferences_deadline: datetime | None
    mode: EventMode = EventMode.ON_SITE
    default_locale: str = DEFAULT_LOCALE


def create_event(
    session: Session, mission: Mission, settings: EventSettings, phase: Phase
) -> Event:
    """A new event of the mission (no blocks or tables yet)."""
    if phase == Phase.PUBLISHED:
        raise SetupRefused(_("A new event cannot start published."))
    event = Event(mission=mission, slug=unique_slug(session, Event, settings.name), phase=phase)
    _apply_settings(event, settings)
    session.add(event)
    return event


def update_event(session: Session, event: Event, settings: EventSettings) -> None:
    """Store new settings; slots follow a new zone, slot length or break (see
    `regenerate_slots`, which may refuse)."""
    timing_changed = (event.timezone, event.slot_minutes, event.break_minutes) != (
        settings.timezone,
        settings.slot_minutes,
        settings.break_minutes,
    )
    _apply_settings(event, settings)
    if timing_changed:
        regenerate_slots(session, event)


def _apply_settings(event: Event, settings: EventSettings) -> None:
    event.name = settings.name
    event.description = settings.description
    event.venue = settings.venue
    event.mode = settings.mode
    event.default_locale = settings.default_locale
    event.timezone = settings.timezone
    event.slot_minutes = settings.slot_minutes
    event.break_minutes = settings.break_minutes
    event.default_max_meetings = settings.default_max_meetings
    event.min_meetings = settings.min_meetings
    event.max_meetings_per_day = settings.max_meetings_per_day
    event.max_consecutive_meetings = settings.max_consecutive_meetings
    event.limit_must = settings.limit_must
    event.limit_want = settings.limit_want
    event.limit_maybe = settings.limit_maybe
    event.sectors = settings.sectors
    event.technologies = settings.technologies
    event.registration_deadline = settings.registration_deadline
    event.preferences_deadline = settings.preferences_deadline


@dataclass(frozen=True)
class AddedBlock:
    """A new block and what the organiser should know about it (still added)."""

    block: Block
    warnings: list[str]


def _mission_days(mission: Mission) -> str:
    first = format_date(mission.start_date) if mission.start_date else "…"
    last = format_date(mission.end_date) if mission.end_date else "…"
    days: str = _("%(first)s to %(last)s", first=first, last=last)
    return days


def add_block(
    session: Session, event: Event, day: date, start: time, end: time, name: str
) -> AddedBlock:
    """A new B2B block and its slots; refused if it falls outside the mission's days,
    overlaps another block that day or holds no slot. Warns when minutes at its end fit no
    slot or when it adds a day."""
    if end <= start:
        raise SetupRefused(_("A block must end after it starts."))
    mission = event.mission
    if (mission.start_date and day < mission.start_date) or (
        mission.end_date and day > mission.end_date
    ):
        raise SetupRefused(
            _(
                "%(day)s is outside the mission's days (%(days)s): change the mission's dates "
                "first if it moved.",
                day=format_date(day),
                days=_mission_days(mission),
            )
        )
    for other in event.blocks:
        if other.day == day and start < other.end_time and other.start_time < end:
            raise SetupRefused(
                _(
                    "It overlaps the block %(start)s–%(end)s of that day.",
                    start=format_time(datetime.combine(day, other.start_time)),
                    end=format_time(datetime.combine(day, other.end_time)),
                )
            )
    slots = generate_slots(day, start, end, event.slot_minutes, event.break_minutes, event.zone)
    if not slots:
        raise SetupRefused(
            _("It is shorter than one %(minutes)d-minute slot.", minutes=event.slot_minutes)
        )
    warnings = []
    unused = int((local_to_utc(day, end, event.zone) - slots[-1][1]).total_seconds() // 60)
    if unused:
        warnings.append(
            ngettext(
                "%(num)d minute at the end of the block is unused: no %(minutes)d-minute slot "
                "fits there.",
                "%(num)d minutes at the end of the block are unused: no %(minutes)d-minute "
                "slot fits there.",
                unused,
                minutes=event.slot_minutes,
            )
        )
    days = {block.day for block in event.blocks}
    if days and day not in days:
        warnings.append(_("This adds %(day)s to the event's days.", day=format_day(day)))
    block = Block(event=event, day=day, start_time=start, end_time=end, name=name)
    session.add(block)
    session.flush()
    regenerate_slots(session, event)
    return AddedBlock(block, warnings)


def remove_block(session: Session, event: Event, block: Block) -> None:
    """Delete a block and its slots; refused while meetings use those slots."""
    _refuse_if_meetings(session, [slot.id for slot in block.slots], in_block=True)
    event.blocks.remove(block)
    session.delete(block)
    session.flush()
    session.expire(event, ["slots"])


@dataclass(frozen=True)
class SlotChanges:
    """What a regeneration did."""

    added: int
    removed: int
    kept: int


def regenerate_slots(session: Session, event: Event) -> SlotChanges:
    """Make the event's slots those its blocks, slot length and break give now.

    Slots that stay the same keep their rows (and the meetings and unavailabilities on
    them). Refused, with nothing changed, when a meeting uses a slot that would disappear.
    """
    session.flush()
    wanted: dict[tuple[datetime, datetime], Block] = {}
    for block in event.blocks:
        for start, end in generate_slots(
            block.day,
            block.start_time,
            block.end_time,
            event.slot_minutes,
            event.break_minutes,
            event.zone,
        ):
            wanted[(start, end)] = block
    existing = {(slot.starts_at, slot.ends_at): slot for slot in event.slots}
    obsolete = [
        slot
        for key, slot in existing.items()
        if key not in wanted or wanted[key].id != slot.block_id
    ]
    _refuse_if_meetings(session, [slot.id for slot in obsolete], in_block=False)
    for slot in obsolete:
        session.delete(slot)
    session.flush()
    session.expire(event, ["slots"])
    for block in event.blocks:
        session.expire(block, ["slots"])
    kept = {key for key, slot in existing.items() if slot not in obsolete}
    added = 0
    for (start, end), block in wanted.items():
        if (start, end) not in kept:
            session.add(TimeSlot(event=event, block=block, starts_at=start, ends_at=end))
            added += 1
    session.flush()
    return SlotChanges(added=added, removed=len(obsolete), kept=len(kept))


def _refuse_if_meetings(session: Session, slot_ids: list[int], *, in_block: bool) -> None:
    """Refuse when meetings sit in the slots: those of a block, or those a change removes."""
    count = queries.meetings_in_slots(session, slot_ids)
    if count and in_block:
        raise SetupRefused(
            ngettext(
                "Refused: %(num)d meeting is scheduled in this block. Nothing was changed. "
                "Move that meeting to another slot first, or keep the current timing.",
                "Refused: %(num)d meetings are scheduled in this block. Nothing was changed. "
                "Move those meetings to other slots first, or keep the current timing.",
                count,
            )
        )
    if count:
        raise SetupRefused(
            ngettext(
                "Refused: %(num)d meeting is scheduled in the slots this change removes. "
                "Nothing was changed. Move that meeting to another slot first, or keep the "
                "current timing.",
                "Refused: %(num)d meetings are scheduled in the slots this change removes. "
                "Nothing was changed. Move those meetings to other slots first, or keep the "
                "current timing.",
                count,
            )
        )


def numbered_tables(count: int) -> list[tuple[str, str]]:
    """Names for `count` plain tables: Table 1 … Table N, no place."""
    return [(f"Table {number}", "") for number in range(1, count + 1)]


def replace_tables(session: Session, event: Event, wanted: Sequence[tuple[str, str]]) -> None:
    """Make the event's tables exactly `wanted` (name, place) in that order.

    Tables keep their rows when their name stays; refused when confirmed meetings sit at a
    table that would disappear.
    """
    names = [name for name, _place in wanted]
    if len(set(names)) != len(names):
        raise SetupRefused(_("Each table needs its own name."))
    existing = {table.name: table for table in event.tables}
    obsolete = [table for name, table in existing.items() if name not in names]
    count = queries.confirmed_meetings_at_tables(session, [table.id for table in obsolete])
    if count:
        raise SetupRefused(
            ngettext(
                "Refused: %(num)d meeting takes place at a table this change removes. "
                "Nothing was changed; move that meeting first.",
                "Refused: %(num)d meetings take place at tables this change removes. "
                "Nothing was changed; move those meetings first.",
                count,
            )
        )
    for table in obsolete:
        event.tables.remove(table)
    session.flush()
    for position, (name, place) in enumerate(wanted):
        table = existing.get(name) or MeetingTable(event=event, name=name)
        table.place = place
        table.position = position
        session.add(table)
    session.flush()


def move_phase(event: Event, *, forward: bool) -> Phase:
    """Move the event one phase forward or back; publishing belongs to the schedule pages."""
    if event.phase == Phase.PUBLISHED:
        raise SetupRefused(_("The schedule is published: unpublish it on the schedule pages."))
    index = PHASE_ORDER.index(event.phase) + (1 if forward else -1)
    if index < 0:
        raise SetupRefused(_("The event is already a draft."))
    target = PHASE_ORDER[index]
    if target == Phase.PUBLISHED:
        raise SetupRefused(_("Publish the schedule from the schedule pages."))
    event.phase = target
    if target == Phase.PREFERENCES:
        preferences.preferences_opened(event)
    return target


def create_organiser(session: Session, email: str, name: str) -> tuple[User, str]:
    """A new organiser account and its generated password (shown once, stored hashed)."""
    address = normalise_email(email)
    if user_by_email(session, address) is not None:
        raise SetupRefused(_("An account with the email %(email)s exists already.", email=address))
    password = generate_password()
    return create_user(session, address, password, name, Role.ORGANISER), password


def add_mission_organiser(mission: Mission, user: User) -> None:
    """Let `user` (an organiser) manage the mission and its events."""
    if not user.is_organiser:
        raise SetupRefused(_("%(email)s is not an organiser account.", email=user.email))
    if user not in mission.organisers:
        mission.organisers.append(user)


def remove_mission_organiser(mission: Mission, user: User) -> None:
    """Stop `user` managing the mission."""
    if user in mission.organisers:
        mission.organisers.remove(user)


def withdraw(session: Session, participant: Participant, now: datetime) -> int:
    """Withdraw the participant: kept, but out of matching; their meetings are cancelled.

    Returns how many meetings were cancelled.
    """
    participant.withdrawn_at = now
    return cancel_meetings_of(session, participant, now)


def reinstate(participant: Participant) -> None:
    """Bring a withdrawn participant back (their cancelled meetings stay cancelled)."""
    participant.withdrawn_at = None


def update_participant(
    participant: Participant,
    max_meetings: int | None,
    booth: str,
    *,
    max_meetings_per_day: int | None = None,
    min_meetings: int | None = None,
    online: bool | None = None,
) -> None:
    """Set the participant's meeting cap (None: no cap), exhibitor booth ("" : none),
    their own cap per day and guaranteed minimum (None: the event's), and whether they
    attend online (None: unchanged)."""
    if online is not None:
        participant.online = online
    participant.max_meetings = max_meetings
    participant.max_meetings_per_day = max_meetings_per_day
    participant.min_meetings = min_meetings
    participant.location = booth.strip() or None


@dataclass(frozen=True)
class ImportCounts:
    """What an import did."""

    added: int
    updated: int


def import_participants(session: Session, event: Event, rows: Sequence[CheckedRow]) -> ImportCounts:
    """Add the new people of `rows` and apply each registered person's changes.

    New people follow the event's default meeting cap (their own cap stays empty).
    Organisations are matched by name within the event (case-insensitive) or created from
    the row that names them first; a registered person's changes go to their organisation,
    or move them to another one when the row names another organisation.
    """
    if any(not row.ok for row in rows):
        raise SetupRefused(_("Only rows without problems can be imported."))
    organisations = queries.organisations_by_name(session, event)
    people = queries.participants_by_email(session, event)
    added = updated = 0
    for row in rows:
        assert row.type is not None  # a row without errors has a type
        organisation = organisations.get(row.organisation.casefold())
        if organisation is None:
            organisation = Organisation(
                name=row.organisation,
                country=row.country,
                type=row.type,
                sectors=list(row.sectors),
                technologies=list(row.technologies),
                offers=row.offers,
                requests=row.requests,
                website=row.website,
            )
            organisations[row.organisation.casefold()] = organisation
        person = people.get(row.email)
        if person is None:
            session.add(
                Participant(
                    event=event,
                    organisation=organisation,
                    first_name=row.first_name,
                    last_name=row.last_name,
                    email=row.email,
                    job_title=row.job_title,
                    phone=row.phone,
                    location=row.booth or None,
                    online=row.online == "yes",
                )
            )
            added += 1
        elif row.changes:
            _apply_row(person, organisation, row)
            updated += 1
    session.flush()
    return ImportCounts(added, updated)


def _apply_row(person: Participant, organisation: Organisation, row: CheckedRow) -> None:
    """Store a registered person's non-empty cells; empty cells leave values as they are."""
    person.organisation = organisation
    for name, value in (
        ("first_name", row.first_name),
        ("last_name", row.last_name),
        ("job_title", row.job_title),
        ("phone", row.phone),
    ):
        if value:
            setattr(person, name, value)
    if row.booth:
        person.location = row.booth
    if row.online:
        person.online = row.online == "yes"
    organisation.country = row.country
    organisation.type = row.type or organisation.type
    for name, terms in (("sectors", row.sectors), ("technologies", row.technologies)):
        if terms:
            setattr(organisation, name, list(terms))
    for name, text in (
        ("offers", row.offers),
        ("requests", row.requests),
        ("website", row.website),
    ):
        if text:
            setattr(organisation, name, text)


@dataclass(frozen=True)
class TermDecision:
    """How the organiser reads an unknown term (its key `source`, as written `spelling`):
    as `target` (a value of its list), as a new term of the event's list (`add`), or not
    at all (`target` "")."""

    kind: TermKind
    source: str
    spelling: str
    target: str
    add: bool = False


def remember_mappings(session: Session, event: Event, decisions: Sequence[TermDecision]) -> None:
    """Store the decisions for the event's mission (replacing earlier ones for the same
    terms); a new term is appended to the event's sectors or technologies first."""
    existing = {
        (mapping.kind, mapping.source): mapping
        for mapping in queries.term_mapping_rows(session, event.mission)
    }
    for decision in decisions:
        if decision.add:
            _add_term(event, decision.kind, decision.target)
        mapping = existing.get((decision.kind, decision.source))
        if mapping is None:
            mapping = TermMapping(
                mission_id=event.mission_id,
                kind=decision.kind,
                source=decision.source,
                spelling=decision.spelling[:200],
            )
            session.add(mapping)
        mapping.target = decision.target
    session.flush()


def forget_mapping(session: Session, mapping: TermMapping) -> None:
    """Forget a remembered term mapping: files are read without it again."""
    session.delete(mapping)


def _add_term(event: Event, kind: TermKind, term: str) -> None:
    if kind == TermKind.SECTOR and term not in event.sectors:
        event.sectors = [*event.sectors, term]
    elif kind == TermKind.TECHNOLOGY and term not in event.technologies:
        event.technologies = [*event.technologies, term]
    elif kind not in (TermKind.SECTOR, TermKind.TECHNOLOGY):
        raise SetupRefused(_("Only sectors and technologies can be added to the event's lists."))


def issue_invitations(
    participants: Sequence[Participant], now: datetime
) -> list[tuple[Participant, str]]:
    """A fresh invitation token per participant (replacing any older one), with the token."""
    issued: list[tuple[Participant, str]] = []
    for participant in participants:
        token = new_token()
        participant.invitation_token_hash = hash_token(token)
        participant.invited_at = now
        issued.append((participant, token))
    return issued
