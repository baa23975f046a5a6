"""How ``clean()`` scales: memory on a large text, threads, and the first call.

    python -m benchmarks.scaling [--megabytes N] [--json FILE] [--check]

- Memory: a text of N MB (100 by default), made of the bundled samples with
  every line made unique, cleaned in a child process; the figure is the
  child's peak resident memory during ``clean()`` above what it held before,
  plus the text as Python holds it (``sys.getsizeof`` before the call: the
  samples' curly quotes make it two bytes a character; after the call it would
  also hold the UTF-8 copy the core reads, which the peak already counts), as a
  multiple of the text's UTF-8 size. On Linux with glibc the memory that
  building the text freed is given back and the peak reset before the call, so
  that only the call is measured.
- Threads: the dev-corpus pages (or the samples, without ``../shared``), each
  line made new to the process, cleaned by one thread, then split between two
  threads of one process; the figure is the two threads' throughput over one
  thread's (2.0 would be perfect; with the GIL held throughout it is 1.0).
  Each way runs once untimed first (a second thread's first pages warm caches
  of its own in the core), then the best of five rounds counts; the new texts
  are made before each round's clock starts. Best of three without the
  untimed round gave 1.43-1.49x where ten rounds gave 1.63x on the same build.
  Beside it, in the same run, the machine's own ceiling: ``hashlib.sha256``
  (which releases the GIL on large buffers) over the same bytes on one thread
  and on two. On a virtual machine of two cores that ceiling is itself well
  under 2.0 (1.62-1.78x on this project's machines), so clean()'s ratio is
  also printed as a fraction of it.
- First call: in a new process, the time of the first ``clean()`` of a sample
  beyond the time of ``import cleaner`` (rules load and compile on first use).

Each figure is a ratio or a time measured in the same run on this machine;
``--check`` exits 1 when a target of the core issue is missed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "tests" / "samples"
CORPUS = ROOT.parent / "shared" / "dev-corpus" / "docs"

TARGETS = {
    "peak memory over text size": 4.0,  # at most
    "two threads over one": 1.7,  # at least
    "first clean() beyond imports, s": 0.3,  # at most
}
AT_MOST = {"peak memory over text size", "first clean() beyond imports, s"}


def sample_texts() -> list[str]:
    return [p.read_text("utf-8") for p in sorted(SAMPLES.glob("*[0-9a-f].txt"))]


def pages() -> list[str]:
    found = sorted(p for p in CORPUS.glob("*.txt") if not p.name.endswith(".gold.txt"))
    return [p.read_text("utf-8") for p in found] if found else sample_texts()


def unique(texts: list[str], tag: str) -> list[str]:
    """``texts`` with a tag on every non-blank line, so no line was seen before."""
    return [
        "\n".join(f"{line} {tag}{i}" if line.strip() else line for line in text.split("\n"))
        for i, text in enumerate(texts)
    ]


_MEMORY_CHILD = """
import ctypes, gc, resource, sys
from benchmarks.scaling import sample_texts
from cleaner import clean

def resident():
    # (resident now, peak since the last reset), bytes; Linux's /proc, else the
    # process's peak twice.
    try:
        with open("/proc/self/status") as status:
            fields = dict(line.split(":", 1) for line in status)
        return tuple(int(fields[k].split()[0]) * 1024 for k in ("VmRSS", "VmHWM"))
    except (OSError, KeyError):
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        return peak, peak

def settle():
    # What building the text freed goes back to the system (glibc), and the
    # peak restarts from what is resident now (Linux: "5" > clear_refs).
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")
    except OSError:
        pass

clean("warm up: rules load and compile.\\n")
size = int(sys.argv[1])
blocks, n, total = [], 0, 0
samples = sample_texts()
while total < size:
    for text in samples:
        block = "\\n".join(f"{line} u{n}x{i}" if line.strip() else line
                           for i, line in enumerate(text.split("\\n")))
        blocks.append(block)
        total += len(block.encode("utf-8")) + 2
        n += 1
text = "\\n\\n".join(blocks)
del blocks
settle()
# The text as Python holds it (two bytes a character here) counts once; taken
# before the call, since afterwards its size includes the UTF-8 copy that the
# call made and the peak already counts.
held = sys.getsizeof(text)
before = resident()[0]
out = clean(text)
peak = resident()[1]
print(len(text.encode("utf-8")), peak - before + held, len(out))
"""


def memory(megabytes: float) -> tuple[int, int]:
    """(text bytes, peak resident bytes above the start) of cleaning one large text."""
    done = subprocess.run(
        [sys.executable, "-c", _MEMORY_CHILD, str(int(megabytes * 1e6))],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    size, peak, _ = map(int, done.stdout.split())
    return size, peak


def threads(texts: list[str]) -> tuple[float, float]:
    """Seconds to clean ``texts`` on one thread, and split between two."""
    from cleaner import Cleaner

    def run(cleaner: Cleaner, batch: list[str]) -> None:
        for text in batch:
            cleaner.clean(text)

    cleaner = Cleaner()
    cleaner.clean(texts[0])
    one = _best(lambda fresh: run(cleaner, fresh), lambda tag: unique(texts, f"a{tag}"), cleaner)

    def two(fresh: list[str]) -> None:
        with ThreadPoolExecutor(2) as pool:
            list(pool.map(lambda half: run(cleaner, half), [fresh[0::2], fresh[1::2]]))

    return one, _best(two, lambda tag: unique(texts, f"b{tag}"), cleaner)


def _best(
    work: Callable[[list[str]], None],
    make: Callable[[int], list[str]],
    cleaner: object,
    rounds: int = 5,
) -> float:
    """The best time of ``work`` over ``rounds`` sets of new texts (made untimed)."""
    work(make(rounds))  # warms what one round leaves warm for the next
    best = float("inf")
    for tag in range(rounds):
        fresh = make(tag)
        cleaner.clear_cache()  # type: ignore[attr-defined]
        start = time.perf_counter()
        work(fresh)
        best = min(best, time.perf_counter() - start)
    return best


def machine_threads(megabytes: int = 64, rounds: int = 5) -> tuple[float, float]:
    """Seconds for ``hashlib.sha256`` over ``megabytes`` on one thread, and on two.

    The GIL is released while a large buffer is hashed, so this is what two
    threads of this machine give to work that never waits for the other.
    """
    chunks = [bytes([i]) * (1 << 20) * 8 for i in range(max(2, megabytes // 8))]

    def run(batch: list[bytes]) -> None:
        for chunk in batch:
            hashlib.sha256(chunk).digest()

    def two(batch: list[bytes]) -> None:
        with ThreadPoolExecutor(2) as pool:
            list(pool.map(run, [batch[0::2], batch[1::2]]))

    def best(work: Callable[[list[bytes]], None]) -> float:
        work(chunks)
        times = []
        for _ in range(rounds):
            start = time.perf_counter()
            work(chunks)
            times.append(time.perf_counter() - start)
        return min(times)

    return best(run), best(two)


_FIRST_CHILD = """
import sys, time
start = time.perf_counter()
import cleaner
imported = time.perf_counter()
cleaner.clean(open(sys.argv[1], encoding="utf-8").read())
print(imported - start, time.perf_counter() - imported)
"""


def first_call(rounds: int = 3) -> tuple[float, float]:
    """(import seconds, first clean() seconds) in a new process, best of ``rounds``."""
    sample = sorted(SAMPLES.glob("*[0-9a-f].txt"))[0]
    best = (float("inf"), float("inf"))
    for _ in range(rounds):
        done = subprocess.run(
            [sys.executable, "-c", _FIRST_CHILD, str(sample)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        imported, first = map(float, done.stdout.split())
        best = min(best, (imported, first), key=lambda pair: pair[1])
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=100.0, help="size of the large text")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)

    size, peak = memory(args.megabytes)
    texts = pages()
    one, two = threads(texts)
    machine_one, machine_two = machine_threads()
    ceiling = machine_one / machine_two
    imported, first = first_call()
    measured = {
        "peak memory over text size": peak / size,
        "two threads over one": one / two,
        "first clean() beyond imports, s": first,
    }
    print(f"# Scaling of clean() ({len(texts)} pages for threads)\n")
    print("| measure | figure | target |\n|---|---|---|")
    print(
        f"| peak memory over a {size / 1e6:.0f} MB text | {peak / size:.2f}x "
        f"({peak / 1e6:.0f} MB) | at most 4x |"
    )
    print(f"| two threads over one | {one / two:.2f}x ({one:.2f} s, {two:.2f} s) | at least 1.7x |")
    print(
        f"| the machine's two threads over one (sha256, GIL released) | {ceiling:.2f}x "
        f"(clean() reaches {one / two / ceiling:.0%} of it) | for comparison |"
    )
    print(
        f"| first clean() beyond imports | {first:.3f} s (import {imported:.3f} s) "
        "| at most 0.3 s |"
    )
    missed = [
        f"{name} {value:.3g}"
        for name, value in measured.items()
        if (value > TARGETS[name] if name in AT_MOST else value < TARGETS[name])
    ]
    print("\ntargets: " + ("all met" if not missed else "MISSED: " + "; ".join(missed)))
    if args.json:
        args.json.write_text(
            json.dumps({**measured, "machine two threads over one": ceiling}, indent=1)
        )
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
