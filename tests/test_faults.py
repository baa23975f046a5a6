"""Odd input and faults: binary files, full disks, killed runs, signals, crashes, links."""

from __future__ import annotations

import errno
import io
import json
import os
import signal
import subprocess
import sys
import tarfile
import tempfile
import textwrap
import time
from pathlib import Path

import pytest

import cleaner.cli
import cleaner.files
from cleaner import clean
from cleaner.runsafety import is_temp

from .conftest import ROOT as ROOT_DIR
from .conftest import SAMPLES
from .test_cli import CLEAN, DIRTY, run, snapshot


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def temps(path: Path) -> list[str]:
    return sorted(p.name for p in path.rglob("*") if p.name.endswith(".tmp"))


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


# --- binary and UTF-16 input ------------------------------------------------------------------


def test_a_tar_archive_named_txt_is_refused_and_left_untouched(folder):
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        data = DIRTY.encode()
        info = tarfile.TarInfo("page.txt")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    archive = folder / "archive.txt"
    archive.write_bytes(buffer.getvalue())
    archive.read_bytes().decode("utf-8")  # it does decode: that is the trap
    before = snapshot(archive)
    result = run("archive.txt")
    assert result.code == 2
    assert result.err == (
        "archive.txt: looks binary (a NUL byte at offset 8); not cleaned\n1 file failed\n"
    )
    assert snapshot(archive) == before


def test_text_with_a_nul_byte_is_refused(folder):
    (folder / "nul.txt").write_bytes(DIRTY.encode() + b"\x00tail\n")
    result = run("nul.txt")
    assert result.code == 2
    assert result.err.startswith("nul.txt: looks binary (a NUL byte at offset ")
    assert (folder / "nul.txt").read_bytes().endswith(b"\x00tail\n")


@pytest.mark.parametrize(
    ("codec", "name", "option"),
    [
        ("utf-16-le", "UTF-16-LE text (no byte-order mark)", "utf-16-le"),
        ("utf-16-be", "UTF-16-BE text (no byte-order mark)", "utf-16-be"),
        ("utf-16", "UTF-16 text (byte-order mark FF FE)", "utf-16"),
    ],
)
def test_utf16_is_refused_unless_the_encoding_names_it(folder, codec, name, option):
    page = folder / "page.txt"
    page.write_bytes(DIRTY.encode(codec))
    before = snapshot(page)
    result = run("page.txt")
    assert (result.code, result.err) == (
        2,
        f"page.txt: looks like {name}; use --encoding {option} to read it\n1 file failed\n",
    )
    assert snapshot(page) == before
    result = run("--encoding", option, "page.txt")
    assert (result.code, result.err) == (1, "1 file cleaned\n")
    assert page.read_bytes().decode(option) == clean(DIRTY)


def test_binary_standard_input_is_refused():
    result = run(stdin=b"Skip to content\n\x00\x01\x02")
    assert (result.code, result.out) == (2, b"")
    assert result.err == "-: looks binary (a NUL byte at offset 16); not cleaned\n"


# --- temporary files that cannot be made ------------------------------------------------------


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), "No space left on device"),
        (PermissionError(errno.EACCES, "Permission denied"), "Permission denied"),
    ],
)
def test_a_temporary_file_that_cannot_be_made_is_one_message(folder, monkeypatch, error, reason):
    (folder / "a.txt").write_text(DIRTY, encoding="utf-8")
    (folder / "b.txt").write_text(DIRTY, encoding="utf-8")
    real = tempfile.mkstemp

    def mkstemp(*args: object, **kwargs: object) -> tuple[int, str]:
        if str(kwargs.get("prefix", "")).startswith(".a.txt."):
            raise error
        return real(*args, **kwargs)  # type: ignore[call-overload,no-any-return]

    monkeypatch.setattr(cleaner.files.tempfile, "mkstemp", mkstemp)
    result = run("a.txt", "b.txt")
    assert result.code == 2
    assert result.err.startswith(f"a.txt: cannot create a temporary file in {folder}: {reason}\n")
    assert result.err.endswith(" 1 failed\n")
    assert result.text == "fixed b.txt\n"  # the run went on
    assert (folder / "a.txt").read_text(encoding="utf-8") == DIRTY
    assert (folder / "b.txt").read_text(encoding="utf-8") == clean(DIRTY)


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anything")
def test_a_read_only_folder_is_one_message(folder):
    sub = folder / "ro"
    sub.mkdir()
    (sub / "a.txt").write_text(DIRTY, encoding="utf-8")
    (folder / "b.txt").write_text(DIRTY, encoding="utf-8")
    sub.chmod(0o555)
    try:
        result = run("ro/a.txt", "b.txt")
    finally:
        sub.chmod(0o755)
    assert result.code == 2
    assert result.err.startswith("ro/a.txt: cannot create a temporary file in ")
    assert result.text == "fixed b.txt\n"


# --- temporary files left by killed runs ------------------------------------------------------


def test_stale_temporary_files_under_the_output_dir_are_removed(folder):
    (folder / "page.txt").write_text(DIRTY, encoding="utf-8")
    out = folder / "out"
    out.mkdir()
    stale = out / f".page.txt.boilerclean-{dead_pid()}-a1b2c3d4.tmp"
    stale.write_text("half", encoding="utf-8")
    assert run("-o", "out", "page.txt").code == 1
    assert not stale.exists()
    assert (out / "page.txt").read_text(encoding="utf-8") == clean(DIRTY)


def test_stale_temporary_files_of_ours_are_removed_and_nothing_else(folder):
    sub = folder / "sub"
    sub.mkdir()
    (sub / "page.txt").write_text(DIRTY, encoding="utf-8")
    dead, alive = dead_pid(), os.getppid()
    stale = sub / f".page.txt.boilerclean-{dead}-a1b2c3d4.tmp"
    running = sub / f".page.txt.boilerclean-{alive}-a1b2c3d4.tmp"
    foreign = sub / ".page.txt.a1b2c3d4.tmp"  # some other tool's
    for path in (stale, running, foreign):
        path.write_text("half", encoding="utf-8")
    assert run("--check", "-r", ".").code == 1
    assert stale.exists()  # --check writes nothing, removes nothing
    assert run("-r", ".").code == 1
    assert temps(folder) == sorted([running.name, foreign.name])
    stale.write_text("half", encoding="utf-8")
    assert run("sub/page.txt").code == 0  # a file named directly: its folder is swept
    assert not stale.exists()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_temporary_file_of_an_exited_process_not_yet_reaped_is_stale(folder):
    # A killed run's workers are orphans until they are reaped; meanwhile they
    # answer kill(pid, 0), but write nothing.
    (folder / "page.txt").write_text(DIRTY, encoding="utf-8")
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    deadline = time.monotonic() + 10
    while not gone(child.pid) and time.monotonic() < deadline:
        time.sleep(0.01)
    try:
        assert Path(f"/proc/{child.pid}").exists()  # not reaped: a zombie
        stale = folder / f".page.txt.boilerclean-{child.pid}-a1b2c3d4.tmp"
        stale.write_text("half", encoding="utf-8")
        assert run("page.txt").code == 1
        assert not stale.exists()
    finally:
        child.wait()


def test_an_interrupted_hard_link_copy_is_finished_by_the_next_run(folder):
    page, link = folder / "page.txt", folder / "link.txt"
    page.write_text(CLEAN[: len(CLEAN) // 2], encoding="utf-8")  # a half-copied file
    os.link(page, link)
    copy = folder / f".page.txt.boilerclean-{dead_pid()}-a1b2c3d4.link.tmp"
    copy.write_text(CLEAN, encoding="utf-8")
    result = run("page.txt")
    assert result.err.splitlines()[0] == (
        f"{Path('page.txt')}: finished the rewrite an interrupted run began"
    )
    assert result.code == 0
    assert link.read_text(encoding="utf-8") == CLEAN
    assert page.stat().st_ino == link.stat().st_ino
    assert temps(folder) == []


# --- signals, crashes and worker processes ----------------------------------------------------

# Runs ``main`` in a child process; ``HOOK`` (Python source) is patched in first.
SCRIPT = """
import os, signal, sys, time
import cleaner.cli, cleaner.files
{hook}
sys.exit(cleaner.cli.main(sys.argv[1:]))
"""


def child(tmp: Path, hook: str, *argv: str) -> subprocess.Popen[str]:
    code = SCRIPT.format(hook=textwrap.dedent(hook))
    env = {**os.environ, "PYTHONPATH": str(ROOT_DIR)}
    return subprocess.Popen(
        [sys.executable, "-c", code, *argv],
        cwd=tmp,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.parametrize(("signum", "status"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_removes_the_runs_temporary_files_and_exits_quietly(folder, signum, status):
    for name in ("a.txt", "b.txt"):
        (folder / name).write_text(DIRTY, encoding="utf-8")
    # The signal arrives while a.txt's new text sits in its temporary file.
    hook = f"""
    commit = cleaner.files.AtomicWriter.commit
    def slow(self):
        os.kill(os.getpid(), {int(signum)})
        time.sleep(5)
        commit(self)
    cleaner.files.AtomicWriter.commit = slow
    """
    done = child(folder, hook, "a.txt", "b.txt")
    _, err = done.communicate(timeout=60)
    assert (done.returncode, err) == (status, "")
    assert temps(folder) == []
    assert (folder / "a.txt").read_text(encoding="utf-8") == DIRTY
    assert (folder / "b.txt").read_text(encoding="utf-8") == DIRTY


def test_sigterm_stops_the_workers_and_removes_their_temporary_files(folder):
    for name in ("a.txt", "b.txt"):
        (folder / name).write_text(DIRTY, encoding="utf-8")
    # The workers hold their temporary files open until stopped.
    hook = """
    def stuck(self):
        time.sleep(120)
    cleaner.files.AtomicWriter.commit = stuck
    """
    parent = child(folder, hook, "-j", "2", "a.txt", "b.txt")
    deadline = time.monotonic() + 30
    while len(temps(folder)) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(temps(folder)) == 2
    workers = children(parent.pid)
    parent.send_signal(signal.SIGTERM)
    _, err = parent.communicate(timeout=30)
    assert (parent.returncode, err) == (143, "")
    assert temps(folder) == []
    assert all(map(gone, workers))
    assert (folder / "a.txt").read_text(encoding="utf-8") == DIRTY


def test_a_crash_is_status_123_and_one_line(folder, monkeypatch):
    (folder / "a.txt").write_text(DIRTY, encoding="utf-8")

    def boom(*args: object, **kwargs: object) -> None:
        raise ValueError("boom\n  at the second line")

    monkeypatch.setattr(cleaner.cli, "process_file", boom)
    result = run("a.txt")
    assert (result.code, result.err) == (
        123,
        "boilerclean: internal error: ValueError: boom at the second line (please report)\n",
    )


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def gone(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return True
    return stat.rsplit(")", 1)[1].split()[0] == "Z"  # a zombie is dead


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_die_with_their_parent(folder):
    for name in ("a.txt", "b.txt"):
        (folder / name).write_text(DIRTY, encoding="utf-8")
    hook = """
    def stuck(*args):
        time.sleep(120)
    cleaner.cli._clean_file = stuck
    """
    parent = child(folder, hook, "-j", "2", "a.txt", "b.txt")
    deadline = time.monotonic() + 30
    while len(workers := children(parent.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(workers) >= 2
    parent.kill()
    parent.wait()
    deadline = time.monotonic() + 10
    while not all(map(gone, workers)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert all(map(gone, workers))


def test_a_worker_killed_by_the_kernel_is_one_line_and_exit_2(folder):
    for name in ("a.txt", "b.txt"):
        (folder / name).write_text(DIRTY, encoding="utf-8")
    hook = """
    def killed(*args):
        os.kill(os.getpid(), signal.SIGKILL)
    cleaner.cli._clean_file = killed
    """
    done = child(folder, hook, "-j", "2", "a.txt", "b.txt")
    _, err = done.communicate(timeout=60)
    assert done.returncode == 2
    assert err == (
        "boilerclean: a worker process died (killed by the system, perhaps for lack of "
        "memory); the files it was writing are as they were\n"
    )


# --- hard links and owners --------------------------------------------------------------------


def test_a_hard_linked_file_keeps_its_links(folder):
    page, link = folder / "page.txt", folder / "link.txt"
    page.write_text(DIRTY, encoding="utf-8")
    os.link(page, link)
    result = run("page.txt")
    assert result.code == 1
    assert link.read_text(encoding="utf-8") == clean(DIRTY)
    assert page.stat().st_ino == link.stat().st_ino
    assert page.stat().st_nlink == 2
    assert temps(folder) == []


@pytest.mark.skipif(os.geteuid() != 0, reason="only root may give files away")
def test_as_root_the_owner_and_group_are_kept(folder):
    page = folder / "page.txt"
    page.write_text(DIRTY, encoding="utf-8")
    os.chown(page, 65534, 65534)
    assert run("page.txt").code == 1
    assert page.read_text(encoding="utf-8") == clean(DIRTY)
    assert (page.stat().st_uid, page.stat().st_gid) == (65534, 65534)


# --- JSON Lines in place ----------------------------------------------------------------------


def test_in_place_jsonl_streams_into_the_temporary_file(folder, monkeypatch):
    # Records larger than the write buffer, so what is written shows on disk.
    long = (SAMPLES / "003_1aee6a51a9a7ebb4.clean.txt").read_text(encoding="utf-8")
    records = [{"i": i, "text": "Skip to content\n" + long} for i in range(3)]
    data = b"".join(json.dumps(r).encode() + b"\n" for r in records)
    (folder / "p.jsonl").write_bytes(data)
    seen: list[int] = []
    explain = cleaner.Cleaner.explain

    def watching(self, text, **kwargs):  # type: ignore[no-untyped-def]
        # What the temporary file holds when each record is cleaned.
        seen.append(sum(p.stat().st_size for p in folder.iterdir() if is_temp(p)))
        return explain(self, text, **kwargs)

    monkeypatch.setattr(cleaner.Cleaner, "explain", watching)
    assert run("--jsonl", "p.jsonl").code == 1
    assert seen[0] == 0 and 0 < seen[1] < seen[2]  # written as the records come
    assert temps(folder) == []


def test_a_clean_read_only_jsonl_file_needs_no_temporary_file(folder, monkeypatch):
    (folder / "p.jsonl").write_bytes(json.dumps({"text": CLEAN}).encode() + b"\n")

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(cleaner.files.tempfile, "mkstemp", refuse)
    result = run("--jsonl", "p.jsonl")
    assert (result.code, result.err) == (0, "1 file already clean\n")


# --- memory of long lines (figures: benchmarks/file_memory.py) --------------------------------


def test_long_lines_are_not_remembered_across_texts():
    from cleaner import Cleaner, line_kinds

    long = " ".join(f"word{i}" for i in range(3000)) + " end of the story."
    assert len(long) > line_kinds.REMEMBERED_LENGTH
    engine = Cleaner()
    line_kinds.forget_lines()
    engine.clean(f"Skip to content\n\n{long}\n\nA short line of prose that ends here.\n")
    # The two short lines are remembered, the long one is not.
    count, longest = line_kinds.remembered()
    assert count >= 2
    assert longest <= line_kinds.REMEMBERED_LENGTH
    asked = [text for index in engine._indexes.values() for _, text in index._asked]
    assert max(map(len, asked), default=0) <= line_kinds.REMEMBERED_LENGTH
    # The core's memory of lines (in UTF-8 bytes) is bounded alike.
    for index in engine._indexes.values():
        count, longest = index.matcher.remembered()
        assert count >= 2
        assert longest <= line_kinds.REMEMBERED_LENGTH


def test_casefold_of_a_long_line_and_word_counts_agree_with_str():
    import random

    from cleaner import _core
    from cleaner.features import line_features

    rng = random.Random(15)
    alphabet = "aZ ßİσςΣ\u00a0\u2003\u3000\x1c\x85ﬀŉ\u0149" + "".join(map(chr, range(0x370, 0x3FF)))
    text = "".join(rng.choice(alphabet) for _ in range(300_000))
    assert _core.casefold(text) == text.casefold()
    assert line_features(text, None).words == len(text.split())
