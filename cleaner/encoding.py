"""Encoding repair: ftfy, run only on the lines that can need it.

ftfy is the slowest step of the pipeline by far (about 2 MB/s), and most lines of a
scraped page are plain text it would leave alone. Like ``ftfy.fix_text``, repair
works line by line; a line goes through ftfy only when the gate says some fixer
may change it. The gate is a superset of every condition under which one of
ftfy's fixers acts, built from ftfy's own tables, so the result is identical to
sending every line through ftfy: ``tests/test_encoding.py`` proves that with
hypothesis, and that on ordinary pages it equals ``ftfy.fix_text``.

A repaired line is stripped, and ftfy's heuristics can judge a stripped line
differently (a no-break space next to a suspect character changes the verdict).
So each line is settled: fixed and stripped until that changes nothing. Without
this, cleaning a cleaned text could repair it again, and ``clean`` would not be
idempotent.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import ftfy
from ftfy import chardata
from ftfy.badness import BADNESS_RE, MOJIBAKE_CATEGORIES

from .bridge import split_lines

# Curly quotes are article characters, not damage: the gold texts keep them.
# So are full-width forms: Chinese and Japanese text is set with "，", "：" and
# "（）", which ftfy's width fixer would turn into ASCII. HTML entities in a
# text dump are always double escaping (the page itself was rendered), so they
# are unescaped on every line rather than ftfy's "auto", which turns unescaping
# off for the rest of a text after the first "<".
FTFY_CONFIG = ftfy.TextFixerConfig(
    uncurl_quotes=False, fix_character_width=False, unescape_html=True, explain=True
)


def _char_class(codepoints: set[int]) -> str:
    return "".join(re.escape(chr(cp)) for cp in sorted(codepoints))


# Characters that make some ftfy fixer act regardless of their context.
_ASCII_TRIGGERS = {cp for cp in chardata.CONTROL_CHARS if cp < 0x80} | {0x0D, 0x1B}
_NON_ASCII_TRIGGERS = (
    {cp for cp in chardata.CONTROL_CHARS if cp >= 0x80}
    | set(chardata.LIGATURES)
    | {0x85, 0x2028, 0x2029}
)
# Typographic characters of ordinary clean text. ftfy's badness heuristic needs
# at least one character outside ASCII and this set to call a string mojibake
# (``tests/test_encoding.py`` checks that by brute force), so a line made only of
# these and ASCII skips the heuristic, which is ftfy's slowest part.
SAFE_TYPOGRAPHY = "\u00a0\u00ad\u00b7\u00b4\u2013\u2014\u2015\u2026\u2018\u2019\u201c\u201d\u2022"
# A line needs a closer look when it has any of these: "&" (an entity?), an
# ASCII control character, or a non-ASCII character outside the safe set.
# One negated class (an alternation of two classes scans five times slower).
# What it lets through: tab, newline, form feed, printable ASCII but "&", and
# the safe typography; everything else is an ASCII trigger, "&" or a character
# that may take part in mojibake.
_GATE = re.compile(f"[^\\t\\n\\x0c\\x20-\\x25\\x27-\\x7e{SAFE_TYPOGRAPHY}]")
# ftfy's badness expression is slow to scan a line that is not ASCII (a tenth
# of a millisecond for a paragraph of Russian), and only a few characters can
# start its sequences. These cannot: ASCII, the safe typography but what its
# classes of opening and closing punctuation hold (curly quotes, the bullet),
# Cyrillic (but for Ђ, Ґ and ґ) and scripts it names nowhere (Hebrew, Arabic,
# Devanagari, Thai, kana, CJK, hangul, full-width forms). ``tests/test_encoding.py``
# proves that no string of them alone looks like mojibake. Every sequence it looks for
# holds another character, the loud one, and lies within three characters of
# it (the longest, "ГўВЂВ" and a letter, has its Ђ in the middle); so the
# expression runs only there.
_PUNCTUATION = re.compile(
    f"[{MOJIBAKE_CATEGORIES['start_punctuation']}{MOJIBAKE_CATEGORIES['end_punctuation']}]"
)
_QUIET_CHARACTERS = (
    "\t\n\x0c\x20-\x7e"
    + "".join(char for char in SAFE_TYPOGRAPHY if not _PUNCTUATION.match(char))
    + "\u0400\u0401\u0403-\u045f\u05d0-\u05ea\u0620-\u064a\u0900-\u097f"
    "\u0e01-\u0e5b\u3000-\u30ff\u4e00-\u9fff\uac00-\ud7a3\uff01-\uff5e"
)
_LOUD = re.compile(f"[^{_QUIET_CHARACTERS}]")
_REACH = 3
# A look around one character costs about as much as scanning ten: past one
# loud character in ten, one scan of the whole line is cheaper.
_LOOK_COST = 10
_ASCII_TRIGGER = re.compile(f"[{_char_class(_ASCII_TRIGGERS)}]")
_NON_ASCII_TRIGGER = re.compile(f"[{_char_class(_NON_ASCII_TRIGGERS)}\\x80-\\x9f\\ud800-\\udfff]")


def looks_bad(segment: str) -> bool:
    """``ftfy.badness.is_bad(segment)``, looked for only where it can be found."""
    loud = [found.start() for found in _LOUD.finditer(segment)]
    if len(loud) * _LOOK_COST > len(segment):
        return BADNESS_RE.search(segment) is not None
    # Searched in place: "^" in the expression still means the start of the line.
    return any(
        BADNESS_RE.search(segment, max(0, i - _REACH), i + _REACH + 1) is not None for i in loud
    )


def _needs_fix(segment: str) -> bool:
    """True when some ftfy fixer may change ``segment`` (a superset, never less)."""
    if "&" in segment and chardata.HTML_ENTITY_RE.search(segment):
        return True
    if _ASCII_TRIGGER.search(segment):
        return True
    if segment.isascii():
        return False
    return bool(
        _NON_ASCII_TRIGGER.search(segment)
        or looks_bad(segment)
        or not unicodedata.is_normalized("NFC", segment)
    )


@dataclass(frozen=True)
class Repair:
    """One input line that ftfy changed, with the steps it took."""

    line: int
    before: str
    after: str
    steps: tuple[tuple[str, str], ...]


# Settling converges in one or two rounds; the cap only guards against a cycle.
_MAX_ROUNDS = 8


def _settle(line: str, gate: Callable[[str], bool]) -> tuple[list[str], list[tuple[str, str]]]:
    """The stripped line(s) that ``line`` settles into, and ftfy's steps on the way.

    A line is fixed with its newline, as ``fix_text`` sees it. ftfy may split a
    line (a bare ``\\r``, U+2028); each piece settles on its own.
    """
    current, steps = line, []
    for _ in range(_MAX_ROUNDS):
        segment = current + "\n"
        if not gate(segment):
            break
        result, explained = ftfy.fix_and_explain(segment, FTFY_CONFIG)
        steps += [(step.action, step.parameter) for step in explained or ()]
        first, *rest = result[:-1].split("\n") if result.endswith("\n") else result.split("\n")
        if rest:
            pieces = [first.strip()]
            for piece in rest:
                more, more_steps = _settle(piece, gate)
                pieces += more
                steps += more_steps
            settled, first_steps = _settle(pieces[0], gate)
            return settled + pieces[1:], steps + first_steps
        stripped = first.strip()
        if stripped == current:
            break
        current = stripped
    return [current.strip()], steps


def _one_newline(text: str) -> str:
    return text.replace("\r\n", "\n") if "\r\n" in text else text


def input_lines(text: str) -> list[str]:
    """The lines of ``text`` as the pass numbers them (line N is item N - 1), unstripped.

    Only ``\\n`` ends a line (CRLF counts as one): ``str.splitlines`` would also
    split at characters such as U+001C.
    """
    return _one_newline(text).split("\n")


def _repair_lines(
    text: str, gate: Callable[[str], bool]
) -> tuple[list[tuple[int, str]], tuple[Repair, ...]]:
    text = _one_newline(text)
    lines = list(enumerate(split_lines(text), start=1))
    if gate is _needs_fix and not _GATE.search(text):
        return lines, ()
    raw = text.split("\n")
    out: list[tuple[int, str]] = []
    repairs: list[Repair] = []
    for (number, stripped), line in zip(lines, raw, strict=True):
        # The cheap gate first: a line it lets through is left as it is.
        if gate is _needs_fix and not _GATE.search(line):
            out.append((number, stripped))
            continue
        pieces, steps = _settle(line, gate)
        if pieces != [stripped]:
            repairs.append(Repair(number, stripped, "\n".join(pieces), tuple(steps)))
        out.extend((number, piece) for piece in pieces)
    return out, tuple(repairs)


def repair_lines(text: str) -> tuple[list[tuple[int, str]], tuple[Repair, ...]]:
    """Repair ``text`` and split it into ``(input line number, stripped line)`` pairs.

    Lines are numbered as by ``input_lines``. A line that ftfy split (a bare
    ``\\r``, U+2028) yields several lines with the same input line number, in
    order: its ``Repair.after`` holds them joined with ``\\n``.
    """
    return _repair_lines(text, _needs_fix)


def repair(text: str) -> tuple[str, tuple[Repair, ...]]:
    """The repaired text, its lines stripped, and the repairs made."""
    lines, repairs = repair_lines(text)
    return "\n".join(line for _, line in lines), repairs
