"""Quality and speed of generic cleaning on a corpus of pages, beside the peers.

    python -m benchmarks.corpus [CORPUS] [--no-peers] [--rounds N] [--json FILE] [--check]

CORPUS is laid out as ``../shared/dev-corpus`` (the default when it exists):
``docs/NNN.txt`` (a page's text dump), ``docs/NNN.gold.txt`` (its article),
optionally ``docs/NNN.url``, ``html/NNN.html.gz`` and ``manifest.json`` (with
each page's ``lang``). Scores are bags of words, as the corpus's scorer counts
them: macro and micro precision, recall and F1, pages below F1 0.5, the worst
pages.

Measured in the same run:
- ``clean()`` page by page, with no URL: generic rules only, since no source
  of the corpus has a rule file;
- ``clean_many()`` over the whole corpus with the pages' URLs (lines that pages
  of one site share are dropped);
- the raw dump, jusText on the text (each line a paragraph, the page
  language's stoplist) and trafilatura on the original HTML;
- the gold texts passed through ``clean()`` (clean text must stay clean);
- throughput of each, and of ``ftfy.fix_text`` on the same text, as MB/s of
  input and as a ratio to ftfy;
- the floor: one ``str.splitlines()`` and set-lookup pass over the same text
  (each line looked up among the built-in rules' exact lines), the least any
  line-based cleaner must do; ``clean()``'s throughput is printed as a
  fraction of it.

``--check`` exits 1 when a target of the generic-cleaning issue is missed.
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import sys
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

import ftfy
import yaml

from cleaner import Cleaner
from cleaner.loader import builtin_rules_dir
from cleaner.metrics import Score, score

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "dev-corpus"

TARGETS = {
    "macro F1 of clean()": 0.93,
    "macro recall of clean()": 0.95,
    "macro F1 of clean_many()": 0.94,
    "lowest recall of a gold through clean()": 0.99,
    "lowest recall of a non-English page": 0.9,
    "speed of clean() against ftfy": 20.0,
    "speed of clean_many() against ftfy": 15.0,
}
MAX_BELOW_HALF = 2
RAW = "raw dump"

# jusText's stoplist names for the corpus's language codes.
JUSTEXT_LANGUAGES = {
    "en": "English",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "pt": "Portuguese",
    "it": "Italian",
    "ru": "Russian",
    "uk": "Ukrainian",
    "nl": "Dutch",
    "pl": "Polish",
}


@dataclass(frozen=True)
class Page:
    id: str
    text: str
    gold: str
    url: str | None
    lang: str
    html: bytes | None


def load(corpus: Path) -> list[Page]:
    docs = corpus / "docs"
    manifest = corpus / "manifest.json"
    langs: dict[str, str] = {}
    if manifest.exists():
        langs = {
            d["id"]: d.get("lang", "en")
            for d in json.loads(manifest.read_text("utf-8")).get("docs", [])
        }
    pages = []
    for gold in sorted(docs.glob("*.gold.txt")):
        ident = gold.name[: -len(".gold.txt")]
        url_file = docs / f"{ident}.url"
        html_file = corpus / "html" / f"{ident}.html.gz"
        pages.append(
            Page(
                ident,
                (docs / f"{ident}.txt").read_text("utf-8"),
                gold.read_text("utf-8"),
                url_file.read_text("utf-8").strip() if url_file.exists() else None,
                langs.get(ident, "en"),
                gzip.decompress(html_file.read_bytes()) if html_file.exists() else None,
            )
        )
    return pages


def macro(scores: Collection[Score]) -> tuple[float, float, float]:
    """Precision, recall and F1 averaged over pages."""
    n = len(scores) or 1
    return (
        sum(s.precision for s in scores) / n,
        sum(s.recall for s in scores) / n,
        sum(s.f1 for s in scores) / n,
    )


def micro(scores: Collection[Score]) -> tuple[float, float, float]:
    """Precision, recall and F1 of all the pages' words together."""
    total = Score(sum(s.tp for s in scores), sum(s.fp for s in scores), sum(s.fn for s in scores))
    return total.precision, total.recall, total.f1


def below_half(scores: Collection[Score]) -> int:
    return sum(1 for s in scores if s.f1 < 0.5)


def corpus_parser(doc: str, rounds: int) -> argparse.ArgumentParser:
    """The options every corpus benchmark takes."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--rounds", type=int, default=rounds, help="timing rounds (best is kept)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    return parser


@dataclass
class Result:
    name: str
    scores: dict[str, Score]
    seconds: float
    megabytes: float

    def macro(self) -> tuple[float, float, float]:
        return macro(self.scores.values())

    def micro(self) -> tuple[float, float, float]:
        return micro(self.scores.values())

    def below_half(self) -> int:
        return below_half(self.scores.values())

    def speed(self) -> float:
        return self.megabytes / self.seconds if self.seconds else float("inf")


def timed(
    name: str,
    pages: list[Page],
    run: Callable[[list[Page]], list[str]],
    size: Callable[[Page], int],
    rounds: int,
    gold: Callable[[Page], str] = lambda page: page.gold,
) -> Result:
    best, outputs = float("inf"), []
    for _ in range(rounds):
        start = time.perf_counter()
        outputs = run(pages)
        best = min(best, time.perf_counter() - start)
    scores = {page.id: score(out, gold(page)) for page, out in zip(pages, outputs, strict=True)}
    return Result(name, scores, best, sum(size(page) for page in pages) / 1e6)


def exact_lines() -> frozenset[str]:
    """Every ``lines:`` entry of the built-in rule files, as a set."""
    found: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "lines" and isinstance(value, list):
                    found.update(v for v in value if isinstance(v, str))
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for path in sorted(builtin_rules_dir().rglob("*.yaml")):
        walk(yaml.safe_load(path.read_text("utf-8")))
    return frozenset(found)


def text_size(page: Page) -> int:
    return len(page.text.encode("utf-8"))


def run_justext(pages: list[Page]) -> list[str]:
    import justext

    out = []
    for page in pages:
        markup = "".join(f"<p>{html.escape(line)}</p>" for line in page.text.splitlines())
        stoplist = justext.get_stoplist(JUSTEXT_LANGUAGES.get(page.lang, "English"))
        paragraphs = justext.justext(f"<html><body>{markup}</body></html>", stoplist)
        out.append("\n\n".join(p.text for p in paragraphs if not p.is_boilerplate))
    return out


def run_trafilatura(pages: list[Page]) -> list[str]:
    import trafilatura

    return [
        trafilatura.extract(page.html, url=page.url) or "" if page.html is not None else ""
        for page in pages
    ]


def table(results: list[Result], ftfy_speed: float) -> list[str]:
    rows = [
        "| system | macro P | macro R | macro F1 | micro F1 | below 0.5 "
        "| MB/s of input | vs ftfy |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        p, rec, f = r.macro()
        speed = "" if r.name == RAW else f"{r.speed():.2f} | {r.speed() / ftfy_speed:.2f}x"
        rows.append(
            f"| {r.name} | {p:.3f} | {rec:.3f} | {f:.3f} | {r.micro()[2]:.3f} | "
            f"{r.below_half()} | {speed or '— | —'} |"
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = corpus_parser(__doc__, rounds=1)
    parser.add_argument("--no-peers", action="store_true", help="skip jusText and trafilatura")
    parser.add_argument("--worst", type=int, default=10, help="list this many weakest pages")
    args = parser.parse_args(argv)
    if not (args.corpus / "docs").is_dir():
        print(f"no corpus at {args.corpus} (expected a docs/ folder in it)", file=sys.stderr)
        return 2
    pages = load(args.corpus)
    if not pages:
        print(f"no pages in {args.corpus / 'docs'}", file=sys.stderr)
        return 2
    cleaner = Cleaner()
    cleaner.clean(pages[0].text)  # load and compile outside the timing

    # Lines are remembered across pages (a site repeats its furniture); each
    # timed run starts with none, as a new process would.
    def per_page(ps: list[Page]) -> list[str]:
        cleaner.clear_cache()
        return [cleaner.clean(p.text) for p in ps]

    def many(ps: list[Page]) -> list[str]:
        cleaner.clear_cache()
        return cleaner.clean_many([p.text for p in ps], [p.url for p in ps])

    def fix(ps: list[Page]) -> list[str]:
        return [ftfy.fix_text(p.text) for p in ps]

    furniture = exact_lines()

    def floor(ps: list[Page]) -> list[str]:
        return [
            "\n".join(line for line in p.text.splitlines() if line not in furniture) for p in ps
        ]

    rounds = args.rounds
    ours = timed("boilerclean clean()", pages, per_page, text_size, rounds)
    results = [
        timed(RAW, pages, lambda ps: [p.text for p in ps], text_size, 1),
        ours,
        timed("boilerclean clean_many()", pages, many, text_size, rounds),
    ]
    reference = timed("ftfy.fix_text", pages, fix, text_size, rounds)
    lookup = timed("str.splitlines() + set lookup", pages, floor, text_size, rounds)
    if not args.no_peers:
        results.append(timed("jusText on the text", pages, run_justext, text_size, rounds))
        with_html = [p for p in pages if p.html is not None]
        if with_html:
            results.append(
                timed(
                    "trafilatura on the HTML",
                    with_html,
                    run_trafilatura,
                    lambda p: len(p.html or b""),
                    rounds,
                )
            )
    gold = timed(
        "gold through clean()", pages, lambda ps: [cleaner.clean(p.gold) for p in ps], text_size, 1
    )
    gold_low = min(gold.scores.items(), key=lambda kv: kv[1].recall)
    foreign = [p for p in pages if p.lang != "en"]
    foreign_low = min(
        ((p.id, ours.scores[p.id].recall) for p in foreign), key=lambda kv: kv[1], default=None
    )
    speed_ratio = ours.speed() / reference.speed()

    print(f"# Generic cleaning on {args.corpus.name}: {len(pages)} pages\n")
    print("\n".join(table(results, reference.speed())))
    print(f"\nftfy.fix_text alone: {reference.speed():.2f} MB/s of text.")
    print(
        f"One str.splitlines() + set-lookup pass: {lookup.speed():.2f} MB/s; clean() runs at "
        f"{ours.speed() / lookup.speed():.2%} of it, clean_many() at "
        f"{results[2].speed() / lookup.speed():.2%}."
    )
    print(f"\n## Weakest pages of clean() (worst {args.worst})\n")
    print("| page | P | R | F1 |\n|---|---|---|---|")
    worst = sorted(ours.scores.items(), key=lambda kv: kv[1].f1)[: args.worst]
    for ident, s in worst:
        print(f"| {ident} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} |")
    print(
        f"\nGold texts through clean(): lowest recall {gold_low[1].recall:.3f} "
        f"({gold_low[0]}), {sum(s.recall < 0.99 for s in gold.scores.values())} below 0.99."
    )
    if foreign_low is not None:
        print(
            f"Non-English pages: {len(foreign)}, lowest recall {foreign_low[1]:.3f} "
            f"({foreign_low[0]})."
        )

    measured = {
        "macro F1 of clean()": ours.macro()[2],
        "macro recall of clean()": ours.macro()[1],
        "macro F1 of clean_many()": results[2].macro()[2],
        "lowest recall of a gold through clean()": gold_low[1].recall,
        "lowest recall of a non-English page": foreign_low[1] if foreign_low else 1.0,
        "speed of clean() against ftfy": speed_ratio,
        "speed of clean_many() against ftfy": results[2].speed() / reference.speed(),
    }
    missed = [f"{k} {measured[k]:.3f} < {v}" for k, v in TARGETS.items() if measured[k] < v]
    if ours.below_half() > MAX_BELOW_HALF:
        missed.append(f"{ours.below_half()} pages below F1 0.5 > {MAX_BELOW_HALF}")
    print("\ntargets: " + ("all met" if not missed else "MISSED: " + "; ".join(missed)))
    if args.json:
        figures = {
            r.name: {
                "macro": r.macro(),
                "micro": r.micro(),
                "below_half": r.below_half(),
                "mb_per_s": r.speed(),
                "pages": {k: [s.precision, s.recall, s.f1] for k, s in r.scores.items()},
            }
            for r in [*results, reference, lookup, gold]
        }
        args.json.write_text(json.dumps({"measured": measured, "systems": figures}, indent=1))
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
