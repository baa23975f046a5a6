"""What a line looks like on its own: words, stopwords, punctuation, digits, dates.

Generic heuristics judge lines that no rule names. Article prose is long, ends
like a sentence and is full of a language's function words ("the", "of", "und",
"что"); menus, tags and headlines of other stories are short and carry few.
The stopword lists are jusText's, copied into ``cleaner/stoplists`` (with its
licence) so that text-only installs need neither jusText nor lxml; a page's
language is the one whose list its words hit most, weighed so that a long list
does not win by size alone.

The measures are taken by the compiled core (``core/src/features.rs``), all the
lines a pass asks about in one call, judging characters as Python's ``re`` and
``str`` do; the lists go to it once from here.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache, partial
from importlib import resources
from typing import NamedTuple

from . import _core, bridge

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


def stoplist(language: str) -> frozenset[str]:
    """The stopwords of ``language`` (a name in ``LANGUAGES``), as jusText reads them."""
    data = (resources.files("cleaner") / "stoplists" / f"{language}.txt").read_bytes()
    return frozenset(word.decode("utf-8").lower() for word in data.splitlines())


@lru_cache(maxsize=1)
def _stopwords() -> _core.Stopwords:
    """The lists of ``LANGUAGES``, handed to the core once, with their vote weights."""
    lists = [stoplist(name) for name in LANGUAGES]
    return _core.Stopwords(
        [sorted(words) for words in lists], [1 / math.log(len(words) + 2) for words in lists]
    )


def vote(texts: list[str]) -> int | None:
    """Index in ``LANGUAGES`` of the language of a page's non-blank lines, None without stopwords.

    Voted on the first long lines: those over 80 characters, up to the first that
    brings them past 1,500 characters (each cut at 65,536), or on all lines when
    none is that long. Long lines carry the prose; a few thousand characters
    settle the vote.
    """
    return bridge.counted(_stopwords().vote, texts)


class LineFeatures(NamedTuple):
    """Measures of one non-blank line (a tuple: made for every line, so made cheaply)."""

    words: int
    # Share of the line's words in the page language's stopword list.
    stopwords: float
    # Ends like a sentence (closing quotes and brackets looked through); a
    # trailing ellipsis marks a teaser cut short and does not count.
    sentence: bool
    # Words holding a digit (table rows, scores, dates), in the first 300 characters.
    numbers: int
    # A digit in the first 300 characters.
    digits: bool


# A LineFeatures from a tuple of the core's, without LineFeatures.__new__'s Python frame.
_make = partial(tuple.__new__, LineFeatures)


def page_features(texts: Sequence[str], lang: int | None) -> list[LineFeatures]:
    """The features of each of ``texts`` (non-blank lines) on a page in language ``lang``.

    All in one call to the core: words (``len(text.split())``; a CJK line counts a
    word per two characters), the share of stopwords among the words of the first
    300 characters (worked out only where the heuristics look at it, see
    ``needs_stopwords``), the sentence ending, and digits.
    """
    return list(map(_make, bridge.counted(_stopwords().features, texts, lang)))


def line_features(text: str, lang: int | None) -> LineFeatures:
    """The features of one non-blank ``text`` on a page in language ``lang``."""
    return page_features([text], lang)[0]


def stopword_shares(texts: Sequence[str], lang: int) -> list[float | None]:
    """The share of stopwords of ``lang`` among the words of each text's first 300 characters.

    None for a text without words there. For thresholds other than the built-in
    ones, which may need the share where ``page_features`` leaves it out.
    """
    return bridge.counted(_stopwords().shares, texts, lang)


def needs_stopwords(words: int, sentence: bool) -> bool:
    """Whether ``page_features`` works out the share of stopwords of a line like this.

    Lines of a word or three are menu items or labels, lines of thirty words that
    end a sentence are prose, whatever words they use: under the built-in
    thresholds the share is only worth its cost elsewhere.
    """
    return _core.needs_stopwords(words, sentence)
