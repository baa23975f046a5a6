"""Every built-in rule file's inline ``tests:`` pass."""

from __future__ import annotations

import pytest

from cleaner import Cleaner
from cleaner.loader import builtin_rules_dir, load_file, rule_files

CLEANER = Cleaner()
CASES = [
    pytest.param(ruleset, test, id=f"{ruleset.source}:{test.line}:{test.name or ''}")
    for ruleset in (load_file(path) for path in rule_files(builtin_rules_dir()))
    for test in ruleset.tests
]


def normalise(text: str) -> str:
    return "\n".join(line.strip() for line in text.strip().splitlines())


@pytest.mark.parametrize(("ruleset", "test"), CASES)
def test_inline(ruleset, test):
    out = CLEANER.clean(test.input, source=ruleset.source)
    assert normalise(out) == normalise(test.output)
