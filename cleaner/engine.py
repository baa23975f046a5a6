"""The cleaning pass: one function of the text, with every removal recorded.

text -> encoding repair -> lines -> source detection -> source rules -> generic
rules -> repeated lines -> joined text. ``clean`` and ``explain`` are this same
pass; ``clean`` only drops the record.

The rule steps run to a fixed point: removing a line can change another line's
context (its neighbour, its paragraph), so the steps repeat over the lines still
kept until a round removes nothing. That is what makes ``clean`` idempotent.
The rounds are one call to the compiled core per page (``_core.Engine``, built
once per combination of rule sets by ``_LineIndex``), which matches each
distinct line once and remembers it across pages. Python decides only what the
core cannot (``_Oracle``): patterns on the slow path, under the page's time budget.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path

from . import _core, bridge
from .detect import Detector
from .encoding import Repair, Repaired, input_lines, repair_texts
from .errors import RuleError
from .features import _stopwords
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
from .rules import BlockRule, HeuristicRule, ParagraphRule, PatternRule
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
    return bridge.join_lines(
        [
            line
            for number, pieces in enumerate(lines, start=1)
            for piece, line in enumerate(pieces)
            if (number, piece) not in gone
        ]
    )


class _Plan:
    """One rule set, ready to run: its rules by index, their keys, and the ``inline`` ones."""

    def __init__(self, ruleset: RuleSet) -> None:
        self.ruleset = ruleset
        self.indexed = list(enumerate(ruleset.rules))
        self.keys = [f"{ruleset.source}/{rule.id}" for rule in ruleset.rules]
        self.inline = frozenset(
            key for key, rule in zip(self.keys, ruleset.rules, strict=True) if rule.inline
        )


# A line-level hit: (plan number, rule index, role).
_Hit = tuple[int, int, str]


class _LineIndex:
    """The compiled rules that run together on a text: their matcher and their rounds.

    The exact lines, case-folded exact lines and patterns of every rule set go
    into one ``_core.Matcher``, which gives what each line matched, and which
    patterns of the slow path Python's engine must still decide for it (see
    ``patterns``). Phrases go in too,
    looked up by the line's normalised form (``phrases``) within the rule's
    ``max_length``, and so do each pattern's ``max_length`` and each rule's
    ``also``/``unless`` checks: the core strikes the hits they refuse and
    leaves to Python only the checks it cannot decide. The rules themselves,
    as data, go into one ``_core.Engine`` over that matcher, which runs the
    rounds of a page. Built once per combination of rule sets and kept.
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
        self.plans = plans
        self.engine = self._engine(plans)

    def _engine(self, plans: list[_Plan]) -> _core.Engine:
        """The core's rounds over these plans: their rules, hits and keys by number."""
        hit_ids: dict[_Hit, int] = {}
        for hit in self.hits_of:
            hit_ids.setdefault(hit, len(hit_ids))
        self.hit_list = list(hit_ids)
        # Every key a removal can carry: the rules', then the two steps'.
        self.key_names = [key for plan in plans for key in plan.keys]
        self.key_names += [REPEATED, SITE_REPEAT]
        key_ids = {key: number for number, key in enumerate(self.key_names)}
        self.key_ids = key_ids
        inline = [key in plan.inline for plan in plans for key in plan.keys] + [False, False]
        shared: dict[tuple[int, int], int] = {}
        cores: list[tuple[_core.Classifier, _core.ArticleSearch]] = []
        specs = []
        for number, plan in enumerate(plans):
            rules = []
            for index, rule in plan.indexed:
                roles = [
                    (role, hit_ids[(number, index, role)])
                    for role in _ROLES
                    if (number, index, role) in hit_ids
                ]
                data: object = None
                if isinstance(rule, PatternRule):
                    data = (
                        None if rule.pattern is None else rule.pattern.linear,
                        sorted(rule.phrases),
                        rule.longest_phrase,
                        rule.max_length,
                        [p.linear for p in rule.also],
                        [p.linear for p in rule.unless],
                    )
                elif isinstance(rule, BlockRule):
                    data = rule.end is not None
                elif isinstance(rule, ParagraphRule):
                    data = rule.pattern.linear
                elif isinstance(rule, HeuristicRule):
                    kinds, search = rule.shared.line_kinds, rule.shared.article
                    which = shared.setdefault((id(kinds), id(search)), len(cores))
                    if which == len(cores):
                        cores.append((kinds._core, search._core))
                    data = (rule.heuristic, which, rule.settings)
                key = key_ids[plan.keys[index]]
                # A ``phrases`` rule is a ``pattern`` rule without its pattern.
                kind = PatternRule.kind if isinstance(rule, PatternRule) else rule.kind
                rules.append((kind, key, rule.contextual, roles, data))
            specs.append(rules)
        entries = [
            (hit_ids[hit], key_ids[key], pattern is not None, entry in self.last)
            for entry, (hit, key, pattern) in enumerate(
                zip(self.hits_of, self.keys, self.patterns, strict=True)
            )
        ]
        checked = [hit in self.checks for hit in self.hit_list]
        return _core.Engine(
            self.matcher,
            specs,
            entries,
            checked,
            cores,
            _stopwords(),
            inline,
            key_ids[REPEATED],
            key_ids[SITE_REPEAT],
        )

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


# The roles a rule's hits come in (``Rule.line_patterns``), as the core names them.
_ROLES = ("line", "prev", "next", "start", "end", "single")


class _Oracle:
    """What Python decides for the core during one page's pass (``rounds::Oracle``).

    The slow path: patterns on Python's engine, checks the core could not run,
    under the page's ``Budget``. Lines come as the core has them: a line that
    held lone surrogates with stand-ins for them, which ``show`` turns back.
    """

    def __init__(self, index: _LineIndex, repaired: Repaired, budget: Budget) -> None:
        self.index = index
        self.show = repaired.show
        self.budget = budget
        # (rule key, pattern, text) -> whether it matched, for this page
        self.memo: dict[tuple[str, str, str], bool] = {}

    def ask(self, entry: int, line: str) -> bool:
        return self.index._ask(entry, self.show(line), self.budget)

    def struck(self, hit: int, line: str) -> bool:
        return self.index._struck(self.index.hit_list[hit], self.show(line), self.budget)

    def fullmatch(self, plan: int, rule: int, which: int, text: str) -> bool:
        found = self.index.plans[plan]
        chosen = found.ruleset.rules[rule]
        if isinstance(chosen, ParagraphRule):
            pattern = chosen.pattern
        else:
            # 0: the rule's own pattern; then its ``also`` and its ``unless`` ones.
            assert isinstance(chosen, PatternRule)
            checks = [*chosen.also, *chosen.unless]
            pattern = chosen.pattern if which == 0 and chosen.pattern else checks[which - 1]
        key = found.keys[rule]
        text = self.show(text)
        memo = (key, pattern.source, text)
        said = self.memo.get(memo)
        if said is None:
            said = self.memo[memo] = self.budget.fullmatch(key, pattern, text)
        return said

    def state(self) -> tuple[list[int], bool]:
        ids = self.index.key_ids
        return [ids[key] for key in self.budget.disabled if key in ids], self.budget.exhausted


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
        # id of a plan -> the ids of its rules that weigh the whole page
        self._weighing: dict[int, frozenset[str]] = {}
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
        _check_str("text", text)
        _check_options(url, source)
        # The same pass as ``explain``'s, with no record made of it.
        return self._explain_lines(repair_texts(text), url, source, frozenset(), record=False).text

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
        return self._explain_lines(repair_texts(text), url, source, shared)

    def clean_html(
        self, html: str | bytes, *, url: str | None = None, source: str | None = None
    ) -> str:
        """The article of an HTML page (see ``explain_html``)."""
        return self._explain_html(html, url, source, record=False).text

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
        return self._explain_html(html, url, source, record=True)

    def _explain_html(
        self, html: str | bytes, url: str | None, source: str | None, record: bool
    ) -> Explanation:
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
        repaired = repair_texts(extracted.text)
        found = self._explain_lines(
            repaired, where, source, frozenset(), page_rules=False, record=record
        )
        notes = extracted.notes
        if extracted.visible is not None:
            visible = repair_texts(extracted.visible)
            fallback = self._explain_lines(visible, where, source, frozenset(), record=record)
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
        return [found.text for found in self._explain_many(texts, urls, record=False)]

    def explain_many(
        self, texts: Iterable[str], urls: Iterable[str | None] | None = None
    ) -> list[Explanation]:
        """Explain several pages, dropping also the lines that pages of one site share.

        Pages belong to one site by their URL's host, or, without URLs, by the
        long lines they share. Each page is then cleaned as by ``explain``,
        with the lines another page of its site prints as well removed as
        ``generic/site-repeat``.
        """
        return self._explain_many(texts, urls, record=True)

    def _explain_many(
        self, texts: Iterable[str], urls: Iterable[str | None] | None, record: bool
    ) -> list[Explanation]:
        pages = list(texts)
        for text in pages:
            if not isinstance(text, str):
                raise TypeError(f"texts must be str, not {type(text).__name__}")
        where = [None] * len(pages) if urls is None else list(urls)
        if len(where) != len(pages):
            raise ValueError(f"{len(pages)} texts but {len(where)} urls")
        for url in where:
            _check_options(url, None)
        repaired = [repair_texts(text) for text in pages]
        lines = [found.texts() for found in repaired]
        shared = site_lines(lines, group_pages(lines, where))
        return [
            self._explain_lines(found, url, None, common, record=record)
            for found, url, common in zip(repaired, where, shared, strict=True)
        ]

    def _explain_lines(
        self,
        repaired: Repaired,
        url: str | None,
        source: str | None,
        shared: Collection[str],
        page_rules: bool = True,
        record: bool = True,
    ) -> Explanation:
        """The pass over repaired lines; without ``record``, no removal is listed."""
        plans, steps_off = self._select(repaired, url, source, page_rules)
        names = tuple(plan.ruleset.source for plan in plans)
        # The same sources with another generic plan (rules turned off) need their own index.
        key = tuple(id(plan) for plan in plans)
        index = self._indexes.get(key)
        if index is None:
            index = self._indexes[key] = _LineIndex(plans)
        budget = Budget(self.timeout, self.page_budget, self.disabled)
        if self.disabled:
            budget.noted([key for plan in plans for key in plan.keys])
        removals, blanks, text = self._remove(repaired, index, budget, shared, steps_off, record)
        if not budget.steady:
            # A rule turned off during this text: hits remembered across texts
            # may hold its matches, which later texts must not see.
            for other in self._indexes.values():
                other.forget_slow()
        skipped = tuple(Skipped(rule, reason) for rule, reason in budget.timed_out.items())
        sources = tuple(name for name in names if name != GENERIC)
        return Explanation(
            text,
            sources[0] if sources else None,
            tuple(removals),
            repaired.repairs,
            skipped,
            sources,
            blanks=tuple(blanks),
        )

    def _select(
        self, repaired: Repaired, url: str | None, source: str | None, page_rules: bool = True
    ) -> tuple[list[_Plan], frozenset[str]]:
        """The plans to run, and the ids of the ``STEPS`` that the sources turn off."""
        generic = self._plans.get(GENERIC)
        if source is not None:
            if source not in self._plans:
                known = ", ".join([GENERIC, *self.sources])
                raise ValueError(f"unknown source {source!r}; known sources: {known}")
            found = [self._plans[source]]
        else:
            detected = self._detector.detect(repaired.page, url)
            found = [self._plans[ruleset.source] for ruleset in detected]
        skip = frozenset(rule_id for plan in found for rule_id in plan.ruleset.skip_generic)
        steps_off = skip & STEPS.keys()
        # Steps are no rules: skipping only them leaves the generic plan (and
        # its line index) as it is.
        skip -= steps_off
        if generic is not None and not page_rules:
            skip |= self._page_rules(generic)
        if generic is not None and skip:
            generic = self._generic_without(skip)
        chosen = [plan for plan in [*found, generic] if plan is not None]
        return list(dict.fromkeys(chosen)), steps_off

    def _page_rules(self, plan: _Plan) -> frozenset[str]:
        """The ids of a plan's rules that weigh the whole page (worked out once per plan)."""
        found = self._weighing.get(id(plan))
        if found is None:
            rules = plan.ruleset.rules
            found = self._weighing[id(plan)] = frozenset(r.id for r in rules if r.weighs_page)
        return found

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
        repaired: Repaired,
        index: _LineIndex,
        budget: Budget,
        shared: Collection[str] = frozenset(),
        steps_off: Collection[str] = frozenset(),
        record: bool = True,
    ) -> tuple[list[Removal], list[Removal], str]:
        """The core's rounds over the lines: what went, by which rule, and the text kept.

        Lines that other pages of the site print (``shared``) go as
        ``generic/site-repeat``, lines printed twice as ``generic/repeated-line``
        (see ``rounds.rs``), unless the sources turn those steps off.
        """
        hidden = repaired.stand_ins
        common = [line if hidden is None else bridge.hide_with(hidden, line) for line in shared]
        site = common if SITE_REPEAT_ID not in steps_off else []
        disabled = budget.disabled
        off = [key in disabled for key in index.key_names]
        oracle = _Oracle(index, repaired, budget)
        repeats = REPEATED_LINE_ID not in steps_off
        removed, blanked, text = index.engine.run(
            repaired.page, site, repeats, off, budget.exhausted, oracle, record
        )
        show = repaired.show
        names = index.key_names
        removals = [
            Removal(names[key], number, show(line), piece) for key, number, piece, line in removed
        ]
        blanks = [Removal(names[key], number, "", piece) for key, number, piece in blanked]
        return removals, blanks, show(text)
