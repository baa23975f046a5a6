"""Heuristics: decisions that weigh the whole page.

A rule file names a heuristic (``heuristic: outside-article``); each is a
function of the view of kept lines that returns the positions it removes. They
know the shapes of pages in general (a menu is a run of short unpunctuated
lines, comments follow the article, the article is one dense stretch of prose),
never a particular site. Lines are weighed by their kind (``kinds.py``).

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

from .document import View
from .features import LineFeatures, vote
from .heuristic_options import (
    CHARACTERS,
    COUNT,
    NUMBER,
    PART,
    PATTERN,
    SHARE,
    WORDS,
    alternatives,
    derived,
    option,
)
from .kinds import Kind, LineInfo, LineKinds, shared_info, shared_infos


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


@dataclass(frozen=True)
class HeuristicData:
    """What the heuristics of one rule file share: the line kinds and the article search."""

    kinds: LineKinds
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


def _line_info(ctx: Context, kinds: LineKinds) -> Callable[[str], LineInfo]:
    """``LineInfo`` of a line text, computed once per text and set of options in a pass."""
    cache = ctx.cache
    found = cache.get("language")
    lang: int | None
    if isinstance(found, tuple) and found[0] is ctx.view:
        lang = found[1]
    else:
        # Voted on the lines this round sees, not on the whole page: the last
        # round must judge its lines as a second pass over the cleaned text
        # would, or cleaning twice could change the text again.
        lang = vote(ctx.view.texts)
        cache["language"] = (ctx.view, lang)
    table: dict[str, LineInfo] = cache.setdefault(("lines", lang, kinds), {})  # type: ignore[assignment]
    if cache.get(("asked", kinds)) is not ctx.view:
        # The heuristics ask about every non-blank line: the features of those
        # not yet known, in one call.
        cache[("asked", kinds)] = ctx.view
        new = [text for text in dict.fromkeys(ctx.view.texts) if text and text not in table]
        table.update(zip(new, shared_infos(new, lang, kinds), strict=True))

    def get(text: str) -> LineInfo:
        found = table.get(text)
        if found is None:
            found = table[text] = shared_info(text, lang, kinds)
        return found

    return get


def _weight(kind: Kind, f: LineFeatures, teasers: bool, listing: bool, a: ArticleSearch) -> float:
    if kind is Kind.LEGAL:
        return a.legal_weight
    if kind is Kind.PROSE:
        # Prose counts its words: the unit every other weight is measured in.
        return f.words * a.teaser_prose_share if teasers else f.words
    if kind is Kind.ROW:
        return a.row_word_weight * f.words
    if kind is Kind.ITEM:
        return a.list_item_weight if listing else a.teaser_item_weight if teasers else a.item_weight
    if kind is Kind.MENU:
        # A row of a list in the article costs little; a menu item costs more
        # than a lone heading.
        return a.list_row_weight if listing else a.menu_weight + a.menu_word_weight * f.words
    return a.short_weight + a.short_word_weight * f.words


# The region does not grow across these: known furniture is no part of it.
_STOPS = (Kind.BREAK, Kind.BOXED)
# Kinds of a title-like line, such as a headline.
_TITLES = (Kind.SHORT, Kind.ITEM, Kind.MENU)
# Lines other rules removed.
_REMOVED_KINDS = (Kind.GONE, Kind.INSET)
# Kinds of a line that can be a headline.
_HEADS = (Kind.SHORT, Kind.ITEM, Kind.ROW)

# One line in the search for the article: view position, kind, weight, comment cue.
_Entry = tuple[int, Kind, float, bool]


def _extend(
    lines: list[_Entry],
    edge: int,
    step: int,
    a: ArticleSearch,
    stops: Collection[int] = frozenset(),
    kept_slack: float | None = None,
) -> int:
    """How far the region's ``edge`` may move outwards losing at most ``slack`` weight.

    The densest stretch can stop short of a list, a caption-less photo line or
    a short closing paragraph of the article. Lines next to it that cost little
    belong to it; a menu, a teaser list, a break, or ``lone_titles`` lines in a
    row whose positions are in ``stops`` cost more than ``slack``. Of that, the
    lines no other rule removes may cost at most ``kept_slack``.
    """
    slack = a.slack
    total, kept, far, k = 0.0, 0.0, edge, edge + step
    limit = slack if kept_slack is None else kept_slack
    run = a.lone_titles * step
    while 0 <= k < len(lines) and lines[k][1] not in _STOPS and abs(k - edge) <= a.extend_lines:
        if all(0 <= j < len(lines) and lines[j][0] in stops for j in range(k, k + run, step)):
            break
        # Lines other rules remove go anyway: crossing them costs less.
        if lines[k][1] is Kind.INSET and step < 0:
            total += a.inset_crossing
        elif lines[k][1] in _REMOVED_KINDS:
            total += a.gone_crossing
        else:
            total += lines[k][2]
            kept += lines[k][2]
        if total < -slack or kept < -limit:
            break
        far = k
        k += step
    return far


def _entries(ctx: Context, data: HeuristicData) -> tuple[list[_Entry], int, set[int]]:
    """The view's non-blank lines as entries, the words of prose among them, and lone titles.

    Lone titles are short lines that stand as paragraphs of their own and do not
    end like a sentence (headlines of a list of other stories, each printed on
    its own, look like this). The lines of a group of teasers right under a
    heading of other stories, or led by one, are ``Kind.BOXED``: that heading's
    list, which the article neither grows into nor takes its headline from.
    """
    view, removed, get = ctx.view, ctx.removed, _line_info(ctx, data.kinds)
    a = data.article
    teaser_prose, listy_share = a.teaser_max_prose, a.list_min_listy
    lines: list[_Entry] = []
    prose_total = 0
    lone: set[int] = set()
    texts = view.texts
    after_heading = False
    for run in view.paragraphs:
        infos = [get(texts[pos]) for pos in run]
        # The group right under a heading of other stories ("Most Popular"),
        # or led by one, is its list, wherever it stands.
        first = 0 if after_heading else 1 if infos[0].heading else len(run)
        # A menu's last item ("More", a drop-down) heads no list.
        after_heading = infos[-1].heading and not (
            len(run) >= a.menu_group_lines and all(info.menu_item for info in infos[:-1])
        )
        if len(run) == 1:
            kinds = [infos[0].alone]
            listing = False
        else:
            kinds = [info.grouped for info in infos]
            # A group with a sentence in it, or whose lines mostly carry figures
            # or inner punctuation ("England (Group A): 10th appearance"), is a
            # list in the article; menu items are bare words.
            listing = (
                any(
                    i.features.sentence and k is not Kind.BREAK
                    for i, k in zip(infos, kinds, strict=True)
                )
                or sum(1 for i in infos if i.listy) * listy_share.denominator
                >= len(run) * listy_share.numerator
            )
        # Three or more lines with few paragraphs among them: titles and decks
        # of other stories. An article printed without blank lines is all prose.
        # Paragraphs printed next to each other are the article all the same.
        teasers = (
            len(run) >= a.teaser_group_lines
            and sum(1 for k in kinds if k is Kind.PROSE) * teaser_prose.denominator
            < len(run) * teaser_prose.numerator
        )
        # A headline, its deck and byline under a header's "Latest" label are
        # the article's head: a byline or a date in the group says so.
        if not teasers or Kind.BREAK in kinds[first:]:
            first = len(run)
        for k, (pos, info, kind) in enumerate(zip(run, infos, kinds, strict=True)):
            if pos in removed and kind is not Kind.BREAK and kind is not Kind.LEGAL:
                gone = Kind.INSET if pos in ctx.inline else Kind.GONE
                lines.append((pos, gone, a.removed_weight, info.cue))
                continue
            f = info.features
            if k >= first:
                weight = a.boxed_weight + a.boxed_word_weight * f.words
                lines.append((pos, Kind.BOXED, weight, info.cue))
                continue
            teaser = teasers and not (
                kind is Kind.PROSE
                and (
                    (k > 0 and kinds[k - 1] is Kind.PROSE)
                    or (k + 1 < len(run) and kinds[k + 1] is Kind.PROSE)
                )
            )
            # A title run into its deck is a teaser wherever it stands.
            teaser = teaser or info.glued
            lines.append((pos, kind, _weight(kind, f, teaser, listing, a), info.cue))
            if kind is Kind.PROSE:
                prose_total += f.words
            elif len(run) == 1 and kind in _TITLES and not f.sentence:
                lone.add(pos)
    _unbreak_between_prose(lines, lambda pos: get(texts[pos]), texts, a)
    return lines, prose_total, lone


def _unbreak_between_prose(
    lines: list[_Entry], info_at: Callable[[int], LineInfo], texts: list[str], a: ArticleSearch
) -> None:
    """Breaks with a paragraph of prose on each side end nothing: make them plain furniture.

    A stray "Related" or "Most viewed" button inside the article, or the times
    and bylines that head the posts of a live blog, stand between paragraphs;
    the headings of lists, datelines under a headline and feed stamps do not.
    A post's time of day (with a relative time or not: "1h ago", "10:31") and a
    title between it and the post's text count too; a feed's dates do not.
    """
    k = 1
    while k < len(lines) - 1:
        j = k
        while j < len(lines) - 1 and lines[j][1] is Kind.BREAK:
            info = info_at(lines[j][0])
            if not (info.heading or info.stamp or info.byline):
                break
            j += 1
        after = lines[j][1] is Kind.PROSE or (
            # A live blog's post: its time, its title, its text.
            lines[j][1] in _TITLES
            and j + 1 < len(lines)
            and lines[j + 1][1] is Kind.PROSE
            and any(a.clock.fullmatch(texts[lines[i][0]]) for i in range(k, j))
            and all(info_at(lines[i][0]).stamp for i in range(k, j))
        )
        if j > k and lines[k - 1][1] is Kind.PROSE and after:
            for i in range(k, j):
                pos, _, _, cue = lines[i]
                lines[i] = (pos, Kind.GONE, a.removed_weight, cue)
        k = max(j, k + 1)


def _densest(lines: list[_Entry], lo: int, hi: int) -> tuple[int, int]:
    """First and last index of the heaviest stretch of ``lines[lo:hi]`` with no break in it."""
    best, best_start, best_end = 0.0, -1, -1
    total, start = 0.0, -1
    for k in range(lo, hi):
        kind, weight = lines[k][1], lines[k][2]
        if kind is Kind.BREAK:
            total, start = 0.0, -1
            continue
        if start < 0 or total <= 0:
            total, start = 0.0, k
        total += weight
        if total > best:
            best, best_start, best_end = total, start, k
    return best_start, best_end


def _across_module(
    lines: list[_Entry],
    start: int,
    end: int,
    step: int,
    get: Callable[[str], LineInfo],
    texts: list[str],
    a: ArticleSearch,
) -> tuple[int, tuple[int, ...]] | None:
    """The article's true edge when a box of other stories splits it, and the box's lines.

    "Trending news" and a few headlines printed between two stretches of the
    article break it in two, and the search keeps the heavier part. When right
    before the region (``step`` -1) or right after it (+1) there is such a box
    (lines of no prose with a heading such as "Trending news" or "More in
    Politics" among them, and at most ``module_lines`` others), and beyond it a
    stretch of prose that weighs ``module_share`` of the region (before it) or
    ``module_share_after`` (after it, where other stories' decks stand more
    often, so a stretch with titles among its prose does not count), that
    stretch is part of the article.
    """
    edge = start if step < 0 else end
    k = edge + step
    heading = False
    # The box's lines, its heading and the first line of prose beyond it.
    while 0 <= k < len(lines) and abs(k - edge) <= a.module_lines + 2:
        kind = lines[k][1]
        if kind is Kind.PROSE:
            break
        if kind is Kind.BREAK:
            # Only a heading of other stories belongs to a box; a byline, a
            # date or a copyright line ends the article.
            if not get(texts[lines[k][0]]).heading:
                return None
            heading = True
        k += step
    else:
        return None
    if not heading:
        return None
    far = k
    while 0 <= far + step < len(lines) and lines[far + step][1] is not Kind.BREAK:
        far += step
    lo, hi = (far, k) if step < 0 else (k, far)
    beyond_start, beyond_end = _densest(lines, lo, hi + 1)
    if beyond_start < 0 or (beyond_end if step < 0 else beyond_start) != k:
        return None
    # After the article, titles among the prose make it other stories' decks.
    if step > 0 and any(entry[1] in _TITLES for entry in lines[beyond_start : beyond_end + 1]):
        return None
    beyond = sum(entry[2] for entry in lines[beyond_start : beyond_end + 1])
    region = sum(entry[2] for entry in lines[start : end + 1])
    if beyond < (a.module_share if step < 0 else a.module_share_after) * region:
        return None
    box = lines[k + 1 : start] if step < 0 else lines[end + 1 : k]
    if step < 0:
        # A box closed by a link to its section ("More in Trump Impeachment
        # Inquiry") ends there: the lines after that link lead back into the
        # article ("Here are some of the highlights:").
        closing = [
            i
            for i, entry in enumerate(box)
            if i > 0 and entry[1] is Kind.BREAK and a.box_closing.match(texts[entry[0]].lower())
        ]
        if closing:
            box = box[: closing[-1] + 1]
    return (beyond_start if step < 0 else beyond_end), tuple(entry[0] for entry in box)


def _head(
    lines: list[_Entry], k: int, get: Callable[[str], LineInfo], texts: list[str]
) -> int | None:
    """Index of the first paragraph of an article headed at ``lines[k]``, if it is one.

    An article's head is a title, then a byline ("By NAME", with or without a
    date on either side of it), then prose, with only lines other rules removed
    (a picture's caption) between the byline and the prose.
    """
    if lines[k][1] is not Kind.BREAK or not get(texts[lines[k][0]]).byline:
        return None

    def stamp(i: int) -> bool:
        return lines[i][1] is Kind.BREAK and get(texts[lines[i][0]]).stamp

    j = k + 1
    while j < len(lines) and (lines[j][1] in _REMOVED_KINDS or stamp(j)):
        j += 1
    i = k - 1
    while i >= 0 and stamp(i):
        i -= 1
    if j < len(lines) and lines[j][1] is Kind.PROSE and i >= 0 and lines[i][1] in _TITLES:
        return j
    return None


def _headed(
    lines: list[_Entry],
    start: int,
    end: int,
    get: Callable[[str], LineInfo],
    texts: list[str],
    a: ArticleSearch,
) -> tuple[int, int]:
    """The article's stretch when the heaviest one is a list above an article's head.

    A short article under a block of teasers with long decks weighs less than
    the decks. The decks stand bare, each under its title, the article under
    its headline and byline: when the heaviest stretch has two titles or more
    each over a paragraph and no byline of its own, the first such head after
    it starts the article, if its stretch weighs ``head_share`` of the heaviest.
    An article's subheadings look like titles over decks too, but an article
    with two of them outweighs a short article's paragraphs twice over.
    """
    decks = sum(
        1 for k in range(start, end) if lines[k][1] in _TITLES and lines[k + 1][1] is Kind.PROSE
    )
    if decks < a.min_decks or any(
        _head(lines, k, get, texts) == start for k in range(max(0, start - a.head_lines), start)
    ):
        return start, end
    heaviest = sum(entry[2] for entry in lines[start : end + 1])
    for k in range(end + 1, len(lines)):
        first = _head(lines, k, get, texts)
        if first is None:
            continue
        last = first
        while last + 1 < len(lines) and lines[last + 1][1] is not Kind.BREAK:
            last += 1
        head_start, head_end = _densest(lines, first, last + 1)
        if head_start == first and (
            sum(entry[2] for entry in lines[head_start : head_end + 1]) >= a.head_share * heaviest
        ):
            return head_start, head_end
        break
    return start, end


def _headline(
    lines: list[_Entry],
    start: int,
    get: Callable[[str], LineInfo],
    texts: list[str],
    a: ArticleSearch,
) -> int | None:
    """View position of the article's headline: the nearest title-like line above it.

    A long deck right under a shorter title is the deck, and the title the
    headline. A title-like line in the byline's group ("By Jane Doe", "Jane
    Doe", "Reporter covering local news") is the author's role, and the
    headline is the title over the byline.
    """
    for k in range(start - 1, max(0, start - a.headline_lines) - 1, -1):
        if not _headline_like(lines[k], get, texts, a):
            continue
        pos = lines[k][0]
        n = get(texts[pos]).features.words
        j = k - 1
        while j >= 0 and lines[j][0] == lines[j + 1][0] - 1:
            if lines[j][1] is Kind.BREAK and get(texts[lines[j][0]]).byline:
                return _title_over(lines, j, get, texts, a)
            j -= 1
        if n >= a.deck_words and k > 0 and lines[k - 1][1] in _HEADS:
            above = get(texts[lines[k - 1][0]]).features.words
            if a.deck_title_min_words <= above < n:
                return lines[k - 1][0]
        return pos
    # Farther up, past an author's name, role and buttons: the title over the byline.
    for k in range(start - 1, max(0, start - a.byline_lines) - 1, -1):
        if lines[k][1] is Kind.BREAK and get(texts[lines[k][0]]).byline:
            return _title_over(lines, k, get, texts, a)
    return None


def _title_over(
    lines: list[_Entry],
    k: int,
    get: Callable[[str], LineInfo],
    texts: list[str],
    a: ArticleSearch,
) -> int | None:
    """View position of the title-like line right above ``lines[k]``, if there is one."""
    if k > 0 and _headline_like(lines[k - 1], get, texts, a):
        return lines[k - 1][0]
    return None


def _headline_like(
    entry: _Entry, get: Callable[[str], LineInfo], texts: list[str], a: ArticleSearch
) -> bool:
    """Whether a line can be a headline: short, title-like, of a headline's words."""
    return (
        entry[1] in _HEADS
        and a.headline_min_words <= get(texts[entry[0]]).features.words <= a.headline_max_words
    )


def article(ctx: Context, data: HeuristicData) -> Article | None:
    """Find the article: the stretch of lines between breaks with the greatest weight.

    Comments come after the article: a comment cue ends the search once
    ``comment_words`` words of prose, or ``comment_share`` of the page's prose,
    are behind it (so a "12 comments" link by the headline does not). None when
    the view has no line of positive weight.
    """
    key = ("article", data.kinds, data.article)
    found = ctx.cache.get(key)
    if isinstance(found, tuple) and found[0] is ctx.view:
        return found[1]
    a = data.article
    get = _line_info(ctx, data.kinds)
    texts = ctx.view.texts
    lines, prose_total, lone = _entries(ctx, data)
    comments = None
    seen = 0
    need = min(a.comment_words, a.comment_share * prose_total)
    # A comment section has one heading; a cue printed again further down is a
    # button ("Comments" above the last paragraph and under it), and only its
    # last copy can start the section.
    last_cue = {texts[pos]: pos for pos, _, _, cue in lines if cue}
    for k, (pos, kind, _, cue) in enumerate(lines):
        if cue and seen and seen >= need and last_cue[texts[pos]] == pos:
            comments = pos
            lines = lines[:k]
            break
        if kind is Kind.PROSE:
            seen += get(texts[pos]).features.words
    best_start, best_end = _densest(lines, 0, len(lines))
    if best_start >= 0:
        best_start, best_end = _headed(lines, best_start, best_end, get, texts, a)
    result = None
    holes: tuple[int, ...] = ()
    if best_start >= 0:
        merged = _across_module(lines, best_start, best_end, -1, get, texts, a)
        if merged is not None:
            best_start, holes = merged
        merged = _across_module(lines, best_start, best_end, 1, get, texts, a)
        if merged is not None:
            best_end, box = merged
            holes += box
        # Backwards the region grows over a list or a line that leads into the
        # article, and over a headline and its deck, not over a column of lone
        # titles: other stories' headlines.
        best_start = _extend(lines, best_start, -1, a, lone, a.back_slack)
        best_end = _extend(lines, best_end, 1, a)
        # A title over a byline is the head of another story: a feed under the
        # article starts with it.
        while (
            best_end > best_start
            and lines[best_end][1] in _TITLES
            and best_end + 1 < len(lines)
            and lines[best_end + 1][1] is Kind.BREAK
            and get(texts[lines[best_end + 1][0]]).byline
        ):
            best_end -= 1
        headline = _headline(lines, best_start, get, texts, a)
        result = Article(lines[best_start][0], lines[best_end][0], headline, comments, holes)
    elif comments is not None:
        result = Article(-1, -1, None, comments)
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
    between the sentences that introduce and follow it).
    """
    view = ctx.view
    min_run = rule.settings.min_run
    get = _line_info(ctx, rule.shared.kinds)
    found_article = article(ctx, rule.shared)
    start, end = (found_article.start, found_article.end) if found_article else (-1, -1)

    def prose_at(pos: int | None) -> bool:
        return pos is not None and get(view.texts[pos]).alone is Kind.PROSE

    def mixed(run: list[int]) -> bool:
        # Lines next to the run, in its group, that are no menu items: a spec
        # list ("S3 with dual-core processor") among the bare words.
        texts = view.texts
        lo, hi = run[0], run[-1]
        while lo > 0 and texts[lo - 1]:
            lo -= 1
        while hi + 1 < len(texts) and texts[hi + 1]:
            hi += 1
        return any(not get(texts[pos]).menu_item for pos in range(lo, hi + 1))

    found: list[int] = []
    run: list[int] = []
    for pos, text in enumerate([*view.texts, ""]):
        if text and get(text).menu_item:
            run.append(pos)
            continue
        if (
            len(run) >= min_run
            and not (start < run[0] and run[-1] < end and mixed(run))
            and not (prose_at(view.neighbour(run[0], -1)) and prose_at(view.neighbour(run[-1], 1)))
        ):
            found += run
        run = []
    return found


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

    _role: re.Pattern[str] = derived()

    def __post_init__(self) -> None:
        role = re.compile(rf"\b{alternatives(self.roles)}\b", re.IGNORECASE)
        object.__setattr__(self, "_role", role)


def _name_words(text: str, o: AuthorBoxOptions) -> list[str] | None:
    """The words of ``text`` when it is a name alone: a few capitalised words."""
    # Most lines fail on their length or first letter, before any split.
    if len(text) > o.name_max_length or not text[0].isupper() or " " not in text:
        return None
    words = text.split()
    if not o.name_min_words <= len(words) <= o.name_max_words:
        return None
    if all(word[0].isupper() and o.name_word.fullmatch(word) for word in words):
        return words
    return None


def author_box(ctx: Context, rule: Settings) -> Sequence[int]:
    """An author box: a name alone, a few short lines, then a biography of that author.

    "Zac Hall", "@apollozac", "Zac covers Apple news for 9to5Mac ...". The box
    is told by its shape and by the lines between name and biography that
    other rules already removed (a handle, a role such as "Contributing
    Writer"), or by such a line printed right under the biography ("Follow"):
    a name heading a paragraph about that person in an article (a list of
    candidates) has no such lines, and stays. The biography starts
    with the name or its first word and says within its first words that the
    person writes (a writer, an editor, "covers", "writes").
    """
    view, removed = ctx.view, ctx.removed
    o: AuthorBoxOptions = rule.settings
    texts, nonblank = view.texts, view.nonblank
    found: list[int] = []
    for rank, pos in enumerate(nonblank):
        name = _name_words(texts[pos], o)
        if name is None:
            continue
        full = " ".join(name)
        for gap, bio in enumerate(nonblank[rank + 1 : rank + 2 + o.max_gap_lines]):
            words = texts[bio].split()
            # The role is looked for after the name the biography starts with.
            after = len(full) if texts[bio].startswith(full) else len(name[0])
            if (
                len(words) >= o.bio_min_words
                and words[0] == name[0]
                and o._role.search(texts[bio], after, o.role_within) is not None
            ):
                between = nonblank[rank + 1 : rank + 1 + gap]
                # A box's buttons stand between name and biography ("@handle")
                # or right under the biography, in its group ("Follow").
                under = bio + 1 < len(texts) and texts[bio + 1] and bio + 1 in removed
                if under or any(line in removed for line in between):
                    found += [pos, *between, bio]
                break
            # Lines other rules removed may be long ("Opinions expressed by
            # Forbes Contributors are their own."); others are a handle or a role.
            if len(words) > o.gap_line_max_words and bio not in removed:
                break
    return found


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
