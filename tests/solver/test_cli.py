"""`python -m solver solve|check|bench` through real subprocesses: output and exit codes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from solver.bench import default_bench_dir, default_bench_files, read_references
from solver.fileformat import dump_problem, dump_schedule, load_schedule
from solver.schema import Schedule
from tests.solver.conftest import REPO_ROOT, make_problem, meet, person


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "solver", *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
        check=False,
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for fragment in fragments:
        assert fragment in lines[0]


@pytest.fixture
def problem_file(tmp_path: Path) -> Path:
    problem = make_problem(
        slots=3,
        tables=1,
        people=[person("X", location="Booth X")],
        candidates=[("A", "B", 3), ("A", "X", 2), ("B", "C", 1), ("C", "X", 2)],
    )
    path = tmp_path / "problem.json"
    dump_problem(problem, path)
    return path


def test_solve_writes_a_schedule_that_check_accepts(problem_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "schedule.json"
    solved = run("solve", str(problem_file), "-o", str(out), "--time-limit", "5", "--workers", "1")
    assert solved.returncode == 0, solved.stderr
    assert "weight 8 (100.0% of bound 8)" in solved.stderr
    assert len(load_schedule(out).meetings) == 4
    checked = run("check", str(problem_file), str(out))
    assert checked.returncode == 0
    assert checked.stdout.startswith("valid: 4 meetings, weight 8 (100.0% of bound 8), 0 holes")


def test_solve_without_output_prints_the_schedule(problem_file: Path) -> None:
    solved = run("solve", str(problem_file), "--time-limit", "2", "--seed", "3", "--quiet")
    assert solved.returncode == 0, solved.stderr
    assert json.loads(solved.stdout)["format"] == "matchmaker-schedule/1"
    assert "greedy:" not in solved.stderr  # --quiet drops progress lines


def test_check_lists_every_broken_rule(problem_file: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    dump_schedule(Schedule(meetings=(meet("A", "B", "s1", "T1"), meet("A", "C", "s1", "T1"))), bad)
    checked = run("check", str(problem_file), str(bad))
    assert checked.returncode == 1
    assert checked.stdout.splitlines() == [
        "invalid: 3 broken rules",
        "  [not-candidate] meeting A-C in slot s1 at T1: A-C is not a candidate pair",
        "  [double-booked] A has 2 meetings in slot s1 (with B, C)",
        "  [table-double-booked] table T1 is used 2 times in slot s1 (by A-B, A-C)",
    ]


def test_bad_problem_file_is_one_line_naming_file_field_and_value(
    problem_file: Path, tmp_path: Path
) -> None:
    data = json.loads(problem_file.read_text())
    data["candidates"][1]["b"] = "P999"
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(data))
    for command in (["solve", str(broken)], ["check", str(broken), str(broken)]):
        assert_one_line_error(
            run(*command), str(broken), "candidates[1].b: unknown participant 'P999'"
        )


def test_malformed_json_is_reported_with_line_and_column(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"format":\n  oops}')
    assert_one_line_error(run("solve", str(broken)), "malformed JSON at line 2, column 3")


def test_bad_schedule_file(problem_file: Path, tmp_path: Path) -> None:
    schedule = tmp_path / "s.json"
    schedule.write_text('{"format": "matchmaker-schedule/1", "meetings": [{"a": "A"}]}')
    assert_one_line_error(
        run("check", str(problem_file), str(schedule)), "meetings[0].b: required field is missing"
    )


def test_missing_file(tmp_path: Path) -> None:
    assert_one_line_error(
        run("check", str(tmp_path / "nope.json"), str(tmp_path / "nope.json")),
        "cannot read",
        "nope.json: No such file or directory",
    )


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        ([], "the following arguments are required: command"),
        (["optimise", "p.json"], "invalid choice: 'optimise'"),
        (["solve", "p.json", "--time-limit", "0"], "must be more than 0 seconds, got '0'"),
        (["solve", "p.json", "--time-limit", "soon"], "not a number of seconds: 'soon'"),
        (["solve", "p.json", "--workers", "0"], "must be at least 1, got '0'"),
        (["bench", "--methods", "magic"], "--methods: unknown method 'magic'"),
        (["bench", "x.json"], "cannot read x.json: no such file"),
    ],
)
def test_bad_arguments(args: list[str], fragment: str) -> None:
    assert_one_line_error(run(*args), fragment)


def test_interrupt_stops_the_solve_and_still_writes_the_schedule(tmp_path: Path) -> None:
    out = tmp_path / "s.json"
    bench_problem = default_bench_dir() / "S-60.json"
    process = subprocess.Popen(
        [sys.executable, "-m", "solver", "solve", str(bench_problem), "-o", str(out),
         "--time-limit", "60"],
        cwd=REPO_ROOT, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert process.stderr is not None
    assert "greedy" in process.stderr.readline()  # the solve has started
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=30) == 0
    schedule = load_schedule(out)
    assert schedule.meetings
    assert schedule.solver.message == "cancelled; best schedule so far"  # not its 60 s limit


def bench_folder(tmp_path: Path, problem_file: Path) -> Path:
    folder = tmp_path / "bench"
    folder.mkdir()
    (folder / "tiny.json").write_text(problem_file.read_text())
    (folder / "README.md").write_text(
        "| file | participants | candidates | upper bound on weight |"
        " greedy by weight: weight (% of bound) | holes | people with no meeting |\n"
        "|---|---|---|---|---|---|---|\n"
        "| tiny.json | 4 | 4 | 10 | 6 (60.0%) | 1 | 2 |\n"
        "\n"
        "| file | fewest people without a meeting | weight bound when nobody who can meet is"
        " left out | fewest people with fewer than 3 meetings |\n"
        "|---|---|---|---|\n"
        "| tiny.json | 0 | 9 (90 % of the bound) | 3 (weight bound then 7) |\n"
    )
    return folder


def test_bench_runs_solver_and_greedy_per_file_and_goal(tmp_path: Path, problem_file: Path) -> None:
    folder = bench_folder(tmp_path, problem_file)
    rows_file = tmp_path / "rows.json"
    result = run(
        "bench", "--time-limit", "2", "--json", str(rows_file),
        env={"MATCHMAKER_BENCH_DIR": str(folder)},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split()[:5] == ["file", "goal", "method", "people", "cands"]
    solver_row, greedy_row, readme_row, fewest_row = (line.split() for line in lines[1:5])
    assert solver_row[:8] == ["tiny.json", "min", "1", "solver", "4", "4", "8", "80.00%"]
    assert solver_row[-5:] == ["optimal", "proven", "yes", "missed", "weight"]
    assert greedy_row[:4] == ["tiny.json", "min", "1", "greedy"] and greedy_row[-1] == "yes"
    assert readme_row == ["tiny.json", "min", "1", "README", "greedy", "6", "60.00%", "1", "2",
                          "2"]  # fmt: skip
    assert fewest_row == ["tiny.json", "min", "1", "README", "fewest", "9", "90.00%", "-", "0",
                          "0"]  # fmt: skip
    rows = json.loads(rows_file.read_text())
    assert [(r["method"], r["valid"]) for r in rows] == [("solver", True), ("greedy", True)]
    assert rows[0]["weight"] == 8 and rows[0]["bound_pct"] == 80.0
    assert rows[0]["stop"] == "proven" and rows[0]["targets"] == "missed weight"
    assert all(r["wall_s"] > 0 and r["peak_mb"] > 10 for r in rows)


def test_bench_with_a_minimum_compares_with_the_fairness_bound(
    tmp_path: Path, problem_file: Path
) -> None:
    folder = bench_folder(tmp_path, problem_file)
    result = run(
        "bench", "--time-limit", "2", "--min-meetings", "3", "--methods", "solver",
        env={"MATCHMAKER_BENCH_DIR": str(folder)},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    solver_row, fewest_row = (line.split() for line in result.stdout.splitlines()[1:3])
    assert solver_row[:4] == ["tiny.json", "min", "3", "solver"]
    assert fewest_row == ["tiny.json", "min", "3", "README", "fewest", "7", "70.00%", "-", "-",
                          "3"]  # fmt: skip


def test_default_bench_files_are_the_shared_ones_smallest_first() -> None:
    names = [p.name for p in default_bench_files()]
    assert names == ["S-60.json", "M-400.json", "L-2000.json", "XL-5000.json"]


def test_bench_dir_can_be_configured(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("MATCHMAKER_BENCH_DIR", str(tmp_path))
    (tmp_path / "b.json").write_text("{}" * 10)
    (tmp_path / "a.json").write_text("{}")
    assert [p.name for p in default_bench_files()] == ["a.json", "b.json"]


def test_reference_figures_come_from_the_readme() -> None:
    references = read_references(default_bench_dir() / "README.md")
    assert references["L-2000.json"].bound == 13117
    assert references["S-60.json"].baselines == {"greedy": (548, 87, 0), "fcfs": (466, 99, 0)}
    fairness = references["L-2000.json"].fairness
    assert (fairness.fewest_without, fairness.weight_without) == (0, 13095)
    assert (fairness.fewest_below_3, fairness.weight_below_3) == (138, 12947)
    assert references["S-60.json"].fairness.fewest_below_3 is None
    assert read_references(Path("/nonexistent/README.md")) == {}
