"""Fuzz the rule loader: the bytes of a rule file either load or raise
``RuleError``; anything else is a finding.

Bytes that are not UTF-8 are a ``RuleError`` from ``read_rules_text`` before
the loader sees them (tested in tests/test_loader.py), so only UTF-8 is parsed.

Findings already reported and being fixed in the loader (issue 15, hostile rule
files) are let through, so that the CI run looks for new ones; set
FUZZ_RULES_STRICT=1 to see them again (and drop them from KNOWN once fixed):
inputs with YAML aliases (an alias bomb is time and memory, not an exception),
RecursionError (deep YAML or regex nesting), and a TypeError in ``_kinds_in``
(a rule that is a list holding a list: ``remove: [[[x]]]``).

    python fuzz/fuzz_rules.py -max_total_time=60 -dict=fuzz/rules.dict CORPUS_DIR
"""

from __future__ import annotations

import os
import sys
import traceback

import atheris

with atheris.instrument_imports(include=["cleaner", "yaml"]):
    import yaml

    from cleaner import RuleError
    from cleaner.loader import parse_rules

STRICT = os.environ.get("FUZZ_RULES_STRICT") == "1"
# (exception type, function the exception leaves the loader's code from, or None for anywhere).
KNOWN: tuple[tuple[type[BaseException], str | None], ...] = (
    (RecursionError, None),
    (TypeError, "_kinds_in"),
)


def _has_alias(text: str) -> bool:
    try:
        return any(isinstance(token, yaml.AliasToken) for token in yaml.scan(text))
    except yaml.YAMLError:
        return False


def _known(exc: BaseException) -> bool:
    frames = [frame.name for frame in traceback.extract_tb(exc.__traceback__)]
    return any(
        isinstance(exc, kind) and (where is None or where in frames) for kind, where in KNOWN
    )


def test_one_input(data: bytes) -> None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return
    if not STRICT and _has_alias(text):
        return
    try:
        parse_rules(text, "fuzz.yaml")
    except RuleError:
        pass
    except Exception as exc:
        if STRICT or not _known(exc):
            raise


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
