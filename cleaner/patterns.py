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

    __slots__ = ("degraded", "timed_out", "timeout")

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self.timed_out: dict[str, str] = {}
        # Pattern sets whose combined pattern timed out on this text.
        self.degraded: set[int] = set()

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


class PatternSet:
    """Many patterns matched against one line, in as few calls as possible.

    The patterns are joined into one alternation with a named group each. A full
    match reports the first alternative that matches in full (alternatives are
    tried in order), and the search goes on with the alternatives after it, so a
    line costs one call plus one per pattern it matches. Patterns that cannot be
    combined exactly are matched on their own.
    """

    def __init__(
        self, patterns: list[Pattern], keys: list[str], final: frozenset[int] = frozenset()
    ) -> None:
        self.patterns = patterns
        self.keys = keys
        # A match of one of these ends the search: later matches would add nothing.
        self.final = final
        self._alone = [i for i, p in enumerate(patterns) if not p.combinable]
        self._joined = [i for i, p in enumerate(patterns) if p.combinable]
        self._tails: dict[int, Any] = {}

    def _tail(self, start: int) -> Any:
        """The alternation of the combinable patterns from ``self._joined[start]`` on."""
        compiled = self._tails.get(start)
        if compiled is None:
            parts = []
            for i in self._joined[start:]:
                pattern = self.patterns[i]
                flag = "i" if pattern.ignore_case else ""
                parts.append(f"(?P<_bc{i}>(?{flag}:{pattern.source}))")
            compiled = self._tails[start] = regex.compile("|".join(parts), FLAGS)
        return compiled

    def matching(self, text: str, budget: Budget) -> list[int]:
        """Indices of the patterns that match the whole of ``text``, in order."""
        found = [i for i in self._alone if budget.fullmatch(self.keys[i], self.patterns[i], text)]
        if id(self) in budget.degraded:
            found += [
                i for i in self._joined if budget.fullmatch(self.keys[i], self.patterns[i], text)
            ]
            return sorted(found)
        start = 0
        while start < len(self._joined):
            try:
                match = self._tail(start).fullmatch(text, timeout=budget.timeout)
            except TimeoutError:
                # Some member is slow on this text: from now on each pattern runs
                # on its own, so only the culprit is skipped and reported.
                budget.degraded.add(id(self))
                found += [
                    i
                    for i in self._joined[start:]
                    if budget.fullmatch(self.keys[i], self.patterns[i], text)
                ]
                break
            if match is None:
                break
            index = _first_group(match)
            if self.keys[index] not in budget.timed_out:
                found.append(index)
                if index in self.final:
                    break
            start = self._joined.index(index) + 1
        return sorted(found)


def _first_group(match: Any) -> int:
    """The index of the alternative that matched (its ``_bcN`` group)."""
    name = match.lastgroup
    if name is None or not name.startswith("_bc"):
        # A user's own named group closed last; find ours among the groups.
        name = next(
            n for n, v in match.groupdict().items() if n.startswith("_bc") and v is not None
        )
    return int(name[3:])
