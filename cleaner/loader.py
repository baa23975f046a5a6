"""Reading rule files: YAML with positions, validated up front.

Everything wrong with a file is reported as a ``RuleError`` that names the file,
line and column (1-based) of the fault, before any text is cleaned: a rule file is
either fully usable or refused.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import json
import re
from collections.abc import Callable, Mapping
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import jsonschema
import regex
import yaml

from .errors import RuleError
from .heuristic_options import (
    CHARACTERS,
    PATTERN,
    PATTERNS,
    WORDS,
    OptionError,
    Spec,
    build,
    check,
    specs,
)
from .heuristics import HEURISTIC_OPTIONS, HEURISTICS, SECTIONS, HeuristicData
from .patterns import Pattern
from .phrases import normalise
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
    HeuristicRule,
    Rule,
    kinds_in,
)
from .ruleset import GENERIC, STEPS, InlineTest, Match, RuleSet


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


# Rule files nest a few levels (a rule's list of lines); deeper nesting only
# serves to exhaust the stack of the recursive composer and validator.
MAX_DEPTH = 32
# What an id or a source name may be: also a file name and a log word, so no
# spaces, newlines, control characters or path separators.
NAME = re.compile(r"[a-z0-9][a-z0-9._-]*")


class _Guards(yaml.composer.Composer):
    """A composer that refuses aliases of lists and mappings, and deep nesting.

    An alias of a list makes one node stand for many: nine nested aliases of
    nine items each are a 419-byte file that expands to a billion strings (and
    an error message that quotes them). An alias of a string (a pattern used
    twice) is one string however often it is named, so only those are allowed,
    and the first other alias is refused before anything is built from it.
    """

    _depth = 0

    if TYPE_CHECKING:  # the parser's, which comes later in a loader's bases

        def check_event(self, *choices: Any) -> bool: ...
        def peek_event(self) -> Any: ...

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            target = self.anchors.get(event.anchor)
            if target is not None and not isinstance(target, yaml.ScalarNode):
                raise _Fault(
                    event.start_mark,
                    f"alias *{event.anchor} names a list or mapping; only a plain value "
                    "(a string) may be named by an alias in a rule file",
                )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _Fault(
                    self.peek_event().start_mark, f"nested more than {MAX_DEPTH} levels deep"
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def compose_scalar_node(self, anchor: Any) -> yaml.ScalarNode:
        node: yaml.ScalarNode = super().compose_scalar_node(anchor)
        # libyaml's parser gives a plain scalar the style "", PyYAML's None.
        node.style = node.style or None
        return node


class _PyLoader(_Guards, yaml.SafeLoader):
    """``SafeLoader`` with the guards: PyYAML's own parser, and its messages."""


if yaml.__with_libyaml__:
    from yaml._yaml import CParser

    class _CLoader(_Guards, CParser, yaml.constructor.SafeConstructor, yaml.resolver.Resolver):
        """``CSafeLoader`` with the guards: libyaml's parser, Python's composer."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)

    _LOADERS: tuple[Any, ...] = (_CLoader, _PyLoader)
else:
    _LOADERS = (_PyLoader,)


def _load(text: str) -> Any:
    """The YAML of a rule file, read by libyaml where PyYAML was built with it.

    Reading the built-in rule files is most of a first ``clean()``, and libyaml
    reads them several times faster than PyYAML's own scanner. A file libyaml
    refuses is read again by PyYAML's parser, so that the error (or what it
    accepts) does not depend on how PyYAML was built.
    """
    *first, last = _LOADERS
    for loader in first:
        try:
            return yaml.load(text, Loader=loader)
        except yaml.YAMLError:
            continue
    return yaml.load(text, Loader=last)


def _construct_map(loader: yaml.constructor.SafeConstructor, node: yaml.MappingNode) -> _Map:
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


def _construct_seq(loader: yaml.constructor.SafeConstructor, node: yaml.SequenceNode) -> _Seq:
    result = _Seq(loader.construct_object(child, deep=True) for child in node.value)
    result.mark, result.nodes = node.start_mark, list(node.value)
    return result


for _loader in _LOADERS:
    _loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_map)
    _loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_seq)


def _type(value: object) -> str:
    names = {str: "a string", bool: "a boolean", int: "a number", float: "a number"}
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return names.get(type(value), type(value).__name__)


def _suggest(key: str, allowed: list[str]) -> str:
    close = difflib.get_close_matches(key, allowed, n=1)
    return f"; did you mean {close[0]!r}?" if close else ""


@functools.cache
def _validator() -> jsonschema.protocols.Validator:
    """The committed schema (``rules/rules.schema.json``), the contract rule files follow."""
    schema = json.loads((builtin_rules_dir() / SCHEMA_FILE).read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def _normalise_lists(data: _Map) -> None:
    """A list item as the line it stands for: ``- No`` means the line "No", not False.

    PyYAML reads YAML 1.1, where No, On and 2024 are not strings; editors read
    YAML 1.2 and the schema expects strings. For lists of literal lines the
    scalar's own text is what the author meant.
    """

    def fix(mapping: object, key: str) -> None:
        if isinstance(mapping, _Map) and isinstance(mapping.get(key), _Seq):
            items = mapping[key]
            for i, (item, node) in enumerate(zip(items, items.nodes, strict=True)):
                if (
                    not isinstance(item, str)
                    and item is not None
                    and isinstance(node, yaml.ScalarNode)
                ):
                    items[i] = str(node.value)

    fix(data.get("match"), "domains")
    fix(data.get("match"), "markers")
    for rule in data.get("remove") or []:
        fix(rule, "lines")
        fix(rule, "phrases")
        if isinstance(rule, _Map) and isinstance(rule.get("phrases"), _Map):
            for language in rule["phrases"]:
                fix(rule["phrases"], language)


def _at(data: _Map, path: list[Any]) -> tuple[Any, yaml.Mark | None]:
    """The value at ``path`` and where it starts."""
    value: Any = data
    mark: yaml.Mark | None = data.mark
    for step in path:
        if isinstance(value, _Map | _Seq):
            mark = value.nodes[step].start_mark
        value = value[step]
    return value, mark


_OPTION_TYPES: dict[str, str] = {**COMMON_OPTIONS}
for _kind in KINDS.values():
    _OPTION_TYPES.update(_kind.options)


def _type_message(key: str, value: object, kind: str | None) -> str:
    if kind == BOOL:
        return f"{key!r} must be true or false, got {_type(value)}"
    if kind == REGEX:
        return f"{key!r} must be a non-empty regular expression, or a list of its pieces"
    if kind == STRINGS:
        return f"{key!r} must be a non-empty list of strings"
    if kind == HEURISTIC:
        return f"{key!r} must be one of {', '.join(sorted(HEURISTICS))}"
    if kind == REGEXES:
        return (
            f"{key!r} must be a regular expression, or a list of them "
            "(each a string or a list of its pieces)"
        )
    if kind == INTEGER:
        return f"{key!r} must be a whole number of at least 1, got {_type(value)}"
    if kind == PHRASES:
        return (
            f"{key!r} must be a non-empty list of phrases, or a mapping of language codes "
            "(en, de, pt-br) to such lists"
        )
    if kind == OPTIONS_MAP:
        return f"{key!r} must be a mapping of option names to values, got {_type(value)}"
    return f"{key!r} must be a string, got {_type(value)}"


def _kinds_in(rule: object) -> list[str]:
    # The schema reports a rule that is no mapping; its kind is then unknown.
    if not isinstance(rule, dict):
        return []
    return kinds_in(rule)


def _schema_faults(data: _Map) -> list[_Fault]:
    """The schema's verdict on ``data``, in the words of this project's messages."""
    faults: list[_Fault] = []
    seen: set[tuple[Any, ...]] = set()
    for error in _validator().iter_errors(data):
        path = list(error.absolute_path)
        where = tuple(path[:-1]) if path and isinstance(path[-1], str) else tuple(path)
        rule_id = None
        if len(path) >= 2 and path[0] == "remove":
            rule = data["remove"][path[1]]
            if isinstance(rule, dict) and isinstance(rule.get("id"), str):
                rule_id = rule["id"]
        value, mark = _at(data, path)
        parent = _at(data, path[:-1])[0] if path else None
        key = path[-1] if path and isinstance(path[-1], str) else None
        fault = _translate(error, path, key, value, mark, parent, data)
        if fault is None:
            continue
        fault.rule_id = rule_id
        identity = (where, fault.message)
        if identity not in seen:
            seen.add(identity)
            faults.append(fault)
    return faults


def _translate(
    error: jsonschema.ValidationError,
    path: list[Any],
    key: str | None,
    value: Any,
    mark: yaml.Mark | None,
    parent: Any,
    data: _Map,
) -> _Fault | None:
    validator = error.validator
    in_rule = len(path) >= 2 and path[0] == "remove"
    if _under_heuristics(path):
        return None  # reported by _read_heuristics, in its words
    if validator == "type" and not path:
        return _Fault(
            mark, f"a rule file must be a mapping with 'source' and 'remove', got {_type(value)}"
        )
    if validator == "required":
        missing = error.message.split("'")[1]
        if not path:
            return _Fault(mark, f"rule file has no {missing!r}")
        if in_rule and len(path) == 2:
            return _Fault(mark, f"rule has no {missing!r}")
        return _Fault(mark, f"test has no {missing!r}")
    if validator == "additionalProperties":
        schema = error.schema if isinstance(error.schema, dict) else {}
        allowed = list(schema.get("properties", {}))
        extra = [k for k in value if k not in allowed]
        name = extra[0]
        place = value.key_marks[name] if isinstance(value, _Map) else mark
        if in_rule and len(path) == 2:
            kinds = _kinds_in(value)
            if len(kinds) == 1:
                kind = KINDS[kinds[0]]
                allowed = [*COMMON_OPTIONS, *kind.options]
                return _Fault(
                    place, f"unknown key {name!r} in a {kind.kind!r} rule{_suggest(name, allowed)}"
                )
            return _Fault(place, f"unknown key {name!r} in a rule{_suggest(name, allowed)}")
        named: tuple[str, ...] = tuple(p for p in path if isinstance(p, str))
        places: dict[tuple[str, ...], str] = {("match",): " in 'match'", ("tests",): " in a test"}
        where = places.get(named, "")
        return _Fault(place, f"unknown key {name!r}{where}{_suggest(name, allowed)}")
    if validator == "enum" and in_rule and len(path) == 2:
        # A key of another kind (``to`` in a ``lines`` rule); skip when the rule's
        # kind is itself in doubt (that is reported once, below) or the key is
        # unknown everywhere (reported as such).
        name = error.instance
        kinds = _kinds_in(value)
        if len(kinds) != 1 or name not in _OPTION_TYPES or name in KINDS:
            return None
        return _Fault(value.key_marks[name], f"unknown key {name!r} in a {kinds[0]!r} rule")
    if validator == "oneOf" and in_rule and len(path) == 2:
        kinds = _kinds_in(value)
        found = f"found {', '.join(map(repr, kinds))}" if kinds else "found none"
        return _Fault(mark, f"rule needs exactly one of {', '.join(KINDS)} ({found})")
    if in_rule and len(path) == 2:
        return _Fault(mark, f"a rule must be a mapping, got {_type(value)}")
    if key == "id" and in_rule:
        return _Fault(mark, "'id' must be lowercase letters, digits, '.', '_' or '-'")
    if key == "source" and len(path) == 1:
        return _Fault(mark, "'source' must be a lowercase name such as 'example.com'")
    if key in ("remove", "tests") and len(path) == 1:
        what = "a list of rules" if key == "remove" else "a list"
        return _Fault(mark, f"{key!r} must be {what}, got {_type(value)}")
    if key == "match" and len(path) == 1:
        return _Fault(mark, f"'match' must be a mapping, got {_type(value)}")
    if path and path[0] == "tests" and len(path) == 2:
        return _Fault(mark, f"a test must be a mapping, got {_type(value)}")
    if key in ("domains", "markers"):
        return _Fault(mark, _type_message(key, value, STRINGS))
    if key is not None:
        return _Fault(mark, _type_message(key, value, _OPTION_TYPES.get(key, STRING)))
    if isinstance(parent, _Seq) and path and path[-2] in ("domains", "markers", "lines"):
        return _Fault(mark, _type_message(path[-2], parent, STRINGS))
    return _Fault(mark, error.message)


def _regex(value: str | list[str], node: yaml.Node, ignore_case: bool) -> Pattern:
    """Compile a regex option: a string, or a list of pieces joined with nothing between."""
    pieces = [value] if isinstance(value, str) else list(value)
    nodes = [node] if isinstance(value, str) else list(node.value)
    source = "".join(pieces)
    try:
        return Pattern.compile(source, ignore_case=ignore_case)
    except RecursionError:
        raise _Fault(node.start_mark, "invalid regular expression: nested too deeply") from None
    except (regex.error, ValueError, OverflowError) as exc:
        mark: yaml.Mark | _Place = node.start_mark
        pos = getattr(exc, "pos", None)
        if pos is not None:
            # The piece that holds the character the regex engine blamed.
            for piece, piece_node in zip(pieces, nodes, strict=True):
                if pos < len(piece) or piece_node is nodes[-1]:
                    break
                pos -= len(piece)
            mark = piece_node.start_mark
            style = getattr(piece_node, "style", None)
            # Point inside a one-line scalar at that character.
            if mark.line == piece_node.end_mark.line and style in (None, "'", '"'):
                mark = _Place(mark.line, mark.column + pos + (1 if style else 0))
        message = getattr(exc, "msg", str(exc))
        raise _Fault(mark, f"invalid regular expression: {message}") from None


def _regexes(key: str, value: object, node: yaml.Node | None) -> list[tuple[Any, yaml.Node]]:
    """The regular expressions of option ``key`` (with their nodes) that are well formed."""
    kind = _OPTION_TYPES.get(key)
    if node is None or kind not in (REGEX, REGEXES):
        return []
    if kind == REGEX or isinstance(value, str):
        return [(value, node)] if _regex_value(value) else []
    if not isinstance(value, list):
        return []
    return [(one, child) for one, child in zip(value, node.value, strict=True) if _regex_value(one)]


def _regex_value(value: object) -> bool:
    """Whether ``value`` is a regex option's value the schema accepts."""
    if isinstance(value, str):
        return bool(value)
    return (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(piece, str) and piece for piece in value)
    )


def _as_list(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _regex_faults(data: _Map) -> list[_Fault]:
    """Invalid regular expressions anywhere in the rules, whatever else is wrong."""
    faults = []
    remove = data.get("remove")
    for item in remove if isinstance(remove, list) else []:
        if not isinstance(item, _Map):
            continue
        rule_id = item.get("id") if isinstance(item.get("id"), str) else None
        ignore_case = item.get("ignore_case") is True
        for key, value in item.items():
            for one, node in _regexes(key, value, item.nodes.get(key)):
                try:
                    _regex(one, node, ignore_case)
                except _Fault as fault:
                    fault.rule_id = rule_id
                    faults.append(fault)
    return faults


def _name_faults(data: _Map) -> list[_Fault]:
    """Ids and source names that the schema's ``$`` let through ("id\\n" matches it)."""
    faults = []
    candidates: list[tuple[_Map, str]] = [(data, "source")]
    remove = data.get("remove")
    for item in remove if isinstance(remove, list) else []:
        if isinstance(item, _Map):
            candidates.append((item, "id"))
    for mapping, key in candidates:
        value = mapping.get(key)
        if not isinstance(value, str):
            continue
        # The schema reports the rest; this is what its ``$`` lets through.
        if re.search(ID_PATTERN, value) is not None and NAME.fullmatch(value) is None:
            message = (
                "'id' must be lowercase letters, digits, '.', '_' or '-'"
                if key == "id"
                else "'source' must be a lowercase name such as 'example.com'"
            )
            faults.append(_Fault(mapping.nodes[key].start_mark, message))
    return faults


def _slow_path(node: yaml.Node, rule_id: str) -> _Fault:
    """The warning for a pattern, should the linear engine not run it; its reason goes last."""
    return _Fault(
        node.start_mark,
        "warning: this pattern runs on Python's regex engine (the slow path, under the "
        "time limit) rather than the linear one: ",
        rule_id,
    )


def _phrase_faults(item: _Map) -> list[_Fault]:
    """Phrases that are nothing but decoration, and a ``max_length`` of 100.0."""
    faults = []
    limit = item.get("max_length")
    if isinstance(limit, float):
        faults.append(
            _Fault(item.nodes["max_length"].start_mark, _type_message("max_length", limit, INTEGER))
        )
    listed = item.get("phrases")
    groups = list(listed.values()) if isinstance(listed, _Map) else [listed]
    for group in groups:
        if not isinstance(group, _Seq):
            continue
        for phrase, node in zip(group, group.nodes, strict=True):
            if isinstance(phrase, str) and not normalise(phrase):
                faults.append(
                    _Fault(
                        node.start_mark,
                        f"phrase {phrase!r} is only decoration and would match no line",
                    )
                )
    return faults


def _build_rules(
    data: _Map,
    faults: list[_Fault],
    heuristics: _Heuristics,
    warnings: list[tuple[Pattern, _Fault]] | None = None,
) -> list[Rule]:
    """Rules from schema-valid data; regex and id problems are added to ``faults``,
    slow-path patterns to ``warnings``."""
    rules: list[Rule] = []
    shared: list[HeuristicData] = []
    first_line: dict[str, int] = {}
    for item in data.get("remove") or []:
        rule_id = item["id"]
        if rule_id in first_line:
            faults.append(
                _Fault(
                    item.nodes["id"].start_mark,
                    f"duplicate rule id (first used on line {first_line[rule_id]})",
                    rule_id,
                )
            )
            continue
        first_line[rule_id] = item.nodes["id"].start_mark.line + 1
        if data.get("source") == GENERIC and rule_id in STEPS:
            # Its removals would print under the step's name, and skip_generic
            # could not tell the two apart.
            faults.append(
                _Fault(
                    item.nodes["id"].start_mark,
                    "this id names a step of the pass; choose another",
                    rule_id,
                )
            )
            continue
        kind = KINDS[_kinds_in(item)[0]]
        ignore_case = bool(item.get("ignore_case", False))
        values: dict[str, Any] = {}
        found = _phrase_faults(item)
        for fault in found:
            fault.rule_id = rule_id
        faults.extend(found)
        broken = bool(found)
        for key, value in item.items():
            option = _OPTION_TYPES[key]
            if option == REGEX:
                try:
                    value = _regex(value, item.nodes[key], ignore_case)
                except _Fault as fault:
                    fault.rule_id = rule_id
                    faults.append(fault)
                    broken = True
                else:
                    if warnings is not None:
                        warnings.append((value, _slow_path(item.nodes[key], rule_id)))
            elif option == REGEXES:
                compiled = []
                for one, node in _regexes(key, value, item.nodes[key]):
                    try:
                        one_compiled = _regex(one, node, ignore_case)
                    except _Fault as fault:
                        fault.rule_id = rule_id
                        faults.append(fault)
                        broken = True
                    else:
                        compiled.append(one_compiled)
                        if warnings is not None:
                            warnings.append((one_compiled, _slow_path(node, rule_id)))
                value = tuple(compiled)
            elif option == STRINGS:
                value = _as_list(value)
            values[key] = value
        values.update(_heuristic_rule_values(heuristics, item, shared))
        if not broken:
            rules.append(kind.build(**values))
    return rules


# --- heuristic options -------------------------------------------------------------------------
#
# A heuristic rule's ``options:`` and the file's top-level ``heuristics:`` block
# (``heuristic_options`` says what they are). The schema describes them for
# editors; the faults are this section's, in its own words.

# Raw values, as checked: section (or heuristic) -> option -> value.
_Values = dict[str, dict[str, Any]]


class _Heuristics(NamedTuple):
    """What one file sets: its ``heuristics:`` block, and each heuristic rule's options."""

    sections: _Values
    # id() of a rule's mapping -> (heuristic name, its options)
    rules: dict[int, tuple[str, dict[str, Any]]]


def _under_heuristics(path: list[Any]) -> bool:
    """Whether a schema error's path lies in a ``heuristics:`` block or a rule's ``options:``."""
    return (bool(path) and path[0] == "heuristics") or (
        len(path) >= 3 and path[0] == "remove" and path[2] == "options"
    )


def _scalar_text(value: Any, node: yaml.Node, spec: Spec) -> Any:
    """A YAML 1.1 scalar (``on``, ``no``, ``1``) where text is meant: the text as written."""
    if spec.kind in (WORDS, PATTERNS) and isinstance(value, _Seq):
        for i, (item, child) in enumerate(zip(value, value.nodes, strict=True)):
            if (
                not isinstance(item, str)
                and item is not None
                and isinstance(child, yaml.ScalarNode)
            ):
                value[i] = str(child.value)
        return value
    if (
        spec.kind in (PATTERN, CHARACTERS)
        and not isinstance(value, str)
        and value is not None
        and isinstance(node, yaml.ScalarNode)
    ):
        return str(node.value)
    return value


def _option_fault(exc: OptionError, node: yaml.Node, message: str) -> _Fault:
    """A fault where in the value it lies: the list item, the pattern's character."""
    if exc.item is not None and isinstance(node, yaml.SequenceNode):
        node = node.value[exc.item]
    mark: yaml.Mark | _Place = node.start_mark
    style = getattr(node, "style", None)
    # Point inside a one-line scalar at the character the pattern compiler blamed.
    if (
        exc.pos is not None
        and isinstance(node, yaml.ScalarNode)
        and node.start_mark.line == node.end_mark.line
        and style in (None, "'", '"')
    ):
        mark = _Place(mark.line, mark.column + exc.pos + (1 if style else 0))
    return _Fault(mark, message)


def _read_options(
    given: object,
    node: yaml.Node,
    cls: type,
    where: str,
    rule_id: str | None,
    faults: list[_Fault],
) -> dict[str, Any]:
    """The checked options of one group (a section or a heuristic's), faults added.

    ``where`` ends the messages: "in heuristics.article", "of heuristic 'nav-run'".
    """
    if not isinstance(given, _Map):
        message = f"options {where} must be a mapping of names to values, got {_type(given)}"
        faults.append(_Fault(node.start_mark, message, rule_id))
        return {}
    declared = specs(cls)
    values: dict[str, Any] = {}
    for name, value in given.items():
        spec = declared.get(name)
        if spec is None:
            message = f"unknown option {name!r} {where}{_suggest(name, list(declared))}"
            faults.append(_Fault(given.key_marks[name], message, rule_id))
            continue
        value = _scalar_text(value, given.nodes[name], spec)
        try:
            check(spec, value)
        except OptionError as exc:
            message = f"option {name!r} {where} {exc.message}"
            faults.append(_option_fault(exc, given.nodes[name], message))
            faults[-1].rule_id = rule_id
            continue
        values[name] = list(value) if isinstance(value, list) else value
    return values


def _read_heuristics(data: _Map) -> tuple[_Heuristics, list[_Fault]]:
    """The ``heuristics:`` block and the heuristic rules' ``options:`` of a file, checked."""
    faults: list[_Fault] = []
    sections: _Values = {}
    block = data.get("heuristics")
    if "heuristics" in data:
        node = data.nodes["heuristics"]
        names = ", ".join(SECTIONS)
        if not isinstance(block, _Map):
            faults.append(
                _Fault(
                    node.start_mark,
                    f"'heuristics' must be a mapping of sections ({names}), got {_type(block)}",
                )
            )
        else:
            for section, given in block.items():
                if section not in SECTIONS:
                    faults.append(
                        _Fault(
                            block.key_marks[section],
                            f"unknown section {section!r} in 'heuristics' (sections: {names})"
                            + _suggest(section, list(SECTIONS)),
                        )
                    )
                    continue
                sections[section] = _read_options(
                    given,
                    block.nodes[section],
                    SECTIONS[section],
                    f"in heuristics.{section}",
                    None,
                    faults,
                )
    rules: dict[int, tuple[str, dict[str, Any]]] = {}
    remove = data.get("remove")
    for item in remove if isinstance(remove, list) else []:
        if not isinstance(item, _Map) or not isinstance(item.get("heuristic"), str):
            continue
        name = item["heuristic"]
        if name not in HEURISTICS:
            continue  # the schema reports it
        rule_id = item.get("id") if isinstance(item.get("id"), str) else None
        given = item.get("options")
        cls = HEURISTIC_OPTIONS[name]
        if cls is None:
            if "options" in item:
                faults.append(
                    _Fault(
                        item.key_marks["options"],
                        f"heuristic {name!r} has no options of its own; what it weighs is set "
                        f"in the file's 'heuristics' block ({', '.join(SECTIONS)})",
                        rule_id,
                    )
                )
            rules[id(item)] = (name, {})
            continue
        options: dict[str, Any] = {}
        if "options" in item:
            where = f"of heuristic {name!r}"
            options = _read_options(given, item.nodes["options"], cls, where, rule_id, faults)
        rules[id(item)] = (name, options)
    return _Heuristics(sections, rules), faults


def _builtin_heuristics_file() -> tuple[Path, Any]:
    """The built-in generic file that holds the ``heuristics:`` block, and its data."""
    folder = builtin_rules_dir() / GENERIC
    candidates = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    candidates.append(builtin_rules_dir() / f"{GENERIC}.yaml")
    for path in candidates:
        if path.is_file():
            data = _load(read_rules_text(path))
            if isinstance(data, dict) and "heuristics" in data:
                return path, data
    raise RuleError(str(folder), 1, 1, "no built-in rule file holds the 'heuristics:' block")


@functools.cache
def builtin_heuristic_values() -> tuple[_Values, _Values]:
    """Every option's built-in value: the sections, and each heuristic's options.

    They are those of the built-in generic rules (the file of ``rules/generic/``
    with the ``heuristics:`` block), which must set every one;
    a rule file that leaves an option out takes its value from there.
    """
    path, data = _builtin_heuristics_file()
    found, faults = _read_heuristics(data)
    missing = []
    for section, cls in SECTIONS.items():
        missing += [
            f"heuristics.{section}.{name}"
            for name in specs(cls)
            if name not in found.sections.get(section, {})
        ]
    per_heuristic: _Values = {}
    for name, options in found.rules.values():
        per_heuristic.setdefault(name, options)
    for name, group in HEURISTIC_OPTIONS.items():
        if group is not None:
            have = per_heuristic.get(name, {})
            missing += [f"{name}.{option}" for option in specs(group) if option not in have]
    if faults:
        raise _error(faults[0], str(path))
    if missing:
        raise RuleError(
            str(path),
            1,
            1,
            f"the built-in rules must set every heuristic option: {', '.join(missing)} missing",
        )
    return found.sections, per_heuristic


def _complete(
    cls: type, given: Mapping[str, Any], defaults: Callable[[], dict[str, Any]]
) -> Mapping[str, Any]:
    if all(name in given for name in specs(cls)):
        return given
    return {**defaults(), **given}


def _section(name: str, given: Mapping[str, Any]) -> Any:
    cls = SECTIONS[name]
    return build(cls, _complete(cls, given, lambda: builtin_heuristic_values()[0][name]))


def heuristic_data(sections: Mapping[str, Mapping[str, Any]]) -> HeuristicData:
    """The shared data of a file whose ``heuristics:`` block is ``sections``."""
    return HeuristicData(
        _section("line_kinds", sections.get("line_kinds", {})),
        _section("article", sections.get("article", {})),
    )


def heuristic_options(name: str, given: dict[str, Any]) -> Any:
    """The options of heuristic ``name`` given these (the rest built-in), None without any."""
    cls = HEURISTIC_OPTIONS[name]
    if cls is None:
        return None
    return build(cls, _complete(cls, given, lambda: builtin_heuristic_values()[1][name]))


@functools.cache
def default_heuristic_data() -> HeuristicData:
    """The built-in shared data (for heuristics run outside a rule file, and for tests)."""
    return heuristic_data({})


def _heuristic_rule_values(
    found: _Heuristics, item: _Map, shared: list[HeuristicData]
) -> dict[str, Any]:
    """A heuristic rule's built options and shared data (the latter built once per file)."""
    entry = found.rules.get(id(item))
    if entry is None:
        return {}
    if not shared:
        shared.append(heuristic_data(found.sections))
    name, given = entry
    return {"options": heuristic_options(name, given), "shared": shared[0]}


def check_rules(text: str, path: str = "<string>") -> tuple[RuleSet | None, list[RuleError]]:
    """Every problem of one rule file, and the rule set when there is none."""
    try:
        try:
            data = _load(text)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            problem = exc.problem or exc.context or "invalid YAML"
            raise _Fault(mark, f"syntax error: {problem}") from None
        except yaml.YAMLError as exc:
            raise _Fault(None, f"syntax error: {exc}") from None
    except _Fault as fault:
        return None, [_error(fault, path)]
    if not isinstance(data, _Map):
        message = f"a rule file must be a mapping with 'source' and 'remove', got {_type(data)}"
        return None, [_error(_Fault(getattr(data, "mark", None), message), path)]
    _normalise_lists(data)
    warnings: list[tuple[Pattern, _Fault]] = []
    heuristics, found = _read_heuristics(data)
    faults = _schema_faults(data) + _regex_faults(data) + _name_faults(data) + found
    if not faults:
        match: _Map = data.get("match") or _Map()
        markers = _as_list(match.get("markers", []))
        for index, marker in enumerate(markers):
            if not marker.strip():
                node = match.nodes["markers"]
                place = (
                    node.value[index].start_mark
                    if isinstance(node, yaml.SequenceNode)
                    else node.start_mark
                )
                faults.append(_Fault(place, "a marker must not be blank"))
        rules = _build_rules(data, faults, heuristics, warnings)
    if faults:
        return None, sorted((_error(f, path) for f in faults), key=lambda e: (e.line, e.column))
    domains = tuple(d.strip().lower().strip(".") for d in _as_list(match.get("domains", [])))
    tests = tuple(
        InlineTest(t["input"], t["output"], t.mark.line + 1, t.get("name"))
        for t in data.get("tests") or []
    )
    extends = data.get("extends")
    ruleset = RuleSet(
        data["source"],
        path,
        Match(domains, tuple(markers)),
        tuple(rules),
        tests,
        data.get("description"),
        extends,
        data.nodes["extends"].start_mark.line + 1 if extends else 0,
        "match" in data,
        tuple(_as_list(data.get("skip_generic", []))),
        data.nodes["skip_generic"].start_mark.line + 1 if "skip_generic" in data else 0,
        {key: _place(path, data.nodes[key].start_mark) for key in data},
        tuple(_place(path, item.nodes["id"].start_mark) for item in data.get("remove") or []),
        heuristics.sections,
        slow_candidates=tuple((pattern, _error(w, path)) for pattern, w in warnings),
    )
    return ruleset, []


def _place(path: str, mark: yaml.Mark) -> tuple[str, int, int]:
    return (path, mark.line + 1, mark.column + 1)


def _error(fault: _Fault, path: str) -> RuleError:
    line = fault.mark.line + 1 if fault.mark else 1
    column = fault.mark.column + 1 if fault.mark else 1
    # An id that is itself at fault (a newline, a control character) is not echoed.
    rule_id = fault.rule_id if fault.rule_id and fault.rule_id.isprintable() else None
    return RuleError(path, line, column, fault.message, rule_id)


def parse_rules(text: str, path: str = "<string>") -> RuleSet:
    """Parse and validate the text of one rule file; raises the first ``RuleError``."""
    ruleset, errors = check_rules(text, path)
    if errors:
        raise errors[0]
    assert ruleset is not None
    return ruleset


# Top-level keys of a source split over a folder that only its first file may hold.
_FIRST_FILE_ONLY = ("description", "match", "extends", "skip_generic")


def is_source_folder(path: Path) -> bool:
    """Whether ``path`` is a folder of rule files that all say ``source: <its name>``.

    Any sub-folder of a rules directory whose files name it as their source is
    that source, split by topic: its files are merged in name order. Other
    sub-folders (bases that ``extends`` names, ``tests/`` fixtures) are not
    sources.
    """
    if not path.is_dir() or NAME.fullmatch(path.name) is None:
        return False
    said = re.compile(rf"(?m)^source:[ \t]*(['\"]?){re.escape(path.name)}\1[ \t]*(?:#.*)?$")
    for file in _yaml_files(path):
        try:
            if said.search(file.read_text(encoding="utf-8")):
                return True
        except (OSError, UnicodeDecodeError):
            continue
    return False


def check_source(path: str | Path) -> tuple[RuleSet | None, list[RuleError]]:
    """Every problem of a rule file or a source folder, and its rule set when there is none."""
    place = Path(path)
    if not place.is_dir():
        try:
            text = read_rules_text(place)
        except RuleError as error:
            return None, [error]
        return check_rules(text, str(path))
    parts: list[RuleSet] = []
    errors: list[RuleError] = []
    for file in rule_files(place, folders=False):
        try:
            text = read_rules_text(file)
        except RuleError as error:
            errors.append(error)
            continue
        ruleset, found = check_rules(text, str(file))
        errors += found
        if ruleset is not None:
            parts.append(ruleset)
    if not parts and not errors:
        errors.append(RuleError(str(path), 0, 0, "a source folder with no rule file"))
    if errors:
        return None, errors
    merged, errors = _merge(place, parts)
    return (None, errors) if errors else (merged, [])


def _merge(folder: Path, parts: list[RuleSet]) -> tuple[RuleSet, list[RuleError]]:
    """The files of a source folder as one rule set: rules and tests in file-name order."""
    errors: list[RuleError] = []
    first_id: dict[str, tuple[str, int, int]] = {}
    rules: list[Rule] = []
    for part in parts:
        if part.source != folder.name:
            where = part.places.get("source", (part.path, 1, 1))
            errors.append(
                RuleError(
                    *where, f"'source' must be {folder.name!r}, the name of the folder it is in"
                )
            )
        if part is not parts[0]:
            for key in _FIRST_FILE_ONLY:
                if key in part.places:
                    errors.append(
                        RuleError(
                            *part.places[key],
                            f"only the first file of the folder ({Path(parts[0].path).name}) "
                            f"may say {key!r}",
                        )
                    )
        for rule, where in zip(part.rules, part.rule_places, strict=True):
            if rule.id in first_id:
                file, line, _ = first_id[rule.id]
                errors.append(
                    RuleError(
                        *where,
                        f"duplicate rule id (first used in {Path(file).name}:{line})",
                        rule.id,
                    )
                )
                continue
            first_id[rule.id] = where
            rules.append(rule)
    head = parts[0]
    tests = tuple(
        dataclasses.replace(test, path=part.path) for part in parts for test in part.tests
    )
    merged = dataclasses.replace(
        head,
        path=str(folder),
        rules=tuple(rules),
        tests=tests,
        rule_places=tuple(first_id.values()),
        # One file of the folder holds the block its heuristic rules share.
        heuristics={name: values for part in parts for name, values in part.heuristics.items()},
    )
    return merged, sorted(errors, key=lambda e: (e.path, e.line, e.column))


def read_rules_text(path: str | Path) -> str:
    """A rule file's text; a file that cannot be read is a ``RuleError``."""
    try:
        return Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise RuleError(str(path), 1, 1, f"not UTF-8 text ({exc.reason})") from None
    except OSError as exc:
        raise RuleError(str(path), 1, 1, f"cannot read: {exc.strerror or exc}") from None


def load_file(path: str | Path) -> RuleSet:
    """Load one rule file, or a source folder (``is_source_folder``); raises ``RuleError``."""
    ruleset, errors = check_source(path)
    if errors:
        raise errors[0]
    assert ruleset is not None
    return ruleset


_MAX_EXTENDS = 8


def resolve_extends(ruleset: RuleSet, known: dict[str, RuleSet], depth: int = 0) -> RuleSet:
    """``ruleset`` built on the rule set it ``extends``, if it does.

    The base is a source already loaded (a built-in one, or one from an earlier
    directory: a user file may extend the very source it replaces) or a ``.yaml``
    path relative to the file. The base's rules come first, each replaced in
    place by the extending file's rule of the same id; the file's other rules
    follow. Without its own ``match``, the file takes the base's.
    """
    if ruleset.extends is None:
        return ruleset
    place = (ruleset.path, ruleset.extends_line, 1)
    if depth >= _MAX_EXTENDS:
        raise RuleError(*place, f"'extends' goes more than {_MAX_EXTENDS} files deep")
    target = ruleset.extends
    if target.endswith((".yaml", ".yml")):
        # A source folder's base is beside its files.
        home = Path(ruleset.path)
        folder = home if home.is_dir() else home.parent
        path = folder / target
        if Path(target).is_absolute() or ".." in Path(target).parts or "\\" in target:
            raise RuleError(
                *place, f"'extends' names {target!r}: a path must stay inside the rule's folder"
            )
        if not inside(path, folder):
            raise RuleError(
                *place, f"'extends' names {target!r}, which leads outside the rule's folder"
            )
        if not path.is_file():
            raise RuleError(*place, f"'extends' names {target!r}, which is not a file")
        base = resolve_extends(load_file(path), known, depth + 1)
    elif target in known:
        base = known[target]
    else:
        names = ", ".join(sorted(known)) or "none"
        raise RuleError(*place, f"'extends' names an unknown source {target!r} (known: {names})")
    own = {rule.id: rule for rule in ruleset.rules}
    rules = [own.pop(rule.id, rule) for rule in base.rules]
    rules += [rule for rule in ruleset.rules if rule.id in own]
    # The heuristics' shared data: the base's, with what this file sets over it.
    sections = {
        name: {**base.heuristics.get(name, {}), **ruleset.heuristics.get(name, {})}
        for name in {*base.heuristics, *ruleset.heuristics}
    }
    if sections:
        shared = heuristic_data(sections)
        rules = [
            dataclasses.replace(rule, shared=shared) if isinstance(rule, HeuristicRule) else rule
            for rule in rules
        ]
    return dataclasses.replace(
        ruleset,
        rules=tuple(rules),
        heuristics=sections,
        match=ruleset.match if ruleset.has_match else base.match,
        extends=None,
        skip_generic=ruleset.skip_generic or base.skip_generic,
    )


@dataclasses.dataclass(frozen=True)
class Loaded:
    """Rule sets from a list of directories, later ones replacing earlier ones."""

    rulesets: dict[str, RuleSet]
    # source -> the files it replaced, earliest first
    replaced: dict[str, tuple[str, ...]]


def load_dirs(directories: list[Path]) -> Loaded:
    """Load every rule file of ``directories`` in order; raises the first ``RuleError``."""
    rulesets: dict[str, RuleSet] = {}
    replaced: dict[str, tuple[str, ...]] = {}
    for directory in directories:
        for path in rule_files(directory):
            ruleset = resolve_extends(load_file(path), rulesets)
            if ruleset.source in rulesets:
                earlier = rulesets[ruleset.source].path
                replaced[ruleset.source] = (*replaced.get(ruleset.source, ()), earlier)
            rulesets[ruleset.source] = ruleset
    check_skip_generic(rulesets)
    return Loaded(rulesets, replaced)


def check_skip_generic(rulesets: dict[str, RuleSet]) -> None:
    """Raise a ``RuleError`` for a ``skip_generic`` id that no generic rule or step has."""
    generic = rulesets.get("generic")
    known = {rule.id for rule in generic.rules} | STEPS.keys() if generic else set()
    for ruleset in rulesets.values():
        for rule_id in ruleset.skip_generic:
            if generic is not None and rule_id not in known:
                raise RuleError(
                    ruleset.path,
                    ruleset.skip_generic_line,
                    1,
                    f"'skip_generic' names {rule_id!r}, which no generic rule or step has"
                    f"{_suggest(rule_id, sorted(known))}",
                )


def inside(path: Path, folder: Path) -> bool:
    """Whether ``path``, symlinks followed, lies within ``folder`` (also resolved)."""
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a symlink loop
        return False


def rule_files(directory: str | Path, *, folders: bool = True) -> list[Path]:
    """The rule files of a directory, and its source folders, in name order.

    A rule file or folder that is a symlink to outside the directory is a
    ``RuleError``: rules may come from a repository someone else controls.
    """
    folder = Path(directory)
    found = _yaml_files(folder)
    if folders:
        found = sorted(
            found + [p for p in folder.iterdir() if p.is_dir() and is_source_folder(p)],
            key=lambda p: p.name,
        )
    for path in found:
        if not inside(path, folder):
            raise RuleError(str(path), 0, 0, "a symlink to a file outside its rules directory")
    return found


def _yaml_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def builtin_rules_dir() -> Path:
    """The built-in rule files: inside the installed package, or the checkout's ``rules/``."""
    packaged = resources.files("cleaner") / "rules"
    if packaged.is_dir():
        return Path(str(packaged))
    # An editable install runs from the source tree, where rules/ sits beside cleaner/.
    return Path(__file__).resolve().parent.parent / "rules"


__all__ = [
    "GENERIC",
    "builtin_rules_dir",
    "check_source",
    "is_source_folder",
    "load_file",
    "parse_rules",
    "rule_files",
]
