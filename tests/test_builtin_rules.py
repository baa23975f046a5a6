"""Every built-in pattern is on the linear path: syntax Rust's ``regex`` crate runs too.

The compiled core runs rule patterns on a finite-automaton engine (linear time)
that has no lookaround, backreferences, atomic groups or possessive
quantifiers, and reads a few escapes otherwise than the ``regex`` module
(``\\Z``, ``\\<``). ``foreign`` is a small scanner for those, aware of escapes
and character classes; the built-in rule files must give it nothing to report.
"""

from __future__ import annotations

import pytest

from cleaner.loader import builtin_rules_dir, load_dirs
from cleaner.rules import BlockRule, ContextRule, ParagraphRule, PatternRule, Rule

# Escapes both engines read alike (\p{..} and \x.. are read with their argument).
_ESCAPES = set("dDwWsSbBAntrfv") | set("\\.+*?()[]{}|^$-&~#/ '\"!,:;=@%`_") | {"<", ">"}
# Inline flags both engines have.
_FLAGS = set("imsx-")


def foreign(source: str) -> list[str]:
    """The constructs of ``source`` that Rust's ``regex`` does not run as Python's does."""
    found: list[str] = []
    i, depth, n = 0, 0, len(source)
    quantified = False  # the last token was a quantifier: a "+" after it is possessive
    while i < n:
        char = source[i]
        if char == "\\":
            escaped = source[i + 1 : i + 2]
            if escaped in ("<", ">"):
                found.append(f"\\{escaped} (a word boundary in Rust, a literal in Python)")
            elif escaped.isdigit():
                found.append(f"backreference \\{escaped}")
            elif escaped in ("p", "P"):
                if source[i + 2 : i + 3] == "{":
                    i = source.index("}", i) - 1
                else:
                    i += 1
            elif escaped in ("x", "u", "U"):
                width = {"x": 2, "u": 4, "U": 8}[escaped]
                i += width
            elif escaped not in _ESCAPES:
                found.append(f"escape \\{escaped}")
            i += 2
            quantified = False
            continue
        if depth:
            # Inside a class only escapes, nested classes and set operations count.
            if char == "[":
                depth += 1
            elif char == "]":
                depth -= 1
            elif source.startswith("||", i):
                found.append("set union || (Rust has no such operator)")
            i += 1
            continue
        if char == "[":
            depth = 1
            i += 1
            # A "]" or "^]" right after "[" is a literal member.
            if source.startswith("^", i):
                i += 1
            if source.startswith("]", i):
                i += 1
            quantified = False
            continue
        if char == "(" and source.startswith("(?", i):
            rest = source[i + 2 :]
            for opener, name in (
                ("=", "lookahead"),
                ("!", "negative lookahead"),
                ("<=", "lookbehind"),
                ("<!", "negative lookbehind"),
                (">", "atomic group"),
                ("P=", "backreference"),
                ("#", "comment group"),
                ("|", "branch reset"),
                ("(", "conditional"),
                ("R", "recursion"),
            ):
                if rest.startswith(opener):
                    found.append(name)
                    break
            else:
                if rest[:1].isdigit() or rest[:1] in ("+", "&"):
                    found.append("recursion")
                elif not rest.startswith((":", "P<", "<")):
                    flags = rest[: len(rest) - len(rest.lstrip("".join(_FLAGS) + "abefLpruVw01"))]
                    if set(flags) - _FLAGS:
                        found.append(f"inline flags {flags}")
            quantified = False
            i += 2
            continue
        if char in "*+?" or (char == "{" and _repeat_end(source, i) is not None):
            if char == "+" and quantified:
                found.append("possessive quantifier")
                quantified = False
                i += 1
                continue
            if char == "{":
                end = _repeat_end(source, i)
                assert end is not None
                if source[i + 1] == ",":
                    found.append("{,n} (Rust needs the lower bound)")
                i = end
            else:
                i += 1
            if source.startswith("?", i) and char != "?":
                i += 1  # lazy
                quantified = False
            elif char == "?" and source.startswith("?", i):
                i += 1
                quantified = False
            else:
                quantified = True
            continue
        quantified = False
        i += 1
    return found


def _repeat_end(source: str, i: int) -> int | None:
    """Where a counted repetition ``{n}``, ``{n,}``, ``{n,m}`` or ``{,m}`` at ``i`` ends."""
    end = source.find("}", i)
    if end < 0:
        return None
    body = source[i + 1 : end]
    low, _, high = body.partition(",")
    if body and all(part.isdigit() or part == "" for part in (low, high)) and (low or high):
        return end + 1
    return None


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("(?=.{1,100}$)ad", ["lookahead"]),
        ("(?!x)y", ["negative lookahead"]),
        ("a(?<=b)", ["lookbehind"]),
        ("a(?<!b)", ["negative lookbehind"]),
        ("(?>ab)c", ["atomic group"]),
        ("a*+b", ["possessive quantifier"]),
        ("a{1,24}+b", ["possessive quantifier"]),
        (r"\w++", ["possessive quantifier"]),
        (r"(a)\1", ["backreference \\1"]),
        ("(?P<x>a)(?P=x)", ["backreference"]),
        (r"a\Z", ["escape \\Z"]),
        (
            r"\<word\>",
            [
                "\\< (a word boundary in Rust, a literal in Python)",
                "\\> (a word boundary in Rust, a literal in Python)",
            ],
        ),
        ("(?#note)a", ["comment group"]),
        ("(?V1)a", ["inline flags V1"]),
        ("a{,3}", ["{,n} (Rust needs the lower bound)"]),
        ("[a||b]", ["set union || (Rust has no such operator)"]),
        # Not constructs: escaped, inside a class, or the lazy and plain forms.
        (r"\(?=x", []),
        ("[(?=]+", []),
        (r"[\]\[(?!]", []),
        ("[]a(?=]b", []),
        (r"\++", []),
        ("a+?b*?c??d{1,3}?", []),
        ("(?i:a)(?-i:b)(?:c)(?P<n>d)(?<m>e)", []),
        (r"\p{Lu}\p{L}+\pL\x41\u00e9", []),
        ("[^.!?]{0,150}[.,] ?", []),
        ("a{2}b{2,}c{2,3}", []),
        ("{x}", []),
    ],
)
def test_the_scanner(source: str, expected: list[str]) -> None:
    assert foreign(source) == expected


def _patterns(rule: Rule) -> list[str]:
    found = []
    if isinstance(rule, PatternRule | ParagraphRule) and rule.pattern is not None:
        found.append(rule.pattern.source)
    if isinstance(rule, ContextRule):
        found += [p.source for p in (rule.prev, rule.next) if p is not None]
    if isinstance(rule, BlockRule):
        found += [p.source for p in (rule.start, rule.end) if p is not None]
    return found


BUILTIN = [
    pytest.param(source, rule, id=f"{source}/{rule.id}")
    for source, ruleset in load_dirs([builtin_rules_dir()]).rulesets.items()
    for rule in ruleset.rules
]


@pytest.mark.parametrize(("source", "rule"), BUILTIN)
def test_every_builtin_pattern_is_on_the_linear_path(source: str, rule: Rule) -> None:
    for pattern in _patterns(rule):
        assert foreign(pattern) == [], f"{source}/{rule.id}: {pattern}"
