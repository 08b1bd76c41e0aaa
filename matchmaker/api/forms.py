"""The account page's form to make a personal access token."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length

from matchmaker.forms import SafeForm
from matchmaker.models import TokenScope


class ApiTokenForm(SafeForm):
    """A name to recognise the token by, and what it may do."""

    name = StringField(
        _l("Name"),
        validators=[DataRequired(), Length(max=100)],
        description=_l("What uses it, e.g. “CRM sync”."),
    )
    scope = RadioField(
        _l("Access"),
        choices=[
            SelectChoice(TokenScope.READ.value, _l("Read only")),
            SelectChoice(
                TokenScope.READ_WRITE.value,
                _l("Read and change (marks, availability, imports, solves)"),
            ),
        ],
        default=TokenScope.READ.value,
        validators=[DataRequired()],
    )
