"""Type stubs for the compiled core (core/, built by maturin)."""

from collections.abc import Sequence
from typing import Any

CASEFOLD_UNICODE_VERSION: str
"""The Unicode version of the Python ``unicodedata`` that ``casefold``'s table came from."""

def join_lines(lines: Sequence[str]) -> str:
    """Kept lines joined: one blank line between paragraphs, a final newline (none if empty)."""

def split_lines(text: str) -> list[str]:
    """The text's lines, stripped as ``str.strip`` strips.

    Only ``\\n`` ends a line, and CRLF is one end.
    """

def strip(text: str) -> str:
    """``text.strip()``: the core's notion of whitespace, which must be Python's."""

def casefold(text: str) -> str:
    """``text.casefold()`` (full case folding), from the core's generated table."""

class Pattern:
    """A rule pattern (Python ``regex`` syntax, VERSION1), compiled for the linear engine.

    Where the ``regex`` crate reads the pattern as Python's ``regex`` module
    does, it runs here in linear time; otherwise it is on the slow path, and
    ``fullmatch`` answers only where the pattern's over-approximation rules a
    text out.
    """

    def __init__(self, source: str, ignore_case: bool = False) -> None: ...
    @property
    def source(self) -> str: ...
    @property
    def ignore_case(self) -> bool: ...
    @property
    def slow_reason(self) -> str | None:
        """Why the pattern runs on Python's engine; None when it runs here."""
    @property
    def admitted(self) -> bool:
        """Whether the linear engine reads the pattern as Python does (known without compiling)."""
    @property
    def has_filter(self) -> bool:
        """Whether a slow-path pattern is asked only where its over-approximation matches."""
    def fullmatch(self, text: str) -> bool | None:
        """Whether the pattern matches all of ``text``; None where Python must say."""

def normalise(text: str) -> str:
    """``text`` as ``phrases:`` rules compare it (``cleaner.phrases``, the specification)."""

def within(text: str, longest: int) -> bool:
    """False only when ``normalise(text)`` is certainly longer than ``longest`` code points."""

class Matcher:
    """Exact lines, case-folded exact lines, phrases and patterns, each with an id.

    ``folded`` lines are given already case-folded; a line matches one when its
    ``str.casefold()`` does. Phrase entries are (phrase, id, limit): a line
    matches when it normalises as the phrase does (``normalise``) and holds at
    most ``limit`` code points. Pattern entries are (pattern, id, last, limit),
    in the order their hits count: a line of more than ``limit`` code points is
    not matched, and after a hit of a ``last`` entry a line is not matched
    against later patterns. A line's hits come exact and folded lines first,
    then phrases, then patterns. ``checks`` are (ids, also, unless): a hit of
    one of ``ids`` stands only if the line matches every ``also`` pattern in
    full and no ``unless`` pattern.
    """

    def __init__(
        self,
        exact: list[tuple[str, int]],
        folded: list[tuple[str, int]],
        phrases: list[tuple[str, int, int | None]],
        patterns: list[tuple[Pattern, int, bool, int | None]],
        checks: list[tuple[list[int], list[Pattern], list[Pattern]]],
    ) -> None: ...
    def page(self, lines: list[str]) -> tuple[list[int], list[int], list[int]]:
        """The lines' hits, asks and rechecks, each a flat list of (position, id) pairs in
        position order.

        A hit is an entry the line matched (and whose checks, if any, hold or
        are Python's to decide); an ask, a pattern entry that Python's engine
        must decide for it (the slow path, or a line holding characters on
        which the engines may differ); a recheck, a hit whose checks Python's
        engine must decide. Empty lines match nothing.
        """
    def forget(self) -> None:
        """Forget the lines remembered across calls."""
    def remembered(self) -> tuple[int, int]:
        """How many lines are remembered across calls, and the longest in UTF-8 bytes."""

class Engine:
    """The rounds of the pass for the rule sets that run together, over their matcher.

    ``plans`` hold each rule as ``(kind, key, contextual, roles, data)``:
    ``roles`` are ``(role, hit)`` pairs, ``data`` what the kind needs (see
    ``engine._LineIndex._engine``). ``entries`` give each matcher entry's
    ``(hit, key, is a pattern, is last)``; ``checked`` says per hit whether its
    rule has ``also``/``unless`` checks; ``shared`` holds per rule file with
    heuristics its line kinds' and article search's cores; ``inline`` says per
    key whether it is an ``inline`` rule's.
    """

    def __init__(
        self,
        matcher: Matcher,
        plans: list[list[tuple[str, int, bool, list[tuple[str, int]], object]]],
        entries: list[tuple[int, int, bool, bool]],
        checked: list[bool],
        shared: list[tuple[Classifier, ArticleSearch]],
        stopwords: Stopwords,
        inline: list[bool],
        repeated_key: int,
        site_key: int,
    ) -> None: ...
    def run(
        self,
        page: Page,
        shared: list[str],
        repeats: bool,
        off: list[bool],
        exhausted: bool,
        oracle: object,
        record: bool,
    ) -> tuple[list[tuple[int, int, int, str]], list[tuple[int, int, int]], str]:
        """The pass over a page's lines: each removal as ``(key, line number, piece,
        text)``, sorted by line, and the blank lines that went with removed blocks as
        ``(key, line number, piece)`` (both empty without ``record``); the kept lines
        joined as the output prints them.

        ``shared``: the lines other pages of the site print; ``off``, per key whether
        it is turned off. A line holding stand-ins for lone surrogates (``Page``) has
        its patterns and checks decided by Python. ``oracle`` decides what the core
        cannot: ``ask(entry, line)``, ``struck(hit, line)``, ``fullmatch(plan, rule,
        which, text)`` and ``state()`` (the keys turned off and whether the page's
        pattern time ran out). The GIL is released but for those calls.
        """

class Page:
    """A text's stripped lines with ftfy's repairs put in, kept in the core as spans of it.

    ``repairs`` are ``(input line index, lines ftfy made of it)`` in order;
    ``stand_ins``, the first code point of the block that stands in the text
    for lone surrogates (``bridge.hide``).
    """

    def __init__(
        self, text: str, repairs: list[tuple[int, list[str]]], stand_ins: int | None = None
    ) -> None: ...
    def __len__(self) -> int: ...
    def texts(self) -> list[str]:
        """Every line."""
    def place(self, i: int) -> tuple[int, int]:
        """Line ``i``'s input line number (from 1) and piece (from 0)."""
    def holds(self, markers: Markers) -> list[int]:
        """Which of ``markers`` (by number, each once) the lines joined with newlines hold."""

class Markers:
    """Strings looked for all at once in a page's lines (``Page.holds``)."""

    def __init__(self, markers: list[str]) -> None: ...

def group_pages(
    pages: Sequence[Sequence[str]],
    sites: Sequence[str | None],
    *,
    shared_lines: int,
    shared_share: float,
    long: int,
    most_holders: int,
) -> list[int]:
    """A group number per page (its group's first page): pages of one site share one."""

def site_lines(pages: Sequence[Sequence[str]], groups: Sequence[int]) -> list[list[str]]:
    """Per page, its distinct non-blank lines that another page of its group also has."""

UNICODE_VERSION: str
"""The Unicode version of the core's character tables (``core/tools/gen_tables.py``)."""

STAND_IN_SPAN: int
"""How many stand-ins a block for lone surrogates holds (``bridge.hide``)."""

CHAR_SPACE: int
CHAR_DECIMAL: int
CHAR_TOKEN: int
CHAR_NFC_NO: int
CHAR_NFC_MAYBE: int
CHAR_UNASSIGNED: int
CHAR_ALPHA: int
CHAR_UPPER: int
CHAR_LOWER: int
CHAR_DIGIT: int
CHAR_NUMERIC: int

def lower(text: str) -> str:
    """``text.lower()``, as the core lowers a line before looking for stopwords."""

def char_classes(text: str) -> list[int]:
    """One number per character: its ``CHAR_*`` bits in the core's tables (for the tests)."""

def combining_classes(text: str) -> bytes:
    """The canonical combining class of each character (for the tests)."""

def needs_stopwords(words: int, sentence: bool) -> bool:
    """Whether ``Stopwords.features`` works out the share of stopwords of such a line."""

class Stopwords:
    """The stopword lists of the languages a page may be in, handed over once."""

    def __init__(self, lists: list[list[str]], weights: list[float]) -> None:
        """One list of lower-case words and one vote weight per language (at most 64)."""

    def vote(self, texts: list[str]) -> int | None:
        """Index of the language of a page's lines, None when they hold no stopword.

        Voted on the lines over 80 characters, up to the first that brings them
        past 1,500 (each cut at 65,536); on all lines when none is that long.
        """

    def shares(self, texts: list[str], lang: int) -> list[float | None]:
        """The share of ``lang``'s stopwords among the words of each text's first 300
        characters, None for one without words there."""

    def features(
        self, texts: list[str], lang: int | None
    ) -> list[tuple[int, float, bool, int, bool]]:
        """Per line: words, stopword share in ``lang``, ends a sentence, words with a
        digit and a digit among the first 300 characters (``features.LineFeatures``)."""

_Features = tuple[int, float, bool, int, bool]

INFO_CUE: int
INFO_LISTY: int
INFO_MENU_ITEM: int
INFO_GLUED: int
INFO_HEADING: int
INFO_STAMP: int
INFO_BYLINE: int

def option_pattern_error(source: str) -> str | None:
    """Why the core's regex engine cannot run a heuristic option's pattern, or None."""

class Classifier:
    """The line-kind classifier (``core/src/classify.rs``) over a ``line_kinds.LineKinds``."""

    def __init__(self, options: Any) -> None:
        """Read every option of ``options`` by name.

        ValueError for a pattern the core cannot run."""

    def infos(
        self, texts: list[str], stopwords: Stopwords, lang: int | None
    ) -> list[tuple[int, float, bool, int, bool, int, int, int]]:
        """Per non-blank line: its features, its kind alone and grouped (indexes into
        ``line_kinds.LineKind``) and its ``INFO_*`` flags."""

    def forget(self) -> None:
        """Forget the lines remembered across calls."""

    def remembered(self) -> tuple[int, int]:
        """How many lines are remembered, and the longest in UTF-8 bytes."""

    def is_prose(self, f: _Features) -> bool: ...
    def kind_of(self, text: str, f: _Features, in_group: bool) -> int: ...
    def is_heading(self, low: str, f: _Features) -> bool: ...
    def is_date_line(self, low: str) -> bool: ...
    def is_comment_cue(self, low: str) -> bool: ...
    def is_glued_teaser(self, text: str) -> bool: ...
    def is_copyright(self, low: str) -> bool: ...
    def is_legal(self, low: str) -> bool: ...
    def byline_letter(self, text: str) -> str | None: ...
    @property
    def share_gap(self) -> bool:
        """Whether these thresholds need shares of stopwords that ``features`` skips."""

class ArticleSearch:
    """The article search (``core/src/article.rs``) over a ``heuristics.ArticleSearch``."""

    def __init__(self, options: Any) -> None:
        """Read every option of ``options`` by name.

        ValueError for a pattern the core cannot run."""

    def weight(self, kind: int, words: int, teasers: bool, listing: bool) -> float:
        """What a line of ``kind`` (an index into ``line_kinds.LineKind``) and ``words`` weighs."""

    def article(
        self,
        texts: list[str],
        classifier: Classifier,
        stopwords: Stopwords,
        removed: list[int],
        inline: list[int],
    ) -> tuple[int, int, int | None, int | None, list[int]] | None:
        """Where the article of a view's ``texts`` is: ``(start, end, headline,
        comments, holes)`` as view positions (start and end -1 for a view with
        comments and no line of weight); None for a view with neither."""

def nav_run(
    texts: list[str],
    classifier: Classifier,
    stopwords: Stopwords,
    min_run: int,
    article: tuple[int, int] | None,
) -> list[int]:
    """``nav-run``: the positions of runs of ``min_run`` menu items or more, given the
    article's first and last view positions (``core/src/heuristics.rs``)."""

class AuthorBox:
    """The ``author-box`` heuristic over a ``heuristics.AuthorBoxOptions``."""

    def __init__(self, options: Any) -> None:
        """Read every option of ``options`` by name.

        ValueError for a pattern the core cannot run."""

    def role_between(self, text: str, start: int, end: int) -> bool:
        """Whether a role occurs in ``text`` from character ``start`` on, the text taken
        to end at character ``end`` (as ``re``'s ``search(text, start, end)``)."""

    def find(self, texts: list[str], removed: list[int]) -> list[int]:
        """The positions an author box takes in a view's ``texts``, given the positions
        other rules removed in this round."""

class Gate:
    """The encoding gate: which lines some ftfy fixer may change."""

    TRIGGER: int
    """A fixer acts: a control character, ligature, separator, non-NFC character."""
    ENTITY: int
    """An "&": the line changes if ftfy's HTML_ENTITY_RE matches (without the expressions)."""
    LOUD: int
    """A character that can take part in mojibake: bad if ftfy's BADNESS_RE matches
    (without the expressions)."""
    UNNORMALIZED: int
    """NFC quick check Maybe: the line changes unless it is NFC."""

    def __init__(
        self,
        triggers: list[int],
        safe: list[int],
        quiet: list[tuple[int, int]],
        entity: str | None = None,
        badness: str | None = None,
    ) -> None:
        """Code points that make a fixer act, typography of clean text, and the
        ranges that never start a sequence of ftfy's badness expression; with
        ``entity`` and ``badness`` (ftfy's expressions in the ``regex`` crate's
        syntax, ``encoding.for_the_core``) the gate decides ``ENTITY`` and
        ``LOUD`` itself: a ``TRIGGER`` where the expression matches, else
        nothing. Raises ``ValueError`` for an expression the crate refuses."""

    def is_bad(self, text: str) -> bool | None:
        """Whether the badness expression finds mojibake in ``text``; None without it."""

    def lines(self, text: str, stand_ins: int | None = None) -> list[tuple[int, int, str]]:
        """``(index, flags, line)`` of each line of ``text`` (split at ``\\n``, unstripped)
        a fixer may change; a line's flags are those of it with its newline.

        ``stand_ins``: the first code point of the block standing for lone surrogates.
        """

    def flags(self, line: str, stand_ins: int | None = None) -> int:
        """The flags of one piece of text, 0 when no fixer acts on it."""
