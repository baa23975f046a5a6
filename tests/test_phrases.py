"""``phrases:`` and ``max_length:``: the normalisation spec, the loader, the engine."""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleaner import Cleaner
from cleaner.errors import RuleError
from cleaner.loader import check_rules, parse_rules
from cleaner.phrases import DECORATION, WHITESPACE, normalise, within


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Advertisement", "advertisement"),
        ("  — ADVERTISEMENT —  ", "advertisement"),
        ("• Video", "video"),
        ("Share:", "share"),
        ("» Related ›", "related"),
        ("| Print |", "print"),
        ("*** Anzeige ***", "anzeige"),
        ("Share\u00a0\u2003 this\tarticle", "share this article"),
        ("Straße", "strasse"),
        ("ΣΑΣ", "σασ"),
        # Inside the text, decoration and punctuation stay; sentence punctuation is no decoration.
        ("Sign in | Register", "sign in | register"),
        ("Posted!", "posted!"),
        ("Loading...", "loading..."),
        ("(opens in new tab)", "(opens in new tab)"),
        ("---", ""),
        ("", ""),
    ],
)
def test_normalise(text: str, expected: str) -> None:
    assert normalise(text) == expected


def test_whitespace_is_unicode_white_space_not_isspace() -> None:
    # The four information separators are str.isspace() but not White_Space.
    assert normalise("a\x1cb") == "a\x1cb"
    assert normalise("a\u3000\u205f\u2028b") == "a b"
    assert normalise("a\u200bb") == "a\u200bb"  # zero width space is not whitespace
    assert len(WHITESPACE) == 25


def test_case_folding_maps_nothing_to_or_from_whitespace_or_decoration() -> None:
    # What makes the three steps commute, and ``within`` sound.
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code < 0xE000:
            continue
        char = chr(code)
        folded = char.casefold()
        assert len(folded) >= 1
        if char in DECORATION:
            assert folded == char, hex(code)
        else:
            assert not DECORATION.intersection(folded), hex(code)


_TEXT = st.text(
    st.sampled_from([*"aAßΣσ xyz", *sorted(DECORATION)[:12], "\u00a0", "\u3000", ".", "!"]),
    max_size=30,
)


@given(_TEXT, _TEXT)
def test_within_never_turns_away_a_line_that_normalises_short_enough(
    text: str, phrase: str
) -> None:
    target = normalise(phrase)
    if normalise(text) == target:
        assert within(text, len(target))


@given(_TEXT)
def test_normalise_is_idempotent(text: str) -> None:
    assert normalise(normalise(text)) == normalise(text)


def spec(text: str) -> str:
    """The module doc's three steps, written out in Python: what the core must give."""
    run = "[" + "".join(map(re.escape, sorted(WHITESPACE))) + "]+"
    return re.sub(run, " ", text.casefold()).strip("".join(sorted(DECORATION)))


_ANY = st.text(
    st.one_of(
        st.sampled_from(sorted(DECORATION | {"\x1c", "\u200b", ".", "ß", "İ", "ﬁ"})),
        st.characters(blacklist_categories=("Cs",)),
    ),
    max_size=40,
)


@given(_ANY)
def test_the_core_normalises_as_the_spec_says(text: str) -> None:
    assert normalise(text) == spec(text)


def test_the_core_normalises_every_code_point_as_the_spec_says() -> None:
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code < 0xE000:
            continue
        text = f"a{chr(code)}b {chr(code)}"
        assert normalise(text) == spec(text), hex(code)


def test_a_line_with_lone_surrogates_normalises_around_them() -> None:
    assert normalise(" — SHARE\udc80 — ") == "share\udc80"
    assert within("\udc80 x", 2)
    assert not within("\udc80 xy", 2)


RULES = """\
source: site.example
remove:
  - id: ad
    max_length: 40
    phrases:
      en: [Advertisement, Sponsored content]
      de: [Anzeige, No]
  - id: counter
    pattern: 'Ad \\d+'
    phrases: [Skip ad]
    max_length: 12
  - id: photo
    phrases: [Photo]
    next: 'Credit: .*'
  - id: credit
    pattern: 'Credit: .*'
  - id: label
    inline: true
    phrases: [Video]
"""


def explain(text: str):
    cleaner = Cleaner.from_rulesets([parse_rules(RULES, "site.example.yaml")])
    return cleaner.explain(text, source="site.example")


def test_a_phrase_matches_its_decorated_and_case_variants() -> None:
    found = explain("— ADVERTISEMENT —\n\nThe story.\n\n•  sponsored   CONTENT:\n\nanzeige\n")
    assert [(r.rule, r.line) for r in found.removals] == [
        ("site.example/ad", 1),
        ("site.example/ad", 5),
        ("site.example/ad", 7),
    ]
    assert found.text == "The story.\n"


def test_phrases_listed_by_language_all_apply_and_yaml_1_1_words_stay_strings() -> None:
    # "No" under de: is the line "No", not false.
    found = explain("The story.\n\nNo\n\nAdvertisement\n")
    assert [r.text for r in found.removals] == ["No", "Advertisement"]


def test_max_length_bounds_phrases_and_patterns() -> None:
    long_ad = "-" * 40 + " Advertisement"
    found = explain(f"{long_ad}\n\nThe story.\n\nAd 1234567890123\n\nAd 12\n\n• Skip ad ::\n")
    assert [r.text for r in found.removals] == ["Ad 12", "• Skip ad ::"]
    assert long_ad in found.text and "Ad 1234567890123" in found.text


def test_a_pattern_and_its_phrases_are_one_rule() -> None:
    found = explain("The story.\n\nSkip ad\n\nAd 7\n")
    assert {r.rule for r in found.removals} == {"site.example/counter"}


def test_a_phrase_rule_takes_a_context() -> None:
    found = explain("The story.\n\nPhoto\nCredit: AP\n\nPhoto\n\nMore of the story.\n")
    assert [(r.rule, r.line) for r in found.removals] == [
        ("site.example/photo", 3),
        ("site.example/credit", 4),
    ]


def test_a_phrase_rule_may_be_inline() -> None:
    ruleset = parse_rules(RULES, "site.example.yaml")
    assert {rule.id: rule.inline for rule in ruleset.rules}["label"] is True


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "    pattern: a\n    max_length: 0\n",
            "5:17: 'max_length' must be a whole number of at least 1, got a number",
        ),
        (
            "    pattern: a\n    max_length: true\n",
            "5:17: 'max_length' must be a whole number of at least 1, got a boolean",
        ),
        (
            "    pattern: a\n    max_length: 1.0\n",
            "5:17: 'max_length' must be a whole number of at least 1, got a number",
        ),
        (
            "    pattern: a\n    max_length: '3'\n",
            "5:17: 'max_length' must be a whole number of at least 1, got a string",
        ),
        ("    lines: [a]\n    max_length: 3\n", "5:5: unknown key 'max_length' in a 'lines' rule"),
        (
            "    phrases: []\n",
            "4:14: 'phrases' must be a non-empty list of phrases, or a mapping of language codes (en, de, pt-br) to such lists",
        ),
        (
            "    phrases: {EN: [a]}\n",
            "4:14: 'phrases' must be a non-empty list of phrases, or a mapping of language codes (en, de, pt-br) to such lists",
        ),
        (
            "    phrases: {en: []}\n",
            "4:14: 'phrases' must be a non-empty list of phrases, or a mapping of language codes (en, de, pt-br) to such lists",
        ),
        (
            "    phrases: [a, [b]]\n",
            "4:14: 'phrases' must be a non-empty list of phrases, or a mapping of language codes (en, de, pt-br) to such lists",
        ),
        (
            "    phrases:\n      - Share\n      - ' — '\n",
            "6:9: phrase ' — ' is only decoration and would match no line",
        ),
        (
            "    phrases: [a]\n    lines: [b]\n",
            "3:5: rule needs exactly one of lines, pattern, phrases, from, paragraph, heuristic (found 'phrases', 'lines')",
        ),
        ("    phrases: [a]\n    to: b\n", "5:5: unknown key 'to' in a 'phrases' rule"),
        (
            "    phrases: [a]\n    paragraph: b\n",
            "3:5: rule needs exactly one of lines, pattern, phrases, from, paragraph, heuristic (found 'phrases', 'paragraph')",
        ),
    ],
)
def test_bad_keys_are_refused_with_their_place(body: str, expected: str) -> None:
    _, errors = check_rules(f"source: x\nremove:\n  - id: a\n{body}", "x.yaml")
    assert [str(error) for error in errors] == [f"x.yaml:{expected} (a)"]


def test_old_rule_files_load_unchanged() -> None:
    ruleset = parse_rules("source: x\nremove:\n  - id: a\n    pattern: b\n", "x.yaml")
    (rule,) = ruleset.rules
    assert rule.kind == "pattern" and rule.phrase_lines() == frozenset() and rule.line_limit is None


def test_parse_rules_raises_the_first_fault() -> None:
    with pytest.raises(RuleError, match=r"x\.yaml:4:14: 'phrases' must"):
        parse_rules("source: x\nremove:\n  - id: a\n    phrases: 3\n", "x.yaml")


UNLESS = """\
source: site.example
remove:
  - id: copyright
    ignore_case: true
    pattern: ['(?:©|copyright) ', '.{0,80}']
    unless: '.*\\bmay not be\\b.*'
  - id: label
    phrases: [Photo]
    unless: 'PHOTO'
  - id: caption
    pattern: '.{3,40}'
    unless: 'keep.*'
    next: 'CREDIT'
  - id: credit
    pattern: CREDIT
"""


def test_unless_takes_a_line_back_from_pattern_phrases_and_context_rules() -> None:
    cleaner = Cleaner.from_rulesets([parse_rules(UNLESS, "site.example.yaml")])
    text = (
        "© 2020 AP\n\nThe story.\n\n© 2020 AP. This may not be copied.\n\n"
        "Photo\n\nPHOTO\n\nkeep this caption\nCREDIT\n\ngo this caption\nCREDIT\n"
    )
    found = cleaner.explain(text, source="site.example")
    assert [r.text for r in found.removals] == [
        "© 2020 AP",
        "Photo",
        "CREDIT",
        "go this caption",
        "CREDIT",
    ]


def test_a_later_rule_still_sees_a_line_that_unless_took_back() -> None:
    # The first rule's pattern matches, so its unless must not hide the second rule's match.
    rules = (
        "source: x\nremove:\n  - id: a\n    pattern: 'ad.*'\n    unless: 'adv.*'\n"
        "  - id: b\n    pattern: 'advert'\n"
    )
    cleaner = Cleaner.from_rulesets([parse_rules(rules, "x.yaml")])
    found = cleaner.explain("The story.\n\nadvert\n\nads\n", source="x")
    assert [(r.rule, r.text) for r in found.removals] == [("x/b", "advert"), ("x/a", "ads")]


def test_a_pattern_may_be_written_in_pieces() -> None:
    ruleset = parse_rules(UNLESS, "site.example.yaml")
    assert ruleset.rules[0].pattern.source == "(?:©|copyright) .{0,80}"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("    pattern: ['a', '(b']\n", "4:23: invalid regular expression: missing )"),
        (
            "    pattern:\n      - 'a'\n      - 'b[c'\n",
            "6:13: invalid regular expression: unterminated character set",
        ),
        (
            "    pattern: []\n",
            "4:14: 'pattern' must be a non-empty regular expression, or a list of its pieces",
        ),
        (
            "    pattern: ['a', '']\n",
            "4:14: 'pattern' must be a non-empty regular expression, or a list of its pieces",
        ),
        ("    pattern: a\n    unless: '(x'\n", "5:16: invalid regular expression: missing )"),
        ("    lines: [a]\n    unless: b\n", "5:5: unknown key 'unless' in a 'lines' rule"),
    ],
)
def test_bad_pieces_and_unless_are_refused_with_their_place(body: str, expected: str) -> None:
    _, errors = check_rules(f"source: x\nremove:\n  - id: a\n{body}", "x.yaml")
    assert [str(error) for error in errors] == [f"x.yaml:{expected} (a)"]


def test_also_patterns_must_all_match_and_any_unless_strikes() -> None:
    rules = """\
source: x
remove:
  - id: policy
    ignore_case: true
    pattern: '.{0,200}'
    also:
      - '.*\\bcomments?\\b.*'
      - ['.*\\b(?:moderat', '\\w*|approv\\w*).*']
    unless: ['.*\\bsaid\\b.*', '.*\\bsays\\b.*']
"""
    cleaner = Cleaner.from_rulesets([parse_rules(rules, "x.yaml")])
    text = (
        "Comments are moderated.\n\nThe comments were approved, he said.\n\n"
        "Comments are welcome.\n\nPlease be approved in comments.\n"
    )
    found = cleaner.explain(text, source="x")
    assert [r.text for r in found.removals] == [
        "Comments are moderated.",
        "Please be approved in comments.",
    ]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("    pattern: a\n    also: ['b', '(c']\n", "5:20: invalid regular expression: missing )"),
        (
            "    pattern: a\n    also: [[]]\n",
            "5:11: 'also' must be a regular expression, or a list of them (each a string or a list of its pieces)",
        ),
        (
            "    pattern: a\n    unless: 3\n",
            "5:13: 'unless' must be a regular expression, or a list of them (each a string or a list of its pieces)",
        ),
    ],
)
def test_bad_also_is_refused_with_its_place(body: str, expected: str) -> None:
    _, errors = check_rules(f"source: x\nremove:\n  - id: a\n{body}", "x.yaml")
    assert [str(error) for error in errors] == [f"x.yaml:{expected} (a)"]
