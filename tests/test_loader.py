"""Broken rule files are refused up front with file:line:col and a clear message."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import yaml

from cleaner import Cleaner, RuleError, loader
from cleaner.loader import builtin_rules_dir, load_file, parse_rules, rule_files

GOOD = """\
source: example.com
match:
  domains: [example.com]
  markers: [Example footer]
remove:
  - id: share
    lines: [Share]
"""

# (case, file text, expected "line:col: message (rule-id)")
BROKEN = [
    (
        "yaml syntax",
        "source: x\nremove:\n  - id: a\n    lines: [Share\n",
        "5:1: syntax error: expected ',' or ']', but got '<stream end>'",
    ),
    (
        "tab indentation",
        "source: x\nremove:\n\t- id: a\n",
        "3:1: syntax error: found character '\\t' that cannot start any token",
    ),
    (
        "not a mapping",
        "- a\n- b\n",
        "1:1: a rule file must be a mapping with 'source' and 'remove', got a list",
    ),
    (
        "empty file",
        "",
        "1:1: a rule file must be a mapping with 'source' and 'remove', got nothing",
    ),
    ("no source", "remove: []\n", "1:1: rule file has no 'source'"),
    (
        "bad source name",
        "source: Example Site\n",
        "1:9: 'source' must be a lowercase name such as 'example.com'",
    ),
    (
        "unknown top key",
        "source: x\nremoves: []\n",
        "2:1: unknown key 'removes'; did you mean 'remove'?",
    ),
    ("duplicate key", "source: x\nsource: y\n", "2:1: duplicate key 'source'"),
    (
        "remove not a list",
        "source: x\nremove: {id: a}\n",
        "2:9: 'remove' must be a list of rules, got a mapping",
    ),
    ("rule without id", "source: x\nremove:\n  - lines: [a]\n", "3:5: rule has no 'id'"),
    (
        "bad id",
        "source: x\nremove:\n  - id: Bad Id\n    lines: [a]\n",
        "3:9: 'id' must be lowercase letters, digits, '.', '_' or '-' (Bad Id)",
    ),
    (
        "no kind",
        "source: x\nremove:\n  - id: a\n    note: n\n",
        "3:5: rule needs exactly one of lines, pattern, phrases, from, paragraph, heuristic (found none) (a)",
    ),
    (
        "two kinds",
        "source: x\nremove:\n  - id: a\n    lines: [a]\n    pattern: b\n",
        "3:5: rule needs exactly one of lines, pattern, phrases, from, paragraph, heuristic (found 'lines', 'pattern') (a)",
    ),
    (
        "unknown rule key",
        "source: x\nremove:\n  - id: a\n    patern: b\n    lines: [c]\n",
        "4:5: unknown key 'patern' in a 'lines' rule (a)",
    ),
    (
        "to without from",
        "source: x\nremove:\n  - id: a\n    lines: [c]\n    to: b\n",
        "5:5: unknown key 'to' in a 'lines' rule (a)",
    ),
    (
        "wrong type",
        "source: x\nremove:\n  - id: a\n    pattern: {b: c}\n",
        "4:14: 'pattern' must be a non-empty regular expression, or a list of its pieces (a)",
    ),
    (
        "bool type",
        "source: x\nremove:\n  - id: a\n    ignore_case: maybe\n    lines: [b]\n",
        "4:18: 'ignore_case' must be true or false, got a string (a)",
    ),
    (
        "inline type",
        "source: x\nremove:\n  - id: a\n    inline: 1\n    lines: [b]\n",
        "4:13: 'inline' must be true or false, got a number (a)",
    ),
    (
        "empty lines",
        "source: x\nremove:\n  - id: a\n    lines: []\n",
        "4:12: 'lines' must be a non-empty list of strings (a)",
    ),
    # The regex engine blames the place where the missing bracket was due: the end.
    (
        "invalid regex",
        "source: x\nremove:\n  - id: a\n    pattern: 'ab(c'\n",
        "4:19: invalid regular expression: missing ) (a)",
    ),
    (
        "invalid regex, plain scalar",
        "source: x\nremove:\n  - id: a\n    pattern: a[b\n",
        "4:17: invalid regular expression: unterminated character set (a)",
    ),
    (
        "duplicate rule id",
        "source: x\nremove:\n  - id: a\n    lines: [b]\n  - id: a\n    lines: [c]\n",
        "5:9: duplicate rule id (first used on line 3) (a)",
    ),
    (
        "unknown match key",
        "source: x\nmatch:\n  domain: [x.com]\n",
        "3:3: unknown key 'domain' in 'match'; did you mean 'domains'?",
    ),
    ("blank marker", "source: x\nmatch:\n  markers: ['  ']\n", "3:13: a marker must not be blank"),
    ("test without output", "source: x\ntests:\n  - input: a\n", "3:5: test has no 'output'"),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in BROKEN], ids=[c[0] for c in BROKEN])
def test_broken_rule_file_is_refused_with_its_place(text, expected):
    with pytest.raises(RuleError) as info:
        parse_rules(text, "rules/x.yaml")
    assert str(info.value) == f"rules/x.yaml:{expected}"


def test_rule_error_fields():
    with pytest.raises(RuleError) as info:
        parse_rules("source: x\nremove:\n  - id: a\n    pattern: 'ab(c'\n", "f.yaml")
    error = info.value
    assert (error.path, error.line, error.column, error.rule_id) == ("f.yaml", 4, 19, "a")
    assert error.message == "invalid regular expression: missing )"
    assert isinstance(error, ValueError)


def test_good_file_loads():
    ruleset = parse_rules(GOOD, "example.com.yaml")
    assert ruleset.source == "example.com"
    assert ruleset.match.domains == ("example.com",)
    assert ruleset.match.markers == ("Example footer",)
    assert [rule.id for rule in ruleset.rules] == ["share"]


def test_cleaner_refuses_a_directory_with_a_broken_file(tmp_path: Path):
    (tmp_path / "good.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "bad.yaml").write_text("source: y\nremove:\n  - id: a\n    pattern: '('\n")
    with pytest.raises(RuleError) as info:
        Cleaner([tmp_path])
    assert str(info.value).startswith(f"{tmp_path / 'bad.yaml'}:4:")


def test_unreadable_and_undecodable_files(tmp_path: Path):
    with pytest.raises(RuleError, match=r"missing\.yaml:1:1: cannot read"):
        load_file(tmp_path / "missing.yaml")
    bad = tmp_path / "latin.yaml"
    bad.write_bytes(b"source: caf\xe9\n")
    with pytest.raises(RuleError, match=r"latin\.yaml:1:1: not UTF-8 text"):
        load_file(bad)


def test_user_file_replaces_builtin_source(tmp_path: Path):
    (tmp_path / "mine.yaml").write_text(
        textwrap.dedent(
            """\
            source: rferl.org
            match: {domains: [rferl.org]}
            remove:
              - id: only-this
                lines: [Accessibility links]
            """
        ),
        encoding="utf-8",
    )
    cleaner = Cleaner([tmp_path])
    assert [r.id for r in cleaner.rulesets["rferl.org"].rules] == ["only-this"]
    text = "Accessibility links\n\nBreaking News\n\nBody.\n"
    result = cleaner.explain(text, url="https://www.rferl.org/a/1.html")
    assert [r.rule for r in result.removals] == [
        "rferl.org/only-this",
        "generic/breaking-news-banner",
    ]


def test_builtin_rule_files_load_and_each_has_inline_tests():
    files = rule_files(builtin_rules_dir())
    assert {f.name for f in files} >= {
        "generic",
        "rferl.org.yaml",
        "theweek.com.yaml",
        "kyivindependent.com.yaml",
    }
    for path in files:
        ruleset = load_file(path)
        assert ruleset.tests, f"{path.name} has no inline tests"
        assert all(rule.note or rule.id for rule in ruleset.rules)


def test_misspelt_key_gets_a_suggestion():
    with pytest.raises(RuleError) as info:
        parse_rules("source: x\nremove:\n  - id: a\n    pattern: b\n    prevv: c\n", "x.yaml")
    assert (
        str(info.value)
        == "x.yaml:5:5: unknown key 'prevv' in a 'pattern' rule; did you mean 'prev'? (a)"
    )


def test_committed_schema_is_the_generated_one():
    from cleaner.schema import SCHEMA_FILE, schema_text

    committed = (builtin_rules_dir() / SCHEMA_FILE).read_text(encoding="utf-8")
    assert committed == schema_text(), "run: python -m cleaner.schema"


def test_every_builtin_file_names_the_schema_for_editors():
    for path in rule_files(builtin_rules_dir()):
        # A source folder's files name the schema one folder up.
        files, schema = (
            (sorted(path.glob("*.yaml")), "../rules.schema.json")
            if path.is_dir()
            else ([path], "rules.schema.json")
        )
        for file in files:
            first = file.read_text(encoding="utf-8").splitlines()[0]
            assert first == f"# yaml-language-server: $schema={schema}", file.name


def _places(data: object, path: str = "$") -> list[tuple[object, ...]]:
    """Every key's and value's place in a loaded rule file, and each value's style."""
    found: list[tuple[object, ...]] = []
    if isinstance(data, dict):
        found.append((path, data.mark.line, data.mark.column))
        for key, value in data.items():
            mark, node = data.key_marks[key], data.nodes[key]
            found.append((f"{path}.{key}", mark.line, mark.column))
            found.append((path, key, node.start_mark.line, node.start_mark.column))
            found.append((path, key, node.end_mark.line, node.end_mark.column))
            found.append((path, key, getattr(node, "style", None)))
            found += _places(value, f"{path}.{key}")
    elif isinstance(data, list):
        found.append((path, data.mark.line, data.mark.column))
        for i, (value, node) in enumerate(zip(data, data.nodes, strict=True)):
            found.append((path, i, node.start_mark.line, node.start_mark.column))
            found.append((path, i, getattr(node, "style", None)))
            found += _places(value, f"{path}[{i}]")
    return found


@pytest.mark.skipif(len(loader._LOADERS) < 2, reason="PyYAML was built without libyaml")
@pytest.mark.parametrize("path", sorted(builtin_rules_dir().rglob("*.yaml")), ids=lambda p: p.name)
def test_libyaml_reads_every_builtin_file_as_pyyaml_does(path: Path):
    # Error places and the columns of patterns come from these marks.
    text = path.read_text("utf-8")
    fast = yaml.load(text, Loader=loader._LOADERS[0])
    reference = yaml.load(text, Loader=loader._LOADERS[-1])
    assert fast == reference
    assert _places(fast) == _places(reference)
    assert len(_places(fast)) > 20
