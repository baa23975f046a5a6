"""Encoding repair: ftfy only where needed, with results identical to ftfy everywhere."""

from __future__ import annotations

import itertools
import re
import unicodedata

import ftfy
import pytest
from ftfy import chardata
from ftfy.badness import BADNESS_RE, MOJIBAKE_CATEGORIES, is_bad
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cleaner import _core
from cleaner.bridge import marked
from cleaner.encoding import (
    _GATE,
    _QUIET_RANGES,
    FTFY_CONFIG,
    SAFE_TYPOGRAPHY,
    _repair_lines,
    for_the_core,
    repair,
    repair_lines,
)

from .conftest import ROOT, SAMPLES


def ungated(text: str):
    """The same repair with every line sent through ftfy."""
    return _repair_lines(text, lambda segment: True)


# The Python gate that the core's replaced: the conditions under which a fixer
# acts, read off ftfy's tables and expressions.
_OLD_ASCII_TRIGGERS = {chr(cp) for cp in chardata.CONTROL_CHARS if cp < 0x80} | {"\r", "\x1b"}
_OLD_NON_ASCII_TRIGGERS = re.compile(
    "["
    + "".join(re.escape(chr(cp)) for cp in chardata.CONTROL_CHARS if cp >= 0x80)
    + "".join(re.escape(chr(cp)) for cp in chardata.LIGATURES)
    + "\x85\u2028\u2029\x80-\x9f\ud800-\udfff]"
)


def old_gate(segment: str, bad: bool | None = None) -> bool:
    """Whether the Python gate let ``segment`` through (``bad``: ``is_bad(segment)`` if known)."""
    if "&" in segment and chardata.HTML_ENTITY_RE.search(segment):
        return True
    if not _OLD_ASCII_TRIGGERS.isdisjoint(segment):
        return True
    if segment.isascii():
        return False
    return bool(
        _OLD_NON_ASCII_TRIGGERS.search(segment)
        or (is_bad(segment) if bad is None else bad)
        or not unicodedata.is_normalized("NFC", segment)
    )


def gate_covers(segment: str, bad: bool | None = None) -> bool:
    """Whether the core's gate flags ``segment`` whenever the Python gate let it through."""
    return bool(marked(_GATE.flags, segment)) or not old_gate(segment, bad)


def fix_text_stripped(text: str) -> str:
    fixed = ftfy.fix_text(text.replace("\r\n", "\n"), config=FTFY_CONFIG)
    return "\n".join(line.strip() for line in fixed.split("\n"))


# Characters ftfy cares about: mojibake pieces, entities, controls, line breaks,
# ligatures, full-width forms, combining marks, surrogates and common typography.
_INTERESTING = (
    "aeA Z1.&;#<>\n\r\t\x00\x1b\x7f\x85\x9d\xa0\xad"
    "ÃÂâ€™œžŸ©®°±µ·»¿ÀÉàéèêëîïôöüßñçÐÑ×÷"
    "ΒΓΞΟВГРСЂЉ‚Ä√≈ﬁﬂ\uff21\uff41\u3000\u2028\u2029\u0301\u0308\ufeff\ufffd"
    + SAFE_TYPOGRAPHY
    + "«»№вўдЯЁҐґ中あ。，"
)
_ENTITIES = st.sampled_from(["&amp;", "&eacute;", "&#39;", "&lt;", "&nbsp;", "&EACUTE;"])
_MOJIBAKE = st.text(alphabet="éèü’“”—…•ñçÉ€", max_size=6).map(
    lambda s: s.encode("utf-8").decode("sloppy-windows-1252")
)
texts = st.lists(
    st.one_of(st.text(alphabet=_INTERESTING, max_size=12), _ENTITIES, _MOJIBAKE, st.text()),
    max_size=12,
).map("".join)


@settings(max_examples=1500, deadline=None)
@given(texts)
@example("caf\u00c3\u00a9\r\nna\u00efve &amp; co\u2028next")
@example("\r\n\u00c3\r\n")
@example("\u00a0\u00bb\u00a8")
def test_gated_repair_equals_ftfy_on_every_line(text):
    assert repair_lines(text) == ungated(text)


@settings(max_examples=1500, deadline=None)
@given(texts)
@example("e\u0301 \u212b a\u0301\u0323 \ufb01 \u0378")
@example("x\ud800y")
def test_the_core_gate_misses_no_line_ftfy_changes(text):
    """A superset of the Python gate it replaced, and lines it passes ftfy leaves alone."""
    found = marked(_GATE.lines, text)
    flagged = {index: flags for index, flags, _ in found}
    lines = text.split("\n")
    # Each flagged line comes with its text (lone surrogates as stand-ins).
    assert all(len(line) == len(lines[index]) for index, _, line in found)
    for index, line in enumerate(lines):
        segment = line + "\n"
        assert gate_covers(segment), segment
        if index not in flagged:
            assert ftfy.fix_and_explain(segment, FTFY_CONFIG) == (segment, []), segment
        assert flagged.get(index, 0) == marked(_GATE.flags, segment), segment


@settings(max_examples=500, deadline=None)
@given(texts)
def test_repair_is_idempotent(text):
    once, _ = repair(text)
    assert repair(once) == (once, ())


@settings(max_examples=300, deadline=None)
@given(texts)
def test_line_numbers_follow_the_input(text):
    lines, _ = repair_lines(text)
    numbers = [number for number, _ in lines]
    assert numbers == sorted(numbers)
    assert numbers[-1] == text.replace("\r\n", "\n").count("\n") + 1


def test_pages_come_out_as_ftfy_fix_text_makes_them():
    for path in sorted(SAMPLES.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        for text in (raw, raw.encode("utf-8").decode("sloppy-windows-1252")):
            assert repair(text)[0] == fix_text_stripped(text)


def test_a_very_long_line():
    text = "a" * 1_100_000 + "\ncaf\u00c3\u00a9\r\nend"
    assert repair(text)[0] == fix_text_stripped(text)
    assert [n for n, _ in repair_lines(text)[0]] == [1, 2, 3]


def test_a_line_ftfy_splits_keeps_its_number():
    lines, repairs = repair_lines("one\ntwo\u2028three\nfour")
    assert lines == [(1, "one"), (2, "two"), (2, "three"), (3, "four")]
    assert [r.line for r in repairs] == [2]


def test_safe_typography_never_looks_like_mojibake():
    """Lines of ASCII and the safe set skip ftfy's badness check: prove they may.

    Every alternative of ftfy's badness expression that can match such a string
    is at most four characters long, and the expression tells ASCII apart only by
    these classes, so all strings of up to four characters over one
    representative of each class plus the safe set cover every case.
    """
    alphabet = "aZ1_ \n.,?!-" + SAFE_TYPOGRAPHY
    for size in range(1, 5):
        for chars in itertools.product(alphabet, repeat=size):
            candidate = "".join(chars)
            assert not is_bad(candidate), candidate
            # And the core's gate, which lets such lines pass, misses nothing.
            assert gate_covers(candidate, False), candidate


def _quiet_characters() -> list[str]:
    """Every character outside ASCII that is not loud."""
    return [chr(c) for c in range(0x80, 0x10000) if any(lo <= c <= hi for lo, hi in _QUIET_RANGES)]


def _representatives() -> str:
    """One character for each way ftfy's badness expression can see a quiet one.

    The expression tells characters apart by its category classes, by the
    characters it names itself, and by ``\\w`` and ``\\s``. A quiet character
    that the expression names keeps a place of its own; the others are grouped
    by the classes that hold them.
    """
    named = set(BADNESS_RE.pattern)
    classes = {name: re.compile(f"[{chars}]") for name, chars in MOJIBAKE_CATEGORIES.items()}
    chosen: dict[object, str] = {}
    for char in _quiet_characters():
        if char in named:
            key: object = char
        else:
            key = (
                frozenset(name for name, found in classes.items() if found.match(char)),
                bool(re.match(r"\w", char)),
                bool(re.match(r"\s", char)),
            )
        chosen.setdefault(key, char)
    return "aZ1_ \n.,?!-" + "".join(chosen.values())


# Loud characters of many kinds: guillemets, curly quotes, the bullet, numero,
# Latin letters of mojibake, currency, Ђ of the longest sequence, Ø of the
# Arabic ones, degrees, fractions, a minus sign, an emoji.
_SOME_LOUD = "«»№‘“”•ÃÂéÉ€¢ЂØÙ°½−ΒβĀā‚Ä\x85\U0001f609"


def test_quiet_characters_are_letters_or_common_to_the_badness_expression():
    for char in _quiet_characters():
        held = {n for n, chars in MOJIBAKE_CATEGORIES.items() if re.match(f"[{chars}]", char)}
        assert held <= {"common", "lower_common", "upper_common"}, (char, held)


def test_no_string_of_quiet_characters_looks_like_mojibake():
    """So every sequence the expression finds holds a loud character.

    The expression's sequences are at most four characters long but for
    "ГўВЂВ" and one more, and the Arabic ones of four; each holds a loud
    character, so strings of up to four quiet characters cover every case.
    """
    for size in range(1, 5):
        for chars in itertools.product(_representatives(), repeat=size):
            candidate = "".join(chars)
            assert not is_bad(candidate), candidate
            assert gate_covers(candidate, False), candidate


def test_the_cores_badness_expression_finds_what_ftfys_finds():
    alphabet = _representatives() + _SOME_LOUD
    for size in range(1, 4):
        for chars in itertools.product(alphabet, repeat=size):
            candidate = "".join(chars)
            bad = is_bad(candidate)
            assert _GATE.is_bad(candidate) == bad, candidate
            assert gate_covers(candidate, bad), candidate


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=_representatives() + _SOME_LOUD, max_size=40))
@example("Р«С")
@example("В «Россия» №1")
@example("xx ГўВЂВ.a yy")
@example("1Ã x")
@example("1Ã x«")
@example("Ã x")
@example("ab ÃÃÃÃÃÃÃÃÃÃ c")
@example("œ\n")
@example("\x1c\u00c0\u00a2")
def test_the_cores_badness_expression_is_ftfys(text):
    assert _GATE.is_bad(text) == is_bad(text)


@given(st.text(max_size=30))
@example("\u00c3\u00a9 and \u00c2\u00a0")
def test_the_cores_badness_expression_is_ftfys_on_any_text(text):
    # Python's classes stand written out (``\\w``, ``\\s``); characters this
    # Python's Unicode does not assign may be letters to the crate.
    if all(unicodedata.category(c) != "Cn" for c in text):
        assert _GATE.is_bad(text) == is_bad(text)
    else:
        assert _GATE.is_bad(text) or not is_bad(text)


@pytest.mark.parametrize(
    ("pattern", "flags", "texts"),
    [
        # Verbose layout and comments go; a space inside a class stays.
        ("a b # a comment\n | [ x]y", re.VERBOSE, ["ab", "a b", " y", "xy", "y"]),
        # \w and \s as Python's: the underscore, numbers, U+001C..U+001F.
        (r"\w\s", 0, ["_\x1c", "\u00bd ", "a\u3000", "\u0301 ", "a\x1f", "-\n"]),
        (r"[\w-][^\s\w]", 0, ["a!", "-_", "\u0301!", "½?"]),
        # What the crate reads as nested classes and set operations is literal.
        (r"[a[&~]&", 0, ["[&", "&&", "~&", "a&", "b&"]),
        (r"\.[\]\[]", 0, [".]", ".[", "a]"]),
        (r"[]a]x|[^]]", 0, ["]x", "ax", "]", "b"]),
        (r"\xa0\x41", 0, ["\u00a0A", "A"]),
        # Python's "$" matches before a newline that ends the text, too.
        (r"a$", 0, ["a", "a\n", "a\n\n", "ab", "a\nb"]),
    ],
)
def test_expressions_cross_to_the_core_meaning_the_same(pattern, flags, texts):
    expression = re.compile(pattern, flags)
    core = _core.Gate([], [], [], for_the_core(expression), for_the_core(expression))
    for text in texts:
        assert core.is_bad(text) == bool(expression.search(text)), (pattern, text)


def test_an_escape_the_core_may_read_otherwise_is_refused():
    with pytest.raises(ValueError, match=r"escape \\d"):
        for_the_core(re.compile(r"\d+"))


def test_lines_of_the_corpora_are_judged_as_ftfy_judges_them():
    texts = [p.read_text("utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    for corpus in ("dev-corpus", "dev-corpus-2"):
        folder = ROOT.parent / "shared" / corpus / "docs"
        texts += [p.read_text("utf-8", errors="replace") for p in sorted(folder.glob("*.txt"))]
    lines = {line + "\n" for text in texts for line in text.split("\n")}
    differ = [line for line in lines if _GATE.is_bad(line) != is_bad(line)]
    assert differ == []


def test_curly_quotes_stay_curly():
    text = "He said \u201cno\u201d and it\u2019s final."
    assert repair(text)[0] == text


def test_mojibake_and_entities_are_repaired_and_explained():
    text = "ok line\nIt\u00e2\u20ac\u2122s broken &amp; escaped\nfine\n"
    fixed, repairs = repair(text)
    assert fixed == "ok line\nIt\u2019s broken & escaped\nfine\n"
    assert [r.line for r in repairs] == [2]
    assert ("encode", "sloppy-windows-1252") in repairs[0].steps
    assert repairs[0].before == "It\u00e2\u20ac\u2122s broken &amp; escaped"


def test_clean_text_is_returned_as_is():
    text = "Plain ASCII & text.\nNo entities here; “quotes” — dashes… • bullets.\n"
    assert repair(text) == (text, ())


def test_a_line_that_changes_verdict_once_stripped_is_settled():
    fixed, _ = repair("\u00a0\u00bb\u00a8")
    assert repair(fixed) == (fixed, ())


def test_full_width_punctuation_of_cjk_text_stays():
    # Chinese and Japanese are set with full-width punctuation; turning it into
    # ASCII would change the article's characters, not repair its encoding.
    line = "北京市政府周二宣布，将在（五年）内新建：六条线路！Ｃｔｒｌ＋Ａｌｔ"
    assert repair(line) == (line, ())
    assert repair(line.encode("utf-8").decode("sloppy-windows-1252"))[0] == line
