"""Quality and speed of ``clean()`` on the bundled samples.

    python -m benchmarks.samples [--rounds N] [--json FILE] [--check]

Quality: word precision/recall/F1 of each sample against its gold, of its
mojibake version, and of the gold itself passed through ``clean()``.
Speed: ``clean()`` beside ``ftfy.fix_text`` alone and one compiled regular
expression pass over the same texts, timed in the same run and interleaved
round by round (best round of each), reported as MB/s and as ratios, since
machines are noisy. Scaling: one page repeated 100 times, verbatim and with
every line made unique, against the page alone, per byte.
``--check`` exits 1 when a target of the core issue is missed.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import ftfy

from cleaner import Cleaner
from cleaner.metrics import score

SAMPLES = Path(__file__).resolve().parent.parent / "tests" / "samples"

TARGET_SPEED_RATIO = 20.0  # clean() at least 20x ftfy.fix_text alone (issue 16)
TARGET_SCALING = 1.2  # a page x100 at most 1.2x the cost per byte of the page


def load() -> list[tuple[str, str, str]]:
    names = sorted(p.name[: -len(".clean.txt")] for p in SAMPLES.glob("*.clean.txt"))
    return [
        (
            n,
            (SAMPLES / f"{n}.txt").read_text("utf-8"),
            (SAMPLES / f"{n}.clean.txt").read_text("utf-8"),
        )
        for n in names
    ]


def best_times(contenders: dict[str, Callable[[], object]], rounds: int) -> dict[str, float]:
    """Best wall time of each contender, interleaving them round by round."""
    best = dict.fromkeys(contenders, float("inf"))
    for _ in range(rounds):
        for name, run in contenders.items():
            start = time.perf_counter()
            run()
            best[name] = min(best[name], time.perf_counter() - start)
    return best


def from_cold(cleaner: Cleaner, texts: list[str]) -> list[str]:
    """Clean ``texts`` with no lines remembered from earlier rounds, as a new process would."""
    cleaner.clear_cache()
    return [cleaner.clean(text) for text in texts]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)

    cleaner = Cleaner()
    samples = load()
    results: dict[str, object] = {"samples": {}}

    print("## Quality (word P / R / F1 against the gold, no URL given)\n")
    print("| sample | source | P | R | F1 | F1 mojibake | gold kept (F1) |")
    print("|---|---|---|---|---|---|---|")
    worst = 1.0
    for name, raw, gold in samples:
        result = cleaner.explain(raw)
        s = score(result.text, gold)
        broken = raw.encode("utf-8").decode("sloppy-windows-1252")
        f1_moji = score(cleaner.clean(broken), gold).f1
        f1_gold = score(cleaner.clean(gold), gold).f1
        worst = min(worst, s.f1, f1_moji, f1_gold)
        results["samples"][name] = {  # type: ignore[index]
            "source": result.source,
            "p": s.precision,
            "r": s.recall,
            "f1": s.f1,
            "f1_mojibake": f1_moji,
            "f1_gold": f1_gold,
        }
        print(
            f"| {name} | {result.source or '(generic)'} | {s.precision:.3f} | {s.recall:.3f} "
            f"| {s.f1:.3f} | {f1_moji:.3f} | {f1_gold:.3f} |"
        )

    texts = [raw for _, raw, _ in samples]
    size = sum(len(t.encode("utf-8")) for t in texts)
    strip = re.compile(r"^[ \t]+|[ \t]+$", re.MULTILINE)
    for text in texts:  # warm up: lazily built pattern sets, caches
        cleaner.clean(text)
    times = best_times(
        {
            "clean()": partial(from_cold, cleaner, texts),
            "ftfy.fix_text": lambda: [ftfy.fix_text(t) for t in texts],
            "one regex pass": lambda: [strip.sub("", t) for t in texts],
        },
        args.rounds,
    )
    ratio = times["ftfy.fix_text"] / times["clean()"]
    print(f"\n## Throughput ({size / 1000:.1f} kB of samples, best of {args.rounds} rounds)\n")
    print("| what | MB/s | time vs clean() |")
    print("|---|---|---|")
    for name, seconds in times.items():
        print(f"| {name} | {size / seconds / 1e6:.2f} | {seconds / times['clean()']:.2f}x |")
    target = f"target >= {TARGET_SPEED_RATIO}x"
    print(f"\nclean() is {ratio:.2f}x as fast as ftfy.fix_text alone ({target})")

    print("\n## Scaling (cost per byte of a page x100 against the page alone)\n")
    print("| sample | x100 verbatim | x100, every line unique |")
    print("|---|---|---|")
    scaling_worst = 0.0
    for name, raw, _ in samples:
        big = (raw.rstrip("\n") + "\n\n") * 100
        unique = "".join(
            "\n".join(f"{line} {i}" if line.strip() else line for line in raw.split("\n")) + "\n\n"
            for i in range(100)
        )
        t = best_times(
            {
                "one": partial(from_cold, cleaner, [raw]),
                "big": partial(from_cold, cleaner, [big]),
                "unique": partial(from_cold, cleaner, [unique]),
            },
            max(3, args.rounds // 5),
        )
        per_byte_one = t["one"] / len(raw)
        verbatim = t["big"] / len(big) / per_byte_one
        distinct = t["unique"] / len(unique) / per_byte_one
        scaling_worst = max(scaling_worst, verbatim)
        results["samples"][name]["scaling"] = {"verbatim": verbatim, "unique": distinct}  # type: ignore[index]
        print(f"| {name} | {verbatim:.2f}x | {distinct:.2f}x |")

    results.update(
        {
            "bytes": size,
            "mb_per_s": {k: size / v / 1e6 for k, v in times.items()},
            "speed_ratio_vs_ftfy": ratio,
            "worst_f1": worst,
            "worst_scaling": scaling_worst,
        }
    )
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")

    missed = []
    if worst < 0.99:
        missed.append(f"a sample F1 of {worst:.3f} < 0.99")
    if ratio < TARGET_SPEED_RATIO:
        missed.append(f"speed {ratio:.2f}x < {TARGET_SPEED_RATIO}x ftfy")
    if scaling_worst > TARGET_SCALING:
        missed.append(f"scaling {scaling_worst:.2f}x > {TARGET_SCALING}x")
    print("\ntargets: " + ("all met" if not missed else "MISSED: " + "; ".join(missed)))
    return 1 if (missed and args.check) else 0


if __name__ == "__main__":
    sys.exit(main())
