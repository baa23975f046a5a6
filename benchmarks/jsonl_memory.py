"""Peak memory of ``boilerclean --jsonl`` as the input grows.

    python -m benchmarks.jsonl_memory [--records 10000 100000] [--jobs 1]

Writes JSON Lines files of the given sizes (records of about 1 kB built from the
bundled samples' lines, furniture included), streams each through the installed
command in a child process, and reports the child's peak resident memory, read
from the kernel's accounting for that process (``wait4``), and its throughput.
Bounded memory means the peak does not grow with the number of records.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "tests" / "samples"


def sample_lines() -> list[str]:
    lines = []
    for path in sorted(SAMPLES.glob("*.txt")):
        lines += [line for line in path.read_text("utf-8").split("\n") if line.strip()]
    return lines


def write_records(path: Path, count: int, lines: list[str]) -> int:
    rng = random.Random(count)
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            text = "\n\n".join(rng.choice(lines)[:300] for _ in range(8))
            out.write(json.dumps({"id": i, "url": None, "text": text}) + "\n")
    return path.stat().st_size


def run(path: Path, jobs: int) -> tuple[float, int]:
    """Seconds and peak RSS (bytes) of one streaming run in a child process."""
    command = [sys.executable, "-m", "cleaner", "--jsonl", "-j", str(jobs), "--no-config"]
    start = time.perf_counter()
    with path.open("rb") as stdin:
        child = subprocess.Popen(command, stdin=stdin, stdout=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"boilerclean exited with {os.waitstatus_to_exitcode(status)}")
    # ru_maxrss is in kilobytes on Linux (bytes on macOS).
    peak = usage.ru_maxrss if sys.platform == "darwin" else usage.ru_maxrss * 1024
    return seconds, peak


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args(argv)
    lines = sample_lines()
    print("| records | input | time | throughput | peak RSS |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for count in args.records:
            path = Path(tmp) / f"{count}.jsonl"
            size = write_records(path, count, lines)
            seconds, peak = run(path, args.jobs)
            print(
                f"| {count:,} | {size / 1e6:.1f} MB | {seconds:.1f} s | "
                f"{size / seconds / 1e6:.1f} MB/s | {peak / 1e6:.0f} MB |"
            )
            path.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
