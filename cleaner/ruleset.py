"""A loaded rule file: the source it describes, how to recognise it, its rules."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .rules import Rule

GENERIC = "generic"


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
    # Ids of generic rules that do not run on this source's pages, and the line
    # of ``skip_generic`` (for errors about unknown ids).
    skip_generic: tuple[str, ...] = ()
    skip_generic_line: int = 0
    # The file's ``heuristics:`` block as checked (section -> option -> value):
    # what its heuristic rules share, over the built-in values.
    heuristics: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
