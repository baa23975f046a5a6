"""An in-place run killed with SIGKILL at random moments loses nothing.

    python -m benchmarks.kill_test [--files 1000] [--kills 20] [--jobs 1] [--seed 15]

Writes FILES pages built from the bundled samples (each made unique) into a
temporary folder, times one complete ``boilerclean -r`` over a copy, then, KILLS
times: puts the original pages back, starts ``boilerclean -r`` over them, kills
it with SIGKILL after a random part of that time, and checks that every file is
either its original bytes or its complete cleaned text. The next run over the
folder must then complete, leave every file cleaned, and leave no temporary file
behind (it removes what the killed run left). Prints a table of the rounds;
exits 1 if any round failed.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from cleaner import Cleaner

SAMPLES = Path(__file__).resolve().parent.parent / "tests" / "samples"


@dataclass(frozen=True)
class Round:
    """What one kill did, and what the next run made of it."""

    killed_after: float
    cleaned_at_kill: int  # files already holding their cleaned text
    temps_at_kill: int  # temporary files the kill left
    broken: int  # files neither original nor cleaned: must be 0
    next_status: int  # exit status of the run after the kill: 1 (changed) or 0
    next_wrong: int  # files not cleaned after that run: must be 0
    temps_after: int  # temporary files left after that run: must be 0

    @property
    def ok(self) -> bool:
        return (
            self.broken == 0
            and self.next_status in (0, 1)
            and self.next_wrong == 0
            and self.temps_after == 0
        )


def pages(count: int) -> list[bytes]:
    """``count`` distinct dirty pages: the samples in turn, each with a line of its own."""
    raws = [p.read_text("utf-8") for p in sorted(SAMPLES.glob("*.txt")) if ".clean." not in p.name]
    out = []
    for i in range(count):
        raw = raws[i % len(raws)]
        cut = raw.index("\n\n", len(raw) // 3) if "\n\n" in raw[len(raw) // 3 :] else len(raw)
        mark = f"\n\nThe archive holds this story as item number {i} of the collection.\n\n"
        out.append((raw[:cut] + mark + raw[cut:]).encode("utf-8"))
    return out


def command(folder: Path, jobs: int) -> list[str]:
    options = ["--no-config", "-q", "-j", str(jobs), "-r", str(folder)]
    return [sys.executable, "-m", "cleaner", *options]


def _group_alive(group: int) -> bool:
    """Whether a process of process group ``group`` is alive (zombies are not)."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        # After the command's name: state, parent, process group.
        if len(fields) > 2 and fields[2] == str(group) and fields[0] != "Z":
            return True
    return False


def temporary_files(folder: Path) -> int:
    return sum(1 for p in folder.iterdir() if p.name.startswith(".") and p.name.endswith(".tmp"))


def restore(folder: Path, originals: list[bytes]) -> None:
    for i, data in enumerate(originals):
        (folder / f"page{i:05}.txt").write_bytes(data)


def run_rounds(root: Path, files: int, kills: int, jobs: int = 1, seed: int = 15) -> list[Round]:
    """The kill test in ``root``; one ``Round`` per kill."""
    rng = random.Random(seed)
    originals = pages(files)
    cleaner = Cleaner()
    cleaned = [cleaner.clean(data.decode("utf-8")).encode("utf-8") for data in originals]
    names = [f"page{i:05}.txt" for i in range(files)]
    folder = root / "pages"
    folder.mkdir()
    restore(folder, originals)
    # How long a complete run takes, over a copy, to spread the kills over it.
    calibration = root / "calibration"
    shutil.copytree(folder, calibration)
    start = time.perf_counter()
    subprocess.run(command(calibration, jobs), check=False, stdout=subprocess.DEVNULL)
    full = time.perf_counter() - start
    shutil.rmtree(calibration)
    rounds = []
    for _ in range(kills):
        restore(folder, originals)
        delay = rng.uniform(0.05, 1.0) * full
        # In a process group of its own, which its workers share: those started
        # a moment before the kill are waited for too.
        child = subprocess.Popen(
            command(folder, jobs), stdout=subprocess.DEVNULL, start_new_session=True
        )
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait()
        # Workers, if any, take their parent's death as SIGTERM: the next run is
        # not to find them still alive (their temporary files are then theirs).
        deadline = time.monotonic() + 30
        while _group_alive(child.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        done = broken = 0
        for name, before, after in zip(names, originals, cleaned, strict=True):
            data = (folder / name).read_bytes()
            done += data == after and data != before
            broken += data not in (before, after)
        temps = temporary_files(folder)
        status = subprocess.run(command(folder, jobs), check=False, stdout=subprocess.DEVNULL)
        wrong = sum((folder / n).read_bytes() != c for n, c in zip(names, cleaned, strict=True))
        rounds.append(
            Round(delay, done, temps, broken, status.returncode, wrong, temporary_files(folder))
        )
    return rounds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        rounds = run_rounds(Path(tmp), args.files, args.kills, args.jobs, args.seed)
    print(f"{args.files} files, -j {args.jobs}, {args.kills} kills (SIGKILL), pid {os.getpid()}")
    print(
        "| kill | after | cleaned at kill | temp files left | broken files | next run | "
        "not cleaned after | temp files after |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for i, r in enumerate(rounds, start=1):
        print(
            f"| {i} | {r.killed_after:.2f} s | {r.cleaned_at_kill} | {r.temps_at_kill} | "
            f"{r.broken} | exit {r.next_status} | {r.next_wrong} | {r.temps_after} |"
        )
    failed = sum(not r.ok for r in rounds)
    print(f"{len(rounds) - failed} of {len(rounds)} rounds passed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
