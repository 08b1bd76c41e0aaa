"""Forms of the schedule area (choices that depend on the event are set by the views)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from wtforms import BooleanField, HiddenField, SelectField
from wtforms.validators import AnyOf, DataRequired, InputRequired, Optional

from matchmaker.forms import SafeForm

TIME_LIMITS_S = (10, 30, 60, 120, 300, 600)


def time_limit_label(seconds: int) -> str:
    """ "30 seconds", "2 minutes"."""
    if seconds >= 120:
        return str(ngettext("%(num)d minute", "%(num)d minutes", seconds // 60))
    return str(ngettext("%(num)d second", "%(num)d seconds", seconds))


def time_limit_choices(configured: int) -> list[tuple[int, str]]:
    """The offered time limits, with the configured default among them."""
    return [(s, time_limit_label(s)) for s in sorted({*TIME_LIMITS_S, configured})]


class SolveForm(SafeForm):
    """Start a solve."""

    time_limit = SelectField(
        _l("Time limit"),
        coerce=int,
        validators=[InputRequired()],
        description=_l("The solver stops at this limit with the best schedule found."),
    )
    minimal_change = BooleanField(
        _l("Keep today's meetings where possible (minimal change)"),
        description=_l("Use after late registrations or withdrawals: few meetings move."),
    )


class ActionForm(SafeForm):
    """A button that changes something (cancel, apply, publish …): only the CSRF token."""


class PublishForm(SafeForm):
    """Publish the agendas; `confirmed` answers the question asked while registration is
    still open."""

    confirmed = HiddenField(validators=[Optional(), AnyOf(["1"])])


class LockForm(SafeForm):
    """Lock or unlock a meeting."""

    locked = HiddenField(validators=[AnyOf(["0", "1"])])


OVERRIDE_LABEL = _l("Over the limit: place it even beyond a cap or limit (the meeting is locked)")
OVERRIDE_HELP = _l(
    "Only caps and limits can be overridden; clashes, availability and colleagues never."
)


class MoveForm(SafeForm):
    """Move a meeting to another slot and place."""

    slot = SelectField(_l("Time"), coerce=int, validators=[InputRequired()])
    place = SelectField(_l("Place"), validators=[DataRequired()])
    override = BooleanField(OVERRIDE_LABEL, description=OVERRIDE_HELP)


class SwapForm(SafeForm):
    """Swap the times of two meetings."""

    other = SelectField(_l("Swap times with"), coerce=int, validators=[InputRequired()])


class AddMeetingForm(SafeForm):
    """Add a meeting by hand."""

    first = SelectField(_l("First participant"), coerce=int, validators=[InputRequired()])
    second = SelectField(_l("Second participant"), coerce=int, validators=[InputRequired()])
    slot = SelectField(_l("Time"), coerce=int, validators=[InputRequired()])
    place = SelectField(_l("Place"), validators=[DataRequired()])
    override = BooleanField(OVERRIDE_LABEL, description=OVERRIDE_HELP)
