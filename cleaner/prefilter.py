"""What a line must look like before a pattern can match it in full.

Matching every rule pattern against every line is most of the cost of a text,
and nearly every line matches none of them. So each pattern is read once, when
it is compiled, for cheap necessary conditions (the prefilter idea of RE2's
``FilteredRE2``):

- ``first``: the characters a match can start with (a character class run by
  the ``regex`` module itself, so its notion of case is the pattern's own);
- ``longest``: the longest line the pattern can match;
- ``atoms``: strings one of which every match contains (``subscribe``,
  ``newsletter``), compared case-folded;
- ``digit``: whether every match holds a digit.

A line that fails one of them cannot match, and the pattern is not run on it.
Every condition errs on the side of running the pattern: a construct the
analysis does not know (anything outside the syntax that Python's own ``re``
parser reads the same way as ``regex``) leaves that condition unknown, and an
unknown condition lets every line through. ``tests/test_prefilter.py`` checks
that no line a pattern matches is ever turned away.
"""

from __future__ import annotations

import importlib
import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import regex

# Python's own parser of regular expressions, private but stable; it moved in 3.11.
_NEW = sys.version_info >= (3, 11)
_parser: Any = importlib.import_module("re._parser" if _NEW else "sre_parse")
_c: Any = importlib.import_module("re._constants" if _NEW else "sre_constants")

_REPEATS = tuple(
    op for op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)) if op
)
_ATOMIC = getattr(_c, "ATOMIC_GROUP", None)
_UNBOUNDED = _c.MAXREPEAT
_CATEGORIES = {
    _c.CATEGORY_DIGIT: r"\d",
    _c.CATEGORY_NOT_DIGIT: r"\D",
    _c.CATEGORY_WORD: r"\w",
    _c.CATEGORY_NOT_WORD: r"\W",
    _c.CATEGORY_SPACE: r"\s",
    _c.CATEGORY_NOT_SPACE: r"\S",
}

# Syntax of the ``regex`` module that Python's parser reads differently or not
# at all: version, fuzzy, word and reverse flags, branch reset, recursion and
# subroutines ("(?-1)"; "(?-i:...)" turns a flag off and is read), verbs, named
# lists, \K, \G, \X, word-start and -end, and fuzzy constraints ({e<=1}). A
# pattern with any of them is left unanalysed. What an odd number of
# backslashes escapes is a literal: "\(?credit" is an optional "(" before
# "credit", not a group with flags.
_FOREIGN = re.compile(
    r"(?<!\\)(?:\\\\)*"
    r"(?:\(\?(?:[a-zA-Z-]*[VrfbepwLu]|\||\(DEFINE|R|&|P>|[0-9+]|-[0-9])|\(\*|\\[LKGXmMQE]|\{[eids])"
)
# Tokens of a pattern: a property (\p{Lu}, \pL), any other escape, or one character.
_TOKEN = re.compile(r"\\[pP](?:\{[^}]*\}|[A-Za-z])|\\.|.", re.DOTALL)
# Python's parser has no Unicode properties; each one stands in as a character
# from a private-use plane, and is mapped back after. A pattern that holds such
# a character itself is left unanalysed.
_STAND_IN = 0xF0000

# The Turkic i's: ``regex`` matches "I" with dotless "ı" and "i" with "İ", which
# case-folding does not equate. Both sides of an atom test fold them to "i", and
# atoms never contain them.
_TURKIC = frozenset("ıİ\u0307")
# Sets of more strings than this are not followed further.
_MAX_EXACT = 16
# What ``Needs.digit`` means by a digit; ``PatternSet`` tests lines with it too.
DIGIT = regex.compile(r"\d")


_FOLD_CHUNK = 1 << 16  # characters


def casefold(text: str) -> str:
    """``text.casefold()``, in bounded extra memory.

    CPython's ``casefold`` works in a buffer of 12 bytes a character (a character
    may fold into three), 240 MB for a 20-million-character line; folding is per
    character, so pieces folded one by one join into the same string.
    """
    if len(text) <= _FOLD_CHUNK:
        return text.casefold()
    return "".join(
        text[at : at + _FOLD_CHUNK].casefold() for at in range(0, len(text), _FOLD_CHUNK)
    )


def present_in(text: str, atoms: Iterable[str]) -> set[str]:
    """The ``atoms`` found in ``fold(text)``, without folding a long ``text`` whole.

    A long line is folded a piece at a time, the pieces overlapping by more than
    the longest atom, so an atom across two pieces is whole in one of them (a
    folded piece is never shorter than the piece).
    """
    atoms = tuple(atoms)
    if len(text) <= _FOLD_CHUNK or not atoms:
        folded = fold(text)
        return {atom for atom in atoms if atom in folded}
    overlap = max(map(len, atoms)) + 1
    found: set[str] = set()
    for at in range(0, len(text), _FOLD_CHUNK):
        piece = fold(text[max(0, at - overlap) : at + _FOLD_CHUNK])
        found.update(atom for atom in atoms if atom not in found and atom in piece)
        if len(found) == len(atoms):
            break
    return found


def fold(text: str) -> str:
    """``text`` as atoms are compared: case-folded, with the Turkic i's as "i"."""
    folded = casefold(text)
    if "ı" in folded or "\u0307" in folded:
        folded = folded.replace("i\u0307", "i").replace("ı", "i")
    return folded


@dataclass(frozen=True)
class Needs:
    """Necessary conditions for a pattern to match a whole line; None is unknown."""

    first: Any = field(default=None, compare=False, repr=False)
    longest: int | None = None
    atoms: frozenset[str] | None = None
    digit: bool = False

    def admits(self, line: str, folded: str | None = None) -> bool:
        """False only when the pattern cannot match all of ``line``.

        The reference for these conditions; ``PatternSet`` applies them to many
        patterns at once.
        """
        if self.longest is not None and len(line) > self.longest:
            return False
        if self.first is not None and line and not self.starts(line[0]):
            return False
        if self.digit and not DIGIT.search(line):
            return False
        if self.atoms is not None:
            text = fold(line) if folded is None else folded
            return any(atom in text for atom in self.atoms)
        return True

    def starts(self, char: str) -> bool:
        """Whether a match can begin with ``char``."""
        if self.first is None:
            return True
        # "ß" matches a pattern's "ss", "ﬁ" its "fi": try the first folded letter too.
        return bool(self.first.match(char) or self.first.match(char.casefold()[0]))


NO_NEEDS = Needs()


def needs(source: str, *, ignore_case: bool = False) -> Needs:
    """The conditions a line must meet for ``source`` to match all of it."""
    return _needs(source, ignore_case)


@lru_cache(maxsize=4096)
def _needs(source: str, ignore_case: bool) -> Needs:
    translated = _translate(source)
    if translated is None:
        return NO_NEEDS
    text, properties = translated
    try:
        tree = _parser.parse(text, _c.SRE_FLAG_IGNORECASE if ignore_case else 0)
    except (re.error, OverflowError, RecursionError, ValueError):
        return NO_NEEDS
    folds = ignore_case or bool(tree.state.flags & _c.SRE_FLAG_IGNORECASE) or _folds(tree)
    reader = _Reader(properties, folds)
    try:
        first = reader.first(tree)
        longest = reader.longest(tree)
        required = reader.info(tree)
    except RecursionError:  # pragma: no cover - a pathologically nested pattern
        return NO_NEEDS
    flags = regex.VERSION1 | (regex.IGNORECASE if folds else 0)
    return Needs(
        regex.compile(f"[{''.join(first)}]", flags) if first else None,
        longest,
        _atoms(required),
        _has_digit(required),
    )


def _translate(source: str) -> tuple[str, dict[str, str]] | None:
    """``source`` in the syntax Python's parser reads, or None when it cannot be."""
    if _FOREIGN.search(source) or any(ord(char) >= _STAND_IN for char in source):
        return None
    properties: dict[str, str] = {}
    out: list[str] = []
    in_set = at_set_start = False
    for token in _TOKEN.findall(source):
        if token[:2] in ("\\p", "\\P"):
            stand_in = chr(_STAND_IN + len(properties))
            properties[stand_in] = token
            out.append(stand_in)
            at_set_start = False
            continue
        if in_set:
            if token == "]" and not at_set_start:
                in_set = False
            elif token == "[" or (token in "&|-~" and out and out[-1] == token != "-"):
                # Nested sets and set operations (VERSION1) mean something else to re.
                return None
            elif token == "-" and out and out[-1] == "-":
                return None
            at_set_start = at_set_start and token == "^"
        elif token == "[":
            in_set = at_set_start = True
        out.append(token)
    return "".join(out), properties


def _folds(tree: Any) -> bool:
    """Whether any part of ``tree`` turns case-insensitive matching on."""
    for op, av in tree:
        if op is _c.SUBPATTERN:
            if av[1] & _c.SRE_FLAG_IGNORECASE or _folds(av[3]):
                return True
        elif op in (_c.ASSERT, _c.ASSERT_NOT):
            if _folds(av[1]):
                return True
        elif op is _ATOMIC or op in _REPEATS:
            if _folds(av if op is _ATOMIC else av[2]):
                return True
        elif op is _c.BRANCH and any(_folds(alt) for alt in av[1]):
            return True
    return False


@lru_cache(maxsize=1)
def _multi_fold() -> frozenset[str]:
    """Characters that case-fold to several (ß to ss): they can match longer text."""
    return frozenset(chr(cp) for cp in range(0x10000) if len(chr(cp).casefold()) > 1)


def _escape(char: str) -> str:
    # Every non-alphanumeric escaped: inside a set "-" would make a range, and
    # VERSION1 reads "[", "&&" and "--" as set operations.
    return regex.escape(char, special_only=False)


class _Unknown(Exception):
    """The analysis met something it cannot bound."""


@dataclass
class _Info:
    """What one piece of a pattern matches: exactly one of ``exact`` (case-folded),
    or text containing one of ``atoms``, and a digit when ``digit``. None for
    ``exact`` and ``atoms`` means nothing is known."""

    exact: set[str] | None = None
    atoms: frozenset[str] | None = None
    digit: bool = False


_ANYTHING = _Info()


class _Reader:
    def __init__(self, properties: dict[str, str], folds: bool) -> None:
        self.properties = properties
        self.folds = folds

    # The first character ------------------------------------------------------

    def first(self, tree: Any) -> list[str] | None:
        """Class members that can start a match, or None for any character."""
        parts: list[str] = []
        try:
            self._first(tree, parts)
        except _Unknown:
            return None
        return parts or None

    def _first(self, tree: Any, parts: list[str]) -> bool:
        """Add what can start ``tree`` to ``parts``; True when ``tree`` can match nothing."""
        for op, av in tree:
            if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
                continue
            if op is _c.LITERAL:
                self._first_char(chr(av), parts)
                return False
            if op is _c.IN:
                self._first_set(av, parts)
                return False
            if op is _c.SUBPATTERN or op is _ATOMIC:
                if not self._first(av[3] if op is _c.SUBPATTERN else av, parts):
                    return False
            elif op is _c.BRANCH:
                empty = False
                for alternative in av[1]:
                    empty |= self._first(alternative, parts)
                if not empty:
                    return False
            elif op in _REPEATS:
                low, _, body = av
                if not self._first(body, parts) and low > 0:
                    return False
            else:  # any character, a negated literal, a back-reference
                raise _Unknown
        return True

    def _first_char(self, char: str, parts: list[str]) -> None:
        if char in self.properties:
            parts.append(self.properties[char])
            return
        parts.append(_escape(char))
        if self.folds and len(char.casefold()) > 1:
            parts.append(_escape(char.casefold()[0]))

    def _first_set(self, members: Any, parts: list[str]) -> None:
        for op, av in members:
            if op is _c.LITERAL:
                self._first_char(chr(av), parts)
            elif op is _c.RANGE:
                low, high = chr(av[0]), chr(av[1])
                if low in self.properties or high in self.properties:
                    raise _Unknown
                parts.append(f"{_escape(low)}-{_escape(high)}")
                if self.folds:
                    parts.extend(
                        _escape(char.casefold()[0])
                        for char in _multi_fold()
                        if av[0] <= ord(char) <= av[1]
                    )
            elif op is _c.CATEGORY and av in _CATEGORIES:
                parts.append(_CATEGORIES[av])
            else:  # a negated set
                raise _Unknown

    # The longest line ---------------------------------------------------------

    def longest(self, tree: Any) -> int | None:
        width = self._width(tree)
        for op, av in tree:
            # A lookahead at the start that runs to the end of the line bounds it:
            # the length test rules often begin with, (?=.{1,100}$).
            if op is _c.ASSERT and av[0] == 1:
                body = list(av[1])
                if body and body[-1][0] is _c.AT and body[-1][1] in (_c.AT_END, _c.AT_END_STRING):
                    width = min(width, self._width(av[1]))
            elif op is not _c.AT:
                break
        return None if width >= _UNBOUNDED else width

    def _width(self, tree: Any) -> int:
        total = 0
        for op, av in tree:
            total += self._node_width(op, av)
            if total >= _UNBOUNDED:
                return _UNBOUNDED
        return total

    def _char_width(self, char: str) -> int:
        if char in self.properties:
            return 3 if self.folds else 1
        return len(char.casefold()) if self.folds else 1

    def _node_width(self, op: Any, av: Any) -> int:
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            return 0
        if op is _c.LITERAL:
            return self._char_width(chr(av))
        if op in (_c.NOT_LITERAL, _c.ANY):
            return 1
        if op is _c.IN:
            if not self.folds or any(o is _c.NEGATE for o, _ in av):
                return 1
            widest = 1
            for o, a in av:
                if o is _c.LITERAL:
                    widest = max(widest, self._char_width(chr(a)))
                elif o is _c.RANGE and any(a[0] <= ord(ch) <= a[1] for ch in _multi_fold()):
                    widest = 3
            return widest
        if op is _c.SUBPATTERN:
            return self._width(av[3])
        if op is _ATOMIC:
            return self._width(av)
        if op is _c.BRANCH:
            return max(self._width(alt) for alt in av[1])
        if op in _REPEATS:
            _, high, body = av
            inner = self._width(body)
            return 0 if inner == 0 else (_UNBOUNDED if high >= _UNBOUNDED else high * inner)
        return _UNBOUNDED

    # Required strings -----------------------------------------------------------

    def info(self, tree: Any) -> _Info:
        return _concat([self._node_info(op, av) for op, av in tree])

    def _literal(self, char: str) -> _Info:
        if char in self.properties or not _TURKIC.isdisjoint(char.casefold()):
            return _ANYTHING
        return _Info({char.casefold()})

    def _node_info(self, op: Any, av: Any) -> _Info:
        if op is _c.AT or op is _c.ASSERT_NOT:
            return _Info({""})
        if op is _c.ASSERT:
            # Zero-width, but what it looks at is part of the line all the same.
            body = self.info(av[1])
            return _Info(None, _atoms(body), _has_digit(body))
        if op is _c.LITERAL:
            return self._literal(chr(av))
        if op is _c.IN:
            return self._set_info(av)
        if op is _c.SUBPATTERN:
            return self.info(av[3])
        if op is _ATOMIC:
            return self.info(av)
        if op is _c.BRANCH:
            return _alternate([self.info(alt) for alt in av[1]])
        if op in _REPEATS:
            low, high, body = av
            inner = self.info(body)
            if low == 0:
                if high == 1 and inner.exact is not None and len(inner.exact) < _MAX_EXACT:
                    return _Info(inner.exact | {""})
                return _ANYTHING
            if low == high and low <= 3 and inner.exact is not None:
                return _concat([inner] * low)
            return _Info(None, _atoms(inner), _has_digit(inner))
        return _ANYTHING

    def _set_info(self, members: Any) -> _Info:
        if all(op is _c.CATEGORY and av is _c.CATEGORY_DIGIT for op, av in members):
            return _Info(digit=True)
        chars: set[str] = set()
        for op, av in members:
            if op is _c.LITERAL:
                found = self._literal(chr(av))
                if found.exact is None:
                    return _ANYTHING
                chars |= found.exact
            elif op is _c.RANGE and av[1] - av[0] < _MAX_EXACT:
                for code in range(av[0], av[1] + 1):
                    found = self._literal(chr(code))
                    if found.exact is None:
                        return _ANYTHING
                    chars |= found.exact
            else:  # a class, a wide range, a negated set
                return _ANYTHING
        return _Info(chars) if len(chars) <= _MAX_EXACT else _ANYTHING


def _has_digit(info: _Info) -> bool:
    """Whether all text matched by ``info`` holds a digit."""
    if info.digit:
        return True
    return bool(info.exact) and all(DIGIT.search(s) for s in info.exact or ())


def _atoms(info: _Info) -> frozenset[str] | None:
    """The strings one of which all text matched by ``info`` contains, or None."""
    if info.exact is not None:
        if info.exact and all(info.exact):
            return _cover(info.exact)
        return None
    return info.atoms


def _cover(strings: Iterable[str]) -> frozenset[str] | None:
    """A few pieces, one of which each of ``strings`` contains.

    Text that holds a string holds each of its pieces, so "newsletter" can stand
    for "subscribe to our newsletter" and twenty other phrases: one test instead
    of twenty. Pieces are chosen greedily, the one in most phrases first.
    """
    whole = _smallest(strings)
    pieces = {s: {p for p in _PIECE.findall(s) if len(p) >= _MIN_PIECE} | {s} for s in whole}
    left = set(whole)
    chosen = []
    while left:
        counts = Counter(p for s in left for p in pieces[s])
        best = max(counts, key=lambda p: (counts[p], len(p), p))
        chosen.append(best)
        left = {s for s in left if best not in s}
        if len(chosen) > _MAX_ATOMS:
            # Testing this many strings costs more than running the pattern.
            return None
    return _smallest(chosen)


_PIECE = re.compile(r"\w+")
_MIN_PIECE = 4
_MAX_ATOMS = 24


def _smallest(strings: Iterable[str]) -> frozenset[str]:
    """The same requirement with fewer, shorter strings: "sign up" covers "sign up now"."""
    kept: list[str] = []
    for s in sorted(set(strings), key=len):
        if not any(k in s for k in kept):
            kept.append(s)
    return frozenset(kept)


def _better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """Of two sets both required, the one likelier to rule a line out: longer strings, fewer."""
    if a is None or b is None:
        return a if b is None else b
    return a if (min(map(len, a)), -len(a)) >= (min(map(len, b)), -len(b)) else b


def _concat(parts: list[_Info]) -> _Info:
    exact: set[str] = {""}
    best: frozenset[str] | None = None
    known = True  # every part so far exact, and their product small
    for part in parts:
        if part.exact is not None:
            product = {x + y for x in exact for y in part.exact}
            if len(product) <= _MAX_EXACT:
                exact = product
                continue
            best = _better(best, _atoms(_Info(exact)))
            exact = set(part.exact)
        else:
            best = _better(_better(best, _atoms(_Info(exact))), part.atoms)
            exact = {""}
        known = False
    if known:
        return _Info(exact)
    digit = any(_has_digit(part) for part in parts)
    return _Info(None, _better(best, _atoms(_Info(exact))), digit)


def _alternate(parts: list[_Info]) -> _Info:
    if all(part.exact is not None for part in parts):
        union = set().union(*(part.exact or () for part in parts))
        if len(union) <= _MAX_EXACT:
            return _Info(union)
    digit = all(_has_digit(part) for part in parts)
    required = [_atoms(part) for part in parts]
    if any(atoms is None for atoms in required):
        return _Info(digit=digit)
    return _Info(None, _cover(s for atoms in required for s in atoms or ()), digit)
