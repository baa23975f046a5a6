"""``boilerclean rules``: validate, test, list and learn rule files.

    boilerclean rules validate [PATH ...]   every problem as PATH:LINE:COL: message (rule-id)
    boilerclean rules test [PATH ...]       inline tests and tests/NAME.txt fixture pairs
    boilerclean rules list                  every known source, its file and how it is matched
    boilerclean rules learn --source NAME PAGE ...   propose a rule file from a site's pages

PATH is a rule file or a directory of them; without one, the built-in rules and
the project's configured rule directories. Exit status: 0 when all is well, 1
when a test fails, 2 when a rule file has a problem or the command is misused.
The options ``--rules``, ``--no-config``, ``-q``, ``-v`` and ``--format`` go
before or after the sub-command (``boilerclean --rules DIR rules list`` and
``boilerclean rules list --rules DIR`` are the same).
"""

from __future__ import annotations

import argparse
import difflib
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from .config import ConfigError, diagnostics, load_settings
from .engine import DEFAULT_TIMEOUT, Cleaner
from .errors import RuleError
from .loader import (
    builtin_rules_dir,
    check_source,
    inside,
    is_source_folder,
    load_file,
    resolve_extends,
    rule_files,
)
from .ruleset import GENERIC, STEPS, RuleSet
from .schema import SCHEMA_FILE

EXIT_OK, EXIT_FAILED, EXIT_ERROR = 0, 1, 2

log = logging.getLogger(__name__)

# The sub-commands whose reports --format json gives as JSON objects.
JSON_COMMANDS = ("validate", "list")


def _global_options(prefix: str, defaults: bool) -> argparse.ArgumentParser:
    """The options every sub-command takes, before or after its name.

    After the name they land in ``sub_*`` attributes (argparse would otherwise
    overwrite what was given before the name), merged by ``_merge``.
    """
    options = argparse.ArgumentParser(add_help=False)

    def default(value: object) -> object:
        return value if defaults else argparse.SUPPRESS

    options.add_argument(
        "--rules",
        action="append",
        dest=f"{prefix}rules",
        default=default([]),
        metavar="DIR",
        help="rule directories to load besides the built-in ones (repeatable)",
    )
    options.add_argument(
        "--no-config",
        action="store_true",
        dest=f"{prefix}no_config",
        default=default(False),
        help="ignore [tool.boilerclean]",
    )
    options.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        dest=f"{prefix}quiet",
        default=default(False),
        help="no summary lines on standard error",
    )
    options.add_argument(
        "-v",
        "--verbose",
        action="count",
        dest=f"{prefix}verbose",
        default=default(0),
        help="diagnostics on standard error (-vv: more)",
    )
    options.add_argument(
        "--format",
        choices=["text", "json"],
        dest=f"{prefix}format",
        default=default("text"),
        help="for validate and list: 'json' gives one JSON object a line",
    )
    return options


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="boilerclean rules",
        description="Validate, test, list and learn rule files.",
        parents=[_global_options("", True)],
    )
    common = [_global_options("sub_", False)]
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    validate = commands.add_parser(
        "validate", help="check rule files: syntax, schema, regexes, tests", parents=common
    )
    validate.add_argument("paths", nargs="*", metavar="PATH")
    test = commands.add_parser("test", help="run inline tests and fixture pairs", parents=common)
    test.add_argument("paths", nargs="*", metavar="PATH")
    commands.add_parser("list", help="list every known source", parents=common)
    learn = commands.add_parser(
        "learn", help="propose a rule file from pages of one site", parents=common
    )
    learn.add_argument("--source", required=True, help="the new source's name, e.g. example.com")
    learn.add_argument(
        "--domain",
        action="append",
        default=[],
        help="a URL host for 'match: domains' (repeatable; default: the source, if a domain)",
    )
    learn.add_argument("pages", nargs="+", metavar="PAGE", help="text files of the site's pages")
    return parser


def _merge(args: argparse.Namespace) -> argparse.Namespace:
    """The global options as given before and after the sub-command, together."""
    args.rules = [*args.rules, *getattr(args, "sub_rules", [])]
    args.no_config = args.no_config or getattr(args, "sub_no_config", False)
    args.quiet = args.quiet or getattr(args, "sub_quiet", False)
    args.verbose = args.verbose + getattr(args, "sub_verbose", 0)
    args.format = getattr(args, "sub_format", args.format)
    return args


class _Out:
    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream

    def line(self, text: str = "") -> None:
        self.stream.write((text + "\n").encode("utf-8", "replace"))


def _configured_dirs(args: argparse.Namespace) -> list[Path]:
    settings = None if args.no_config else load_settings()
    dirs = [*(settings.rules if settings else ()), *map(Path, args.rules)]
    for folder in dirs:
        if not folder.is_dir():
            raise ConfigError(f"{folder}: no such rules directory")
    return dirs


def _files(paths: Sequence[str], default_dirs: list[Path]) -> tuple[list[Path], list[str]]:
    """The rule files named (directories expanded), and one-line errors for bad paths."""
    files, errors = [], []
    for name in paths or [str(d) for d in default_dirs]:
        path = Path(name)
        if is_source_folder(path):
            files.append(path)
        elif path.is_dir():
            files += rule_files(path)
        elif path.is_file():
            files.append(path)
        else:
            errors.append(f"{name}: no such file or directory")
    return files, errors


def _load_checked(
    files: list[Path], base: dict[str, RuleSet]
) -> tuple[list[RuleSet], list[RuleError]]:
    """Each file checked in full; those without problems resolved against ``base``."""
    good: list[RuleSet] = []
    problems: list[RuleError] = []
    known = dict(base)
    for path in files:
        ruleset, errors = check_source(path)
        if errors or ruleset is None:
            problems += errors
            continue
        try:
            ruleset = resolve_extends(ruleset, known)
        except RuleError as error:
            problems.append(error)
            continue
        known[ruleset.source] = ruleset
        good.append(ruleset)
    return good, problems


def _base(files: list[Path]) -> dict[str, RuleSet]:
    """The built-in rule sets a file may extend, less the files being checked."""
    checked = {p.resolve() for p in files}
    base: dict[str, RuleSet] = {}
    for path in rule_files(builtin_rules_dir()):
        if path.resolve() not in checked:
            try:
                ruleset = resolve_extends(load_file(path), base)
            except RuleError:
                continue
            base[ruleset.source] = ruleset
    return base


def _cleaner_with(rulesets: list[RuleSet], base: dict[str, RuleSet]) -> Cleaner:
    merged = dict(base)
    for ruleset in rulesets:
        merged[ruleset.source] = ruleset
    return Cleaner.from_rulesets(merged.values(), timeout=DEFAULT_TIMEOUT)


def _normalise(text: str) -> str:
    return "\n".join(line.strip() for line in text.strip().splitlines())


@dataclass(frozen=True)
class _Failure:
    path: str  # the file the test stands in
    line: int
    name: str
    expected: str
    got: str
    fired: str  # the rules that fired, comma-separated


def _failing_inline(ruleset: RuleSet, cleaner: Cleaner) -> list[_Failure]:
    failures = []
    for test in ruleset.tests:
        result = cleaner.explain(test.input, source=ruleset.source)
        if _normalise(result.text) != _normalise(test.output):
            fired = ", ".join(dict.fromkeys(r.rule for r in result.removals)) or "none"
            failures.append(
                _Failure(
                    test.path or ruleset.path,
                    test.line,
                    test.name or "",
                    test.output,
                    result.text,
                    fired,
                )
            )
    return failures


@dataclass(frozen=True)
class _Checked:
    """The rule files a command was given, loaded and checked."""

    files: list[Path]
    bad_paths: list[str]
    good: list[RuleSet]
    problems: list[RuleError]
    cleaner: Cleaner


def _check(args: argparse.Namespace, err: IO[str]) -> _Checked:
    """Load the named (or configured) rule files; report paths that do not exist."""
    dirs = _configured_dirs(args)
    files, bad_paths = _files(args.paths, [builtin_rules_dir(), *dirs])
    for line in bad_paths:
        print(line, file=err)
    log.info("%d rule file(s) to check", len(files))
    base = _base(files)
    good, problems = _load_checked(files, base)
    return _Checked(files, bad_paths, good, problems, _cleaner_with(good, base))


def _validate(args: argparse.Namespace, out: _Out, err: IO[str]) -> int:
    checked = _check(args, err)
    files, bad_paths, good, problems = (
        checked.files,
        checked.bad_paths,
        checked.good,
        list(checked.problems),
    )
    cleaner = checked.cleaner
    for ruleset in good:
        for failure in _failing_inline(ruleset, cleaner):
            label = f" {failure.name!r}" if failure.name else ""
            problems.append(
                RuleError(
                    failure.path,
                    failure.line,
                    1,
                    f"inline test{label} fails (see 'boilerclean rules test {ruleset.path}')",
                )
            )
    for problem in problems:
        if args.format == "json":
            out.line(json.dumps(_problem_record(problem), ensure_ascii=False))
        else:
            out.line(str(problem))
    # Patterns of the user's files that run on the slow path: worth knowing,
    # no fault (the exit status stays). The built-in files' are the project's.
    builtin = builtin_rules_dir()
    for ruleset in good:
        if inside(Path(ruleset.path), builtin):
            continue
        for warning in ruleset.warnings:
            if args.format == "json":
                record = _problem_record(warning)
                record["message"] = warning.message.removeprefix("warning: ")
                record["severity"] = "warning"
                out.line(json.dumps(record, ensure_ascii=False))
            else:
                out.line(str(warning))
    if problems or bad_paths:
        return EXIT_ERROR
    if not args.quiet:
        print(f"{len(files)} rule file(s) valid", file=err)
    return EXIT_OK


def _problem_record(problem: RuleError) -> dict[str, object]:
    return {
        "path": problem.path,
        "line": problem.line,
        "col": problem.column,
        "message": problem.message,
        "rule": problem.rule_id,
    }


def _diff(expected: str, got: str) -> list[str]:
    return [
        line.rstrip("\n")
        for line in difflib.unified_diff(
            _normalise(expected).splitlines(),
            _normalise(got).splitlines(),
            "expected",
            "got",
            lineterm="",
        )
    ]


def _test(args: argparse.Namespace, out: _Out, err: IO[str]) -> int:
    checked = _check(args, err)
    bad_paths, good, problems, cleaner = (
        checked.bad_paths,
        checked.good,
        checked.problems,
        checked.cleaner,
    )
    for problem in problems:
        out.line(str(problem))
    passed = failed = 0
    for ruleset in good:
        failures = _failing_inline(ruleset, cleaner)
        for failure in failures:
            out.line(f"FAIL {failure.path}:{failure.line}: {failure.name or 'inline test'}")
            for diff_line in _diff(failure.expected, failure.got):
                out.line(f"    {diff_line}")
            out.line(f"    rules that fired: {failure.fired}")
        failed += len(failures)
        passed += len(ruleset.tests) - len(failures)
    # A source folder's fixtures are those of the rules directory it stands in.
    folders = dict.fromkeys(Path(rs.path).parent / "tests" for rs in good)
    escaped = []
    for folder in folders:
        if folder.is_dir() and not inside(folder, folder.parent):
            escaped.append(folder)
            continue
        for expected_file in sorted(folder.glob("*.clean.txt")) if folder.is_dir() else []:
            page = expected_file.with_name(expected_file.name[: -len(".clean.txt")] + ".txt")
            if not page.is_file():
                continue
            url_file = page.with_suffix(".url")
            # Fixtures come with rules from someone else's repository: a symlink
            # out of the folder would print another file's text in the diff.
            outside = [f for f in (expected_file, page, url_file) if f.exists()]
            outside = [f for f in outside if not inside(f, folder)]
            if outside:
                escaped += outside
                continue
            url = url_file.read_text(encoding="utf-8").strip() if url_file.is_file() else None
            result = cleaner.explain(page.read_text(encoding="utf-8"), url=url)
            expected = expected_file.read_text(encoding="utf-8")
            # Golden files compare exactly, as black's do: a stray blank line or
            # trailing space is a change a reader of the output sees.
            if result.text == expected:
                passed += 1
                continue
            failed += 1
            fired = ", ".join(dict.fromkeys(r.rule for r in result.removals)) or "none"
            out.line(f"FAIL {page}")
            for diff_line in _diff(expected, result.text):
                out.line(f"    {diff_line}")
            out.line(f"    rules that fired: {fired}")
    for path in escaped:
        out.line(f"{path}: a symlink to outside the rules directory; not read")
    out.line(f"{passed} passed, {failed} failed")
    if problems or bad_paths or escaped:
        return EXIT_ERROR
    return EXIT_FAILED if failed else EXIT_OK


def _list(args: argparse.Namespace, out: _Out, err: IO[str]) -> int:
    cleaner = Cleaner(_configured_dirs(args))
    for name in [GENERIC, *cleaner.sources]:
        ruleset = cleaner.rulesets.get(name)
        if ruleset is None:
            continue
        if args.format == "json":
            record = {
                "source": name,
                "rules": len(ruleset.rules),
                "path": ruleset.path,
                "domains": list(ruleset.match.domains),
                "markers": list(ruleset.match.markers),
                "replaces": list(cleaner.replaced.get(name, ())),
                "steps": list(STEPS) if name == GENERIC else [],
            }
            out.line(json.dumps(record, ensure_ascii=False))
            continue
        out.line(f"{name}  ({len(ruleset.rules)} rules)  {ruleset.path}")
        if name == GENERIC:
            out.line("    applies to every page, after the source's rules")
            out.line("    and steps of the pass, which skip_generic takes as ids too:")
            width = max(map(len, STEPS))
            for step, note in STEPS.items():
                out.line(f"      {step:<{width}}  {note}")
        if ruleset.match.domains:
            out.line(f"    domains: {', '.join(ruleset.match.domains)}")
        if ruleset.match.markers:
            out.line(f"    markers: {'; '.join(ruleset.match.markers)}")
        if not ruleset.match.domains and not ruleset.match.markers and name != GENERIC:
            out.line("    matched only when chosen by name (--source)")
        for earlier in cleaner.replaced.get(name, ()):
            out.line(f"    replaces {earlier}")
    return EXIT_OK


def _learn(args: argparse.Namespace, out: _Out, err: IO[str]) -> int:
    from .learn import learn

    if len(args.pages) < 2:
        print(
            "boilerclean rules learn: give at least two pages of the site: a line is "
            "only proposed for removal when it recurs on another page",
            file=err,
        )
        return EXIT_ERROR
    pages = []
    for name in args.pages:
        try:
            pages.append(Path(name).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            print(f"{name}: cannot read: {getattr(exc, 'strerror', None) or exc}", file=err)
            return EXIT_ERROR
    domains = args.domain or ([args.source] if "." in args.source else [])
    cleaner = Cleaner(_configured_dirs(args))
    # The schema's name, as the built-in files give it: an absolute path would
    # name this machine in a file meant to be committed and shared.
    proposal = learn(pages, args.source, cleaner, domains=domains, schema=SCHEMA_FILE)
    out.stream.write(proposal.text.encode("utf-8"))
    rules = len(proposal.ruleset.rules)
    if args.quiet:
        return EXIT_OK
    print(f"learned {rules} rule(s) from {len(pages)} pages", file=err)
    for rule_id in proposal.dropped:
        print(f"dropped {rule_id}: it removed prose that only one page has", file=err)
    if not proposal.markers:
        print("no marker found: use --url or --source to apply these rules", file=err)
    return EXIT_OK


def main(argv: Sequence[str], *, stdout: IO[bytes], stderr: IO[str]) -> int:
    try:
        args = _merge(_parser().parse_args(list(argv)))
    except SystemExit as exit_:
        return EXIT_ERROR if exit_.code else EXIT_OK
    if args.format == "json" and args.command not in JSON_COMMANDS:
        print(
            f"boilerclean rules {args.command}: --format json is for validate and list", file=stderr
        )
        return EXIT_ERROR
    out = _Out(stdout)
    command = {"validate": _validate, "test": _test, "list": _list, "learn": _learn}
    try:
        with diagnostics(stderr, args.verbose):
            return command[args.command](args, out, stderr)
    except (ConfigError, RuleError) as exc:
        print(f"boilerclean: {exc}", file=stderr)
        return EXIT_ERROR
    finally:
        stdout.flush()
