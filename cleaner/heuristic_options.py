"""Options of the heuristics: what a rule file may set, of which type, and what it means.

The heuristics (``heuristics.py``) and the line-kind classifier they share
(``line_kinds.py``) hold no phrase and no tuned number of their own: every word
list, pattern and threshold they use is an option. Each group of options is a
frozen dataclass whose fields are declared with ``option(TYPE, DOC)``, as
yamllint gives each rule its ``CONF``; the dataclass is the one list of a
group's names, types and meanings, from which the loader validates rule files,
``schema.py`` writes the JSON Schema and the README's tables are generated.

The values, the defaults, are data: the built-in ``rules/generic/99-heuristics.yaml`` sets
every option, under each ``heuristic:`` rule (``options:``) and, for what
several heuristics share, in its top-level ``heuristics:`` block (sections
``line_kinds`` and ``article``). Any other rule file sets only what it changes;
the rest comes from the built-in file.

Patterns are run by the compiled core's engine, the Rust ``regex`` crate, where
``\\w``, ``\\d``, ``\\s`` and ``\\b`` are Unicode's (UTS #18); the heuristics not yet
in the core run them on Python's ``re``, so a pattern must be one both take:
no lookaround, backreferences, atomic groups, possessive quantifiers or
conditionals, nothing either engine refuses. The loader refuses the rest.
"""

from __future__ import annotations

import dataclasses
import json
import math
import re
import sys
from collections.abc import Mapping
from fractions import Fraction
from typing import Any, TypeVar

from . import _core

if sys.version_info >= (3, 11):
    import re._parser as _sre_parse
else:  # pragma: no cover - Python 3.10
    import sre_parse as _sre_parse

# Value types of options, as error messages and the README name them.
COUNT = "whole number"
NUMBER = "number"
SHARE = "share"  # a number from 0 to 1, compared with a measured share
PART = "part"  # a number from 0 to 1, applied exactly to counts ("7 in 10")
WORDS = "list of words"
PATTERN = "pattern"
PATTERNS = "list of patterns"
CHARACTERS = "characters"

_DESCRIBE = {
    COUNT: "a whole number (0 or more)",
    NUMBER: "a number",
    SHARE: "a number from 0 to 1",
    PART: "a number from 0 to 1",
    WORDS: "a non-empty list of strings",
    PATTERN: "a non-empty regular expression (or a list of its pieces)",
    PATTERNS: "a non-empty list of regular expressions",
    CHARACTERS: "a non-empty string of characters",
}


def option(kind: str, doc: str, *, flags: int = 0, lower: bool = False) -> Any:
    """A dataclass field that is an option: its type, its meaning, how it is matched.

    ``flags`` are the ``re`` flags a pattern is compiled with; ``lower`` says a
    list of words is compared with lower-cased text, so it must be lower-case.
    """
    return dataclasses.field(metadata={"kind": kind, "doc": doc, "flags": flags, "lower": lower})


def derived() -> Any:
    """A field worked out from the options in ``__post_init__`` (a compiled pattern)."""
    return dataclasses.field(init=False, repr=False, compare=False)


@dataclasses.dataclass(frozen=True)
class Spec:
    """One option as declared: name, type, meaning, ``re`` flags, lower-case words."""

    name: str
    kind: str
    doc: str
    flags: int
    lower: bool


def specs(cls: type) -> dict[str, Spec]:
    """The options a group declares, in declaration order."""
    return {
        f.name: Spec(
            f.name, f.metadata["kind"], f.metadata["doc"], f.metadata["flags"], f.metadata["lower"]
        )
        for f in dataclasses.fields(cls)
        if "kind" in f.metadata
    }


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def unsupported(source: str, flags: int = 0) -> str | None:
    """What in a valid pattern the compiled core's engine lacks, None if nothing."""
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, _sre_parse.SubPattern):
            for op, av in node.data:
                name = str(op)
                if name in ("ASSERT", "ASSERT_NOT"):
                    found.append("lookaround")
                elif name in ("GROUPREF", "GROUPREF_EXISTS"):
                    found.append("a backreference" if name == "GROUPREF" else "a conditional")
                elif name in ("ATOMIC_GROUP", "POSSESSIVE_REPEAT"):
                    found.append("an atomic group or a possessive quantifier")
                walk(av)
        elif isinstance(node, list | tuple):
            for item in node:
                walk(item)

    walk(_sre_parse.parse(source, flags))
    return found[0] if found else None


class OptionError(ValueError):
    """A value that an option cannot take; ``pos`` is a character of a pattern, if known."""

    def __init__(self, message: str, pos: int | None = None, item: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.pos = pos
        self.item = item  # the index of the list item at fault


def check_pattern(source: str, flags: int) -> None:
    """Raise ``OptionError`` for a pattern that does not compile or the core cannot run."""
    try:
        re.compile(source, flags)
    except re.error as exc:
        raise OptionError(f"is not a valid regular expression: {exc.msg}", exc.pos) from None
    except (RecursionError, OverflowError, ValueError) as exc:
        raise OptionError(f"is not a valid regular expression: {exc}") from None
    try:
        # The heuristics join patterns as alternatives and set them in larger ones.
        re.compile(f"(?:{source})", flags)
    except re.error as exc:
        raise OptionError(
            f"cannot stand inside a group, as the heuristics use it: {exc.msg} (global flags "
            "such as (?i) cannot)"
        ) from None
    what = unsupported(source, flags)
    if what is not None:
        raise OptionError(
            f"uses {what}, which the compiled core's regex engine lacks (write an exception "
            "as a list of its own)"
        )
    refused = _core.option_pattern_error(source)
    if refused is not None:
        raise OptionError(f"is not read by the compiled core's regex engine: {refused}")


def check(spec: Spec, value: object) -> None:
    """Raise ``OptionError`` unless ``value`` is one ``spec`` takes (as loaded from YAML)."""
    kind = spec.kind
    expected = f"must be {_DESCRIBE[kind]}"
    if kind == COUNT:
        if not (isinstance(value, int) and not isinstance(value, bool) and value >= 0):
            raise OptionError(f"{expected}, got {_shown(value)}")
    elif kind == NUMBER:
        if not _number(value):
            raise OptionError(f"{expected}, got {_shown(value)}")
    elif kind in (SHARE, PART):
        if not (_number(value) and 0 <= value <= 1):  # type: ignore[operator]
            raise OptionError(f"{expected}, got {_shown(value)}")
    elif kind in (WORDS, PATTERNS):
        if not isinstance(value, list) or not value:
            raise OptionError(f"{expected}, got {_shown(value)}")
        for index, item in enumerate(value):
            if not isinstance(item, str) or not item:
                raise OptionError(f"{expected}, got {_shown(item)} in it", item=index)
            if kind == WORDS and spec.lower and item != item.lower():
                raise OptionError(
                    f"must be lower-case, as the lines it is compared with are: {item!r}",
                    item=index,
                )
            if kind == PATTERNS:
                try:
                    check_pattern(item, spec.flags)
                except OptionError as exc:
                    exc.item = index
                    raise
    elif kind in (PATTERN, CHARACTERS):
        value = pieces_joined(value) if kind == PATTERN else value
        if not isinstance(value, str) or not value:
            raise OptionError(f"{expected}, got {_shown(value)}")
        if kind == PATTERN:
            check_pattern(value, spec.flags)


def pieces_joined(value: object) -> object:
    """A pattern written as a list of pieces, as rule patterns may be, joined; else ``value``."""
    if isinstance(value, list) and value and all(isinstance(piece, str) for piece in value):
        return "".join(value)
    return value


def _shown(value: object) -> str:
    if isinstance(value, bool) or value is None:
        return {True: "true", False: "false", None: "nothing"}[value]
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def convert(spec: Spec, value: Any) -> Any:
    """A checked value as the heuristics use it."""
    kind = spec.kind
    if kind == SHARE:
        return float(value)
    if kind == PART:
        # Exact: 0.7 is seven in ten, as "capitals * 10 >= words * 7" was.
        return Fraction(str(value))
    if kind in (WORDS, PATTERNS):
        return tuple(value)
    if kind == PATTERN:
        return re.compile(pieces_joined(value), spec.flags)
    if kind == CHARACTERS:
        return frozenset(value)
    return value


T = TypeVar("T")
_INTERNED: dict[tuple[str, str], Any] = {}


def build(cls: type[T], values: Mapping[str, Any]) -> T:
    """The group ``cls`` with these checked values, one object per distinct set of values.

    Lines are judged once per group of options (``line_kinds.py`` keeps what it found
    per object), so equal groups built from two rule files are the same object.
    """
    key = (f"{cls.__module__}.{cls.__qualname__}", json.dumps(values, sort_keys=True))
    found = _INTERNED.get(key)
    if found is None:
        fields = specs(cls)
        found = _INTERNED[key] = cls(
            **{name: convert(spec, values[name]) for name, spec in fields.items()}
        )
    return found


def alternatives(items: tuple[str, ...], escape: bool = True) -> str:
    """``(?:a|b|c)`` of a list of words (escaped) or patterns."""
    return "(?:" + "|".join(re.escape(item) if escape else item for item in items) + ")"
