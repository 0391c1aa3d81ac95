"""Run every registered benchmark and print one table (exit 0 whatever the goals say)."""

import argparse
import importlib
import sys
import time
import traceback

from benchmarks import BENCHMARKS, Result, format_table


def build_parser(modules) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    short_names = [name.rsplit(".", 1)[-1] for name in BENCHMARKS]
    parser.add_argument(
        "--only", action="append", choices=short_names, metavar="NAME",
        help=f"run only this benchmark (repeatable): {', '.join(short_names)}",
    )
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (a smoke run)")
    for module in modules:
        if hasattr(module, "add_arguments"):
            module.add_arguments(parser)
    return parser


def main(argv: list[str] | None = None) -> int:
    modules = [importlib.import_module(name) for name in BENCHMARKS]
    options = build_parser(modules).parse_args(argv)
    results: list[Result] = []
    for name, module in zip(BENCHMARKS, modules, strict=True):
        short = name.rsplit(".", 1)[-1]
        if options.only and short not in options.only:
            continue
        print(f"running {short} …", file=sys.stderr, flush=True)
        start = time.perf_counter()
        try:
            results.extend(module.run(options))
        except Exception as exc:  # one broken benchmark must not hide the others
            traceback.print_exc()
            results.append(Result(short, None, None, note=f"{type(exc).__name__}: {exc}",
                                  failed=True))
        print(f"  {short} took {time.perf_counter() - start:.1f} s", file=sys.stderr, flush=True)
    print(format_table(results))
    return 1 if any(r.failed for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
