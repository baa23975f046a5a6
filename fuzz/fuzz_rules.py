"""Fuzz the rule loader: the bytes of a rule file either load or raise
``RuleError``; anything else is a finding.

Bytes that are not UTF-8 are a ``RuleError`` from ``read_rules_text`` before
the loader sees them (tested in tests/test_loader.py), so only UTF-8 is parsed.

What it found (a rule that is a list holding a list, ``remove: [[[x]]]``, was a
TypeError; deep YAML or regex nesting a RecursionError) is now a ``RuleError``,
kept as cases in tests/test_fuzz.py and tests/test_hostile_rules.py. Aliases of
lists and mappings are refused before they expand, so alias bombs are fuzzed too.

    python fuzz/fuzz_rules.py -max_total_time=60 -dict=fuzz/rules.dict CORPUS_DIR
"""

from __future__ import annotations

import contextlib
import sys

import atheris

with atheris.instrument_imports(include=["cleaner", "yaml"]):
    from cleaner import RuleError
    from cleaner.loader import parse_rules


def test_one_input(data: bytes) -> None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return
    with contextlib.suppress(RuleError):
        parse_rules(text, "fuzz.yaml")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
