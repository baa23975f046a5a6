"""A source split over a folder of rule files (as ``rules/generic/`` is), merged in name order."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from cleaner import Cleaner
from cleaner.errors import RuleError
from cleaner.loader import builtin_rules_dir, check_source, is_source_folder, load_file, rule_files
from cleaner.rules_cli import main as rules_main


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


SITE = "source: site.example\n"


def split_site(root: Path) -> Path:
    folder = root / "site.example"
    write(
        folder,
        "20-tail.yaml",
        SITE + "remove:\n  - id: footer\n    from: 'The end'\n"
        'tests:\n  - input: "Body.\\n\\nThe end\\nmore\\n"\n    output: "Body.\\n"\n',
    )
    write(
        folder,
        "10-head.yaml",
        SITE + "match:\n  domains: [site.example]\nremove:\n"
        "  - id: label\n    phrases: [Sponsored]\n  - id: any-label\n    pattern: 'Spon.*'\n",
    )
    return folder


def test_the_files_of_a_source_folder_merge_in_name_order(tmp_path: Path) -> None:
    folder = split_site(tmp_path)
    assert is_source_folder(folder)
    ruleset = load_file(folder)
    assert ruleset.source == "site.example" and ruleset.path == str(folder)
    assert [rule.id for rule in ruleset.rules] == ["label", "any-label", "footer"]
    assert ruleset.match.domains == ("site.example",)
    (test,) = ruleset.tests
    assert test.path == str(folder / "20-tail.yaml") and test.line == 6


def test_a_user_directory_may_hold_a_source_folder(tmp_path: Path) -> None:
    split_site(tmp_path)
    cleaner = Cleaner([tmp_path])
    found = cleaner.explain(
        "— SPONSORED —\n\nBody.\n\nThe end\nmore\n", url="https://site.example/a"
    )
    assert [(r.rule, r.line) for r in found.removals] == [
        ("site.example/label", 1),
        ("site.example/footer", 5),
        ("site.example/footer", 6),
    ]


def test_a_folder_that_is_no_source_is_left_alone(tmp_path: Path) -> None:
    # A base that files extend, in a sub-folder of its own (README, extends).
    write(tmp_path / "shared", "base.yaml", "source: base\nremove:\n  - id: a\n    lines: [x]\n")
    write(tmp_path, "site.example.yaml", SITE + "extends: shared/base.yaml\n")
    assert not is_source_folder(tmp_path / "shared")
    assert [p.name for p in rule_files(tmp_path)] == ["site.example.yaml"]
    assert [r.id for r in Cleaner([tmp_path]).rulesets["site.example"].rules] == ["a"]


def test_a_folder_extends_a_base_beside_its_files(tmp_path: Path) -> None:
    folder = split_site(tmp_path)
    write(folder / "shared", "base.yaml", "source: base\nremove:\n  - id: x\n    lines: [x]\n")
    # Only the first file may say how the source is matched and what it extends.
    head = (
        (folder / "10-head.yaml").read_text().replace("match:", "extends: shared/base.yaml\nmatch:")
    )
    write(folder, "10-head.yaml", head)
    assert [r.id for r in Cleaner([tmp_path]).rulesets["site.example"].rules][:2] == ["x", "label"]


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (
            "30-more.yaml",
            SITE + "remove:\n  - id: label\n    lines: [x]\n",
            "30-more.yaml:3:9: duplicate rule id (first used in 10-head.yaml:5) (label)",
        ),
        (
            "30-more.yaml",
            "source: other.example\nremove:\n  - id: b\n    lines: [x]\n",
            "30-more.yaml:1:9: 'source' must be 'site.example', the name of the folder it is in",
        ),
        (
            "30-more.yaml",
            SITE + "description: More.\n",
            "30-more.yaml:2:14: only the first file of the folder (10-head.yaml) may say 'description'",
        ),
        (
            "30-more.yaml",
            SITE + "remove:\n  - id: b\n    pattern: '(x'\n",
            "30-more.yaml:4:17: invalid regular expression: missing ) (b)",
        ),
    ],
)
def test_faults_of_a_source_folder_name_their_file(
    tmp_path: Path, name: str, text: str, expected: str
) -> None:
    folder = split_site(tmp_path)
    write(folder, name, text)
    ruleset, errors = check_source(folder)
    assert ruleset is None
    assert [str(error) for error in errors] == [f"{folder}/{expected}"]
    with pytest.raises(RuleError):
        Cleaner([tmp_path])


def run(*argv: str) -> tuple[int, str]:
    out, err = io.BytesIO(), io.StringIO()
    code = rules_main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue().decode() + err.getvalue()


def test_rules_validate_and_test_take_a_source_folder(tmp_path: Path) -> None:
    folder = split_site(tmp_path)
    assert run("validate", "--no-config", str(folder))[0] == 0
    code, out = run("test", "--no-config", str(tmp_path))
    assert code == 0 and "1 passed, 0 failed" in out
    write(
        folder,
        "20-tail.yaml",
        (folder / "20-tail.yaml").read_text().replace('Body.\\n"', 'Oops\\n"'),
    )
    code, out = run("test", "--no-config", str(folder))
    assert code == 1 and f"FAIL {folder / '20-tail.yaml'}:6:" in out


def test_the_builtin_generic_rules_are_a_folder_of_topics() -> None:
    folder = builtin_rules_dir() / "generic"
    assert is_source_folder(folder) and not (builtin_rules_dir() / "generic.yaml").exists()
    files = sorted(folder.glob("*.yaml"))
    assert len(files) >= 8
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert text.startswith("# yaml-language-server: $schema=../rules.schema.json\n")
        long = [n for n, line in enumerate(text.split("\n"), 1) if len(line) > 120]
        # Only a test's page lines may run long: a line break would change the page.
        assert all(text.split("\n")[n - 1].startswith("      ") for n in long), (path.name, long)
        ruleset, errors = check_source(path)
        assert errors == [] and ruleset is not None and ruleset.source == "generic"
