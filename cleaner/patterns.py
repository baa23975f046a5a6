"""Regular expressions under a time limit.

Rule files are data written by users, so a pattern may backtrack catastrophically
(``^(a|aa)+$`` on a long line). Every match runs with the ``regex`` module's
``timeout``; a pattern that runs out of time is skipped for the rest of that text
and reported, never allowed to hang the caller.

Patterns are matched against a whole stripped line (``fullmatch``), so a pattern
cannot remove a line it only touches. All patterns are compiled with
``regex.VERSION1`` so that inline flags are scoped: that is what lets many rules
share one combined pattern without changing what each of them means.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import regex

FLAGS = regex.VERSION1

# Constructs whose meaning changes when a pattern is wrapped in a larger one:
# numbered or named back-references (group numbers shift) and verbose mode
# (a trailing comment would swallow the wrapper's closing parenthesis).
_NOT_COMBINABLE = regex.compile(r"\\[1-9]|\\g<|\(\?P=|\(\?[a-zA-Z]*x")


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

    @property
    def combinable(self) -> bool:
        return not _NOT_COMBINABLE.search(self.source)


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
            self.timed_out[key] = (
                f"pattern {pattern.source!r} timed out after {self.timeout:g}s "
                "and was skipped for this text"
            )
            return False


class Prefilter:
    """One alternation of many patterns, to rule out most lines at once.

    ``may_match(text)`` is False only when no member pattern can match ``text``
    in full; patterns that cannot be combined exactly are always "maybe".
    """

    def __init__(self, patterns: list[Pattern]) -> None:
        self.always = any(not p.combinable for p in patterns)
        parts = "|".join(f"(?{'i' if p.ignore_case else ''}:{p.source})" for p in patterns)
        self.compiled = regex.compile(parts, FLAGS) if parts else None

    def may_match(self, text: str, budget: Budget) -> bool:
        if self.always:
            return True
        if self.compiled is None:
            return False
        try:
            return self.compiled.fullmatch(text, timeout=budget.timeout) is not None
        except TimeoutError:
            # One of the members is slow on this line: let each rule try on its
            # own, so only the culprit is skipped and reported.
            return True
