"""The prefilter never turns away a line that a pattern matches.

A pattern runs only on lines that meet its necessary conditions (first
character, longest line, a digit, required strings). If a condition were ever
wrong, a rule would silently stop removing what it should, so every test here
compares the prefilter against the pattern itself.
"""

from __future__ import annotations

import pytest
import regex
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cleaner import Cleaner
from cleaner.patterns import Budget, Pattern, PatternSet
from cleaner.prefilter import NO_NEEDS, fold, needs

from .conftest import SAMPLES


def shipped_patterns() -> list[tuple[str, Pattern]]:
    found = []
    for name, ruleset in Cleaner().rulesets.items():
        for rule in ruleset.rules:
            for role, pattern in rule.line_patterns().items():
                found.append((f"{name}/{rule.id}/{role}", pattern))
    return found


SHIPPED = shipped_patterns()


def sample_lines() -> list[str]:
    lines = set()
    for path in sorted(SAMPLES.glob("*.txt")):
        lines.update(line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return sorted(line for line in lines if line)


LINES = sample_lines()


def matches(pattern: Pattern, line: str) -> bool:
    return pattern.compiled.fullmatch(line) is not None


@pytest.mark.parametrize("key,pattern", SHIPPED, ids=[key for key, _ in SHIPPED])
def test_shipped_patterns_admit_every_sample_line_they_match(key, pattern):
    need = needs(pattern.source, ignore_case=pattern.ignore_case)
    turned_away = [line for line in LINES if matches(pattern, line) and not need.admits(line)]
    assert turned_away == []


def test_shipped_patterns_are_mostly_understood():
    # Not a correctness property: a guard against the analysis quietly giving
    # up on everything (every condition unknown), which would only be slow.
    understood = [
        key for key, p in SHIPPED if needs(p.source, ignore_case=p.ignore_case) != NO_NEEDS
    ]
    assert len(understood) >= 0.8 * len(SHIPPED)


# Patterns that exercise each part of the analysis, with the case-folding
# corners of the regex module: "ß" matches "ss", "ﬁ" matches "fi", "I" matches
# a dotless "ı", "i" matches "İ".
TRICKY = [
    ("subscribe to our newsletter", True),
    ("Subscribe", False),
    ("straße|strasse", True),
    ("ﬁnance news", True),
    ("fi", True),
    ("İstanbul|ISTANBUL news", True),
    ("kelvin", True),
    (r"\p{Lu}[\p{L}'’.-]+ \d{1,2}", False),
    (r"(?=.{1,20}$)(?=[^\d]*\d).*", False),
    (r"(?:photo|foto)s?\s*:\s*[^.!?]{2,40}", True),
    (r"[^.!?]{3,30} by clicking here[.!]?", True),
    (r"(?:a|b)?c{2,3}d*", False),
    (r"\d+\s*(?:comments?|replies)", True),
    (r"[a-zß]{2,4}", True),
    (r"[à-ÿ]{1,3}x", True),
    (r"(?i:share) (?:this|on [A-Z]\w+)", False),
    (r"(?:tags|topics):.{1,9}|(?-i:Tags \p{Lu}[^.!?]{1,9})", True),
    (r"(?-i:Tags) \w+", True),
    (r"(?>ab|a)c", False),
    (r"x*+y", False),
    (r"(?:tag|tags|filed under)\s*:\s*.{1,20}(?<![.!?])", True),
    (r"^\W*(?:more|related)\W*$", True),
    (r"(?:(?:[«‹<]\s*)?\d{1,3}[\s|·•,]*){3,}", False),
    (r"ß{2}|ﬃ", True),
    (r"(\w)\1", False),
    (r"a{,3}b", False),
    (r"[[:alpha:]]+", False),
    (r"(?:cat){e<=1}", False),
    (r"[\w--\d]+", False),
    (r"\N{LATIN SMALL LETTER SHARP S}x", True),
]

_PIECES = st.sampled_from(
    [
        "ss", "ß", "ẞ", "SS", "fi", "ﬁ", "FI", "I", "ı", "i", "İ", "K", "k", "ſ",
        "straße", "STRASSE", "subscribe", "SUBSCRIBE", "to our newsletter", "news",
        "by clicking here", "Photo", "FOTOS", ": ", "Istanbul", "ıstanbul",
        "Tags", "filed under", "more", "Related", "«", " ", "—", ".", "!", "1", "23",
        "comments", "reply", "share", "this", "on ", "Twitter", "ab", "c", "d", "y", "x",
        "cat", "kelvin", "KELVIN", "finance", "ﬃ", "ffi", "à", "ÿ", "é",
    ]
)  # fmt: skip
lines_made_of_pieces = st.lists(st.one_of(_PIECES, st.text(max_size=3)), max_size=10).map("".join)


@pytest.mark.parametrize("source,ignore_case", TRICKY)
@settings(max_examples=300, deadline=None)
@given(line=lines_made_of_pieces)
@example(line="STRASSE")
@example(line="ẞ")
@example(line="ıstanbul news")
@example(line="ﬁ")
def test_tricky_patterns_admit_every_line_they_match(source, ignore_case, line):
    pattern = Pattern.compile(source, ignore_case=ignore_case)
    if matches(pattern, line):
        assert needs(source, ignore_case=ignore_case).admits(line)


@pytest.mark.parametrize(
    "source,ignore_case,line",
    [
        ("straße", True, "STRASSE"),
        ("ss", True, "ß"),
        ("fi", True, "ﬁ"),
        ("ﬁ", True, "fi"),
        ("I", True, "ı"),
        ("i", True, "İ"),
        ("news İ", True, "NEWS i"),
        ("[a-zß]x", True, "ssx"),
        (r"\p{Lu}\w+ \d", False, "Éclair 9"),
    ],
)
def test_case_folding_corners_are_admitted(source, ignore_case, line):
    assert matches(Pattern.compile(source, ignore_case=ignore_case), line)
    assert needs(source, ignore_case=ignore_case).admits(line)


def test_what_the_analysis_finds():
    found = needs("(?:subscribe to|sign up for) our newsletter", ignore_case=True)
    assert found.atoms == frozenset({"newsletter"})
    assert found.longest == len("subscribe to our newsletter")
    assert found.starts("S") and found.starts("s") and not found.starts("x")

    dated = needs(r"(?=.{1,40}$)(?=[^\d]*\d).*")
    assert dated.longest == 40 and dated.digit and dated.first is None

    named = needs(r"\p{Lu}\w+ said")
    assert named.starts("É") and not named.starts("é") and named.longest is None

    # An escaped parenthesis before "?" is a literal, not a group with flags
    # ("(?r" would be the regex module's reverse search).
    credit = needs(r"\(?credits? photo\s?:\s?[^.!?]{2,80}\)?", ignore_case=True)
    assert credit.atoms in ({"credit"}, {"photo"}) and credit.starts("(") and credit.starts("C")
    assert needs(r"\\(?r)abc") == NO_NEEDS


@pytest.mark.parametrize(
    "source",
    [
        r"(?:cat){e<=1}",  # fuzzy matching
        r"[[:alpha:]]+",  # a POSIX class inside a set
        r"[\w--\d]+",  # set difference
        r"(?r)abc",  # reverse search
        r"(?V0)abc",
        r"(?|(a)|(b))",  # branch reset
        r"\Kabc",
        "\U000f0000x",  # the private-use plane the analysis uses for properties
    ],
)
def test_syntax_python_reads_differently_is_left_unanalysed(source):
    assert needs(source) == NO_NEEDS


def test_fold_equates_what_the_regex_module_equates():
    # Every character the regex module matches case-insensitively with a letter
    # of the rule files (or ASCII) must fold to something holding that letter's
    # fold, or an atom with the letter would turn a matching line away. The
    # text to search is every code point, each on its own.
    letters = {
        ch for _, pattern in SHIPPED for ch in pattern.source if ch.isalpha() and ch not in "ıİ"
    } | set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
    everything = "\n".join(chr(cp) for cp in range(0x110000) if not 0xD800 <= cp < 0xE000)
    for letter in sorted(letters):
        for found in regex.finditer(regex.escape(letter), everything, regex.V1 | regex.I):
            assert letter.casefold() in fold(found.group()), (letter, found.group())


def test_characters_that_fold_to_several_are_all_in_the_first_plane():
    # The analysis looks for them below U+10000 only.
    assert not [cp for cp in range(0x10000, 0x110000) if len(chr(cp).casefold()) > 1]


def brute_force(patterns: list[Pattern], final: frozenset[int], line: str) -> list[int]:
    found = []
    for i, pattern in enumerate(patterns):
        if matches(pattern, line):
            found.append(i)
            if i in final:
                break
    return found


def test_a_pattern_set_finds_what_each_pattern_finds_on_its_own():
    patterns = [pattern for _, pattern in SHIPPED]
    final = frozenset(range(0, len(patterns), 2))
    keys = [key for key, _ in SHIPPED]
    pattern_set = PatternSet(patterns, keys, final)
    budget = Budget(1.0)
    for line in [*LINES, "", "Share this", "ß", "1 2 3 4", "Photo: AP"]:
        assert pattern_set.matching(line, budget) == brute_force(patterns, final, line), line


TRICKY_SET = PatternSet(
    [Pattern.compile(source, ignore_case=folds) for source, folds in TRICKY],
    [f"tricky/{n}" for n in range(len(TRICKY))],
    frozenset({3, 11}),
)


# Lines over a hundred characters take another path through the pattern set.
long_lines = st.lists(_PIECES, min_size=25, max_size=60).map("".join)


@settings(max_examples=500, deadline=None)
@given(line=st.one_of(lines_made_of_pieces, long_lines))
@example(line="ẞ" * 60 + " 1")
def test_a_pattern_set_of_tricky_patterns_finds_what_each_finds_on_its_own(line):
    found = TRICKY_SET.matching(line, Budget(1.0))
    assert found == brute_force(TRICKY_SET.patterns, TRICKY_SET.final, line)
