"""The normalised form of a line, the one thing a ``phrases:`` rule compares.

A line matches a phrase when ``normalise(line) == normalise(phrase)``. This
module is the specification; the compiled core implements it
(``core/src/phrases.rs``, which the matcher uses on every line), and
``tests/test_phrases.py`` holds the core to it.

``normalise(text)``:

1. **Case-fold**: Unicode full case folding, as ``str.casefold`` (the
   ``CaseFolding.txt`` mappings of status C and F: "Straße" -> "strasse",
   "ΣΑΣ" -> "σασ").
2. **Collapse whitespace**: every maximal run of whitespace becomes one space
   (U+0020). Whitespace is Unicode's ``White_Space`` property, the 25 code
   points of ``WHITESPACE`` (Rust's ``char::is_whitespace``; not Python's
   ``str.isspace``, which adds U+001C..U+001F).
3. **Strip decoration**: code points of ``DECORATION`` (whitespace, dashes,
   bullets, arrows, bars, an asterisk, a colon) are removed from both ends, any
   number of them. Decoration inside the text stays.

The three steps commute: case folding maps no code point to or from
whitespace or decoration, so the order above is only the order of reading.
A phrase that normalises to nothing is refused by the loader.
"""

from __future__ import annotations

from . import _core, bridge

# Unicode's White_Space property (PropList.txt), every code point of it.
WHITESPACE = frozenset(
    "\t\n\x0b\x0c\r \x85\xa0\u1680"
    "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)

# What pages print around a label and the old patterns allowed there
# ("— Advertisement —", "• Video", "Share:", "» Related", "| Print |"):
# hyphen-minus, figure dash, en dash, em dash, horizontal bar, bullet, middle
# dot, small black square, black right-pointing pointer and triangle, single
# and double angle quotation marks, vertical bar, asterisk, colon. Sentence
# punctuation (. ! ? …) is not decoration: "Posted!" and "Loading..." are
# phrases as printed, and a full stop marks prose.
DECORATION = WHITESPACE | frozenset(
    "-\u2012\u2013\u2014\u2015\u2022\u00b7\u25aa\u25ba\u25b6\u203a\u2039\u00bb\u00ab|*:"
)


def normalise(text: str) -> str:
    """``text`` as phrases are compared (see the module doc, the specification)."""
    try:
        return _core.normalise(text)
    except UnicodeEncodeError:
        # Lone surrogates cross as stand-ins, which are neither whitespace nor
        # decoration and fold to themselves.
        hidden, start = bridge.hide(text)
        return bridge.show(_core.normalise(hidden), start)


def within(text: str, longest: int) -> bool:
    """False only when ``normalise(text)`` is certainly longer than ``longest``.

    Normalising leaves every code point that is neither whitespace nor
    decoration at either end, and case folding never shortens one; a line with
    more of them than the longest phrase is not folded (a 200 MB line would
    be, as a copy of 800 MB).
    """
    try:
        return _core.within(text, longest)
    except UnicodeEncodeError:
        return _core.within(bridge.hide(text)[0], longest)
