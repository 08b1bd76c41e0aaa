"""The outcomes fixture: the live event of `tests.web.live.live_helpers` with countries,
delegations and types, attendance marks, feedback and one survey wave answered.

- Ana (PT, TICE.PT, cluster organisation) – Ben (US, large company) at 09:00: Ana marked
  absent on the day -> missed.
- Ana – Cleo (PT, TICE.PT) at 09:30: no mark; Cleo says held, 4/5, letter of intent; Ana
  answered the 3-month survey: no result, no value -> held.
- Dan (ES, Basquegame) – Eva (US, investor) at 10:00: marked held; Dan says "not held"
  (the mark wins), 5/5, commercial agreement; Eva 3/5, further talks, and in the survey a
  joint project proposal worth 100k-1M -> held.
- Ben – Finn (DE) at 10:30: no mark; Ben says not held, Finn says nothing -> missed.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from matchmaker.models import (
    AttendanceMark,
    FollowUpAnswer,
    MeetingFeedback,
    OrganisationType,
    Outcome,
    Result,
    ValueBand,
)
from tests.builders import Builder
from tests.web.live.live_helpers import LiveEvent, build_live_event

PROFILES = {
    "Ana": ("PT", "TICE.PT", OrganisationType.CLUSTER, ["ICT"]),
    "Ben": ("US", "", OrganisationType.LARGE_COMPANY, ["ICT", "Mobility"]),
    "Cleo": ("PT", "TICE.PT", OrganisationType.SME, ["ICT"]),
    "Dan": ("ES", "Basquegame", OrganisationType.SME, []),
    "Eva": ("US", "", OrganisationType.INVESTOR, []),
    "Finn": ("DE", "", OrganisationType.SME, ["Mobility"]),
}


def build_outcome_event(build: Builder, session: Session) -> LiveEvent:
    """The event of the module docstring."""
    live = build_live_event(build, session)
    for name, (country, cluster, kind, sectors) in PROFILES.items():
        organisation = live.person(name).organisation
        organisation.country, organisation.cluster = country, cluster
        organisation.type, organisation.sectors = kind, sectors
    m = live.meetings
    p = live.person
    session.add_all(
        [
            AttendanceMark(
                meeting_id=m["ana-ben"].id,
                outcome=Outcome.ABSENT,
                absent_participant_id=p("Ana").id,
            ),
            AttendanceMark(meeting_id=m["dan-eva"].id, outcome=Outcome.HELD),
            MeetingFeedback(
                meeting_id=m["ana-cleo"].id,
                participant_id=p("Cleo").id,
                held=True,
                rating=4,
                result=Result.LETTER_OF_INTENT,
            ),
            MeetingFeedback(
                meeting_id=m["dan-eva"].id,
                participant_id=p("Dan").id,
                held=False,
                rating=5,
                result=Result.COMMERCIAL_AGREEMENT,
                note="Signed on the spot",
            ),
            MeetingFeedback(
                meeting_id=m["dan-eva"].id,
                participant_id=p("Eva").id,
                held=True,
                rating=3,
                result=Result.FURTHER_TALKS,
            ),
            MeetingFeedback(meeting_id=m["ben-finn"].id, participant_id=p("Ben").id, held=False),
            FollowUpAnswer(
                meeting_id=m["ana-cleo"].id,
                participant_id=p("Ana").id,
                wave=3,
                result=Result.NONE,
                value_band=ValueBand.NONE,
            ),
            FollowUpAnswer(
                meeting_id=m["dan-eva"].id,
                participant_id=p("Eva").id,
                wave=3,
                result=Result.JOINT_PROJECT,
                value_band=ValueBand.FROM_100K,
            ),
        ]
    )
    session.commit()
    return live
