"""Regular expressions under a time limit.

Rule files are data written by users, so a pattern may backtrack catastrophically
(``^(a|aa)+$`` on a long line). Every match runs with the ``regex`` module's
``timeout``; a pattern that runs out of time is skipped for the rest of that text
and reported, never allowed to hang the caller.

Patterns are matched against a whole stripped line (``fullmatch``), so a pattern
cannot remove a line it only touches. All patterns are compiled with
``regex.VERSION1``: inline flags are scoped, so ``(?i:...)`` in one part of a
pattern does not change the rest.
"""

from __future__ import annotations

import sys
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

import regex

from .prefilter import DIGIT, needs, present_in

FLAGS = regex.VERSION1


@dataclass(frozen=True)
class Pattern:
    """A compiled rule pattern, kept with its source text for reports."""

    source: str
    ignore_case: bool = False
    compiled: Any = field(default=None, compare=False, repr=False)

    @classmethod
    def compile(cls, source: str, *, ignore_case: bool = False) -> Pattern:
        """Compile ``source``; raises ``regex.error`` for an invalid pattern."""
        flags = FLAGS | (regex.IGNORECASE if ignore_case else 0)
        return cls(source, ignore_case, regex.compile(source, flags))


class Budget:
    """Time limits for one text: which patterns ran out, and how long each call may take.

    Mutable on purpose and private to one call of the engine.
    """

    __slots__ = ("timed_out", "timeout")

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self.timed_out: dict[str, str] = {}

    def fullmatch(self, key: str, pattern: Pattern, text: str) -> bool:
        """Match ``pattern`` against the whole of ``text``; False once it has timed out."""
        if key in self.timed_out:
            return False
        try:
            return pattern.compiled.fullmatch(text, timeout=self.timeout) is not None
        except TimeoutError:
            self.time_out(key, pattern)
            return False

    def time_out(self, key: str, pattern: Pattern) -> None:
        """Skip ``pattern`` for the rest of the text, and say why."""
        self.timed_out[key] = (
            f"pattern {pattern.source!r} timed out after {self.timeout:g}s "
            "and was skipped for this text"
        )


class PatternSet:
    """Many patterns matched against one line, each only where it can match.

    Nearly every line of a page matches none of the rule patterns, and running
    them all on every line is most of the cost of a text. Each pattern's
    necessary conditions (``prefilter.Needs``: first character, longest line,
    a digit, required strings) are read once; a line is matched only against
    the patterns whose conditions it meets.
    """

    def __init__(
        self, patterns: list[Pattern], keys: list[str], final: frozenset[int] = frozenset()
    ) -> None:
        self.patterns = patterns
        self.keys = keys
        # After a match of one of these, later patterns' matches would add
        # nothing (the line goes by that rule alone) and are left out.
        self.final = final
        self.needs = [needs(p.source, ignore_case=p.ignore_case) for p in patterns]
        # Candidates by a line's first character, the one condition shared by many lines.
        self._by_first: dict[str, _Candidates] = {}

    def _starting(self, char: str) -> _Candidates:
        found = self._by_first.get(char)
        if found is None:
            entries = sorted(
                (
                    -(_LONGEST if need.longest is None else need.longest),
                    i,
                    need.digit,
                    # Testing many strings costs more than running the pattern.
                    need.atoms if need.atoms and len(need.atoms) <= _ATOMS else None,
                    need.first is not None,
                    self.patterns[i].compiled.fullmatch,
                )
                for i, need in enumerate(self.needs)
                if need.starts(char)
            )
            found = ([entry[0] for entry in entries], [entry[1:] for entry in entries], {})
            if len(self._by_first) < _FIRST_CHARACTERS:
                self._by_first[char] = found
        return found

    def matching(self, text: str, budget: Budget) -> list[int]:
        """Indices of the patterns that match the whole of ``text``, in order."""
        if not text:
            return [
                i
                for i in range(len(self.patterns))
                if budget.fullmatch(self.keys[i], self.patterns[i], text)
            ]
        found = []
        present: set[str] | None = None
        digit = DIGIT.search(text) is not None
        timed_out = budget.timed_out
        longest, entries, strings = self._starting(text[0])
        # Entries go from the longest line they can match down: those that can
        # match a line this long come first.
        size = len(text)
        count = bisect_right(longest, -size)
        for i, needs_digit, atoms, first_known, fullmatch in entries[:count]:
            if needs_digit and not digit:
                continue
            if atoms is not None and (size <= _SEARCHED or not first_known):
                if present is None:
                    wanted = _wanted(strings, entries, count, size <= _SEARCHED, digit)
                    present = present_in(text, wanted)
                if atoms.isdisjoint(present):
                    continue
            # Budget.fullmatch, inlined: this loop runs for every line of a text.
            if timed_out and self.keys[i] in timed_out:
                continue
            try:
                match = fullmatch(text, timeout=budget.timeout)
            except TimeoutError:
                budget.time_out(self.keys[i], self.patterns[i])
                continue
            if match is not None:
                found.append(i)
        found.sort()
        for n, i in enumerate(found):
            if i in self.final:
                return found[: n + 1]
        return found


def _wanted(
    strings: dict[tuple[int, bool, bool], tuple[str, ...]],
    entries: list[tuple[int, bool, frozenset[str] | None, bool, Any]],
    count: int,
    short: bool,
    digit: bool,
) -> tuple[str, ...]:
    """Every string that one of the first ``count`` entries can still need, each once."""
    key = (count, short, digit)
    found = strings.get(key)
    if found is None:
        found = strings[key] = tuple(
            sorted(
                {
                    atom
                    for _, needs_digit, atoms, first_known, _ in entries[:count]
                    if atoms and (short or not first_known) and (digit or not needs_digit)
                    for atom in atoms
                }
            )
        )
    return found


# Minus the longest line each can match, ascending; (index, needs a digit,
# required strings, whether its first characters are known, the match) in the
# same order; and, filled as lines come, the strings those entries need (by how
# many entries a line's length leaves, whether it is short, whether it holds
# a digit).
_Candidates = tuple[
    list[int],
    list[tuple[int, bool, frozenset[str] | None, bool, Any]],
    dict[tuple[int, bool, bool], tuple[str, ...]],
]
_LONGEST = sys.maxsize
_ATOMS = 24
# Looking for a pattern's strings costs a pass over the line for each; a
# pattern that says how a line starts fails within a few characters of most
# lines. On longer lines than this, such a pattern is run without the search.
_SEARCHED = 100
# Distinct first characters remembered per pattern set (a page in a script not
# seen before adds a few dozen).
_FIRST_CHARACTERS = 4096
