"""Heuristics: decisions that weigh the whole page.

A rule file names a heuristic (``heuristic: outside-article``); each is a
function of the view of kept lines that returns the positions it removes. They
know the shapes of pages in general (a menu is a run of short unpunctuated
lines, comments follow the article, the article is one dense stretch of prose),
never a particular site. Lines are weighed by their kind (``kinds.py``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Protocol

from .document import View
from .features import LineFeatures, vote, vote_sample
from .kinds import Kind, LineInfo, shared_info


class Context(Protocol):
    view: View
    cache: dict[object, object]
    # Positions that line rules removed in this round: their verdict is known,
    # but a removed "Related stories" heading still marks where the article ends.
    removed: Collection[int]
    # Those removed by rules for furniture that stands inside articles.
    inline: Collection[int]


# Weight per line in the search for the article: prose counts its words, a
# list of links costs more than a lone heading.
_GROUP_DISCOUNT = 0.2  # prose in a group of teasers counts for little
_REMOVED = -8.0  # a line another rule removed: furniture, whatever it looks like
_BOXED = -2.0  # a line of the list under a heading of other stories
# The region may grow by up to EXTEND lines on each side at a cost of SLACK.
# Before it, the lines no rule removes may cost only BACK_SLACK: there stand a
# headline and a page's header, which the headline search and the line rules
# handle; a list or a line leading into the article costs little, menus and
# teasers cost more. Lines other rules removed (a picture's caption and
# credits between the lead and the rest) are crossed as after it.
SLACK = 12.0
BACK_SLACK = 4.0
EXTEND = 8
LIST_ROW = -1.0
GONE_CROSSING = -4.0
# Above the region, an ad label and a picture's caption and credit stand between
# a short lead and the rest of the article: crossing them costs less.
INSET_CROSSING = -2.0
# A box of other stories inside the article: its heading and at most this many
# other lines, with prose before it weighing this share of the rest (a lead of
# three paragraphs above a box can be a sixth of a long article), or prose after
# it weighing the larger share (a last paragraph under a "Related Links" box,
# but not the decks of other stories).
MODULE_LINES = 8
MODULE_SHARE = 0.15
MODULE_SHARE_AFTER = 0.25
# A stretch under a title and a byline is the article if it weighs this share
# of a heavier stretch of bare decks above it.
HEAD_SHARE = 0.5
# The headline is looked for this many lines above the article.
HEADLINE_LINES = 6
# A line this long right under a shorter title-like line is its deck.
DECK_WORDS = 14
# A comment cue counts once this much prose is behind it.
COMMENT_WORDS = 150
COMMENT_SHARE = 0.35


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


def _line_info(ctx: Context) -> Callable[[str], LineInfo]:
    """``LineInfo`` of a line text, computed once per text in a pass."""
    cache = ctx.cache
    found = cache.get("language")
    lang: int | None
    if isinstance(found, tuple) and found[0] is ctx.view:
        lang = found[1]
    else:
        # Voted on the lines this round sees, not on the whole page: the last
        # round must judge its lines as a second pass over the cleaned text
        # would, or cleaning twice could change the text again. Rounds that
        # keep the lines voted on keep the vote.
        sample = vote_sample(t for t in ctx.view.texts if t)
        votes: dict[str, int | None] = cache.setdefault("votes", {})  # type: ignore[assignment]
        if sample not in votes:
            votes[sample] = vote(sample)
        lang = votes[sample]
        cache["language"] = (ctx.view, lang)
    table: dict[str, LineInfo] = cache.setdefault(("lines", lang), {})  # type: ignore[assignment]

    def get(text: str) -> LineInfo:
        found = table.get(text)
        if found is None:
            found = table[text] = shared_info(text, lang)
        return found

    return get


def _weight(kind: Kind, f: LineFeatures, teasers: bool, listing: bool) -> float:
    if kind is Kind.LEGAL:
        return -10
    if kind is Kind.PROSE:
        return f.words * _GROUP_DISCOUNT if teasers else f.words
    if kind is Kind.ROW:
        return 0.5 * f.words
    if kind is Kind.ITEM:
        return 0.5 if listing else -1.5 if teasers else -0.5
    if kind is Kind.MENU:
        # A row of a list in the article costs little; a menu item costs more
        # than a lone heading.
        return LIST_ROW if listing else -3 - 0.5 * f.words
    return -1 - 0.2 * f.words


# The region does not grow across these: known furniture is no part of it.
_STOPS = (Kind.BREAK, Kind.BOXED)
# Kinds of a title-like line, such as a headline.
_TITLES = (Kind.SHORT, Kind.ITEM, Kind.MENU)
# A time of day standing alone, as live blogs head their posts ("10:31 GMT",
# "Posted at 10:31 a.m. ET"), with no date.
_CLOCK = re.compile(
    r"(?:posted at |updated at |at )?\d{1,2}[:.]\d\d(?: ?[ap]\.?m\.?)?(?: [a-z]{2,4})?",
    re.IGNORECASE,
)
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
    slack: float,
    stops: Collection[int] = frozenset(),
    kept_slack: float | None = None,
) -> int:
    """How far the region's ``edge`` may move outwards losing at most ``slack`` weight.

    The densest stretch can stop short of a list, a caption-less photo line or
    a short closing paragraph of the article. Lines next to it that cost little
    belong to it; a menu, a teaser list, a break, or three lines in a row whose
    positions are in ``stops`` cost more than ``slack``. Of that, the lines no
    other rule removes may cost at most ``kept_slack``.
    """
    total, kept, far, k = 0.0, 0.0, edge, edge + step
    limit = slack if kept_slack is None else kept_slack
    while 0 <= k < len(lines) and lines[k][1] not in _STOPS and abs(k - edge) <= EXTEND:
        if all(0 <= j < len(lines) and lines[j][0] in stops for j in range(k, k + 3 * step, step)):
            break
        # Lines other rules remove go anyway: crossing them costs less.
        if lines[k][1] is Kind.INSET and step < 0:
            total += INSET_CROSSING
        elif lines[k][1] in _REMOVED_KINDS:
            total += GONE_CROSSING
        else:
            total += lines[k][2]
            kept += lines[k][2]
        if total < -slack or kept < -limit:
            break
        far = k
        k += step
    return far


def _entries(ctx: Context) -> tuple[list[_Entry], int, set[int]]:
    """The view's non-blank lines as entries, the words of prose among them, and lone titles.

    Lone titles are short lines that stand as paragraphs of their own and do not
    end like a sentence (headlines of a list of other stories, each printed on
    its own, look like this). The lines of a group of teasers right under a
    heading of other stories, or led by one, are ``Kind.BOXED``: that heading's
    list, which the article neither grows into nor takes its headline from.
    """
    view, removed, get = ctx.view, ctx.removed, _line_info(ctx)
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
            len(run) >= 3 and all(info.menu_item for info in infos[:-1])
        )
        if len(run) == 1:
            kinds = [infos[0].alone]
            listing = False
        else:
            kinds = [info.grouped for info in infos]
            # A group with a sentence in it, or whose lines mostly carry figures
            # or inner punctuation ("England (Group A): 10th appearance"), is a
            # list in the article; menu items are bare words.
            listing = any(
                i.features.sentence and k is not Kind.BREAK
                for i, k in zip(infos, kinds, strict=True)
            ) or sum(1 for i in infos if i.listy) * 2 >= len(run)
        # Three or more lines with few paragraphs among them: titles and decks
        # of other stories. An article printed without blank lines is all prose.
        # Paragraphs printed next to each other are the article all the same.
        teasers = len(run) >= 3 and sum(1 for k in kinds if k is Kind.PROSE) * 2 < len(run)
        # A headline, its deck and byline under a header's "Latest" label are
        # the article's head: a byline or a date in the group says so.
        if not teasers or Kind.BREAK in kinds[first:]:
            first = len(run)
        for k, (pos, info, kind) in enumerate(zip(run, infos, kinds, strict=True)):
            if pos in removed and kind is not Kind.BREAK and kind is not Kind.LEGAL:
                gone = Kind.INSET if pos in ctx.inline else Kind.GONE
                lines.append((pos, gone, _REMOVED, info.cue))
                continue
            f = info.features
            if k >= first:
                lines.append((pos, Kind.BOXED, _BOXED - 0.2 * f.words, info.cue))
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
            lines.append((pos, kind, _weight(kind, f, teaser, listing), info.cue))
            if kind is Kind.PROSE:
                prose_total += f.words
            elif len(run) == 1 and kind in _TITLES and not f.sentence:
                lone.add(pos)
    _unbreak_between_prose(lines, lambda pos: get(texts[pos]), texts)
    return lines, prose_total, lone


def _unbreak_between_prose(
    lines: list[_Entry], info_at: Callable[[int], LineInfo], texts: list[str]
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
            and any(_CLOCK.fullmatch(texts[lines[i][0]]) for i in range(k, j))
            and all(info_at(lines[i][0]).stamp for i in range(k, j))
        )
        if j > k and lines[k - 1][1] is Kind.PROSE and after:
            for i in range(k, j):
                pos, _, _, cue = lines[i]
                lines[i] = (pos, Kind.GONE, _REMOVED, cue)
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


# A link that closes a box of other stories: to the section they come from.
_CLOSING = re.compile(r"(?:more|all) (?:in|from) |(?:see|view|show) (?:all|more)\b")


def _across_module(
    lines: list[_Entry],
    start: int,
    end: int,
    step: int,
    get: Callable[[str], LineInfo],
    texts: list[str],
) -> tuple[int, tuple[int, ...]] | None:
    """The article's true edge when a box of other stories splits it, and the box's lines.

    "Trending news" and a few headlines printed between two stretches of the
    article break it in two, and the search keeps the heavier part. When right
    before the region (``step`` -1) or right after it (+1) there is such a box
    (lines of no prose with a heading such as "Trending news" or "More in
    Politics" among them, and at most ``MODULE_LINES`` others), and beyond it a
    stretch of prose that weighs ``MODULE_SHARE`` of the region (before it) or
    ``MODULE_SHARE_AFTER`` (after it, where other stories' decks stand more
    often, so a stretch with titles among its prose does not count), that
    stretch is part of the article.
    """
    edge = start if step < 0 else end
    k = edge + step
    heading = False
    while 0 <= k < len(lines) and abs(k - edge) <= MODULE_LINES + 2:
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
    if beyond < (MODULE_SHARE if step < 0 else MODULE_SHARE_AFTER) * region:
        return None
    box = lines[k + 1 : start] if step < 0 else lines[end + 1 : k]
    if step < 0:
        # A box closed by a link to its section ("More in Trump Impeachment
        # Inquiry") ends there: the lines after that link lead back into the
        # article ("Here are some of the highlights:").
        closing = [
            i
            for i, entry in enumerate(box)
            if i > 0 and entry[1] is Kind.BREAK and _CLOSING.match(texts[entry[0]].lower())
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
) -> tuple[int, int]:
    """The article's stretch when the heaviest one is a list above an article's head.

    A short article under a block of teasers with long decks weighs less than
    the decks. The decks stand bare, each under its title, the article under
    its headline and byline: when the heaviest stretch has two titles or more
    each over a paragraph and no byline of its own, the first such head after
    it starts the article, if its stretch weighs ``HEAD_SHARE`` of the heaviest.
    An article's subheadings look like titles over decks too, but an article
    with two of them outweighs a short article's paragraphs twice over.
    """
    decks = sum(
        1 for k in range(start, end) if lines[k][1] in _TITLES and lines[k + 1][1] is Kind.PROSE
    )
    if decks < 2 or any(
        _head(lines, k, get, texts) == start for k in range(max(0, start - 4), start)
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
            sum(entry[2] for entry in lines[head_start : head_end + 1]) >= HEAD_SHARE * heaviest
        ):
            return head_start, head_end
        break
    return start, end


def _headline(
    lines: list[_Entry], start: int, get: Callable[[str], LineInfo], texts: list[str]
) -> int | None:
    """View position of the article's headline: the nearest title-like line above it.

    A long deck right under a shorter title is the deck, and the title the
    headline. A title-like line in the byline's group ("By Jane Doe", "Jane
    Doe", "Reporter covering local news") is the author's role, and the
    headline is the title over the byline.
    """
    for k in range(start - 1, max(0, start - HEADLINE_LINES) - 1, -1):
        if not _headline_like(lines[k], get, texts):
            continue
        pos = lines[k][0]
        n = get(texts[pos]).features.words
        j = k - 1
        while j >= 0 and lines[j][0] == lines[j + 1][0] - 1:
            if lines[j][1] is Kind.BREAK and get(texts[lines[j][0]]).byline:
                return _title_over(lines, j, get, texts)
            j -= 1
        if n >= DECK_WORDS and k > 0 and lines[k - 1][1] in _HEADS:
            above = get(texts[lines[k - 1][0]]).features.words
            if 4 <= above < n:
                return lines[k - 1][0]
        return pos
    # Farther up, past an author's name, role and buttons: the title over the byline.
    for k in range(start - 1, max(0, start - 2 * HEADLINE_LINES) - 1, -1):
        if lines[k][1] is Kind.BREAK and get(texts[lines[k][0]]).byline:
            return _title_over(lines, k, get, texts)
    return None


def _title_over(
    lines: list[_Entry], k: int, get: Callable[[str], LineInfo], texts: list[str]
) -> int | None:
    """View position of the title-like line right above ``lines[k]``, if there is one."""
    if k > 0 and _headline_like(lines[k - 1], get, texts):
        return lines[k - 1][0]
    return None


def _headline_like(entry: _Entry, get: Callable[[str], LineInfo], texts: list[str]) -> bool:
    """Whether a line can be a headline: short, title-like, three to 25 words."""
    return entry[1] in _HEADS and 3 <= get(texts[entry[0]]).features.words <= 25


def article(ctx: Context) -> Article | None:
    """Find the article: the stretch of lines between breaks with the greatest weight.

    Comments come after the article: a comment cue ends the search once
    ``COMMENT_WORDS`` words of prose, or ``COMMENT_SHARE`` of the page's prose,
    are behind it (so a "12 comments" link by the headline does not). None when
    the view has no line of positive weight.
    """
    found = ctx.cache.get("article")
    if isinstance(found, tuple) and found[0] is ctx.view:
        return found[1]
    get = _line_info(ctx)
    texts = ctx.view.texts
    lines, prose_total, lone = _entries(ctx)
    comments = None
    seen = 0
    need = min(COMMENT_WORDS, COMMENT_SHARE * prose_total)
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
        best_start, best_end = _headed(lines, best_start, best_end, get, texts)
    result = None
    holes: tuple[int, ...] = ()
    if best_start >= 0:
        merged = _across_module(lines, best_start, best_end, -1, get, texts)
        if merged is not None:
            best_start, holes = merged
        merged = _across_module(lines, best_start, best_end, 1, get, texts)
        if merged is not None:
            best_end, box = merged
            holes += box
        # Backwards the region grows over a list or a line that leads into the
        # article, and over a headline and its deck, not over a column of lone
        # titles: other stories' headlines.
        best_start = _extend(lines, best_start, -1, SLACK, lone, BACK_SLACK)
        best_end = _extend(lines, best_end, 1, SLACK)
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
        headline = _headline(lines, best_start, get, texts)
        result = Article(lines[best_start][0], lines[best_end][0], headline, comments, holes)
    elif comments is not None:
        result = Article(-1, -1, None, comments)
    ctx.cache["article"] = (ctx.view, result)
    return result


def nav_run(ctx: Context, min_run: int = 4) -> Sequence[int]:
    """Runs of ``min_run`` or more menu items on adjacent lines: navigation, link lists.

    A blank line ends a run: a short headline under the menu is not part of
    it. A list inside an article breaks a run with a number, a sentence, or
    punctuation, or stands between two paragraphs of prose (a packing list
    between the sentences that introduce and follow it).
    """
    view = ctx.view
    get = _line_info(ctx)
    found_article = article(ctx)
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


def comment_section(ctx: Context) -> Sequence[int]:
    """From a comment-section heading to the end, once the article is behind it."""
    found = article(ctx)
    if found is None or found.comments is None:
        return []
    return range(found.comments, len(ctx.view.texts))


# What may stand before a headline in a trail of sections: section names, no
# sentence punctuation.
_TRAIL = re.compile(r"[^.!?,;]{1,60}")
_TRAIL_SEPARATORS = frozenset("»›>/|·•-–")


def glued_trail(ctx: Context) -> Sequence[int]:
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
    # Runs on every line in every round: the cheap test first, in one pass.
    pairs = [
        (pos, texts[pos], texts[after])
        for pos, after in pairwise(ctx.view.nonblank)
        if texts[pos].endswith(texts[after]) and texts[pos] != texts[after]
    ]
    found = []
    for pos, text, following in pairs:
        if len(following.split()) < 4:
            continue
        trail = text[: -len(following)]
        glued = trail[-1].isalnum() and following[0].isalnum()
        joined = trail.rstrip()[-1:] in _TRAIL_SEPARATORS
        if (glued or joined) and _TRAIL.fullmatch(trail):
            found.append(pos)
    return found


def outside_article(ctx: Context) -> Sequence[int]:
    """Lines before and after the article region, but for its headline.

    Lines far from the densest stretch of prose are menus, teasers, footers.
    A page with no line of prose weight is left alone: there is nothing to
    tell the article by.
    """
    found = article(ctx)
    if found is None or found.start < 0:
        return []
    end = found.comments if found.comments is not None else len(ctx.view.texts)
    holes = set(found.holes)
    return [
        pos
        for pos in ctx.view.nonblank
        if (pos < found.start and pos != found.headline) or found.end < pos < end or pos in holes
    ]


# What an author's biography says of them within its first words.
_AUTHOR_ROLE = re.compile(
    r"\b(?:writer|reporter|editor|journalist|correspondent|columnist|contributor|author"
    r"|blogger|producer|covers|writes|wrote|reports)\b",
    re.IGNORECASE,
)
# A word of a name: letters, with hyphens, dots and apostrophes ("O'Hara", "H.W.").
_NAME_WORD = re.compile(r"[-.'’]*(?:[^\W\d_][-.'’]*)+")
AUTHOR_GAP = 3  # lines between the name and the biography, at most
AUTHOR_GAP_WORDS = 6  # words in each of them, at most
AUTHOR_BIO_WORDS = 6  # words in the biography, at least


def _name_words(text: str) -> list[str] | None:
    """The words of ``text`` when it is a name alone: two to four capitalised words."""
    # Most lines fail on their length or first letter, before any split.
    if len(text) > 40 or not text[0].isupper() or " " not in text:
        return None
    words = text.split()
    if not 2 <= len(words) <= 4:
        return None
    if all(word[0].isupper() and _NAME_WORD.fullmatch(word) for word in words):
        return words
    return None


def author_box(ctx: Context) -> Sequence[int]:
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
    texts, nonblank = view.texts, view.nonblank
    found: list[int] = []
    for rank, pos in enumerate(nonblank):
        name = _name_words(texts[pos])
        if name is None:
            continue
        full = " ".join(name)
        for gap, bio in enumerate(nonblank[rank + 1 : rank + 2 + AUTHOR_GAP]):
            words = texts[bio].split()
            # The role is looked for after the name the biography starts with.
            after = len(full) if texts[bio].startswith(full) else len(name[0])
            if (
                len(words) >= AUTHOR_BIO_WORDS
                and words[0] == name[0]
                and _AUTHOR_ROLE.search(texts[bio], after, 150) is not None
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
            if len(words) > AUTHOR_GAP_WORDS and bio not in removed:
                break
    return found


HEURISTICS: dict[str, Callable[[Context], Sequence[int]]] = {
    "author-box": author_box,
    "nav-run": nav_run,
    "comment-section": comment_section,
    "glued-trail": glued_trail,
    "outside-article": outside_article,
}
