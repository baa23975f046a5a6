"""The command's output and exit conventions: pipes, summaries, refused options,
machine-readable output, where settings come from, and files it must not overwrite."""

from __future__ import annotations

import fcntl
import io
import json
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from cleaner import clean

from .conftest import ROOT
from .test_cli import CLEAN, DIRTY, Run, run, snapshot
from .test_html import ARTICLE

USER_RULES = "source: mysite.example\nmatch: {markers: [MYSITE FOOTER]}\nremove:\n  - id: footer\n    from: MYSITE FOOTER\n"
MYSITE_PAGE = "Body.\n\nMYSITE FOOTER\nlinks\n"


def command(*argv: str) -> list[str]:
    return [sys.executable, "-m", "cleaner", *argv]


ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


# --- 1. a closed pipe ends quietly ---------------------------------------------------------


def _closed_reader(
    argv: list[str], cwd: Path, stdin: object = subprocess.DEVNULL
) -> tuple[int, str]:
    """Run with standard output a pipe whose reader is gone before anything is written."""
    proc = subprocess.Popen(
        argv, cwd=cwd, env=ENV, stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    err = proc.stderr.read().decode()
    return proc.wait(timeout=120), err


def test_check_into_a_closed_pipe_is_quiet(pages):
    for i in range(30):
        (pages / f"p{i:02}.txt").write_text(DIRTY, encoding="utf-8")
    code, err = _closed_reader(command("--check", *(f"p{i:02}.txt" for i in range(30))), pages)
    assert code == 141
    assert "Traceback" not in err and "BrokenPipe" not in err and "Exception ignored" not in err


def test_rules_list_into_a_closed_pipe_is_quiet(tmp_path):
    code, err = _closed_reader(command("rules", "list"), tmp_path)
    assert (code, err) == (141, "")


def test_jsonl_into_head_c_is_quiet(tmp_path):
    data = tmp_path / "big.jsonl"
    record = json.dumps({"text": CLEAN}).encode() + b"\n"
    data.write_bytes(record * 400)  # far more than a pipe holds
    with data.open("rb") as stdin:
        proc = subprocess.Popen(
            command("--jsonl"), env=ENV, stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        assert proc.stdout is not None and proc.stderr is not None
        head = proc.stdout.read(100)
        proc.stdout.close()
        err = proc.stderr.read().decode()
        code = proc.wait(timeout=120)
    assert head == record[:100]
    assert (code, err) == (141, "")


# --- 2. --check --diff ----------------------------------------------------------------------


def test_check_with_diff_is_the_ci_idiom(pages):
    before = snapshot(pages / "dirty.txt")
    result = run("--check", "--diff", "dirty.txt", "clean.txt")
    assert result.code == 1
    assert result.text.startswith("--- a/dirty.txt\n+++ b/dirty.txt\n")
    assert "-Skip to content\n" in result.text and "would fix" not in result.text
    assert snapshot(pages / "dirty.txt") == before
    assert run("--check", "--diff", "clean.txt").code == 0


# --- 3. summary, nothing matched, --glob below the folder ---------------------------------------


def test_check_ends_with_a_summary(pages):
    (pages / "dirty2.txt").write_text(DIRTY, encoding="utf-8")
    result = run("--check", "dirty.txt", "dirty2.txt", "clean.txt")
    assert result.code == 1
    assert result.err == "2 files would be cleaned, 1 already clean\n"
    assert run("--check", "clean.txt").err == "1 file already clean\n"
    assert run("--check", "dirty.txt").err == "1 file would be cleaned\n"
    fixed = run("dirty.txt", "dirty2.txt", "clean.txt")
    assert fixed.err == "2 files cleaned, 1 already clean\n"
    assert run("-q", "--check", "dirty.txt").err == ""


def test_nothing_matched_is_an_error(pages):
    (pages / "empty").mkdir()
    (pages / "empty" / "notes.md").write_text(DIRTY, encoding="utf-8")
    result = run("--check", "-r", "empty")
    assert result.code == 2
    assert (
        result.err
        == "boilerclean: no file to clean: the paths given hold none of the files matching *.txt\n"
    )


def test_glob_with_a_slash_matches_the_path_below_the_folder(pages):
    for rel in ("sub/a.txt", "deep/sub/b.txt", "c.txt", "sub/x/d.txt"):
        (pages / "corpus" / rel).parent.mkdir(parents=True, exist_ok=True)
        (pages / "corpus" / rel).write_text(DIRTY, encoding="utf-8")
    listed = run("--check", "-r", "--glob", "sub/*.txt", "corpus").text
    assert listed == f"would fix {os.path.join('corpus', 'sub', 'a.txt')}\n"
    anywhere = run("--check", "-r", "--glob", "**/sub/*.txt", "corpus").text.splitlines()
    assert sorted(anywhere) == sorted(
        f"would fix {os.path.join('corpus', *p.split('/'))}"
        for p in ("sub/a.txt", "deep/sub/b.txt")
    )
    names = run("--check", "-r", "--glob", "d.txt", "corpus").text  # no '/': a name at any depth
    assert names == f"would fix {os.path.join('corpus', 'sub', 'x', 'd.txt')}\n"


# --- 4. --explain reports only ----------------------------------------------------------------


def test_explain_writes_nothing_unless_fix(pages):
    before = snapshot(pages / "dirty.txt")
    result = run("--explain", "dirty.txt")
    assert result.code == 1
    assert "dirty.txt:1: generic/skip-links: Skip to content" in result.text.splitlines()
    assert result.text.endswith("would fix dirty.txt\n")
    assert snapshot(pages / "dirty.txt") == before
    fixed = run("--explain", "--fix", "dirty.txt")
    assert fixed.code == 1 and fixed.text.endswith("fixed dirty.txt\n")
    assert (pages / "dirty.txt").read_text(encoding="utf-8") == clean(DIRTY)


def test_explain_of_html_says_which_lines_it_counts(pages):
    (pages / "page.html").write_text(ARTICLE, encoding="utf-8")
    result = run("--explain", "page.html")
    lines = result.text.splitlines()
    assert (
        lines[0]
        == "page.html: html: line numbers count the lines of the text extracted from the HTML"
    )
    assert any(re.fullmatch(r"page\.html:\d+: generic/share: Share on Facebook", x) for x in lines)
    assert not (pages / "page.clean.txt").exists()  # reports only


# --- 5. never over a file it did not write; --output-dir ----------------------------------------


def test_html_run_leaves_an_existing_text_file_alone(pages):
    (pages / "page.html").write_text(ARTICLE, encoding="utf-8")
    mine = pages / "page.clean.txt"
    mine.write_text("my own notes\n", encoding="utf-8")
    result = run("page.html")
    assert result.code == 2
    assert result.err.splitlines()[0] == (
        "page.html: page.clean.txt: exists and differs; left alone (--force replaces it)"
    )
    assert mine.read_text(encoding="utf-8") == "my own notes\n"
    assert run("--force", "page.html").code == 1
    assert "Share on Facebook" not in mine.read_text(encoding="utf-8")
    again = run("page.html")  # what it would write is there already
    assert (again.code, again.err) == (0, "1 file already clean\n")


def test_output_dir_keeps_relative_paths_and_the_originals(pages):
    (pages / "corpus" / "sub").mkdir(parents=True)
    (pages / "corpus" / "sub" / "a.txt").write_text(DIRTY, encoding="utf-8")
    (pages / "corpus" / "b.txt").write_text(CLEAN, encoding="utf-8")
    (pages / "corpus" / "p.html").write_text(ARTICLE, encoding="utf-8")
    (pages / "corpus" / "r.jsonl").write_text(json.dumps({"text": DIRTY}) + "\n", encoding="utf-8")
    originals = {p: p.read_bytes() for p in (pages / "corpus").rglob("*") if p.is_file()}
    out = pages / "out"
    result = run("-o", "out", "-r", "--glob", "*.txt", "--glob", "*.html", "corpus")
    assert result.code == 1
    assert (out / "sub" / "a.txt").read_text(encoding="utf-8") == clean(DIRTY)
    assert (out / "b.txt").read_text(encoding="utf-8") == CLEAN  # the whole set is there
    assert "Share on Facebook" not in (out / "p.clean.txt").read_text(encoding="utf-8")
    assert run("--jsonl", "-o", "out", "corpus/r.jsonl").code == 1
    assert json.loads((out / "r.jsonl").read_text(encoding="utf-8")) == {"text": clean(DIRTY)}
    assert {p: p.read_bytes() for p in originals} == originals
    # A second run finds everything written; a changed result is not written over.
    assert run("-o", "out", "-r", "--glob", "*.txt", "--glob", "*.html", "corpus").code == 0
    (out / "b.txt").write_text("edited\n", encoding="utf-8")
    refused = run("-o", "out", "corpus/b.txt")
    assert refused.code == 2 and "exists and differs; left alone" in refused.err
    assert run("-o", "out", "--force", "corpus/b.txt").code == 1


def test_output_dir_inside_the_folder_is_not_cleaned_again(pages):
    first = run("-o", "out", "-r", ".")
    assert first.code == 1
    second = run("-o", "out", "-r", ".")
    assert (second.code, second.err) == (0, "2 files already clean\n")


# --- 6. the progress bar on a terminal ---------------------------------------------------------


def test_progress_bar_never_cuts_into_output_lines(pages):
    names = [f"p{i:02}.txt" for i in range(30)]
    for name in names:
        (pages / name).write_text(DIRTY, encoding="utf-8")
    master, slave = pty.openpty()
    # A fresh pty is 0 columns wide, where tqdm draws nothing; give it a terminal's size.
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    proc = subprocess.Popen(
        command(*names), cwd=pages, env=ENV, stdin=subprocess.DEVNULL, stdout=slave, stderr=slave
    )
    os.close(slave)
    chunks = []
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    assert proc.wait(timeout=60) == 1
    screen = b"".join(chunks).decode("utf-8", "replace")
    assert "/30 [" in screen  # tqdm drew its bar
    pieces = [p.strip() for p in re.split(r"[\r\n]", screen) if "fixed" in p]
    assert sorted(pieces) == [f"fixed {name}" for name in names]


# --- 7. options that would do nothing ----------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--field", "body", "x.txt"], "--field works with --jsonl"),
        (["--glob", "*.md", "x.txt"], "--glob works with -r"),
        (["-r"], "-r needs directories"),
        (["--jsonl", "--encoding", "latin-1"], "--encoding does not apply to --jsonl"),
        (["--fix", "x.txt"], "--fix goes with --explain"),
        (["--format", "json", "x.txt"], "--format json works with --check or --explain"),
        (["-o", "out"], "--output-dir works on files given by name"),
        (["--force"], "--force works on files given by name"),
        (["-j", "2"], "-j works on files given by name"),
        (["--site"], "--site works on text files given by name"),
    ],
)
def test_options_that_would_do_nothing_are_refused(pages, argv, message):
    result = run(*argv, stdin=b"x\n")
    assert result.code == 2
    assert result.err.startswith(f"boilerclean: {message}")
    assert result.out == b""


@pytest.fixture
def user_rules(tmp_path: Path) -> Path:
    folder = tmp_path / "my-rules"
    folder.mkdir()
    (folder / "mysite.yaml").write_text(USER_RULES, encoding="utf-8")
    return folder


@pytest.mark.parametrize("before", [True, False])
def test_rules_commands_take_global_options_in_either_place(user_rules, before):
    def rules(command: str, *options: str) -> Run:
        return run(*options, "rules", command) if before else run("rules", command, *options)

    listed = rules("list", "--rules", str(user_rules))
    assert listed.code == 0 and "mysite.example  (1 rules)" in listed.text
    assert rules("validate", "--rules", str(user_rules), "-q").err == ""
    assert rules("validate", "--no-config").err.endswith("rule file(s) valid\n")
    as_json = rules("list", "--format", "json", "--rules", str(user_rules))
    assert {json.loads(line)["source"] for line in as_json.text.splitlines()} >= {
        "generic",
        "mysite.example",
    }
    verbose = rules("list", "-v")
    assert "boilerclean: INFO: cleaner." in verbose.err


def test_rules_options_given_twice_add_up(user_rules, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    (other / "o.yaml").write_text(
        USER_RULES.replace("mysite.example", "other.example"), encoding="utf-8"
    )
    listed = run("--rules", str(user_rules), "rules", "list", "--rules", str(other)).text
    assert "mysite.example  (1 rules)" in listed and "other.example  (1 rules)" in listed


# --- 8. no arguments on a terminal -----------------------------------------------------------


class _TerminalIn(io.BytesIO):
    def isatty(self) -> bool:
        return True


def test_no_arguments_on_a_terminal_prints_usage():
    result = run(stdin=_TerminalIn(b"Skip to content\nBody.\n"))
    assert result.code == 2 and result.out == b""
    assert result.err.startswith("usage: boilerclean")
    assert "pipe a page in" in result.err
    explicit = run("-", stdin=_TerminalIn(b"Skip to content\nBody.\n"))  # '-' reads it anyway
    assert (explicit.code, explicit.text) == (0, "Body.\n")


# --- 9. machine-readable output and diagnostics -------------------------------------------------


def test_check_and_explain_as_json(pages):
    result = run("--check", "--format", "json", "dirty.txt", "clean.txt", "missing.txt")
    assert result.code == 2
    records = [json.loads(line) for line in result.text.splitlines()]
    assert [(r["path"], r["status"]) for r in records] == [
        ("dirty.txt", "changed"),
        ("clean.txt", "unchanged"),
        ("missing.txt", "error"),
    ]
    assert records[2]["message"] == "no such file" and not records[0]["written"]
    explained = run("--explain", "--format", "json", "dirty.txt")
    removals = [json.loads(line) for line in explained.text.splitlines()]
    assert {
        "path": "dirty.txt",
        "line": 1,
        "rule": "generic/skip-links",
        "text": "Skip to content",
    }.items() <= removals[0].items()
    assert all(r["kind"] == "removal" for r in removals)
    as_text = run("--explain", "dirty.txt").text.splitlines()
    assert len(removals) == sum(1 for line in as_text if re.match(r"dirty\.txt:\d+: ", line))
    stdin = run("--explain", "--format", "json", stdin=b"Skip to content\nBody.\n")
    assert stdin.text == "Body.\n"
    assert json.loads(stdin.err) == {
        "kind": "removal",
        "path": "-",
        "line": 1,
        "rule": "generic/skip-links",
        "text": "Skip to content",
    }


def test_rules_validate_as_json(tmp_path):
    bad = tmp_path / "b.yaml"
    bad.write_text("source: b\nremove:\n  - id: x\n    pattern: 'ab(c'\n", encoding="utf-8")
    result = run("rules", "validate", "--format", "json", str(bad))
    assert result.code == 2
    assert [json.loads(line) for line in result.text.splitlines()] == [
        {
            "path": str(bad),
            "line": 4,
            "col": 19,
            "message": "invalid regular expression: missing )",
            "rule": "x",
        }
    ]
    assert run("rules", "test", "--format", "json").code == 2  # no JSON report there


def test_verbose_logs_through_logging_and_default_is_silent(pages):
    quiet = run(stdin=b"Body.\n")
    assert quiet.err == ""
    loud = run("-v", "--check", "dirty.txt")
    assert "boilerclean: INFO: cleaner.config: settings: " in loud.err
    assert "boilerclean: INFO: cleaner.cli: 1 file(s) to clean" in loud.err
    assert run(stdin=b"Body.\n").err == ""  # the handler went with the run


# --- 10. settings from the files' location -------------------------------------------------------


def test_settings_come_from_the_files_not_the_working_directory(tmp_path, monkeypatch):
    project = tmp_path / "project"
    (project / "my-rules").mkdir(parents=True)
    (project / "my-rules" / "mysite.yaml").write_text(USER_RULES, encoding="utf-8")
    (project / "pyproject.toml").write_text('[tool.boilerclean]\nrules = ["my-rules"]\n')
    (project / "pages").mkdir()
    page = project / "pages" / "p.txt"
    page.write_text(MYSITE_PAGE, encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "pyproject.toml").write_text("[tool.boilerclean]\nrules = []\n")
    monkeypatch.chdir(elsewhere)
    assert run("--check", str(page)).code == 1  # the project's rules found the footer
    assert run(stdin=MYSITE_PAGE.encode()).text == MYSITE_PAGE  # stdin: the working directory's
    assert run("--check", "-r", str(project / "pages")).code == 1
