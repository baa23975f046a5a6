"""Cleaning files: reading, comparing and writing back, safely.

The rules of the road, as in black or pre-commit's fixers:
- a file that cannot be read or decoded is reported and left untouched;
- a file whose cleaned text equals what is on disk is not written (bytes and
  mtime stay as they were);
- a write goes to a temporary file beside the original, which then replaces it,
  so a crash never leaves a half-written file; permissions, line endings (CRLF
  stays CRLF) and a UTF-8 byte-order mark are kept.
"""

from __future__ import annotations

import codecs
import contextlib
import dataclasses
import difflib
import hashlib
import os
import stat
import tempfile
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from . import html as html_input
from . import runsafety
from .engine import Cleaner, Explanation
from .errors import InputError

Status = Literal["unchanged", "changed", "error"]


@dataclass(frozen=True)
class Decoded:
    """A file's text with LF line endings, and how to turn it back into its bytes."""

    text: str
    newline: str
    bom: bool


@dataclass(frozen=True)
class FileResult:
    """What happened to one file."""

    path: str
    status: Status
    message: str = ""
    explanation: Explanation | None = None
    diff: str = ""
    # Further report lines, already formatted (JSON Lines records' explanations).
    notes: tuple[str, ...] = ()
    # Where the cleaned text went, when not back into ``path`` (an HTML file's text).
    target: str | None = None


class FileError(Exception):
    """A problem with one input file; its message is ready to print after ``path:``."""


def decode(data: bytes, encoding: str) -> Decoded:
    """Decode ``data``; raises ``FileError`` with a one-line reason.

    Binary data is refused even when it happens to decode (a tar archive is valid
    UTF-8 to the last byte): text has no NUL character. UTF-16 is refused unless
    ``encoding`` names it, byte-order mark or not, since as UTF-8 it decodes to
    text with a NUL between every two letters.
    """
    try:
        wide = codecs.lookup(encoding).name.startswith(("utf-16", "utf-32"))
    except LookupError:
        raise FileError(f"unknown encoding {encoding!r}") from None
    if not wide:
        utf16 = _utf16(data)
        if utf16:
            raise FileError(utf16)
        nul = data.find(b"\x00")
        if nul >= 0:
            raise FileError(f"looks binary (a NUL byte at offset {nul}); not cleaned")
    bom = encoding.lower().replace("_", "-") in ("utf-8", "utf8") and data.startswith(
        codecs.BOM_UTF8
    )
    try:
        # A view, not a slice: a large file is not copied once more to skip 3 bytes.
        if bom:
            text = str(memoryview(data)[len(codecs.BOM_UTF8) :], encoding)
        else:
            text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        hint = "" if encoding.lower() != "utf-8" else "; use --encoding to read it otherwise"
        raise FileError(
            f"cannot decode as {encoding} (byte {exc.start}: {exc.reason}){hint}"
        ) from None
    if wide and "\x00" in text:
        raise FileError(
            f"looks binary (a NUL character at position {text.index(chr(0))}); not cleaned"
        )
    # The line ending the file uses most is the one it gets back.
    crlf = text.count("\r\n")
    newline = "\r\n" if crlf and crlf >= text.count("\n") - crlf else "\n"
    if crlf:
        text = text.replace("\r\n", "\n")
    return Decoded(text, newline, bom)


def _utf16(data: bytes) -> str:
    """Why ``data`` looks like UTF-16 (a byte-order mark, or NULs in every other byte), or ""."""
    for bom in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        if data.startswith(bom):
            return (
                f"looks like UTF-16 text (byte-order mark {bom.hex(' ').upper()}); "
                "use --encoding utf-16 to read it"
            )
    pairs = min(len(data), 4096) // 2
    if pairs < 2:
        return ""
    even = data[0 : 2 * pairs : 2].count(0)
    odd = data[1 : 2 * pairs : 2].count(0)
    # Latin text in UTF-16 has a NUL in nearly every high byte and none in the
    # low ones; binary formats have NULs on both sides.
    for nuls, others, name in ((odd, even, "LE"), (even, odd, "BE")):
        if nuls >= 0.3 * pairs and others <= 0.02 * pairs:
            return (
                f"looks like UTF-16-{name} text (no byte-order mark); "
                f"use --encoding utf-16-{name.lower()} to read it"
            )
    return ""


def encode(text: str, like: Decoded, encoding: str) -> bytes:
    """The bytes of ``text`` in the file's encoding, line endings and BOM."""
    if like.newline != "\n":
        text = text.replace("\n", like.newline)
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError as exc:
        raise FileError(
            f"cannot encode the cleaned text as {encoding} "
            f"(character {exc.object[exc.start]!r}); the file was left as it was"
        ) from None
    return codecs.BOM_UTF8 + data if like.bom else data


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    """The file's bytes; raises ``FileError`` with a one-line reason.

    A file larger than ``limit`` bytes is refused before it is read, so that a
    page over a size limit costs no memory.
    """
    with _reading(path):
        if limit is not None and (size := path.stat().st_size) > limit:
            raise FileError(f"the page has {size:,} bytes, more than the limit of {limit:,}")
        return path.read_bytes()


def check_readable(path: Path) -> None:
    """Raise the ``FileError`` that reading ``path`` would, without reading it."""
    with _reading(path), path.open("rb"):
        pass


@contextlib.contextmanager
def _reading(path: Path) -> Iterator[None]:
    try:
        if path.is_dir():
            raise FileError("is a directory (use -r to clean the files in it)")
        yield
    except FileNotFoundError:
        raise FileError("no such file") from None
    except PermissionError:
        raise FileError("permission denied") from None
    except IsADirectoryError:
        raise FileError("is a directory (use -r to clean the files in it)") from None
    except OSError as exc:
        raise FileError(exc.strerror or str(exc)) from None


class AtomicWriter:
    """A file's new bytes, written to a temporary file beside it, then put in place.

    ``commit`` syncs the temporary file, gives it the target's permissions (and,
    as root, its owner and group) and renames it over the target, so the target
    is at every moment its old bytes or its new ones. Leaving the ``with`` block
    without ``commit`` removes the temporary file. A target with other hard links
    is instead overwritten in place from the synced temporary copy (a rename would
    cut it off from its links); see ``runsafety`` for how an interrupted copy is
    finished. Every failure is a ``FileError``; the target is then unchanged.
    """

    def __init__(self, path: Path) -> None:
        # Write through a symlink, not over it.
        self.target = target = Path(os.path.realpath(path))
        self.existing: os.stat_result | None = None
        if target.exists():
            if not os.access(target, os.W_OK):
                raise FileError("permission denied (not writable)")
            self.existing = target.stat()
        elif not os.access(target.parent, os.W_OK):
            raise FileError(f"permission denied (cannot create files in {target.parent})")
        # A signal between making the file and registering it would leave it behind.
        with runsafety.signals_held():
            try:
                fd, self.tmp = tempfile.mkstemp(
                    dir=target.parent, prefix=runsafety.temp_prefix(target.name), suffix=".tmp"
                )
            except OSError as exc:
                raise FileError(
                    f"cannot create a temporary file in {target.parent}: {exc.strerror or exc}"
                ) from None
            runsafety.register(self.tmp)
        self.handle = os.fdopen(fd, "wb")
        self.done = False

    def write(self, data: bytes) -> None:
        try:
            self.handle.write(data)
        except OSError as exc:
            self.discard()
            raise FileError(f"cannot write: {exc.strerror or exc}") from None

    def commit(self) -> None:
        try:
            self.handle.flush()
            os.fsync(self.handle.fileno())
            self.handle.close()
            if self.existing is not None and self.existing.st_nlink > 1:
                self._copy_into_target()
            else:
                self._replace_target()
        except OSError as exc:
            self.discard()
            raise FileError(f"cannot write: {exc.strerror or exc}") from None
        self.done = True

    def _replace_target(self) -> None:
        if self.existing is None:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(self.tmp, 0o666 & ~umask)
        else:
            os.chmod(self.tmp, stat.S_IMODE(self.existing.st_mode))
            if (self.existing.st_uid, self.existing.st_gid) != (os.geteuid(), os.getegid()):
                # Only root may give a file away; others keep what they can.
                with contextlib.suppress(PermissionError):
                    os.chown(self.tmp, self.existing.st_uid, self.existing.st_gid)
        os.replace(self.tmp, self.target)
        runsafety.unregister(self.tmp)

    def _copy_into_target(self) -> None:
        # The rename marks the copy complete: a run killed from here on leaves a
        # ``.link.tmp`` that the next run copies in (``runsafety.sweep``).
        complete = self.tmp[: -len(".tmp")] + ".link.tmp"
        with runsafety.signals_held():
            os.rename(self.tmp, complete)
            runsafety.register(complete)
            runsafety.unregister(self.tmp)
        self.tmp = complete
        runsafety.copy_into(complete, str(self.target))
        os.unlink(complete)
        runsafety.unregister(complete)

    def discard(self) -> None:
        """Remove the temporary file; the target stays as it was."""
        self.handle.close()
        with contextlib.suppress(OSError):
            os.unlink(self.tmp)
        runsafety.unregister(self.tmp)
        self.done = True

    def __enter__(self) -> AtomicWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        if not self.done:
            self.discard()


def atomic_write(path: Path, data: bytes) -> None:
    """Replace the file's contents with ``data`` in one step (see ``AtomicWriter``).

    A file that does not exist yet is created with the usual permissions.
    """
    with AtomicWriter(path) as writer:
        writer.write(data)
        writer.commit()


def unified_diff(path: str, before: str, after: str) -> str:
    """A unified diff; relative paths get git's a/ and b/ so ``git apply`` takes it."""
    relative = not os.path.isabs(path) and path != "-"
    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=f"a/{path}" if relative else path,
        tofile=f"b/{path}" if relative else path,
    )
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def process_file(
    cleaner: Cleaner,
    path: str,
    *,
    write: bool,
    diff: bool = False,
    explain: bool = False,
    url: str | None = None,
    source: str | None = None,
    encoding: str = "utf-8",
    shared: Collection[str] = frozenset(),
    target: str | None = None,
    force: bool = False,
) -> FileResult:
    """Clean one file: report it, and write it back when ``write`` and it changed.

    ``shared`` lines are printed by other pages of the file's site (see ``--site``).
    With a ``target`` (``--output-dir``), the text goes there instead, and
    "changed" means the target is new or differs.
    """
    try:
        original = read_bytes(Path(path))
        decoded = decode(original, encoding)
        # Copies of a large file are what memory holds: the bytes are kept only
        # as a fingerprint, the text only for a diff (a 200 MB line peaked at 3.6 GB).
        size, fingerprint = len(original), _fingerprint(original)
        del original
        text = decoded.text
        like = dataclasses.replace(decoded, text="")
        del decoded
        explanation = cleaner.explain(text, url=url, source=source, shared=shared)
        before_text = text if diff else ""
        del text
        cleaned = encode(explanation.text, like, encoding)
        before: bytes | None
        if target is not None and target != path:
            before = _existing(target)
            before_text = decode(before, encoding).text if before is not None else ""
        else:
            same = len(cleaned) == size and _fingerprint(cleaned) == fingerprint
            before = cleaned if same else None
        return _outcome(
            path,
            target or path,
            before,
            cleaned,
            before_text,
            explanation,
            write,
            diff,
            explain,
            force,
        )
    except FileError as exc:
        return FileResult(path, "error", str(exc))


_FINGERPRINT_ABOVE = 1 << 20  # bytes; smaller files are simply kept


def _fingerprint(data: bytes) -> bytes:
    """``data`` itself, or for a large file a digest that stands for it in comparisons."""
    return hashlib.blake2b(data).digest() if len(data) > _FINGERPRINT_ABOVE else data


def _outcome(
    path: str,
    target: str,
    before: bytes | None,
    after: bytes,
    before_text: str,
    explanation: Explanation,
    write: bool,
    diff: bool,
    explain: bool,
    force: bool = False,
) -> FileResult:
    """Compare the cleaned bytes with what ``target`` holds, write them if asked, report.

    A ``target`` other than ``path`` that exists and differs is a file boilerclean
    cannot know it wrote: it is left alone unless ``force``.
    """
    shown = explanation if explain else None
    elsewhere = target if target != path else None
    if after == before:
        return FileResult(path, "unchanged", explanation=shown, target=elsewhere)
    if write and elsewhere and before is not None and not force:
        raise FileError(f"{target}: exists and differs; left alone (--force replaces it)")
    if write:
        try:
            if elsewhere:
                Path(target).parent.mkdir(parents=True, exist_ok=True)
            atomic_write(Path(target), after)
        except OSError as exc:
            raise FileError(f"{target}: cannot write: {exc.strerror or exc}") from None
        except FileError as exc:
            raise FileError(f"{target}: {exc}" if elsewhere else str(exc)) from None
    return FileResult(
        path,
        "changed",
        explanation=shown,
        diff=unified_diff(target, before_text, explanation.text) if diff else "",
        target=elsewhere,
    )


def _existing(target: str) -> bytes | None:
    """What a result's target file holds, or None when there is none yet."""
    try:
        return read_bytes(Path(target)) if os.path.lexists(target) else None
    except FileError as exc:
        raise FileError(f"{target}: {exc}") from None


HTML_SUFFIXES = (".html", ".htm")


def is_html_path(path: str) -> bool:
    return path.lower().endswith(HTML_SUFFIXES)


def text_path_for(path: str) -> str:
    """Where the text of an HTML file goes: ``page.html`` -> ``page.clean.txt`` beside it.

    A file taken as HTML by ``--html`` whatever its name gets ``.clean.txt`` added.

    The HTML is never overwritten; the ``.clean.txt`` name, the one the project's
    samples use for clean text, does not clash with a page dump ``page.txt``.
    """
    suffix = next((s for s in HTML_SUFFIXES if path.lower().endswith(s)), "")
    return path[: len(path) - len(suffix)] + ".clean.txt"


def process_html_file(
    cleaner: Cleaner,
    path: str,
    *,
    write: bool,
    diff: bool = False,
    explain: bool = False,
    url: str | None = None,
    source: str | None = None,
    encoding: str | None = None,
    target: str | None = None,
    force: bool = False,
) -> FileResult:
    """Clean one HTML file into the ``.clean.txt`` file beside it (see ``text_path_for``).

    The bytes are decoded by ``encoding`` when given, else by the page's declared
    charset or detection. "changed" means the text file is new or differs. An
    existing text file that differs is left alone unless ``force``.
    """
    target = target or text_path_for(path)
    try:
        data = read_bytes(Path(path), limit=html_input.MAX_BYTES)
        page: str | bytes = decode(data, encoding).text if encoding else data
        try:
            explanation = cleaner.explain_html(page, url=url, source=source)
        except InputError as exc:
            raise FileError(str(exc)) from None
        before = _existing(target)
        old = before.decode("utf-8", errors="replace") if before is not None else ""
        cleaned = explanation.text.encode("utf-8")
        return _outcome(
            path, target, before, cleaned, old, explanation, write, diff, explain, force
        )
    except FileError as exc:
        return FileResult(path, "error", str(exc))
