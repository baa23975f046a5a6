"""The compiled core against the Python it must agree with, at the boundary."""

from __future__ import annotations

import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import _core, bridge

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
    assert bridge.repeated_lines(["a\ud800", "a\ud800", "b"]) == [1]
    pages = [["menu\udc80", "one"], ["menu\udc80", "two"]]
    assert bridge.site_lines(pages, [0, 0]) == [["menu\udc80"], ["menu\udc80"]]
    groups = bridge.group_pages(
        pages, [None, None], shared_lines=1, shared_share=0.3, long=1, most_holders=10
    )
    assert groups == [0, 0]
