"""python -m cleaner.schema: prints the schema, writes it where told, checks the packaged one."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from cleaner import schema
from cleaner.loader import builtin_rules_dir
from cleaner.schema import SCHEMA_FILE, schema_text


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = schema.main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_committed_schema_is_current():
    code, out, err = run("--check")
    assert (code, out) == (0, ""), err
    assert err.endswith(f"{SCHEMA_FILE}: up to date\n")


def test_without_arguments_it_prints_and_writes_nothing():
    packaged = builtin_rules_dir() / SCHEMA_FILE
    before = packaged.stat().st_mtime_ns
    code, out, _ = run()
    assert code == 0
    assert json.loads(out)["title"] == "boilerclean rule file"
    assert out == packaged.read_text(encoding="utf-8")
    assert packaged.stat().st_mtime_ns == before


def test_output_writes_the_path_given(tmp_path):
    target = tmp_path / "s.json"
    code, out, err = run("-o", str(target))
    assert (code, out) == (0, "")
    assert target.read_text(encoding="utf-8") == schema_text()
    assert err == f"wrote {target}\n"


def test_check_fails_when_the_packaged_schema_is_stale(tmp_path, monkeypatch):
    (tmp_path / SCHEMA_FILE).write_text('{"title": "old"}\n', encoding="utf-8")
    monkeypatch.setattr("cleaner.loader.builtin_rules_dir", lambda: tmp_path)
    code, out, err = run("--check")
    assert (code, out) == (1, "")
    assert err == (
        f"{tmp_path / SCHEMA_FILE}: out of date; "
        f"run: python -m cleaner.schema -o rules/{SCHEMA_FILE}\n"
    )
    assert (tmp_path / SCHEMA_FILE).read_text(encoding="utf-8") == '{"title": "old"}\n'


def test_output_that_cannot_be_written_is_one_line(tmp_path):
    code, _, err = run("-o", str(tmp_path / "no" / "s.json"))
    assert code == 2
    assert err.startswith(f"{tmp_path / 'no' / 's.json'}: cannot write: ")


@pytest.mark.parametrize("argv", [["--check", "-o", "x"], ["--bogus"]])
def test_misuse_is_exit_2(argv):
    assert run(*argv)[0] == 2


def test_the_module_runs_as_a_command_without_warnings():
    # The module that runs must not be imported already by the package, or
    # runpy warns that it may behave unpredictably.
    found = subprocess.run(
        [sys.executable, "-W", "error", "-m", "cleaner.schema", "--check"],
        capture_output=True,
        text=True,
        cwd=Path(__file__).parent,
        check=False,
    )
    assert found.returncode == 0, found.stderr
    assert "Warning" not in found.stderr
