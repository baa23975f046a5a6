"""Acceptance 3 at a small count: SIGKILL at random moments loses no file, leaves no debris."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from benchmarks.kill_test import run_rounds


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
@pytest.mark.parametrize("jobs", [1, 2])
def test_killed_in_place_runs_lose_nothing(tmp_path: Path, jobs: int) -> None:
    rounds = run_rounds(tmp_path, files=60, kills=3, jobs=jobs, seed=jobs)
    assert len(rounds) == 3
    for r in rounds:
        assert r.broken == 0, r  # every file: its original bytes or its cleaned text
        assert r.next_status in (0, 1), r  # the next run completed ...
        assert r.next_wrong == 0, r  # ... and cleaned every file
        assert r.temps_after == 0, r  # ... and removed what the kill left
