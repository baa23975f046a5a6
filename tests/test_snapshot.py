"""The snapshot: today's outputs and removal records, kept exactly across the Rust port.

``tests/snapshot/expected/MODE.json`` holds, for every bundled dev-corpus page
(dump, gold, HTML, and the dumps together through ``explain_many``) and every
sample, the cleaned text, the detected source, the rule and input line of each
removed line, and each encoding repair. Moving a stage of the pass into the
compiled core must leave every one of them as it was; a difference is listed
page by page. The pages are the dev corpus's (MIT licence, see
``tests/snapshot/README.md``), bundled so the test runs on a plain clone.
"""

from __future__ import annotations

import gzip
import json

import pytest

from cleaner import Cleaner

from .snapshot import make


@pytest.mark.parametrize("mode", make.MODES)
def test_outputs_match_the_snapshot(mode: str) -> None:
    expected = json.loads((make.EXPECTED / f"{mode}.json").read_text("utf-8"))
    found = make.outputs(mode, Cleaner())
    assert sorted(found) == sorted(expected)
    differ = [
        f"{page}: {field}"
        for page in sorted(expected)
        for field in ("text", "source", "removals", "repairs")
        if found[page][field] != expected[page][field]
    ]
    assert not differ, f"{len(differ)} differences in {mode}:\n" + "\n".join(differ[:40])


def _cleaned(mode: str, cleaner: Cleaner) -> dict[str, str]:
    """Each page's text by ``clean``, ``clean_html`` or ``clean_many``: no record kept."""
    ids = make.ids()
    if mode == "samples":
        names = sorted(p.name[: -len(".clean.txt")] for p in make.SAMPLES.glob("*.clean.txt"))
        return {n: cleaner.clean((make.SAMPLES / f"{n}.txt").read_text("utf-8")) for n in names}
    if mode in ("dumps", "golds"):
        end = ".txt" if mode == "dumps" else ".gold.txt"
        return {i: cleaner.clean((make.PAGES / f"{i}{end}").read_text("utf-8")) for i in ids}
    if mode == "html":
        return {
            i: cleaner.clean_html(
                gzip.decompress((make.HTML / f"{i}.html.gz").read_bytes()), url=make.url(i)
            )
            for i in ids
        }
    texts = [(make.PAGES / f"{i}.txt").read_text("utf-8") for i in ids]
    found = cleaner.clean_many(texts, [make.url(i) for i in ids])
    return dict(zip(ids, found, strict=True))


@pytest.mark.parametrize("mode", make.MODES)
def test_the_clean_calls_give_the_snapshot_s_text(mode: str) -> None:
    # ``clean`` runs the pass without making its record; the text is the same.
    expected = json.loads((make.EXPECTED / f"{mode}.json").read_text("utf-8"))
    found = _cleaned(mode, Cleaner())
    differ = [page for page in sorted(expected) if found[page] != expected[page]["text"]]
    assert not differ, f"{len(differ)} pages differ in {mode}: {differ[:20]}"


def test_snapshot_covers_every_bundled_page() -> None:
    # 85 dev-corpus pages (each with its gold, URL and HTML) and the 5 samples.
    assert len(make.ids()) == 85
    assert all((make.HTML / f"{i}.html.gz").is_file() for i in make.ids())
    assert len(json.loads((make.EXPECTED / "samples.json").read_text("utf-8"))) == 5
