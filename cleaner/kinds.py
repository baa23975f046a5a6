"""What a line is taken for: prose, a menu item, a list row, a break, ...

The generic heuristics weigh lines by kind. A kind comes from the line's own
text (its features, its wording) and from whether other non-blank lines stand
next to it: page dumps print one block per line, with blank lines around
paragraphs and headings and none between the items of a menu or a list of
links, so a run of adjacent non-blank lines (a *group*) is a list, and a
paragraph stands alone. Each distinct line is judged once per process, up to a
bound (a site's menus and footers recur on every page).
"""

from __future__ import annotations

import re
from enum import Enum
from typing import NamedTuple

from .features import LineFeatures, line_features

# Every comment cue holds one of these stems; most lines are ruled out by one scan.
_CUE_STEM = re.compile(
    "comment|respons|repl|reaction|conversa|discuss|koment|komment|coment|коммент|комент"
    "|says:|said:|wrote:|writes:"
)
# A lower-case letter or a figure run into the capital that starts the next word,
# looked for within the length of a title.
_GLUE = re.compile(r"[a-z0-9?!’'\"][A-Z](?:[a-z]|\s)")
_TITLE = 160
# Inner punctuation or figures: the marks of a list row, absent from menu items.
_LISTY = re.compile(r"[:,;()–—\d]")
# A menu item: short, no sentence punctuation, no digits (list rows carry numbers).
_MENU = re.compile(r"[^.!?…:;\"”»\d]{1,40}")

# Comments start with a heading like these, once the article is over.
_COMMENT_CUE = re.compile(
    r"[\[(]?\s*(?:"
    r"\d+\s+(?:comments?|responses?|replies|reactions)\b.{0,200}"
    r"|(?:top rated |latest |reader |user )?comments?(?:\s*\(?\d+\)?)?|comments are closed\.?"
    r"|(?:leave|post|add|write) a (?:comment|reply|response)\b.{0,60}"
    r"|(?:join|start) the (?:conversation|discussion)\b.{0,60}"
    r"|(?:show|view|load|read|see) (?:all )?\d* ?comments?\b.{0,40}"
    r"|\d+\s+kommentare?|kommentare?|kommentar schreiben.{0,40}"
    r"|\d+\s+coment[áa]rios?|coment[áa]rios?|deixe (?:seu|um) coment[áa]rio.{0,40}"
    r"|\d+\s+commentaires?|commentaires?|\d+\s+comentarios?|comentarios?"
    r"|\d+\s+commenti|commenti|lascia un commento.{0,40}"
    r"|комментари[йяи]\s*\(?\d*\)?|\d+\s+комментари[йяи]|коментар[іяі]\s*\(?\d*\)?"
    # "bob says:" heads a comment; "The mayor said:" or "She says:" leads into
    # a quote in the article.
    r"|(?!(?:the|a|an|he|she|they|it|we|i|you|his|her|their|our|this|that|one|who) )"
    r"\S{1,40}(?: \S{1,20}){0,2} says:"
    r")\s*[\])]?"
)

# Headings of what follows an article: lists of other stories, "see also".
_BREAK = re.compile(
    r"(?:related|recommended|more|latest|popular|trending|top"
    r"|(?:\w+ )?most (?:read|popular|viewed|shared|commented|emailed|watched)"
    r"|editors?[’']? picks?)"
    r"(?: (?:news|stories|articles|posts|videos|reads|headlines|now|today))?:?"
    r"|(?:related|recommended|more|latest|popular|trending|top)(?: [\w’'&-]+){0,2}"
    r" (?:news|stories|articles|posts|videos|reads|headlines|reading|coverage|from .{1,40}"
    r"|in .{1,40}|on .{1,40}|about .{1,40})"
    r"|(?:read|see|watch)(?: these| this)? next:?|you (?:may|might) (?:also )?like.{0,30}"
    r"|next up in .{1,40}|more on:|(?:related )?(?:tags|topics):?|on our radar|related links:?"
    r"|we recommend|the [\w’']+ recommends|photo of the day"
    r"|(?:previous|next) (?:article|post|story)|« previous|next »"
    r"|see also:?|also (?:read|see|on .{1,30}):?|further reading:?|around the web|from the web"
    r"|sponsored(?: content| stories| links)?|promoted(?: stories| content)?"
    r"|(?:mais|leia|veja) (?:lidas|também|mais)|notícias relacionadas|relacionad[oa]s"
    r"|mehr zum thema|weitere (?:artikel|beiträge)(?: zum thema)?|meistgelesen"
    r"|das könnte sie auch interessieren"
    r"|à lire aussi|lire aussi|sur le même sujet|articles? similaires?"
    r"|noticias relacionadas|te puede interesar|lo más leído|leer más|más información"
    r"|más noticias|te recomendamos|contenido relacionado|le[ae] también"
    r"|lesen sie auch|auch interessant|les plus lus|à voir aussi|articles liés"
    r"|mais notícias|saiba mais|altre notizie|ti potrebbe interessare"
    r"|другие новости|інші новини"
    r"|art[íi]culos relacionados|artigos relacionados|matérias relacionadas|ähnliche artikel"
    r"|potrebbe interessarti anche|leggi anche|articoli correlati"
    r"|читайте также|похожие (?:новости|статьи)|(?:материалы )?по теме|читайте також"
    r"|схожі (?:новини|статті)"
    r"|関連記事|関連ニュース|新着記事|人気記事|おすすめ記事"
    r"|相关文章|相关新闻|热门文章|推荐阅读|관련 기사"
)
# A line led by an arrow is a link to somewhere else, as in lists of other stories.
_ARROWS = frozenset("»›→⇒➔➜▸►")
# Page numbers of a list of stories: "1 2 3 4 5 »".
# One digit a step, not 1-3: the same lines, but a run of digits splits only one
# way, so a long one that fails ("1111...Subscribe") fails in linear time
# instead of trying every split (exponential, found by fuzz/fuzz_clean.py).
_PAGES = re.compile(r"(?:[«‹<]\s*)?(?:\d[\s|·•,]*){3,}(?:[»›>…]|next)?\s*")
# A byline: the article starts after it, whatever came before. Matched on the
# line as printed: a name is capitalised, a subheading's "By the numbers" is not.
_BYLINE = re.compile(
    r"(?:(?:posted|written|published|story|text|words) )?(?:by|von|par|por) (\w)", re.I
)
# A relative time anywhere in a line: the stamp of a feed item or a comment.
_AGO = re.compile(
    r"\b(?:\d+\s*(?:s|m|min|mins|h|hr|hrs|d|w|mo|y|(?:second|minute|hour|day|week|month|year)s?)"
    r"|an? (?:second|minute|hour|day|week|month|year))\.? ago\b"
)
# Legal lines close a page; an agency's copyright line also closes its story, so
# it weighs against the article rather than breaking it off.
_LEGAL = re.compile(
    r"©|\(c\)|rights reserved|rechte vorbehalten|direitos reservados"
    r"|droits réservés|derechos reservados|diritti riservati|права защищены|права захищені"
)
_COPYRIGHT = re.compile(r"(?<!image )(?<!photo )(?<!picture )(?<!video )copyright")
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
# What else a date line holds: hours, zones, and the words around a date.
_DATE_LINE_WORDS = (
    _DATE_WORDS + "|am|pm|a\\.m\\.|p\\.m\\.|et|est|edt|ct|cst|cdt|mt|mst|mdt|pt|pst|pdt"
    "|gmt|utc|cet|cest|bst|msk|ist|aest|aedt"
    "|updated|published|posted|modified|first|last|today|yesterday|de|at|on|um|às|le|el|ago"
)
# A line that is only a date or a time: the stamp of a feed item or a byline.
# A number is a whole run of digits (``\d+(?!\d)``, where \d{1,4} matched the
# same lines but let a long run split every way, exponential on a line that fails).
_DATE_ONLY = re.compile(
    rf"(?=.*(?:\d:\d\d|\d[./-]\d{{1,2}}[./-]\d|\b(?:{_DATE_WORDS})\b))"
    rf"(?=.*\d)(?:[\s,.:/|·–—-]*(?:\d+(?!\d)(?:st|nd|rd|th|h)?|(?:{_DATE_LINE_WORDS})\b\.?))+"
    r"[\s,.:/|·–—-]*"
)


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


def is_heading(low: str, f: LineFeatures) -> bool:
    """A heading of what follows an article ("Related stories", "Trending news")."""
    return f.words <= 8 and _BREAK.fullmatch(low) is not None


def is_stamp(low: str, f: LineFeatures) -> bool:
    """A time or a date standing alone ("2 hours ago", "Posted at 10:31").

    A relative time counts anywhere in a line ("Jane Roe • 2 hours ago"), but
    not in a sentence of the story ("The plant opened 20 years ago, ...").
    """
    return f.digits and (
        (" ago" in low and _AGO.search(low) is not None and not is_prose(f))
        or (len(low) < 50 and _DATE_ONLY.fullmatch(low) is not None)
    )


def is_byline(text: str, f: LineFeatures) -> bool:
    """A byline standing alone: "By" and a name ("By Jane Doe", "by ライトハウス")."""
    if f.words > 15 or f.sentence:
        return False
    byline = _BYLINE.match(text)
    return byline is not None and byline[1].isalpha() and not byline[1].islower()


def _is_break(text: str, low: str, f: LineFeatures) -> bool:
    if is_heading(low, f) or is_byline(text, f):
        return True
    if not f.digits:
        return False
    return _PAGES.fullmatch(low) is not None or is_stamp(low, f)


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
    # Breaks and legal lines are short; their wording is matched lower-cased.
    low = text.lower() if len(text) < 250 else ""
    if low:
        if _is_break(text, low, f) or (text[0] in _ARROWS and not f.sentence):
            return Kind.BREAK
        if _LEGAL.search(low) is not None:
            return Kind.LEGAL
    if is_prose(f):
        return Kind.PROSE
    # The word alone marks a notice ("Copyright 2019 Harbour Weekly"), not a
    # paragraph of a story about copyright, nor a picture's credit inside the
    # article ("Image copyright Getty Images").
    if low and _COPYRIGHT.search(low) is not None:
        return Kind.LEGAL
    if (f.words >= 3 and 2 <= f.numbers < f.words and (len(text) < 120 or f.sentence)) or (
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
    glue = _GLUE.search(text, 0, _TITLE)
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
    heading: bool  # a heading of other stories ("Related stories")
    stamp: bool  # a time or a date alone ("2 hours ago")
    byline: bool  # "By NAME" standing alone


def line_info(text: str, lang: int | None) -> LineInfo:
    """The ``LineInfo`` of one non-blank line on a page in language ``lang``."""
    f = line_features(text, lang)
    alone = kind_of(text, f, False)
    grouped = Kind.MENU if alone is Kind.SHORT else alone
    low = text.lower() if len(text) <= 250 else ""
    return LineInfo(
        f,
        alone,
        grouped,
        # "12 comments were sent to the council before the vote." is a sentence
        # of the story, not the heading of its comments.
        bool(low) and alone is not Kind.PROSE and is_comment_cue(low),
        _LISTY.search(text) is not None,
        len(text) <= 40 and f.words <= 4 and _MENU.fullmatch(text) is not None,
        alone is Kind.PROSE and is_glued_teaser(text),
        alone is Kind.BREAK and is_heading(low, f),
        alone is Kind.BREAK and is_stamp(low, f),
        alone is Kind.BREAK and is_byline(text, f),
    )


# Line infos kept across texts: a site's menu and footer lines recur on every
# page. The table is emptied when full, so memory stays bounded.
_SHARED: dict[tuple[str, int | None], LineInfo] = {}
# Distinct lines remembered across texts, here and for line matches.
REMEMBERED_LINES = 50_000
# Longer lines are not remembered: a site's recurring lines are short, and
# 50,000 long ones (or one of 200 MB) would hold their size in memory for good.
REMEMBERED_LENGTH = 10_000


def forget_lines() -> None:
    """Empty the table of line infos kept across texts."""
    _SHARED.clear()


def shared_info(text: str, lang: int | None) -> LineInfo:
    if len(text) > REMEMBERED_LENGTH:
        return line_info(text, lang)
    key = (text, lang)
    found = _SHARED.get(key)
    if found is None:
        if len(_SHARED) >= REMEMBERED_LINES:
            _SHARED.clear()
        found = _SHARED[key] = line_info(text, lang)
    return found
