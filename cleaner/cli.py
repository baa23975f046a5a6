"""The ``boilerclean`` command: a thin layer over the library.

It reads a page on standard input and writes the article to standard output.
Errors are one line on standard error and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version

from .engine import Cleaner, Explanation
from .errors import RuleError


def _version() -> str:
    try:
        return version("boilerclean")
    except PackageNotFoundError:
        return "unknown"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="boilerclean",
        description="Strip boilerplate from a web page's text: reads standard input, "
        "writes the article to standard output.",
    )
    parser.add_argument("--url", help="the page's URL, to choose the source's rules")
    parser.add_argument(
        "--source", help="use this source's rules (a name from the rules folder, or 'generic')"
    )
    parser.add_argument(
        "--explain",
        action="store_true",
        help="also list every removed line and encoding repair on standard error",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    return parser


def format_explanation(explanation: Explanation, path: str = "-") -> list[str]:
    """One line per removal, repair and skipped rule: ``path:line: rule: text``."""
    out = [f"{path}:{r.line}: {r.rule}: {r.text}" for r in explanation.removals]
    out += [
        f"{path}:{r.line}: encoding: {' '.join(f'{a} {b}' for a, b in r.steps)}: {r.after}"
        for r in explanation.repairs
    ]
    out += [f"{path}: {s.rule}: skipped: {s.reason}" for s in explanation.skipped]
    return out


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        cleaner = Cleaner()
    except RuleError as exc:
        print(f"boilerclean: {exc}", file=sys.stderr)
        return 2
    data = sys.stdin.buffer.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        print(f"-: cannot decode as UTF-8 (byte {exc.start}: {exc.reason})", file=sys.stderr)
        return 2
    try:
        explanation = cleaner.explain(text, url=args.url, source=args.source)
    except ValueError as exc:
        print(f"boilerclean: {exc}", file=sys.stderr)
        return 2
    if args.explain:
        for line in format_explanation(explanation):
            print(line, file=sys.stderr)
    # Lone surrogates can survive from the input; never fail on the way out.
    sys.stdout.buffer.write(explanation.text.encode("utf-8", "replace"))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
