"""The domain model. Import models from here: `from matchmaker.models import Event`."""

from matchmaker.models.enums import (
    MeetingStatus,
    OrganisationType,
    Phase,
    PreferenceLevel,
    Role,
    RunStatus,
)
from matchmaker.models.live import (
    AttendanceMark,
    BoardLink,
    ChangeKind,
    CheckIn,
    LiveChange,
    Outcome,
    SpotRequest,
    SpotStatus,
    StaffGrant,
    StaffInvitation,
)
from matchmaker.models.meetings import (
    Meeting,
    MeetingSeat,
    ScheduleRun,
    cancel_meeting,
    place_meeting,
    release_seats,
    shown_to_participants,
)
from matchmaker.models.missions import Block, Event, MeetingTable, Mission, TimeSlot
from matchmaker.models.organisations import Organisation
from matchmaker.models.participants import Participant, Preference, Unavailability
from matchmaker.models.users import LoginAttempt, User

__all__ = [
    "AttendanceMark",
    "Block",
    "BoardLink",
    "ChangeKind",
    "CheckIn",
    "Event",
    "LiveChange",
    "LoginAttempt",
    "Meeting",
    "MeetingSeat",
    "MeetingStatus",
    "MeetingTable",
    "Mission",
    "Organisation",
    "OrganisationType",
    "Outcome",
    "Participant",
    "Phase",
    "Preference",
    "PreferenceLevel",
    "Role",
    "RunStatus",
    "ScheduleRun",
    "SpotRequest",
    "SpotStatus",
    "StaffGrant",
    "StaffInvitation",
    "TimeSlot",
    "Unavailability",
    "User",
    "cancel_meeting",
    "place_meeting",
    "release_seats",
    "shown_to_participants",
]
