"""Heuristics: decisions about a line that need the lines around it.

A rule file names a heuristic (``heuristic: nav-run``); each is a function of
the view of kept lines that returns the positions it removes. They know the
shapes of pages in general (a menu is a run of short unpunctuated lines,
comments follow the article), never a particular site.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Protocol

import regex

from .document import View

# Ends like a sentence: terminal punctuation, closing quotes or brackets.
_TERMINAL = frozenset('.!?…:;"”’»)]。！？」』')
# Every comment cue holds one of these stems; most lines are ruled out by one scan.
_CUE_STEM = re.compile(
    r"comment|respons|repl|reaction|conversa|discuss|koment|komment|coment|коммент|комент", re.I
)
_CJK = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# A menu item: short, no sentence punctuation, no digits (list rows carry numbers).
_MENU = re.compile(r"[^.!?…:;\"”»\d]{1,40}")

# Comments start with a heading like these, once the article is over.
_COMMENT_CUE = regex.compile(
    r"\d+\s+(?:comments?|responses?|replies|reactions)\b.{0,200}"
    r"|comments?\s*\(\d+\)|\d+\s+comments?|comments are closed\.?"
    r"|(?:leave|post|add|write) a (?:comment|reply|response)\b.{0,60}"
    r"|(?:join|start) the (?:conversation|discussion)\b.{0,60}"
    r"|(?:show|view|load|read|see) (?:all )?\d* ?comments?\b.{0,40}"
    r"|\d+\s+kommentare?|kommentare?|kommentar schreiben.{0,40}"
    r"|\d+\s+coment[áa]rios?|coment[áa]rios?|deixe (?:seu|um) coment[áa]rio.{0,40}"
    r"|\d+\s+commentaires?|commentaires?|\d+\s+comentarios?|comentarios?"
    r"|комментари[йяи]\s*\(?\d*\)?|\d+\s+комментари[йяи]|коментар[іяі]\s*\(?\d*\)?",
    regex.IGNORECASE,
)


class Context(Protocol):
    view: View
    cache: dict[object, object]


def words(text: str) -> int:
    """Words in a line; CJK text, written without spaces, counts a word per two characters."""
    count = len(text.split())
    if not text.isascii():
        cjk = len(_CJK.findall(text))
        if cjk > 10:
            return max(count, cjk // 2)
    return count


Features = tuple[int, bool, bool, bool]


def _features(text: str) -> Features:
    n = words(text)
    prose = (n >= 10 and text[-1] in _TERMINAL) or n >= 25
    menu = len(text) <= 40 and n <= 4 and _MENU.fullmatch(text) is not None
    cue = (
        len(text) <= 220
        and _CUE_STEM.search(text) is not None
        and _COMMENT_CUE.fullmatch(text) is not None
    )
    return n, prose, menu, cue


def features(ctx: Context) -> Callable[[str], Features]:
    """``(words, prose, menu item, comment cue)`` of a line, once per text in a pass."""
    table: dict[str, Features] = ctx.cache.setdefault("features", {})  # type: ignore[assignment]

    def get(text: str) -> Features:
        found = table.get(text)
        if found is None:
            found = table[text] = _features(text)
        return found

    return get


def _nonblank(view: View) -> list[int]:
    return [pos for pos, text in enumerate(view.texts) if text]


def nav_run(ctx: Context, min_run: int = 4) -> Sequence[int]:
    """Runs of ``min_run`` or more menu items on adjacent lines: navigation, link lists.

    Page dumps print a menu one item per line and put blank lines around
    paragraphs and headings, so a blank line ends a run: a short headline under
    the menu is not part of it. A list inside an article breaks a run with a
    number, a sentence, or punctuation.
    """
    found: list[int] = []
    run: list[int] = []
    get = features(ctx)
    for pos, text in enumerate([*ctx.view.texts, ""]):
        if text and get(text)[2]:
            run.append(pos)
            continue
        if len(run) >= min_run:
            found += run
        run = []
    return found


def comment_section(ctx: Context, share: float = 0.5) -> Sequence[int]:
    """From a comment-section heading to the end, once most of the prose is behind it.

    The share keeps a "12 comments" link next to the headline from taking the
    article with it: the cut only comes after ``share`` of the page's prose.
    """
    texts = ctx.view.texts
    lines = _nonblank(ctx.view)
    get = features(ctx)
    found = [get(texts[pos]) for pos in lines]
    if not any(f[3] for f in found):
        return []
    prose = [f[0] if f[1] else 0 for f in found]
    total = sum(prose)
    seen = 0
    for k, pos in enumerate(lines):
        if total and seen >= share * total and found[k][3]:
            return range(pos, len(texts))
        seen += prose[k]
    return []


HEURISTICS: dict[str, Callable[[Context], Sequence[int]]] = {
    "nav-run": nav_run,
    "comment-section": comment_section,
}
