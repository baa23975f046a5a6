"""The command: stdin to stdout, in process and as the installed script."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys

import pytest

from cleaner import clean
from cleaner.cli import main

from .conftest import SAMPLES


class _Stdio:
    def __init__(self, data: bytes):
        self.buffer = io.BytesIO(data)


def run_main(monkeypatch, capsysbinary, data: bytes, *argv: str) -> tuple[int, bytes, bytes]:
    monkeypatch.setattr(sys, "stdin", _Stdio(data))
    code = main(list(argv))
    out, err = capsysbinary.readouterr()
    return code, out, err


def test_stdin_to_stdout_equals_clean(monkeypatch, capsysbinary):
    raw = (SAMPLES / "004_bf5d9ff760c73d1d.txt").read_text(encoding="utf-8")
    code, out, err = run_main(monkeypatch, capsysbinary, raw.encode())
    assert code == 0
    assert out.decode() == clean(raw)
    assert err == b""


def test_explain_goes_to_stderr(monkeypatch, capsysbinary):
    code, out, err = run_main(monkeypatch, capsysbinary, b"Skip to content\nBody.\n", "--explain")
    assert code == 0
    assert out == b"Body.\n"
    assert err.decode().splitlines() == ["-:1: generic/skip-links: Skip to content"]


def test_undecodable_input_is_one_line_and_exit_2(monkeypatch, capsysbinary):
    code, out, err = run_main(monkeypatch, capsysbinary, b"ok\n\xff\xfe\n")
    assert code == 2
    assert out == b""
    assert err.decode() == "-: cannot decode as UTF-8 (byte 3: invalid start byte)\n"


def test_unknown_source_is_exit_2(monkeypatch, capsysbinary):
    code, _, err = run_main(monkeypatch, capsysbinary, b"x\n", "--source", "nope")
    assert code == 2
    assert err.decode().startswith("boilerclean: unknown source 'nope'")


@pytest.mark.skipif(shutil.which("boilerclean") is None, reason="the command is not installed")
def test_installed_command():
    raw = (SAMPLES / "001_8f71d8338ecf41c1.txt").read_bytes()
    done = subprocess.run(["boilerclean"], input=raw, capture_output=True, check=False)
    assert done.returncode == 0
    assert done.stdout.decode() == clean(raw.decode())
