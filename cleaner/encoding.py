"""Encoding repair: ftfy, run only on the lines that can need it.

ftfy is the slowest step of the pipeline by far (about 2 MB/s), and most lines of a
scraped page are plain text it would leave alone. Like ``ftfy.fix_text``, repair
works line by line; a line goes through ftfy only when the gate says some fixer
may change it. The gate is a superset of every condition under which one of
ftfy's fixers acts, built from ftfy's own tables, so the result is identical to
sending every line through ftfy: ``tests/test_encoding.py`` proves that with
hypothesis, and that on ordinary pages it equals ``ftfy.fix_text``.

The gate reads the whole text in the compiled core (``core/src/gate.rs``), with
the character sets made here from the installed ftfy's ``chardata`` and badness
classes; what only ftfy's own expressions can tell (an HTML entity, a sequence
that looks like mojibake) or a normalization (NFC quick check Maybe) is decided
here, on the lines the core flagged for it.

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

from . import _core, bridge
from .bridge import marked

# Curly quotes are article characters, not damage: the gold texts keep them.
# So are full-width forms: Chinese and Japanese text is set with "，", "：" and
# "（）", which ftfy's width fixer would turn into ASCII. HTML entities in a
# text dump are always double escaping (the page itself was rendered), so they
# are unescaped on every line rather than ftfy's "auto", which turns unescaping
# off for the rest of a text after the first "<".
FTFY_CONFIG = ftfy.TextFixerConfig(
    uncurl_quotes=False, fix_character_width=False, unescape_html=True, explain=True
)


# Characters that make some ftfy fixer act regardless of their context: its
# control characters and ligatures, CR and ESC, NEL and the Unicode line and
# paragraph separators, C1 controls (lone surrogates too: the core's stand-ins
# for them count as triggers).
_ASCII_TRIGGERS = {cp for cp in chardata.CONTROL_CHARS if cp < 0x80} | {0x0D, 0x1B}
_NON_ASCII_TRIGGERS = (
    {cp for cp in chardata.CONTROL_CHARS if cp >= 0x80}
    | set(chardata.LIGATURES)
    | {0x85, 0x2028, 0x2029}
    | set(range(0x80, 0xA0))
)
# Typographic characters of ordinary clean text. ftfy's badness heuristic needs
# at least one character outside ASCII and this set to call a string mojibake
# (``tests/test_encoding.py`` checks that by brute force), so a line made only of
# these and ASCII (but "&" and control characters) needs no closer look.
SAFE_TYPOGRAPHY = "\u00a0\u00ad\u00b7\u00b4\u2013\u2014\u2015\u2026\u2018\u2019\u201c\u201d\u2022"
# ftfy's badness expression is slow to scan a line that is not ASCII (a tenth
# of a millisecond for a paragraph of Russian), and only a few characters can
# start its sequences. These cannot: ASCII, the safe typography but what its
# classes of opening and closing punctuation hold (curly quotes, the bullet),
# Cyrillic (but for Ђ, Ґ and ґ) and scripts it names nowhere (Hebrew, Arabic,
# Devanagari, Thai, kana, CJK, hangul, full-width forms). ``tests/test_encoding.py``
# proves that no string of them alone looks like mojibake. Every sequence it looks for
# holds another character, the loud one, and lies within three characters of
# it (the longest, "ГўВЂВ" and a letter, has its Ђ in the middle); so a line
# without a loud one is no mojibake, and the gate runs the expression only on
# lines that hold one.
_PUNCTUATION = re.compile(
    f"[{MOJIBAKE_CATEGORIES['start_punctuation']}{MOJIBAKE_CATEGORIES['end_punctuation']}]"
)
_QUIET_RANGES = [
    (0x09, 0x0A),
    (0x0C, 0x0C),
    (0x20, 0x7E),
    *((ord(char), ord(char)) for char in SAFE_TYPOGRAPHY if not _PUNCTUATION.match(char)),
    (0x400, 0x401),
    (0x403, 0x45F),
    (0x5D0, 0x5EA),
    (0x620, 0x64A),
    (0x900, 0x97F),
    (0xE01, 0xE5B),
    (0x3000, 0x30FF),
    (0x4E00, 0x9FFF),
    (0xAC00, 0xD7A3),
    (0xFF01, 0xFF5E),
]

# Python's ``\w`` and ``\s`` in the ``regex`` crate's words: ``str.isalnum``
# holds letters and numbers (and the underscore joins them); ``str.isspace``
# is Unicode's White_Space and the four separators U+001C..U+001F.
_CLASSES = {"w": r"\p{L}\p{N}_", "s": r"\s\x1C-\x1F"}


def for_the_core(expression: re.Pattern[str]) -> str:
    r"""A Python expression of ftfy's in the ``regex`` crate's syntax, meaning the same.

    Verbose mode's layout and comments go (the crate's verbose mode would drop
    the spaces inside classes too), ``\w`` and ``\s`` become the classes they
    are in Python, "$" may take a last newline as Python's does, and in a class
    "[", "&" and "~" are escaped (the crate reads them as nested classes and
    set operations). Raises ``ValueError`` for any other escape but ``\xHH``
    and escaped punctuation, which the two read alike.
    """
    source, verbose = expression.pattern, bool(expression.flags & re.VERBOSE)
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(source):
        char = source[i]
        if char == "\\":
            letter = source[i + 1]
            if letter in _CLASSES:
                out.append(_CLASSES[letter] if in_class else f"[{_CLASSES[letter]}]")
                i += 2
            elif letter == "x":
                out.append(source[i : i + 4])
                i += 4
            elif letter.isascii() and not letter.isalnum():
                out.append(source[i : i + 2])  # escaped punctuation: literal to both
                i += 2
            else:
                raise ValueError(f"escape \\{letter} of {source!r}")
            continue
        if in_class:
            if char == "]" and out[-1] not in ("[", "[^"):
                in_class = False
            out.append("\\" + char if char in "[&~" else char)
        elif char == "[":
            in_class = True
            if source.startswith("[^", i):
                out.append("[^")
                i += 2
                continue
            out.append(char)
        elif verbose and char.isspace():
            pass
        elif char == "$":
            # Python's "$" also matches before a newline that ends the text.
            out.append(r"(?:\n?\z)")
        elif verbose and char == "#":
            i = source.find("\n", i)
            if i < 0:
                break
        else:
            out.append(char)
        i += 1
    return "".join(out)


# The gate (core/src/gate.rs): which lines some fixer may change, for a whole
# text in one pass. It decides what the character sets above decide, and runs
# ftfy's expressions for HTML entities and mojibake itself, on the lines whose
# characters call for them; what only a normalization can tell, it flags for
# ``_verdict``.
_GATE = _core.Gate(
    sorted(_ASCII_TRIGGERS | _NON_ASCII_TRIGGERS),
    [ord(c) for c in SAFE_TYPOGRAPHY],
    _QUIET_RANGES,
    for_the_core(chardata.HTML_ENTITY_RE),
    for_the_core(BADNESS_RE),
)


def _verdict(segment: str, flags: int) -> bool:
    """Whether some ftfy fixer may change ``segment``, of the gate's ``flags`` for it."""
    return bool(
        flags & _core.Gate.TRIGGER
        or (flags & _core.Gate.UNNORMALIZED and not unicodedata.is_normalized("NFC", segment))
    )


def _needs_fix(segment: str) -> bool:
    """True when some ftfy fixer may change ``segment`` (a superset, never less)."""
    return _verdict(segment, marked(_GATE.flags, segment))


@dataclass(frozen=True)
class Repair:
    """One input line that ftfy changed, with the steps it took."""

    line: int
    before: str
    after: str
    steps: tuple[tuple[str, str], ...]


# Settling converges in one or two rounds; the cap only guards against a cycle.
_MAX_ROUNDS = 8


def _settle(
    line: str, gate: Callable[[str], bool], gated: bool = False
) -> tuple[list[str], list[tuple[str, str]]]:
    """The stripped line(s) that ``line`` settles into, and ftfy's steps on the way.

    A line is fixed with its newline, as ``fix_text`` sees it. ftfy may split a
    line (a bare ``\\r``, U+2028); each piece settles on its own. ``gated``: the
    gate has let ``line`` through already.
    """
    current, steps = line, []
    for _ in range(_MAX_ROUNDS):
        segment = current + "\n"
        if not gated and not gate(segment):
            break
        gated = False
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


@dataclass(frozen=True, slots=True)
class Repaired:
    """A text's stripped lines after repair: the core's ``Page`` of them, and the repairs.

    The lines stay in the core, spans of the text with ftfy's repairs put in:
    Python holds no string per line. Line ``i`` is input line ``i + 1`` unless
    ftfy split a line (a bare ``\r``, U+2028); ``place`` says where each is.
    """

    page: _core.Page
    repairs: tuple[Repair, ...]
    # The first stand-in of the text's lone surrogates (``bridge.hide``), None
    # for a text without any.
    stand_ins: int | None = None

    def __len__(self) -> int:
        return len(self.page)

    def texts(self) -> list[str]:
        """Every line, as Python strings."""
        return [self.show(line) for line in self.page.texts()]

    def show(self, text: str) -> str:
        """A text that came out of the core with the lone surrogates it stood for."""
        return bridge.show(text, self.stand_ins)

    def pairs(self) -> list[tuple[int, str]]:
        """``(input line number, stripped line)`` for each line."""
        return [(self.page.place(i)[0], line) for i, line in enumerate(self.texts())]


def _flagged(text: str) -> list[tuple[int, int, str]]:
    """The gate's ``(index, flags, line)`` for the lines of ``text`` some fixer may change."""
    try:
        return _GATE.lines(text)
    except UnicodeEncodeError:
        hidden, start = bridge.hide(text)
        return [(i, flags, bridge.show(raw, start)) for i, flags, raw in _GATE.lines(hidden, start)]


def _page(text: str, fixed: list[tuple[int, list[str]]]) -> Repaired:
    try:
        return Repaired(_core.Page(text, fixed), ())
    except UnicodeEncodeError:
        hidden, start = bridge.hide(text)
        assert start is not None
        fixed = [(i, [bridge.hide_with(start, piece) for piece in made]) for i, made in fixed]
        return Repaired(_core.Page(hidden, fixed, start), (), start)


def _repair(text: str, gate: Callable[[str], bool]) -> Repaired:
    text = _one_newline(text)
    if gate is _needs_fix:
        # The gate reads the whole text once; a line it does not flag is left as
        # it is, and a flagged one is fixed if ftfy's expressions say so.
        candidates = [(i, raw, _verdict(raw + "\n", flags)) for i, flags, raw in _flagged(text)]
    else:
        candidates = [(i, raw, True) for i, raw in enumerate(text.split("\n"))]
    fixed: list[tuple[int, list[str]]] = []
    repairs: list[Repair] = []
    for i, raw, fix in candidates:
        stripped = raw.strip()
        pieces, steps = _settle(raw, gate, gated=gate is _needs_fix) if fix else ([stripped], [])
        if pieces != [stripped]:
            repairs.append(Repair(i + 1, stripped, "\n".join(pieces), tuple(steps)))
            fixed.append((i, pieces))
    found = _page(text, fixed)
    return Repaired(found.page, tuple(repairs), found.stand_ins)


def _repair_lines(
    text: str, gate: Callable[[str], bool]
) -> tuple[list[tuple[int, str]], tuple[Repair, ...]]:
    repaired = _repair(text, gate)
    return repaired.pairs(), repaired.repairs


def repair_texts(text: str) -> Repaired:
    """Repair ``text`` and split it into stripped lines, numbered as by ``input_lines``."""
    return _repair(text, _needs_fix)


def repair_lines(text: str) -> tuple[list[tuple[int, str]], tuple[Repair, ...]]:
    """Repair ``text`` and split it into ``(input line number, stripped line)`` pairs.

    Lines are numbered as by ``input_lines``. A line that ftfy split (a bare
    ``\r``, U+2028) yields several lines with the same input line number, in
    order: its ``Repair.after`` holds them joined with ``\n``.
    """
    return _repair_lines(text, _needs_fix)


def repair(text: str) -> tuple[str, tuple[Repair, ...]]:
    """The repaired text, its lines stripped, and the repairs made."""
    lines, repairs = repair_lines(text)
    return "\n".join(line for _, line in lines), repairs
