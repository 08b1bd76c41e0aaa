"""The form and UI macros render every field type accessibly."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from flask import Flask, render_template_string
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    FileField,
    HiddenField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
    widgets,
)
from wtforms.validators import DataRequired

from matchmaker.models import Phase


class CheckboxListField(SelectMultipleField):  # type: ignore[misc]
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class SampleForm(FlaskForm):  # type: ignore[misc]
    name = StringField("Name", [DataRequired()], description="As on your badge")
    agree = BooleanField("I agree", description="You can change this later")
    level = RadioField(
        "Level", choices=[SelectChoice("must", "Must"), SelectChoice("want", "Want")]
    )
    country = SelectField(
        "Country", choices=[SelectChoice("DE", "Germany"), SelectChoice("FR", "France")]
    )
    sectors = CheckboxListField(
        "Sectors", choices=[SelectChoice("ict", "ICT"), SelectChoice("space", "Space")]
    )
    technologies = SelectMultipleField("Technologies", choices=[SelectChoice("iot", "IoT")])
    about = TextAreaField("About")
    upload = FileField("CSV file")
    token = HiddenField()
    send = SubmitField("Send")


FORM_TEMPLATE = """
{%- from "macros/forms.html" import field, form_errors, submit -%}
{{ form_errors(form) }}
{% for f in form %}{{ field(f, inline=true) }}{% endfor %}
{{ field(form.name, label="Your name", help="Custom help", optional=true, class_="input-short") }}
{{ submit("Save", name="action", value="save") }}
"""


def _render_form(app: Flask, data: dict[str, str] | None = None) -> str:
    with app.test_request_context("/", method="POST" if data is not None else "GET", data=data):
        form = SampleForm()
        if data is not None:
            form.validate()
        return render_template_string(FORM_TEMPLATE, form=form)


def test_fields_have_labels_help_and_no_error_state_when_valid(app: Flask) -> None:
    html = _render_form(app)

    assert '<label class="field__label" for="name">Name</label>' in html
    assert '<p class="field__help" id="name-help">As on your badge</p>' in html
    assert 'aria-describedby="name-help"' in html
    assert "aria-invalid" not in html
    assert "Please check the form" not in html
    # checkbox: the box first, then its label
    assert html.index('id="agree"') < html.index('for="agree"')
    assert '<div class="field field--check' in html
    # option lists are fieldsets with a legend, one label per option
    assert "<legend>Level</legend>" in html
    assert (
        '<label for="level-0"><input id="level-0" name="level" type="radio" value="must">' in html
    )
    assert "<legend>Sectors</legend>" in html
    assert 'type="checkbox" value="space"> <span>Space</span>' in html
    assert '<ul class="options options--inline">' in html
    assert '<select id="country" name="country">' in html
    assert '<select id="technologies" multiple name="technologies">' in html
    assert '<textarea id="about" name="about">' in html
    assert '<input id="upload" name="upload" type="file">' in html
    assert '<input id="token" name="token" type="hidden" value="">' in html
    assert (
        '<button type="submit" name="send" value="Send" class="btn btn--primary">Send</button>'
        in html
    )
    assert (
        '<label class="field__label" for="name">Your name '
        '<span class="field__optional">optional</span></label>' in html
    )
    assert 'class="input-short"' in html
    assert 'aria-describedby="name-help"' in html
    assert '<p class="field__help" id="name-help">Custom help</p>' in html
    assert (
        '<button type="submit" class="btn btn--primary" name="action" value="save">Save</button>'
        in html
    )


def test_invalid_fields_are_flagged_and_listed(app: Flask) -> None:
    html = _render_form(app, {"name": "", "level": "nope", "country": "DE"})

    assert '<div class="field field--invalid' in html
    assert 'aria-describedby="name-help name-errors"' in html
    assert 'aria-invalid="true"' in html
    assert (
        '<ul class="field__errors" id="name-errors"><li>This field is required.</li></ul>' in html
    )
    assert '<fieldset class="field field--invalid' in html
    assert 'aria-describedby="level-errors"' in html
    assert '<div class="alert alert--error" role="alert">' in html
    assert '<a href="#name">Name</a>: This field is required.' in html
    assert '<a href="#level">Level</a>: Not a valid choice.' in html
    assert 'href="#country"' not in html


def test_ui_macros(app: Flask) -> None:
    template = """
    {%- from "macros/ui.html" import badge, phase_badge, empty_state, local_time, time_range,
        date_range, tags -%}
    {{ badge("Locked", "locked") }}
    {{ phase_badge(phase) }}|{{ phase_badge(phase, registration_closed=true) }}
    {{ local_time(moment, zone) }}|{{ local_time(moment, zone, "datetime") }}
    {{- "|" }}{{ local_time(moment, zone, "date") }}
    {{ time_range(moment, later, zone) }}
    {{ date_range(d1) }}|{{ date_range(d1, d2) }}|{{ date_range(d1, d3) }}
    {{- "|" }}{{ date_range(d1, d4) }}|{{ date_range(none) }}
    {{ tags(["IoT", "<AI>"], "Technologies") }}
    {% call empty_state("No meetings yet") %}<a href="/x">Add one</a>{% endcall %}
    """
    with app.test_request_context("/"):
        html = render_template_string(
            template,
            phase=Phase.REGISTRATION,
            moment=datetime(2026, 4, 20, 7, 30, tzinfo=UTC),
            later=datetime(2026, 4, 20, 8, 0, tzinfo=UTC),
            zone=ZoneInfo("Europe/Berlin"),
            d1=date(2026, 5, 30),
            d2=date(2026, 5, 31),
            d3=date(2026, 6, 3),
            d4=date(2027, 1, 2),
        )

    assert '<span class="badge badge--locked">Locked</span>' in html
    assert (
        '<span class="badge badge--registration">Registration open</span>|'
        '<span class="badge badge--neutral">Registration closed</span>'
    ) in html
    assert (
        '<time datetime="2026-04-20T07:30:00+00:00" data-zone="Europe/Berlin" data-format="time"'
        ' title="Europe/Berlin">09:30 Berlin time, UTC+2</time>'
    ) in html
    assert ">Mon 20 Apr 2026, 09:30 Berlin time, UTC+2</time>" in html
    assert ">Mon 20 Apr 2026</time>" in html
    assert 'data-end="2026-04-20T08:00:00+00:00"' in html
    assert ">09:30–10:00 Berlin time, UTC+2</time>" in html
    assert (
        "30 May 2026|30–31 May 2026|30 May – 3 Jun 2026|30 May 2026 – 2 Jan 2027|"
        "Dates to be announced"
    ) in html
    assert '<ul class="tag-list" aria-label="Technologies">' in html
    assert '<li class="tag">&lt;AI&gt;</li>' in html
    assert '<p class="empty-state__title">No meetings yet</p><a href="/x">Add one</a>' in html
