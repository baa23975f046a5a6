"""Rule files from a repository someone else controls: refused quickly, with their place.

Each file here is the kind a pre-commit hook may meet in another person's
repository: an alias bomb, nesting meant to exhaust the stack, ids that would
forge log lines, paths that lead out of the rule directory.
"""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest

import cleaner
from cleaner import Cleaner, RuleError
from cleaner.cli import main
from cleaner.loader import MAX_DEPTH, NAME, check_rules, load_file

# Nine lists of nine, each item the list before: 419 bytes that expand to 9**9 strings.
BOMB = "source: bomb\nlol: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"l{n}: &{chr(98 + n)} [{', '.join([f'*{chr(97 + n)}'] * 9)}]\n" for n in range(8)
)


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.BytesIO(), io.StringIO()
    code = main(list(argv), stdin=io.BytesIO(b""), stdout=out, stderr=err)
    return code, out.getvalue().decode("utf-8"), err.getvalue()


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def errors_of(text: str) -> list[str]:
    return [str(error) for error in check_rules(text, "f.yaml")[1]]


# --- aliases --------------------------------------------------------------------------------------


def test_the_bomb_is_what_it_claims():
    assert len(BOMB.encode()) < 500
    assert BOMB.count("*") == 72


def test_alias_bomb_is_refused_at_once_by_the_loader():
    start = time.monotonic()
    found = errors_of(BOMB)
    assert time.monotonic() - start < 0.5
    assert found == [
        "f.yaml:3:9: alias *a names a list or mapping; only a plain value (a string) "
        "may be named by an alias in a rule file"
    ]


@pytest.mark.parametrize("command", ["validate", "test"])
def test_alias_bomb_is_refused_at_once_by_rules_commands(tmp_path, command):
    path = write(tmp_path, "bomb.yaml", BOMB)
    start = time.monotonic()
    code, out, _ = run("rules", command, str(path))
    assert time.monotonic() - start < 2
    assert code == 2
    assert out.splitlines()[0].startswith(f"{path}:3:9: alias *a names a list or mapping")
    assert "lol, lol" not in out


def test_alias_bomb_in_a_rule_directory_is_a_rule_error(tmp_path):
    write(tmp_path, "bomb.yaml", BOMB)
    with pytest.raises(RuleError, match=r"bomb\.yaml:3:9: alias"):
        Cleaner([tmp_path])


def test_merge_key_alias_is_refused():
    found = errors_of("base: &b {id: x}\nsource: s\n<<: *b\n")
    assert found[0].startswith("f.yaml:3:5: alias *b names a list or mapping")


def test_alias_of_a_string_is_allowed():
    # The built-in theweek.com file names its bio pattern twice.
    text = "source: s\nremove:\n  - id: a\n    pattern: &p 'x+'\n  - id: b\n    lines: [y]\n"
    text += "    prev: *p\n"
    assert errors_of(text) == []


# --- nesting --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "remove",
    [
        "[" * 500 + "]" * 500,
        "{a: " * 500 + "b" + "}" * 500,
        "\n" + "".join(f"{' ' * n}-\n" for n in range(400)),
    ],
    ids=["lists", "mappings", "block lists"],
)
def test_deep_yaml_is_refused_with_its_place(remove):
    found = errors_of(f"source: s\nremove: {remove}\n")
    assert len(found) == 1
    assert found[0].startswith("f.yaml:")
    assert found[0].endswith(f"nested more than {MAX_DEPTH} levels deep")


@pytest.mark.parametrize("remove", ["[[[x]]]", "[[x], [y, z]]", "[{[a]: b}]"])
def test_a_rule_that_is_no_mapping_is_an_error_not_a_crash(remove):
    # Found by fuzz/fuzz_rules.py: a list as a rule reached a set lookup (TypeError).
    found = errors_of(f"source: s\nremove: {remove}\n")
    assert found
    assert all(line.startswith("f.yaml:2:") for line in found)


def test_nesting_that_rule_files_use_is_accepted():
    text = "source: s\nmatch: {domains: [a.example]}\nremove:\n  - id: a\n    lines: [x]\n"
    assert errors_of(text) == []


@pytest.mark.parametrize("group", ["(", "(?:", "(?i:"])
def test_deeply_nested_regex_is_refused_with_its_place(group):
    pattern = group * 3000 + "a" + ")" * 3000
    found = errors_of(f"source: s\nremove:\n  - id: deep\n    pattern: '{pattern}'\n")
    assert found == [
        "f.yaml:4:14: invalid regular expression: groups nested more than 100 deep (deep)"
    ]


def test_deeply_nested_regex_through_the_cli(tmp_path):
    path = write(
        tmp_path,
        "r.yaml",
        "source: s\nremove:\n  - id: d\n    pattern: '" + "(" * 2000 + ")" * 2000 + "'\n",
    )
    code, out, err = run("rules", "validate", str(path))
    assert code == 2
    assert out == f"{path}:4:14: invalid regular expression: groups nested more than 100 deep (d)\n"
    assert "Traceback" not in err


# --- ids ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "rule_id", ["ok\\n", "ok\\nfake.yaml:1:1: forged", "a\\u0007", "a\\tb", "a/b", "a b"]
)
def test_rule_ids_outside_the_charset_are_refused(rule_id):
    found = errors_of(f'source: s\nremove:\n  - id: "{rule_id}"\n    lines: [x]\n')
    assert len(found) == 1
    assert found[0].startswith("f.yaml:3:9: 'id' must be lowercase letters, digits")
    # The message is one printable line: the id does not forge another.
    assert found[0].isprintable()


def test_source_with_a_newline_is_refused():
    found = errors_of('source: "s\\n"\nremove: []\n')
    assert found == ["f.yaml:1:9: 'source' must be a lowercase name such as 'example.com'"]


def test_built_in_ids_and_sources_are_in_the_charset():
    built_in = Cleaner().rulesets.values()
    assert all(NAME.fullmatch(rs.source) for rs in built_in)
    ids = [rule.id for rs in built_in for rule in rs.rules]
    assert len(ids) > 50
    assert all(NAME.fullmatch(rule_id) for rule_id in ids)


# --- paths ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("target", ["../outside/base.yaml", "sub/../../outside/base.yaml"])
def test_extends_cannot_climb_out_of_the_folder(tmp_path, target):
    write(tmp_path / "outside", "base.yaml", "source: base\nremove: []\n")
    path = write(tmp_path / "rules", "s.yaml", f"source: s\nextends: {target}\n")
    with pytest.raises(RuleError) as info:
        Cleaner([tmp_path / "rules"])
    assert str(info.value) == (
        f"{path}:2:1: 'extends' names {target!r}: a path must stay inside the rule's folder"
    )


def test_extends_cannot_name_an_absolute_path(tmp_path):
    base = write(tmp_path / "outside", "base.yaml", "source: base\nremove: []\n")
    path = write(tmp_path / "rules", "s.yaml", f"source: s\nextends: {base}\n")
    with pytest.raises(RuleError, match="a path must stay inside the rule's folder") as info:
        load_and_resolve(path)
    assert str(info.value).startswith(f"{path}:2:1: ")


def test_extends_cannot_follow_a_symlink_out(tmp_path):
    write(tmp_path / "outside", "base.yaml", "source: base\nremove: []\n")
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "link.yaml").symlink_to(tmp_path / "outside" / "base.yaml")
    (tmp_path / "rules" / "sub").symlink_to(tmp_path / "outside")
    path = write(tmp_path / "rules", "s.yaml", "source: s\nextends: sub/base.yaml\n")
    with pytest.raises(RuleError) as info:
        load_and_resolve(path)
    assert str(info.value) == (
        f"{path}:2:1: 'extends' names 'sub/base.yaml', which leads outside the rule's folder"
    )


def load_and_resolve(path: Path) -> object:
    from cleaner.loader import resolve_extends

    return resolve_extends(load_file(path), {})


def test_a_rule_file_symlinked_from_outside_is_refused(tmp_path):
    secret = write(tmp_path / "home", "secret.yaml", "source: secret\nremove: []\n")
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "a.yaml").symlink_to(secret)
    with pytest.raises(RuleError) as info:
        Cleaner([tmp_path / "rules"])
    assert str(info.value) == (
        f"{tmp_path / 'rules' / 'a.yaml'}: a symlink to a file outside its rules directory"
    )


def test_rules_test_does_not_read_fixtures_outside_the_folder(tmp_path):
    secret = write(tmp_path / "home", "secret.txt", "password=hunter2\n")
    rules = tmp_path / "rules"
    write(rules, "s.yaml", "source: s\nremove: []\n")
    write(rules / "tests", "p.clean.txt", "Expected.\n")
    (rules / "tests" / "p.txt").symlink_to(secret)
    code, out, _ = run("rules", "test", str(rules / "s.yaml"))
    assert code == 2
    assert "hunter2" not in out
    assert f"{rules / 'tests' / 'p.txt'}: a symlink to outside the rules directory; not read" in out


def test_rules_test_does_not_follow_a_tests_folder_out(tmp_path):
    write(tmp_path / "home", "p.txt", "password=hunter2\n")
    write(tmp_path / "home", "p.clean.txt", "x\n")
    rules = tmp_path / "rules"
    write(rules, "s.yaml", "source: s\nremove: []\n")
    (rules / "tests").symlink_to(tmp_path / "home")
    code, out, _ = run("rules", "test", str(rules))
    assert code == 2
    assert "hunter2" not in out
    assert out.startswith(f"{rules / 'tests'}: a symlink to outside the rules directory")


# --- library errors -------------------------------------------------------------------------------


def test_missing_rule_directory_is_a_rule_error_naming_it(tmp_path):
    missing = tmp_path / "missing"
    with pytest.raises(RuleError) as info:
        Cleaner(rule_dirs=[str(missing)])
    assert str(info.value) == f"{missing}: no such rules directory"
    assert info.value.path == str(missing)


def test_a_single_path_for_rule_dirs_is_refused():
    with pytest.raises(TypeError, match="rule_dirs must be a list of directories"):
        Cleaner(rule_dirs="rules")


def test_negative_timeout_is_refused_with_a_clear_message():
    with pytest.raises(ValueError) as info:
        Cleaner(timeout=-1)
    assert str(info.value) == "timeout must be more than 0 and at most 10 seconds, got -1"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: cleaner.clean("x", url=123), "url must be str, not int"),
        (lambda: cleaner.clean(b"x"), "text must be str, not bytes"),
        (lambda: cleaner.clean("x", source=1), "source must be str, not int"),
        (lambda: cleaner.explain(None), "text must be str, not NoneType"),
        (lambda: cleaner.clean_html("<p>x</p>", url=b"u"), "url must be str, not bytes"),
        (lambda: cleaner.clean_html(1), "html must be str or bytes, not int"),
        (lambda: cleaner.clean_many(["x"], urls=[1]), "url must be str, not int"),
    ],
)
def test_arguments_of_the_wrong_type_are_type_errors(call, message):
    with pytest.raises(TypeError) as info:
        call()
    assert str(info.value) == message
