"""The README's commands and its rule-file example stay true."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

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
    assert {type(rule).key for rule in ruleset.rules} == {
        "lines",
        "pattern",
        "phrases",
        "from",
        "paragraph",
    }
    (tmp_path / "example.com.yaml").write_text(example, encoding="utf-8")
    cleaner = Cleaner([tmp_path])
    for test in ruleset.tests:
        assert cleaner.clean(test.input, source="example.com") == test.output


def _transcripts(section: str) -> list[tuple[str, list[str]]]:
    """(command, expected output lines) of every ``$ `` line in a section's console blocks."""
    start = README.index(f"\n## {section}\n")
    end = README.index("\n## ", start + 1)
    steps: list[tuple[str, list[str]]] = []
    for block in re.findall(r"```console\n(.*?)```", README[start:end], flags=re.S):
        for line in block.splitlines():
            if line.startswith("$ "):
                steps.append((line[2:], []))
            else:
                steps[-1][1].append(line)
    return steps


def _matches(expected: list[str], actual: list[str]) -> bool:
    """Whether ``actual`` reads as ``expected``, where a line ``…`` stands for any lines."""
    pattern = "\n".join(".*?" if line == "…" else re.escape(line) for line in expected)
    return (
        re.fullmatch(pattern.replace("\n.*?\n", "(?:\n.*?)?\n"), "\n".join(actual), re.S)
        is not None
    )


def test_the_adding_a_source_transcript_is_what_the_command_prints(tmp_path):
    """Each command of the walkthrough, run in order on the Harbour Gazette pages."""
    fixtures = ROOT / "tests" / "fixtures" / "harbourgazette"
    (tmp_path / "pages").mkdir()
    for page in fixtures.glob("page?.txt"):
        shutil.copy(page, tmp_path / "pages" / page.name)
    shutil.copy(fixtures / "page4.clean.txt", tmp_path)
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    steps = _transcripts("Adding a source")
    assert len(steps) >= 8
    status = 0
    for command, expected in steps:
        name = re.fullmatch(r"cat (\S+)", command)
        if name and not (tmp_path / name[1]).exists():
            # The walkthrough shows a file the user wrote: write it as shown.
            (tmp_path / name[1]).write_text("\n".join(expected) + "\n", encoding="utf-8")
        if command.startswith("boilerclean rules validate my-rules"):
            # Step 2, the edit: the walkthrough's inline test goes into the file.
            (edit,) = re.findall(r"```yaml\n(tests:\n  - name: furniture goes.*?)```", README, re.S)
            with (tmp_path / "my-rules" / "harbourgazette.com.yaml").open("a") as rules:
                rules.write(edit)
        if command == "echo $?":
            actual = [str(status)]
        else:
            done = subprocess.run(
                command, shell=True, cwd=tmp_path, env=env, capture_output=True, text=True
            )
            status = done.returncode
            actual = (done.stdout + done.stderr).splitlines()
        assert _matches(expected, actual), f"$ {command}\n" + "\n".join(actual)
