"""The heuristics' patterns as they were written in code, before they became rule-file data.

``tests/test_heuristic_options.py`` holds the data-driven classifier to them:
every line they matched, it matches, and no other. Copied verbatim from
``cleaner/kinds.py`` and ``cleaner/heuristics.py`` as of the commit before.
"""

from __future__ import annotations

import re

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


# A time of day standing alone, as live blogs head their posts ("10:31 GMT",
# "Posted at 10:31 a.m. ET"), with no date.
_CLOCK = re.compile(
    r"(?:posted at |updated at |at )?\d{1,2}[:.]\d\d(?: ?[ap]\.?m\.?)?(?: [a-z]{2,4})?",
    re.IGNORECASE,
)
# A link that closes a box of other stories: to the section they come from.
_CLOSING = re.compile(r"(?:more|all) (?:in|from) |(?:see|view|show) (?:all|more)\b")

# What may stand before a headline in a trail of sections: section names, no
# sentence punctuation.
_TRAIL = re.compile(r"[^.!?,;]{1,60}")
_TRAIL_SEPARATORS = frozenset("»›>/|·•-–")

# What an author's biography says of them within its first words.
_AUTHOR_ROLE = re.compile(
    r"\b(?:writer|reporter|editor|journalist|correspondent|columnist|contributor|author"
    r"|blogger|producer|covers|writes|wrote|reports)\b",
    re.IGNORECASE,
)
# A word of a name: letters, with hyphens, dots and apostrophes ("O'Hara", "H.W.").
_NAME_WORD = re.compile(r"[-.'’]*(?:[^\W\d_][-.'’]*)+")
