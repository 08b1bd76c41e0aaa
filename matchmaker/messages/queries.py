"""Reads of the messages area: the outbox lists organisers and admins see, broadcast groups."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import ColumnElement, exists, func, select
from sqlalchemy.orm import Session, selectinload

from matchmaker.i18n import country_name
from matchmaker.models import Event, Message, MessageState, Organisation, Participant, Preference

PAGE_SIZE = 100


@dataclass(frozen=True)
class MessagePage:
    """One page of a message list, newest first, and how many there are in all."""

    messages: Sequence[Message]
    total: int
    page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // PAGE_SIZE))


def message_page(
    session: Session, event: Event | None, state: MessageState | None, page: int
) -> MessagePage:
    """Messages of `event` (all events and none when None), in `state` if given."""
    conditions: list[ColumnElement[bool]] = []
    if event is not None:
        conditions.append(Message.event_id == event.id)
    if state is not None:
        conditions.append(Message.state == state)
    total = session.scalar(select(func.count()).select_from(Message).where(*conditions)) or 0
    page = min(max(page, 1), max(1, -(-total // PAGE_SIZE)))
    messages = session.scalars(
        select(Message)
        .where(*conditions)
        .options(selectinload(Message.event))
        .order_by(Message.created_at.desc(), Message.id.desc())
        .offset((page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
    ).all()
    return MessagePage(messages, total, page)


def state_counts(session: Session, event: Event | None) -> dict[MessageState, int]:
    """How many messages of `event` (or of all) are in each state."""
    query = select(Message.state, func.count()).group_by(Message.state)
    if event is not None:
        query = query.where(Message.event_id == event.id)
    counts = {state: 0 for state in MessageState}
    counts.update({state: count for state, count in session.execute(query)})
    return counts


def message_of_event(session: Session, event: Event, message_id: int) -> Message | None:
    """The message with this id if it belongs to `event`."""
    message = session.get(Message, message_id)
    return message if message is not None and message.event_id == event.id else None


@dataclass(frozen=True)
class Audience:
    """Whom a broadcast goes to: `everyone`, `no_availability`, `no_marks`, or one
    `delegation` (an organisation's cluster) or `country` named by `value`."""

    kind: str
    value: str = ""

    @classmethod
    def parse(cls, text: str) -> Audience:
        kind, _colon, value = text.partition(":")
        return cls(kind, value)

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.value}" if self.value else self.kind


def audience_choices(session: Session, event: Event) -> dict[str, list[tuple[str, str]]]:
    """The groups an organiser may write to, as select options grouped by what they filter."""
    active = (Participant.event_id == event.id, Participant.withdrawn_at.is_(None))
    clusters = session.scalars(
        select(Organisation.cluster)
        .join(Participant, Participant.organisation_id == Organisation.id)
        .where(*active, Organisation.cluster != "")
        .distinct()
        .order_by(Organisation.cluster)
    ).all()
    countries = session.scalars(
        select(Organisation.country)
        .join(Participant, Participant.organisation_id == Organisation.id)
        .where(*active, Organisation.country != "")
        .distinct()
    ).all()
    return {
        _("Everyone"): [
            ("everyone", _("Everyone registered")),
            ("no_availability", _("Who has not saved their availability yet")),
            ("no_marks", _("Who has not marked anybody to meet yet")),
        ],
        _("A delegation"): [(f"delegation:{name}", name) for name in clusters],
        _("A country"): sorted(
            ((f"country:{code}", country_name(code)) for code in countries),
            key=lambda choice: choice[1],
        ),
    }


def audience(session: Session, event: Event, group: Audience) -> Sequence[Participant]:
    """The event's active participants in `group`, by name."""
    query = (
        select(Participant)
        .join(Organisation, Participant.organisation_id == Organisation.id)
        .where(Participant.event_id == event.id, Participant.withdrawn_at.is_(None))
        .options(selectinload(Participant.user))
    )
    if group.kind == "no_availability":
        query = query.where(Participant.availability_saved_at.is_(None))
    elif group.kind == "no_marks":
        query = query.where(~exists().where(Preference.from_participant_id == Participant.id))
    elif group.kind == "delegation":
        query = query.where(Organisation.cluster == group.value)
    elif group.kind == "country":
        query = query.where(Organisation.country == group.value)
    elif group.kind != "everyone":
        raise ValueError(f"unknown audience {group.key!r}")
    return session.scalars(query.order_by(Participant.last_name, Participant.first_name)).all()
