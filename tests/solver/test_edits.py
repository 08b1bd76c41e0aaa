"""Edit aids: every choice they offer keeps the validator's rules, and what they leave out
breaks one."""

from __future__ import annotations

from solver.edits import additions, move_targets, swap_partners, swapped
from solver.schema import Meeting, Problem, Schedule
from solver.validation import validate
from tests.solver.conftest import make_problem, meet, person


def rules_after(
    problem: Problem, meetings: list[Meeting], removed: list[Meeting], added: list[Meeting]
) -> set[str]:
    """The rule codes the whole schedule breaks after the change (the reference)."""
    after = [m for m in meetings if m not in removed] + added
    return {v.rule for v in validate(problem, Schedule(meetings=tuple(after)))}


def test_move_targets_are_exactly_the_slots_the_validator_accepts() -> None:
    problem = make_problem(
        slots=5,
        tables=1,
        people=["A", "B", "C", "D", person("E", unavailable=["s4"])],
        candidates=[("A", "E"), ("A", "C"), ("B", "D")],
    )
    moving = meet("A", "E", "s1", "T1")
    meetings = [moving, meet("A", "C", "s2", "T1"), meet("B", "D", "s3", "T1")]
    targets = move_targets(problem, meetings, moving)
    assert [t.slot for t in targets] == ["s5"]  # s2: A busy, s3: table taken, s4: E away
    assert targets[0].table == "T1"
    for slot in ("s2", "s3", "s4", "s5"):
        target = meet("A", "E", slot, "T1")
        broken = rules_after(problem, meetings, [moving], [target])
        assert (slot == "s5") == (not broken), (slot, broken)


def test_move_targets_respect_the_cap_per_day_and_back_to_back_runs() -> None:
    problem = make_problem(
        slots=6,
        tables=2,
        days=2,
        candidates=[("A", "B"), ("A", "C"), ("A", "D")],
        max_meetings_per_day=2,
        max_consecutive_meetings=2,
    )
    moving = meet("A", "D", "s4", "T1")  # day 2: s4..s6
    meetings = [meet("A", "B", "s1", "T1"), meet("A", "C", "s2", "T1"), moving]
    slots = [t.slot for t in move_targets(problem, meetings, moving)]
    assert "s3" not in slots  # a third meeting on day 1, and three back to back
    assert slots == ["s5", "s6"]
    assert rules_after(problem, meetings, [moving], [meet("A", "D", "s3", "T2")]) >= {
        "over-day-cap",
        "over-consecutive",
    }


def test_a_booth_meeting_moves_to_the_booth_without_a_table() -> None:
    problem = make_problem(
        slots=2, tables=1, people=[person("X", location="Booth 7"), "Y"], candidates=[("X", "Y")]
    )
    moving = meet("X", "Y", "s1", location="Booth 7")
    targets = move_targets(problem, [moving], moving)
    assert targets == [meet("X", "Y", "s2", location="Booth 7")]


def test_swap_partners_are_those_whose_exchange_the_validator_accepts() -> None:
    problem = make_problem(
        slots=4,
        tables=2,
        people=["A", "B", "C", "D", "E", person("F", unavailable=["s1"])],
        candidates=[("A", "B"), ("C", "D"), ("E", "F"), ("A", "C")],
    )
    mine = meet("A", "B", "s1", "T1")
    meetings = [
        mine,
        meet("C", "D", "s2", "T1"),
        meet("E", "F", "s3", "T1"),  # F is away in s1
        meet("A", "C", "s4", "T1"),  # shares A: swapping keeps A in both slots, fine
    ]
    partners = swap_partners(problem, meetings, mine)
    for other in meetings[1:]:
        first, second = swapped(mine, other)
        accepted = not rules_after(problem, meetings, [mine, other], [first, second])
        assert (other in partners) == accepted, other
    assert meet("E", "F", "s3", "T1") not in partners
    assert meet("C", "D", "s2", "T1") in partners


def test_additions_are_heaviest_first_and_keep_every_rule() -> None:
    problem = make_problem(
        slots=3,
        tables=1,
        people=["P", "Q", "R", person("S", max_meetings=0), "T"],
        candidates=[("P", "Q", 2), ("P", "R", 5), ("P", "S", 9), ("P", "T", 3), ("Q", "R")],
    )
    meetings = [meet("P", "T", "s1", "T1"), meet("Q", "R", "s2", "T1")]
    found = additions(problem, meetings, "P")
    assert [a.partner for a in found] == ["R", "Q"]  # S is at their cap, T already met
    assert [m.slot for m in found[0].placements] == ["s3"]  # s2: the only table is taken
    for addition in found:
        for placed in addition.placements:
            assert not rules_after(problem, meetings, [], [placed])
