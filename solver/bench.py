"""`python -m solver bench`: the solver and the greedy baseline on reference problems.

Each (file, goal, method) runs in its own child process (`python -m solver.bench METHOD
...`), so the peak memory is that child's own ru_maxrss and one run cannot disturb the
next. A goal is a guaranteed minimum: the file's own (min 1 on the reference files), and
for L-2000.json also min 3. The child times reading the file, building and solving, and
writes its schedule to a file; the parent validates it with `solver.validation` and
measures it with `solver.metrics`.

Upper bounds, baseline figures and fairness bounds come from the README.md next to the
problem files. Each solver row says whether it meets the targets (`TARGETS`): people
without a meeting (min 1) or with fewer than the minimum (min 3) no more than the
README allows, weight at least a share of the upper bound, holes at most 10 % of the
greedy's, and the wall time within the file's time limit (`TIME_LIMITS`).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import TextIO

import solver
from solver.fileformat import FormatError, dump_schedule, load_problem, load_schedule
from solver.greedy import GreedyOrder, greedy_schedule
from solver.metrics import holes, total_weight, zero_meeting_participants
from solver.pipeline import solve
from solver.schema import Meeting, Problem, Schedule, SolveOptions
from solver.validation import validate

BENCH_DIR_VARIABLE = "MATCHMAKER_BENCH_DIR"
# Extra wall time a child gets beyond its time limit before it is killed.
CHILD_GRACE_S = 120.0
# Each reference file's time limit (others: DEFAULT_TIME_LIMIT_S) and extra minimums.
TIME_LIMITS = {"S-60.json": 5.0, "M-400.json": 15.0, "L-2000.json": 60.0, "XL-5000.json": 300.0}
DEFAULT_TIME_LIMIT_S = 60.0
EXTRA_MINIMUMS = {"L-2000.json": (3,)}


@dataclass(frozen=True)
class Target:
    """What a solver row must reach: weight share of the bound, most people below."""

    weight_share: float
    most_below: int | None = None  # None: the README's fewest


TARGETS = {1: Target(0.995), 3: Target(0.985, most_below=150)}
HOLE_SHARE = 0.10


@dataclass(frozen=True)
class BenchSettings:
    time_limit_s: float | None = None  # None: TIME_LIMITS per file
    workers: int = 2
    seed: int = 0
    methods: tuple[str, ...] = ("solver", "greedy")
    stall_s: float | None = None
    min_meetings: int | None = None  # None: the file's own, plus EXTRA_MINIMUMS

    def time_limit(self, problem_file: Path) -> float:
        if self.time_limit_s is not None:
            return self.time_limit_s
        return TIME_LIMITS.get(problem_file.name, DEFAULT_TIME_LIMIT_S)


@dataclass(frozen=True)
class Fairness:
    """The README's fairness bounds: fewest people without a meeting and the weight bound
    then; fewest with fewer than 3 meetings and the weight bound then."""

    fewest_without: int | None = None
    weight_without: int | None = None
    fewest_below_3: int | None = None
    weight_below_3: int | None = None


@dataclass(frozen=True)
class Reference:
    """A README row: the upper bound and the baselines' weight, holes and people left out."""

    bound: int | None
    baselines: dict[str, tuple[int, int, int]]
    fairness: Fairness = Fairness()


@dataclass(frozen=True)
class BenchRow:
    file: str
    goal: str
    method: str
    participants: int
    candidates: int
    weight: int | None
    bound_pct: float | None
    holes: int | None
    no_meeting: int | None
    below: int | None
    wall_s: float | None
    peak_mb: float | None
    status: str
    stop: str
    valid: bool
    targets: str = ""


def default_bench_dir() -> Path:
    """$MATCHMAKER_BENCH_DIR, else ../shared/bench next to the repository."""
    configured = os.environ.get(BENCH_DIR_VARIABLE)
    if configured:
        return Path(configured)
    return Path(solver.__file__).resolve().parents[1] / ".." / "shared" / "bench"


def default_bench_files() -> list[Path]:
    """The bench directory's problem files, smallest first."""
    return sorted(default_bench_dir().glob("*.json"), key=lambda p: (p.stat().st_size, p.name))


def parse_number(cell: str) -> int | None:
    match = re.match(r"\s*([\d,]+)", cell)
    return int(match.group(1).replace(",", "")) if match else None


def markdown_tables(lines: list[str]) -> list[list[list[str]]]:
    """The markdown tables among `lines`: each a list of rows of stripped cells."""
    tables: list[list[list[str]]] = []
    previous_was_row = False
    for line in lines:
        is_row = line.lstrip().startswith("|")
        if is_row:
            if not previous_was_row:
                tables.append([])
            tables[-1].append([cell.strip() for cell in line.strip().strip("|").split("|")])
        previous_was_row = is_row
    return tables


def body_rows(table: list[list[str]]) -> list[list[str]]:
    """A table's rows below the header, without the separator row."""
    return [
        cells
        for cells in table[1:]
        if len(cells) == len(table[0]) and not set(cells[0]) <= {"-", ":"}
    ]


def column(header: list[str], start: str) -> int | None:
    return next((i for i, h in enumerate(header) if h.lower().startswith(start)), None)


def read_fairness(table: list[list[str]]) -> dict[str, Fairness]:
    """File name -> fairness bounds, from the README's fairness table."""
    header = table[0]
    without = column(header, "fewest people without")
    weight_col = column(header, "weight bound when")
    below = column(header, "fewest people with fewer than 3")
    found = {}
    for cells in body_rows(table):
        then = re.search(r"weight bound then ([\d,]+)", cells[below]) if below is not None else None
        found[cells[0]] = Fairness(
            fewest_without=parse_number(cells[without]) if without is not None else None,
            weight_without=parse_number(cells[weight_col]) if weight_col is not None else None,
            fewest_below_3=parse_number(cells[below]) if below is not None else None,
            weight_below_3=parse_number(then.group(1)) if then else None,
        )
    return found


def read_references(readme: Path) -> dict[str, Reference]:
    """File name -> reference figures, from the README's markdown tables (if any)."""
    try:
        lines = readme.read_text(encoding="utf-8").splitlines()
    except OSError:
        return {}
    tables = markdown_tables(lines)
    fairness: dict[str, Fairness] = {}
    for table in tables:
        if column(table[0], "fewest people") is not None:
            fairness.update(read_fairness(table))
    references = {}
    for table in tables:
        header = [h.lower() for h in table[0]]
        if "file" not in header or "upper bound on weight" not in header:
            continue
        file_col, bound_col = header.index("file"), header.index("upper bound on weight")
        greedy_col = column(header, "greedy by weight")
        fcfs_col = column(header, "first-come")
        for cells in body_rows(table):
            baselines = {}
            for name, col in (("greedy", greedy_col), ("fcfs", fcfs_col)):
                figures = [parse_number(c) for c in cells[col : col + 3]] if col is not None else []
                if len(figures) == 3 and all(f is not None for f in figures):
                    baselines[name] = (figures[0] or 0, figures[1] or 0, figures[2] or 0)
            name = cells[file_col]
            references[name] = Reference(
                parse_number(cells[bound_col]), baselines, fairness.get(name, Fairness())
            )
    return references


@dataclass(frozen=True)
class Run:
    """One benchmark run: a file, a method and the guaranteed minimum (None: the file's)."""

    problem_file: Path
    method: str
    min_meetings: int | None


def run_child(
    run: Run, settings: BenchSettings, workdir: Path
) -> tuple[Schedule | None, float | None, float | None, str]:
    """Run one method in a child process: (schedule, wall s, peak MB, status or error)."""
    goal = "file" if run.min_meetings is None else f"min{run.min_meetings}"
    output = workdir / f"{run.problem_file.stem}.{goal}.{run.method}.json"
    time_limit = settings.time_limit(run.problem_file)
    command = [
        sys.executable, "-m", "solver.bench", run.method, str(run.problem_file), str(output),
        "--time-limit", str(time_limit), "--workers", str(settings.workers),
        "--seed", str(settings.seed),
    ]  # fmt: skip
    if settings.stall_s is not None:
        command += ["--stall", str(settings.stall_s)]
    if run.min_meetings is not None:
        command += ["--min-meetings", str(run.min_meetings)]
    env = {**os.environ, "PYTHONPATH": str(Path(solver.__file__).resolve().parents[1])}
    try:
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            env=env,
            timeout=time_limit + CHILD_GRACE_S,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return None, None, None, "timeout"
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1]
        return None, None, None, f"error: {last}"
    report = json.loads(done.stdout.strip().splitlines()[-1])
    schedule = load_schedule(output)
    return schedule, report["wall_s"], report["peak_mb"], schedule.solver.status.value


def fewer_than(problem: Problem, meetings: Sequence[Meeting], least: int) -> int:
    """People with at least one candidate and fewer than `least` meetings (the README's
    count, without capping anyone's minimum)."""
    counts = Counter(pid for m in meetings for pid in (m.a, m.b))
    with_candidates = {pid for c in problem.candidates for pid in (c.a, c.b)}
    return sum(1 for pid in with_candidates if counts[pid] < least)


def missed_targets(
    row: BenchRow, least: int, reference: Reference | None, time_limit: float
) -> str:
    """The targets a solver row misses ("" when it meets them all, "-" if unknown)."""
    target = TARGETS.get(least)
    if target is None or reference is None or row.weight is None:
        return "-"
    fairness = reference.fairness
    most_below = target.most_below
    if most_below is None:
        most_below = fairness.fewest_without if least == 1 else fairness.fewest_below_3
    missed = []
    if most_below is not None and (row.below or 0) > most_below:
        missed.append("below")
    if reference.bound and row.weight < target.weight_share * reference.bound:
        missed.append("weight")
    greedy = reference.baselines.get("greedy")
    if greedy is not None and (row.holes or 0) > HOLE_SHARE * greedy[1]:
        missed.append("holes")
    if row.wall_s is None or row.wall_s > time_limit:
        missed.append("time")
    return "missed " + "+".join(missed) if missed else "met"


def measure(
    problem: Problem,
    run: Run,
    settings: BenchSettings,
    workdir: Path,
    reference: Reference | None,
) -> BenchRow:
    """Run one method on one file and judge its schedule independently."""
    schedule, wall_s, peak_mb, status = run_child(run, settings, workdir)
    least = problem.min_meetings if run.min_meetings is None else run.min_meetings
    goal = f"min {least}"
    people, candidates = len(problem.participants), len(problem.candidates)
    if schedule is None:
        return BenchRow(run.problem_file.name, goal, run.method, people, candidates, None, None,
                        None, None, None, wall_s, peak_mb, status, "-", False)  # fmt: skip
    weight = total_weight(problem, schedule.meetings)
    bound = reference.bound if reference else None
    row = BenchRow(
        file=run.problem_file.name,
        goal=goal,
        method=run.method,
        participants=people,
        candidates=candidates,
        weight=weight,
        bound_pct=100 * weight / bound if bound else None,
        holes=holes(problem, schedule.meetings),
        no_meeting=zero_meeting_participants(problem, schedule.meetings),
        below=fewer_than(problem, schedule.meetings, least),
        wall_s=wall_s,
        peak_mb=peak_mb,
        status=status,
        stop=schedule.solver.stop.value if schedule.solver.stop else "-",
        valid=not validate(problem, schedule),
    )
    if run.method != "solver":
        return row
    time_limit = settings.time_limit(run.problem_file)
    return replace(row, targets=missed_targets(row, least, reference, time_limit))


COLUMNS = (
    ("file", 13, "<"), ("goal", 5, "<"), ("method", 15, "<"), ("people", 6, ">"),
    ("cands", 6, ">"), ("weight", 7, ">"), ("%bound", 7, ">"), ("holes", 6, ">"),
    ("no mtg", 6, ">"), ("<min", 5, ">"), ("wall s", 7, ">"), ("peak MB", 8, ">"),
    ("status", 9, "<"), ("stop", 10, "<"), ("valid", 5, "<"), ("targets", 7, "<"),
)  # fmt: skip


def format_line(cells: Sequence[str]) -> str:
    return "  ".join(
        f"{cell:{align}{width}}" for cell, (_, width, align) in zip(cells, COLUMNS, strict=True)
    ).rstrip()


def cell_text(value: float | int | None, pattern: str = "{}") -> str:
    return "-" if value is None else pattern.format(value)


def row_cells(row: BenchRow) -> list[str]:
    return [
        row.file, row.goal, row.method, str(row.participants), str(row.candidates),
        cell_text(row.weight), cell_text(row.bound_pct, "{:.2f}%"), cell_text(row.holes),
        cell_text(row.no_meeting), cell_text(row.below), cell_text(row.wall_s, "{:.1f}"),
        cell_text(row.peak_mb, "{:.0f}"), row.status, row.stop, "yes" if row.valid else "NO",
        row.targets,
    ]  # fmt: skip


def reference_cells(
    name: str,
    goal: str,
    label: str,
    figures: tuple[int | None, int | None, int | None],
    bound: int | None,
) -> list[str]:
    """A README row: (weight, holes, people left out) beside the measured rows."""
    weight, hole_count, left_out = figures
    pct = 100 * weight / bound if bound and weight is not None else None
    no_meeting, below = (left_out, left_out) if goal == "min 1" else (None, left_out)
    return [name, goal, f"README {label}", "", "", cell_text(weight), cell_text(pct, "{:.2f}%"),
            cell_text(hole_count), cell_text(no_meeting), cell_text(below), "", "", "", "", "",
            ""]  # fmt: skip


def reference_lines(name: str, least: int, reference: Reference | None) -> list[list[str]]:
    """The README's figures for a file and minimum: baselines (min 1) and fairness bounds."""
    if reference is None:
        return []
    goal, bound, fairness = f"min {least}", reference.bound, reference.fairness
    lines = []
    if least == 1:
        for label, baseline in reference.baselines.items():
            lines.append(reference_cells(name, goal, label, baseline, bound))
        if fairness.fewest_without is not None:
            fewest = (fairness.weight_without, None, fairness.fewest_without)
            lines.append(reference_cells(name, goal, "fewest", fewest, bound))
    if least == 3 and fairness.fewest_below_3 is not None:
        fewest = (fairness.weight_below_3, None, fairness.fewest_below_3)
        lines.append(reference_cells(name, goal, "fewest", fewest, bound))
    return lines


def minimums(problem_file: Path, settings: BenchSettings) -> list[int | None]:
    """The guaranteed minimums a file is benchmarked with (None: the file's own)."""
    if settings.min_meetings is not None:
        return [settings.min_meetings]
    return [None, *EXTRA_MINIMUMS.get(problem_file.name, ())]


def run_bench(
    files: Sequence[Path], settings: BenchSettings, out: TextIO, json_path: Path | None = None
) -> list[BenchRow]:
    """Benchmark every file with every goal and method, printing one aligned row per run
    and the README's figures below them."""
    print(format_line([title for title, _, _ in COLUMNS]), file=out, flush=True)
    rows: list[BenchRow] = []
    with tempfile.TemporaryDirectory(prefix="matchmaker-bench-") as tmp:
        for problem_file in files:
            problem = load_problem(problem_file)
            reference = read_references(problem_file.parent / "README.md").get(problem_file.name)
            for least in minimums(problem_file, settings):
                for method in settings.methods:
                    run = Run(problem_file, method, least)
                    row = measure(problem, run, settings, Path(tmp), reference)
                    rows.append(row)
                    print(format_line(row_cells(row)), file=out, flush=True)
                effective = problem.min_meetings if least is None else least
                for cells in reference_lines(problem_file.name, effective, reference):
                    print(format_line(cells), file=out, flush=True)
    if json_path is not None:
        json_path.write_text(
            json.dumps([asdict(r) for r in rows], indent=1) + "\n", encoding="utf-8"
        )
    return rows


def child_main(argv: Sequence[str] | None = None) -> int:
    """In a child process: read, build and solve one file with one method, then report."""
    parser = argparse.ArgumentParser(prog="python -m solver.bench")
    parser.add_argument("method", choices=("solver", "greedy", "fcfs"))
    parser.add_argument("problem", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--stall", type=float)
    parser.add_argument("--min-meetings", type=int)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        problem = load_problem(args.problem)
    except FormatError as error:
        print(f"{args.problem}: {error}", file=sys.stderr)
        return 2
    if args.min_meetings is not None:
        problem = replace(problem, min_meetings=args.min_meetings)
    if args.method == "solver":
        options = SolveOptions(
            time_limit_s=args.time_limit, workers=args.workers, seed=args.seed, stall_s=args.stall
        )
        schedule = solve(problem, options)
    else:
        order: GreedyOrder = "weight" if args.method == "greedy" else "fcfs"
        schedule = greedy_schedule(problem, order=order, seed=args.seed)
    wall_s = time.perf_counter() - started
    dump_schedule(schedule, args.output)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"wall_s": wall_s, "peak_mb": peak_mb}))
    return 0


if __name__ == "__main__":
    raise SystemExit(child_main())
