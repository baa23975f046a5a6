"""The real pre-commit runs this repository's hooks: on scraped pages only."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from cleaner import clean

from .conftest import ROOT, SAMPLES

HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
RAW = (SAMPLES / "004_bf5d9ff760c73d1d.txt").read_text(encoding="utf-8")
# Files a corpus repository holds beside its pages, each one boilerclean would
# change if it were given them.
OTHERS = {
    "pyproject.toml": '[project]\nname = "corpus"   \n\n\n\n[tool.boilerclean]\nrules = []\n',
    "scrape.py": '"""Fetch the pages.\n\nShare this article\nAdvertisement\n"""\n\nTIMEOUT = 30\n',
    "notes.txt": "Our notes.\n\nShare this article\nAdvertisement\n",
}


def test_published_hooks_take_only_scraped_pages():
    for hook in HOOKS:
        pattern = re.compile(hook["files"])
        for path in ("pages/a.txt", "site/pages/2024/b.txt", "c.page.txt"):
            assert pattern.search(path), (hook["id"], path)
        for path in ("pyproject.toml", "scrape.py", "notes.txt", "mypages/a.txt", "pages/a.py"):
            assert not pattern.search(path), (hook["id"], path)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"`{HOOKS[0]['files']}`" in readme


def test_readme_snippet_names_published_hooks():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (snippet,) = re.findall(r"```yaml\n(repos:.*?)```", readme, flags=re.S)
    (repo,) = yaml.safe_load(snippet)["repos"]
    assert {hook["id"] for hook in repo["hooks"]} <= {hook["id"] for hook in HOOKS}
    # No made-up sha: the placeholder says what goes there.
    assert repo["rev"] == "<full commit sha>"
    assert "pre-commit autoupdate --freeze" in readme


def _git(*args: str, cwd: Path, env: dict[str, str]) -> None:
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    home = tmp_path_factory.mktemp("home")
    return {
        **os.environ,
        "PRE_COMMIT_HOME": str(home / "pre-commit-home"),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(home),
        # The hook's install compiles the Rust core: rustup's cargo finds its
        # toolchains under the real home, which HOME no longer names.
        "CARGO_HOME": os.environ.get("CARGO_HOME", str(Path.home() / ".cargo")),
        "RUSTUP_HOME": os.environ.get("RUSTUP_HOME", str(Path.home() / ".rustup")),
    }


def _corpus(root: Path, env: dict[str, str]) -> Path:
    repo = root / "corpus"
    (repo / "pages").mkdir(parents=True)
    (repo / "pages" / "story.txt").write_text(RAW, encoding="utf-8")
    for name, text in OTHERS.items():
        assert clean(text) != text, name  # the hook would change it, were it given it
        (repo / name).write_text(text, encoding="utf-8")
    _git("init", "-q", cwd=repo, env=env)
    _git("add", ".", cwd=repo, env=env)
    return repo


def _hook(repo: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "boilerclean", *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def needs_git(test: Callable[..., None]) -> Callable[..., None]:
    """Slow (pre-commit installs the hook's environment), and needs git and this checkout."""
    for mark in (
        pytest.mark.slow,
        pytest.mark.skipif(not (ROOT / ".git").exists(), reason="needs this project as a checkout"),
        pytest.mark.skipif(shutil.which("git") is None, reason="needs git"),
    ):
        test = mark(test)
    return test


@needs_git
def test_all_files_changes_only_the_page(tmp_path: Path, env: dict[str, str]):
    # Acceptance 2 of issue 15: a corpus repository with a pyproject.toml, a
    # Python file and a scraped page; only the page changes.
    repo = _corpus(tmp_path, env)
    first = _hook(repo, env, "--all-files")
    assert first.returncode == 1, first.stdout + first.stderr
    assert "files were modified by this hook" in first.stdout
    assert "fixed pages/story.txt" in first.stdout
    assert (repo / "pages" / "story.txt").read_text(encoding="utf-8") == clean(RAW)
    for name, text in OTHERS.items():
        assert (repo / name).read_text(encoding="utf-8") == text, name
        assert name not in first.stdout

    second = _hook(repo, env, "--all-files")
    assert second.returncode == 0, second.stdout + second.stderr
    assert "Passed" in second.stdout


@needs_git
def test_named_files_outside_the_pattern_are_skipped(tmp_path: Path, env: dict[str, str]):
    repo = _corpus(tmp_path, env)
    done = _hook(repo, env, "--files", "pyproject.toml", "scrape.py", "notes.txt")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "(no files to check)Skipped" in done.stdout
    for name, text in OTHERS.items():
        assert (repo / name).read_text(encoding="utf-8") == text, name
