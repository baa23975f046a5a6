"""Write the snapshot of today's outputs, the equivalence baseline of the Rust port.

``python -m tests.snapshot.make`` cleans every page bundled here (the dev
corpus's dumps, golds and HTML, and the samples) and writes, per mode, each
page's cleaned text, detected source and removal record (rule and input line
per removed line) to ``expected/MODE.json``. ``tests/test_snapshot.py``
compares the code's outputs with these files exactly. Regenerate only for a
change whose every difference has been read and is meant.
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path
from typing import Any

from cleaner import Cleaner, Explanation

HERE = Path(__file__).resolve().parent
PAGES = HERE / "pages"
HTML = HERE / "html"
SAMPLES = HERE.parent / "samples"
EXPECTED = HERE / "expected"
MODES = ("samples", "dumps", "golds", "html", "many")


def ids() -> list[str]:
    return sorted(p.name[: -len(".gold.txt")] for p in PAGES.glob("*.gold.txt"))


def url(ident: str) -> str:
    return (PAGES / f"{ident}.url").read_text("utf-8").strip()


def record(found: Explanation) -> dict[str, Any]:
    return {
        "text": found.text,
        "source": found.source,
        "removals": [[r.rule, r.line] for r in found.removals],
        "repairs": [[r.line, r.after] for r in found.repairs],
    }


def outputs(mode: str, cleaner: Cleaner) -> dict[str, dict[str, Any]]:
    """Each page's record in ``mode``, by page id; a fresh ``Cleaner`` per mode."""
    if mode == "samples":
        names = sorted(p.name[: -len(".clean.txt")] for p in SAMPLES.glob("*.clean.txt"))
        return {
            n: record(cleaner.explain((SAMPLES / f"{n}.txt").read_text("utf-8"))) for n in names
        }
    if mode == "dumps":
        return {i: record(cleaner.explain((PAGES / f"{i}.txt").read_text("utf-8"))) for i in ids()}
    if mode == "golds":
        return {
            i: record(cleaner.explain((PAGES / f"{i}.gold.txt").read_text("utf-8"))) for i in ids()
        }
    if mode == "html":
        return {
            i: record(
                cleaner.explain_html(
                    gzip.decompress((HTML / f"{i}.html.gz").read_bytes()), url=url(i)
                )
            )
            for i in ids()
        }
    if mode == "many":
        pages = ids()
        found = cleaner.explain_many(
            [(PAGES / f"{i}.txt").read_text("utf-8") for i in pages], [url(i) for i in pages]
        )
        return {i: record(f) for i, f in zip(pages, found, strict=True)}
    raise ValueError(mode)


def dump(records: dict[str, dict[str, Any]]) -> str:
    return json.dumps(records, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    modes = (argv if argv is not None else sys.argv[1:]) or list(MODES)
    EXPECTED.mkdir(exist_ok=True)
    for mode in modes:
        (EXPECTED / f"{mode}.json").write_text(dump(outputs(mode, Cleaner())), "utf-8")
        print(f"wrote expected/{mode}.json")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
