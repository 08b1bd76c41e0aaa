"""`python -m solver solve|check|bench`: the solver on problem and schedule files.

Exit codes: 0 success (check: the schedule is valid); 1 the schedule breaks a rule, or a
solve found the locked meetings infeasible; 2 bad input (unreadable or invalid files,
bad options), always as one line on stderr, never a traceback; 130 a second Ctrl-C (the
first one stops a solve early and still writes the best schedule found).
"""

from __future__ import annotations

import argparse
import signal
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from types import FrameType
from typing import NoReturn, TypeVar

from solver.fileformat import (
    FormatError,
    dump_schedule,
    dumps_schedule,
    load_problem,
    load_schedule,
)
from solver.metrics import compute_stats
from solver.schema import Progress, SolveOptions, SolveStatus, Stats
from solver.validation import validate

EXIT_OK = 0
EXIT_BROKEN = 1
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130

Loaded = TypeVar("Loaded")


class BadInput(Exception):
    """Input the command cannot work with; the message is printed as is."""


class OneLineParser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line on stderr and exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"error: {message} (see `python -m solver --help`)\n")


def positive_seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be more than 0 seconds, got {text!r}")
    return value


def at_least(minimum: int) -> Callable[[str], int]:
    """An argument type: an integer of at least `minimum`."""

    def integer(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not an integer: {text!r}") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be at least {minimum}, got {text!r}")
        return value

    return integer


positive_int = at_least(1)


def read_file(path: Path, load: Callable[[Path], Loaded]) -> Loaded:
    """Load a problem or schedule file; any failure becomes a one-line `BadInput`."""
    try:
        return load(path)
    except FormatError as error:
        raise BadInput(f"{path}: {error}") from None
    except OSError as error:
        raise BadInput(f"cannot read {path}: {error.strerror or error}") from None


def summary(stats: Stats) -> str:
    """One line of a schedule's figures."""
    share = (
        f" ({100 * stats.weight / stats.bound:.1f}% of bound {stats.bound})" if stats.bound else ""
    )
    return (
        f"{stats.meetings} meetings, weight {stats.weight}{share}, {stats.holes} holes, "
        f"{stats.zero_meeting_participants} people without a meeting, "
        f"{stats.below_minimum_participants} below their minimum, "
        f"{stats.moved_from_previous} moved from previous"
    )


def goals_text(progress: Progress) -> str:
    """The goals in order as 'name value/bound', e.g. 'below_minimum 2/0, weight 3040/3046'."""
    return ", ".join(f"{g.name} {g.value}/{g.bound}" for g in progress.goals)


class ProgressPrinter:
    """Prints progress to stderr at most once a second (and every phase change)."""

    def __init__(self) -> None:
        self.last_time = 0.0
        self.last_phase = ""

    def __call__(self, progress: Progress) -> None:
        now = time.monotonic()
        if progress.phase == self.last_phase and now - self.last_time < 1.0:
            return
        self.last_time, self.last_phase = now, progress.phase
        print(
            f"[{progress.elapsed_s:6.1f}s / {progress.time_limit_s:.0f}s] {progress.phase}: "
            f"{goals_text(progress)} (value/bound)",
            file=sys.stderr,
            flush=True,
        )


class Interrupt:
    """Turns the first Ctrl-C into a cancel request, so the best schedule is still written."""

    def __init__(self) -> None:
        self.requested = False

    def __call__(self) -> bool:
        return self.requested

    def handle(self, signum: int, frame: FrameType | None) -> None:
        if self.requested:
            raise KeyboardInterrupt
        self.requested = True
        print("stopping: writing the best schedule found so far", file=sys.stderr, flush=True)


def command_solve(args: argparse.Namespace) -> int:
    problem = read_file(args.problem, load_problem)
    from solver.pipeline import solve  # OR-Tools loads slowly: not before the input is read

    if args.min_meetings is not None:
        problem = replace(problem, min_meetings=args.min_meetings)
    options = SolveOptions(
        time_limit_s=args.time_limit, workers=args.workers, seed=args.seed, stall_s=args.stall
    )
    interrupt = Interrupt()
    previous_handler = signal.signal(signal.SIGINT, interrupt.handle)
    try:
        schedule = solve(
            problem, options, progress=None if args.quiet else ProgressPrinter(), cancel=interrupt
        )
    finally:
        signal.signal(signal.SIGINT, previous_handler)
    if args.output is None:
        sys.stdout.write(dumps_schedule(schedule))
    else:
        try:
            dump_schedule(schedule, args.output)
        except OSError as error:
            raise BadInput(f"cannot write {args.output}: {error.strerror or error}") from None
    info = schedule.solver
    stop = f" ({info.stop.value})" if info.stop else ""
    print(
        f"{info.status.value} in {info.wall_s:.1f}s{stop}: {summary(schedule.stats)}",
        file=sys.stderr,
    )
    if info.status == SolveStatus.INFEASIBLE:
        print(f"infeasible: {info.message}", file=sys.stderr)
        for conflict in info.conflicts:
            print(f"  {conflict}", file=sys.stderr)
        return EXIT_BROKEN
    return EXIT_OK


def command_check(args: argparse.Namespace) -> int:
    problem = read_file(args.problem, load_problem)
    schedule = read_file(args.schedule, load_schedule)
    violations = validate(problem, schedule)
    if violations:
        print(f"invalid: {len(violations)} broken rule{'s' if len(violations) > 1 else ''}")
        for violation in violations:
            print(f"  [{violation.rule}] {violation.message}")
        return EXIT_BROKEN
    stats = compute_stats(problem, schedule.meetings, schedule.stats.bound)
    print(f"valid: {summary(stats)}")
    return EXIT_OK


def command_bench(args: argparse.Namespace) -> int:
    from solver.bench import BenchSettings, default_bench_files, run_bench  # loads OR-Tools

    settings = BenchSettings(
        time_limit_s=args.time_limit,
        workers=args.workers,
        seed=args.seed,
        methods=tuple(args.methods.split(",")),
        stall_s=args.stall,
        min_meetings=args.min_meetings,
    )
    unknown = [m for m in settings.methods if m not in ("solver", "greedy", "fcfs")]
    if unknown:
        raise BadInput(f"--methods: unknown method {unknown[0]!r} (use solver, greedy, fcfs)")
    files = list(args.files) if args.files else default_bench_files()
    if not files:
        raise BadInput("no problem files to benchmark (pass FILES or set MATCHMAKER_BENCH_DIR)")
    missing = [f for f in files if not f.is_file()]
    if missing:
        raise BadInput(f"cannot read {missing[0]}: no such file")
    for problem_file in files:
        read_file(problem_file, load_problem)
    rows = run_bench(files, settings, out=sys.stdout, json_path=args.json)
    return EXIT_OK if all(row.valid for row in rows) else EXIT_BROKEN


TIME_LIMIT_HELP = "wall-clock limit of one solve in seconds (default 60)"
BENCH_TIME_LIMIT_HELP = (
    "wall-clock limit of each solve in seconds "
    "(default per file: S-60 5, M-400 15, L-2000 60, XL-5000 300, others 60)"
)
WORKERS_HELP = "CP-SAT search threads (default 2; 1 gives the same schedule for the same seed)"
SEED_HELP = "random seed (default 0)"
STALL_HELP = "stop after S seconds without a gain (default 10%% of the time limit, at least 3 s)"
MIN_MEETINGS_HELP = "guaranteed minimum of meetings per person, replacing the file's"


def add_solve_options(
    parser: argparse.ArgumentParser, time_limit: float | None, time_limit_help: str
) -> None:
    """The options a solve takes, shared by `solve` and `bench`."""
    parser.add_argument(
        "--time-limit", type=positive_seconds, default=time_limit, metavar="S", help=time_limit_help
    )
    parser.add_argument("--stall", type=positive_seconds, metavar="S", help=STALL_HELP)
    parser.add_argument("--workers", type=positive_int, default=2, help=WORKERS_HELP)
    parser.add_argument("--seed", type=int, default=0, help=SEED_HELP)
    parser.add_argument("--min-meetings", type=at_least(0), metavar="N", help=MIN_MEETINGS_HELP)


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog="python -m solver",
        description="Schedule B2B meetings from matchmaker-problem/1 files, check schedules, "
        "and benchmark the solver against the greedy baseline.",
        epilog="Exit codes: 0 done or valid, 1 broken rules (or infeasible locks), 2 bad input.",
    )
    commands = parser.add_subparsers(dest="command", required=True, parser_class=OneLineParser)

    solve = commands.add_parser("solve", help="solve a problem file into a schedule file")
    solve.add_argument("problem", type=Path, help="matchmaker-problem/1 JSON file")
    solve.add_argument("-o", "--output", type=Path, help="schedule file to write (default stdout)")
    add_solve_options(solve, 60.0, TIME_LIMIT_HELP)
    solve.add_argument("-q", "--quiet", action="store_true", help="no progress lines")
    solve.set_defaults(run=command_solve)

    check = commands.add_parser("check", help="check a schedule against its problem")
    check.add_argument("problem", type=Path, help="matchmaker-problem/1 JSON file")
    check.add_argument("schedule", type=Path, help="matchmaker-schedule/1 JSON file")
    check.set_defaults(run=command_check)

    bench = commands.add_parser("bench", help="solver and greedy baseline on reference problems")
    bench.add_argument(
        "files",
        nargs="*",
        type=Path,
        metavar="FILES",
        help="problem files (default: *.json in $MATCHMAKER_BENCH_DIR or ../shared/bench)",
    )
    add_solve_options(bench, None, BENCH_TIME_LIMIT_HELP)
    bench.add_argument(
        "--methods", default="solver,greedy", help="comma-separated: solver, greedy, fcfs"
    )
    bench.add_argument("--json", type=Path, metavar="OUT", help="also write the rows as JSON")
    bench.set_defaults(run=command_bench)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = build_parser().parse_args(argv)
    try:
        code: int = args.run(args)
    except BadInput as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    return code
