"""A past pilot event of the Hannover mission, with its outcomes, so that the outcome
dashboards of the demo have something to show.

One morning in October 2026: the first delegate of each European organisation meets US
hosts; most meetings were held, a few partners did not come; both sides gave feedback, and
some answered the three-month survey. Drawn from a fixed seed: the same every time.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy.orm import Session

from matchmaker.models import (
    AttendanceMark,
    Block,
    Event,
    FollowUpAnswer,
    Meeting,
    MeetingFeedback,
    MeetingTable,
    Outcome,
    Participant,
    Phase,
    Result,
    TimeSlot,
    ValueBand,
    place_meeting,
)
from matchmaker.organiser.slots import generate_slots

DAY = date(2026, 10, 6)
SLUG = "hannover-pilot-2026"
TABLES = 20
RESULTS = (
    (Result.NONE, 3),
    (Result.FURTHER_TALKS, 8),
    (Result.OFFER, 3),
    (Result.LETTER_OF_INTENT, 2),
    (Result.MOU, 1),
    (Result.COMMERCIAL_AGREEMENT, 1),
    (Result.TECHNOLOGY_TRANSFER, 1),
    (Result.JOINT_PROJECT, 1),
    (Result.OTHER, 1),
)
BANDS = (ValueBand.NONE, ValueBand.UNDER_10K, ValueBand.FROM_10K, ValueBand.FROM_100K)


def add_pilot_event(
    session: Session,
    hannover: Event,
    delegates: list[Participant],
    hosts: list[Participant],
    rng: random.Random,
) -> Event:
    """The pilot event of `hannover`'s mission with meetings, attendance and feedback of
    the first `delegates` and `hosts` (flushed, not committed)."""
    event = Event(
        mission=hannover.mission,
        slug=SLUG,
        name="Pilot B2B at the Hannover Messe preview",
        description="A morning of B2B meetings that tried the format before the fair.",
        venue="Hannover, Convention Center",
        timezone=hannover.timezone,
        slot_minutes=30,
        phase=Phase.PUBLISHED,
        published_at=datetime(2026, 10, 1, 8, tzinfo=UTC),
        sectors=list(hannover.sectors),
        technologies=list(hannover.technologies),
    )
    mission = hannover.mission
    # The mission's dates cover every event's days (organisers' blocks must fall within them).
    if mission.start_date is not None and mission.start_date > DAY:
        mission.start_date = DAY
    block = Block(event=event, name="Morning", day=DAY, start_time=time(9), end_time=time(12))
    for starts_at, ends_at in generate_slots(DAY, time(9), time(12), 30, 0, event.zone):
        TimeSlot(event=event, block=block, starts_at=starts_at, ends_at=ends_at)
    for index in range(TABLES):
        MeetingTable(event=event, name=f"Table {index + 1}", position=index)
    people = [_copy(event, p, rng) for p in delegates + hosts]
    session.add(event)
    session.flush()
    europeans, americans = people[: len(delegates)], people[len(delegates) :]
    for meeting in _schedule(session, event, europeans, americans):
        _outcome(session, meeting, rng)
    session.flush()
    return event


def _copy(event: Event, person: Participant, rng: random.Random) -> Participant:
    registered = datetime(2026, 8, 24, 9, tzinfo=UTC) + timedelta(days=rng.randrange(35))
    return Participant(
        event=event,
        user=person.user,
        organisation=person.organisation,
        first_name=person.first_name,
        last_name=person.last_name,
        email=person.email,
        phone=person.phone,
        job_title=person.job_title,
        offers=person.offers,
        seeks=person.seeks,
        created_at=registered,
    )


def _schedule(
    session: Session, event: Event, europeans: list[Participant], americans: list[Participant]
) -> list[Meeting]:
    """Each European meets a different US host in each slot, while tables last."""
    meetings = []
    for slot_index, slot in enumerate(event.slots):
        used: set[int] = set()
        for index, european in enumerate(europeans[:TABLES]):
            american = americans[(index + slot_index) % len(americans)]
            if american.id in used:
                continue
            used.add(american.id)
            low, high = sorted((european.id, american.id))
            meeting = Meeting(event_id=event.id, participant_a_id=low, participant_b_id=high)
            place_meeting(
                session, meeting, slot_id=slot.id, table_id=event.tables[len(used) - 1].id
            )
            meetings.append(meeting)
    return meetings


def _outcome(session: Session, meeting: Meeting, rng: random.Random) -> None:
    sides = (meeting.participant_a_id, meeting.participant_b_id)
    if rng.random() < 0.1:
        session.add(
            AttendanceMark(
                meeting_id=meeting.id,
                outcome=Outcome.ABSENT,
                absent_participant_id=rng.choice(sides),
            )
        )
        return
    if rng.random() < 0.7:
        session.add(AttendanceMark(meeting_id=meeting.id, outcome=Outcome.HELD))
    results, weights = zip(*RESULTS, strict=True)
    for side in sides:
        if rng.random() < 0.25:
            continue
        result = rng.choices(results, weights)[0]
        session.add(
            MeetingFeedback(
                meeting_id=meeting.id,
                participant_id=side,
                held=True,
                rating=rng.choice((3, 4, 4, 5, 5)),
                result=result,
            )
        )
        if result not in (Result.NONE, Result.FURTHER_TALKS) and rng.random() < 0.6:
            session.add(
                FollowUpAnswer(
                    meeting_id=meeting.id,
                    participant_id=side,
                    wave=3,
                    result=result,
                    value_band=rng.choice(BANDS),
                )
            )
