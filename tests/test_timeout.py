"""A catastrophic user pattern is cut short, named, and skipped; the article survives."""

from __future__ import annotations

import time
from pathlib import Path

from cleaner import Cleaner

CATASTROPHIC = """\
source: slow.example
match: {domains: [slow.example]}
remove:
  - id: share
    lines: [Share]
  - id: evil
    pattern: '(a|aa)+'
"""


def test_catastrophic_pattern_does_not_hang(tmp_path: Path):
    (tmp_path / "slow.yaml").write_text(CATASTROPHIC, encoding="utf-8")
    cleaner = Cleaner([tmp_path], timeout=0.2)
    article = "An article paragraph that must survive.\n\n" + "a" * 60 + "b\n\nShare\n"
    start = time.monotonic()
    result = cleaner.explain(article * 20, url="https://slow.example/x")
    elapsed = time.monotonic() - start
    # One combined attempt and one attempt of the culprit alone, not one per line.
    assert elapsed < 3
    assert [s.rule for s in result.skipped] == ["slow.example/evil"]
    assert "timed out" in result.skipped[0].reason
    assert "An article paragraph that must survive." in result.text
    assert "Share" not in result.text.splitlines()
