"""The outcomes workbook: the figures, every meeting with both sides' feedback and survey
answers, and the figures by delegation, country and sector. Every text cell is neutralised
against formulas (see `schedule.exports.neutralise`)."""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Sequence

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from matchmaker.models import FollowUpAnswer, MeetingFeedback, Participant
from matchmaker.outcomes.kpis import GroupKpis, Kpis, OutcomeData, country_of
from matchmaker.outcomes.labels import result_label, state_label, value_band_label
from matchmaker.schedule.exports import Cell, neutralise

# The figures and columns that are shares, as their labels read in the current language.
RATES = (_l("Kept-meeting rate"), _l("No-show rate"), _l("Kept rate"))


def is_rate(label: str) -> bool:
    """Whether the figure or column `label` is a share (shown as a percentage)."""
    return label in {str(name) for name in RATES}


def summary_rows(kpis: Kpis) -> list[tuple[str, Cell | float]]:
    """The headline figures as (label, value) rows: the same on the page, PDF and sheet."""
    rows: list[tuple[str, Cell | float]] = [
        (_("Participants"), kpis.participants),
        (_("Meetings scheduled"), kpis.scheduled),
        (_("Meetings held"), kpis.held),
        (_("Meetings missed"), kpis.missed),
        (_("Meetings not known"), kpis.unknown),
        (_("Kept-meeting rate"), _rate(kpis.kept_rate)),
        (_("No-show rate"), _rate(kpis.no_show_rate)),
        (_("Ratings given"), kpis.rating_count),
        (_("Satisfaction (mean of 1-5)"), _mean(kpis.satisfaction)),
        (_("Meetings with a result"), kpis.with_result),
        (_("Cross-border meetings"), kpis.cross_border),
        (_("Meetings per participant (mean)"), round(kpis.mean_meetings, 2)),
    ]
    return rows


def _rate(value: float | None) -> Cell | float:
    return "" if value is None else round(value, 4)


def _mean(value: float | None) -> Cell | float:
    return "" if value is None else round(value, 2)


def group_header() -> list[Cell]:
    """The columns of a group table."""
    return [
        _("Name"),
        _("People"),
        _("Meetings"),
        _("Held"),
        _("Missed"),
        _("Kept rate"),
        _("Ratings"),
        _("Satisfaction"),
        _("With a result"),
    ]


def group_row(group: GroupKpis) -> list[Cell | float]:
    """One group's row (see `group_header`)."""
    return [
        group.name,
        group.participants,
        group.meetings,
        group.held,
        group.missed,
        _rate(group.kept_rate),
        group.ratings,
        _mean(group.satisfaction),
        group.with_result,
    ]


def _person(data: OutcomeData, person: Participant) -> list[Cell | float]:
    return [
        person.full_name,
        person.organisation.name,
        country_of(person),
        data.delegation_of(person),
    ]


def _side(
    row: MeetingFeedback | None, answers: Sequence[FollowUpAnswer], private: bool
) -> list[Cell | float]:
    held = "" if row is None or row.held is None else (_("yes") if row.held else _("no"))
    cells: list[Cell | float] = [
        held,
        row.rating if row is not None and row.rating else "",
        result_label(row.result) if row is not None else "",
        "; ".join(
            f"{a.wave}: {result_label(a.result)}, {value_band_label(a.value_band)}"
            for a in sorted(answers, key=lambda a: a.wave)
        ),
    ]
    if private:
        cells.append(row.note if row is not None else "")
    return cells


def meeting_sheet_rows(data: OutcomeData, kpis: Kpis, private: bool) -> list[list[Cell | float]]:
    """One row per meeting of `kpis` with its state and each side's feedback and answers;
    the organisers' private notes only when `private`."""
    person_header = [_("name"), _("organisation"), _("country"), _("delegation")]
    side_header = [_("held (says)"), _("rating"), _("result"), _("follow-up")]
    if private:
        side_header.append(_("private note"))
    header: list[Cell | float] = [
        _("Date"),
        _("Start"),
        _("Event"),
        _("State"),
        *(_("A %(column)s", column=h) for h in person_header),
        *(_("B %(column)s", column=h) for h in person_header),
        *(_("A %(column)s", column=h) for h in side_header),
        *(_("B %(column)s", column=h) for h in side_header),
    ]
    feedback = {(row.meeting_id, row.participant_id): row for row in data.feedback}
    answers: dict[tuple[int, int], list[FollowUpAnswer]] = defaultdict(list)
    for answer in data.answers:
        answers[(answer.meeting_id, answer.participant_id)].append(answer)
    rows = [header]
    meetings = sorted(
        (m for m in data.meetings if m.id in kpis.state_of), key=lambda m: m.slot.starts_at
    )
    for m in meetings:
        start = m.slot.local_start(m.event.zone)
        a, b = m.participant_a, m.participant_b
        rows.append(
            [
                start.strftime("%Y-%m-%d"),
                start.strftime("%H:%M"),
                m.event.display_name,
                state_label(kpis.state_of[m.id]),
                *_person(data, a),
                *_person(data, b),
                *_side(feedback.get((m.id, a.id)), answers[(m.id, a.id)], private),
                *_side(feedback.get((m.id, b.id)), answers[(m.id, b.id)], private),
            ]
        )
    return rows


def outcomes_workbook(data: OutcomeData, kpis: Kpis, delegation: str | None) -> bytes:
    """The .xlsx of `kpis` (a delegation's when `delegation`: without private notes)."""
    # Imported here: openpyxl (with NumPy) costs every web process about 20 MB.
    from openpyxl import Workbook

    workbook = Workbook()
    summary = workbook.active
    summary.title = _("KPIs")
    _fill(summary, [[_("Figure"), _("Value")], *[list(row) for row in summary_rows(kpis)]])
    sheets: list[tuple[str, list[list[Cell | float]]]] = [
        (_("Meetings"), meeting_sheet_rows(data, kpis, private=delegation is None)),
        (_("By delegation"), _groups(kpis, "delegation")),
        (_("By country"), _groups(kpis, "country")),
        (_("By sector"), _groups(kpis, "sector")),
        (_("By type"), _groups(kpis, "type")),
    ]
    for title, rows in sheets:
        _fill(workbook.create_sheet(title), rows)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _groups(kpis: Kpis, name: str) -> list[list[Cell | float]]:
    return [list(group_header()), *(group_row(g) for g in kpis.groups[name])]


def _fill(sheet: object, rows: list[list[Cell | float]]) -> None:
    from openpyxl.styles import Font

    for row in rows:
        sheet.append([neutralise(v) if isinstance(v, str) else v for v in row])  # type: ignore[attr-defined]
    for cell in sheet[1]:  # type: ignore[index]
        cell.font = Font(bold=True)
    for line in sheet.iter_rows():  # type: ignore[attr-defined]
        for cell in line:
            header, label = sheet.cell(1, cell.column).value, line[0].value  # type: ignore[attr-defined]
            if isinstance(cell.value, float) and (is_rate(str(header)) or is_rate(str(label))):
                cell.number_format = "0.0%"
