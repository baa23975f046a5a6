"""Line features and the language vote from the core, against the Python they replaced.

The reference below is the Python implementation as it stood before the core
took the measures over (``cleaner/features.py`` up to that change), kept here as
the oracle: on every line of the bundled pages and on drawn texts full of the
characters where Python and Rust disagree, the core must measure the same.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable

from hypothesis import example, given, settings
from hypothesis import strategies as st

from cleaner.features import (
    LANGUAGES,
    LineFeatures,
    line_features,
    page_features,
    stoplist,
    stopword_shares,
    vote,
)
from cleaner.line_kinds import default_kinds, forget_lines, remembered, shared_infos

from .conftest import SAMPLES, examples
from .snapshot import make

_TOKEN = re.compile(r"[^\W\d_]+")
_CJK = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_DIGIT = re.compile(r"\d")
_NUMBER = re.compile(r"\d\S*")
_TERMINAL = frozenset(".!?…:;。！？：；．")
_CLOSING = frozenset('"”’»)]」』）］')
_LISTS = [stoplist(name) for name in LANGUAGES]
_TABLE: dict[str, tuple[int, ...]] = {}
for _index, _words in enumerate(_LISTS):
    for _word in _words:
        _TABLE[_word] = (*_TABLE.get(_word, ()), _index)
_WEIGHTS = [1 / math.log(len(words) + 2) for words in _LISTS]


def reference_vote(texts: Iterable[str]) -> int | None:
    texts = [t for t in texts if t]
    sample: list[str] = []
    size = 0
    for text in texts:
        if len(text) > 80:
            sample.append(text[: 1 << 16])
            size += len(text)
            if size > 1500:
                break
    votes = [0] * len(LANGUAGES)
    for word, count in Counter(_TOKEN.findall("\n".join(sample or texts).lower())).items():
        for index in _TABLE.get(word, ()):
            votes[index] += count
    best = max(range(len(LANGUAGES)), key=lambda i: votes[i] * _WEIGHTS[i])
    return best if votes[best] else None


def reference_features(text: str, lang: int | None) -> LineFeatures:
    count = len(text.split())
    share = 0.0
    cjk = 0
    if not text.isascii() and _CJK.search(text, 0, 300) is not None:
        cjk = len(_CJK.findall(text))
    if cjk > 10:
        count = max(count, cjk // 2)
        share = 0.3
    end = text[-1]
    if end in _CLOSING and len(text) > 1:
        end = text[-2]
    sentence = end in _TERMINAL and not text.endswith(("...", "…"))
    needs = 4 <= count <= 6 or (count >= 8 and not (count >= 30 and sentence))
    if cjk <= 10 and lang is not None and needs:
        tokens = _TOKEN.findall(text[:300].lower())
        if tokens:
            share = sum(map(_LISTS[lang].__contains__, tokens)) / len(tokens)
    digits = _DIGIT.search(text, 0, 300) is not None
    numbers = len(_NUMBER.findall(text[:300])) if digits and count >= 2 else 0
    return LineFeatures(count, share, sentence, numbers, digits)


def _pages() -> list[str]:
    pages = [p.read_text("utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    pages += [(make.PAGES / f"{i}.txt").read_text("utf-8") for i in make.ids()]
    return pages


def test_features_of_every_bundled_line_in_every_language() -> None:
    lines = sorted({line.strip() for page in _pages() for line in page.split("\n")} - {""})
    assert len(lines) > 5000
    for lang in (None, *range(len(LANGUAGES))):
        found = page_features(lines, lang)
        wrong = [t for t, f in zip(lines, found, strict=True) if f != reference_features(t, lang)]
        assert not wrong, (lang, wrong[:5])


def test_the_vote_of_every_bundled_page() -> None:
    for page in _pages():
        lines = [line.strip() for line in page.split("\n")]
        assert vote(lines) == reference_vote(lines)
        # Blank lines have no say.
        assert vote([line for line in lines if line]) == vote(lines)


# Where Python and Rust judge characters apart: spaces Rust does not call spaces
# (and the reverse), decimal digits of other scripts, digits and numerics that are
# no decimals, letters whose lower case is longer or depends on context, marks,
# CJK, sentence ends and closing quotes.
_TRICKY = (
    "aZ 1\t\n\x0b\x0c\x1c\x1f\x85\xa0\u1680\u2000\u2028\u200b\u3000\u180e\ufeff"
    "٣۵߂०੬௫๓\uff15\U0001d7ce²³½Ⅻ①_"
    "İIıiΣσςΑ\u0301\u0345\u00adǅßẞΩ\u2126'·:."
    '的中あア한.!?…:;。！？：；．"”’»)]」』）］'
)
_WORDS = st.sampled_from(["the", "of", "und", "der", "и", "что", "de", "la", "a", "Σ"])
_LINES = st.lists(st.one_of(st.text(alphabet=_TRICKY, max_size=8), _WORDS), max_size=40).map(
    " ".join
)


@settings(max_examples=examples(600), deadline=None)
@given(_LINES, st.sampled_from([None, *range(len(LANGUAGES))]))
@example("ΟΔΟΣ ΤΗΣ ΑΘΗΝΑΣ και the of and to a in", 0)
@example("İstanbul is the city of the two seas and the old town", 0)
@example("x " * 200 + "1", None)
def test_features_equal_pythons_on_tricky_text(text: str, lang: int | None) -> None:
    text = text.strip() or "x"
    assert line_features(text, lang) == reference_features(text, lang)


@settings(max_examples=examples(300), deadline=None)
@given(st.lists(_LINES, max_size=12))
def test_the_vote_equals_pythons_on_tricky_text(lines: list[str]) -> None:
    assert vote(lines) == reference_vote(lines)


def test_long_and_surrogate_lines() -> None:
    # Lines over 65,536 characters cross a piece at a time: words across the
    # pieces' ends, CJK counted throughout, the end read at the end.
    long = "word " * 20_000 + "the end."
    assert line_features(long, 0) == reference_features(long, 0)
    for line in (
        "ab" * 70_000 + " x",
        "中文。" + "中" * 140_000 + " 1 2 .",
        "x\u3000" * 40_000 + "\ud800 " * 3 + "…\u201d",
        "the " + "ä" * 65_535 + "b ab\u00a0" * 3 + "end...",
    ):
        assert line_features(line, 0) == reference_features(line, 0), line[-20:]
    assert vote([long]) == reference_vote([long])
    broken = "the \ud800 of and the a \udfff to be 12 3x"
    assert line_features(broken, 0) == reference_features(broken, 0)
    assert vote([broken * 10]) == reference_vote([broken * 10])


def test_infos_of_a_batch_are_those_of_single_lines() -> None:
    lines = ["Home", "The harbour council voted on Tuesday to keep the library open.", "Home"]
    forget_lines()
    infos = shared_infos(lines, 0, default_kinds())
    assert infos[0] == infos[2]
    # Remembered across calls, once per distinct line and language.
    assert remembered()[0] == 2
    assert shared_infos(["Home"], 0, default_kinds())[0] == infos[2]
    assert remembered()[0] == 2
    shared_infos(["Home"], 1, default_kinds())
    assert remembered()[0] == 3
    forget_lines()
    assert remembered() == (0, 0)
    assert [info.features for info in infos] == [reference_features(t, 0) for t in lines]


def test_shares_asked_for_alone_are_those_of_the_words_of_the_first_characters() -> None:
    lines = ["Home", "12 34", "The and of the", "İstanbul and the " + "x " * 400 + "the"]
    expected = []
    for text in lines:
        tokens = _TOKEN.findall(text[:300].lower())
        hits = sum(map(_LISTS[0].__contains__, tokens))
        expected.append(hits / len(tokens) if tokens else None)
    assert stopword_shares(lines, 0) == expected
