"""The compiled core against the Python it must agree with, at the boundary."""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import Cleaner, _core, bridge
from cleaner.encoding import Repaired

from .conftest import examples


def test_strip_is_str_strip_on_every_code_point() -> None:
    # Surrogates cannot cross into Rust as str; a text holding one is refused earlier.
    for cp in range(sys.maxunicode + 1):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        c = chr(cp)
        assert _core.strip(f"{c}x{c}") == f"{c}x{c}".strip(), hex(cp)


@settings(max_examples=examples(300))
@given(st.text(alphabet=st.sampled_from("ab \t\r\n\x0b\x0c\x1c\x85\xa0\u2028\u3000")))
def test_split_lines_is_split_on_newline_then_strip(text: str) -> None:
    expected = [line.strip() for line in text.replace("\r\n", "\n").split("\n")]
    assert _core.split_lines(text) == expected


def test_lone_surrogates_cross_the_boundary_and_come_back() -> None:
    text = "a\ud800 \n\udfff\n \U000f0001 b"
    assert bridge.split_lines(text) == [line.strip() for line in text.split("\n")]


def test_stand_ins_avoid_a_block_the_text_uses() -> None:
    hidden, start = bridge.hide("\U000f0000\ud800")
    assert start is not None and start != 0xF0000
    assert bridge.show(hidden, start) == "\U000f0000\ud800"


def test_repeats_and_site_lines_take_lone_surrogates() -> None:
    # ftfy replaces lone surrogates before the pass; the pass takes them all the same.
    text = "a\ud800\na\ud800\nShare this:\udc80"
    hidden, start = bridge.hide(text)
    lines = Repaired(_core.Page(hidden, [], start), (), start)
    found = Cleaner()._explain_lines(lines, None, "generic", frozenset())
    assert [(r.rule, r.line, r.text) for r in found.removals] == [
        ("generic/repeated-line", 2, "a\ud800")
    ]
    assert found.text == "a\ud800\nShare this:\udc80\n"
    pages = [["menu\udc80", "one"], ["menu\udc80", "two"]]
    assert bridge.site_lines(pages, [0, 0]) == [["menu\udc80"], ["menu\udc80"]]
    groups = bridge.group_pages(
        pages, [None, None], shared_lines=1, shared_share=0.3, long=1, most_holders=10
    )
    assert groups == [0, 0]


# Every code point but the surrogates, which cannot cross (bridge.py hides them).
_ALL = "".join(chr(cp) for cp in range(sys.maxunicode + 1) if not 0xD800 <= cp <= 0xDFFF)
_TOKEN = re.compile(r"[^\W\d_]")


def test_character_classes_are_pythons_on_every_code_point() -> None:
    """The core's tables against the Python running the tests, code point by code point.

    The tables are Python 3.11's (Unicode 14.0.0); on another Unicode version
    only the characters that version added or changed may differ.
    """
    if unicodedata.unidata_version != _core.UNICODE_VERSION:
        pytest.skip(f"the tables are Unicode {_core.UNICODE_VERSION}'s")
    classes = _core.char_classes(_ALL)
    assert len(classes) == len(_ALL)
    wrong = []
    for c, found in zip(_ALL, classes, strict=True):
        expected = (
            _core.CHAR_SPACE * c.isspace()
            | _core.CHAR_DECIMAL * (re.match(r"\d", c) is not None)
            | _core.CHAR_TOKEN * (_TOKEN.match(c) is not None)
            | _core.CHAR_NFC_NO * (not unicodedata.is_normalized("NFC", c))
            | _core.CHAR_UNASSIGNED * (unicodedata.category(c) == "Cn")
            | _core.CHAR_ALPHA * c.isalpha()
            | _core.CHAR_UPPER * c.isupper()
            | _core.CHAR_LOWER * c.islower()
            | _core.CHAR_DIGIT * c.isdigit()
            | _core.CHAR_NUMERIC * c.isnumeric()
        )
        if found & ~_core.CHAR_NFC_MAYBE != expected:
            wrong.append(hex(ord(c)))
    assert not wrong, wrong[:20]
    combining = _core.combining_classes(_ALL)
    wrong = [
        hex(ord(c)) for c, k in zip(_ALL, combining, strict=True) if unicodedata.combining(c) != k
    ]
    assert not wrong, wrong[:20]


def test_nfc_maybe_holds_every_character_that_composes_with_the_one_before() -> None:
    if unicodedata.unidata_version != _core.UNICODE_VERSION:
        pytest.skip(f"the tables are Unicode {_core.UNICODE_VERSION}'s")
    maybe = {
        c for c, k in zip(_ALL, _core.char_classes(_ALL), strict=True) if k & _core.CHAR_NFC_MAYBE
    }
    # Every canonical pair that composes: its second character can make a string
    # that is no NFC, whatever the quick check said of the rest.
    for c in _ALL:
        decomposed = unicodedata.normalize("NFD", c)
        for i in range(1, len(decomposed)):
            pair = unicodedata.normalize("NFC", decomposed[i - 1] + decomposed[i])
            if len(pair) == 1:
                assert decomposed[i] in maybe, hex(ord(c))
    # Hangul syllables compose from jamo.
    assert {"\u1161", "\u11a8"} <= maybe


def test_lower_is_str_lower_on_every_code_point_and_around_sigma() -> None:
    if unicodedata.unidata_version != _core.UNICODE_VERSION:
        pytest.skip(f"the tables are Unicode {_core.UNICODE_VERSION}'s")
    # "\n" is neither cased nor case-ignorable: each piece is judged on its own.
    pieces = "\n".join(_ALL)
    assert _core.lower(pieces) == pieces.lower()
    for form in ("{}Σ", "A{}Σ", "AΣ{}", "AΣ{}A", "A{}{}Σ", "AΣ{}{}b"):
        text = "\n".join(form.format(c, c) for c in _ALL)
        assert _core.lower(text) == text.lower(), form


@settings(max_examples=examples(500))
@given(st.text(alphabet=st.sampled_from("AaΣσς\u0301\u0345'.:·\u00ad \nİIß\u1e9eǅ\u2126")))
def test_lower_is_str_lower_in_context(text: str) -> None:
    assert _core.lower(text) == text.lower()


def test_the_tables_are_what_the_generator_writes() -> None:
    if unicodedata.unidata_version != _core.UNICODE_VERSION:
        pytest.skip(f"the tables are Unicode {_core.UNICODE_VERSION}'s")
    generator = Path(__file__).resolve().parent.parent / "core" / "tools" / "gen_tables.py"
    result = subprocess.run(
        [sys.executable, str(generator), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
