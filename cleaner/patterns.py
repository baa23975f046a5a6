r"""Rule patterns: the linear engine where it can, Python's under a time limit where not.

Patterns are written for Python's ``regex`` module (``regex.VERSION1``: inline
flags are scoped, so ``(?i:...)`` in one part of a pattern does not change the
rest), and matched against a whole stripped line (``fullmatch``), so a pattern
cannot remove a line it only touches. Each is read by the compiled core
(``_core.Pattern``), which runs it in time linear in the line wherever the
``regex`` crate reads it as Python does, and by the ``regex`` module, the
reference: at once for a pattern the core does not admit (the module checks
it and runs it), and otherwise only when the core leaves a line to Python,
since compiling every built-in pattern twice was most of a process's first
``clean()``. The others, the slow path (lookaround,
back-references, atomic groups, possessive quantifiers, ``\Z``, syntax only the
``regex`` module has; ``Pattern.slow_reason`` says which), run on the ``regex``
module, on the lines that the core cannot rule out.

Rule files are data written by users, so a slow-path pattern may backtrack
catastrophically. Every such match runs with the ``regex`` module's
``timeout``; a pattern that runs out of time is turned off for the rest of the
run and reported, and each text has a total budget of that pattern time
(``Budget``), so that no rule file can hang the caller, however many slow
patterns it holds. Linear patterns need no such bound.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

import regex

from . import _core

FLAGS = regex.VERSION1


@dataclass(frozen=True)
class Pattern:
    """A compiled rule pattern, kept with its source text for reports."""

    source: str
    ignore_case: bool = False
    # Python's compilation, made at once for a pattern the core does not admit;
    # ``python`` gives it either way.
    compiled: Any = field(default=None, compare=False, repr=False)
    # The core's compilation (``_core.Pattern``): the linear engine, or the
    # slow path's filter.
    linear: Any = field(default=None, compare=False, repr=False)
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
        linear = core_pattern(source, ignore_case)
        compiled = None if linear.admitted else python_pattern(source, ignore_case)
        return cls(source, ignore_case, compiled, linear)

    @property
    def python(self) -> Any:
        """The pattern compiled by the ``regex`` module."""
        if self.compiled is not None:
            return self.compiled
        return python_pattern(self.source, self.ignore_case)

    @property
    def slow_reason(self) -> str | None:
        """Why the pattern runs on Python's engine (the slow path); None when linear."""
        reason: str | None = self.linear.slow_reason
        return reason

    def fullmatch(self, text: str) -> bool | None:
        """The core's answer for all of ``text``; None where Python's engine must say."""
        try:
            found: bool | None = self.linear.fullmatch(text)
        except UnicodeEncodeError:  # lone surrogates: Python's to match
            return None
        return found

    def bounded(self, max_length: int) -> Pattern:
        """The same pattern, matching no line longer than ``max_length`` code points."""
        return replace(self, max_length=max_length)

    def fits(self, text: str) -> bool:
        """Whether ``text`` is within the pattern's ``max_length``."""
        return self.max_length is None or len(text) <= self.max_length


@lru_cache(maxsize=4096)
def python_pattern(source: str, ignore_case: bool) -> Any:
    """``source`` compiled by the ``regex`` module, once per process."""
    return regex.compile(source, FLAGS | (regex.IGNORECASE if ignore_case else 0))


@lru_cache(maxsize=4096)
def core_pattern(source: str, ignore_case: bool) -> Any:
    """``source`` compiled by the core, once per process (``Cleaner``s share it)."""
    return _core.Pattern(source, ignore_case)


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
    """Time limits for one text's slow-path matches, and the rules turned off for the run.

    Only Python's engine is timed: the linear engine needs no bound. Each match
    may take ``timeout`` seconds; a pattern that times out is turned off in
    ``disabled``, which the ``Cleaner`` keeps for its life, so that a slow rule
    costs its timeout once per run rather than once per page. All matches of
    one text together may take ``page_budget`` seconds; once that is spent, no
    slow-path pattern runs on the rest of the text, and the rule that spent the
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
        """Whether ``pattern`` matches the whole of ``text``; False once its rule is off.

        The core answers where it can; Python's engine, timed, where it cannot,
        and not at all once the text's budget is spent. A line longer than the
        pattern's ``max_length`` never matches.
        """
        if key in self.disabled or not pattern.fits(text):
            return False
        found = pattern.fullmatch(text)
        if found is not None:
            return found
        return self.timed(key, pattern, text)

    def timed(self, key: str, pattern: Pattern, text: str) -> bool:
        """Python's engine on ``text``, timed; False once the rule or the text's budget is off."""
        if self.exhausted or key in self.disabled or not pattern.fits(text):
            return False
        return self.run(key, pattern, pattern.python.fullmatch, text)

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
            "no slow-path pattern ran on the rest of it"
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
