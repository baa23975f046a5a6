"""The cleaning pass: one function of the text, with every removal recorded.

text -> encoding repair -> lines -> source detection -> source rules -> generic
rules -> repeated lines -> joined text. ``clean`` and ``explain`` are this same
pass; ``clean`` only drops the record.

The rule steps run to a fixed point: removing a line can change another line's
context (its neighbour, its paragraph), so the steps repeat over the lines still
kept until a round removes nothing. That is what makes ``clean`` idempotent.
Line-level matching is one call to the compiled core per round (``_LineIndex``),
which remembers each distinct line's matches, so later rounds cost little more
than a walk over the kept lines.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import _core, bridge
from .detect import Detector
from .document import Line, View, join
from .encoding import Repair, input_lines, repair_lines
from .errors import RuleError
from .html import MORE, extract
from .line_kinds import REMEMBERED_LENGTH, REMEMBERED_LINES, forget_lines
from .loader import builtin_rules_dir, check_skip_generic, load_dirs
from .patterns import (
    DEFAULT_PAGE_BUDGET,
    MAX_PAGE_BUDGET,
    MAX_TIMEOUT,
    Budget,
    Pattern,
    check_seconds,
)
from .ruleset import GENERIC, REPEATED_LINE_ID, SITE_REPEAT_ID, STEPS, RuleSet
from .site import group_pages, site_lines

REPEATED = f"{GENERIC}/{REPEATED_LINE_ID}"
SITE_REPEAT = f"{GENERIC}/{SITE_REPEAT_ID}"
DEFAULT_TIMEOUT = 0.25


@dataclass(frozen=True)
class Removal:
    """One removed line: the rule that removed it, its input line number, its text.

    ``piece`` tells apart the lines that ftfy split one input line into (see
    ``Repair``), from 0; it is 0 for every line ftfy did not split.
    """

    rule: str
    line: int
    text: str
    piece: int = 0


@dataclass(frozen=True)
class Skipped:
    """A rule that was skipped for this text, and why.

    A pattern that timed out (now or on an earlier text of the same
    ``Cleaner``), or rule ``*``: the text's pattern-time budget ran out.
    """

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
    # Every source whose rules ran, ``source`` first; generic rules always run.
    sources: tuple[str, ...] = ()
    # How HTML input became text ("html: ..."), for ``explain_html``.
    notes: tuple[str, ...] = ()
    # Blank lines that went with a removed block (text ""). They are not in
    # ``removals``, which lists the text removed, but they decide whether the
    # paragraphs around the block meet, and ``replay`` must know that.
    blanks: tuple[Removal, ...] = ()


def replay(text: str, explanation: Explanation) -> str:
    """Rebuild the cleaned text from ``text`` and the record of ``explain(text)``.

    As ``ftfy.apply_plan`` replays ``ftfy.fix_and_explain``'s plan, this applies
    an ``Explanation``'s record and runs no rule: the input's lines, numbered
    from 1 and stripped, take their ``repairs``; the lines in ``removals`` and
    ``blanks`` go; the rest are joined as ``clean`` joins them.
    ``replay(text, explain(text)) == explain(text).text`` for any ``text``, and
    the same holds for ``explain_many``. For ``explain_html`` the lines are
    those of the text taken from the page, not of the HTML.

    Raises ``ValueError`` when the record does not fit ``text``: a repair or
    removal of a line that ``text`` does not have, or reads otherwise.
    """
    _check_str("text", text)
    lines: list[list[str]] = [[line.strip()] for line in input_lines(text)]
    for fix in explanation.repairs:
        if not 1 <= fix.line <= len(lines) or lines[fix.line - 1] != [fix.before]:
            raise ValueError(
                f"the record does not fit the text: line {fix.line} does not read "
                f"{fix.before!r} (repair)"
            )
        lines[fix.line - 1] = fix.after.split("\n")
    gone: set[tuple[int, int]] = set()
    for removal in (*explanation.removals, *explanation.blanks):
        pieces = lines[removal.line - 1] if 1 <= removal.line <= len(lines) else []
        place = (removal.line, removal.piece)
        where = f"line {removal.line}" + (f" (piece {removal.piece})" if removal.piece else "")
        if not 0 <= removal.piece < len(pieces) or pieces[removal.piece] != removal.text:
            raise ValueError(
                f"the record does not fit the text: {where} does not read "
                f"{removal.text!r} ({removal.rule})"
            )
        if place in gone:
            raise ValueError(f"the record removes {where} twice ({removal.rule})")
        gone.add(place)
    return join(
        Line(number, line)
        for number, pieces in enumerate(lines, start=1)
        for piece, line in enumerate(pieces)
        if (number, piece) not in gone
    )


def _numbered(pairs: list[tuple[int, str]], repairs: tuple[Repair, ...]) -> list[Line]:
    """``Line``s of ``repair_lines``' pairs, the pieces of a line that ftfy split numbered."""
    if not any("\n" in fix.after for fix in repairs):
        return [Line(number, line) for number, line in pairs]
    lines: list[Line] = []
    for number, line in pairs:
        piece = lines[-1].piece + 1 if lines and lines[-1].number == number else 0
        lines.append(Line(number, line, piece))
    return lines


class _Plan:
    """One rule set, ready to run: its rules by index, and which ones need later rounds."""

    def __init__(self, ruleset: RuleSet) -> None:
        self.ruleset = ruleset
        self.indexed = list(enumerate(ruleset.rules))
        # Rules that judge lines: all of them in the first round, then those
        # whose decision hangs on other lines. Rules that weigh the whole page
        # run in every round, after these (see ``Rule.weighs_page``).
        self.by_line = [(i, rule) for i, rule in self.indexed if not rule.weighs_page]
        self.contextual = [(i, rule) for i, rule in self.by_line if rule.contextual]
        self.by_page = [(i, rule) for i, rule in self.indexed if rule.weighs_page]
        self.keys = [f"{ruleset.source}/{rule.id}" for rule in ruleset.rules]
        self.inline = frozenset(
            key for key, rule in zip(self.keys, ruleset.rules, strict=True) if rule.inline
        )


# A line-level hit: (plan number, rule index, role).
_Hit = tuple[int, int, str]


class _LineIndex:
    """Line-level matching for the rule sets that run together on a text.

    The exact lines, case-folded exact lines and patterns of every rule set go
    into one ``_core.Matcher``, which takes a view's lines in one call and
    gives back what each matched, and which patterns of the slow path Python's
    engine must still decide for it (see ``patterns``). Phrases go in too,
    looked up by the line's normalised form (``phrases``) within the rule's
    ``max_length``, and so do each pattern's ``max_length`` and each rule's
    ``also``/``unless`` checks: the core strikes the hits they refuse and
    leaves to Python only the checks it cannot decide.
    Built once per combination of rule sets and kept.
    """

    def __init__(self, plans: list[_Plan]) -> None:
        # entry id -> its hit, its rule's key, and its pattern (None for exact lines)
        self.hits_of: list[_Hit] = []
        self.keys: list[str] = []
        self.patterns: list[Pattern | None] = []
        exact: list[tuple[str, int]] = []
        folded: list[tuple[str, int]] = []
        # (the rule's hit and key, its phrases, its max_length), in rule order
        phrased: list[tuple[_Hit, str, frozenset[str], int | None]] = []
        # "line" hits that stand only if the rule's ``also`` patterns match and
        # its ``unless`` patterns do not; and the rule's key
        self.checks: dict[_Hit, tuple[tuple[Pattern, ...], tuple[Pattern, ...], str]] = {}
        structural: list[tuple[_Hit, Pattern, str, bool]] = []
        plain: list[tuple[_Hit, Pattern, str, bool]] = []
        for number, plan in enumerate(plans):
            for index, rule in plan.indexed:
                lines = rule.exact_lines()
                if lines:
                    entry = self._entry((number, index, "line"), plan.keys[index], None)
                    table = folded if rule.ignore_case else exact
                    table.extend((line, entry) for line in lines)
                also, unless = rule.checks()
                checked = bool(also or unless)
                if checked and not rule.contextual:
                    self.checks[(number, index, "line")] = (also, unless, plan.keys[index])
                own = rule.phrase_lines()
                if own and not rule.contextual:
                    # A contextual rule checks its phrases on its context's candidates.
                    hit = (number, index, "line")
                    phrased.append((hit, plan.keys[index], own, rule.line_limit))
                for role, pattern in rule.line_patterns().items():
                    # A "line" hit removes the line by itself, so the first one in
                    # rule order is all that counts; other roles (block bounds,
                    # context) are wanted in full and go first. A hit that a
                    # check may yet strike is no such last word.
                    last = role == "line" and not rule.contextual and not checked
                    group = plain if last else structural
                    group.append(((number, index, role), pattern, plan.keys[index], last))
        # Phrase entries come after every exact line's and before the patterns':
        # the core reports hits in that order.
        phrases: list[tuple[str, int, int | None]] = []
        for hit, key, listed, limit in phrased:
            entry = self._entry(hit, key, None)
            phrases.extend((phrase, entry, limit) for phrase in sorted(listed))
        ordered = []
        self.last: set[int] = set()
        for hit, pattern, key, last in structural + plain:
            entry = self._entry(hit, key, pattern)
            ordered.append((pattern.linear, entry, last, pattern.max_length))
            if last:
                self.last.add(entry)
        self.pattern_entries = [entry for _, entry, _, _ in ordered]
        # The entries of each checked rule's "line" hit, with its checks: the
        # core strikes the hits they refuse, and leaves to Python those it
        # cannot decide (``rechecks``).
        entries_of: dict[_Hit, list[int]] = {}
        for entry, hit in enumerate(self.hits_of):
            entries_of.setdefault(hit, []).append(entry)
        checks = [
            (entries_of.get(hit, []), [p.linear for p in also], [p.linear for p in unless])
            for hit, (also, unless, _) in self.checks.items()
        ]
        self.matcher = _core.Matcher(exact, folded, phrases, ordered, checks)
        # (entry, line) -> what Python's engine said, for the slow path
        self._asked: dict[tuple[int, str], bool] = {}

    def _entry(self, hit: _Hit, key: str, pattern: Pattern | None) -> int:
        self.hits_of.append(hit)
        self.keys.append(key)
        self.patterns.append(pattern)
        return len(self.hits_of) - 1

    def forget(self) -> None:
        """Forget every line remembered across texts."""
        self.matcher.forget()
        self._asked.clear()

    def forget_slow(self) -> None:
        """Forget what Python's engine said: a rule turned off must not match from memory."""
        self._asked.clear()

    def view_hits(self, texts: list[str], budget: Budget) -> dict[_Hit, list[int]]:
        """Sorted positions of ``texts`` by what they matched, in one call to the core."""
        hidden: frozenset[int] = frozenset()
        try:
            found, asks, rechecks = self.matcher.page(texts)
        except UnicodeEncodeError:
            # Lone surrogates: those lines cross as stand-ins, for the exact
            # lines; their patterns and checks are all Python's to match.
            hidden = frozenset(pos for pos, text in enumerate(texts) if _SURROGATE.search(text))
            found, asks, rechecks = self.matcher.page([bridge.hide(text)[0] for text in texts])
        keys, patterns, disabled = self.keys, self.patterns, budget.disabled
        # position -> entry -> what is left to Python: nothing (_DECIDED), its
        # pattern and then its rule's checks (_ASK), or only the checks (_RECHECK)
        per_pos: dict[int, dict[int, int]] = {}
        for flat, state in ((found, _DECIDED), (rechecks, _RECHECK)):
            for at in range(0, len(flat), 2):
                pos, entry = flat[at], flat[at + 1]
                if hidden and pos in hidden and patterns[entry] is not None:
                    continue
                per_pos.setdefault(pos, {})[entry] = state
        for at in range(0, len(asks), 2):
            pos, entry = asks[at], asks[at + 1]
            if hidden and pos in hidden:
                continue
            per_pos.setdefault(pos, {}).setdefault(entry, _ASK)
        for pos in sorted(hidden):
            entries = per_pos.setdefault(pos, {})
            # The core checked the stand-ins: the checks are Python's.
            for entry in entries:
                entries[entry] = _RECHECK
            for entry in self.pattern_entries:
                entries.setdefault(entry, _ASK)
        hits: dict[_Hit, list[int]] = {}
        hits_of, last, checks = self.hits_of, self.last, self.checks
        for pos in sorted(per_pos):
            text = texts[pos]
            line: list[_Hit] = []
            for entry, state in sorted(per_pos[pos].items()):
                if disabled and keys[entry] in disabled:
                    continue
                if state == _ASK and not self._ask(entry, text, budget):
                    continue
                hit = hits_of[entry]
                # Out of pattern time no check runs: every checked hit is struck.
                if (
                    (state != _DECIDED or budget.exhausted)
                    and hit in checks
                    and self._struck(hit, text, budget)
                ):
                    continue
                line.append(hit)
                if entry in last:
                    # The line goes by this rule: later patterns would add nothing.
                    break
            # A rule whose phrase and pattern both match is hit once.
            for hit in dict.fromkeys(line):
                hits.setdefault(hit, []).append(pos)
        return hits

    def _ask(self, entry: int, text: str, budget: Budget) -> bool:
        """Python's engine on a line the core could not decide, remembered across texts."""
        memo = (entry, text)
        found = self._asked.get(memo)
        if found is None:
            pattern = self.patterns[entry]
            assert pattern is not None
            found = budget.timed(self.keys[entry], pattern, text)
            # While a pattern is skipped for running out of time, what a line
            # matches says nothing about the next text and is not kept.
            if budget.steady and len(text) <= REMEMBERED_LENGTH:
                if len(self._asked) >= REMEMBERED_LINES:
                    self._asked.clear()
                self._asked[memo] = found
        return found

    def _struck(self, hit: _Hit, text: str, budget: Budget) -> bool:
        """Whether the rule's checks take ``hit`` back; so too when they could not run."""
        found = self.checks.get(hit)
        if found is None:
            return False
        also, unless, key = found
        struck = not all(budget.fullmatch(key, check, text) for check in also) or any(
            budget.fullmatch(key, check, text) for check in unless
        )
        return struck or key in budget.disabled or budget.exhausted


_SURROGATE = re.compile("[\ud800-\udfff]")
# What the core left to Python of an entry's hit on a line (``_LineIndex.view_hits``).
_DECIDED, _ASK, _RECHECK = 0, 1, 2


class _Pass:
    """One rule set over one view: the ``Pass`` protocol that rules see."""

    def __init__(
        self,
        view: View,
        number: int,
        plan: _Plan,
        hits: dict[_Hit, list[int]],
        budget: Budget,
        full_memo: dict[tuple[str, str, str], bool],
        cache: dict[object, object],
    ) -> None:
        self.view = view
        self.number = number
        self.plan = plan
        self.budget = budget
        self.cache = cache
        # Positions that rules run earlier in this round removed.
        self.removed: Collection[int] = ()
        self.inline: Collection[int] = ()
        self._hits = hits
        self._full_memo = full_memo

    def hits(self, index: int, role: str) -> list[int]:
        return self._hits.get((self.number, index, role), [])

    def fullmatch(self, key: str, pattern: Pattern, text: str) -> bool:
        rule_key = f"{self.plan.ruleset.source}/{key}"
        memo_key = (rule_key, pattern.source, text)
        found = self._full_memo.get(memo_key)
        if found is None:
            found = self._full_memo[memo_key] = self.budget.fullmatch(rule_key, pattern, text)
        return found


def _limits(timeout: object, page_budget: object) -> tuple[float, float]:
    return (
        check_seconds("timeout", timeout, MAX_TIMEOUT),
        check_seconds("page_budget", page_budget, MAX_PAGE_BUDGET),
    )


def _check_str(name: str, value: object) -> None:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be str, not {type(value).__name__}")


def _check_options(url: object, source: object) -> None:
    if url is not None:
        _check_str("url", url)
    if source is not None:
        _check_str("source", source)


def _repeats(kept: list[Line], removed: dict[int, str]) -> list[int]:
    """Positions of lines repeated verbatim from earlier, the first copy kept.

    A line printed twice in a row always goes. Otherwise a repeat whose
    neighbours repeat too, in the same order, is part of a repeated block: the
    rows of a meal plan, the questions of a series of interviews, a table's
    header before each section. That is content, or, for a
    menu printed twice, furniture that the other rules know better; either way
    it is not the doubled headline or caption this step is for (the core's
    ``repeated_lines``).
    """
    where = [pos for pos, line in enumerate(kept) if line.text and pos not in removed]
    return [where[k] for k in bridge.repeated_lines([kept[pos].text for pos in where])]


class Cleaner:
    """Loaded, compiled rule sets, and the cleaning pass over them.

    ``rule_dirs`` add user rule directories after the built-in one; a file for a
    source that is already known replaces the earlier one. ``timeout`` bounds each
    regular-expression match, in seconds (at most ``MAX_TIMEOUT``); a rule whose
    pattern times out is turned off for the rest of this ``Cleaner``'s life, with
    one warning on the ``cleaner.patterns`` logger. ``page_budget`` bounds the
    pattern time of one text in all (at most ``MAX_PAGE_BUDGET``). What was
    skipped is in ``Explanation.skipped``.
    """

    def __init__(
        self,
        rule_dirs: Iterable[str | Path] = (),
        *,
        builtin: bool = True,
        timeout: float = DEFAULT_TIMEOUT,
        page_budget: float = DEFAULT_PAGE_BUDGET,
    ) -> None:
        if isinstance(rule_dirs, str | bytes | Path):
            raise TypeError("rule_dirs must be a list of directories, not a single path")
        timeout, page_budget = _limits(timeout, page_budget)
        user_dirs = []
        for folder in rule_dirs:
            if not isinstance(folder, str | Path):
                raise TypeError(f"rule_dirs must hold paths, not {type(folder).__name__}")
            if not Path(folder).is_dir():
                raise RuleError(str(folder), 0, 0, "no such rules directory")
            user_dirs.append(Path(folder))
        dirs = ([builtin_rules_dir()] if builtin else []) + user_dirs
        loaded = load_dirs(dirs)
        self._setup(loaded.rulesets, timeout, page_budget)
        # source -> the rule files a later file replaced, for ``rules list``
        self.replaced = loaded.replaced

    @classmethod
    def from_rulesets(
        cls,
        rulesets: Iterable[RuleSet],
        *,
        timeout: float = DEFAULT_TIMEOUT,
        page_budget: float = DEFAULT_PAGE_BUDGET,
    ) -> Cleaner:
        """A cleaner over rule sets already loaded (later ones replace earlier ones)."""
        timeout, page_budget = _limits(timeout, page_budget)
        cleaner = cls.__new__(cls)
        cleaner._setup({rs.source: rs for rs in rulesets}, timeout, page_budget)
        cleaner.replaced = {}
        return cleaner

    def _setup(self, by_source: dict[str, RuleSet], timeout: float, page_budget: float) -> None:
        self.rulesets: dict[str, RuleSet] = by_source
        self.timeout = timeout
        self.page_budget = page_budget
        # rule key -> why it is off: rules whose pattern timed out, for the
        # Cleaner's life (see ``Budget``)
        self.disabled: dict[str, str] = {}
        check_skip_generic(by_source)
        self._plans = {name: _Plan(rs) for name, rs in by_source.items()}
        self._trimmed: dict[frozenset[str], _Plan] = {}
        self._indexes: dict[tuple[int, ...], _LineIndex] = {}
        self._detector = Detector(rs for name, rs in by_source.items() if name != GENERIC)

    def clear_cache(self) -> None:
        """Forget the lines remembered across texts, as a new ``Cleaner`` would.

        Results never depend on it; benchmarks call it so that cleaning the same
        pages again is timed as the first time.
        """
        for index in self._indexes.values():
            index.forget()
        forget_lines()

    @property
    def sources(self) -> list[str]:
        """Names of the known sources (``generic`` not included)."""
        return sorted(name for name in self.rulesets if name != GENERIC)

    def clean(self, text: str, *, url: str | None = None, source: str | None = None) -> str:
        """Return the article text of ``text``."""
        return self.explain(text, url=url, source=source).text

    def explain(
        self,
        text: str,
        *,
        url: str | None = None,
        source: str | None = None,
        shared: Collection[str] = frozenset(),
    ) -> Explanation:
        """Clean ``text`` and say what was removed and repaired, and why.

        ``shared`` holds lines that other pages of the same site print too (see
        ``explain_many``); they are removed as ``generic/site-repeat``.
        """
        _check_str("text", text)
        _check_options(url, source)
        pairs, repairs = repair_lines(text)
        return self._explain_lines(pairs, repairs, url, source, shared)

    def clean_html(
        self, html: str | bytes, *, url: str | None = None, source: str | None = None
    ) -> str:
        """The article of an HTML page (see ``explain_html``)."""
        return self.explain_html(html, url=url, source=source).text

    def explain_html(
        self, html: str | bytes, *, url: str | None = None, source: str | None = None
    ) -> Explanation:
        """Clean an HTML page: trafilatura's main text, then the same pass as for text.

        Bytes are decoded by their declared charset, else detected. Where
        trafilatura finds (next to) nothing, the page's visible text is cleaned
        instead; ``notes`` says so. Rules are chosen by ``url``, else by the URL
        the page gives for itself, else by markers; the generic rules that weigh
        the whole page run on the visible text only. Raises ``InputError`` for
        input that is no page at all.
        """
        if not isinstance(html, str | bytes):
            raise TypeError(f"html must be str or bytes, not {type(html).__name__}")
        _check_options(url, source)
        extracted = extract(html, url=url)
        where = url or extracted.url
        # trafilatura found the article on the page's tree, better evidence than
        # the generic page-level rules have in text (where the article lies,
        # menus, comments); they run on the visible text only. On the dev
        # corpus's HTML they changed two pages and no figure by more than 0.001,
        # for a twentieth of the time.
        pairs, repairs = repair_lines(extracted.text)
        found = self._explain_lines(pairs, repairs, where, source, frozenset(), page_rules=False)
        notes = extracted.notes
        if extracted.visible is not None:
            fallback = self.explain(extracted.visible, url=where, source=source)
            kept, theirs = len(found.text.split()), len(fallback.text.split())
            if theirs > MORE * max(kept, 1):
                found = fallback
                notes += (
                    f"html: trafilatura found {extracted.words} words; "
                    f"cleaned the page's visible text instead ({theirs} words)",
                )
        return dataclasses.replace(found, notes=(*notes, *found.notes))

    def clean_many(
        self, texts: Iterable[str], urls: Iterable[str | None] | None = None
    ) -> list[str]:
        """Clean several pages together (see ``explain_many``)."""
        return [found.text for found in self.explain_many(texts, urls)]

    def explain_many(
        self, texts: Iterable[str], urls: Iterable[str | None] | None = None
    ) -> list[Explanation]:
        """Explain several pages, dropping also the lines that pages of one site share.

        Pages belong to one site by their URL's host, or, without URLs, by the
        long lines they share. Each page is then cleaned as by ``explain``,
        with the lines another page of its site prints as well removed as
        ``generic/site-repeat``.
        """
        pages = list(texts)
        for text in pages:
            if not isinstance(text, str):
                raise TypeError(f"texts must be str, not {type(text).__name__}")
        where = [None] * len(pages) if urls is None else list(urls)
        if len(where) != len(pages):
            raise ValueError(f"{len(pages)} texts but {len(where)} urls")
        for url in where:
            _check_options(url, None)
        repaired = [repair_lines(text) for text in pages]
        lines = [[line for _, line in pairs] for pairs, _ in repaired]
        shared = site_lines(lines, group_pages(lines, where))
        return [
            self._explain_lines(pairs, repairs, url, None, common)
            for (pairs, repairs), url, common in zip(repaired, where, shared, strict=True)
        ]

    def _explain_lines(
        self,
        pairs: list[tuple[int, str]],
        repairs: tuple[Repair, ...],
        url: str | None,
        source: str | None,
        shared: Collection[str],
        page_rules: bool = True,
    ) -> Explanation:
        lines = _numbered(pairs, repairs)
        plans, steps_off = self._select(lines, url, source, page_rules)
        names = tuple(plan.ruleset.source for plan in plans)
        # The same sources with another generic plan (rules turned off) need their own index.
        key = tuple(id(plan) for plan in plans)
        index = self._indexes.get(key)
        if index is None:
            index = self._indexes[key] = _LineIndex(plans)
        budget = Budget(self.timeout, self.page_budget, self.disabled)
        if self.disabled:
            budget.noted([key for plan in plans for key in plan.keys])
        removals, blanks, kept = self._remove(lines, plans, index, budget, shared, steps_off)
        if not budget.steady:
            # A rule turned off during this text: hits remembered across texts
            # may hold its matches, which later texts must not see.
            for other in self._indexes.values():
                other.forget_slow()
        skipped = tuple(Skipped(rule, reason) for rule, reason in budget.timed_out.items())
        sources = tuple(name for name in names if name != GENERIC)
        return Explanation(
            join(kept),
            sources[0] if sources else None,
            tuple(removals),
            repairs,
            skipped,
            sources,
            blanks=tuple(blanks),
        )

    def _select(
        self, lines: Sequence[Line], url: str | None, source: str | None, page_rules: bool = True
    ) -> tuple[list[_Plan], frozenset[str]]:
        """The plans to run, and the ids of the ``STEPS`` that the sources turn off."""
        generic = self._plans.get(GENERIC)
        if source is not None:
            if source not in self._plans:
                known = ", ".join([GENERIC, *self.sources])
                raise ValueError(f"unknown source {source!r}; known sources: {known}")
            found = [self._plans[source]]
        else:
            detected = self._detector.detect("\n".join(line.text for line in lines), url)
            found = [self._plans[ruleset.source] for ruleset in detected]
        skip = frozenset(rule_id for plan in found for rule_id in plan.ruleset.skip_generic)
        steps_off = skip & STEPS.keys()
        # Steps are no rules: skipping only them leaves the generic plan (and
        # its line index) as it is.
        skip -= steps_off
        if generic is not None and not page_rules:
            skip |= {rule.id for rule in generic.ruleset.rules if rule.weighs_page}
        if generic is not None and skip:
            generic = self._generic_without(skip)
        chosen = [plan for plan in [*found, generic] if plan is not None]
        return list(dict.fromkeys(chosen)), steps_off

    def _generic_without(self, skip: frozenset[str]) -> _Plan:
        """The generic plan less the rules a source's file turns off (built once per set)."""
        plan = self._trimmed.get(skip)
        if plan is None:
            generic = self.rulesets[GENERIC]
            kept = tuple(rule for rule in generic.rules if rule.id not in skip)
            plan = self._trimmed[skip] = _Plan(dataclasses.replace(generic, rules=kept))
        return plan

    @staticmethod
    def _remove(
        lines: list[Line],
        plans: list[_Plan],
        index: _LineIndex,
        budget: Budget,
        shared: Collection[str] = frozenset(),
        steps_off: Collection[str] = frozenset(),
    ) -> tuple[list[Removal], list[Removal], list[Line]]:
        full_memo: dict[tuple[str, str, str], bool] = {}
        cache: dict[object, object] = {}
        removals: list[Removal] = []
        dropped: list[Removal] = []
        kept = lines
        first = True
        repeats_possible = REPEATED_LINE_ID not in steps_off
        if SITE_REPEAT_ID in steps_off:
            shared = frozenset()
        inline_keys = frozenset().union(*(plan.inline for plan in plans))
        while True:
            view = View(kept)
            hits = index.view_hits(view.texts, budget)
            removed: dict[int, str] = {}
            blanks: dict[int, str] = {}
            pending: list[tuple[int, tuple[int, ...], str]] = []
            passes = [
                _Pass(view, number, plan, hits, budget, full_memo, cache)
                for number, plan in enumerate(plans)
            ]
            for p in passes:
                for rule_index, rule in p.plan.by_line if first else p.plan.contextual:
                    for pos, anchors in rule.apply(p, rule_index):
                        if not kept[pos].text:
                            # Blank lines inside a removed block go with it, recorded apart
                            # from the text removed (``Explanation.blanks``).
                            blanks.setdefault(pos, p.plan.keys[rule_index])
                            continue
                        if anchors:
                            pending.append((pos, anchors, p.plan.keys[rule_index]))
                        else:
                            removed.setdefault(pos, p.plan.keys[rule_index])
            # A removal that hangs on context lines stands once they are all removed;
            # one may hang on another, so settle them until nothing changes.
            settled = False
            while pending and not settled:
                settled = True
                for entry in pending:
                    pos, anchors, key = entry
                    if pos not in removed and all(a in removed for a in anchors):
                        removed[pos] = key
                        settled = False
            if first and shared:
                for pos, text in enumerate(view.texts):
                    if text in shared:
                        removed.setdefault(pos, SITE_REPEAT)
            inline = {pos for pos, key in removed.items() if key in inline_keys}
            for p in passes:
                p.removed = removed.keys()
                p.inline = inline
                for rule_index, rule in p.plan.by_page:
                    for pos, _ in rule.apply(p, rule_index):
                        if kept[pos].text:
                            removed.setdefault(pos, p.plan.keys[rule_index])
            if repeats_possible:
                for pos in _repeats(kept, removed):
                    removed[pos] = REPEATED
            if first and repeats_possible:
                # No line printed twice: no later round can find a repeat either.
                texts = [line.text for line in kept if line.text]
                repeats_possible = len(set(texts)) < len(texts)
            first = False
            if not removed:
                break
            removals.extend(
                Removal(rule, kept[pos].number, kept[pos].text, kept[pos].piece)
                for pos, rule in removed.items()
            )
            dropped.extend(
                Removal(rule, kept[pos].number, "", kept[pos].piece) for pos, rule in blanks.items()
            )
            kept = [
                line for pos, line in enumerate(kept) if pos not in removed and pos not in blanks
            ]
        removals.sort(key=lambda r: r.line)
        dropped.sort(key=lambda r: (r.line, r.piece))
        return removals, dropped, kept
