"""`flask --app matchmaker export-ics SLUG DIR`: calendar files for mailing or printing."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext

from matchmaker.auth.queries import event_by_slug
from matchmaker.calendars.calendars import event_calendar, participant_calendar
from matchmaker.calendars.queries import event_participants
from matchmaker.db import get_session
from matchmaker.organiser.operations import slugify


@click.command("export-ics")
@click.argument("slug")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@with_appcontext
def export_ics(slug: str, directory: Path) -> None:
    """Write one .ics per participant plus the whole event's into DIRECTORY.

    Files show the schedule as it stands, published or not.
    """
    session = get_session()
    event = event_by_slug(session, slug)
    if event is None:
        raise click.ClickException(f"No event with the slug '{slug}' (see `flask events`).")
    people_folder = directory / "participants"
    people_folder.mkdir(parents=True, exist_ok=True)
    (directory / f"{event.slug}.ics").write_bytes(event_calendar(session, event))
    participants = event_participants(session, event)
    for participant in participants:
        name = f"{participant.id}-{slugify(participant.full_name) or 'participant'}.ics"
        body = participant_calendar(session, participant, only_published=False)
        (people_folder / name).write_bytes(body)
    click.echo(
        f"Wrote {directory / (event.slug + '.ics')} and {len(participants)} participant "
        f"calendars in {people_folder}."
    )


COMMANDS: tuple[click.Command, ...] = (export_ics,)
