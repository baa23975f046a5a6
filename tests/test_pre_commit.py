"""The real pre-commit runs this repository's hook on a scraped page."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cleaner import clean

from .conftest import ROOT, SAMPLES

pytestmark = pytest.mark.slow


def _git(*args: str, cwd: Path, env: dict[str, str]) -> None:
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="needs this project as a git checkout")
@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_hook_fixes_then_passes(tmp_path: Path):
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(tmp_path),
    }
    repo = tmp_path / "corpus"
    repo.mkdir()
    raw = (SAMPLES / "004_bf5d9ff760c73d1d.txt").read_text(encoding="utf-8")
    (repo / "page.txt").write_text(raw, encoding="utf-8")
    _git("init", "-q", cwd=repo, env=env)
    _git("add", "page.txt", cwd=repo, env=env)

    def hook() -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "boilerclean"]
        return subprocess.run(
            [*command, "--files", "page.txt"],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )

    first = hook()
    assert first.returncode == 1, first.stdout + first.stderr
    assert "files were modified by this hook" in first.stdout
    assert "fixed page.txt" in first.stdout
    assert (repo / "page.txt").read_text(encoding="utf-8") == clean(raw)

    second = hook()
    assert second.returncode == 0, second.stdout + second.stderr
    assert "Passed" in second.stdout
