"""Write core/src/unsure_table.rs: where the two regular-expression engines part.

    python core/tools/gen_unsure.py          # with the core built (pip install -e .)

Patterns run on the ``regex`` crate only where it gives them the meaning that
Python's ``regex`` module does. Character by character that holds nearly
everywhere; this finds where it does not, on every code point:

- ``CASE``: characters whose case-insensitive matches differ (the module's
  ``get_all_cases`` against the crate's simple case folding; ``regex`` pairs
  "I" with the dotless "ı", the crate does not), characters with a full case
  folding of several ("ß" matches "ss" in the module), and characters that a
  case-insensitive class holds in one engine only. Of a differing pair, the
  non-ASCII member is listed (for "I" and "ı", "ı"): a line holding it is
  Python's to match for patterns that fold case, and such a pattern that names
  it is on the slow path.
- ``FOLD_ALIKE``: the classes whose case-insensitive matches agree too, but for
  a few characters, which go into ``CASE`` (not ``\\p{Lu}``: to Python's module
  it then holds every cased letter); syntax.rs keeps the others on the slow
  path under IGNORECASE.
- ``CLASS``: characters that ``\\w``, ``\\d``, ``\\s``, ``.`` or a general category
  holds in one engine only (their Unicode versions differ); a line holding one
  is Python's to match for every pattern.
- ``FOLDS``: the characters of ``CASE`` that the module matches case-insensitively
  only with characters of the same ``str.casefold`` (among those a pattern on the
  linear engine can name: not ``CASE`` or ``CLASS`` ones), and fully folds as
  ``str.casefold`` does ("ß" and "ss", Greek iota). On a line whose ``CASE``
  characters are all such, a pattern's required strings (``literals.rs``, folded)
  are required in Python's module too: where the line's fold lacks them, neither
  engine matches, and Python need not be asked.

tests/test_matcher.py runs ``compute()`` and compares it with the table, so an
upgrade of either engine that moves a character shows there.
"""

from __future__ import annotations

import sys
from pathlib import Path

import regex

from cleaner import _core

OUT = Path(__file__).resolve().parent.parent / "src" / "unsure_table.rs"
FLAGS = regex.VERSION1
# The general categories that syntax.rs lets through, by their short names.
CATEGORIES = [
    "L",
    "Lu",
    "Ll",
    "Lt",
    "Lm",
    "Lo",
    "M",
    "Mn",
    "Mc",
    "Me",
    "N",
    "Nd",
    "Nl",
    "No",
    "P",
    "Pc",
    "Pd",
    "Ps",
    "Pe",
    "Pi",
    "Pf",
    "Po",
    "S",
    "Sm",
    "Sc",
    "Sk",
    "So",
    "Z",
    "Zs",
    "Zl",
    "Zp",
    "Cc",
    "Cf",
    "Co",
]
CLASSES = [r"\w", r"\d", r"\s", r"\W", r"\D", r"\S", ".", *(rf"\p{{{c}}}" for c in CATEGORIES)]
CODE_POINTS = [cp for cp in range(sys.maxunicode + 1) if not 0xD800 <= cp <= 0xDFFF]
EVERY = "".join(map(chr, CODE_POINTS))
# A class whose case-insensitive matches differ in more characters than this
# stays on the slow path under IGNORECASE; fewer are listed in CASE.
FEW = 16


def _rust(pattern: str) -> set[int]:
    found: set[int] = set()
    for low, high in _core._class_ranges(pattern):
        found.update(range(low, high + 1))
    found -= set(range(0xD800, 0xE000))
    return found


def _python(pattern: str, flags: int, odd: set[int]) -> set[int]:
    found = set()
    for match in regex.finditer(pattern, EVERY, flags=FLAGS | flags):
        if len(match.group()) == 1:
            found.add(ord(match.group()))
        else:  # several characters as one (full case folding)
            odd.update(map(ord, match.group()))
    return found


def _cover(pairs: set[tuple[int, int]]) -> set[int]:
    """Of each differing pair, the members that are not ASCII (both when neither is)."""
    cover = set()
    for a, b in pairs:
        if a >= 0x80:
            cover.add(a)
        if b >= 0x80:
            cover.add(b)
        if a < 0x80 and b < 0x80:
            raise SystemExit(f"the engines differ on two ASCII characters: {a:#x}, {b:#x}")
    return cover


def compute() -> tuple[set[int], set[int], list[str], set[int]]:
    """CASE and CLASS as sets of code points, the classes that fold case alike, and FOLDS."""
    get_all_cases = regex._regex.get_all_cases  # type: ignore[attr-defined]
    fold_case = regex._regex.fold_case  # type: ignore[attr-defined]
    case_flags = regex.IGNORECASE | regex.UNICODE | regex.VERSION1
    full = case_flags | regex.FULLCASE
    orbits = {cp: set(others) for cp, others in _core._case_orbits()}
    pairs: set[tuple[int, int]] = set()
    case: set[int] = set()
    for cp in CODE_POINTS:
        char = chr(cp)
        if len(fold_case(full, char)) > 1:
            case.add(cp)
        python = set(get_all_cases(case_flags, cp)) - {cp}
        pairs.update((cp, other) for other in python ^ orbits.get(cp, set()))
    odd: set[int] = set()
    classes: set[int] = set()
    folding: list[str] = []
    for pattern in CLASSES:
        plain = _python(pattern, 0, odd) ^ _rust(pattern)
        classes |= plain
        differ = (_python(pattern, regex.IGNORECASE, odd) ^ _rust(f"(?i){pattern}")) - plain
        if len(differ) <= FEW:
            # A few characters apart (the crate's (?i)\p{L} holds U+0345, which
            # folds to iota): lines holding them are Python's.
            case |= differ
            folding.append(pattern)
    case |= _cover(pairs) | odd
    case -= classes
    return case, classes, folding, _folds(case, classes)


def _folds(case: set[int], classes: set[int]) -> set[int]:
    """The members of ``case`` whose matches in the module all share their casefold."""
    get_all_cases = regex._regex.get_all_cases  # type: ignore[attr-defined]
    fold_case = regex._regex.fold_case  # type: ignore[attr-defined]
    case_flags = regex.IGNORECASE | regex.UNICODE | regex.VERSION1
    full = case_flags | regex.FULLCASE
    partners: dict[int, set[int]] = {}
    for cp in CODE_POINTS:
        for other in get_all_cases(case_flags, cp):
            partners.setdefault(cp, set()).add(other)
            partners.setdefault(other, set()).add(cp)
    unnamed = case | classes
    found = set()
    for cp in case:
        fold = chr(cp).casefold()
        nameable = {p for p in partners.get(cp, set()) if p < 0x80 or p not in unnamed}
        if fold_case(full, chr(cp)) == fold and all(chr(p).casefold() == fold for p in nameable):
            found.add(cp)
    return found


def _ranges(points: set[int]) -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    for cp in sorted(points):
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1] = (ranges[-1][0], cp)
        else:
            ranges.append((cp, cp))
    return ranges


def render(case: set[int], classes: set[int], folding: list[str], folds: set[int]) -> str:
    def table(name: str, doc: str, points: set[int]) -> str:
        rows = "".join(f"    ('\\u{{{a:x}}}', '\\u{{{b:x}}}'),\n" for a, b in _ranges(points))
        count = len(_ranges(points))
        return (
            f"/// {doc}\n#[rustfmt::skip]\npub static {name}: [(char, char); {count}] = [\n"
            f"{rows}];\n"
        )

    return (
        "// Generated by core/tools/gen_unsure.py; do not edit.\n"
        f"// Python's regex module {regex.__version__}; the core's regex crate as built.\n\n"
        + table(
            "CASE",
            "Code points that case-insensitive matching treats otherwise in the two engines.",
            case,
        )
        + "\n"
        + table(
            "CLASS",
            "Code points that a class (\\w, \\d, \\s, a general category) holds in one engine"
            " only.",
            classes,
        )
        + "\n"
        + table(
            "FOLDS",
            "Code points of CASE whose case-insensitive matches in Python's module all share"
            " their casefold.",
            folds,
        )
        + "\n/// Classes that match alike in both engines case-insensitively too, as written.\n"
        + "#[rustfmt::skip]\n"
        + f"pub static FOLD_ALIKE: [&str; {len(folding)}] = [\n"
        + "".join(f'    "{name.replace(chr(92), chr(92) * 2)}",\n' for name in folding)
        + "];\n"
    )


def main() -> None:
    case, classes, folding, folds = compute()
    OUT.write_text(render(case, classes, folding, folds), encoding="utf-8")
    print(f"{OUT}: CASE {len(case)} code points ({len(folds)} fold alike), CLASS {len(classes)}")


if __name__ == "__main__":
    main()
