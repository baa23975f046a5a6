"""Rule kinds: what one ``remove:`` entry of a rule file can say.

Each kind is a frozen dataclass registered in ``KINDS`` under the YAML key that
selects it (``lines``, ``pattern``, ``phrases``, ``from``, ``paragraph``,
``heuristic``). The loader validates
a rule file against the kinds' declared options, so adding a kind here is all it
takes for rule files to use it. Kinds know nothing about particular sites.

A rule here is data: what it matches (exact lines, phrases, patterns by role)
and how it decides. The compiled core applies each kind (``core/src/rounds.rs``)
to a view of the lines still kept, round by round, and a rule proposes a line
with its anchors: the line goes if every anchor goes too. Anchors come
from ``prev``/``next`` contexts: a context line is furniture its neighbour belongs
to (a byline above a caption, a credit below it), so a context counts only when
that line is removed as well. That is what keeps a context rule from creeping
down an article one line per round, and what makes cleaning idempotent.
Line-level matching is done once per distinct line text (see ``engine.py``);
rules get their hits by role.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, ClassVar

from .heuristics import HeuristicData
from .patterns import Pattern
from .phrases import normalise

# Value types the loader checks options against.
STRING, REGEX, STRINGS, BOOL = "string", "regex", "list of strings", "boolean"
# A whole number of at least 1; a list of strings, or a mapping of language
# codes to lists of strings.
INTEGER, PHRASES = "positive integer", "phrases"
# One regular expression, or a list of them (each a string or a list of pieces).
REGEXES = "regular expressions"
# The JSON Schema's file name and what an id or a source name may be; here
# rather than in ``schema`` so that loading rules does not import the module
# that ``python -m cleaner.schema`` runs.
SCHEMA_FILE = "rules.schema.json"
ID_PATTERN = "^[a-z0-9][a-z0-9._-]*$"
HEURISTIC = "heuristic name"
# A heuristic's own options: a mapping the loader checks against the heuristic's
# group of options (``heuristic_options``).
OPTIONS_MAP = "heuristic options"


@dataclass(frozen=True, kw_only=True)
class Rule:
    """Fields every kind has."""

    id: str
    note: str | None = None
    ignore_case: bool = False
    # Furniture that stands inside an article (an ad label, a picture's
    # caption): the heuristics cross the lines it removes more easily.
    inline: bool = False

    # The rule's kind: the YAML key that names it (``pattern``, ``lines`` ...).
    kind: ClassVar[str]
    # Option name -> value type; the kind's own key is listed too.
    options: ClassVar[Mapping[str, str]]
    # YAML option -> dataclass field, where they differ.
    renames: ClassVar[Mapping[str, str]] = {}

    @classmethod
    def build(cls, **values: object) -> Rule:
        """Make a rule from validated option values (regexes already compiled)."""
        return cls(**{cls.renames.get(k, k): v for k, v in values.items()})  # type: ignore[arg-type]

    @property
    def contextual(self) -> bool:
        """Whether removing other lines can change what this rule removes.

        A rule that looks only at a line's own text removes everything it ever
        will in the first round of the pass; later rounds skip it.
        """
        return True

    @property
    def weighs_page(self) -> bool:
        """Whether this rule weighs the whole page rather than lines and their neighbours.

        Such a rule runs after the rules that judge lines, in every round, and
        sees what they removed: a share button or a newsletter form must not
        sway where it finds the article.
        """
        return False

    def line_patterns(self) -> Mapping[str, Pattern]:
        """Patterns matched against single lines, by role."""
        return {}

    def exact_lines(self) -> frozenset[str]:
        """Lines matched by plain lookup (already case-folded when ``ignore_case``)."""
        return frozenset()

    def checks(self) -> tuple[tuple[Pattern, ...], tuple[Pattern, ...]]:
        """``(also, unless)``: a line the rule's own pattern or phrases match is the
        rule's only if it matches every ``also`` and no ``unless`` pattern in full."""
        return (), ()

    def phrase_lines(self) -> frozenset[str]:
        """Phrases matched by lookup of a line's ``phrases.normalise`` form (normalised)."""
        return frozenset()

    @property
    def line_limit(self) -> int | None:
        """The longest line (in code points) the rule's own pattern and phrases can match."""
        return None


@dataclass(frozen=True, kw_only=True)
class ContextRule(Rule):
    """A rule whose match may depend on the nearest non-blank line around it.

    ``prev``/``next`` must match that line in full. Context patterns are usually
    specific (a byline, a credit, a feed heading) while the rule's own pattern
    may be as loose as ``.+``, so matching starts from the context's hits.
    """

    prev: Pattern | None = None
    next: Pattern | None = None

    @property
    def contextual(self) -> bool:
        return self.prev is not None or self.next is not None

    def line_patterns(self) -> Mapping[str, Pattern]:
        roles = {}
        if self.prev is not None:
            roles["prev"] = self.prev
        if self.next is not None:
            roles["next"] = self.next
        return roles


_CONTEXT = {"prev": REGEX, "next": REGEX}


@dataclass(frozen=True, kw_only=True)
class LinesRule(ContextRule):
    """``lines:`` a list of exact lines (compared after stripping)."""

    lines: frozenset[str]
    kind: ClassVar[str] = "lines"
    options: ClassVar[Mapping[str, str]] = {"lines": STRINGS, **_CONTEXT}

    @classmethod
    def build(cls, **values: object) -> Rule:
        fold = bool(values.get("ignore_case"))
        lines = values.pop("lines")
        assert isinstance(lines, list)
        values["lines"] = frozenset(
            line.strip().casefold() if fold else line.strip() for line in lines
        )
        return super().build(**values)

    def exact_lines(self) -> frozenset[str]:
        return self.lines


@dataclass(frozen=True, kw_only=True)
class PatternRule(ContextRule):
    """``pattern:`` a regular expression that must match a whole stripped line.

    ``phrases:`` in the same rule are alternatives to the pattern: the line
    goes when either matches. ``max_length`` bounds both: a longer line (in
    code points) never matches. Every ``also`` pattern must match the line too,
    and no ``unless`` pattern: what lookaheads said in a pattern.
    """

    pattern: Pattern | None
    # Normalised (``phrases.normalise``), whatever language they were listed under.
    phrases: frozenset[str] = frozenset()
    max_length: int | None = None
    # The line must match each of ``also`` and none of ``unless`` as well:
    # what lookaheads said in a pattern.
    also: tuple[Pattern, ...] = ()
    unless: tuple[Pattern, ...] = ()
    kind: ClassVar[str] = "pattern"
    options: ClassVar[Mapping[str, str]] = {
        "pattern": REGEX,
        "phrases": PHRASES,
        "max_length": INTEGER,
        "also": REGEXES,
        "unless": REGEXES,
        **_CONTEXT,
    }

    @classmethod
    def build(cls, **values: object) -> Rule:
        listed = values.pop("phrases", None)
        if listed is not None:
            values["phrases"] = frozenset(normalise(phrase) for phrase in all_phrases(listed))
        pattern = values.get("pattern")
        limit = values.get("max_length")
        if isinstance(pattern, Pattern) and isinstance(limit, int):
            # The pattern carries its bound, so that every way of running it
            # (the line index, a context's candidates) honours it.
            values["pattern"] = pattern.bounded(limit)
        return super().build(**values)

    def phrase_lines(self) -> frozenset[str]:
        return self.phrases

    def checks(self) -> tuple[tuple[Pattern, ...], tuple[Pattern, ...]]:
        return self.also, self.unless

    @property
    def line_limit(self) -> int | None:
        return self.max_length

    @cached_property
    def longest_phrase(self) -> int:
        """The longest normalised phrase, 0 without phrases."""
        return max(map(len, self.phrases), default=0)

    def line_patterns(self) -> Mapping[str, Pattern]:
        if self.prev is None and self.next is None:
            return {"line": self.pattern} if self.pattern is not None else {}
        return super().line_patterns()


@dataclass(frozen=True, kw_only=True)
class PhraseRule(PatternRule):
    """``phrases:`` furniture phrases, compared with each line once both are normalised.

    A list, or a mapping of language code -> list (every language applies to
    every page). See ``phrases.normalise`` for what is compared. A rule that
    also has a ``pattern`` is a ``pattern`` rule with phrases beside it.
    """

    pattern: Pattern | None = None
    kind: ClassVar[str] = "phrases"
    options: ClassVar[Mapping[str, str]] = {
        "phrases": PHRASES,
        "max_length": INTEGER,
        "also": REGEXES,
        "unless": REGEXES,
        **_CONTEXT,
    }


def all_phrases(listed: object) -> list[str]:
    """The phrases of a ``phrases:`` value: a list, or lists by language code."""
    if isinstance(listed, str):
        return [listed]
    if isinstance(listed, Mapping):
        return [phrase for phrases in listed.values() for phrase in all_phrases(phrases)]
    assert isinstance(listed, list)
    return [phrase for phrase in listed if isinstance(phrase, str)]


@dataclass(frozen=True, kw_only=True)
class BlockRule(Rule):
    """``from:``/``to:`` a block from a line matching ``from`` through one matching ``to``.

    Without ``to`` the block runs to the end of the text. A block whose ``to``
    never comes is left alone: an unclosed block is more likely a misfire than
    a footer, and leaving it costs a few lines, not the article.
    """

    start: Pattern
    end: Pattern | None = None
    kind: ClassVar[str] = "from"
    options: ClassVar[Mapping[str, str]] = {"from": REGEX, "to": REGEX}
    renames: ClassVar[Mapping[str, str]] = {"from": "start", "to": "end"}

    def line_patterns(self) -> Mapping[str, Pattern]:
        roles = {"start": self.start}
        if self.end is not None:
            roles["end"] = self.end
        return roles


@dataclass(frozen=True, kw_only=True)
class ParagraphRule(ContextRule):
    """``paragraph:`` a pattern matched against a whole paragraph.

    A paragraph is a run of adjacent non-blank lines, joined with ``\\n`` for
    matching. Captions printed right above their credit, or a teaser's title and
    deck, are paragraphs of their own in a page dump.
    """

    pattern: Pattern
    kind: ClassVar[str] = "paragraph"
    contextual: ClassVar[bool] = True
    options: ClassVar[Mapping[str, str]] = {"paragraph": REGEX, **_CONTEXT}
    renames: ClassVar[Mapping[str, str]] = {"paragraph": "pattern"}

    def line_patterns(self) -> Mapping[str, Pattern]:
        # Most paragraphs are one line; for those the line index already knows.
        return {**super().line_patterns(), "single": self.pattern}


def _default_data() -> HeuristicData:
    from .loader import default_heuristic_data

    return default_heuristic_data()


@dataclass(frozen=True, kw_only=True)
class HeuristicRule(Rule):
    """``heuristic:`` a named decision that weighs the lines around each line.

    The heuristics live in ``heuristics.py`` (runs of menu items, comment
    sections); a rule file chooses which run and under which id, and may set
    their options: the heuristic's own (``settings``, from ``options:``) and
    those several share (``shared``, from the file's ``heuristics:`` block).
    What a file leaves out is the built-in ``rules/generic/99-heuristics.yaml``'s.
    """

    heuristic: str
    # The heuristic's own options (its group in ``heuristics.HEURISTIC_OPTIONS``).
    settings: Any = None
    shared: HeuristicData = field(default_factory=_default_data)
    kind: ClassVar[str] = "heuristic"
    options: ClassVar[Mapping[str, str]] = {"heuristic": HEURISTIC, "options": OPTIONS_MAP}
    renames: ClassVar[Mapping[str, str]] = {"options": "settings"}

    @property
    def weighs_page(self) -> bool:
        return True


KINDS: dict[str, type[Rule]] = {
    rule.kind: rule
    for rule in (LinesRule, PatternRule, PhraseRule, BlockRule, ParagraphRule, HeuristicRule)
}
COMMON_OPTIONS: Mapping[str, str] = {
    "id": STRING,
    "note": STRING,
    "ignore_case": BOOL,
    "inline": BOOL,
}


def kinds_in(keys: Iterable[object]) -> list[str]:
    """The kind keys among a rule's ``keys``, less those that are another's option.

    ``phrases`` selects a kind of its own, and is an option of a ``pattern``
    rule: a rule with both is a ``pattern`` rule.
    """
    present = [key for key in keys if isinstance(key, str) and key in KINDS]
    return [
        key
        for key in present
        if not any(key in KINDS[other].options for other in present if other != key)
    ]
