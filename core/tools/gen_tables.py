"""Write core/src/tables.rs: Python's notions of characters, for the compiled core.

    python core/tools/gen_tables.py            # rewrite core/src/tables.rs
    python core/tools/gen_tables.py --check    # exit 1 when the committed file differs

The core must judge characters exactly as the Python it replaces did, and
Rust's ``char`` methods and regex classes disagree with Python on many code
points (another Unicode version, other definitions). So every predicate the
core needs is read here off the running Python and written out as sorted code
point ranges:

- ``DECIMAL``: ``str.isdecimal``, which is what ``re``'s ``\\d`` matches;
- ``TOKEN``: what ``re``'s ``[^\\W\\d_]`` matches (a letter or a numeric
  character that is no decimal digit: "²" and "½" are, "_" and "7" are not);
- ``ALPHA``, ``UPPER``, ``LOWERCASE``, ``DIGIT`` and ``NUMERIC``: ``str.isalpha``,
  ``str.isupper``, ``str.islower``, ``str.isdigit`` and ``str.isnumeric`` of each
  character on its own;
- ``LOWER`` and ``LOWER_MULTI``: ``str.lower`` of each character on its own;
- ``SIGMA_IGNORED`` and ``SIGMA_CASED``: the characters that ``str.lower``
  looks through, and those it counts as cased, when it decides whether a
  capital sigma ends a word ("ς") or not ("σ"); read off ``str.lower`` itself,
  since Python names neither property;
- ``CCC``, ``NFC_NO`` and ``NFC_MAYBE``: the canonical combining class and the
  NFC quick check that ``unicodedata.is_normalized`` starts from;
- ``UNASSIGNED``: code points no character of this Unicode version holds (the
  encoding gate sends them to Python, whose version may be newer).

CI's Python is 3.11 (Unicode 14.0.0); ``tests/test_core.py`` checks each table
against the running Python on every code point, and that the committed file is
what this script writes.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "tables.rs"
SURROGATES = range(0xD800, 0xE000)
CODE_POINTS = [cp for cp in range(sys.maxunicode + 1) if cp not in SURROGATES]
SIGMA = "\u03a3"
_TOKEN = re.compile(r"[^\W\d_]")


def ranges(codepoints: Iterable[int]) -> list[tuple[int, int]]:
    """Sorted, inclusive, merged ranges of ``codepoints``."""
    out: list[tuple[int, int]] = []
    for cp in sorted(codepoints):
        if out and out[-1][1] + 1 == cp:
            out[-1] = (out[-1][0], cp)
        else:
            out.append((cp, cp))
    return out


def where(predicate: Callable[[str], bool]) -> list[tuple[int, int]]:
    return ranges(cp for cp in CODE_POINTS if predicate(chr(cp)))


def sigma_properties() -> tuple[list[int], list[int]]:
    """Case-ignorable, and cased (among the rest), as ``str.lower`` treats them.

    For a character c: "c" + "Σ" is final iff c is cased and not ignorable;
    "A" + c + "Σ" iff c is ignorable or cased; "AΣ" + c iff c is ignorable or
    not cased. Whether an ignorable character is cased never matters: the
    look-behind and look-ahead stop only at one that is not ignorable.
    """
    ignored, cased = [], []
    for cp in CODE_POINTS:
        c = chr(cp)
        after = ("A" + c + SIGMA).lower()[-1] == "ς"
        before = ("A" + SIGMA + c).lower()[1] == "ς"
        if after and before:
            ignored.append(cp)
        elif (c + SIGMA).lower()[-1] == "ς":
            cased.append(cp)
    return ignored, cased


def nfc_quick_check() -> tuple[list[int], list[int]]:
    """Code points whose NFC quick check is No, and those where it is Maybe.

    No: the character never appears in NFC (it does not survive NFC alone).
    Maybe: it may compose with the character before it, as the second of a
    canonical pair that composes (or a Hangul vowel or trailing consonant).
    """
    no = [cp for cp in CODE_POINTS if unicodedata.normalize("NFC", chr(cp)) != chr(cp)]
    maybe: set[int] = set(range(0x1161, 0x1176)) | set(range(0x11A8, 0x11C3))
    for cp in CODE_POINTS:
        mapping = unicodedata.decomposition(chr(cp))
        if not mapping or mapping.startswith("<"):
            continue
        parts = [int(part, 16) for part in mapping.split()]
        if len(parts) == 2 and unicodedata.normalize("NFC", chr(cp)) == chr(cp):
            maybe.add(parts[1])
    return no, sorted(maybe)


def rust_ranges(name: str, doc: str, table: list[tuple[int, int]]) -> str:
    rows = [f"(0x{lo:x}, 0x{hi:x})," for lo, hi in table]
    return f"/// {doc}\npub static {name}: &[(u32, u32)] = &[\n{_wrap(rows)}];\n"


def _wrap(items: list[str], width: int = 96) -> str:
    lines, line = [], "   "
    for item in items:
        if len(line) + 1 + len(item) > width:
            lines.append(line)
            line = "   "
        line += " " + item
    if line.strip():
        lines.append(line)
    return "\n".join(lines) + "\n"


def _escaped(text: str) -> str:
    return "".join(f"\\u{{{ord(c):x}}}" for c in text)


def generate() -> str:
    lower, multi = [], []
    for cp in CODE_POINTS:
        low = chr(cp).lower()
        if low == chr(cp):
            continue
        if len(low) == 1:
            lower.append((cp, ord(low)))
        else:
            multi.append((cp, low))
    ignored, cased = sigma_properties()
    no, maybe = nfc_quick_check()
    ccc: list[tuple[int, int, int]] = []
    for cp in CODE_POINTS:
        value = unicodedata.combining(chr(cp))
        if not value:
            continue
        if ccc and ccc[-1][1] + 1 == cp and ccc[-1][2] == value:
            ccc[-1] = (ccc[-1][0], cp, value)
        else:
            ccc.append((cp, cp, value))
    unassigned = where(lambda c: unicodedata.category(c) == "Cn")
    python = f"{sys.version_info[0]}.{sys.version_info[1]}"
    version = unicodedata.unidata_version
    parts = [
        "//! Python's notions of characters, as code point tables.\n//!\n"
        f"//! Generated by `core/tools/gen_tables.py` from Python {python}'s\n"
        f"//! `unicodedata` (Unicode {version}); do not edit by hand.\n",
        "/// The Unicode version of these tables.\n"
        f'pub const UNICODE_VERSION: &str = "{version}";\n',
        rust_ranges(
            "DECIMAL", "`str.isdecimal`, which `re`'s `\\d` matches.", where(str.isdecimal)
        ),
        rust_ranges(
            "TOKEN",
            "What `re`'s `[^\\W\\d_]` matches: letters and numerics but decimal digits.",
            where(lambda c: _TOKEN.match(c) is not None),
        ),
        rust_ranges("ALPHA", "`str.isalpha` of one character.", where(str.isalpha)),
        rust_ranges("UPPER", "`str.isupper` of one character.", where(str.isupper)),
        rust_ranges("LOWERCASE", "`str.islower` of one character.", where(str.islower)),
        rust_ranges("DIGIT", "`str.isdigit` of one character.", where(str.isdigit)),
        rust_ranges("NUMERIC", "`str.isnumeric` of one character.", where(str.isnumeric)),
        "/// `str.lower` of a character that lowers to one other character.\n"
        "pub static LOWER: &[(u32, u32)] = &[\n"
        + _wrap([f"(0x{cp:x}, 0x{low:x})," for cp, low in lower])
        + "];\n",
        "/// `str.lower` of a character that lowers to several.\n"
        "pub static LOWER_MULTI: &[(u32, &str)] = &[\n"
        + "".join(f'    (0x{cp:x}, "{_escaped(low)}"),\n' for cp, low in multi)
        + "];\n",
        rust_ranges(
            "SIGMA_IGNORED",
            "Characters `str.lower` looks through around a capital sigma (case-ignorable).",
            ranges(ignored),
        ),
        rust_ranges(
            "SIGMA_CASED",
            "Characters `str.lower` counts as cased next to a capital sigma (of the rest).",
            ranges(cased),
        ),
        "/// Canonical combining classes other than 0: (first, last, class).\n"
        "pub static CCC: &[(u32, u32, u8)] = &[\n"
        + _wrap([f"(0x{lo:x}, 0x{hi:x}, {value})," for lo, hi, value in ccc])
        + "];\n",
        rust_ranges("NFC_NO", "NFC quick check No: never in NFC text.", ranges(no)),
        rust_ranges(
            "NFC_MAYBE", "NFC quick check Maybe: may compose with what precedes.", ranges(maybe)
        ),
        rust_ranges("UNASSIGNED", "Code points no character holds in this version.", unassigned),
    ]
    return "\n".join(parts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is stale")
    args = parser.parse_args()
    text = generate()
    if args.check:
        if OUT.read_text("utf-8") != text:
            print(f"{OUT} is not what {Path(__file__).name} writes", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
