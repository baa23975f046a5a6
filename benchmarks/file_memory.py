"""Peak memory of in-place runs over large files: one long line of text, and JSON Lines.

    python -m benchmarks.file_memory [--line-mb 200] [--jsonl-mb 200]

Writes a text file that is one line of ``--line-mb`` MB (sample words, no line
break) and a JSON Lines file of about ``--jsonl-mb`` MB (1.4 kB records built from
the samples), cleans each in place with the installed command in a child process,
and reports the child's peak resident memory (``wait4``), beside the file size.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.jsonl_memory import sample_lines, write_records


def run(*argv: str) -> tuple[float, int, int]:
    """Seconds, peak RSS (bytes) and exit status of ``boilerclean ARGV`` in a child."""
    command = [sys.executable, "-m", "cleaner", "--no-config", "-q", *argv]
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    peak = usage.ru_maxrss if sys.platform == "darwin" else usage.ru_maxrss * 1024
    return seconds, peak, os.waitstatus_to_exitcode(status)


def write_line(path: Path, size: int, lines: list[str]) -> int:
    words = " ".join(lines).encode("utf-8")
    with path.open("wb") as out:
        left = size
        while left > 0:
            chunk = words[:left]
            out.write(chunk)
            left -= len(chunk)
    return path.stat().st_size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--line-mb", type=float, default=200)
    parser.add_argument("--jsonl-mb", type=float, default=200)
    args = parser.parse_args(argv)
    lines = sample_lines()
    print("| input | size | time | exit | peak RSS | peak / size |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        cases = []
        if args.line_mb:
            path = Path(tmp) / "line.txt"
            cases.append(("one-line text", path, write_line(path, int(args.line_mb * 1e6), lines)))
        if args.jsonl_mb:
            path = Path(tmp) / "pages.jsonl"
            cases.append(("JSON Lines", path, write_records(path, int(args.jsonl_mb * 700), lines)))
        for name, path, size in cases:
            extra = ["--jsonl"] if path.suffix == ".jsonl" else []
            seconds, peak, status = run(*extra, str(path))
            print(
                f"| {name} | {size / 1e6:.0f} MB | {seconds:.1f} s | {status} | "
                f"{peak / 1e6:.0f} MB | {peak / size:.1f}x |"
            )
            path.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
