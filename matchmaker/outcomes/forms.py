"""Forms of feedback and follow-up surveys. Every state change carries a CSRF token."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectChoice, SelectField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from matchmaker.models import MeetingFeedback, Result, ValueBand
from matchmaker.outcomes.labels import RESULT_LABELS, VALUE_BAND_LABELS

HELD_CHOICES = [
    SelectChoice("", _l("Not said")),
    SelectChoice("yes", _l("Yes")),
    SelectChoice("no", _l("No")),
]
RATING_CHOICES = [SelectChoice("", _l("No rating"))] + [
    SelectChoice(str(n), f"{n} / 5") for n in range(5, 0, -1)
]


class FeedbackForm(FlaskForm):  # type: ignore[misc]
    """One side's feedback on a meeting."""

    held = SelectField(_l("Did the meeting take place?"), choices=HELD_CHOICES)
    rating = SelectField(_l("How useful was it?"), choices=RATING_CHOICES)
    result = SelectField(
        _l("What came of it?"),
        choices=[SelectChoice("", _l("Not said yet"))]
        + [SelectChoice(r.value, RESULT_LABELS[r]) for r in Result],
    )
    note = TextAreaField(
        _l("Private note for the organisers"), validators=[Optional(), Length(max=2000)]
    )

    @classmethod
    def of(cls, row: MeetingFeedback | None, held: bool | None, **kwargs: Any) -> FeedbackForm:
        """The form filled with `row`, or with `held` from the event day when none."""
        if row is not None:
            held = row.held
        data = {
            "held": "" if held is None else ("yes" if held else "no"),
            "rating": str(row.rating) if row is not None and row.rating else "",
            "result": row.result.value if row is not None and row.result else "",
            "note": row.note if row is not None else "",
        }
        return cls(data=data, **kwargs)

    @property
    def held_value(self) -> bool | None:
        return {"yes": True, "no": False}.get(self.held.data or "")

    @property
    def rating_value(self) -> int | None:
        return int(self.rating.data) if self.rating.data else None

    @property
    def result_value(self) -> Result | None:
        return Result(self.result.data) if self.result.data else None


class FollowUpForm(FlaskForm):  # type: ignore[misc]
    """One side's survey answer on a meeting: what came of it and its value band."""

    result = SelectField(
        _l("What came of it so far?"),
        choices=[SelectChoice(r.value, RESULT_LABELS[r]) for r in Result],
        validators=[DataRequired()],
    )
    value_band = SelectField(
        _l("Value"),
        choices=[SelectChoice(b.value, VALUE_BAND_LABELS[b]) for b in ValueBand],
        validators=[DataRequired()],
    )
    note = TextAreaField(_l("Anything to add"), validators=[Optional(), Length(max=2000)])

    @property
    def result_value(self) -> Result:
        return Result(self.result.data)

    @property
    def value_band_value(self) -> ValueBand:
        return ValueBand(self.value_band.data)
