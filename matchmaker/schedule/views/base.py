"""The schedule blueprint and what its views share."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import Blueprint, request

from matchmaker.db import get_session
from matchmaker.delegations.queries import delegation_names
from matchmaker.live import clock
from matchmaker.models import Event, ScheduleRun
from matchmaker.schedule import queries, unmet
from matchmaker.schedule.scheduling import Pair, unscheduled_pairs
from matchmaker.schedule.statistics import ScheduleFigures, schedule_figures

bp = Blueprint("schedule", __name__, url_prefix="/organise", cli_group=None)


def now() -> datetime:
    """The current moment from the app's clock (as on the event day's pages)."""
    return clock.now()


def figures(event: Event, triples: list[tuple[int, int, int]]) -> ScheduleFigures:
    session = get_session()
    return schedule_figures(
        event,
        queries.event_participants(session, event),
        queries.requests(session, event),
        triples,
        queries.unavailable_slots(session, event),
        queries.minimums(session, event),
        delegation_names(session, event),
    )


def current_figures(event: Event) -> ScheduleFigures:
    return figures(event, queries.confirmed_triples(get_session(), event))


@dataclass(frozen=True)
class MissedList:
    """The requests without a meeting of a run, as filtered by the page's query string."""

    rows: list[unmet.MissedRequest]
    shown: list[unmet.MissedRequest]
    level: str
    person_id: int | None
    reason: str

    @property
    def people(self) -> list[tuple[int, str]]:
        """(id, name) of everyone in a row, by name: the person filter's choices."""
        named = {p.id: p.full_name for r in self.rows for p in (r.requester, r.other)}
        return sorted(named.items(), key=lambda item: item[1])

    @property
    def reasons(self) -> list[tuple[str, str]]:
        """(code, label) of the reasons in the rows: the reason filter's choices."""
        return sorted({(r.reason, r.reason_label) for r in self.rows}, key=lambda x: x[1])

    @property
    def filtering(self) -> bool:
        return bool(self.level or self.person_id is not None or self.reason)


def missed_rows(
    event: Event,
    run: ScheduleRun | None,
    meeting_now: set[Pair],
    involving: set[int] | None = None,
) -> list[unmet.MissedRequest]:
    """The requests the run left without a meeting (minus pairs that meet now); with
    `involving`, only those of pairs with one of these participants."""
    if run is None or run.result is None:
        return []
    session = get_session()
    people = {p.id: p for p in queries.event_participants(session, event)}
    unscheduled = unscheduled_pairs(run.result)
    if involving is not None:
        unscheduled = [u for u in unscheduled if u.a in involving or u.b in involving]
    return unmet.missed_requests(
        event, unscheduled, queries.requests(session, event), people, meeting_now
    )


def missed_list(event: Event, run: ScheduleRun | None, meeting_now: set[Pair]) -> MissedList:
    """The requests the run left without a meeting (minus pairs that meet now), filtered by
    the `level`, `person` and `reason` query arguments."""
    rows = missed_rows(event, run, meeting_now)
    level = request.args.get("level", "")
    person_id = request.args.get("person", type=int)
    reason = request.args.get("reason", "")
    shown = unmet.filtered(rows, level=level, person_id=person_id, reason=reason)
    return MissedList(rows, shown, level, person_id, reason)
