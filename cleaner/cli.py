"""The ``boilerclean`` command: a thin layer over the library.

    boilerclean [options] [FILE ...]

With files, it cleans them in place and exits 1 if it changed any (pre-commit's
convention), 0 if all were clean, 2 on an error. With no file, or ``-``, it is a
filter from standard input to standard output. Every problem is one line on
standard error, never a traceback.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import fnmatch
import json
import os
import sys
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import IO, Any, TypeVar

from . import runsafety
from .config import ConfigError, load_settings
from .engine import DEFAULT_TIMEOUT, Cleaner, Explanation
from .errors import InputError, RuleError
from .files import (
    AtomicWriter,
    FileError,
    FileResult,
    check_readable,
    decode,
    encode,
    is_html_path,
    process_file,
    process_html_file,
    read_bytes,
    unified_diff,
)
from .jsonl import Record, clean_record, tasks
from .site import shared_lines

T = TypeVar("T")
R = TypeVar("R")

EXIT_CLEAN, EXIT_CHANGED, EXIT_ERROR = 0, 1, 2
# As black; 128 + the signal's number for SIGINT and SIGTERM, as shells report.
EXIT_CRASH, EXIT_INTERRUPTED, EXIT_TERMINATED = 123, 130, 143


def _version() -> str:
    try:
        return version("boilerclean")
    except PackageNotFoundError:
        return "unknown"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="boilerclean",
        description="Strip boilerplate from text scraped off web pages. Cleans FILEs in "
        "place (exit 1 if any changed), or standard input to standard output.",
        epilog="Rule files: 'boilerclean rules {validate,test,list,learn} --help'.",
    )
    parser.add_argument(
        "files", nargs="*", metavar="FILE", help="files to clean; '-' or none: stdin"
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--check", action="store_true", help="write nothing; list the files that would change"
    )
    mode.add_argument(
        "--diff", action="store_true", help="write nothing; print a unified diff of the changes"
    )
    parser.add_argument(
        "--explain",
        action="store_true",
        help="list every removed line as PATH:LINE: SOURCE/RULE-ID: TEXT, and encoding repairs",
    )
    parser.add_argument("--url", help="the pages' URL, to choose the source's rules")
    parser.add_argument("--source", help="use this source's rules ('generic' for generic only)")
    parser.add_argument(
        "--rules",
        action="append",
        default=[],
        metavar="DIR",
        help="also load the rule files in DIR (repeatable; a file replaces a built-in one "
        "for the same source)",
    )
    parser.add_argument(
        "--html",
        action="store_true",
        help="input is HTML: trafilatura extracts the main text, then the rules run. Files "
        "ending in .html or .htm are taken as HTML anyway; an HTML file's text goes to "
        "NAME.clean.txt beside it; with --jsonl, a record's 'html' field is cleaned into "
        "its 'text' field",
    )
    parser.add_argument(
        "--jsonl",
        action="store_true",
        help="input is JSON Lines: clean one field of each record (a 'url' field is used "
        "to choose rules)",
    )
    parser.add_argument(
        "--field",
        help="the JSON Lines field to clean (default: text; with --html: html, whose "
        "text goes into the text field)",
    )
    parser.add_argument(
        "--site",
        action="store_true",
        help="the files are pages of one or more sites: also drop the lines that pages of "
        "one site share (sites told by --url, else by the lines the files share)",
    )
    parser.add_argument(
        "-r", "--recursive", action="store_true", help="clean the files inside directories"
    )
    parser.add_argument(
        "--glob",
        action="append",
        metavar="PATTERN",
        help="with -r, the file names to take (repeatable; default: *.txt, or *.jsonl with "
        "--jsonl)",
    )
    parser.add_argument(
        "--encoding",
        help="read and write files in this encoding (default: utf-8; HTML: its declared "
        "charset, else detected)",
    )
    parser.add_argument(
        "-j", "--jobs", type=int, default=1, metavar="N", help="clean in N processes"
    )
    parser.add_argument(
        "-q", "--quiet", action="store_true", help="do not list fixed files; errors only"
    )
    parser.add_argument(
        "--no-config",
        action="store_true",
        help="ignore [tool.boilerclean] in pyproject.toml",
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
    out += [f"{path}: {note}" for note in explanation.notes]
    return out


# Worker processes build their own Cleaner once, from the same settings.
_WORKER: Cleaner | None = None


def _init_worker(rule_dirs: list[Path], timeout: float, parent: int) -> None:
    global _WORKER
    runsafety.worker_setup(parent)
    _WORKER = Cleaner(rule_dirs, timeout=timeout)


def _call_worker(job: tuple[Callable[..., R], tuple[Any, ...]]) -> R:
    fn, args = job
    assert _WORKER is not None
    return fn(_WORKER, *args)


def _ordered(
    fn: Callable[..., R],
    items: Iterable[tuple[Any, ...]],
    cleaner: Cleaner,
    executor: Executor | None,
    window: int,
) -> Iterator[R]:
    """``fn(cleaner, *item)`` for each item, in order, at most ``window`` in flight."""
    if executor is None:
        for item in items:
            yield fn(cleaner, *item)
        return
    pending: collections.deque[Any] = collections.deque()
    for item in items:
        pending.append(executor.submit(_call_worker, (fn, item)))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


class _Progress:
    """A one-line progress bar on standard error, only when it is a terminal."""

    def __init__(self, total: int, stream: IO[str]) -> None:
        self.total, self.done, self.stream = total, 0, stream
        self.on = total >= 20 and stream.isatty()

    def step(self) -> None:
        self.done += 1
        if self.on and (self.done == self.total or self.done % 10 == 0):
            filled = 30 * self.done // self.total
            bar = "#" * filled + "." * (30 - filled)
            self.stream.write(f"\r[{bar}] {self.done}/{self.total}")
            self.stream.flush()

    def close(self) -> None:
        if self.on:
            self.stream.write("\r" + " " * 50 + "\r")
            self.stream.flush()


def _expand(paths: list[str], recursive: bool, globs: list[str]) -> tuple[list[str], list[str]]:
    """Files to clean, and error lines for the paths that cannot be taken."""
    files, errors = [], []
    for path in paths:
        if os.path.isdir(path):
            if not recursive:
                errors.append(f"{path}: is a directory (use -r to clean the files in it)")
                continue
            for folder, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(names):
                    if any(fnmatch.fnmatch(name, g) for g in globs):
                        files.append(os.path.join(folder, name))
        else:
            files.append(path)
    return files, errors


def _clean_file(cleaner: Cleaner, path: str, options: dict[str, Any]) -> FileResult:
    html = _is_html(path, options)
    options = {key: value for key, value in options.items() if key != "html"}
    if html:
        return process_html_file(cleaner, path, **options)
    options["encoding"] = options["encoding"] or "utf-8"
    return process_file(cleaner, path, **options)


def _clean_jsonl_file(cleaner: Cleaner, path: str, options: dict[str, Any]) -> FileResult:
    """A JSON Lines file, streamed record by record, then written back if it changed.

    Problems with single records are reported in ``message`` (one line each); the
    other records are still cleaned.
    """
    url, field = options["url"], options["field"]
    run = _record_explainer(cleaner, options)
    notes: list[str] = []
    problems: list[str] = []
    changed = False
    try:
        file = Path(path)
        check_readable(file)  # the same one-line errors as for text files, unread
        with contextlib.ExitStack() as stack:
            handle = stack.enter_context(file.open("rb"))
            # From the first changed record on, records go to the temporary file
            # as they come (memory stays flat); it replaces the file at the end.
            # A file with nothing to change needs no temporary file at all.
            out: AtomicWriter | None = None
            done = 0
            for task in tasks(handle):
                record = clean_record(task, run, field, url, options["into"])
                if record.changed and options["write"] and out is None:
                    out = stack.enter_context(AtomicWriter(file))
                    _copy_start(file, done, out)
                if out is not None:
                    out.write(record.out)
                done += len(record.raw)
                if record.error:
                    problems.append(f"{path}:{record.line}: {record.error}")
                if record.changed:
                    changed = True
                    if options["diff"]:
                        notes.append(_record_diff(path, record, options["into"] or field))
                if options["explain"] and record.explanation is not None:
                    notes += format_explanation(record.explanation, f"{path}:{record.line}")
            if changed and out is not None:
                out.commit()
    except FileError as exc:
        return FileResult(path, "error", str(exc))
    return FileResult(
        path, "changed" if changed else "unchanged", "\n".join(problems), notes=tuple(notes)
    )


def _copy_start(file: Path, size: int, out: AtomicWriter) -> None:
    """The first ``size`` bytes of ``file`` into ``out``: the records before the first change."""
    with file.open("rb") as handle:
        while size > 0:
            chunk = handle.read(min(size, 1 << 20))
            if not chunk:
                break
            out.write(chunk)
            size -= len(chunk)


def _record_diff(path: str, record: Record, field: str) -> str:
    before = json.loads(record.raw).get(field)
    after = json.loads(record.out)[field]
    before = before if isinstance(before, str) else ""
    return unified_diff(f"{path}:{record.line}", before, after).rstrip("\n")


def _record_task(cleaner: Cleaner, task: tuple[int, bytes], options: dict[str, Any]) -> Record:
    run = _record_explainer(cleaner, options)
    return clean_record(task, run, options["field"], options["url"], options["into"])


def _record_explainer(
    cleaner: Cleaner, options: dict[str, Any]
) -> Callable[[str, str | None], Explanation]:
    """How a record's field is cleaned: as text, or as HTML with ``--html``."""
    source = options["source"]
    explain = cleaner.explain_html if options["html"] else cleaner.explain

    def run(text: str, url: str | None) -> Explanation:
        return explain(text, url=url, source=source)

    return run


def _stdin_jsonl(
    args: argparse.Namespace,
    cleaner: Cleaner,
    executor: Executor | None,
    stdin: IO[bytes],
    stdout: IO[bytes],
    stderr: IO[str],
) -> int:
    options = _jsonl_options(args)
    errors = changed = 0
    records = ((task, options) for task in tasks(stdin))
    for record in _ordered(_record_task, records, cleaner, executor, 64):
        if not (args.check or args.diff):
            stdout.write(record.out)
        if record.error:
            errors += 1
            print(f"-:{record.line}: {record.error}", file=stderr)
        if record.changed:
            changed += 1
            if args.diff:
                diff = _record_diff("-", record, options["into"] or options["field"])
                stdout.write((diff + "\n").encode("utf-8"))
        if args.explain and record.explanation is not None:
            for line in format_explanation(record.explanation, f"-:{record.line}"):
                print(line, file=stderr)
    stdout.flush()
    if errors:
        return EXIT_ERROR
    return EXIT_CHANGED if changed and args.check else EXIT_CLEAN


def _jsonl_options(args: argparse.Namespace) -> dict[str, Any]:
    """What every JSON Lines record is cleaned with: the field, and where its text goes."""
    field = args.field or ("html" if args.html else "text")
    return {
        "source": args.source,
        "url": args.url,
        "field": field,
        "html": args.html,
        # The text of an HTML field goes beside it, so the HTML is kept.
        "into": "text" if args.html and field != "text" else None,
    }


def _stdin_html(
    args: argparse.Namespace, cleaner: Cleaner, stdin: IO[bytes], stdout: IO[bytes], stderr: IO[str]
) -> int:
    data = stdin.read()
    try:
        page: str | bytes = decode(data, args.encoding).text if args.encoding else data
        explanation = cleaner.explain_html(page, url=args.url, source=args.source)
    except (FileError, InputError) as exc:
        print(f"-: {exc}", file=stderr)
        return EXIT_ERROR
    # Text out of HTML is new text: there is nothing it "changes".
    text = explanation.text
    return _stdin_result(args, explanation, "", text.encode("utf-8"), False, stdout, stderr)


def _stdin_text(
    args: argparse.Namespace, cleaner: Cleaner, stdin: IO[bytes], stdout: IO[bytes], stderr: IO[str]
) -> int:
    data = stdin.read()
    encoding = args.encoding or "utf-8"
    try:
        decoded = decode(data, encoding)
        explanation = cleaner.explain(decoded.text, url=args.url, source=args.source)
        out = encode(explanation.text, decoded, encoding)
    except FileError as exc:
        print(f"-: {exc}", file=stderr)
        return EXIT_ERROR
    return _stdin_result(args, explanation, decoded.text, out, out != data, stdout, stderr)


def _stdin_result(
    args: argparse.Namespace,
    explanation: Explanation,
    before: str,
    out: bytes,
    changed: bool,
    stdout: IO[bytes],
    stderr: IO[str],
) -> int:
    """Report a cleaned standard input as the options ask: explain, check, diff or filter."""
    if args.explain:
        for line in format_explanation(explanation):
            print(line, file=stderr)
    status = EXIT_CHANGED if changed else EXIT_CLEAN
    if args.check:
        return status
    if args.diff:
        stdout.write(unified_diff("-", before, explanation.text).encode("utf-8"))
        stdout.flush()
        return status
    stdout.write(out)
    stdout.flush()
    return EXIT_CLEAN


def _is_html(path: str, options: dict[str, Any]) -> bool:
    return bool(options["html"]) or is_html_path(path)


def _with_shared_lines(
    files: list[str], options: dict[str, Any], encoding: str | None
) -> tuple[list[tuple[str, dict[str, Any]]], list[str]]:
    """Each readable file with its options and the lines other pages of its site share.

    All the text files are read first (a site's lines are known only once every
    page is); the ones that cannot be read are reported and left out. HTML files
    go as they are: a site's shared lines are a matter of page dumps.
    """
    texts, readable, errors = [], [], []
    for path in files:
        if _is_html(path, options):
            continue
        try:
            texts.append(decode(read_bytes(Path(path)), encoding or "utf-8").text)
            readable.append(path)
        except FileError as exc:
            errors.append(f"{path}: {exc}")
    shared = dict(zip(readable, shared_lines(texts, [options["url"]] * len(texts)), strict=True))
    per_file = [
        (path, {**options, "shared": shared[path]} if path in shared else options)
        for path in files
        if path in shared or _is_html(path, options)
    ]
    return per_file, errors


def _files(
    args: argparse.Namespace,
    cleaner: Cleaner,
    executor: Executor | None,
    stdout: _TextOut,
    stderr: IO[str],
) -> int:
    globs = args.glob or (
        ["*.jsonl"] if args.jsonl else ["*.html", "*.htm"] if args.html else ["*.txt"]
    )
    files, errors = _expand(args.files, args.recursive, globs)
    for line in errors:
        print(line, file=stderr)
    options: dict[str, Any] = {
        "write": not (args.check or args.diff),
        "diff": args.diff,
        "explain": args.explain,
        "url": args.url,
        "source": args.source,
    }
    if args.jsonl:
        worker: Callable[..., FileResult] = _clean_jsonl_file
        options.update(_jsonl_options(args))
    else:
        worker = _clean_file
        options["encoding"] = args.encoding
        options["html"] = args.html
    per_file: Iterable[tuple[str, dict[str, Any]]] = ((f, options) for f in files)
    if args.site:
        per_file, unread = _with_shared_lines(files, options, args.encoding)
        files = [f for f, _ in per_file]
        for line in unread:
            print(line, file=stderr)
        errors += unread
    progress = _Progress(len(files), stderr)
    changed = 0
    failed = bool(errors)
    for result in _ordered(worker, per_file, cleaner, executor, 4 * args.jobs):
        progress.step()
        if result.status == "error":
            failed = True
            print(f"{result.path}: {result.message}", file=stderr)
            continue
        if result.message:  # problems with single JSON Lines records
            failed = True
            print(result.message, file=stderr)
        if result.explanation is not None:
            for line in format_explanation(result.explanation, result.path):
                print(line, file=stdout)
        for line in result.notes:
            print(line, file=stdout)
        if result.diff:
            stdout.write(result.diff)
        if result.status == "changed":
            changed += 1
            if not args.quiet and not args.diff:
                if result.target is not None:
                    verb = "would write" if args.check else "wrote"
                    print(f"{verb} {result.target}", file=stdout)
                else:
                    print(f"{'would fix' if args.check else 'fixed'} {result.path}", file=stdout)
    progress.close()
    stdout.flush()
    if failed:
        return EXIT_ERROR
    return EXIT_CHANGED if changed else EXIT_CLEAN


def main(
    argv: Sequence[str] | None = None,
    *,
    stdin: IO[bytes] | None = None,
    stdout: IO[bytes] | None = None,
    stderr: IO[str] | None = None,
) -> int:
    """Run the command; returns the exit status (streams default to the process's).

    SIGINT and SIGTERM remove the run's temporary files and end it with 130 and
    143; a crash is one line and 123 (black's), never 1, which means "changed".
    """
    err = stderr if stderr is not None else sys.stderr
    seen: dict[str, argparse.Namespace] = {}
    try:
        with runsafety.signals_handled():
            return _main(argv, stdin, stdout, err, seen)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except runsafety.Terminated:
        return EXIT_TERMINATED
    except BrokenProcessPool:
        print(
            "boilerclean: a worker process died (killed by the system, perhaps for lack of "
            "memory); the files it was writing are as they were",
            file=err,
        )
        return EXIT_ERROR
    except Exception as exc:
        reason = " ".join(str(exc).split())  # one line, whatever the message holds
        name = type(exc).__name__
        print(f"boilerclean: internal error: {name}: {reason} (please report)", file=err)
        if getattr(seen.get("args"), "verbose", 0):
            traceback.print_exc(file=err)
        return EXIT_CRASH


def _main(
    argv: Sequence[str] | None,
    stdin: IO[bytes] | None,
    stdout: IO[bytes] | None,
    stderr: IO[str],
    seen: dict[str, argparse.Namespace],
) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    stdin = stdin if stdin is not None else sys.stdin.buffer
    stdout = stdout if stdout is not None else sys.stdout.buffer
    stderr = stderr if stderr is not None else sys.stderr
    if argv and argv[0] == "rules":
        from .rules_cli import main as rules_main

        return rules_main(argv[1:], stdout=stdout, stderr=stderr)
    args = seen["args"] = _parser().parse_args(argv)
    if args.jobs < 1:
        print("boilerclean: -j/--jobs must be at least 1", file=stderr)
        return EXIT_ERROR
    if args.site and (args.jsonl or not args.files or args.files == ["-"]):
        print("boilerclean: --site works on text files given by name", file=stderr)
        return EXIT_ERROR
    try:
        settings = load_settings() if not args.no_config else None
        rule_dirs = [*(settings.rules if settings else ()), *map(Path, args.rules)]
        timeout = (settings.timeout if settings else None) or DEFAULT_TIMEOUT
        for folder in rule_dirs:
            if not folder.is_dir():
                raise ConfigError(f"{folder}: no such rules directory")
        cleaner = Cleaner(rule_dirs, timeout=timeout)
        if args.source is not None and args.source not in cleaner.rulesets:
            known = ", ".join(["generic", *cleaner.sources])
            raise ConfigError(f"unknown source {args.source!r}; known sources: {known}")
    except (ConfigError, RuleError) as exc:
        print(f"boilerclean: {exc}", file=stderr)
        return EXIT_ERROR

    text_out = _TextOut(stdout)
    use_stdin = not args.files or args.files == ["-"]
    if "-" in args.files and not use_stdin:
        print("boilerclean: '-' (standard input) cannot be mixed with files", file=stderr)
        return EXIT_ERROR
    if not use_stdin and not (args.check or args.diff):
        # What killed runs left in these folders (see ``runsafety``).
        for line in runsafety.sweep(runsafety.folders_of(args.files, args.recursive)):
            print(line, file=stderr)
    executor = (
        ProcessPoolExecutor(
            args.jobs, initializer=_init_worker, initargs=(rule_dirs, timeout, os.getpid())
        )
        if args.jobs > 1
        else None
    )
    aborted = True
    try:
        if use_stdin and args.jsonl:
            status = _stdin_jsonl(args, cleaner, executor, stdin, stdout, stderr)
        elif use_stdin and args.html:
            status = _stdin_html(args, cleaner, stdin, stdout, stderr)
        elif use_stdin:
            status = _stdin_text(args, cleaner, stdin, stdout, stderr)
        else:
            status = _files(args, cleaner, executor, text_out, stderr)
        aborted = False
        return status
    finally:
        text_out.flush()
        if executor is not None:
            _stop(executor, aborted)


def _stop(executor: ProcessPoolExecutor, abort: bool) -> None:
    """Shut the pool down; on a signal or a crash, stop the workers' running jobs too."""
    if abort:
        # SIGTERM makes a worker remove its temporary files and exit at once.
        for process in list(getattr(executor, "_processes", {}).values()):
            with contextlib.suppress(OSError, AttributeError):
                process.terminate()
    executor.shutdown(wait=not abort, cancel_futures=True)


class _TextOut:
    """Text lines onto the binary standard output, as UTF-8 whatever the locale."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(text.encode("utf-8", "replace"))
        return len(text)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return False


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
