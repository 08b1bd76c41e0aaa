"""`python -m solver bench`: the solver and the greedy baseline on reference problems.

Each (file, method) runs in its own child process (`python -m solver.bench METHOD ...`), so
the peak memory is that child's own ru_maxrss and one run cannot disturb the next. The
child times reading the file, building and solving, and writes its schedule to a file;
the parent validates it with `solver.validation` and measures it with `solver.metrics`.
Upper bounds and baseline figures come from the README.md next to the problem files.
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
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TextIO

import solver
from solver.fileformat import FormatError, dump_schedule, load_problem, load_schedule
from solver.greedy import GreedyOrder, greedy_schedule
from solver.metrics import holes, total_weight, zero_meeting_participants
from solver.pipeline import solve
from solver.schema import Problem, Schedule, SolveOptions
from solver.validation import validate

BENCH_DIR_VARIABLE = "MATCHMAKER_BENCH_DIR"
# Extra wall time a child gets beyond its time limit before it is killed.
CHILD_GRACE_S = 120.0


@dataclass(frozen=True)
class BenchSettings:
    time_limit_s: float = 60.0
    workers: int = 2
    seed: int = 0
    methods: tuple[str, ...] = ("solver", "greedy")


@dataclass(frozen=True)
class Reference:
    """A README row: the upper bound and the baselines' weight, holes and people left out."""

    bound: int | None
    baselines: dict[str, tuple[int, int, int]]


@dataclass(frozen=True)
class BenchRow:
    file: str
    method: str
    participants: int
    candidates: int
    weight: int | None
    bound_pct: float | None
    holes: int | None
    no_meeting: int | None
    wall_s: float | None
    peak_mb: float | None
    status: str
    valid: bool


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


def read_references(readme: Path) -> dict[str, Reference]:
    """File name -> reference figures, from the README's markdown table (if any)."""
    try:
        lines = readme.read_text(encoding="utf-8").splitlines()
    except OSError:
        return {}
    rows = [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in lines
        if line.lstrip().startswith("|")
    ]
    if not rows:
        return {}
    header = [h.lower() for h in rows[0]]
    if "file" not in header or "upper bound on weight" not in header:
        return {}
    file_col, bound_col = header.index("file"), header.index("upper bound on weight")
    greedy_col = next((i for i, h in enumerate(header) if h.startswith("greedy by weight")), None)
    fcfs_col = next((i for i, h in enumerate(header) if h.startswith("first-come")), None)
    references = {}
    for cells in rows[1:]:
        if len(cells) != len(header) or set(cells[file_col]) <= {"-", ":"}:
            continue
        baselines = {}
        for name, col in (("greedy", greedy_col), ("fcfs", fcfs_col)):
            figures = [parse_number(c) for c in cells[col : col + 3]] if col is not None else []
            if len(figures) == 3 and all(f is not None for f in figures):
                baselines[name] = (figures[0] or 0, figures[1] or 0, figures[2] or 0)
        references[cells[file_col]] = Reference(parse_number(cells[bound_col]), baselines)
    return references


def run_child(
    problem_file: Path, method: str, settings: BenchSettings, workdir: Path
) -> tuple[Schedule | None, float | None, float | None, str]:
    """Run one method in a child process: (schedule, wall s, peak MB, status or error)."""
    output = workdir / f"{problem_file.stem}.{method}.json"
    command = [
        sys.executable, "-m", "solver.bench", method, str(problem_file), str(output),
        "--time-limit", str(settings.time_limit_s), "--workers", str(settings.workers),
        "--seed", str(settings.seed),
    ]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(Path(solver.__file__).resolve().parents[1])}
    try:
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            env=env,
            timeout=settings.time_limit_s + CHILD_GRACE_S,
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


def measure(
    problem: Problem,
    problem_file: Path,
    method: str,
    settings: BenchSettings,
    workdir: Path,
    bound: int | None,
) -> BenchRow:
    """Run one method on one file and judge its schedule independently."""
    schedule, wall_s, peak_mb, status = run_child(problem_file, method, settings, workdir)
    people, candidates = len(problem.participants), len(problem.candidates)
    if schedule is None:
        return BenchRow(problem_file.name, method, people, candidates, None, None, None, None,
                        wall_s, peak_mb, status, False)  # fmt: skip
    weight = total_weight(problem, schedule.meetings)
    return BenchRow(
        file=problem_file.name,
        method=method,
        participants=people,
        candidates=candidates,
        weight=weight,
        bound_pct=100 * weight / bound if bound else None,
        holes=holes(problem, schedule.meetings),
        no_meeting=zero_meeting_participants(problem, schedule.meetings),
        wall_s=wall_s,
        peak_mb=peak_mb,
        status=status,
        valid=not validate(problem, schedule),
    )


COLUMNS = (
    ("file", 14, "<"), ("method", 15, "<"), ("people", 6, ">"), ("cands", 6, ">"),
    ("weight", 7, ">"), ("%bound", 7, ">"), ("holes", 6, ">"), ("no mtg", 6, ">"),
    ("wall s", 7, ">"), ("peak MB", 8, ">"), ("status", 10, "<"), ("valid", 5, "<"),
)  # fmt: skip


def format_line(cells: Sequence[str]) -> str:
    return "  ".join(
        f"{cell:{align}{width}}" for cell, (_, width, align) in zip(cells, COLUMNS, strict=True)
    ).rstrip()


def cell_text(value: float | int | None, pattern: str = "{}") -> str:
    return "-" if value is None else pattern.format(value)


def row_cells(row: BenchRow) -> list[str]:
    return [
        row.file, row.method, str(row.participants), str(row.candidates), cell_text(row.weight),
        cell_text(row.bound_pct, "{:.2f}%"), cell_text(row.holes), cell_text(row.no_meeting),
        cell_text(row.wall_s, "{:.1f}"), cell_text(row.peak_mb, "{:.0f}"), row.status,
        "yes" if row.valid else "NO",
    ]  # fmt: skip


def reference_cells(
    name: str, method: str, figures: tuple[int, int, int], bound: int | None
) -> list[str]:
    weight, hole_count, no_meeting = figures
    pct = 100 * weight / bound if bound else None
    return [name, f"README {method}", "", "", str(weight), cell_text(pct, "{:.2f}%"),
            str(hole_count), str(no_meeting), "", "", "", ""]  # fmt: skip


def run_bench(
    files: Sequence[Path], settings: BenchSettings, out: TextIO, json_path: Path | None = None
) -> list[BenchRow]:
    """Benchmark every file with every method, printing one aligned row per run."""
    print(format_line([title for title, _, _ in COLUMNS]), file=out, flush=True)
    rows: list[BenchRow] = []
    with tempfile.TemporaryDirectory(prefix="matchmaker-bench-") as tmp:
        for problem_file in files:
            problem = load_problem(problem_file)
            reference = read_references(problem_file.parent / "README.md").get(problem_file.name)
            bound = reference.bound if reference else None
            for method in settings.methods:
                row = measure(problem, problem_file, method, settings, Path(tmp), bound)
                rows.append(row)
                print(format_line(row_cells(row)), file=out, flush=True)
            for method, figures in (reference.baselines if reference else {}).items():
                print(
                    format_line(reference_cells(problem_file.name, method, figures, bound)),
                    file=out,
                    flush=True,
                )
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
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        problem = load_problem(args.problem)
    except FormatError as error:
        print(f"{args.problem}: {error}", file=sys.stderr)
        return 2
    if args.method == "solver":
        options = SolveOptions(time_limit_s=args.time_limit, workers=args.workers, seed=args.seed)
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
