"""What a line looks like on its own: words, stopwords, punctuation, digits, dates.

Generic heuristics judge lines that no rule names. Article prose is long, ends
like a sentence and is full of a language's function words ("the", "of", "und",
"что"); menus, tags and headlines of other stories are short and carry few.
The stopword lists are jusText's, copied into ``cleaner/stoplists`` (with its
licence) so that text-only installs need neither jusText nor lxml; a page's
language is the one whose list its words hit most, weighed so that a long list
does not win by size alone.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

# Languages whose stopwords are loaded: the common ones of the web. A word maps
# to the languages whose lists hold it, so a page is scored against all of them
# in one scan.
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
# A word holding a digit, matched from its first digit: each match ends a word,
# so findall counts such words in linear time (r"\S*\d\S*" backtracks over
# every word without a digit).
_NUMBER = re.compile(r"\d\S*")
_SAMPLE = 300  # characters
_VOTE_SAMPLE = 1500  # characters
# Beyond this a line is not split into a list of its words (a 200 MB line made
# tens of millions of word objects, several GB): its words are counted instead.
_LONG_LINE = 1 << 16  # characters
_WORDS = re.compile(r"\S+")
# Full-width forms too: encoding repair leaves CJK punctuation as it is.
_TERMINAL = frozenset(".!?…:;。！？：；．")
_CLOSING = frozenset('"”’»)]」』）］')


def stoplist(language: str) -> frozenset[str]:
    """The stopwords of ``language`` (a name in ``LANGUAGES``), as jusText reads them."""
    data = (resources.files("cleaner") / "stoplists" / f"{language}.txt").read_bytes()
    return frozenset(word.decode("utf-8").lower() for word in data.splitlines())


_Stopwords = tuple[dict[str, tuple[int, ...]], tuple[float, ...], tuple[frozenset[str], ...]]


@lru_cache(maxsize=1)
def _stopwords() -> _Stopwords:
    """Word -> the languages listing it, each language's vote weight, and its list."""
    table: dict[str, tuple[int, ...]] = {}
    weights = []
    lists = []
    for index, name in enumerate(LANGUAGES):
        words = stoplist(name)
        for word in words:
            table[word] = (*table.get(word, ()), index)
        weights.append(1 / math.log(len(words) + 2))
        lists.append(words)
    return table, tuple(weights), tuple(lists)


def vote_sample(texts: Iterable[str]) -> str:
    """The part of ``texts`` the language is voted on: its first long lines."""
    texts = list(texts)
    sample: list[str] = []
    size = 0
    for text in texts:
        # Long lines carry the prose; a few thousand characters settle the vote.
        if len(text) > 80:
            sample.append(text[:_LONG_LINE])
            size += len(text)
            if size > _VOTE_SAMPLE:
                break
    return "\n".join(sample or texts)


def vote(sample: str) -> int | None:
    """Index in ``LANGUAGES`` of the language of a ``vote_sample``, None without stopwords."""
    table, weights, _ = _stopwords()
    votes = [0] * len(LANGUAGES)
    counts = Counter(_TOKEN.findall(sample.lower()))
    for word, count in counts.items():
        for index in table.get(word, ()):
            votes[index] += count
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


class LineFeatures(NamedTuple):
    """Measures of one non-blank line (a tuple: made for every line, so made cheaply)."""

    words: int
    # Share of the line's words in the page language's stopword list.
    stopwords: float
    sentence: bool
    # Words holding a digit (table rows, scores, dates).
    numbers: int
    digits: bool


def line_features(text: str, lang: int | None) -> LineFeatures:
    """The features of one non-blank ``text`` on a page in language ``lang``."""
    count = len(text.split()) if len(text) <= _LONG_LINE else _count_words(text)
    share = 0.0
    cjk = 0
    # A line in a CJK script shows it from its first characters.
    if not text.isascii() and _CJK.search(text, 0, _SAMPLE) is not None:
        cjk = len(_CJK.findall(text))
    if cjk > 10:
        # Written without spaces: a word per two characters, and no stopword
        # lists to weigh; a sentence ending is the evidence left.
        count = max(count, cjk // 2)
        share = 0.3
    sentence = ends_sentence(text)
    if cjk <= 10 and lang is not None and needs_stopwords(count, sentence):
        # The first few hundred characters tell prose from a list as well as
        # the whole line would, at a bounded cost.
        tokens = _TOKEN.findall(text[:_SAMPLE].lower())
        if tokens:
            stop = _stopwords()[2][lang]
            share = sum(map(stop.__contains__, tokens)) / len(tokens)
    digits = _DIGIT.search(text, 0, _SAMPLE) is not None
    # Counted in the first few hundred characters, like the stopwords.
    numbers = len(_NUMBER.findall(text[:_SAMPLE])) if digits and count >= 2 else 0
    return LineFeatures(count, share, sentence, numbers, digits)


def _count_words(text: str) -> int:
    """``len(text.split())`` without the list."""
    return sum(1 for _ in _WORDS.finditer(text))


def needs_stopwords(words: int, sentence: bool) -> bool:
    """Whether the share of stopwords can change what a line of ``words`` words is taken for.

    Lines of a word or three are menu items or labels, lines of thirty words
    that end a sentence are prose, whatever words they use; the share is only
    worked out (the costly part) where the heuristics look at it.
    """
    return 4 <= words <= 6 or (words >= 8 and not (words >= 30 and sentence))
