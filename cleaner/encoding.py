"""Encoding repair: ftfy, run only on the lines that can need it.

ftfy is the slowest step of the pipeline by far (about 2 MB/s), and most lines of a
scraped page are plain text it would leave alone. ``ftfy.fix_text`` already works
line by line (each ``\\n``-terminated segment is fixed on its own), so a segment
that no fixer can change may be skipped without changing the result. The gate
below is a superset of every condition under which one of ftfy's fixers acts,
built from ftfy's own tables; ``tests/test_encoding.py`` proves with hypothesis
that ``repair(text)`` equals ``ftfy.fix_text(text, config=FTFY_CONFIG)``.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass

import ftfy
from ftfy import chardata
from ftfy.badness import is_bad

# Curly quotes are article characters, not damage: the gold texts keep them.
# HTML entities in a text dump are always double escaping (the page itself was
# rendered), so they are unescaped on every line rather than ftfy's "auto", which
# turns unescaping off for the rest of a text after the first "<".
FTFY_CONFIG = ftfy.TextFixerConfig(uncurl_quotes=False, unescape_html=True, explain=True)


def _char_class(codepoints: set[int]) -> str:
    return "".join(re.escape(chr(cp)) for cp in sorted(codepoints))


# Characters that make some ftfy fixer act regardless of their context.
_ASCII_TRIGGERS = {cp for cp in chardata.CONTROL_CHARS if cp < 0x80} | {0x0D, 0x1B}
_NON_ASCII_TRIGGERS = (
    {cp for cp in chardata.CONTROL_CHARS if cp >= 0x80}
    | set(chardata.LIGATURES)
    | set(chardata.WIDTH_MAP)
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
_ASCII_TRIGGER = re.compile(f"[{_char_class(_ASCII_TRIGGERS)}]")
_NON_ASCII_TRIGGER = re.compile(f"[{_char_class(_NON_ASCII_TRIGGERS)}\\x80-\\x9f\\ud800-\\udfff]")


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
        or is_bad(segment)
        or not unicodedata.is_normalized("NFC", segment)
    )


@dataclass(frozen=True)
class Repair:
    """One input line that ftfy changed, with the steps it took."""

    line: int
    before: str
    after: str
    steps: tuple[tuple[str, str], ...]


def _segments(text: str, max_length: int) -> list[tuple[int, int]]:
    """``(start, end)`` of the segments exactly as ``ftfy.fix_text`` cuts them."""
    bounds: list[tuple[int, int]] = []
    pos = 0
    while pos < len(text):
        end = text.find("\n", pos) + 1
        if end == 0:
            end = len(text)
        if end - pos > max_length:
            end = pos + max_length
        bounds.append((pos, end))
        pos = end
    return bounds


def _fixed_segments(text: str) -> list[tuple[int, str, Repair | None]]:
    """``(input line number, fixed segment, repair or None)`` for every segment.

    Only segments the gate flags are looked at closely; the gate search jumps
    from one flagged segment to the next, so clean lines cost nothing in Python.
    """
    bounds = _segments(text, FTFY_CONFIG.max_decode_length)
    starts = [start for start, _ in bounds]
    numbers: list[int] = []
    line = 1
    for start, end in bounds:
        numbers.append(line)
        if text.endswith("\n", start, end):
            line += 1
    fixed: dict[int, tuple[str, Repair]] = {}
    match = _GATE.search(text)
    while match:
        index = bisect_right(starts, match.start()) - 1
        start, end = bounds[index]
        segment = text[start:end]
        if _needs_fix(segment):
            result, steps = ftfy.fix_and_explain(segment, FTFY_CONFIG)
            if result != segment:
                fixed[index] = (
                    result,
                    Repair(
                        numbers[index],
                        segment.rstrip("\n"),
                        result.rstrip("\n"),
                        tuple((step.action, step.parameter) for step in steps or ()),
                    ),
                )
        match = _GATE.search(text, end)
    out: list[tuple[int, str, Repair | None]] = []
    for index, (start, end) in enumerate(bounds):
        if index in fixed:
            out.append((numbers[index], *fixed[index]))
        else:
            out.append((numbers[index], text[start:end], None))
    return out


def repair(text: str) -> tuple[str, tuple[Repair, ...]]:
    """Return ``ftfy.fix_text(text, config=FTFY_CONFIG)`` and the repairs it made.

    Line numbers in the repairs count ``\\n`` in the input, from 1.
    """
    if not _GATE.search(text):
        return text, ()
    parts = _fixed_segments(text)
    return "".join(p[1] for p in parts), tuple(p[2] for p in parts if p[2] is not None)


def repair_lines(text: str) -> tuple[list[tuple[int, str]], tuple[Repair, ...]]:
    """Repair ``text`` and split it into ``(input line number, line)`` pairs.

    Only ``\\n`` ends a line: ``str.splitlines`` would also split at characters
    such as U+001C that ftfy leaves in place. A line that ftfy split (a bare
    ``\\r``, U+2028) yields several lines with the same input line number.
    """
    if not _GATE.search(text):
        return list(enumerate(text.split("\n"), start=1)), ()
    lines: list[tuple[int, str]] = []
    repairs: list[Repair] = []
    pending = ""
    pending_line = 1
    for line, segment, repaired in _fixed_segments(text):
        if repaired is not None:
            repairs.append(repaired)
        # ftfy cuts over-long lines into chunks; glue them back into one line.
        if not pending:
            pending_line = line
        pending += segment
        if pending.endswith("\n"):
            lines.extend((pending_line, part) for part in pending[:-1].split("\n"))
            pending = ""
    lines.extend((pending_line, part) for part in pending.split("\n"))
    return lines, tuple(repairs)
