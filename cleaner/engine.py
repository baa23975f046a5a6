"""The cleaning pass: one function of the text, with every removal recorded.

text -> encoding repair -> lines -> source detection -> source rules -> generic
rules -> repeated lines -> joined text. ``clean`` and ``explain`` are this same
pass; ``clean`` only drops the record.

The rule steps run to a fixed point: removing a line can change another line's
context (its neighbour, its paragraph), so the steps repeat over the lines still
kept until a round removes nothing. That is what makes ``clean`` idempotent.
Line-level matching is memoised per distinct line text, so later rounds cost
little more than a walk over the kept lines.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .detect import Detector
from .document import Line, View, join
from .encoding import Repair, repair_lines
from .loader import builtin_rules_dir, load_file, rule_files
from .patterns import Budget, Pattern, Prefilter
from .ruleset import GENERIC, RuleSet

REPEATED = f"{GENERIC}/repeated-line"
DEFAULT_TIMEOUT = 0.25


@dataclass(frozen=True)
class Removal:
    """One removed line: the rule that removed it, its input line number, its text."""

    rule: str
    line: int
    text: str


@dataclass(frozen=True)
class Skipped:
    """A rule that was skipped for this text, and why (a pattern that timed out)."""

    rule: str
    reason: str


@dataclass(frozen=True)
class Explanation:
    """The cleaned text and everything the pass did to get it."""

    text: str
    source: str | None
    removals: tuple[Removal, ...]
    repairs: tuple[Repair, ...]
    skipped: tuple[Skipped, ...] = ()


class _Matcher:
    """A rule set compiled for matching: exact-line tables and one prefilter."""

    def __init__(self, ruleset: RuleSet) -> None:
        self.ruleset = ruleset
        self.exact: dict[str, list[int]] = {}
        self.exact_folded: dict[str, list[int]] = {}
        self.patterns: list[tuple[int, str, Pattern]] = []
        for index, rule in enumerate(ruleset.rules):
            table = self.exact_folded if rule.ignore_case else self.exact
            for line in rule.exact_lines():
                table.setdefault(line, []).append(index)
            for role, pattern in rule.line_patterns().items():
                self.patterns.append((index, role, pattern))
        self.prefilter = Prefilter([p for _, _, p in self.patterns])

    def line_hits(self, text: str, budget: Budget) -> tuple[tuple[int, str], ...]:
        """(rule index, role) of every line-level match of ``text``."""
        hits = [(index, "line") for index in self.exact.get(text, ())]
        if self.exact_folded:
            hits += [(index, "line") for index in self.exact_folded.get(text.casefold(), ())]
        if self.patterns and self.prefilter.may_match(text, budget):
            for index, role, pattern in self.patterns:
                key = self.rule_key(index)
                if budget.fullmatch(key, pattern, text):
                    hits.append((index, role))
        return tuple(hits)

    def rule_key(self, index: int) -> str:
        return f"{self.ruleset.source}/{self.ruleset.rules[index].id}"


class _Pass:
    """One rule set over one view: the ``Pass`` protocol that rules see."""

    def __init__(
        self,
        view: View,
        matcher: _Matcher,
        memo: dict[str, tuple[tuple[int, str], ...]],
        budget: Budget,
        full_memo: dict[tuple[str, str, str], bool],
    ) -> None:
        self.view = view
        self.matcher = matcher
        self.budget = budget
        self._full_memo = full_memo
        self._hits: dict[tuple[int, str], list[int]] = {}
        for pos, text in enumerate(view.texts):
            if not text:
                continue
            found = memo.get(text)
            if found is None:
                found = memo[text] = matcher.line_hits(text, budget)
            for key in found:
                self._hits.setdefault(key, []).append(pos)

    def hits(self, index: int, role: str) -> list[int]:
        return self._hits.get((index, role), [])

    def fullmatch(self, key: str, pattern: Pattern, text: str) -> bool:
        rule_key = f"{self.matcher.ruleset.source}/{key}"
        memo_key = (rule_key, pattern.source, text)
        found = self._full_memo.get(memo_key)
        if found is None:
            found = self._full_memo[memo_key] = self.budget.fullmatch(rule_key, pattern, text)
        return found


class Cleaner:
    """Loaded, compiled rule sets, and the cleaning pass over them.

    ``rule_dirs`` add user rule directories after the built-in one; a file for a
    source that is already known replaces the earlier one. ``timeout`` bounds each
    regular-expression match, in seconds.
    """

    def __init__(
        self,
        rule_dirs: Iterable[str | Path] = (),
        *,
        builtin: bool = True,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        dirs = ([builtin_rules_dir()] if builtin else []) + [Path(d) for d in rule_dirs]
        by_source: dict[str, RuleSet] = {}
        for directory in dirs:
            for path in rule_files(directory):
                ruleset = load_file(path)
                by_source[ruleset.source] = ruleset
        self.rulesets: dict[str, RuleSet] = by_source
        self.timeout = timeout
        self._matchers = {name: _Matcher(rs) for name, rs in by_source.items()}
        self._detector = Detector(rs for name, rs in by_source.items() if name != GENERIC)

    @property
    def sources(self) -> list[str]:
        """Names of the known sources (``generic`` not included)."""
        return sorted(name for name in self.rulesets if name != GENERIC)

    def clean(self, text: str, *, url: str | None = None, source: str | None = None) -> str:
        """Return the article text of ``text``."""
        return self.explain(text, url=url, source=source).text

    def explain(
        self, text: str, *, url: str | None = None, source: str | None = None
    ) -> Explanation:
        """Clean ``text`` and say what was removed and repaired, and why."""
        if not isinstance(text, str):
            raise TypeError(f"text must be str, not {type(text).__name__}")
        pairs, repairs = repair_lines(text)
        lines = [Line(number, line.strip()) for number, line in pairs]
        matchers = self._select(lines, url, source)
        budget = Budget(self.timeout)
        removals, kept = self._remove(lines, matchers, budget)
        skipped = tuple(Skipped(rule, reason) for rule, reason in budget.timed_out.items())
        chosen = (
            matchers[0].ruleset.source
            if matchers and matchers[0].ruleset.source != GENERIC
            else None
        )
        return Explanation(join(kept), chosen, tuple(removals), repairs, skipped)

    def _select(self, lines: Sequence[Line], url: str | None, source: str | None) -> list[_Matcher]:
        generic = self._matchers.get(GENERIC)
        if source is not None:
            if source not in self._matchers:
                known = ", ".join([GENERIC, *self.sources])
                raise ValueError(f"unknown source {source!r}; known sources: {known}")
            found = self._matchers[source]
        else:
            ruleset = self._detector.detect("\n".join(line.text for line in lines), url)
            found = self._matchers[ruleset.source] if ruleset else None
        chosen = [m for m in (found, generic) if m is not None]
        return list(dict.fromkeys(chosen))

    @staticmethod
    def _remove(
        lines: list[Line], matchers: list[_Matcher], budget: Budget
    ) -> tuple[list[Removal], list[Line]]:
        memos: dict[int, dict[str, tuple[tuple[int, str], ...]]] = {id(m): {} for m in matchers}
        full_memo: dict[tuple[str, str, str], bool] = {}
        removals: list[Removal] = []
        kept = lines
        while True:
            view = View(kept)
            removed: dict[int, str] = {}
            for matcher in matchers:
                p = _Pass(view, matcher, memos[id(matcher)], budget, full_memo)
                for index, rule in enumerate(matcher.ruleset.rules):
                    for pos in rule.apply(p, index):
                        if kept[pos].text:
                            removed.setdefault(pos, matcher.rule_key(index))
            seen: set[str] = set()
            for pos, line in enumerate(kept):
                if line.text and pos not in removed:
                    if line.text in seen:
                        removed[pos] = REPEATED
                    else:
                        seen.add(line.text)
            if not removed:
                break
            removals.extend(
                Removal(rule, kept[pos].number, kept[pos].text) for pos, rule in removed.items()
            )
            kept = [line for pos, line in enumerate(kept) if pos not in removed]
        removals.sort(key=lambda r: r.line)
        return removals, kept
