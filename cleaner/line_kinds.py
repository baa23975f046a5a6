r"""What a line is taken for: prose, a menu item, a list row, a break, ...

The generic heuristics weigh lines by kind. A kind comes from the line's own
text (its features, its wording) and from whether other non-blank lines stand
next to it: page dumps print one block per line, with blank lines around
paragraphs and headings and none between the items of a menu or a list of
links, so a run of adjacent non-blank lines (a *group*) is a list, and a
paragraph stands alone. Each distinct line is judged once per process and set
of options, up to a bound (a site's menus and footers recur on every page).

The wording and the thresholds are data: ``LineKinds``, the ``line_kinds``
section of a rule file's ``heuristics:`` block (the built-in values are in
``rules/generic/99-heuristics.yaml``). The tests themselves, which counts are
compared in which order and how the lists are matched, are the compiled core's
(``core/src/classify.rs``): ``LineKinds`` hands its options over once and asks
about all the lines a pass needs in one call. Its patterns run on the core's
``regex`` crate: ``\w``, ``\d``, ``\s`` and ``\b`` are Unicode's (UTS #18).
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from fractions import Fraction
from typing import NamedTuple

from . import _core, bridge
from .features import LineFeatures, _stopwords
from .heuristic_options import (
    CHARACTERS,
    COUNT,
    PART,
    PATTERN,
    PATTERNS,
    SHARE,
    WORDS,
    derived,
    option,
)


class LineKind(Enum):
    """What a line is taken for, on its own and within its group."""

    PROSE = "prose"  # a paragraph of the article, or of something like it
    ROW = "row"  # a row of a table or a numbered list: words and figures
    ITEM = "item"  # a short sentence in a list, a subheading with function words
    MENU = "menu"  # a short item in a group: navigation, tags, links
    SHORT = "short"  # a short line on its own: a heading, a label
    BREAK = "break"  # the article does not run across it
    LEGAL = "legal"  # a copyright line


class LineInfo(NamedTuple):
    """What the heuristics know of one line text, worked out once per text in a pass."""

    features: LineFeatures
    alone: LineKind  # its kind as a line on its own
    grouped: LineKind  # its kind next to other lines
    cue: bool  # heads a comment section
    listy: bool  # inner punctuation or figures, as list rows have
    menu_item: bool  # short enough and bare enough to be a menu item
    glued: bool  # a teaser's title glued to its deck
    heading: bool  # a heading of other stories ("Related stories")
    stamp: bool  # a time or a date alone ("2 hours ago")
    byline: bool  # "By NAME" standing alone


@dataclass(frozen=True, eq=False)
class LineKinds:
    """The line-kind classifier's options: ``heuristics: line_kinds:`` in a rule file.

    Lines called lower-cased are compared after ``str.lower()``; word lists
    matched against them are lower-case. A length is in characters, a share a
    number from 0 to 1. Objects are compared by identity: equal options are
    one object (``heuristic_options.build``), the key of the line caches.
    """

    # --- prose, rows, list items --------------------------------------------------------------
    prose_max_numbers: Fraction = option(
        PART, "A line whose words hold a digit more often than this is no prose (a row of figures)."
    )
    prose_words: int = option(
        COUNT, "Prose: at least this many words, ending like a sentence, with `prose_stopwords`."
    )
    prose_stopwords: float = option(SHARE, "The share of stopwords such a sentence needs.")
    long_prose_words: int = option(
        COUNT, "Prose too: at least this many words with `long_prose_stopwords`, however it ends."
    )
    long_prose_stopwords: float = option(SHARE, "The share of stopwords such a line needs.")
    longest_prose_words: int = option(
        COUNT,
        "Prose too: at least this many words that end like a sentence or have "
        "`longest_prose_stopwords`.",
    )
    longest_prose_stopwords: float = option(SHARE, "The share of stopwords such a line needs.")
    row_min_words: int = option(COUNT, "A row of a table or a list: at least this many words, ...")
    row_min_numbers: int = option(
        COUNT, "... at least this many of them holding a digit (but not all) ..."
    )
    row_max_length: int = option(COUNT, "... and at most this long unless it ends like a sentence.")
    pair_row_max_length: int = option(
        COUNT, "A row too: two words, one with a digit, at most this long ('Round 3')."
    )
    item_min_words: int = option(
        COUNT, "A list item or subheading: at least this many words with `item_stopwords`, ..."
    )
    item_stopwords: float = option(SHARE, "The share of stopwords such an item needs.")
    item_long_words: int = option(COUNT, "... or at least this many words, whatever they are.")
    list_marks: re.Pattern[str] = option(
        PATTERN,
        "Inner punctuation or figures, the marks of a list row, absent from menu items "
        "(searched in the line).",
    )
    menu_item_max_length: int = option(COUNT, "A menu item is at most this long, ...")
    menu_item_max_words: int = option(COUNT, "... has at most this many words, ...")
    menu_item_marks: re.Pattern[str] = option(
        PATTERN,
        "... and none of these (sentence punctuation, digits; searched in the line).",
    )
    # --- breaks: the article does not run across them -----------------------------------------
    break_max_length: int = option(
        COUNT, "The longest line that can be a break (a heading, a stamp, a byline) or legal line."
    )
    heading_max_words: int = option(
        COUNT, "A heading of what follows the article has at most this many words."
    )
    headings: tuple[str, ...] = option(
        WORDS,
        "Headings of what follows the article ('related stories', 'lesen sie auch'): whole "
        "lower-cased lines.",
        lower=True,
    )
    heading_patterns: tuple[str, ...] = option(
        PATTERNS,
        "More such headings, as patterns ('more from .{1,40}') matched against the whole "
        "lower-cased line.",
    )
    arrows: frozenset[str] = option(
        CHARACTERS, "A line led by one of these that is no sentence links elsewhere: a break."
    )
    page_numbers: re.Pattern[str] = option(
        PATTERN, "Page numbers of a list of stories ('1 2 3 4 5 »'): the whole lower-cased line."
    )
    byline_max_words: int = option(
        COUNT, "A byline has at most this many words and is no sentence."
    )
    byline_leads: tuple[str, ...] = option(
        WORDS, "Words that may come before `byline_words` ('posted', 'written'), any case."
    )
    byline_words: tuple[str, ...] = option(
        WORDS,
        "A byline starts with one of these, a space and a capital or uncased letter "
        "('By Jane Doe', 'Von NAME'), any case.",
    )
    stamp_max_length: int = option(COUNT, "A date or time alone is at most this long.")
    relative_time_stems: tuple[str, ...] = option(
        WORDS,
        "Every relative time holds one of these (' ago'); other lines are not searched.",
        lower=True,
    )
    relative_time: re.Pattern[str] = option(
        PATTERN,
        "A relative time ('2 hours ago'), searched in the lower-cased line: a stamp anywhere "
        "in a line that is no prose.",
    )
    date_marks: re.Pattern[str] = option(
        PATTERN,
        "A time or a numeric date ('10:31', '19.11.2019'), searched in the lower-cased line; "
        "a line alone with neither this nor one of `date_words` is no date.",
    )
    date_words: tuple[str, ...] = option(
        WORDS, "Names of months and weekdays, as whole words.", lower=True
    )
    date_line_words: tuple[str, ...] = option(
        WORDS,
        "Other words a date line may hold: hours, zones, 'updated', 'at'. A date line is "
        "only `date_separator`s, figures with `ordinal_suffixes`, these and `date_words`.",
        lower=True,
    )
    date_separator: re.Pattern[str] = option(
        PATTERN, "One character between the parts of a date line (spaces, commas, dashes)."
    )
    ordinal_suffixes: tuple[str, ...] = option(
        WORDS, "What may follow a figure in a date line ('st', 'th').", lower=True
    )
    # --- legal lines ------------------------------------------------------------------------
    legal_marks: tuple[str, ...] = option(
        WORDS,
        "A line (of at most `break_max_length`) holding one of these is a legal line "
        "('©', 'rights reserved').",
        lower=True,
    )
    copyright_words: tuple[str, ...] = option(
        WORDS,
        "A line that is no prose holding one of these is a legal line ('copyright 2019 NAME'), ...",
        lower=True,
    )
    copyright_credits: tuple[str, ...] = option(
        WORDS,
        "... unless each time one of these and a space stand right before it ('image "
        "copyright'): a picture's credit.",
        lower=True,
    )
    # --- comment cues -------------------------------------------------------------------------
    cue_max_length: int = option(COUNT, "The longest line that can head a comment section.")
    cue_stems: tuple[str, ...] = option(
        WORDS,
        "Every comment cue holds one of these ('comment', 'repl'); other lines are not matched.",
        lower=True,
    )
    cue_headings: tuple[str, ...] = option(
        PATTERNS,
        "Headings of a comment section ('12 comments', 'leave a reply'): patterns matched "
        "against the whole lower-cased line, which may stand in brackets.",
    )
    cue_speaker: re.Pattern[str] = option(
        PATTERN,
        "A commenter's name heading a comment ('bob says:'), matched like `cue_headings`, ...",
    )
    cue_not_speakers: tuple[str, ...] = option(
        WORDS,
        "... unless its first word is one of these ('the mayor says:', 'she says:' lead into "
        "a quote).",
        lower=True,
    )
    # --- teasers ------------------------------------------------------------------------------
    glue: re.Pattern[str] = option(
        PATTERN,
        "A lower-case letter or figure run into the capital that starts the next word: a "
        "headline glued to its deck ('Goes UnpaidA party of six').",
    )
    glue_within: int = option(COUNT, "The glue is looked for in this many first characters.")
    glued_title_min_words: int = option(COUNT, "The glued title has at least this many words, ...")
    glued_title_capitals: Fraction = option(
        PART, "... and at least this share of them capitalised or figures (Title Case)."
    )

    # The options compiled in the core (``core/src/classify.rs``), where every
    # test on a line runs.
    _core: _core.Classifier = derived()

    def __post_init__(self) -> None:
        object.__setattr__(self, "_core", _core.Classifier(self))
        _LIVE.add(self)

    # --- the tests, as the core runs them ----------------------------------------------------

    def is_prose(self, f: LineFeatures) -> bool:
        """A sentence-like line of some length, or a long one full of function words."""
        return self._core.is_prose(f)

    def kind_of(self, text: str, f: LineFeatures, in_group: bool) -> LineKind:
        """The kind of one line; ``in_group`` when a non-blank line is next to it."""
        return KINDS[self._core.kind_of(text, f, in_group)]

    def is_heading(self, low: str, f: LineFeatures) -> bool:
        """A heading of what follows an article ("Related stories", "Trending news")."""
        return self._core.is_heading(low, f)

    def is_date_line(self, low: str) -> bool:
        """A lower-cased line that is only a date or a time, with a figure in it."""
        return self._core.is_date_line(low)

    def is_comment_cue(self, low: str) -> bool:
        """Whether a lower-cased line heads a comment section ("12 comments", "bob says:")."""
        return self._core.is_comment_cue(low)

    def is_glued_teaser(self, text: str) -> bool:
        """A headline run into its deck with no space: "Bill At Troy SteakhouseA party ..."."""
        return self._core.is_glued_teaser(text)

    def infos(self, texts: Sequence[str], lang: int | None) -> list[LineInfo]:
        """The ``LineInfo`` of each of ``texts`` (non-blank lines) on a page in ``lang``.

        In one call to the core: the features (with the share of stopwords
        worked out wherever these thresholds need it) and every test. Lines up
        to ``REMEMBERED_LENGTH`` are remembered across calls, ``REMEMBERED_LINES``
        at most (``forget_lines``).
        """
        found = bridge.counted(self._core.infos, texts, _stopwords(), lang)
        return [_info(*row) for row in found]

    def line_info(self, text: str, lang: int | None) -> LineInfo:
        """The ``LineInfo`` of one non-blank line on a page in language ``lang``."""
        return self.infos([text], lang)[0]


KINDS = tuple(LineKind)


def _info(
    words: int,
    stopwords: float,
    sentence: bool,
    numbers: int,
    digits: bool,
    alone: int,
    grouped: int,
    flags: int,
) -> LineInfo:
    return LineInfo(
        LineFeatures(words, stopwords, sentence, numbers, digits),
        KINDS[alone],
        KINDS[grouped],
        bool(flags & _core.INFO_CUE),
        bool(flags & _core.INFO_LISTY),
        bool(flags & _core.INFO_MENU_ITEM),
        bool(flags & _core.INFO_GLUED),
        bool(flags & _core.INFO_HEADING),
        bool(flags & _core.INFO_STAMP),
        bool(flags & _core.INFO_BYLINE),
    )


def default_kinds() -> LineKinds:
    """The built-in ``line_kinds`` options (those of ``rules/generic/99-heuristics.yaml``)."""
    from .loader import default_heuristic_data

    return default_heuristic_data().line_kinds


# Functions of the built-in options, for callers that judge single lines.


def kind_of(text: str, f: LineFeatures, in_group: bool, kinds: LineKinds | None = None) -> LineKind:
    return (kinds or default_kinds()).kind_of(text, f, in_group)


def is_prose(f: LineFeatures, kinds: LineKinds | None = None) -> bool:
    return (kinds or default_kinds()).is_prose(f)


def is_comment_cue(low: str, kinds: LineKinds | None = None) -> bool:
    return (kinds or default_kinds()).is_comment_cue(low)


def is_glued_teaser(text: str, kinds: LineKinds | None = None) -> bool:
    return (kinds or default_kinds()).is_glued_teaser(text)


def line_info(text: str, lang: int | None, kinds: LineKinds | None = None) -> LineInfo:
    return (kinds or default_kinds()).line_info(text, lang)


# Distinct lines remembered across texts, here (by the core's classifier, in
# ``LineKinds.infos``) and for line matches.
REMEMBERED_LINES = 50_000
# Longer lines are not remembered: a site's recurring lines are short, and
# 50,000 long ones (or one of 200 MB) would hold their size in memory for good.
REMEMBERED_LENGTH = 10_000
# Every set of options in use: their classifiers remember lines across texts
# (a site's menus and footers recur on every page), keyed by line and language.
_LIVE: weakref.WeakSet[LineKinds] = weakref.WeakSet()


def forget_lines() -> None:
    """Forget the line infos every classifier keeps across texts."""
    for kinds in list(_LIVE):
        kinds._core.forget()


def remembered() -> tuple[int, int]:
    """How many line infos are remembered across texts, and the longest line in UTF-8 bytes."""
    counts = [kinds._core.remembered() for kinds in list(_LIVE)]
    return sum(count for count, _ in counts), max((longest for _, longest in counts), default=0)


def shared_info(text: str, lang: int | None, kinds: LineKinds) -> LineInfo:
    return kinds.infos([text], lang)[0]


def shared_infos(texts: Sequence[str], lang: int | None, kinds: LineKinds) -> list[LineInfo]:
    """The ``LineInfo`` of each of ``texts`` (distinct, non-blank), remembered or worked out."""
    return kinds.infos(texts, lang)
