"""The README's commands and its rule-file example stay true."""

from __future__ import annotations

import re

from cleaner import Cleaner
from cleaner.loader import parse_rules

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_two_commands_ci_runs():
    blocks = re.findall(r"```sh\n(.*?)\n```", README, flags=re.S)
    install, tests = blocks[0], blocks[1]
    assert "pip install -e '.[test]'" in install and "boilerclean < tests/samples/" in install
    assert tests.endswith("python -m pytest")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert install in ci and tests in ci


def test_rule_file_example_loads_and_its_tests_pass(tmp_path):
    (example,) = re.findall(r"```yaml\n(source: example\.com.*?)```", README, flags=re.S)
    ruleset = parse_rules(example, "README.md")
    assert {type(rule).key for rule in ruleset.rules} == {"lines", "pattern", "from", "paragraph"}
    (tmp_path / "example.com.yaml").write_text(example, encoding="utf-8")
    cleaner = Cleaner([tmp_path])
    for test in ruleset.tests:
        assert cleaner.clean(test.input, source="example.com") == test.output
