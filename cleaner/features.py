"""What a line looks like on its own: words, stopwords, punctuation, digits, dates.

Generic heuristics judge lines that no rule names. Article prose is long, ends
like a sentence and is full of a language's function words ("the", "of", "und",
"что"); menus, tags and headlines of other stories are short and carry few.
The stopword lists are jusText's (a dependency of trafilatura); a page's
language is the one whose list its words hit most, weighed so that a long list
does not win by size alone.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

# Languages whose stopwords are loaded: the common ones of the web. Each is a bit
# in a word's mask, so a page is scored against all of them in one scan.
LANGUAGES = (
    "English",
    "German",
    "French",
    "Spanish",
    "Portuguese",
    "Italian",
    "Russian",
    "Ukrainian",
    "Dutch",
    "Polish",
    "Swedish",
    "Danish",
    "Norwegian_Bokmal",
    "Czech",
    "Turkish",
    "Indonesian",
    "Romanian",
    "Catalan",
)

_TOKEN = re.compile(r"[^\W\d_]+")
_CJK = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_DIGIT = re.compile(r"\d")
_TERMINAL = frozenset(".!?…:;。！？")
_CLOSING = frozenset("\"”’»)]」』")


@lru_cache(maxsize=1)
def _stopwords() -> tuple[dict[str, int], tuple[float, ...]]:
    """Word -> bit mask of the languages listing it, and each language's vote weight."""
    import justext  # imported on first use: loading the lists takes a moment

    table: dict[str, int] = {}
    weights = []
    for bit, name in enumerate(LANGUAGES):
        words = justext.get_stoplist(name)
        for word in words:
            table[word] = table.get(word, 0) | (1 << bit)
        weights.append(1 / math.log(len(words) + 2))
    return table, tuple(weights)


def language(texts: Iterable[str]) -> int | None:
    """Index in ``LANGUAGES`` of the language of ``texts``, None if no stopword is seen."""
    table, weights = _stopwords()
    votes = [0] * len(LANGUAGES)
    for text in texts:
        for word in _TOKEN.findall(text.lower()):
            mask = table.get(word, 0)
            bit = 0
            while mask:
                if mask & 1:
                    votes[bit] += 1
                mask >>= 1
                bit += 1
    best = max(range(len(LANGUAGES)), key=lambda i: votes[i] * weights[i])
    return best if votes[best] else None


def ends_sentence(text: str) -> bool:
    """Whether ``text`` ends like a sentence (closing quotes and brackets looked through).

    A trailing ellipsis does not count: it marks a teaser cut short.
    """
    end = text[-1]
    if end in _CLOSING and len(text) > 1:
        end = text[-2]
    return end in _TERMINAL and not text.endswith(("...", "…"))


@dataclass(frozen=True)
class LineFeatures:
    """Measures of one non-blank line."""

    words: int
    # Share of the line's words in the page language's stopword list.
    stopwords: float
    sentence: bool
    # Words holding a digit (table rows, scores, dates).
    numbers: int


def line_features(text: str, lang: int | None) -> LineFeatures:
    """The features of one non-blank ``text`` on a page in language ``lang``."""
    split = text.split()
    count = len(split)
    share = 0.0
    cjk = len(_CJK.findall(text)) if not text.isascii() else 0
    if cjk > 10:
        # Written without spaces: a word per two characters, and no stopword
        # lists to weigh; a sentence ending is the evidence left.
        count = max(count, cjk // 2)
        share = 0.3
    elif lang is not None:
        tokens = _TOKEN.findall(text.lower())
        if tokens:
            table = _stopwords()[0]
            hits = sum(1 for word in tokens if table.get(word, 0) >> lang & 1)
            share = hits / len(tokens)
    numbers = sum(1 for word in split if _DIGIT.search(word))
    return LineFeatures(count, share, ends_sentence(text), numbers)
