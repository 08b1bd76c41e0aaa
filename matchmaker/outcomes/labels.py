"""What people read for results, value bands and meeting states."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from matchmaker.models import Result, ValueBand
from matchmaker.outcomes.kpis import MeetingState

RESULT_LABELS = {
    Result.NONE: _l("None"),
    Result.FURTHER_TALKS: _l("Further talks"),
    Result.OFFER: _l("Offer or quotation"),
    Result.LETTER_OF_INTENT: _l("Letter of intent"),
    Result.MOU: _l("Memorandum of understanding"),
    Result.COMMERCIAL_AGREEMENT: _l("Commercial agreement"),
    Result.TECHNOLOGY_TRANSFER: _l("Technology transfer"),
    Result.JOINT_PROJECT: _l("Joint project proposal"),
    Result.OTHER: _l("Other"),
}

VALUE_BAND_LABELS = {
    ValueBand.NONE: _l("No value yet"),
    ValueBand.UNDER_10K: _l("Under €10,000"),
    ValueBand.FROM_10K: _l("€10,000 – €100,000"),
    ValueBand.FROM_100K: _l("€100,000 – €1 million"),
    ValueBand.OVER_1M: _l("Over €1 million"),
    ValueBand.UNKNOWN: _l("Cannot say"),
}

STATE_LABELS = {
    MeetingState.HELD: _l("held"),
    MeetingState.MISSED: _l("missed"),
    MeetingState.UNKNOWN: _l("not known"),
}


def result_label(result: Result | None) -> str:
    """The label of a result; empty when none was given."""
    return str(RESULT_LABELS[result]) if result is not None else ""


def value_band_label(band: ValueBand | None) -> str:
    """The label of a value band; empty when none was given."""
    return str(VALUE_BAND_LABELS[band]) if band is not None else ""


def state_label(state: MeetingState) -> str:
    """Whether a meeting was held, missed or is not known, as people read it."""
    return str(STATE_LABELS[state])
