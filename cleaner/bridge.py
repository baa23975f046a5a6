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
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

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
    return _hide_with(start, text), start


def show(text: str, start: int | None) -> str:
    """``text`` with the stand-ins that ``hide`` chose turned back into surrogates."""
    if start is None:
        return text
    low, high = chr(start), chr(start + _SPAN - 1)
    return re.sub(f"[{low}-{high}]", lambda m: chr(ord(m.group()) - start + _SURROGATES), text)


def hide_with(start: int, text: str) -> str:
    """``text`` with its lone surrogates as stand-ins from the block at ``start``."""
    return _hide_with(start, text)


def _hide_with(start: int, text: str) -> str:
    return _SURROGATE.sub(lambda m: chr(start + ord(m.group()) - _SURROGATES), text)


def _hide_pages(pages: Sequence[Sequence[str]]) -> tuple[list[list[str]], int]:
    """``pages`` of lines with lone surrogates as stand-ins from one block none of them uses."""
    start = _block_free("\n".join("\n".join(page) for page in pages))
    return [[_hide_with(start, line) for line in page] for page in pages], start


def hide_lines(lines: Sequence[str]) -> tuple[list[str], int]:
    """``lines`` with their lone surrogates as stand-ins from one block none of
    them uses, and the stand-ins' first code point (for ``show``)."""
    hidden, start = _hide_pages([lines])
    return hidden[0], start


def join_lines(lines: Sequence[str]) -> str:
    """Kept lines joined as the output prints them (``_core.join_lines``)."""
    try:
        return _core.join_lines(lines)
    except UnicodeEncodeError:
        hidden, start = hide_lines(lines)
        return show(_core.join_lines(hidden), start)


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


def group_pages(
    pages: Sequence[Sequence[str]],
    sites: Sequence[str | None],
    *,
    shared_lines: int,
    shared_share: float,
    long: int,
    most_holders: int,
) -> list[int]:
    """A group number per page, pages of one site sharing one (``_core.group_pages``)."""

    def run(pages: Sequence[Sequence[str]], sites: Sequence[str | None]) -> list[int]:
        return _core.group_pages(
            pages,
            sites,
            shared_lines=shared_lines,
            shared_share=shared_share,
            long=long,
            most_holders=most_holders,
        )

    try:
        return run(pages, sites)
    except UnicodeEncodeError:
        hidden, start = _hide_pages([*pages, [site or "" for site in sites]])
        return run(hidden[:-1], [_hide_with(start, s) if s else None for s in sites])


def site_lines(pages: Sequence[Sequence[str]], groups: Sequence[int]) -> list[list[str]]:
    """Per page, the lines another page of its group also has (``_core.site_lines``)."""
    try:
        return _core.site_lines(pages, groups)
    except UnicodeEncodeError:
        hidden, start = _hide_pages(pages)
        return [[show(line, start) for line in page] for page in _core.site_lines(hidden, groups)]


def marked(function: Callable[[str, int | None], T], text: str) -> T:
    """``function(text, stand_ins)``: the first stand-in's code point, None without any.

    For calls that must tell a lone surrogate apart (the encoding gate: ftfy
    replaces them), whose results hold no text.
    """
    try:
        return function(text, None)
    except UnicodeEncodeError:
        return function(*hide(text))


def counted(function: Callable[..., T], texts: Sequence[str], *args: Any) -> T:
    """``function(texts, *args)`` for a call whose result holds no text (counts, flags).

    The stand-ins need not come back, nor be told apart: to every measure of the
    core, a private-use character is what a lone surrogate is to Python's (no
    letter, digit, space, case or mark, one code point long).
    """
    try:
        return function(texts, *args)
    except UnicodeEncodeError:
        return function(_hide_pages([texts])[0][0], *args)
