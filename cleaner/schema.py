"""The JSON Schema of rule files, derived from the registry of rule kinds.

The schema is committed as ``rules/rules.schema.json`` so that editors complete
and check keys (every built-in file starts with a ``yaml-language-server`` line
pointing at it), and the loader validates every file against it. It is generated
from ``KINDS`` so the kinds stay the one source of truth. ``python -m
cleaner.schema`` prints it (``-o PATH`` writes it, for maintainers:
``-o rules/rules.schema.json``) and ``--check`` exits 1 when the packaged file is
out of date; it never rewrites the packaged file by itself.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

from . import heuristic_options as ho
from .heuristics import HEURISTIC_OPTIONS, HEURISTICS, SECTIONS
from .rules import (
    BOOL,
    COMMON_OPTIONS,
    HEURISTIC,
    ID_PATTERN,
    INTEGER,
    KINDS,
    OPTIONS_MAP,
    PHRASES,
    REGEX,
    REGEXES,
    SCHEMA_FILE,
    STRING,
    STRINGS,
)

# A language code: "en", "pt-br", "zh-hant".
LANGUAGE_PATTERN = "^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$"
_PHRASE_LIST = {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1}

_PIECES = {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1}
_ONE_REGEX = {"anyOf": [{"type": "string", "minLength": 1}, _PIECES]}

_TYPES: dict[str, dict[str, Any]] = {
    STRING: {"type": "string"},
    REGEX: _ONE_REGEX,
    REGEXES: {
        "anyOf": [
            {"type": "string", "minLength": 1},
            {"type": "array", "items": _ONE_REGEX, "minItems": 1},
        ]
    },
    BOOL: {"type": "boolean"},
    INTEGER: {"type": "integer", "minimum": 1},
    PHRASES: {
        "anyOf": [
            _PHRASE_LIST,
            {
                "type": "object",
                "minProperties": 1,
                "propertyNames": {"pattern": LANGUAGE_PATTERN},
                "additionalProperties": _PHRASE_LIST,
            },
        ]
    },
    HEURISTIC: {"enum": sorted(HEURISTICS)},
    OPTIONS_MAP: {"type": "object"},
    STRINGS: {
        "anyOf": [
            {"type": "string", "minLength": 1},
            {"type": "array", "items": {"type": "string"}, "minItems": 1},
        ]
    },
}

_DESCRIPTIONS = {
    "id": "The rule's name, unique in its file: lowercase letters, digits, '.', '_', '-'.",
    "note": "Why the rule exists.",
    "ignore_case": "Match without regard to case.",
    "inline": "What the rule removes stands inside articles (an ad label, a caption).",
    "lines": "Exact lines to remove (compared after stripping).",
    "pattern": (
        "A regular expression that must match a whole (stripped) line; a list is one "
        "expression in pieces, joined with nothing between."
    ),
    "phrases": (
        "Phrases to remove, a list or lists by language code: a line goes when it equals one "
        "once both are normalised (case-folded, whitespace collapsed, decoration such as "
        "dashes, bullets and colons stripped at either end)."
    ),
    "also": (
        "Regular expressions the whole line must match as well (a string, or a list of them, "
        "each a string or a list of pieces)."
    ),
    "unless": "Regular expressions: a line that any of them matches whole is not the rule's.",
    "max_length": "The longest line, in characters, the rule's pattern or phrases may match.",
    "from": "A regular expression for the first line of a block to remove.",
    "to": "A regular expression for the last line of the block; without it, to the end.",
    "paragraph": "A regular expression matched against a whole paragraph (lines joined by \\n).",
    "prev": "The nearest non-blank line before must match this, and be removed too.",
    "next": "The nearest non-blank line after must match this, and be removed too.",
    "heuristic": "A named decision that weighs the lines around each line.",
    "options": "The heuristic's own options; those left out take the built-in values.",
}

# The values of heuristic options (``heuristic_options``).
_STRING_LIST = {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1}
_OPTION_VALUES: dict[str, dict[str, Any]] = {
    ho.COUNT: {"type": "integer", "minimum": 0},
    ho.NUMBER: {"type": "number"},
    ho.SHARE: {"type": "number", "minimum": 0, "maximum": 1},
    ho.PART: {"type": "number", "minimum": 0, "maximum": 1},
    ho.WORDS: _STRING_LIST,
    ho.PATTERN: {
        "oneOf": [
            {"type": "string", "minLength": 1},
            {"type": "array", "items": {"type": "string"}, "minItems": 1},
        ]
    },
    ho.PATTERNS: _STRING_LIST,
    ho.CHARACTERS: {"type": "string", "minLength": 1},
}


def options_schema(cls: type | None) -> dict[str, Any]:
    """A group of heuristic options: its names, each value's type and meaning."""
    group = ho.specs(cls) if cls is not None else {}
    return {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            name: {**_OPTION_VALUES[spec.kind], "description": spec.doc}
            for name, spec in group.items()
        },
    }


def _heuristic_options() -> list[dict[str, Any]]:
    """Each heuristic's ``options:``, by the rule's ``heuristic``."""
    return [
        {
            "if": {"required": ["heuristic"], "properties": {"heuristic": {"const": name}}},
            "then": {"properties": {"options": options_schema(cls)}},
        }
        for name, cls in sorted(HEURISTIC_OPTIONS.items())
    ]


def option_schema(name: str, kind: str) -> dict[str, Any]:
    schema = dict(_TYPES[kind])
    if name == "id":
        schema["pattern"] = ID_PATTERN
    if name in _DESCRIPTIONS:
        schema["description"] = _DESCRIPTIONS[name]
    return schema


def _selects(key: str) -> dict[str, Any]:
    """When a rule is of kind ``key``: it has the key, and no kind that takes it as an option.

    ``phrases`` is a kind, and an option of ``pattern`` rules (``rules.kinds_in``).
    """
    hosts = [other for other, kind in KINDS.items() if other != key and key in kind.options]
    if not hosts:
        return {"required": [key]}
    return {"required": [key], "not": {"anyOf": [{"required": [host]} for host in hosts]}}


def build_schema() -> dict[str, Any]:
    options: dict[str, str] = dict(COMMON_OPTIONS)
    for kind in KINDS.values():
        options.update(kind.options)
    selects = {key: _selects(key) for key in KINDS}
    per_kind = [
        {
            "if": selects[kind.kind],
            "then": {"propertyNames": {"enum": sorted({*COMMON_OPTIONS, *kind.options})}},
        }
        for kind in KINDS.values()
    ]
    rule = {
        "type": "object",
        "required": ["id"],
        "properties": {name: option_schema(name, kind) for name, kind in options.items()},
        "additionalProperties": False,
        "oneOf": list(selects.values()),
        "allOf": per_kind + _heuristic_options(),
    }
    strings = _TYPES[STRINGS]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://boilerclean.invalid/rules.schema.json",
        "title": "boilerclean rule file",
        "description": "Rules that remove a source's page furniture from scraped text.",
        "type": "object",
        "required": ["source"],
        "additionalProperties": False,
        "properties": {
            "source": {
                "type": "string",
                "pattern": ID_PATTERN,
                "description": "The source's name, usually its domain ('generic' for all).",
            },
            "description": {"type": "string"},
            "extends": {
                "type": "string",
                "minLength": 1,
                "description": "Build on another source's rules (a source name or a .yaml path).",
            },
            "match": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "domains": {**strings, "description": "URL hosts, subdomains included."},
                    "markers": {
                        **strings,
                        "description": "Literal strings that only this source's pages print.",
                    },
                },
            },
            "skip_generic": {
                **strings,
                "description": (
                    "Generic rules (by id), or the steps repeated-line and site-repeat, "
                    "that must not run on this source's pages."
                ),
            },
            "remove": {"type": "array", "items": {"$ref": "#/$defs/rule"}},
            "heuristics": {
                "type": "object",
                "additionalProperties": False,
                "description": (
                    "Options the heuristic rules of this file share, by section; those left "
                    "out take the built-in values."
                ),
                "properties": {name: options_schema(cls) for name, cls in SECTIONS.items()},
            },
            "tests": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["input", "output"],
                    "additionalProperties": False,
                    "properties": {
                        "name": {"type": "string"},
                        "input": {"type": "string"},
                        "output": {"type": "string"},
                    },
                },
            },
        },
        "$defs": {"rule": rule},
    }


def _shown_value(spec: ho.Spec, value: Any) -> str:
    """A built-in value for a table cell: in full when short, else what it is."""

    def code(text: str) -> str:
        return "`" + text.replace("|", "\\|") + "`"

    if spec.kind == ho.PATTERNS:
        return f"{len(value)} patterns, see the file"
    if spec.kind == ho.WORDS:
        shown = ", ".join(code(item) for item in value[:4])
        return shown if len(value) <= 4 else f"{len(value)}: {shown}, …"
    if spec.kind == ho.PATTERN:
        value = ho.pieces_joined(value)
    if spec.kind in (ho.PATTERN, ho.CHARACTERS):
        return code(value) if len(value) <= 40 else "a pattern, see the file"
    return str(value)


_TYPE_NAMES = {
    ho.COUNT: "whole number",
    ho.NUMBER: "number",
    ho.SHARE: "0 to 1",
    ho.PART: "0 to 1",
    ho.WORDS: "words",
    ho.PATTERN: "pattern",
    ho.PATTERNS: "patterns",
    ho.CHARACTERS: "characters",
}


def heuristics_reference() -> str:
    """The README's tables of heuristic options, with their built-in values.

    The values are those of ``rules/generic/99-heuristics.yaml``.
    """
    from .loader import builtin_heuristic_values

    sections, own = builtin_heuristic_values()
    groups = [
        (
            f"`heuristics:` `{name}:` (comment-section, nav-run, outside-article)",
            cls,
            sections[name],
        )
        for name, cls in SECTIONS.items()
    ]
    groups += [
        (f"`heuristic: {name}` `options:`", cls, own[name])
        for name, cls in sorted(HEURISTIC_OPTIONS.items())
        if cls is not None
    ]
    out = []
    for title, cls, values in groups:
        out += [
            f"**{title}**",
            "",
            "| option | type | built in | what it is |",
            "|---|---|---|---|",
        ]
        for name, spec in ho.specs(cls).items():
            shown = _shown_value(spec, values[name])
            out.append(f"| `{name}` | {_TYPE_NAMES[spec.kind]} | {shown} | {spec.doc} |")
        out.append("")
    return "\n".join(out)


def schema_text() -> str:
    return json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n"


def main(argv: Sequence[str], *, stdout: IO[str], stderr: IO[str]) -> int:
    """``python -m cleaner.schema``: print the schema, write it, or check the packaged one."""
    from .loader import builtin_rules_dir

    parser = argparse.ArgumentParser(
        prog="python -m cleaner.schema",
        description="Print the JSON Schema of rule files (generated from the rule kinds).",
    )
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "-o", "--output", metavar="PATH", help="write the schema to PATH instead of stdout"
    )
    group.add_argument(
        "--reference",
        action="store_true",
        help="print the README's tables of heuristic options instead",
    )
    group.add_argument(
        "--check",
        action="store_true",
        help=f"exit 1 if the packaged {SCHEMA_FILE} differs from the generated schema",
    )
    try:
        args = parser.parse_args(list(argv))
    except SystemExit as exit_:
        return 2 if exit_.code else 0
    if args.reference:
        stdout.write(heuristics_reference())
        return 0
    text = schema_text()
    if args.check:
        packaged = builtin_rules_dir() / SCHEMA_FILE
        try:
            current = packaged.read_text(encoding="utf-8")
        except OSError as exc:
            print(f"{packaged}: cannot read: {exc.strerror or exc}", file=stderr)
            return 1
        if current != text:
            print(
                f"{packaged}: out of date; run: python -m cleaner.schema -o rules/{SCHEMA_FILE}",
                file=stderr,
            )
            return 1
        print(f"{packaged}: up to date", file=stderr)
        return 0
    if args.output is None:
        stdout.write(text)
        return 0
    try:
        Path(args.output).write_text(text, encoding="utf-8")
    except OSError as exc:
        print(f"{args.output}: cannot write: {exc.strerror or exc}", file=stderr)
        return 2
    print(f"wrote {args.output}", file=stderr)
    return 0


if __name__ == "__main__":  # pragma: no cover - the module's command line
    sys.exit(main(sys.argv[1:], stdout=sys.stdout, stderr=sys.stderr))
