"""What keeps a run from leaving debris: temporary files, signals, worker processes.

Every temporary file a write makes is named ``.NAME.boilerclean-PID-XXXXXXXX.tmp``
beside its target, and registered while it exists. The name says whose it is
and which process made it, so that:

- SIGINT and SIGTERM remove this process's own temporary files before it exits
  (130 and 143, as shells report a death by those signals);
- a later run over the same folders removes the ones whose process is gone (a
  run killed with SIGKILL or by a power cut), and nothing else of anybody's;
- worker processes of ``-j N`` die with their parent, removing theirs.

A ``...link.tmp`` is a complete copy of the new bytes of a file with several hard
links, being copied into the file (see ``files.AtomicWriter``): a later run
finishes that copy rather than dropping it, so the file ends whole.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import FrameType

TAG = "boilerclean"
_TEMP = re.compile(rf"^\.(?P<name>.+)\.{TAG}-(?P<pid>[0-9]+)-[A-Za-z0-9_]+(?P<link>\.link)?\.tmp$")

# The temporary files this process has made and not yet renamed or removed.
_live: set[str] = set()


def temp_prefix(name: str) -> str:
    """The start of a temporary file's name for target ``name`` (``mkstemp`` adds the rest)."""
    return f".{name}.{TAG}-{os.getpid()}-"


def register(path: str) -> None:
    _live.add(path)


def unregister(path: str) -> None:
    _live.discard(path)


def remove_own() -> None:
    """Remove every temporary file of this process (on a signal, before exiting).

    A hard-link copy under way stays: its target may be half-copied, and the next
    run finishes the copy from it.
    """
    for path in list(_live):
        if path.endswith(".link.tmp"):
            continue
        with contextlib.suppress(OSError):
            os.unlink(path)
        _live.discard(path)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # somebody else's process: alive
        return True
    except OSError:
        return True
    return not _zombie(pid)


def _zombie(pid: int) -> bool:
    """Whether ``pid`` has exited and waits to be reaped (Linux; elsewhere: no).

    A killed run's workers are orphans; until whoever adopts them reaps them
    they still answer ``kill(pid, 0)``, but they write nothing any more.
    """
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            fields = stat.read().rsplit(b")", 1)[1].split()
    except (OSError, IndexError):
        return False
    return bool(fields) and fields[0] in (b"Z", b"X")


def sweep(folders: Iterable[str]) -> list[str]:
    """Remove stale temporary files of boilerclean in ``folders``; report finished copies.

    Stale means made by a process that no longer exists. A stale hard-link copy
    (``.link.tmp``) is complete (it is renamed to that name only once synced), so
    it is copied into its target, which is then whole again, before it goes.
    """
    messages = []
    for folder in dict.fromkeys(folders):
        try:
            names = os.listdir(folder or ".")
        except OSError:
            continue
        for name in names:
            found = _TEMP.match(name)
            if found is None or _alive(int(found["pid"])):
                continue
            path = os.path.join(folder, name)
            target = os.path.join(folder, found["name"])
            if found["link"] and os.path.isfile(target):
                try:
                    copy_into(path, target)
                except OSError as exc:
                    messages.append(
                        f"{target}: an interrupted rewrite could not be finished "
                        f"({exc.strerror or exc}); its new text is in {path}"
                    )
                    continue
                messages.append(f"{target}: finished the rewrite an interrupted run began")
            with contextlib.suppress(OSError):
                os.unlink(path)
    return messages


def folders_of(paths: Iterable[str], recursive: bool) -> Iterator[str]:
    """The folders where writes to ``paths`` (files, or folders with ``recursive``) go."""
    for path in paths:
        if os.path.isdir(path):
            if not recursive:
                continue
            for folder, dirs, _ in os.walk(path):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                yield folder
            continue
        yield os.path.dirname(path)
        real = os.path.realpath(path)
        if real != os.path.abspath(path):  # a symlink is written through
            yield os.path.dirname(real)


def copy_into(source: str, target: str) -> None:
    """Overwrite ``target``'s bytes with ``source``'s in place (the inode, so its links, stay)."""
    with open(source, "rb") as src, open(target, "r+b") as dst:
        while chunk := src.read(1 << 20):
            dst.write(chunk)
        dst.truncate()
        dst.flush()
        os.fsync(dst.fileno())


_HELD = {signal.SIGINT, signal.SIGTERM}


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Within: SIGINT and SIGTERM wait (a few system calls that must not be cut apart)."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


class Terminated(BaseException):
    """SIGTERM, raised in the main thread as KeyboardInterrupt is for SIGINT."""


def _on_signal(signum: int, frame: FrameType | None) -> None:
    remove_own()
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    raise Terminated


@contextlib.contextmanager
def signals_handled() -> Iterator[None]:
    """Within: SIGINT and SIGTERM remove this process's temporary files and unwind."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set handlers (an embedding application's)
        return
    previous = {sig: signal.signal(sig, _on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _worker_exit(signum: int, frame: FrameType | None) -> None:
    remove_own()
    os._exit(128 + signum)


def _watch_parent(parent: int) -> None:
    # The fallback where the kernel does not signal a parent's death (not Linux).
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:
            # Through the handler, in the main thread, so that ``signals_held`` holds.
            os.kill(os.getpid(), signal.SIGTERM)
            return


def worker_setup(parent: int) -> None:
    """In a ``-j`` worker: die with the parent, leave SIGINT to it, clean up on SIGTERM.

    A terminal's Ctrl-C reaches every process of the group; the parent then
    stops the workers with SIGTERM, so a worker never prints a traceback of its own.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _worker_exit)
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            pr_set_pdeathsig = 1
            libc.prctl(pr_set_pdeathsig, signal.SIGTERM, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before prctl took effect
        _worker_exit(signal.SIGTERM, None)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def is_temp(path: Path) -> bool:
    """Whether ``path`` is named as a temporary file of boilerclean (tests, the kill test)."""
    return _TEMP.match(path.name) is not None
