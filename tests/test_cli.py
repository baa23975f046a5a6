"""The command, driven in process through ``main(argv)``, and once as installed."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cleaner import clean
from cleaner.cli import main

from .conftest import SAMPLES

DIRTY = (SAMPLES / "004_bf5d9ff760c73d1d.txt").read_text(encoding="utf-8")
CLEAN = (SAMPLES / "004_bf5d9ff760c73d1d.clean.txt").read_text(encoding="utf-8")


class Run:
    def __init__(self, code: int, out: bytes, err: str):
        self.code, self.out, self.err = code, out, err

    @property
    def text(self) -> str:
        return self.out.decode("utf-8")


def run(*argv: str, stdin: bytes | io.BytesIO = b"") -> Run:
    out, err = io.BytesIO(), io.StringIO()
    stream = stdin if isinstance(stdin, io.BytesIO) else io.BytesIO(stdin)
    code = main(list(argv), stdin=stream, stdout=out, stderr=err)
    return Run(code, out.getvalue(), err.getvalue())


def snapshot(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


# --- standard input to standard output ------------------------------------------------------


@pytest.mark.parametrize("argv", [[], ["-"]])
def test_stdin_to_stdout_equals_clean(argv):
    result = run(*argv, stdin=DIRTY.encode())
    assert (result.code, result.text, result.err) == (0, clean(DIRTY), "")


def test_stdin_check_and_diff():
    assert run("--check", stdin=DIRTY.encode()).code == 1
    assert run("--check", stdin=CLEAN.encode()).code == 0
    diff = run("--diff", stdin=DIRTY.encode())
    assert diff.code == 1
    assert diff.text.startswith("--- -\n+++ -\n@@")
    assert "-Skip to content\n" in diff.text


def test_stdin_explain_goes_to_stderr():
    result = run("--explain", stdin=b"Skip to content\nBody.\n")
    assert result.text == "Body.\n"
    assert result.err.splitlines() == ["-:1: generic/skip-links: Skip to content"]


def test_stdin_undecodable_is_one_line_and_exit_2():
    result = run(stdin=b"ok\n\xff\xfe\n")
    assert (result.code, result.out) == (2, b"")
    assert result.err == (
        "-: cannot decode as utf-8 (byte 3: invalid start byte); use --encoding to read it otherwise\n"
    )


def test_stdin_keeps_crlf():
    result = run(stdin=b"Skip to content\r\nBody one.\r\n\r\nBody two.\r\n")
    assert result.out == b"Body one.\r\n\r\nBody two.\r\n"


# --- files in place -------------------------------------------------------------------------


def test_check_names_dirty_file_and_writes_nothing(pages):
    before = {p: snapshot(pages / p) for p in ("dirty.txt", "clean.txt")}
    result = run("--check", "dirty.txt", "clean.txt")
    assert result.code == 1
    assert result.text == "would fix dirty.txt\n"
    assert {p: snapshot(pages / p) for p in before} == before


def test_fix_then_nothing_to_do(pages):
    result = run("dirty.txt", "clean.txt")
    assert (result.code, result.text) == (1, "fixed dirty.txt\n")
    assert result.err == "1 file cleaned, 1 already clean\n"
    assert (pages / "dirty.txt").read_text(encoding="utf-8") == clean(DIRTY)
    before = snapshot(pages / "dirty.txt")
    again = run("dirty.txt", "clean.txt")
    assert (again.code, again.text) == (0, "")
    assert snapshot(pages / "dirty.txt") == before
    assert sorted(p.name for p in pages.iterdir()) == ["clean.txt", "dirty.txt"]  # no temp files


def test_quiet_lists_nothing(pages):
    result = run("-q", "dirty.txt")
    assert (result.code, result.out) == (1, b"")


def test_diff_writes_nothing(pages):
    before = snapshot(pages / "dirty.txt")
    result = run("--diff", "dirty.txt", "clean.txt")
    assert result.code == 1
    assert result.text.startswith("--- a/dirty.txt\n+++ b/dirty.txt\n")
    assert "-Skip to content\n" in result.text and "clean.txt" not in result.text
    assert snapshot(pages / "dirty.txt") == before


def test_explain_lists_removals_with_path_and_line(pages):
    result = run("--explain", "--check", "dirty.txt")
    lines = result.text.splitlines()
    assert "dirty.txt:1: generic/skip-links: Skip to content" in lines
    assert (
        "dirty.txt:6: kyivindependent.com/byline: by Kateryna Denisova November 7, 2024 9:32 PM 2 min read"
        in lines
    )
    assert lines[-1] == "would fix dirty.txt"


def test_invalid_utf8_file_is_reported_and_left_alone(pages):
    bad = pages / "bad.txt"
    bad.write_bytes(b"Skip to content\ncaf\xe9\n")
    before = snapshot(bad)
    result = run("bad.txt", "dirty.txt")
    assert result.code == 2
    assert result.err == (
        "bad.txt: cannot decode as utf-8 (byte 19: invalid continuation byte); "
        "use --encoding to read it otherwise\n1 file cleaned, 1 failed\n"
    )
    assert snapshot(bad) == before
    assert (pages / "dirty.txt").read_text(encoding="utf-8") == clean(DIRTY)  # the others go on


def test_encoding_option_reads_and_writes_that_encoding(pages):
    latin = pages / "latin.txt"
    latin.write_bytes("Skip to content\nCaf\xe9 body.\n".encode("latin-1"))
    result = run("--encoding", "latin-1", "latin.txt")
    assert result.code == 1
    assert latin.read_bytes() == "Caf\xe9 body.\n".encode("latin-1")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["missing.txt"], "missing.txt: no such file\n"),
        (["."], ".: is a directory (use -r to clean the files in it)\n"),
    ],
)
def test_bad_paths_are_one_line_each(pages, argv, message):
    result = run(*argv)
    assert (result.code, result.err) == (2, message + "1 file failed\n")


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anything")
def test_unwritable_file(pages):
    (pages / "dirty.txt").chmod(0o444)
    result = run("dirty.txt")
    assert result.code == 2
    assert result.err == "dirty.txt: permission denied (not writable)\n1 file failed\n"


def test_recursive_takes_matching_files(pages):
    sub = pages / "corpus" / "deep"
    sub.mkdir(parents=True)
    (sub / "page.txt").write_text(DIRTY, encoding="utf-8")
    (sub / "page.md").write_text(DIRTY, encoding="utf-8")
    (pages / "corpus" / ".hidden").mkdir()
    (pages / "corpus" / ".hidden" / "x.txt").write_text(DIRTY, encoding="utf-8")
    result = run("-r", "corpus")
    assert result.text == f"fixed {os.path.join('corpus', 'deep', 'page.txt')}\n"
    assert (sub / "page.md").read_text(encoding="utf-8") == DIRTY
    assert run("-r", "--glob", "*.md", "corpus").code == 1


def test_in_place_keeps_mode_line_endings_and_bom(pages):
    page = pages / "win.txt"
    page.write_bytes(b"\xef\xbb\xbfSkip to content\r\nBody.\r\n")
    page.chmod(0o640)
    assert run("win.txt").code == 1
    assert page.read_bytes() == b"\xef\xbb\xbfBody.\r\n"
    assert page.stat().st_mode & 0o777 == 0o640


def test_writes_through_a_symlink(pages):
    os.symlink("dirty.txt", pages / "link.txt")
    assert run("link.txt").code == 1
    assert (pages / "link.txt").is_symlink()
    assert (pages / "dirty.txt").read_text(encoding="utf-8") == clean(DIRTY)


def test_parallel_jobs_give_the_same_result(pages):
    for i in range(6):
        (pages / f"p{i}.txt").write_text(DIRTY if i % 2 else CLEAN, encoding="utf-8")
    files = [f"p{i}.txt" for i in range(6)]
    result = run("-j", "2", *files)
    assert result.code == 1
    assert result.text == "".join(f"fixed p{i}.txt\n" for i in (1, 3, 5))
    assert all((pages / f).read_text(encoding="utf-8") == CLEAN for f in files)


# --- rules, sources and settings --------------------------------------------------------------


def test_url_and_source_choose_rules():
    page = b"Body.\n\nRFE/RL journalists report the news in 27 languages.\n"
    assert run(stdin=page).text == "Body.\n"  # found by its marker
    assert run("--source", "generic", stdin=page).text == page.decode()
    assert run("--url", "https://theweek.com/x", stdin=page).text == page.decode()
    assert run("--url", "https://www.rferl.org/a/1.html", stdin=page).text == "Body.\n"
    assert run("--source", "rferl.org", stdin=page).text == "Body.\n"


def test_unknown_source_and_missing_rules_dir_are_exit_2(tmp_path):
    result = run("--source", "nope", stdin=b"x\n")
    assert result.code == 2
    assert result.err.startswith("boilerclean: unknown source 'nope'; known sources: generic, ")
    result = run("--rules", str(tmp_path / "none"), stdin=b"x\n")
    assert (result.code, result.err) == (
        2,
        f"boilerclean: {tmp_path / 'none'}: no such rules directory\n",
    )


USER_RULES = "source: mysite.example\nmatch: {markers: [MYSITE FOOTER]}\nremove:\n  - id: footer\n    from: MYSITE FOOTER\n"


def test_rules_option_adds_user_rules(tmp_path):
    (tmp_path / "mysite.yaml").write_text(USER_RULES, encoding="utf-8")
    page = b"Body.\n\nMYSITE FOOTER\nlinks\n"
    assert run(stdin=page).text == "Body.\n\nMYSITE FOOTER\nlinks\n"
    result = run("--rules", str(tmp_path), "--explain", stdin=page)
    assert result.text == "Body.\n"
    assert result.err.splitlines() == [
        "-:3: mysite.example/footer: MYSITE FOOTER",
        "-:4: mysite.example/footer: links",
    ]


def test_broken_user_rules_are_exit_2_with_place(tmp_path):
    (tmp_path / "bad.yaml").write_text("source: x\nremove:\n  - id: a\n    pattern: '('\n")
    result = run("--rules", str(tmp_path), stdin=b"x\n")
    assert result.code == 2
    assert (
        result.err
        == f"boilerclean: {tmp_path / 'bad.yaml'}:4:16: invalid regular expression: missing ) (a)\n"
    )


def test_pyproject_settings_are_picked_up(tmp_path, monkeypatch):
    (tmp_path / "my-rules").mkdir()
    (tmp_path / "my-rules" / "mysite.yaml").write_text(USER_RULES, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.boilerclean]\nrules = ["my-rules"]\n')
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    page = b"Body.\n\nMYSITE FOOTER\nlinks\n"
    assert run(stdin=page).text == "Body.\n"
    assert run("--no-config", stdin=page).text == page.decode()


def test_bad_pyproject_settings_are_exit_2(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text("[tool.boilerclean]\nrulez = []\n")
    monkeypatch.chdir(tmp_path)
    result = run(stdin=b"x\n")
    assert (result.code, result.err) == (
        2,
        f"boilerclean: {tmp_path / 'pyproject.toml'}: [tool.boilerclean] has unknown key 'rulez'\n",
    )


# --- JSON Lines -------------------------------------------------------------------------------


def jsonl(*records: object) -> bytes:
    return b"".join(
        (r if isinstance(r, bytes) else json.dumps(r).encode()) + b"\n" for r in records
    )


def test_jsonl_cleans_the_field_and_keeps_the_rest():
    data = jsonl(
        {"id": 1, "text": DIRTY, "meta": {"lang": "en"}},
        {"id": 2, "text": "Clean body.\n"},
        b"{not json",
        {"id": 4, "body": "Skip to content\nx\n"},
        [1, 2],
        {"id": 6, "text": "Accessibility links\n\nBody.\n", "url": "https://www.rferl.org/a/1"},
    )
    result = run("--jsonl", stdin=data)
    assert result.code == 2  # the malformed lines are errors ...
    assert result.err.splitlines() == [
        "-:3: not valid JSON (Expecting property name enclosed in double quotes, column 2)",
        "-:5: not a JSON object",
    ]
    out = result.out.splitlines(keepends=True)
    raw = data.splitlines(keepends=True)
    assert len(out) == 6  # ... and the run went on, every line kept
    assert json.loads(out[0]) == {"id": 1, "text": clean(DIRTY), "meta": {"lang": "en"}}
    assert out[1:5] == raw[1:5]  # unchanged records are copied byte for byte
    assert json.loads(out[5])["text"] == "Body.\n"  # the record's url chose rferl.org


def test_jsonl_other_field_and_check():
    data = jsonl({"body": "Skip to content\nBody.\n"})
    assert run("--jsonl", "--check", stdin=data).code == 0
    result = run("--jsonl", "--field", "body", "--check", stdin=data)
    assert (result.code, result.out) == (1, b"")


def test_jsonl_parallel_matches_serial():
    data = jsonl(*({"i": i, "text": DIRTY if i % 3 else CLEAN} for i in range(40)))
    assert run("--jsonl", "-j", "2", stdin=data).out == run("--jsonl", stdin=data).out


def test_jsonl_file_in_place(pages):
    (pages / "pages.jsonl").write_bytes(jsonl({"text": DIRTY}, {"text": CLEAN}))
    result = run("--jsonl", "pages.jsonl")
    assert (result.code, result.text) == (1, "fixed pages.jsonl\n")
    records = [json.loads(line) for line in (pages / "pages.jsonl").read_bytes().splitlines()]
    assert records == [{"text": clean(DIRTY)}, {"text": CLEAN}]
    assert run("--jsonl", "pages.jsonl").code == 0


# --- as installed -----------------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("boilerclean") is None, reason="the command is not installed")
def test_installed_command(tmp_path):
    done = subprocess.run(["boilerclean"], input=DIRTY.encode(), capture_output=True, check=False)
    assert (done.returncode, done.stdout.decode()) == (0, clean(DIRTY))
    page = tmp_path / "page.txt"
    page.write_text(DIRTY, encoding="utf-8")
    done = subprocess.run(["boilerclean", str(page)], capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout) == (1, f"fixed {page}\n")
    done = subprocess.run(
        [sys.executable, "-m", "cleaner", "--check", str(page)], capture_output=True, check=False
    )
    assert done.returncode == 0


def test_read_permission_error_is_one_line(pages, monkeypatch):
    original = Path.read_bytes

    def refuse(self: Path) -> bytes:
        if self.name == "dirty.txt":
            raise PermissionError(13, "Permission denied")
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    result = run("dirty.txt", "clean.txt")
    assert (result.code, result.err) == (
        2,
        "dirty.txt: permission denied\n1 file already clean, 1 failed\n",
    )


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_on_a_terminal_with_many_files(pages):
    names = []
    for i in range(25):
        (pages / f"p{i:02}.txt").write_text(CLEAN, encoding="utf-8")
        names.append(f"p{i:02}.txt")
    err = _Terminal()
    code = main(names, stdin=io.BytesIO(), stdout=io.BytesIO(), stderr=err)
    assert code == 0
    assert "/25 [" in err.getvalue()  # tqdm's bar
    quiet = io.StringIO()  # not a terminal: no bar
    assert main(names, stdin=io.BytesIO(), stdout=io.BytesIO(), stderr=quiet) == 0
    assert quiet.getvalue() == "25 files already clean\n"
    muted = _Terminal()  # -q: no bar on a terminal either
    assert main(["-q", *names], stdin=io.BytesIO(), stdout=io.BytesIO(), stderr=muted) == 0
    assert muted.getvalue() == ""


def test_jsonl_missing_file_is_one_line(pages):
    result = run("--jsonl", "missing.jsonl")
    assert (result.code, result.err) == (2, "missing.jsonl: no such file\n1 file failed\n")
