"""Heuristics: decisions that weigh the whole page.

A rule file names a heuristic (``heuristic: outside-article``); each is a
function of the view of kept lines that returns the positions it removes. They
know the shapes of pages in general (a menu is a run of short unpunctuated
lines, comments follow the article, the article is one dense stretch of prose),
never a particular site. Lines are weighed by their kind (``line_kinds.py``).

A heuristic is called with the rule that names it, and reads everything it
weighs from there: its own options (``rule.settings``: ``NavRunOptions``,
``AuthorBoxOptions``, ``GluedTrailOptions``) and the data several share
(``rule.shared``: the line kinds and ``ArticleSearch``). The values are the
rule file's, over those of the built-in ``rules/generic/99-heuristics.yaml``; no word and no
threshold is kept here. What stays in code is the shape of each decision.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import pairwise
from typing import Any, Protocol

from . import _core, bridge
from .document import View
from .features import _stopwords
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


class Context(Protocol):
    view: View
    cache: dict[object, object]
    # Positions that line rules removed in this round: their verdict is known,
    # but a removed "Related stories" heading still marks where the article ends.
    removed: Collection[int]
    # Those removed by rules for furniture that stands inside articles.
    inline: Collection[int]


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


class Settings(Protocol):
    """What a heuristic is run with: its rule, carrying its options and the shared data."""

    @property
    def settings(self) -> Any: ...

    @property
    def shared(self) -> HeuristicData: ...


@dataclass(frozen=True)
class Article:
    """Where the article is in a view: its lines, its headline, where comments start."""

    start: int  # view positions: first and last line of the article region
    end: int
    headline: int | None
    comments: int | None  # position of the comment-section cue, None without one
    # Lines inside the region that are no part of the article: a box of other
    # stories printed in the middle of it.
    holes: tuple[int, ...] = ()


def article(ctx: Context, data: HeuristicData) -> Article | None:
    """Find the article: the stretch of lines between breaks with the greatest weight.

    Each line weighs by its kind (prose counts its words); the heaviest stretch
    between breaks grows by cheap lines on each side, takes in prose that a
    box of other stories splits off, yields to an article's head under a
    block of teasers, and has the nearest title-like line above it as its
    headline. Comments come after the article: a comment cue ends the search
    once ``comment_words`` words of prose, or ``comment_share`` of the page's
    prose, are behind it (so a "12 comments" link by the headline does not).
    None when the view has no line of positive weight. The search is the
    compiled core's (``core/src/article.rs``), over the line kinds of
    ``data.line_kinds`` in the language the view's lines vote for.
    """
    key = ("article", data.line_kinds, data.article)
    found = ctx.cache.get(key)
    if isinstance(found, tuple) and found[0] is ctx.view:
        return found[1]
    where = bridge.counted(
        data.article._core.article,
        ctx.view.texts,
        data.line_kinds._core,
        _stopwords(),
        list(ctx.removed),
        list(ctx.inline),
    )
    result = None
    if where is not None:
        start, end, headline, comments, holes = where
        result = Article(start, end, headline, comments, tuple(holes))
    ctx.cache[key] = (ctx.view, result)
    return result


@dataclass(frozen=True, eq=False)
class NavRunOptions:
    """``nav-run``'s options."""

    min_run: int = option(COUNT, "Menu items on adjacent lines that make a menu, at least.")


def nav_run(ctx: Context, rule: Settings) -> Sequence[int]:
    """Runs of ``min_run`` or more menu items on adjacent lines: navigation, link lists.

    A blank line ends a run: a short headline under the menu is not part of
    it. A list inside an article breaks a run with a number, a sentence, or
    punctuation, or stands between two paragraphs of prose (a packing list
    between the sentences that introduce and follow it). Run by the core
    (``core/src/heuristics.rs``) over the line kinds the article search uses.
    """
    found = article(ctx, rule.shared)
    where = (found.start, found.end) if found else None
    return bridge.counted(
        _core.nav_run,
        ctx.view.texts,
        rule.shared.line_kinds._core,
        _stopwords(),
        rule.settings.min_run,
        where,
    )


def comment_section(ctx: Context, rule: Settings) -> Sequence[int]:
    """From a comment-section heading to the end, once the article is behind it."""
    found = article(ctx, rule.shared)
    if found is None or found.comments is None:
        return []
    return range(found.comments, len(ctx.view.texts))


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


def glued_trail(ctx: Context, rule: Settings) -> Sequence[int]:
    """A trail of sections glued to the headline printed under it.

    Breadcrumbs whose separators the page draws with style sheets lose them
    when the page is copied: "HomeLatest NewsKate Henshaw Is Looking Stunning",
    then the headline "Kate Henshaw Is Looking Stunning" on its own line. A line
    made of a few section names and the next line's whole text (four words or
    more), run together or joined by a separator, is that trail. A sentence
    that ends with the words of a line after it (a pull quote) has sentence
    punctuation before them, and a song's echo a space.
    """
    texts = ctx.view.texts
    o: GluedTrailOptions = rule.settings
    # Runs on every line in every round: the cheap test first, in one pass.
    pairs = [
        (pos, texts[pos], texts[after])
        for pos, after in pairwise(ctx.view.nonblank)
        if texts[pos].endswith(texts[after]) and texts[pos] != texts[after]
    ]
    found = []
    for pos, text, following in pairs:
        if len(following.split()) < o.headline_min_words:
            continue
        trail = text[: -len(following)]
        glued = trail[-1].isalnum() and following[0].isalnum()
        joined = trail.rstrip()[-1:] in o.separators
        bare = len(trail) <= o.trail_max_length and o.trail_stops.isdisjoint(trail)
        if (glued or joined) and bare:
            found.append(pos)
    return found


def outside_article(ctx: Context, rule: Settings) -> Sequence[int]:
    """Lines before and after the article region, but for its headline.

    Lines far from the densest stretch of prose are menus, teasers, footers.
    A page with no line of prose weight is left alone: there is nothing to
    tell the article by.
    """
    found = article(ctx, rule.shared)
    if found is None or found.start < 0:
        return []
    end = found.comments if found.comments is not None else len(ctx.view.texts)
    holes = set(found.holes)
    return [
        pos
        for pos in ctx.view.nonblank
        if (pos < found.start and pos != found.headline) or found.end < pos < end or pos in holes
    ]


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


def author_box(ctx: Context, rule: Settings) -> Sequence[int]:
    """An author box: a name alone, a few short lines, then a biography of that author.

    "Zac Hall", "@apollozac", "Zac covers Apple news for 9to5Mac ...". The box
    is told by its shape and by the lines between name and biography that
    other rules already removed (a handle, a role such as "Contributing
    Writer"), or by such a line printed right under the biography ("Follow"):
    a name heading a paragraph about that person in an article (a list of
    candidates) has no such lines, and stays. The biography starts
    with the name or its first word and says within its first words that the
    person writes (a writer, an editor, "covers", "writes"). Run by the core
    (``core/src/heuristics.rs``).
    """
    o: AuthorBoxOptions = rule.settings
    return bridge.counted(o._core.find, ctx.view.texts, list(ctx.removed))


HEURISTICS: dict[str, Callable[[Context, Settings], Sequence[int]]] = {
    "author-box": author_box,
    "nav-run": nav_run,
    "comment-section": comment_section,
    "glued-trail": glued_trail,
    "outside-article": outside_article,
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
