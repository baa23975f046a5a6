"""What a line is taken for: prose, a menu item, a list row, a break, ...

The generic heuristics weigh lines by kind. A kind comes from the line's own
text (its features, its wording) and from whether other non-blank lines stand
next to it: page dumps print one block per line, with blank lines around
paragraphs and headings and none between the items of a menu or a list of
links, so a run of adjacent non-blank lines (a *group*) is a list, and a
paragraph stands alone. Each distinct line is judged once per process and set
of options, up to a bound (a site's menus and footers recur on every page).

The wording and the thresholds are data: ``LineKinds``, the ``line_kinds``
section of a rule file's ``heuristics:`` block (the built-in values are in
``rules/generic/99-heuristics.yaml``). What stays here is the shape of each test: which
counts are compared, in which order, and how the lists are matched.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from fractions import Fraction
from typing import NamedTuple

from .features import LineFeatures, needs_stopwords, page_features, stopword_shares
from .heuristic_options import (
    CHARACTERS,
    COUNT,
    PART,
    PATTERN,
    PATTERNS,
    SHARE,
    WORDS,
    alternatives,
    derived,
    option,
)

# A comment cue may stand in brackets, with spaces inside them: "[ 12 comments ]".
_CUE_OPEN = r"[\[(]?\s*"
_CUE_CLOSE = r"\s*[\])]?"
_BRACKETS = "[("
_DIGIT = re.compile(r"\d")


class Kind(Enum):
    """What a line is taken for, on its own and within its group."""

    PROSE = "prose"  # a paragraph of the article, or of something like it
    ROW = "row"  # a row of a table or a numbered list: words and figures
    ITEM = "item"  # a short sentence in a list, a subheading with function words
    MENU = "menu"  # a short item in a group: navigation, tags, links
    SHORT = "short"  # a short line on its own: a heading, a label
    BREAK = "break"  # the article does not run across it
    LEGAL = "legal"  # a copyright line
    GONE = "gone"  # removed by another rule: furniture, whatever it looks like
    INSET = "inset"  # removed by a rule for furniture inside articles (an ad label)
    BOXED = "boxed"  # in the list right under a heading of other stories


class LineInfo(NamedTuple):
    """What the heuristics know of one line text, worked out once per text in a pass."""

    features: LineFeatures
    alone: Kind  # its kind as a line on its own
    grouped: Kind  # its kind next to other lines
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

    # Worked out from the options.
    _cue_stem: re.Pattern[str] = derived()
    _cue: re.Pattern[str] = derived()
    _speaker: re.Pattern[str] = derived()
    _not_speakers: frozenset[str] = derived()
    _headings: frozenset[str] = derived()
    _heading: re.Pattern[str] = derived()
    _byline: re.Pattern[str] = derived()
    _date_word: re.Pattern[str] = derived()
    _date_line: re.Pattern[str] = derived()
    _legal: re.Pattern[str] = derived()
    _credits: tuple[str, ...] = derived()
    # A share of stopwords that ``features.needs_stopwords`` skips can change a kind.
    _share_gap: bool = derived()

    def __post_init__(self) -> None:
        def put(name: str, value: object) -> None:
            object.__setattr__(self, name, value)

        put("_cue_stem", re.compile(alternatives(self.cue_stems)))
        put("_cue", re.compile(_CUE_OPEN + alternatives(self.cue_headings, False) + _CUE_CLOSE))
        put("_speaker", re.compile(f"(?:{self.cue_speaker.pattern}){_CUE_CLOSE}"))
        put("_not_speakers", frozenset(self.cue_not_speakers))
        put("_headings", frozenset(self.headings))
        put("_heading", re.compile(alternatives(self.heading_patterns, False)))
        put(
            "_byline",
            re.compile(
                f"(?:{alternatives(self.byline_leads)} )?{alternatives(self.byline_words)} (\\w)",
                re.IGNORECASE,
            ),
        )
        put("_date_word", re.compile(rf"\b{alternatives(self.date_words)}\b"))
        # A number is one digit a step: a run of digits splits only one way, so
        # a long one that fails ("1:00 1111...x") fails in linear time instead
        # of trying every split; the lines matched are those of whole runs.
        separator = f"(?:{self.date_separator.pattern})*"
        suffix = alternatives(self.ordinal_suffixes)
        words = alternatives(self.date_words + self.date_line_words)
        put(
            "_date_line",
            re.compile(rf"(?:{separator}(?:\d{suffix}?|{words}\b\.?))+{separator}"),
        )
        put("_legal", re.compile(alternatives(self.legal_marks)))
        put("_credits", tuple(f"{credit} " for credit in self.copyright_credits))
        put("_share_gap", self._skipped_share_matters())

    # --- the tests ----------------------------------------------------------------------------

    def is_prose(self, f: LineFeatures) -> bool:
        """A sentence-like line of some length, or a long one full of function words."""
        share = self.prose_max_numbers
        if f.numbers * share.denominator > f.words * share.numerator:
            return False
        return (
            (f.words >= self.prose_words and f.sentence and f.stopwords >= self.prose_stopwords)
            or (f.words >= self.long_prose_words and f.stopwords >= self.long_prose_stopwords)
            or (
                f.words >= self.longest_prose_words
                and (f.sentence or f.stopwords >= self.longest_prose_stopwords)
            )
        )

    def is_item(self, f: LineFeatures) -> bool:
        return (
            f.words >= self.item_min_words and f.stopwords >= self.item_stopwords
        ) or f.words >= self.item_long_words

    def is_heading(self, low: str, f: LineFeatures) -> bool:
        """A heading of what follows an article ("Related stories", "Trending news")."""
        return f.words <= self.heading_max_words and (
            low in self._headings or self._heading.fullmatch(low) is not None
        )

    def is_date_line(self, low: str) -> bool:
        """A lower-cased line that is only a date or a time, with a figure in it."""
        return (
            (self.date_marks.search(low) is not None or self._date_word.search(low) is not None)
            and _DIGIT.search(low) is not None
            and self._date_line.fullmatch(low) is not None
        )

    def is_stamp(self, low: str, f: LineFeatures) -> bool:
        """A time or a date standing alone ("2 hours ago", "Posted at 10:31").

        A relative time counts anywhere in a line ("Jane Roe • 2 hours ago"), but
        not in a sentence of the story ("The plant opened 20 years ago, ...").
        """
        return f.digits and (
            (
                any(stem in low for stem in self.relative_time_stems)
                and self.relative_time.search(low) is not None
                and not self.is_prose(f)
            )
            or (len(low) <= self.stamp_max_length and self.is_date_line(low))
        )

    def is_byline(self, text: str, f: LineFeatures) -> bool:
        """A byline standing alone: "By" and a name ("By Jane Doe", "by ライトハウス").

        Matched on the line as printed: a name is capitalised, a subheading's
        "By the numbers" is not.
        """
        if f.words > self.byline_max_words or f.sentence:
            return False
        byline = self._byline.match(text)
        return byline is not None and byline[1].isalpha() and not byline[1].islower()

    def _is_break(self, text: str, low: str, f: LineFeatures) -> bool:
        if self.is_heading(low, f) or self.is_byline(text, f):
            return True
        if not f.digits:
            return False
        return self.page_numbers.fullmatch(low) is not None or self.is_stamp(low, f)

    def _is_copyright(self, low: str) -> bool:
        """The word alone, not right after a picture's credit ("Image copyright Getty")."""
        for word in self.copyright_words:
            at = low.find(word)
            while at >= 0:
                if not low.endswith(self._credits, 0, at):
                    return True
                at = low.find(word, at + 1)
        return False

    def is_comment_cue(self, low: str) -> bool:
        """Whether a lower-cased line heads a comment section ("12 comments", "bob says:")."""
        return (
            len(low) <= self.cue_max_length
            and self._cue_stem.search(low) is not None
            and (self._cue.fullmatch(low) is not None or self._is_speaker(low))
        )

    def _is_speaker(self, low: str) -> bool:
        """``cue_speaker`` in the cue's brackets, its first word not one of ``cue_not_speakers``.

        The name starts after the spaces that open the line, or after an opening
        bracket and the spaces after it; it is a bracket itself when none follow.
        """
        starts = {len(low) - len(low.lstrip())}
        if low and low[0] in _BRACKETS:
            starts.add(len(low) - len(low[1:].lstrip()))
        for start in starts:
            if start < len(low) and self._speaker.fullmatch(low, start) is not None:
                end = start
                while end < len(low) and not low[end].isspace():
                    end += 1
                if low[start:end] not in self._not_speakers:
                    return True
        return False

    def kind_of(self, text: str, f: LineFeatures, in_group: bool) -> Kind:
        """The kind of one line; ``in_group`` when a non-blank line is next to it."""
        # Breaks and legal lines are short; their wording is matched lower-cased.
        low = text.lower() if len(text) <= self.break_max_length else ""
        if low:
            if self._is_break(text, low, f) or (text[0] in self.arrows and not f.sentence):
                return Kind.BREAK
            if self._legal.search(low) is not None:
                return Kind.LEGAL
        if self.is_prose(f):
            return Kind.PROSE
        # The word alone marks a notice ("Copyright 2019 Harbour Weekly"), not a
        # paragraph of a story about copyright, nor a picture's credit inside the
        # article ("Image copyright Getty Images").
        if low and self._is_copyright(low):
            return Kind.LEGAL
        if (
            f.words >= self.row_min_words
            and self.row_min_numbers <= f.numbers < f.words
            and (len(text) <= self.row_max_length or f.sentence)
        ) or (f.words == 2 and f.numbers == 1 and len(text) <= self.pair_row_max_length):
            return Kind.ROW
        if self.is_item(f):
            return Kind.ITEM
        return Kind.MENU if in_group else Kind.SHORT

    def is_glued_teaser(self, text: str) -> bool:
        """A headline run into its deck with no space: "Bill At Troy SteakhouseA party of six ...".

        Page dumps glue a teaser's title to its summary; the title is in Title Case.
        """
        glue = self.glue.search(text, 0, self.glue_within)
        if glue is None:
            return False
        title = text[: glue.start() + 1].split()
        capitals = sum(1 for word in title if word[0].isupper() or word[0].isdigit())
        share = self.glued_title_capitals
        return (
            len(title) >= self.glued_title_min_words
            and capitals * share.denominator >= len(title) * share.numerator
        )

    def features(self, texts: Sequence[str], lang: int | None) -> list[LineFeatures]:
        """``features.page_features`` of ``texts``, with the share of stopwords worked
        out where these thresholds need it and the core did not (a second call)."""
        found = page_features(texts, lang)
        if self._share_gap and lang is not None:
            gaps = [i for i, f in enumerate(found) if f.stopwords == 0.0 and self._share_gap_at(f)]
            shares = stopword_shares([texts[i] for i in gaps], lang) if gaps else []
            for i, share in zip(gaps, shares, strict=True):
                if share is not None:
                    found[i] = found[i]._replace(stopwords=share)
        return found

    def line_info(self, text: str, lang: int | None, f: LineFeatures | None = None) -> LineInfo:
        """The ``LineInfo`` of one non-blank line on a page in language ``lang``.

        ``f``: its ``features`` under these options, when already known.
        """
        if f is None:
            f = self.features([text], lang)[0]
        alone = self.kind_of(text, f, False)
        grouped = Kind.MENU if alone is Kind.SHORT else alone
        low = text.lower() if len(text) <= self.cue_max_length else ""
        return LineInfo(
            f,
            alone,
            grouped,
            # "12 comments were sent to the council before the vote." is a sentence
            # of the story, not the heading of its comments.
            bool(low) and alone is not Kind.PROSE and self.is_comment_cue(low),
            self.list_marks.search(text) is not None,
            len(text) <= self.menu_item_max_length
            and f.words <= self.menu_item_max_words
            and self.menu_item_marks.search(text) is None,
            alone is Kind.PROSE and self.is_glued_teaser(text),
            alone is Kind.BREAK and self.is_heading(low, f),
            alone is Kind.BREAK and self.is_stamp(low, f),
            alone is Kind.BREAK and self.is_byline(text, f),
        )

    # --- the share of stopwords ------------------------------------------------------------

    def _share_matters(self, f: LineFeatures) -> bool:
        """Whether the share of stopwords can change the kind of a line like ``f``."""
        low, high = f._replace(stopwords=0.0), f._replace(stopwords=1.0)
        return self.is_prose(low) != self.is_prose(high) or self.is_item(low) != self.is_item(high)

    def _skipped_share_matters(self) -> bool:
        """Whether these thresholds ask for a share where ``features`` does not work it out.

        ``features.needs_stopwords`` skips the count on lines whose kind it cannot
        change under the built-in thresholds; other thresholds may need it there.
        Past the largest threshold nothing changes with the number of words.
        """
        top = max(
            self.prose_words,
            self.long_prose_words,
            self.longest_prose_words,
            self.item_min_words,
            self.item_long_words,
        )
        for words in range(top + 2):
            for sentence in (False, True):
                if needs_stopwords(words, sentence):
                    continue
                if self._share_matters(LineFeatures(words, 0.0, sentence, 0, False)):
                    return True
        return False

    def _share_gap_at(self, f: LineFeatures) -> bool:
        """Whether the core skipped a share of stopwords that these thresholds need."""
        return not needs_stopwords(f.words, f.sentence) and self._share_matters(f)


def default_kinds() -> LineKinds:
    """The built-in ``line_kinds`` options (those of ``rules/generic/99-heuristics.yaml``)."""
    from .loader import default_heuristic_data

    return default_heuristic_data().kinds


# Functions of the built-in options, for callers that judge single lines.


def kind_of(text: str, f: LineFeatures, in_group: bool, kinds: LineKinds | None = None) -> Kind:
    return (kinds or default_kinds()).kind_of(text, f, in_group)


def is_prose(f: LineFeatures, kinds: LineKinds | None = None) -> bool:
    return (kinds or default_kinds()).is_prose(f)


def is_comment_cue(low: str, kinds: LineKinds | None = None) -> bool:
    return (kinds or default_kinds()).is_comment_cue(low)


def is_glued_teaser(text: str, kinds: LineKinds | None = None) -> bool:
    return (kinds or default_kinds()).is_glued_teaser(text)


def line_info(text: str, lang: int | None, kinds: LineKinds | None = None) -> LineInfo:
    return (kinds or default_kinds()).line_info(text, lang)


# Line infos kept across texts: a site's menu and footer lines recur on every
# page. The table is emptied when full, so memory stays bounded. Its key holds
# the options the line was judged by (an object per distinct set of them).
_SHARED: dict[tuple[str, int | None, LineKinds], LineInfo] = {}
# Distinct lines remembered across texts, here and for line matches.
REMEMBERED_LINES = 50_000
# Longer lines are not remembered: a site's recurring lines are short, and
# 50,000 long ones (or one of 200 MB) would hold their size in memory for good.
REMEMBERED_LENGTH = 10_000


def forget_lines() -> None:
    """Empty the table of line infos kept across texts."""
    _SHARED.clear()


def shared_info(text: str, lang: int | None, kinds: LineKinds) -> LineInfo:
    return shared_infos([text], lang, kinds)[0]


def shared_infos(texts: Sequence[str], lang: int | None, kinds: LineKinds) -> list[LineInfo]:
    """The ``LineInfo`` of each of ``texts`` (distinct, non-blank), remembered or worked out.

    The features of those not remembered are taken in one call to the core.
    """
    infos = [
        _SHARED.get((text, lang, kinds)) if len(text) <= REMEMBERED_LENGTH else None
        for text in texts
    ]
    new = [i for i, info in enumerate(infos) if info is None]
    if not new:
        return infos  # type: ignore[return-value]
    for i, f in zip(new, kinds.features([texts[i] for i in new], lang), strict=True):
        text = texts[i]
        info = infos[i] = kinds.line_info(text, lang, f)
        if len(text) <= REMEMBERED_LENGTH:
            if len(_SHARED) >= REMEMBERED_LINES:
                _SHARED.clear()
            _SHARED[(text, lang, kinds)] = info
    return infos  # type: ignore[return-value]
