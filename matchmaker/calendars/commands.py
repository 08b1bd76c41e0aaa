"""`flask --app matchmaker export-ics SLUG DIR`: calendar files for mailing or printing."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext
from flask_babel import force_locale, ngettext
from flask_babel import gettext as _

from matchmaker.auth.queries import event_by_slug
from matchmaker.calendars.calendars import event_calendar, owner_locale, participant_calendar
from matchmaker.calendars.queries import event_participants
from matchmaker.db import get_session
from matchmaker.i18n import DEFAULT_LOCALE, recipient_locale
from matchmaker.organiser.operations import slugify


@click.command("export-ics")
@click.argument("slug")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@with_appcontext
def export_ics(slug: str, directory: Path) -> None:
    """Write one .ics per participant plus the whole event's into DIRECTORY.

    Files show the schedule as it stands, published or not. Each participant's speaks their
    language, the whole event's the event's default.
    """
    # No request, so no language of its own: the command speaks the default one.
    with force_locale(DEFAULT_LOCALE):
        _export_ics(slug, directory)


def _export_ics(slug: str, directory: Path) -> None:
    session = get_session()
    event = event_by_slug(session, slug)
    if event is None:
        raise click.ClickException(
            _("No event with the slug '%(slug)s' (see `flask events`).", slug=slug)
        )
    people_folder = directory / "participants"
    people_folder.mkdir(parents=True, exist_ok=True)
    with force_locale(recipient_locale(None, event.default_locale)):
        (directory / f"{event.slug}.ics").write_bytes(event_calendar(session, event))
    participants = event_participants(session, event)
    for participant in participants:
        name = f"{participant.id}-{slugify(participant.full_name) or 'participant'}.ics"
        with force_locale(owner_locale(participant)):
            body = participant_calendar(session, participant, only_published=False)
        (people_folder / name).write_bytes(body)
    click.echo(
        ngettext(
            "Wrote %(file)s and %(num)d participant calendar in %(folder)s.",
            "Wrote %(file)s and %(num)d participant calendars in %(folder)s.",
            len(participants),
            file=directory / (event.slug + ".ics"),
            folder=people_folder,
        )
    )


COMMANDS: tuple[click.Command, ...] = (export_ics,)
