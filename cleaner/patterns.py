"""Regular expressions under a time limit.

Rule files are data written by users, so a pattern may backtrack catastrophically
(``^(a|aa)+$`` on a long line). Every match runs with the ``regex`` module's
``timeout``; a pattern that runs out of time is turned off for the rest of the
run and reported, and each text has a total budget of pattern time (``Budget``),
so that no rule file can hang the caller, however many slow patterns it holds.

Patterns are matched against a whole stripped line (``fullmatch``), so a pattern
cannot remove a line it only touches. All patterns are compiled with
``regex.VERSION1``: inline flags are scoped, so ``(?i:...)`` in one part of a
pattern does not change the rest.
"""

from __future__ import annotations

import logging
import sys
import time
from bisect import bisect_right
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from typing import Any

import regex

from .prefilter import DIGIT, Needs, needs, present_in

FLAGS = regex.VERSION1


@dataclass(frozen=True)
class Pattern:
    """A compiled rule pattern, kept with its source text for reports."""

    source: str
    ignore_case: bool = False
    compiled: Any = field(default=None, compare=False, repr=False)
    # A rule's ``max_length``: a longer line never matches.
    max_length: int | None = None

    @classmethod
    def compile(cls, source: str, *, ignore_case: bool = False) -> Pattern:
        """Compile ``source``; raises ``regex.error`` for an invalid pattern.

        Raises ``ValueError`` for groups nested more than ``MAX_NESTING`` deep,
        which the regex module's recursive parser cannot compile (a
        ``RecursionError`` at about 200).
        """
        if _nesting(source) > MAX_NESTING:
            raise ValueError(f"groups nested more than {MAX_NESTING} deep")
        flags = FLAGS | (regex.IGNORECASE if ignore_case else 0)
        return cls(source, ignore_case, regex.compile(source, flags))

    def bounded(self, max_length: int) -> Pattern:
        """The same pattern, matching no line longer than ``max_length`` code points."""
        return replace(self, max_length=max_length)

    def fits(self, text: str) -> bool:
        """Whether ``text`` is within the pattern's ``max_length``."""
        return self.max_length is None or len(text) <= self.max_length


MAX_NESTING = 100


def _nesting(source: str) -> int:
    """How deep the groups of ``source`` nest (sets, nested in VERSION1, counted apart)."""
    depth = deepest = sets = 0
    escaped = False
    for char in source:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[":
            sets += 1
            deepest = max(deepest, sets)
        elif char == "]" and sets:
            sets -= 1
        elif sets:
            continue
        elif char == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif char == ")" and depth:
            depth -= 1
    return deepest


# Bounds on the per-match timeout: a timeout of 0 or less, NaN or infinity
# would make every pattern time out (or none ever), and one above this lets a
# single line hold the run for minutes.
MAX_TIMEOUT = 10.0
# Pattern time one text may use in all, in seconds: a page of the dev corpus
# uses a few milliseconds, so only hostile or broken patterns come near it.
DEFAULT_PAGE_BUDGET = 2.0
MAX_PAGE_BUDGET = 600.0
# A call slower than this is charged to its rule, so that the rule that spent a
# page's budget can be named and turned off.
_SLOW_CALL = 0.001

_log = logging.getLogger("cleaner.patterns")


def check_seconds(name: str, value: object, maximum: float) -> float:
    """``value`` as a number of seconds in (0, ``maximum``].

    Raises ``TypeError`` for what is not a number, ``ValueError`` out of bounds.
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"{name} must be a number of seconds, not {type(value).__name__}")
    seconds = float(value)
    if not (0 < seconds <= maximum):  # False for NaN too
        raise ValueError(
            f"{name} must be more than 0 and at most {maximum:g} seconds, got {value!r}"
        )
    return seconds


class Budget:
    """Time limits for one text, and the rules turned off for the whole run.

    Each match may take ``timeout`` seconds; a pattern that times out is turned
    off in ``disabled``, which the ``Cleaner`` keeps for its life, so that a
    slow rule costs its timeout once per run rather than once per page. All
    matches of one text together may take ``page_budget`` seconds; once that is
    spent, no pattern runs on the rest of the text, and the rule that spent the
    most of it in slow calls is turned off as well.

    Mutable on purpose and private to one call of the engine.
    """

    __slots__ = (
        "disabled",
        "exhausted",
        "left",
        "page_budget",
        "slow",
        "start",
        "timed_out",
        "timeout",
    )

    def __init__(
        self,
        timeout: float,
        page_budget: float = DEFAULT_PAGE_BUDGET,
        disabled: dict[str, str] | None = None,
    ) -> None:
        self.timeout = timeout
        self.page_budget = page_budget
        self.left = page_budget
        self.exhausted = False
        # rule key -> why it is off; shared by every text a Cleaner cleans
        self.disabled: dict[str, str] = {} if disabled is None else disabled
        self.start = len(self.disabled)
        # rule key -> why it was skipped on this text (``Explanation.skipped``)
        self.timed_out: dict[str, str] = {}
        # rule key -> seconds spent in slow calls on this text
        self.slow: dict[str, float] = {}

    @property
    def steady(self) -> bool:
        """Whether every pattern has run in full so far (what a line matches can be kept)."""
        return not self.exhausted and len(self.disabled) == self.start

    def fullmatch(self, key: str, pattern: Pattern, text: str) -> bool:
        """Match ``pattern`` against the whole of ``text``; False once it is off."""
        if self.exhausted or key in self.disabled or not pattern.fits(text):
            return False
        return self.run(key, pattern, pattern.compiled.fullmatch, text)

    def run(self, key: str, pattern: Pattern, fullmatch: Any, text: str) -> bool:
        """One timed match, charged to the text's budget."""
        limit = self.timeout if self.timeout < self.left else self.left
        start = time.perf_counter()
        try:
            match = fullmatch(text, timeout=limit)
        except TimeoutError:
            self.charge(key, time.perf_counter() - start)
            if limit == self.timeout:
                self.time_out(key, pattern)
            else:
                self.run_out()
            return False
        self.charge(key, time.perf_counter() - start)
        return match is not None

    def charge(self, key: str, seconds: float) -> None:
        self.left -= seconds
        if seconds > _SLOW_CALL:
            self.slow[key] = self.slow.get(key, 0.0) + seconds
        if self.left <= 0 and not self.exhausted:
            self.run_out()

    def time_out(self, key: str, pattern: Pattern) -> None:
        """Turn ``pattern``'s rule off for the rest of the run, and say why, once."""
        reason = (
            f"pattern {pattern.source!r} timed out after {self.timeout:g}s "
            "and was skipped for the rest of the run"
        )
        self.turn_off(key, reason)

    def turn_off(self, key: str, reason: str) -> None:
        if key not in self.disabled:
            self.disabled[key] = reason
            _log.warning("%s: %s", key, reason)
        self.timed_out[key] = reason

    def run_out(self) -> None:
        """The text's pattern time is spent: no pattern runs on the rest of it."""
        self.exhausted = True
        self.timed_out["*"] = (
            f"the text's pattern-time budget of {self.page_budget:g}s ran out; "
            "no pattern rule ran on the rest of it"
        )
        if self.slow:
            key = max(self.slow, key=self.slow.__getitem__)
            self.turn_off(
                key,
                f"its pattern spent {self.slow[key]:.2g}s of a text's "
                f"{self.page_budget:g}s budget and was skipped for the rest of the run",
            )

    def noted(self, keys: Collection[str]) -> None:
        """Report the rules among ``keys`` that an earlier text turned off."""
        for key in keys:
            reason = self.disabled.get(key)
            if reason is not None:
                self.timed_out.setdefault(key, reason)


class PatternSet:
    """Many patterns matched against one line, each only where it can match.

    Nearly every line of a page matches none of the rule patterns, and running
    them all on every line is most of the cost of a text. Each pattern's
    necessary conditions (``prefilter.Needs``: first character, longest line,
    a digit, required strings) are read once; a line is matched only against
    the patterns whose conditions it meets.
    """

    def __init__(
        self,
        patterns: list[Pattern],
        keys: list[str],
        final: frozenset[int] = frozenset(),
        also: list[tuple[Pattern, ...]] | None = None,
    ) -> None:
        self.patterns = patterns
        self.keys = keys
        # After a match of one of these, later patterns' matches would add
        # nothing (the line goes by that rule alone) and are left out.
        self.final = final
        # A pattern whose match counts only where other patterns match too (a
        # rule's ``also``) needs what they need as well: "a digit" of a date
        # check rules out most lines before a loose grammar runs on them.
        extra = also or [()] * len(patterns)
        self.needs = [
            _bounded(_with(needs(p.source, ignore_case=p.ignore_case), more), p)
            for p, more in zip(patterns, extra, strict=True)
        ]
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
        if budget.exhausted:
            return []
        if not text:
            return [
                i
                for i in range(len(self.patterns))
                if budget.fullmatch(self.keys[i], self.patterns[i], text)
            ]
        found = []
        present: set[str] | None = None
        digit = DIGIT.search(text) is not None
        disabled = budget.disabled
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
            if disabled and self.keys[i] in disabled:
                continue
            if budget.run(self.keys[i], self.patterns[i], fullmatch, text):
                found.append(i)
            if budget.exhausted:
                break
        found.sort()
        for n, i in enumerate(found):
            if i in self.final:
                return found[: n + 1]
        return found


def _with(need: Needs, also: tuple[Pattern, ...]) -> Needs:
    """``need`` and what each of ``also`` needs: the shorter bound, a digit, some strings."""
    for other in also:
        more = needs(other.source, ignore_case=other.ignore_case)
        bounds = [n for n in (need.longest, more.longest) if n is not None]
        need = replace(
            need,
            longest=min(bounds) if bounds else None,
            digit=need.digit or more.digit,
            atoms=need.atoms if need.atoms is not None else more.atoms,
        )
    return need


def _bounded(need: Needs, pattern: Pattern) -> Needs:
    """``need`` with the pattern's ``max_length`` as its longest line, when that is shorter."""
    if pattern.max_length is None or (
        need.longest is not None and need.longest <= pattern.max_length
    ):
        return need
    return replace(need, longest=pattern.max_length)


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
