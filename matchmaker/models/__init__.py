"""The domain model. Import models from here: `from matchmaker.models import Event`."""

from matchmaker.models.delegations import (
    Delegation,
    DelegationLead,
    DelegationLeadInvitation,
    DelegationMember,
)
from matchmaker.models.enums import (
    MeetingStatus,
    OrganisationType,
    Phase,
    PreferenceLevel,
    Role,
    RunStatus,
    TermKind,
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
from matchmaker.models.messages import (
    Message,
    MessageAttachment,
    MessageOptOut,
    MessageState,
    PasswordReset,
)
from matchmaker.models.missions import Block, Event, MeetingTable, Mission, TimeSlot
from matchmaker.models.notices import MessageOccasion, NotifiedMeeting, PendingChangeNotice
from matchmaker.models.organisations import Organisation, OrganisationMember
from matchmaker.models.outcomes import (
    FeedbackLink,
    FollowUpAnswer,
    MeetingFeedback,
    Result,
    ValueBand,
)
from matchmaker.models.participants import Participant, Preference, Unavailability
from matchmaker.models.programme import (
    Audience,
    ProgrammeDelegation,
    ProgrammeGuest,
    ProgrammeItem,
    ProgrammeKind,
    ProgrammeSignUp,
)
from matchmaker.models.terms import TermMapping
from matchmaker.models.tokens import ApiToken, TokenScope
from matchmaker.models.users import LoginAttempt, LoginSession, User

__all__ = [
    "ApiToken",
    "AttendanceMark",
    "Audience",
    "Block",
    "BoardLink",
    "ChangeKind",
    "CheckIn",
    "Delegation",
    "DelegationLead",
    "DelegationLeadInvitation",
    "DelegationMember",
    "Event",
    "FeedbackLink",
    "FollowUpAnswer",
    "LiveChange",
    "LoginAttempt",
    "LoginSession",
    "Meeting",
    "MeetingFeedback",
    "MeetingSeat",
    "MeetingStatus",
    "MeetingTable",
    "Message",
    "MessageAttachment",
    "MessageOccasion",
    "MessageOptOut",
    "MessageState",
    "Mission",
    "NotifiedMeeting",
    "Organisation",
    "OrganisationMember",
    "OrganisationType",
    "Outcome",
    "Participant",
    "PasswordReset",
    "PendingChangeNotice",
    "Phase",
    "Preference",
    "PreferenceLevel",
    "ProgrammeDelegation",
    "ProgrammeGuest",
    "ProgrammeItem",
    "ProgrammeKind",
    "ProgrammeSignUp",
    "Result",
    "Role",
    "RunStatus",
    "ScheduleRun",
    "SpotRequest",
    "SpotStatus",
    "StaffGrant",
    "StaffInvitation",
    "TermKind",
    "TermMapping",
    "TimeSlot",
    "TokenScope",
    "Unavailability",
    "User",
    "ValueBand",
    "cancel_meeting",
    "place_meeting",
    "release_seats",
    "shown_to_participants",
]
