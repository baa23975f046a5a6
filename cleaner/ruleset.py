"""A loaded rule file: the source it describes, how to recognise it, its rules."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .errors import RuleError
from .patterns import Pattern
from .rules import Rule

GENERIC = "generic"
# Steps of the pass that remove lines under a generic id with no rule in any
# file behind it. Pages print them as ``generic/ID`` like any rule, so
# ``skip_generic`` takes their ids too, and ``rules list`` shows them.
REPEATED_LINE_ID = "repeated-line"
SITE_REPEAT_ID = "site-repeat"
STEPS: dict[str, str] = {
    REPEATED_LINE_ID: "a line the page prints again, as a doubled headline; the first copy stays",
    SITE_REPEAT_ID: "a line that other pages of the same site print too (clean_many, --site)",
}


@dataclass(frozen=True)
class Match:
    """How a source is recognised: URL host names, or literal strings in the text."""

    domains: tuple[str, ...] = ()
    markers: tuple[str, ...] = ()


@dataclass(frozen=True)
class InlineTest:
    """An ``input``/``output`` pair from a rule file's ``tests:`` list."""

    input: str
    output: str
    line: int
    name: str | None = None
    # The file it stands in, when its source is a folder of files.
    path: str | None = None


@dataclass(frozen=True)
class RuleSet:
    """The rules of one source (or ``generic``), as loaded from one YAML file."""

    source: str
    path: str
    match: Match
    rules: tuple[Rule, ...]
    tests: tuple[InlineTest, ...] = ()
    description: str | None = None
    # ``extends:``, unresolved: another source's name or a path; and its line.
    extends: str | None = None
    extends_line: int = 0
    # Whether the file says how to match (an extending file without ``match``
    # takes its base's).
    has_match: bool = True
    # Ids of generic rules (or ``STEPS``) that do not run on this source's
    # pages, and the line of ``skip_generic`` (for errors about unknown ids).
    skip_generic: tuple[str, ...] = ()
    skip_generic_line: int = 0
    # Where each top-level key and each rule's id stand (file, 1-based line and
    # column), for errors about a source split over a folder of files.
    places: Mapping[str, tuple[str, int, int]] = field(default_factory=dict, compare=False)
    rule_places: tuple[tuple[str, int, int], ...] = field(default=(), compare=False)
    # The file's ``heuristics:`` block as checked (section -> option -> value):
    # what its heuristic rules share, over the built-in values.
    heuristics: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    # Every pattern of the file with the warning it gets should it run on
    # Python's engine, the slow path (``Pattern.slow_reason``). Whether it does
    # is known once the core compiles it in full, which cleaning alone may
    # never need; ``warnings`` asks.
    slow_candidates: tuple[tuple[Pattern, RuleError], ...] = field(
        default=(), compare=False, repr=False
    )

    @property
    def warnings(self) -> tuple[RuleError, ...]:
        """What is worth knowing but no fault: the file's slow-path patterns, where they stand."""
        return tuple(
            RuleError(w.path, w.line, w.column, f"{w.message}{pattern.slow_reason}", w.rule_id)
            for pattern, w in self.slow_candidates
            if pattern.slow_reason is not None
        )
