"""Heuristics: decisions that weigh the whole page.

A rule file names a heuristic (``heuristic: outside-article``, ``HEURISTICS``);
each is a function of the view of kept lines that gives the positions it
removes, run by the compiled core (``core/src/rounds.rs``,
``core/src/heuristics.rs``, ``core/src/article.rs``). They know the shapes of
pages in general (a menu is a run of short unpunctuated lines, comments follow
the article, the article is one dense stretch of prose), never a particular
site. Lines are weighed by their kind (``line_kinds.py``).

A heuristic reads everything it weighs from the rule that names it: its own
options (``rule.settings``: ``NavRunOptions``, ``AuthorBoxOptions``,
``GluedTrailOptions``) and the data several share (``rule.shared``: the line
kinds and ``ArticleSearch``). The values are the rule file's, over those of the
built-in ``rules/generic/99-heuristics.yaml``; no word and no threshold is kept
in code. What stays in code is the shape of each decision.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from . import _core
from .heuristic_options import (
    CHARACTERS,
    COUNT,
    NUMBER,
    PART,
    PATTERN,
    SHARE,
    WORDS,
    derived,
    option,
)
from .line_kinds import LineKinds


@dataclass(frozen=True, eq=False)
class ArticleSearch:
    """The article search's options: ``heuristics: article:`` in a rule file.

    ``outside-article``, ``comment-section`` and ``nav-run`` share one search
    (``article``). Each line gets a weight: prose counts its words, a list of
    links costs more than a lone heading; the article is the heaviest stretch
    between breaks, grown by cheap lines on each side.
    """

    # --- weights ------------------------------------------------------------------------------
    teaser_prose_share: float = option(
        SHARE, "Prose among teasers (a group of titles and decks) counts this share of its words."
    )
    row_word_weight: float = option(NUMBER, "A row of a table or a list: weight per word.")
    item_weight: float = option(NUMBER, "A list item or a subheading on its own or in a group.")
    list_item_weight: float = option(NUMBER, "A list item in a list of the article.")
    teaser_item_weight: float = option(NUMBER, "A list item among teasers.")
    menu_weight: float = option(NUMBER, "A menu item: weight, ...")
    menu_word_weight: float = option(NUMBER, "... plus this per word.")
    list_row_weight: float = option(NUMBER, "A menu-like line of a list in the article.")
    short_weight: float = option(NUMBER, "A lone short line (a heading, a label), or a break: ...")
    short_word_weight: float = option(NUMBER, "... plus this per word.")
    legal_weight: float = option(NUMBER, "A legal line.")
    removed_weight: float = option(
        NUMBER, "A line another rule removed: furniture, whatever it looks like."
    )
    boxed_weight: float = option(
        NUMBER, "A line of the list right under a heading of other stories: weight, ..."
    )
    boxed_word_weight: float = option(NUMBER, "... plus this per word.")
    # --- groups -------------------------------------------------------------------------------
    teaser_group_lines: int = option(
        COUNT, "A group of at least this many lines, with under `teaser_max_prose` of prose, ..."
    )
    teaser_max_prose: Fraction = option(PART, "... is titles and decks of other stories (teasers).")
    list_min_listy: Fraction = option(
        PART,
        "A group whose lines carry inner punctuation or figures this often (or with a "
        "sentence in it) is a list in the article.",
    )
    menu_group_lines: int = option(
        COUNT,
        "A heading of other stories ending a group of at least this many lines, the others "
        "menu items, is a menu's last item ('More') and heads no list.",
    )
    # --- growing the region -------------------------------------------------------------------
    slack: float = option(NUMBER, "The weight the region may lose growing on each side.")
    back_slack: float = option(
        NUMBER,
        "Of that, before the region, what lines no rule removed may cost (above an article "
        "stand its headline and a page's header).",
    )
    extend_lines: int = option(COUNT, "Lines the region may grow by on each side, at most.")
    gone_crossing: float = option(NUMBER, "Crossing a line another rule removed costs this.")
    inset_crossing: float = option(
        NUMBER,
        "Crossing, above the region, a line an `inline` rule removed (an ad label, a caption) "
        "costs this.",
    )
    lone_titles: int = option(
        COUNT,
        "The region does not grow back over this many lone title-like lines in a row (other "
        "stories' headlines).",
    )
    # --- boxes of other stories inside the article --------------------------------------------
    module_lines: int = option(
        COUNT, "A box of other stories: its heading and at most this many other lines."
    )
    module_share: float = option(
        SHARE, "Prose before such a box is the article's if it weighs this share of the region."
    )
    module_share_after: float = option(
        SHARE, "Prose after such a box is the article's if it weighs this share of the region."
    )
    box_closing: re.Pattern[str] = option(
        PATTERN,
        "A link that closes such a box ('More in Politics'), matched at the start of the "
        "lower-cased line.",
    )
    # --- an article under a block of teasers --------------------------------------------------
    min_decks: int = option(
        COUNT, "A stretch with at least this many titles over paragraphs, and no byline, ..."
    )
    head_lines: int = option(COUNT, "... (looked for this many lines above it) ...")
    head_share: float = option(
        SHARE,
        "... yields to the article headed by a title and a byline after it, if that weighs "
        "this share of it.",
    )
    # --- the headline -------------------------------------------------------------------------
    headline_lines: int = option(COUNT, "The headline is looked for this many lines above.")
    byline_lines: int = option(
        COUNT, "A byline (under the headline) is looked for this many lines above."
    )
    headline_min_words: int = option(COUNT, "A headline has at least this many words ...")
    headline_max_words: int = option(COUNT, "... and at most this many.")
    deck_words: int = option(
        COUNT, "A line this long right under a shorter title-like line is its deck, ..."
    )
    deck_title_min_words: int = option(COUNT, "... if that title has at least this many words.")
    # --- live blogs ---------------------------------------------------------------------------
    clock: re.Pattern[str] = option(
        PATTERN,
        "A time of day alone, as live blogs head their posts ('10:31 GMT', 'Posted at 10:31 "
        "a.m. ET'): the whole line, any case.",
        flags=re.IGNORECASE,
    )
    # --- comments -----------------------------------------------------------------------------
    comment_words: int = option(
        COUNT, "A comment cue counts once this many words of prose are behind it, ..."
    )
    comment_share: float = option(SHARE, "... or this share of the page's prose.")

    # The options compiled in the core (``core/src/article.rs``), which runs the search.
    _core: _core.ArticleSearch = derived()

    def __post_init__(self) -> None:
        object.__setattr__(self, "_core", _core.ArticleSearch(self))


@dataclass(frozen=True)
class HeuristicData:
    """What the heuristics of one rule file share: the line kinds and the article search."""

    line_kinds: LineKinds
    article: ArticleSearch


@dataclass(frozen=True, eq=False)
class NavRunOptions:
    """``nav-run``'s options."""

    min_run: int = option(COUNT, "Menu items on adjacent lines that make a menu, at least.")


@dataclass(frozen=True, eq=False)
class GluedTrailOptions:
    """``glued-trail``'s options."""

    headline_min_words: int = option(
        COUNT,
        "The headline under the trail, which the trail ends with, has at least this many words.",
    )
    trail_max_length: int = option(
        COUNT, "What stands before that headline, section names, is at most this long ..."
    )
    trail_stops: frozenset[str] = option(
        CHARACTERS, "... and holds none of these (sentence punctuation)."
    )
    separators: frozenset[str] = option(
        CHARACTERS,
        "The trail ends in one of these (and spaces), or its last letter or figure runs into "
        "the headline.",
    )


@dataclass(frozen=True, eq=False)
class AuthorBoxOptions:
    """``author-box``'s options."""

    name_max_length: int = option(COUNT, "A name alone is at most this long, ...")
    name_min_words: int = option(COUNT, "... of at least this many capitalised words ...")
    name_max_words: int = option(COUNT, "... and at most this many, ...")
    name_word: re.Pattern[str] = option(
        PATTERN,
        "... each of which this matches in full: letters, with hyphens, dots and apostrophes "
        "('O'Hara', 'H.W.').",
    )
    roles: tuple[str, ...] = option(
        WORDS,
        "What a biography says of its author ('writer', 'covers'): whole words, any case, ...",
    )
    role_within: int = option(COUNT, "... within this many first characters of the biography.")
    bio_min_words: int = option(COUNT, "The biography has at least this many words.")
    max_gap_lines: int = option(
        COUNT, "Lines between the name and the biography (a handle, a role), at most ..."
    )
    gap_line_max_words: int = option(
        COUNT, "... each of at most this many words, unless another rule removed it."
    )

    # The options compiled in the core (``core/src/heuristics.rs``), which runs the heuristic.
    _core: _core.AuthorBox = derived()

    def __post_init__(self) -> None:
        object.__setattr__(self, "_core", _core.AuthorBox(self))


# What each heuristic removes (the core's ``rounds::Heuristic``), by the name
# a rule file gives it.
HEURISTICS: dict[str, str] = {
    "author-box": (
        "An author box: a name alone, a few short lines, then a biography of that "
        "author ('Zac Hall', '@apollozac', 'Zac covers Apple news for 9to5Mac ...'), "
        "told from a name heading a paragraph about that person by the lines other "
        "rules removed between them, or right under the biography."
    ),
    "nav-run": (
        "Runs of `min_run` or more menu items on adjacent lines: navigation, link "
        "lists. A blank line ends a run; a list inside the article breaks one with a "
        "number, a sentence or punctuation, or stands between two paragraphs of prose."
    ),
    "comment-section": "From a comment-section heading to the end, once the article is behind it.",
    "glued-trail": (
        "A trail of sections glued to the headline printed under it ('HomeLatest "
        "NewsKate Henshaw Is Looking Stunning', then the headline): a line made of a few "
        "section names and the next line's whole text, run together or joined by a "
        "separator."
    ),
    "outside-article": (
        "Lines before and after the article region, but for its headline: menus, "
        "teasers, footers. A page with no line of prose weight is left alone."
    ),
}
# Each heuristic's own options (``options:`` under its rule), None for none.
HEURISTIC_OPTIONS: dict[str, type | None] = {
    "author-box": AuthorBoxOptions,
    "nav-run": NavRunOptions,
    "comment-section": None,
    "glued-trail": GluedTrailOptions,
    "outside-article": None,
}
# The sections of a rule file's ``heuristics:`` block: what several heuristics share.
SECTIONS: dict[str, type] = {"line_kinds": LineKinds, "article": ArticleSearch}
# The heuristics that use them (the article search, and the line kinds it weighs).
SHARING = ("comment-section", "nav-run", "outside-article")
