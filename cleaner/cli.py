"""The ``boilerclean`` command: a thin layer over the library.

    boilerclean [options] [FILE ...]

With files, it cleans them in place and exits 1 if it changed any (pre-commit's
convention), 0 if all were clean, 2 on an error or when the paths match no file.
With no file, or ``-``, it is a filter from standard input to standard output.
Every problem is one line on standard error, never a traceback. When the reader
of standard output goes away (``| head``), it stops quietly with status 141, as
a shell reports a filter that SIGPIPE ended.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import fnmatch
import functools
import json
import logging
import os
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import IO, Any, ParamSpec, TypeVar

from . import html as html_input
from . import runsafety
from .config import LOG_FORMAT, ConfigError, common_parent, diagnostics, load_settings
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
    text_path_for,
    unified_diff,
)
from .html import EXTRA_HINT, html_available
from .jsonl import Record, clean_record, tasks
from .patterns import DEFAULT_PAGE_BUDGET
from .site import shared_lines

T = TypeVar("T")
R = TypeVar("R")
P = ParamSpec("P")

EXIT_CLEAN, EXIT_CHANGED, EXIT_ERROR = 0, 1, 2
# As black; 128 + the signal's number for SIGINT and SIGTERM, as shells report.
EXIT_CRASH, EXIT_INTERRUPTED, EXIT_TERMINATED = 123, 130, 143
# 128 + SIGPIPE: what a shell reports for a filter whose reader went away.
EXIT_PIPE = 141

log = logging.getLogger(__name__)

# Fewer files than this are done before a bar would tell anything.
PROGRESS_FROM = 20


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
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; list the files that would change, then a summary",
    )
    parser.add_argument(
        "--diff",
        action="store_true",
        help="write nothing; print a unified diff of the changes (with --check too)",
    )
    parser.add_argument(
        "--explain",
        action="store_true",
        help="write nothing; list every removed line as PATH:LINE: SOURCE/RULE-ID: TEXT, and "
        "encoding repairs (HTML: lines of the extracted text)",
    )
    parser.add_argument(
        "--fix", action="store_true", help="with --explain: also clean the files as usual"
    )
    parser.add_argument(
        "--format",
        choices=["text", "json"],
        default="text",
        help="with --check or --explain: 'json' gives one JSON object a line",
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
        help="with -r, the files to take (repeatable; default: *.txt, or *.jsonl with "
        "--jsonl); a PATTERN without '/' matches file names at any depth, one with '/' "
        "the path below the folder given (sub/*.txt, **/*.txt)",
    )
    parser.add_argument(
        "-o",
        "--output-dir",
        metavar="DIR",
        help="write the results under DIR, keeping their paths below the files' common "
        "folder; the originals stay as they are",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace an existing NAME.clean.txt (or a file under --output-dir) that differs",
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
        "-q",
        "--quiet",
        action="store_true",
        help="errors only: no list of fixed files, summary or progress bar",
    )
    parser.add_argument(
        "-v",
        "--verbose",
        action="count",
        default=0,
        help="diagnostics on standard error (-vv: more)",
    )
    parser.add_argument(
        "--no-config",
        action="store_true",
        help="ignore [tool.boilerclean] in pyproject.toml",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    return parser


# The note that heads an HTML input's explanation: its line numbers are not the HTML's.
EXTRACTED = "line numbers count the lines of the text extracted from the HTML"


def format_explanation(explanation: Explanation, path: str = "-", html: bool = False) -> list[str]:
    """One line per removal, repair and skipped rule: ``path:line: rule: text``."""
    out = [f"{path}: html: {EXTRACTED}"] if html and explanation.removals else []
    out += [f"{path}:{r.line}: {r.rule}: {r.text}" for r in explanation.removals]
    out += [
        f"{path}:{r.line}: encoding: {' '.join(f'{a} {b}' for a, b in r.steps)}: {r.after}"
        for r in explanation.repairs
    ]
    out += [f"{path}: {s.rule}: skipped: {s.reason}" for s in explanation.skipped]
    out += [f"{path}: {note}" for note in explanation.notes]
    return out


def explanation_records(
    explanation: Explanation, path: str = "-", html: bool = False, record: int | None = None
) -> list[dict[str, Any]]:
    """``format_explanation`` as JSON objects: removals as ``{path, line, rule, text}``."""
    where: dict[str, Any] = {"path": path}
    if record is not None:
        where["record"] = record  # the JSON Lines record's line; "line" counts in its field
    if html:
        where["lines_of"] = "extracted text"
    out = [
        {"kind": "removal", **where, "line": r.line, "rule": r.rule, "text": r.text}
        for r in explanation.removals
    ]
    out += [
        {
            "kind": "repair",
            **where,
            "line": r.line,
            "rule": "encoding",
            "text": r.after,
            "steps": [list(step) for step in r.steps],
        }
        for r in explanation.repairs
    ]
    out += [
        {"kind": "skipped", **where, "line": None, "rule": s.rule, "text": s.reason}
        for s in explanation.skipped
    ]
    out += [
        {"kind": "note", **where, "line": None, "rule": None, "text": note}
        for note in explanation.notes
    ]
    return out


def _json(obj: dict[str, Any]) -> str:
    return json.dumps(obj, ensure_ascii=False)


# Worker processes build their own Cleaner once, from the same settings.
_WORKER: Cleaner | None = None


def _init_worker(rule_dirs: list[Path], timeout: float, page_budget: float, parent: int) -> None:
    global _WORKER
    runsafety.worker_setup(parent)
    # A worker's warnings (a rule turned off for the run) reach the user as the
    # parent's do; the library alone stays silent (a NullHandler).
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    logging.getLogger("cleaner").addHandler(handler)
    _WORKER = Cleaner(rule_dirs, timeout=timeout, page_budget=page_budget)


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


class _Report:
    """Lines on standard output and error, around a progress bar that never cuts into them.

    The bar (tqdm) shows only on a terminal, without ``-q``, for many files; each
    line is written with the bar cleared and drawn again below it.
    """

    def __init__(self, stdout: _TextOut, stderr: IO[str], total: int, quiet: bool) -> None:
        self.stdout, self.stderr = stdout, stderr
        self.bar: Any = None
        if not quiet and total >= PROGRESS_FROM and stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, file=stderr, unit="file", leave=False, dynamic_ncols=True)

    def out(self, text: str) -> None:
        self._write(text if text.endswith("\n") else text + "\n", self.stdout)

    def err(self, text: str) -> None:
        self._write(text + "\n", self.stderr)

    def _write(self, text: str, stream: IO[str] | _TextOut) -> None:
        if self.bar is None:
            stream.write(text)
            return
        self.bar.clear()
        stream.write(text)
        stream.flush()
        self.bar.refresh()

    def step(self) -> None:
        if self.bar is not None:
            self.bar.update()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _glob_match(relative: str, pattern: str) -> bool:
    """A file's path below the folder given matches ``pattern``: its name when the
    pattern has no '/', else the whole path, '*' within one folder, '**' any folders."""
    parts = relative.replace(os.sep, "/").split("/")
    if "/" not in pattern:
        return fnmatch.fnmatch(parts[-1], pattern)
    pattern = pattern.removeprefix("./")
    return _match_parts(parts, pattern.split("/"))


def _match_parts(parts: list[str], patterns: list[str]) -> bool:
    if not patterns:
        return not parts
    if patterns[0] == "**":
        return any(_match_parts(parts[i:], patterns[1:]) for i in range(len(parts) + 1))
    return (
        bool(parts)
        and fnmatch.fnmatch(parts[0], patterns[0])
        and _match_parts(parts[1:], patterns[1:])
    )


def _expand(
    paths: list[str], recursive: bool, globs: list[str], skip: str | None = None
) -> tuple[list[str], list[str]]:
    """Files to clean, and error lines for the paths that cannot be taken.

    ``skip`` is a folder not to look into (the output directory).
    """
    files, errors = [], []
    skipped = os.path.realpath(skip) if skip else None
    for path in paths:
        if os.path.isdir(path):
            if not recursive:
                errors.append(f"{path}: is a directory (use -r to clean the files in it)")
                continue
            for folder, dirs, names in os.walk(path):
                dirs[:] = sorted(
                    d
                    for d in dirs
                    if not d.startswith(".")
                    and os.path.realpath(os.path.join(folder, d)) != skipped
                )
                for name in sorted(names):
                    full = os.path.join(folder, name)
                    if any(_glob_match(os.path.relpath(full, path), g) for g in globs):
                        files.append(full)
        else:
            files.append(path)
    log.info("%d file(s) to clean", len(files))
    return files, errors


def _target(path: str, options: dict[str, Any], html: bool) -> str | None:
    """Where the result of ``path`` goes when not back into it (None: in place)."""
    name = text_path_for(path) if html else path
    if options["output_dir"] is None:
        return name if html else None
    relative = os.path.relpath(os.path.abspath(name), options["base"])
    return os.path.join(options["output_dir"], relative)


def _clean_file(cleaner: Cleaner, path: str, options: dict[str, Any]) -> FileResult:
    html = _is_html(path, options)
    target = _target(path, options, html)
    options = {k: v for k, v in options.items() if k not in ("html", "output_dir", "base")}
    if html:
        return process_html_file(cleaner, path, target=target, **options)
    options["encoding"] = options["encoding"] or "utf-8"
    return process_file(cleaner, path, target=target, **options)


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
    dest = _target(path, options, False)
    try:
        file = Path(path)
        check_readable(file)  # the same one-line errors as for text files, unread
        with contextlib.ExitStack() as stack:
            handle = stack.enter_context(file.open("rb"))
            # In place, from the first changed record on, records go to the
            # temporary file as they come (memory stays flat); it replaces the file
            # at the end. A file with nothing to change needs no temporary file.
            # Under --output-dir every record goes to a scratch file on disk, which
            # is compared with what the target already holds.
            out: AtomicWriter | IO[bytes] | None = None
            if dest is not None:
                out = stack.enter_context(tempfile.TemporaryFile())
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
                    notes += _record_explanation(path, record, options)
            if dest is not None:
                assert out is not None and not isinstance(out, AtomicWriter)
                out.seek(0)
                changed = _differs(dest, out)
                if changed and options["write"]:
                    out.seek(0)
                    _write_elsewhere(dest, out, options["force"])
            elif changed and isinstance(out, AtomicWriter):
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


def _record_explanation(path: str, record: Record, options: dict[str, Any]) -> list[str]:
    assert record.explanation is not None
    if options["format"] == "json":
        found = explanation_records(record.explanation, path, options["html"], record.line)
        return [_json(obj) for obj in found]
    return format_explanation(record.explanation, f"{path}:{record.line}", options["html"])


def _differs(dest: str, data: IO[bytes]) -> bool:
    """Whether ``dest`` is missing or holds other bytes than ``data``, read in blocks."""
    try:
        with open(dest, "rb") as held:
            while True:
                block = data.read(1 << 16)
                if block != held.read(len(block) or 1):
                    return True
                if not block:
                    return False
    except FileNotFoundError:
        return True
    except OSError as exc:
        raise FileError(f"{dest}: {exc.strerror or exc}") from None


def _write_elsewhere(dest: str, data: IO[bytes], force: bool) -> None:
    """Write a result under ``--output-dir``, never over a file that differs unless ``force``."""
    if os.path.lexists(dest) and not force:
        raise FileError(f"{dest}: exists and differs; left alone (--force replaces it)")
    try:
        Path(dest).parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FileError(f"{dest}: cannot write: {exc.strerror or exc}") from None
    try:
        with AtomicWriter(Path(dest)) as out:
            while block := data.read(1 << 20):
                out.write(block)
            out.commit()
    except FileError as exc:
        raise FileError(f"{dest}: {exc}") from None


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
            for line in _record_explanation("-", record, options):
                print(line, file=stderr)
    if args.check and args.format == "json":
        status = "error" if errors else "changed" if changed else "unchanged"
        stdout.write((_json({"kind": "file", "path": "-", "status": status}) + "\n").encode())
    stdout.flush()
    if errors:
        return EXIT_ERROR
    return EXIT_CHANGED if changed and (args.check or args.diff) else EXIT_CLEAN


def _jsonl_options(args: argparse.Namespace) -> dict[str, Any]:
    """What every JSON Lines record is cleaned with: the field, and where its text goes."""
    field = args.field or ("html" if args.html else "text")
    return {
        "source": args.source,
        "url": args.url,
        "field": field,
        "html": args.html,
        "format": args.format,
        # The text of an HTML field goes beside it, so the HTML is kept.
        "into": "text" if args.html and field != "text" else None,
    }


def _stdin_html(
    args: argparse.Namespace, cleaner: Cleaner, stdin: IO[bytes], stdout: IO[bytes], stderr: IO[str]
) -> int:
    # One byte past the limit is enough to refuse the page (see ``cleaner.html``).
    data = stdin.read(html_input.MAX_BYTES + 1)
    try:
        page: str | bytes = decode(data, args.encoding).text if args.encoding else data
        explanation = cleaner.explain_html(page, url=args.url, source=args.source)
    except (FileError, InputError) as exc:
        print(f"-: {exc}", file=stderr)
        return EXIT_ERROR
    # Text out of HTML is new text: there is nothing it "changes".
    text = explanation.text
    return _stdin_result(args, explanation, "", text.encode("utf-8"), False, stdout, stderr, True)


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
    html: bool = False,
) -> int:
    """Report a cleaned standard input as the options ask: explain, check, diff or filter."""
    if args.explain and args.format == "json":
        for obj in explanation_records(explanation, html=html):
            print(_json(obj), file=stderr)
    elif args.explain:
        for line in format_explanation(explanation, html=html):
            print(line, file=stderr)
    status = EXIT_CHANGED if changed else EXIT_CLEAN
    if args.diff:
        stdout.write(unified_diff("-", before, explanation.text).encode("utf-8"))
        stdout.flush()
        return status
    if args.check:
        if args.format == "json":
            obj = {"kind": "file", "path": "-", "status": "changed" if changed else "unchanged"}
            stdout.write((_json(obj) + "\n").encode("utf-8"))
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
    files, errors = _expand(args.files, args.recursive, globs, args.output_dir)
    for line in errors:
        print(line, file=stderr)
    if not files and not errors:
        # A CI gate must not pass having looked at nothing.
        what = f"the files matching {' or '.join(globs)}" if args.recursive else "the files"
        print(f"boilerclean: no file to clean: the paths given hold none of {what}", file=stderr)
        return EXIT_ERROR
    preview = _previewing(args)
    json_out = args.format == "json"
    options: dict[str, Any] = {
        "write": not preview,
        "diff": args.diff,
        "explain": args.explain,
        "url": args.url,
        "source": args.source,
        "force": args.force,
        "output_dir": args.output_dir,
        "base": str(common_parent(args.files)),
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
    report = _Report(stdout, stderr, len(files), args.quiet)
    counts = collections.Counter({"error": len(errors)})
    record_problems = False
    try:
        for result in _ordered(worker, per_file, cleaner, executor, 4 * args.jobs):
            report.step()
            counts[result.status] += 1
            if result.status == "error":
                report.err(f"{result.path}: {result.message}")
                if json_out and args.check:
                    report.out(_json(_file_record(result, preview)))
                continue
            if result.message:  # problems with single JSON Lines records
                record_problems = True
                report.err(result.message)
            if result.explanation is not None:
                html = _is_html(result.path, options)
                if json_out:
                    for obj in explanation_records(result.explanation, result.path, html):
                        report.out(_json(obj))
                else:
                    for line in format_explanation(result.explanation, result.path, html):
                        report.out(line)
            for line in result.notes:
                report.out(line)
            if result.diff:
                report.out(result.diff)
            if json_out and args.check:
                report.out(_json(_file_record(result, preview)))
            elif result.status == "changed" and not args.quiet and not args.diff and not json_out:
                if result.target is not None:
                    report.out(f"{'would write' if preview else 'wrote'} {result.target}")
                else:
                    report.out(f"{'would fix' if preview else 'fixed'} {result.path}")
    finally:
        report.close()
    stdout.flush()
    if not args.quiet:
        print(_summary(counts, preview), file=stderr)
    if counts["error"] or record_problems:
        return EXIT_ERROR
    return EXIT_CHANGED if counts["changed"] else EXIT_CLEAN


def _previewing(args: argparse.Namespace) -> bool:
    """Whether the run only reports: --check, --diff, or --explain without --fix."""
    return bool(args.check or args.diff or (args.explain and not args.fix))


def _file_record(result: FileResult, preview: bool) -> dict[str, Any]:
    """One file's outcome for ``--check --format json``."""
    obj: dict[str, Any] = {"kind": "file", "path": result.path, "status": result.status}
    if result.target is not None:
        obj["target"] = result.target
    if result.status == "error":
        obj["message"] = result.message
    obj["written"] = result.status == "changed" and not preview
    return obj


def _summary(counts: collections.Counter[str], preview: bool) -> str:
    """The last line of a run over files: "2 files would be cleaned, 5 already clean"."""
    parts = [
        (counts["changed"], "would be cleaned" if preview else "cleaned"),
        (counts["unchanged"], "already clean"),
        (counts["error"], "failed"),
    ]
    shown = [(n, what) for n, what in parts if n] or [(0, "cleaned")]
    first, what = shown[0]
    head = f"{first} file{'' if first == 1 else 's'} {what}"
    return ", ".join([head, *(f"{n} {what}" for n, what in shown[1:])])


_RULES_FLAGS = {"--no-config", "-q", "--quiet", "-v", "-vv", "-vvv", "--verbose"}
_RULES_VALUED = {"--rules", "--format"}


def _rules_command(argv: list[str]) -> list[str] | None:
    """The ``rules`` sub-command's arguments when argv is one, with the global options
    given before ``rules`` kept; None otherwise."""
    i = 0
    while i < len(argv):
        token = argv[i]
        if token == "rules":
            return argv[:i] + argv[i + 1 :]
        if token in _RULES_FLAGS or token.startswith(tuple(f"{o}=" for o in _RULES_VALUED)):
            i += 1
        elif token in _RULES_VALUED:
            i += 2
        else:
            return None
    return None


def _misused(args: argparse.Namespace) -> str | None:
    """Why these options make no sense together, or None: an option that would do
    nothing is refused rather than silently ignored."""
    named = bool(args.files) and args.files != ["-"]
    if args.field is not None and not args.jsonl:
        return "--field works with --jsonl"
    if args.glob and not args.recursive:
        return "--glob works with -r (it chooses the files inside directories)"
    if args.recursive and not named:
        return "-r needs directories to look into"
    if args.encoding and args.jsonl:
        return "--encoding does not apply to --jsonl (JSON Lines are UTF-8)"
    if args.fix and not args.explain:
        return "--fix goes with --explain (cleaning is what runs without --explain)"
    if args.fix and (args.check or args.diff):
        return "--fix cannot go with --check or --diff, which write nothing"
    if args.format == "json" and not (args.check or args.explain):
        return "--format json works with --check or --explain"
    if args.format == "json" and args.diff:
        return "--format json cannot go with --diff"
    if not named:
        for given, option in ((args.output_dir, "--output-dir"), (args.force, "--force")):
            if given:
                return f"{option} works on files given by name"
        if args.jobs > 1 and not args.jsonl:
            return "-j works on files given by name, or with --jsonl"
    return None


def _quiet_pipe(run: Callable[P, int]) -> Callable[P, int]:
    """Stop quietly when the reader of standard output goes away (``| head``).

    The process's own standard output is then pointed at /dev/null, so that
    Python's flush at exit does not report the lines nobody will read.
    """

    @functools.wraps(run)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> int:
        scope = contextlib.ExitStack()
        _SCOPES.append(scope)
        try:
            return run(*args, **kwargs)
        except BrokenPipeError:
            if kwargs.get("stdout") is None:
                with contextlib.suppress(OSError, ValueError):
                    devnull = os.open(os.devnull, os.O_WRONLY)
                    os.dup2(devnull, sys.stdout.fileno())
                    os.close(devnull)
            return EXIT_PIPE
        finally:
            _SCOPES.pop()
            scope.close()

    return wrapper


# What a run holds until it ends (the -v log handler), innermost run last.
_SCOPES: list[contextlib.ExitStack] = []


@_quiet_pipe
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
    except BrokenPipeError:
        raise  # a reader that went away is no crash: ``_quiet_pipe`` ends quietly
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
    rules_argv = _rules_command(argv)
    if rules_argv is not None:
        from .rules_cli import main as rules_main

        return rules_main(rules_argv, stdout=stdout, stderr=stderr)
    if not argv and stdin.isatty():
        # Waiting silently for a page typed at the terminal helps nobody.
        _parser().print_usage(stderr)
        print(
            "boilerclean: give FILEs to clean, or pipe a page in ('-' reads the terminal)",
            file=stderr,
        )
        return EXIT_ERROR
    args = seen["args"] = _parser().parse_args(argv)
    _SCOPES[-1].enter_context(diagnostics(stderr, args.verbose))
    misuse = _misused(args)
    if misuse:
        print(f"boilerclean: {misuse}", file=stderr)
        return EXIT_ERROR
    if args.jobs < 1:
        print("boilerclean: -j/--jobs must be at least 1", file=stderr)
        return EXIT_ERROR
    if args.html and not html_available():
        print(f"boilerclean: --html needs the html extra: {EXTRA_HINT}", file=stderr)
        return EXIT_ERROR
    if args.site and (args.jsonl or not args.files or args.files == ["-"]):
        print("boilerclean: --site works on text files given by name", file=stderr)
        return EXIT_ERROR
    try:
        settings = load_settings(common_parent(args.files)) if not args.no_config else None
        rule_dirs = [*(settings.rules if settings else ()), *map(Path, args.rules)]
        timeout = (settings.timeout if settings else None) or DEFAULT_TIMEOUT
        page_budget = (settings.page_budget if settings else None) or DEFAULT_PAGE_BUDGET
        for folder in rule_dirs:
            if not folder.is_dir():
                raise ConfigError(f"{folder}: no such rules directory")
        cleaner = Cleaner(rule_dirs, timeout=timeout, page_budget=page_budget)
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
        folders = list(runsafety.folders_of(args.files, args.recursive))
        if args.output_dir and os.path.isdir(args.output_dir):
            folders += runsafety.folders_of([args.output_dir], True)
        for line in runsafety.sweep(folders):
            print(line, file=stderr)
    executor = (
        ProcessPoolExecutor(
            args.jobs,
            initializer=_init_worker,
            initargs=(rule_dirs, timeout, page_budget, os.getpid()),
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
        # The workers stop first: flushing to a closed pipe raises again.
        if executor is not None:
            _stop(executor, aborted)
        text_out.flush()


def _stop(executor: ProcessPoolExecutor, abort: bool) -> None:
    """Shut the pool down; on a signal or a crash, stop the workers' running jobs too."""
    if abort:
        # SIGTERM makes a worker remove its temporary files and exit at once.
        for process in list(getattr(executor, "_processes", {}).values()):
            with contextlib.suppress(OSError, AttributeError):
                process.terminate()
    # Python 3.11's exit hook wakes the pool's manager thread without its lock:
    # if the thread closes its pipe meanwhile, the write fails and "Exception
    # ignored ... Bad file descriptor" reaches standard error. With the workers
    # stopped the thread ends at once: let it, first (shutdown forgets it).
    manager = getattr(executor, "_executor_manager_thread", None)
    executor.shutdown(wait=not abort, cancel_futures=True)
    if abort and manager is not None:
        manager.join(timeout=5)


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
