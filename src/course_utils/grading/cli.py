"""`lr-course grade PATH...`: grade submitted notebooks in parallel, each one sandboxed."""

import argparse
import sys
from pathlib import Path

from course_utils.cli_args import CommandError, UsageError, positive, warn
from course_utils.grading.grade import Limits
from course_utils.grading.isolation import MODES

CHECKPOINTS = ".ipynb_checkpoints"
MB = 2**20


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help="a submitted notebook, or a folder (searched recursively for .ipynb)")
    parser.add_argument("--json", action="store_true",
                        help="print the results as JSON (the fixed contract) instead of a table")
    parser.add_argument("--csv", type=Path, metavar="FILE",
                        help="also write one row per submission: points per exercise, total")
    parser.add_argument("--feedback", type=Path, metavar="DIR",
                        help="also write one markdown feedback file per submission into DIR, "
                        "mirroring the submission folders (DIR/carol/04_cosine_annealing.md)")
    parser.add_argument("--jobs", type=positive(int), default=1, metavar="N",
                        help="submissions graded in parallel (default %(default)s)")
    parser.add_argument("--timeout", type=positive(float), default=Limits.timeout,
                        metavar="SECONDS", help="wall time for one submission, shared by its "
                        "exercises (default %(default)g)")
    parser.add_argument("--memory", type=positive(int), default=Limits.memory // MB, metavar="MB",
                        help="memory for the learner's code, per process (default %(default)s)")
    parser.add_argument("--isolation", choices=MODES, default="auto",
                        help="how the learner's code is confined: Linux namespaces (no network, "
                        "no files but the Python installation), the process sandbox alone, or "
                        "auto: namespaces where this machine allows them (default %(default)s)")
    parser.add_argument("--check", action="store_true",
                        help="only say which isolation this machine supports, and why not")


def collect(paths: list[Path]) -> list[Path]:
    """The files to grade: given files as they are, folders searched for notebooks."""
    found: list[Path] = []
    for path in paths:
        if not path.exists():
            raise UsageError(f"no such file or directory: {path}")
        if path.is_dir():
            notebooks = sorted(p for p in path.rglob("*.ipynb")
                               if CHECKPOINTS not in p.parts and p.is_file())
            if not notebooks:
                raise UsageError(f"no notebooks (.ipynb) found in {path}")
            found += notebooks
        else:
            found.append(path)
    unique, seen = [], set()
    for path in found:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique


def _check_outputs(args, submissions: list[Path]) -> None:
    """Refuse an output that would overwrite a submission or land in a missing folder."""
    resolved = {p.resolve() for p in submissions}
    if args.csv is not None:
        if args.csv.resolve() in resolved:
            raise UsageError(f"--csv {args.csv} is one of the submissions: never overwritten")
        if not args.csv.parent.is_dir():
            raise UsageError(f"--csv: no such directory: {args.csv.parent}")
    if args.feedback is not None and args.feedback.exists() and not args.feedback.is_dir():
        raise UsageError(f"--feedback {args.feedback} exists and is not a directory")


def grade_all(paths: list[Path], limits, jobs: int = 1, progress: bool = False,
              isolation: str = "auto") -> list:
    """SubmissionResults in the order of `paths`; every path gets one, whatever happens."""
    import queue
    from concurrent.futures import ThreadPoolExecutor

    from course_utils.grading.grade import SubmissionResult, grade_submission
    from course_utils.grading.sandbox import Sandbox

    jobs = max(1, min(jobs, len(paths)))
    pool: queue.Queue = queue.Queue()
    sandboxes = [Sandbox(isolation=isolation) for _ in range(jobs)]
    for sandbox in sandboxes:
        pool.put(sandbox)

    def one(path: Path):
        sandbox = pool.get()
        try:
            return grade_submission(path, sandbox, limits)
        except Exception as exc:  # a grader bug must still leave a row, and the batch going
            return SubmissionResult(str(path), error=f"grading failed: {type(exc).__name__}: "
                                    f"{exc}")
        finally:
            pool.put(sandbox)

    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(paths), unit="notebook", file=sys.stderr, leave=False)
    try:
        with ThreadPoolExecutor(max_workers=jobs) as executor:
            futures = [executor.submit(one, path) for path in paths]
            for future in futures:
                future.add_done_callback(lambda _f: bar.update(1) if bar else None)
            try:
                results = [future.result() for future in futures]
            except KeyboardInterrupt:
                executor.shutdown(wait=False, cancel_futures=True)
                raise
    finally:
        if bar is not None:
            bar.close()
        for sandbox in sandboxes:
            sandbox.close()
    return results


def check(args: argparse.Namespace) -> int:
    """`--check`: each isolation, whether this machine supports it (and why not); exit 1 when
    the one asked for is not available."""
    from course_utils.grading import isolation

    reason = isolation.unavailable()
    if reason is None:
        print(f"namespaces: available. {isolation.DESCRIPTIONS['namespaces']}")
    else:
        print(f"namespaces: not available: {reason}.\n  {isolation.how_to_enable(reason)}")
    print(f"process: available. {isolation.DESCRIPTIONS['process']}")
    print(f"--isolation auto uses {'namespaces' if reason is None else 'process'} here.")
    return 1 if args.isolation == "namespaces" and reason is not None else 0


def run(args: argparse.Namespace) -> int:
    from course_utils.grading import isolation, report

    if args.check:
        return check(args)
    if not args.paths:
        raise UsageError("give at least one PATH to grade (or --check)")
    submissions = collect(args.paths)
    _check_outputs(args, submissions)
    try:
        mode, fallback = isolation.choose(args.isolation)
    except isolation.IsolationError as exc:
        raise CommandError(f"{exc} Or grade with --isolation process.") from None
    if fallback:
        warn(args, fallback)
    limits = Limits(timeout=args.timeout, memory=args.memory * MB)
    progress = len(submissions) > 1 and sys.stderr.isatty()
    try:
        results = grade_all(submissions, limits, args.jobs, progress, mode)
    except KeyboardInterrupt:
        print(f"{args.prog}: interrupted; no results written", file=sys.stderr)
        return 130
    print(report.to_json(results, mode) if args.json else report.table(results, mode))
    for note, count in report.note_counts(results).items():  # also when the JSON cannot say
        warn(args, f"{note} ({count} submission(s))")
    if args.csv is not None:
        report.write_csv(results, args.csv)
    if args.feedback is not None:
        report.write_feedback(results, args.feedback, roots=args.paths, protected=submissions)
    return 0
