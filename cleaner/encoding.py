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


def _fix(segment: str, line: int) -> tuple[str, Repair] | None:
    """ftfy's result for one segment, when it changes anything."""
    if not _needs_fix(segment):
        return None
    fixed, steps = ftfy.fix_and_explain(segment, FTFY_CONFIG)
    if fixed == segment:
        return None
    steps_taken = tuple((step.action, step.parameter) for step in steps or ())
    return fixed, Repair(line, segment.rstrip("\n"), fixed.rstrip("\n"), steps_taken)


def _normalise_newlines(text: str) -> str:
    """CRLF to LF, as ftfy's ``fix_line_breaks`` does, before the gate sees the text.

    Otherwise every line of a Windows text would carry a ``\\r`` and go through
    ftfy. No fixer reads a ``\\r`` that a newline follows (the hypothesis test
    checks the result against ``fix_text`` on texts with CRLF).
    """
    return text.replace("\r\n", "\n") if "\r\n" in text else text


def _fixes(text: str) -> dict[int, tuple[int, int, str, Repair]] | None:
    """Segments that ftfy changes, by input line number: ``(start, end, fixed, repair)``.

    The gate search jumps from one flagged line to the next, so clean lines cost
    nothing in Python. None when a line is longer than ftfy's segment length
    (ftfy then cuts it into chunks; ``_chunked`` follows it exactly).
    """
    limit = FTFY_CONFIG.max_decode_length
    fixes: dict[int, tuple[int, int, str, Repair]] = {}
    line, counted = 1, 0
    match = _GATE.search(text)
    while match:
        start = text.rfind("\n", 0, match.start()) + 1
        end = text.find("\n", match.start()) + 1 or len(text)
        if end - start > limit:
            return None
        line += text.count("\n", counted, start)
        counted = start
        found = _fix(text[start:end], line)
        if found is not None:
            fixes[line] = (start, end, *found)
        match = _GATE.search(text, end)
    return fixes


def _chunked(text: str) -> list[tuple[int, str, Repair | None]]:
    """``(input line number, fixed piece, repair)`` for every segment, cut as ftfy cuts."""
    limit = FTFY_CONFIG.max_decode_length
    pieces: list[tuple[int, str, Repair | None]] = []
    pos, line = 0, 1
    while pos < len(text):
        end = text.find("\n", pos) + 1 or len(text)
        end = min(end, pos + limit)
        found = _fix(text[pos:end], line)
        if found is None:
            pieces.append((line, text[pos:end], None))
        else:
            pieces.append((line, *found))
        if text.endswith("\n", pos, end):
            line += 1
        pos = end
    return pieces


def repair(text: str) -> tuple[str, tuple[Repair, ...]]:
    """Return ``ftfy.fix_text(text, config=FTFY_CONFIG)`` and the repairs it made.

    Line numbers in the repairs count ``\\n`` in the input, from 1.
    """
    text = _normalise_newlines(text)
    fixes = _fixes(text)
    if fixes is None:
        pieces = _chunked(text)
        repairs = tuple(found for _, _, found in pieces if found is not None)
        return "".join(piece for _, piece, _ in pieces), repairs
    out, pos = [], 0
    for start, end, fixed, _ in fixes.values():
        out += [text[pos:start], fixed]
        pos = end
    out.append(text[pos:])
    return "".join(out), tuple(found[3] for found in fixes.values())


def repair_lines(text: str) -> tuple[list[tuple[int, str]], tuple[Repair, ...]]:
    """Repair ``text`` and split it into ``(input line number, line)`` pairs.

    Only ``\\n`` ends a line: ``str.splitlines`` would also split at characters
    such as U+001C that ftfy leaves in place. A line that ftfy split (a bare
    ``\\r``, U+2028) yields several lines with the same input line number.
    """
    text = _normalise_newlines(text)
    fixes = _fixes(text)
    if fixes is None:
        return _chunked_lines(text)
    lines = list(enumerate(text.split("\n"), start=1))
    if not fixes:
        return lines, ()
    out: list[tuple[int, str]] = []
    for number, line in lines:
        found = fixes.get(number)
        if found is None:
            out.append((number, line))
            continue
        start, end, fixed, _ = found
        if text.endswith("\n", start, end) and fixed.endswith("\n"):
            fixed = fixed[:-1]
        out.extend((number, part) for part in fixed.split("\n"))
    return out, tuple(found[3] for found in fixes.values())


def _chunked_lines(text: str) -> tuple[list[tuple[int, str]], tuple[Repair, ...]]:
    """``repair_lines`` for a text with lines longer than ftfy's segment length.

    ftfy fixes such a line in chunks; the fixed chunks are glued back into one line.
    """
    lines: list[tuple[int, str]] = []
    repairs: list[Repair] = []
    pending, pending_line = "", 1
    for line, piece, found in _chunked(text):
        if found is not None:
            repairs.append(found)
        if not pending:
            pending_line = line
        pending += piece
        if pending.endswith("\n"):
            lines.extend((pending_line, part) for part in pending[:-1].split("\n"))
            pending = ""
    lines.extend((pending_line, part) for part in pending.split("\n"))
    return lines, tuple(repairs)
