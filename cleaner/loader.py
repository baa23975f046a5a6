"""Reading rule files: YAML with positions, validated up front.

Everything wrong with a file is reported as a ``RuleError`` that names the file,
line and column (1-based) of the fault, before any text is cleaned: a rule file is
either fully usable or refused.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

import regex
import yaml

from .errors import RuleError
from .patterns import Pattern
from .rules import BOOL, COMMON_OPTIONS, KINDS, REGEX, STRING, STRINGS, Rule
from .ruleset import GENERIC, InlineTest, Match, RuleSet

_ID = regex.compile(r"[a-z0-9][a-z0-9._-]*")
_SOURCE = regex.compile(r"[a-z0-9][a-z0-9._-]*")
_TOP_KEYS = {"source": STRING, "description": STRING, "match": None, "remove": None, "tests": None}


class _Place(NamedTuple):
    """A 0-based position in the file, like ``yaml.Mark``."""

    line: int
    column: int


class _Fault(Exception):
    def __init__(
        self, mark: yaml.Mark | _Place | None, message: str, rule_id: str | None = None
    ) -> None:
        super().__init__(message)
        self.mark = mark
        self.message = message
        self.rule_id = rule_id


class _Map(dict[str, Any]):
    """A mapping that remembers where each key and value stood."""

    mark: yaml.Mark
    key_marks: dict[Any, yaml.Mark]
    nodes: dict[Any, yaml.Node]


class _Seq(list[Any]):
    mark: yaml.Mark
    nodes: list[yaml.Node]


class _Loader(yaml.SafeLoader):
    pass


def _construct_map(loader: _Loader, node: yaml.MappingNode) -> _Map:
    loader.flatten_mapping(node)
    result = _Map()
    result.mark, result.key_marks, result.nodes = node.start_mark, {}, {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            raise _Fault(key_node.start_mark, f"keys must be names, not {_type(key)}")
        if key in result:
            raise _Fault(key_node.start_mark, f"duplicate key {key!r}")
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_marks[key] = key_node.start_mark
        result.nodes[key] = value_node
    return result


def _construct_seq(loader: _Loader, node: yaml.SequenceNode) -> _Seq:
    result = _Seq(loader.construct_object(child, deep=True) for child in node.value)
    result.mark, result.nodes = node.start_mark, list(node.value)
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_map)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_seq)


def _type(value: object) -> str:
    names = {str: "a string", bool: "a boolean", int: "a number", float: "a number"}
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return names.get(type(value), type(value).__name__)


def _suggest(key: str, allowed: Iterator[str] | list[str]) -> str:
    close = difflib.get_close_matches(key, list(allowed), n=1)
    return f"; did you mean {close[0]!r}?" if close else ""


def _scalar_text(value: object, node: yaml.Node) -> str:
    """A list item as the line it stands for: ``- No`` means the line "No", not False."""
    if isinstance(value, str):
        return value
    if isinstance(node, yaml.ScalarNode) and value is not None:
        return str(node.value)
    raise _Fault(node.start_mark, f"expected a string, got {_type(value)}")


def _regex(source: str, node: yaml.Node, ignore_case: bool) -> Pattern:
    try:
        return Pattern.compile(source, ignore_case=ignore_case)
    except (regex.error, ValueError, OverflowError) as exc:
        mark: yaml.Mark | _Place = node.start_mark
        pos = getattr(exc, "pos", None)
        style = getattr(node, "style", None)
        # Point inside a one-line scalar at the character the regex engine blamed.
        if pos is not None and mark.line == node.end_mark.line and style in (None, "'", '"'):
            mark = _Place(mark.line, mark.column + pos + (1 if style else 0))
        message = getattr(exc, "msg", str(exc))
        raise _Fault(mark, f"invalid regular expression: {message}") from None


def _option(mapping: _Map, key: str, kind: str | None, ignore_case: bool) -> Any:
    value, node = mapping[key], mapping.nodes[key]
    if kind == STRING:
        if not isinstance(value, str):
            raise _Fault(node.start_mark, f"{key!r} must be a string, got {_type(value)}")
        return value
    if kind == BOOL:
        if not isinstance(value, bool):
            raise _Fault(node.start_mark, f"{key!r} must be true or false, got {_type(value)}")
        return value
    if kind == REGEX:
        if not isinstance(value, str) or not value:
            raise _Fault(node.start_mark, f"{key!r} must be a non-empty regular expression")
        return _regex(value, node, ignore_case)
    if kind == STRINGS:
        if isinstance(value, str):
            return [value]
        if not isinstance(value, _Seq) or not value:
            raise _Fault(node.start_mark, f"{key!r} must be a non-empty list of strings")
        return [
            _scalar_text(item, item_node)
            for item, item_node in zip(value, value.nodes, strict=True)
        ]
    raise AssertionError(kind)


def _rule(item: object, node: yaml.Node) -> Rule:
    if not isinstance(item, _Map):
        raise _Fault(node.start_mark, f"a rule must be a mapping, got {_type(item)}")
    rule_id = item.get("id") if isinstance(item.get("id"), str) else None
    try:
        if "id" not in item:
            raise _Fault(item.mark, "rule has no 'id'")
        if not isinstance(item["id"], str) or not _ID.fullmatch(item["id"]):
            raise _Fault(
                item.nodes["id"].start_mark,
                "'id' must be lowercase letters, digits, '.', '_' or '-'",
            )
        kinds = [key for key in item if key in KINDS]
        if len(kinds) != 1:
            found = f"found {', '.join(map(repr, kinds))}" if kinds else "found none"
            raise _Fault(item.mark, f"rule needs exactly one of {', '.join(KINDS)} ({found})")
        kind = KINDS[kinds[0]]
        allowed = {**COMMON_OPTIONS, **kind.options}
        for key in item:
            if key not in allowed:
                where = f"a {kind.key!r} rule"
                raise _Fault(
                    item.key_marks[key],
                    f"unknown key {key!r} in {where}{_suggest(key, list(allowed))}",
                )
        ignore_case = "ignore_case" in item and _option(item, "ignore_case", BOOL, False)
        values = {key: _option(item, key, allowed[key], ignore_case) for key in item}
        return kind.build(**values)
    except _Fault as fault:
        fault.rule_id = fault.rule_id or rule_id
        raise


def _match(value: object, node: yaml.Node) -> Match:
    if not isinstance(value, _Map):
        raise _Fault(node.start_mark, f"'match' must be a mapping, got {_type(value)}")
    for key in value:
        if key not in ("domains", "markers"):
            raise _Fault(
                value.key_marks[key],
                f"unknown key {key!r} in 'match'{_suggest(key, ['domains', 'markers'])}",
            )
    domains = []
    if "domains" in value:
        domains = [d.strip().lower().strip(".") for d in _option(value, "domains", STRINGS, False)]
    markers = _option(value, "markers", STRINGS, False) if "markers" in value else []
    if any(not marker.strip() for marker in markers):
        raise _Fault(value.nodes["markers"].start_mark, "a marker must not be blank")
    return Match(tuple(domains), tuple(markers))


def _tests(value: object, node: yaml.Node) -> tuple[InlineTest, ...]:
    if not isinstance(value, _Seq):
        raise _Fault(node.start_mark, f"'tests' must be a list, got {_type(value)}")
    tests = []
    for item, item_node in zip(value, value.nodes, strict=True):
        if not isinstance(item, _Map):
            raise _Fault(item_node.start_mark, f"a test must be a mapping, got {_type(item)}")
        for key in item:
            if key not in ("name", "input", "output"):
                raise _Fault(
                    item.key_marks[key],
                    f"unknown key {key!r} in a test{_suggest(key, ['name', 'input', 'output'])}",
                )
        for key in ("input", "output"):
            if key not in item:
                raise _Fault(item.mark, f"test has no {key!r}")
        name = _option(item, "name", STRING, False) if "name" in item else None
        tests.append(
            InlineTest(
                _option(item, "input", STRING, False),
                _option(item, "output", STRING, False),
                item.mark.line + 1,
                name,
            )
        )
    return tuple(tests)


def _ruleset(data: object, path: str) -> RuleSet:
    if not isinstance(data, _Map):
        mark = getattr(data, "mark", None)
        raise _Fault(
            mark, f"a rule file must be a mapping with 'source' and 'remove', got {_type(data)}"
        )
    for key in data:
        if key not in _TOP_KEYS:
            raise _Fault(
                data.key_marks[key], f"unknown key {key!r}{_suggest(key, list(_TOP_KEYS))}"
            )
    if "source" not in data:
        raise _Fault(data.mark, "rule file has no 'source'")
    source = _option(data, "source", STRING, False)
    if not _SOURCE.fullmatch(source):
        raise _Fault(
            data.nodes["source"].start_mark,
            "'source' must be a lowercase name such as 'example.com'",
        )
    description = _option(data, "description", STRING, False) if "description" in data else None
    match = _match(data["match"], data.nodes["match"]) if "match" in data else Match()
    rules: list[Rule] = []
    if "remove" in data:
        remove, remove_node = data["remove"], data.nodes["remove"]
        if not isinstance(remove, _Seq):
            raise _Fault(
                remove_node.start_mark, f"'remove' must be a list of rules, got {_type(remove)}"
            )
        seen: dict[str, int] = {}
        for item, item_node in zip(remove, remove.nodes, strict=True):
            rule = _rule(item, item_node)
            if rule.id in seen:
                raise _Fault(
                    item.nodes["id"].start_mark,
                    f"duplicate rule id (first used on line {seen[rule.id]})",
                    rule.id,
                )
            seen[rule.id] = item.nodes["id"].start_mark.line + 1
            rules.append(rule)
    tests = _tests(data["tests"], data.nodes["tests"]) if "tests" in data else ()
    return RuleSet(source, path, match, tuple(rules), tests, description)


def parse_rules(text: str, path: str = "<string>") -> RuleSet:
    """Parse and validate the text of one rule file; raises ``RuleError``."""
    try:
        try:
            data = yaml.load(text, Loader=_Loader)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            problem = exc.problem or exc.context or "invalid YAML"
            raise _Fault(mark, f"syntax error: {problem}") from None
        except yaml.YAMLError as exc:
            raise _Fault(None, f"syntax error: {exc}") from None
        return _ruleset(data, path)
    except _Fault as fault:
        line = fault.mark.line + 1 if fault.mark else 1
        column = fault.mark.column + 1 if fault.mark else 1
        raise RuleError(path, line, column, fault.message, fault.rule_id) from None


def load_file(path: str | Path) -> RuleSet:
    """Load one rule file; a file that cannot be read is a ``RuleError`` too."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise RuleError(str(path), 1, 1, f"not UTF-8 text ({exc.reason})") from None
    except OSError as exc:
        raise RuleError(str(path), 1, 1, f"cannot read: {exc.strerror or exc}") from None
    return parse_rules(text, str(path))


def rule_files(directory: str | Path) -> list[Path]:
    """The rule files of a directory, in name order."""
    folder = Path(directory)
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def builtin_rules_dir() -> Path:
    """The built-in rule files: inside the installed package, or the checkout's ``rules/``."""
    packaged = resources.files("cleaner") / "rules"
    if packaged.is_dir():
        return Path(str(packaged))
    # An editable install runs from the source tree, where rules/ sits beside cleaner/.
    return Path(__file__).resolve().parent.parent / "rules"


__all__ = ["GENERIC", "builtin_rules_dir", "load_file", "parse_rules", "rule_files"]
