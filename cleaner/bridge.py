"""Texts across the boundary to the compiled core.

A Python ``str`` may hold lone surrogates (a JSON ``"\\ud800"`` escape, a file
read with ``surrogateescape``); a Rust ``&str`` cannot, and PyO3 refuses such a
string. Such a text is cleaned all the same, never refused and never changed:
each lone surrogate crosses as a stand-in from a block of private-use
characters that the text does not use, and comes back as itself. Texts without
one (nearly all) cross as they are, at no cost.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

from . import _core
from .errors import InputError

T = TypeVar("T")

_SURROGATES = 0xD800
_SPAN = 0x800
# 2,048-character blocks of the private-use planes (U+F0000 to U+10FFFF), tried
# in turn until one is absent from the text; the last block's final two code
# points are noncharacters but still scalar values, so Rust takes them.
_BLOCKS = range(0xF0000, 0x110000, _SPAN)
_SURROGATE = re.compile("[\ud800-\udfff]")


def _block_free(text: str) -> int:
    for start in _BLOCKS:
        low, high = chr(start), chr(start + _SPAN - 1)
        if not re.search(f"[{low}-{high}]", text):
            return start
    raise InputError("the text holds lone surrogates and uses every private-use block")


def hide(text: str) -> tuple[str, int | None]:
    """``text`` with its lone surrogates as stand-ins, and the stand-ins' first code point."""
    if not _SURROGATE.search(text):
        return text, None
    start = _block_free(text)
    return _SURROGATE.sub(lambda m: chr(start + ord(m.group()) - _SURROGATES), text), start


def show(text: str, start: int | None) -> str:
    """``text`` with the stand-ins that ``hide`` chose turned back into surrogates."""
    if start is None:
        return text
    low, high = chr(start), chr(start + _SPAN - 1)
    return re.sub(f"[{low}-{high}]", lambda m: chr(ord(m.group()) - start + _SURROGATES), text)


def _call(function: Callable[[str], T], text: str) -> tuple[T, int | None]:
    try:
        return function(text), None
    except UnicodeEncodeError:
        hidden, start = hide(text)
        return function(hidden), start


def split_lines(text: str) -> list[str]:
    """The text's stripped lines (``_core.split_lines``), whatever code points it holds."""
    lines, start = _call(_core.split_lines, text)
    return lines if start is None else [show(line, start) for line in lines]
