"""The demo's content: participants, profiles, times and accounts as an organiser expects."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from matchmaker.demo import DemoAccounts, data, load_demo
from matchmaker.demo.outcomes import SLUG as PILOT_SLUG
from matchmaker.models import (
    Delegation,
    Event,
    Mission,
    Organisation,
    OrganisationMember,
    OrganisationType,
    Participant,
    Phase,
    Preference,
    Role,
    Unavailability,
    User,
)
from matchmaker.outcomes.kpis import compute_kpis
from matchmaker.outcomes.queries import outcome_data

CLUSTERS = {"TICE.PT", "Basquegame", "Pôle SCS", "MESAP", "BalticNet-PlasmaTec"}


def test_hannover_event_has_the_delegations_and_us_hosts(hannover: Event) -> None:
    participants = hannover.participants
    assert len(participants) == 120
    countries = Counter(p.organisation.country for p in participants)
    assert set(countries) == {"PT", "ES", "FR", "IT", "DE", "SE", "US"}
    assert all(countries[code] >= 10 for code in ("PT", "ES", "FR", "IT", "DE", "SE"))
    assert 40 <= countries["US"] <= 50
    european_clusters = {p.organisation.cluster for p in participants if p.organisation.cluster}
    assert european_clusters > CLUSTERS
    assert len(european_clusters) == 6
    types = {p.organisation.type for p in participants}
    assert {OrganisationType.SME, OrganisationType.LARGE_COMPANY, OrganisationType.INVESTOR} < types
    assert len({p.email for p in participants}) == 120
    assert sum(1 for p in participants if p.user_id is None) == 115


def test_profiles_are_complete_and_fictional(hannover: Event) -> None:
    organisations = {p.organisation for p in hannover.participants}
    for organisation in organisations:
        assert organisation.description.endswith(".")
        assert organisation.website.startswith("https://www.")
        assert organisation.website.endswith(".example")
        assert set(organisation.sectors) <= set(hannover.sectors)
        assert set(organisation.technologies) <= set(hannover.technologies)
    for participant in hannover.participants:
        assert participant.job_title
        assert participant.offers.endswith(".")
        assert participant.seeks.endswith(".")
        domain = participant.email.rsplit("@", 1)[1]
        assert domain.endswith(".example")
    booths = [p.location for p in hannover.participants if p.location]
    assert 10 <= len(booths) <= 20
    assert len(set(booths)) == len(booths)
    assert all(booth.startswith("Hall ") and ", Booth " in booth for booth in booths)


def test_hannover_slots_are_in_berlin_summer_time(hannover: Event) -> None:
    berlin = ZoneInfo("Europe/Berlin")
    assert hannover.timezone == "Europe/Berlin"
    assert hannover.phase == Phase.PREFERENCES
    assert len(hannover.blocks) == 4
    assert len(hannover.slots) == 24
    first, last = hannover.slots[0], hannover.slots[-1]
    assert first.starts_at == datetime(2027, 4, 19, 7, 30, tzinfo=UTC)
    assert first.local_start(berlin).time() == time(9, 30)
    assert last.local_end(berlin) == datetime(2027, 4, 20, 17, 0, tzinfo=berlin)
    assert all(slot.ends_at - slot.starts_at == timedelta(minutes=30) for slot in hannover.slots)
    local_starts = {slot.local_start(berlin).time() for slot in hannover.slots}
    assert time(12, 0) in local_starts
    assert time(12, 30) not in local_starts
    assert time(14, 0) in local_starts
    assert hannover.registration_deadline is not None
    assert hannover.preferences_deadline is not None
    assert hannover.registration_deadline < hannover.preferences_deadline < first.starts_at


def test_hannover_settings_and_tables(hannover: Event) -> None:
    assert (hannover.limit_must, hannover.limit_want, hannover.limit_maybe) == (5, 15, None)
    assert hannover.default_max_meetings == 8
    assert [table.name for table in hannover.tables] == [f"Table {n}" for n in range(1, 21)]
    assert all(table.place.startswith("Hall 8, B2B lounge") for table in hannover.tables)
    assert hannover.mission.target_market == "USA"
    assert "ESCP-4i" in hannover.mission.partnership


def test_some_participants_are_away_for_part_of_the_event(
    session: Session, hannover: Event
) -> None:
    away = Counter(
        session.scalars(
            select(Unavailability.participant_id)
            .join(Participant)
            .where(Participant.event_id == hannover.id)
        )
    )
    assert 15 <= len(away) <= 60
    assert max(away.values()) == 12  # someone is away a whole day
    assert min(away.values()) == 2


def test_computex_event_runs_on_taipei_time(session: Session, computex: Event) -> None:
    taipei = ZoneInfo("Asia/Taipei")
    assert computex.mission.name == "EU–Taiwan Cluster Mission to Computex"
    assert computex.phase == Phase.REGISTRATION
    assert computex.slots[0].starts_at == datetime(2027, 6, 1, 2, 0, tzinfo=UTC)
    assert computex.slots[0].local_start(taipei).time() == time(10, 0)
    assert computex.slots[1].local_start(taipei).time() == time(10, 30)
    assert computex.slots[0].local_end(taipei).time() == time(10, 25)
    participants = computex.participants
    assert len(participants) == 30
    assert {p.organisation.country for p in participants} >= {"TW", "FR", "PT", "DE"}
    preferences = session.scalar(
        select(func.count(Preference.id)).where(Preference.event_id == computex.id)
    )
    assert preferences == 0


def test_delegates_share_organisations_and_accounts_across_events(
    session: Session, hannover: Event, computex: Event
) -> None:
    in_hannover = {p.email: p for p in hannover.participants}
    travellers = [p for p in computex.participants if p.organisation.country != "TW"]
    for traveller in travellers:
        assert in_hannover[traveller.email].organisation_id == traveller.organisation_id
    with_account = [p for p in computex.participants if p.user_id is not None]
    assert len(with_account) >= 1
    assert all(in_hannover[p.email].user_id == p.user_id for p in with_account)
    assert session.scalar(select(func.count(Organisation.id))) == len(
        {p.organisation_id for p in hannover.participants + computex.participants}
    )


def test_demo_accounts(session: Session, demo: DemoAccounts, hannover: Event) -> None:
    roles = Counter(account.role for account in demo.accounts)
    assert roles == {Role.ADMIN: 1, Role.ORGANISER: 1, Role.PARTICIPANT: 5 + 6}  # 6 leads
    organiser = session.scalars(
        select(User).where(User.email == "organiser@demo.matchmaker.example")
    ).one()
    missions = session.scalars(select(Mission)).all()
    assert len(missions) == 2
    assert all(organiser in mission.organisers for mission in missions)
    by_user = {p.user_id: p for p in hannover.participants if p.user_id is not None}
    for account in demo.accounts:
        user = session.scalars(select(User).where(User.email == account.email)).one()
        assert user.role == account.role
        assert account.password not in user.password_hash
        if account.role == Role.PARTICIPANT and not account.detail.startswith("leads"):
            assert by_user[user.id].email == account.email
            assert account.email.endswith("@demo.matchmaker.example")


def test_demo_is_deterministic(session: Session) -> None:
    source, target = aliased(Participant), aliased(Participant)

    def snapshot() -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
        load_demo(session)
        people = session.execute(
            select(Participant.email, Participant.job_title, Participant.phone).order_by(
                Participant.id
            )
        ).all()
        wishes = session.execute(
            select(source.email, target.email, Preference.level)
            .join(source, Preference.from_participant_id == source.id)
            .join(target, Preference.to_participant_id == target.id)
            .order_by(Preference.id)
        ).all()
        session.rollback()
        return [tuple(row) for row in people], [tuple(row) for row in wishes]

    first = snapshot()
    assert len(first[1]) > 1000
    assert snapshot() == first


def test_what_a_delegate_seeks_belongs_to_each_event(session: Session, hannover: Event) -> None:
    computex = session.scalars(select(Event).where(Event.slug == data.COMPUTEX.slug)).one()
    others = computex.mission.events
    travellers = [p for e in others for p in e.participants if p.organisation.country != "TW"]
    assert {e.slug for e in others} == {"computex-2027", "computex-2027-hybrid"}
    for traveller in travellers:
        assert "Taiwanese" in traveller.seeks
        assert "US " not in traveller.seeks
    assert any("US " in participant.seeks for participant in hannover.participants)


def test_demo_account_holders_speak_for_their_organisation(
    session: Session, hannover: Event
) -> None:
    holders = [p for p in hannover.participants if p.user_id is not None]
    assert holders
    for participant in holders:
        member = session.scalars(
            select(OrganisationMember).where(OrganisationMember.user_id == participant.user_id)
        ).one()
        assert (member.organisation_id, member.approved) == (participant.organisation_id, True)


def test_the_demo_missions_have_delegations_led_by_the_cluster_managers(
    session: Session, demo: DemoAccounts, hannover: Event
) -> None:
    delegations = session.scalars(
        select(Delegation).where(Delegation.mission_id == hannover.mission_id)
    ).all()
    assert len(delegations) == 6
    leads = {a.email for a in demo.accounts if a.detail.startswith("leads")}
    for delegation in delegations:
        assert {lead.user.email for lead in delegation.leads} <= leads
        clusters = {
            p.organisation.cluster
            for p in hannover.participants
            if p.email.lower() in {m.email for m in delegation.members}
        }
        assert clusters == {delegation.cluster}
        assert any(m.lead_may_mark for m in delegation.members)
    europeans = [p for p in hannover.participants if p.organisation.country not in ("US",)]
    assert sum(len(d.members) for d in delegations) == len(europeans)


def test_the_pilot_event_gives_the_outcome_dashboards_figures(
    session: Session, hannover: Event
) -> None:
    pilot = session.scalars(select(Event).where(Event.slug == PILOT_SLUG)).one()
    assert pilot.mission_id == hannover.mission_id
    kpis = compute_kpis(outcome_data(session, [pilot]))
    assert kpis.scheduled > 50
    assert 0 < kpis.missed < kpis.held
    assert kpis.rating_count > 0 and kpis.with_result > 0
    assert sum(kpis.value_bands.values()) > 0
    assert len(kpis.by_delegation) >= 6 and len(kpis.registrations) > 5


def test_every_demo_event_lies_within_its_missions_dates(
    session: Session, demo: DemoAccounts
) -> None:
    for mission in session.scalars(select(Mission)):
        for event in mission.events:
            for block in event.blocks:
                assert mission.start_date <= block.day <= mission.end_date, (event.slug, block.day)
