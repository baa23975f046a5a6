"""Heuristics: decisions about a line that need the lines around it.

A rule file names a heuristic (``heuristic: nav-run``); each is a function of
the view of kept lines that returns the positions it removes. They know the
shapes of pages in general (a menu is a run of short unpunctuated lines,
comments follow the article, the article is one dense stretch of prose), never
a particular site.

Page dumps print one block per line, with blank lines around paragraphs and
headings and none between the items of a menu or a list of links. So a run of
adjacent non-blank lines (a *group*) is a list, and a paragraph stands alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import NamedTuple, Protocol

from .document import View
from .features import LineFeatures, language, line_features

# Every comment cue holds one of these stems; most lines are ruled out by one scan.
_CUE_STEM = re.compile(
    "comment|respons|repl|reaction|conversa|discuss|koment|komment|coment|коммент|комент"
    "|says:|said:|wrote:|writes:"
)
# Inner punctuation or figures: the marks of a list row, absent from menu items.
# A lower-case letter or a figure run into the capital that starts the next word.
_GLUE = re.compile(r"[a-z0-9?!’'\"][A-Z](?:[a-z]|\s)")
_LISTY = re.compile(r"[:,;()–—\d]")
# A menu item: short, no sentence punctuation, no digits (list rows carry numbers).
_MENU = re.compile(r"[^.!?…:;\"”»\d]{1,40}")

# Comments start with a heading like these, once the article is over.
_COMMENT_CUE = re.compile(
    r"[\[(]?\s*(?:"
    r"\d+\s+(?:comments?|responses?|replies|reactions)\b.{0,200}"
    r"|(?:top rated |latest |reader |user )?comments?(?:\s*\(\d+\))?|comments are closed\.?"
    r"|(?:leave|post|add|write) a (?:comment|reply|response)\b.{0,60}"
    r"|(?:join|start) the (?:conversation|discussion)\b.{0,60}"
    r"|(?:show|view|load|read|see) (?:all )?\d* ?comments?\b.{0,40}"
    r"|\d+\s+kommentare?|kommentare?|kommentar schreiben.{0,40}"
    r"|\d+\s+coment[áa]rios?|coment[áa]rios?|deixe (?:seu|um) coment[áa]rio.{0,40}"
    r"|\d+\s+commentaires?|commentaires?|\d+\s+comentarios?|comentarios?"
    r"|\d+\s+commenti|commenti|lascia un commento.{0,40}"
    r"|комментари[йяи]\s*\(?\d*\)?|\d+\s+комментари[йяи]|коментар[іяі]\s*\(?\d*\)?"
    r"|\S{1,40}(?: \S{1,20}){0,3} (?:says|said|wrote|writes):"
    r")\s*[\])]?"
)

# Lines after which the article does not go on: headings of lists of other
# stories, relative times of feed items, copyright lines.
_BREAK = re.compile(
    r"(?:related|recommended|more|latest|popular|trending|top"
    r"|(?:\w+ )?most (?:read|popular|viewed|shared|commented|emailed|watched)"
    r"|editors?[’']? picks?)(?: (?:news|stories|articles|posts|videos|reads|headlines))?:?"
    r"|(?:related|recommended|more|latest|popular|trending|top)(?: [\w’'&-]+){0,2}"
    r" (?:news|stories|articles|posts|videos|reads|headlines|reading|coverage|from .{1,40}"
    r"|in .{1,40}|on .{1,40}|about .{1,40})"
    r"|(?:read|see|watch)(?: these| this)? next:?|you (?:may|might) (?:also )?like.{0,30}"
    r"|we recommend|photo of the day|(?:previous|next) (?:article|post|story)|« previous|next »"
    r"|see also:?|also (?:read|see|on .{1,30}):?|further reading:?|around the web|from the web"
    r"|sponsored(?: content| stories| links)?|promoted(?: stories| content)?"
    r"|(?:mais|leia|veja) (?:lidas|também|mais)|notícias relacionadas|relacionad[oa]s"
    r"|mehr zum thema|weitere artikel|das könnte sie auch interessieren|meistgelesen"
    r"|à lire aussi|lire aussi|sur le même sujet|articles? similaires?"
    r"|noticias relacionadas|te puede interesar|lo más leído|leer más"
    r"|potrebbe interessarti anche|leggi anche|articoli correlati"
    r"|читайте также|похожие (?:новости|статьи)|по теме|читайте також|схожі новини"
    r"|関連記事|関連ニュース|新着記事|人気記事|おすすめ記事"
    r"|相关文章|相关新闻|热门文章|推荐阅读|관련 기사"
)
# A line led by an arrow is a link to somewhere else, as in lists of other stories.
_ARROWS = frozenset("»›→⇒➔➜▸►")
# Page numbers of a list of stories: "1 2 3 4 5 »".
_PAGES = re.compile(r"(?:[«‹<]\s*)?(?:\d{1,3}[\s|·•,]*){3,}(?:[»›>…]|next)?\s*")
# A byline: the article starts after it, whatever came before.
_BYLINE = re.compile(r"(?:(?:posted|written|published|story|text|words) )?(?:by|von|par|por) \w")
# A relative time anywhere in a line: the stamp of a feed item or a comment.
_AGO = re.compile(
    r"\b\d+\s*(?:s|m|min|mins|h|hr|hrs|d|w|mo|y|(?:second|minute|hour|day|week|month|year)s?)"
    r"\.? ago\b"
)
# Legal lines close a page; an agency's copyright line also closes its story, so
# it weighs against the article rather than breaking it off.
_LEGAL = re.compile(
    r"©|\(c\)|copyright|rights reserved|rechte vorbehalten|direitos reservados"
    r"|droits réservés|derechos reservados|diritti riservati|права защищены|права захищені"
)
_MONTHS = (
    "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june"
    "|july|august|september|october|november|december|januar|februar|märz|mai|juni|juli"
    "|oktober|dezember|janvier|février|mars|avril|juin|juillet|août|septembre|octobre"
    "|novembre|décembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre"
    "|octubre|noviembre|diciembre|janeiro|fevereiro|março|maio|junho|julho|setembro"
    "|outubro|novembro|dezembro|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre"
    "|ottobre|dicembre|января|февраля|марта|апреля|мая|июня|июля|августа|сентября"
    "|октября|ноября|декабря|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    "|mon|tue|tues|wed|thu|thurs|fri|sat|sun|am|pm|a\\.m\\.|p\\.m\\.|et|est|edt|pt|pst"
    "|gmt|utc|cet|bst|updated|published|posted|de|at|on|um|às|le|el|ago"
)
# A line that is only a date or a time: the stamp of a feed item or a byline.
# A date says which day or hour: a month or weekday name, a time, a numeric date.
_DATE_WORDS = (
    "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june"
    "|july|august|september|october|november|december|januar|februar|märz|mai|juni|juli"
    "|oktober|dezember|janvier|février|mars|avril|juin|juillet|août|septembre|octobre"
    "|novembre|décembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre"
    "|octubre|noviembre|diciembre|janeiro|fevereiro|março|maio|junho|julho|setembro"
    "|outubro|novembro|dezembro|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre"
    "|ottobre|dicembre|января|февраля|марта|апреля|мая|июня|июля|августа|сентября"
    "|октября|ноября|декабря|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    "|mon|tue|tues|wed|thu|thurs|fri|sat|sun"
)
_DATE_ONLY = re.compile(
    rf"(?=.*(?:\d:\d\d|\d[./-]\d{{1,2}}[./-]\d|\b(?:{_DATE_WORDS})\b))"
    rf"(?=.*\d)(?:[\s,.:/|·–—-]*(?:\d{{1,4}}(?:st|nd|rd|th|h)?|(?:{_MONTHS})\b\.?))+"
    r"[\s,.:/|·–—-]*"
)


class Context(Protocol):
    view: View
    cache: dict[object, object]
    # Positions that line rules removed in this round: their verdict is known,
    # but a removed "Related stories" heading still marks where the article ends.
    removed: Collection[int]


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


# Weight per line in the search for the article: prose counts its words, a
# list of links costs more than a lone heading.
_GROUP_DISCOUNT = 0.2  # prose in a group of teasers counts for little
_REMOVED = -8.0  # a line another rule removed: furniture, whatever it looks like
# The region may grow by up to EXTEND lines on each side at a cost of SLACK.
SLACK = 12.0
EXTEND = 8
LIST_ROW = -1.0
GONE_CROSSING = -4.0
# A comment cue counts once this much prose is behind it.
COMMENT_WORDS = 150
COMMENT_SHARE = 0.35


def _is_break(low: str, f: LineFeatures) -> bool:
    if f.words <= 8 and _BREAK.fullmatch(low) is not None:
        return True
    if f.words <= 15 and not f.sentence and _BYLINE.match(low) is not None:
        return True
    if not f.digits:
        return False
    if _PAGES.fullmatch(low) is not None:
        return True
    return (" ago" in low and _AGO.search(low) is not None) or (
        len(low) < 50 and _DATE_ONLY.fullmatch(low) is not None
    )


def is_comment_cue(low: str) -> bool:
    """Whether a lower-cased line heads a comment section ("12 comments", "bob says:")."""
    return (
        len(low) <= 250
        and _CUE_STEM.search(low) is not None
        and _COMMENT_CUE.fullmatch(low) is not None
    )


def is_prose(f: LineFeatures) -> bool:
    """A sentence-like line of some length, or a long one full of function words."""
    if f.numbers * 4 > f.words:
        return False
    return (
        (f.words >= 8 and f.sentence and f.stopwords >= 0.15)
        or (f.words >= 20 and f.stopwords >= 0.25)
        or (f.words >= 30 and (f.sentence or f.stopwords >= 0.15))
    )


def kind_of(text: str, f: LineFeatures, in_group: bool) -> Kind:
    """The kind of one line; ``in_group`` when a non-blank line is next to it."""
    if len(text) < 250:
        # Breaks and legal lines are short; their wording is matched lower-cased.
        low = text.lower()
        if _is_break(low, f) or (text[0] in _ARROWS and not f.sentence):
            return Kind.BREAK
        if _LEGAL.search(low) is not None:
            return Kind.LEGAL
    if is_prose(f):
        return Kind.PROSE
    if (f.words >= 3 and 2 <= f.numbers < f.words and len(text) < 120) or (
        f.words == 2 and f.numbers == 1 and len(text) < 40
    ):
        return Kind.ROW
    if (f.words >= 4 and f.stopwords >= 0.2) or f.words >= 7:
        return Kind.ITEM
    return Kind.MENU if in_group else Kind.SHORT


def is_glued_teaser(text: str) -> bool:
    """A headline run into its deck with no space: "Bill At Troy SteakhouseA party of six ...".

    Page dumps glue a teaser's title to its summary; the title is in Title Case.
    """
    glue = _GLUE.search(text)
    if glue is None:
        return False
    title = text[: glue.start() + 1].split()
    capitals = sum(1 for word in title if word[0].isupper() or word[0].isdigit())
    return len(title) >= 4 and capitals * 10 >= len(title) * 7


class LineInfo(NamedTuple):
    """What the heuristics know of one line text, worked out once per text in a pass."""

    features: LineFeatures
    alone: Kind  # its kind as a line on its own
    grouped: Kind  # its kind next to other lines
    cue: bool  # heads a comment section
    listy: bool  # inner punctuation or figures, as list rows have
    menu_item: bool  # short enough and bare enough to be a menu item
    glued: bool  # a teaser's title glued to its deck


def line_info(text: str, lang: int | None) -> LineInfo:
    """The ``LineInfo`` of one non-blank line on a page in language ``lang``."""
    f = line_features(text, lang)
    alone = kind_of(text, f, False)
    grouped = Kind.MENU if alone is Kind.SHORT else alone
    return LineInfo(
        f,
        alone,
        grouped,
        len(text) <= 250 and is_comment_cue(text.lower()),
        _LISTY.search(text) is not None,
        len(text) <= 40 and f.words <= 4 and _MENU.fullmatch(text) is not None,
        alone is Kind.PROSE and is_glued_teaser(text),
    )


@dataclass(frozen=True)
class Article:
    """Where the article is in a view: its lines, its headline, where comments start."""

    start: int  # view positions: first and last line of the article region
    end: int
    headline: int | None
    comments: int | None  # position of the comment-section cue, None without one


# Line infos kept across texts: a site's menu and footer lines recur on every
# page. The table is emptied when full, so memory stays bounded.
_SHARED: dict[tuple[str, int | None], LineInfo] = {}
SHARED_LINES = 50_000


def forget_lines() -> None:
    """Empty the table of line infos kept across texts."""
    _SHARED.clear()


def _shared_info(text: str, lang: int | None) -> LineInfo:
    key = (text, lang)
    found = _SHARED.get(key)
    if found is None:
        if len(_SHARED) >= SHARED_LINES:
            _SHARED.clear()
        found = _SHARED[key] = line_info(text, lang)
    return found


def _line_info(ctx: Context) -> Callable[[str], LineInfo]:
    """``LineInfo`` of a line text, computed once per text in a pass."""
    cache = ctx.cache
    lang = cache.get("language", False)
    if lang is False:
        # Decided once, on the whole page: later rounds see fewer lines, and the
        # same language keeps their decisions consistent.
        lang = cache["language"] = language(t for t in ctx.view.texts if t)
    table: dict[str, LineInfo] = cache.setdefault("lines", {})  # type: ignore[assignment]

    def get(text: str) -> LineInfo:
        found = table.get(text)
        if found is None:
            found = table[text] = _shared_info(text, lang)  # type: ignore[arg-type]
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
_STOPS = (Kind.BREAK,)

# One line in the search for the article: view position, kind, weight, comment cue.
_Entry = tuple[int, Kind, float, bool]


def _extend(lines: list[_Entry], edge: int, step: int, slack: float) -> int:
    """How far the region's ``edge`` may move outwards losing at most ``slack`` weight.

    The densest stretch can stop short of a list, a caption-less photo line or
    a short closing paragraph of the article. Lines next to it that cost little
    belong to it; a menu, a teaser list or a break costs more than ``slack``.
    """
    total, far, k = 0.0, edge, edge + step
    while 0 <= k < len(lines) and lines[k][1] not in _STOPS and abs(k - edge) <= EXTEND:
        # Lines other rules remove go anyway: crossing them costs less.
        total += lines[k][2] if lines[k][1] is not Kind.GONE else GONE_CROSSING
        if total < -slack:
            break
        far = k
        k += step
    return far


def _entries(ctx: Context) -> tuple[list[_Entry], int]:
    """The view's non-blank lines as entries, and the words of prose among them."""
    view, removed, get = ctx.view, ctx.removed, _line_info(ctx)
    lines: list[_Entry] = []
    prose_total = 0
    texts = view.texts
    for run in view.paragraphs:
        infos = [get(texts[pos]) for pos in run]
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
        for k, (pos, info, kind) in enumerate(zip(run, infos, kinds, strict=True)):
            if pos in removed and kind is not Kind.BREAK and kind is not Kind.LEGAL:
                lines.append((pos, Kind.GONE, _REMOVED, info.cue))
                continue
            f = info.features
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
    return lines, prose_total


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
    lines, prose_total = _entries(ctx)
    comments = None
    seen = 0
    need = min(COMMENT_WORDS, COMMENT_SHARE * prose_total)
    for k, (pos, kind, _, cue) in enumerate(lines):
        if cue and seen and seen >= need:
            comments = pos
            lines = lines[:k]
            break
        if kind is Kind.PROSE:
            seen += get(texts[pos]).features.words
    best, best_start, best_end = 0.0, -1, -1
    total, start = 0.0, -1
    for k, (_, kind, weight, _) in enumerate(lines):
        if kind is Kind.BREAK:
            total, start = 0.0, -1
            continue
        if start < 0 or total <= 0:
            total, start = 0.0, k
        total += weight
        if total > best:
            best, best_start, best_end = total, start, k
    result = None
    if best_start >= 0:
        best_start = _extend(lines, best_start, -1, SLACK)
        best_end = _extend(lines, best_end, 1, SLACK)
        headline = None
        for pos, kind, _, _ in reversed(lines[max(0, best_start - 6) : best_start]):
            n = get(texts[pos]).features.words
            if kind in (Kind.SHORT, Kind.ITEM, Kind.ROW) and 3 <= n <= 25:
                headline = pos
                break
        result = Article(lines[best_start][0], lines[best_end][0], headline, comments)
    elif comments is not None:
        result = Article(-1, -1, None, comments)
    ctx.cache["article"] = (ctx.view, result)
    return result


def _nonblank(view: View) -> list[int]:
    return [pos for pos, text in enumerate(view.texts) if text]


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
    return [
        pos
        for pos in _nonblank(ctx.view)
        if (pos < found.start and pos != found.headline) or found.end < pos < end
    ]


HEURISTICS: dict[str, Callable[[Context], Sequence[int]]] = {
    "nav-run": nav_run,
    "comment-section": comment_section,
    "outside-article": outside_article,
}
