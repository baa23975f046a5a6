"""``replay``: the record of ``explain`` rebuilds the cleaned text, with no rule run.

Every removal, repair and dropped blank line is needed, and nothing else is:
replaying the record against the input gives ``Explanation.text`` on every
bundled page, on the shared corpora when they are beside the checkout, on HTML
pages (against the text taken from the page) and on generated texts; a record
with one removal less gives another text.
"""

from __future__ import annotations

import dataclasses
import gzip
from pathlib import Path

import pytest
import trafilatura
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cleaner import Cleaner, Explanation, Removal, explain, explain_html, replay
from cleaner.html import extract

from .conftest import SAMPLES, SHARED, SLOW_EXAMPLES, examples, read, sample_ids
from .snapshot import make
from .test_html import ARTICLE
from .test_properties import lines, pages

BUNDLED = [
    *(make.PAGES / f"{i}.txt" for i in make.ids()),
    *(make.PAGES / f"{i}.gold.txt" for i in make.ids()),
    *(SAMPLES / f"{name}.txt" for name in sample_ids()),
]
# The page of The Week's subscribe box (from "Subscribe to The Week" through
# "Subscribed to The Week? ..."), with a blank line inside: the box goes with
# that blank, and the paragraphs around it meet.
BOX = (
    "The harbour reopened on Monday after a week of repairs.\n"
    "Subscribe to The Week\n\nSubscribed to The Week? Register now.\n"
    "Fishing boats were the first to leave, before dawn.\n"
)
# ftfy splits line 2 at the bare carriage returns into three lines, the first
# and last the same headline; the second copy goes as a repeat, and which copy
# went decides whether a blank line follows the first.
SPLIT = "The harbour reopened on Monday.\nHarbour Reopens\r\rHarbour Reopens\n"


def replays(text: str, found: Explanation) -> None:
    assert replay(text, found) == found.text


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner()


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_replay_rebuilds_every_bundled_page(cleaner: Cleaner, path: Path) -> None:
    text = read(path)
    replays(text, cleaner.explain(text))


def test_the_bundled_pages_are_all_there() -> None:
    assert len(BUNDLED) == 85 * 2 + 5


def test_replay_rebuilds_pages_cleaned_together(cleaner: Cleaner) -> None:
    ids = make.ids()
    texts = [read(make.PAGES / f"{i}.txt") for i in ids]
    found = cleaner.explain_many(texts, [make.url(i) for i in ids])
    # The site-repeat step must be in the record for this to test it.
    assert any(r.rule == "generic/site-repeat" for f in found for r in f.removals)
    for text, each in zip(texts, found, strict=True):
        replays(text, each)


@pytest.mark.parametrize("ident", make.ids())
def test_replay_rebuilds_html_pages_from_their_extracted_text(cleaner: Cleaner, ident: str) -> None:
    html = gzip.decompress((make.HTML / f"{ident}.html.gz").read_bytes())
    found = cleaner.explain_html(html, url=make.url(ident))
    # explain_html numbers the lines of the text taken from the page.
    extracted = extract(html, url=make.url(ident))
    assert not any("visible text instead" in note for note in found.notes)
    replays(extracted.text, found)


def test_replay_of_html_that_fell_back_to_the_visible_text(monkeypatch) -> None:
    monkeypatch.setattr(trafilatura, "extract", lambda *a, **k: None)
    found = explain_html(ARTICLE)
    assert any("visible text instead" in note for note in found.notes)
    visible = extract(ARTICLE).visible
    assert visible is not None and found.removals
    replays(visible, found)


@pytest.mark.parametrize("corpus", ["dev-corpus", "dev-corpus-2"])
def test_replay_rebuilds_the_shared_corpora(cleaner: Cleaner, corpus: str) -> None:
    docs = SHARED / corpus / "docs"
    if not docs.is_dir():
        pytest.skip(f"no ../shared/{corpus}")
    paths = sorted(docs.glob("*.txt"))
    assert paths
    for path in paths:
        text = read(path)
        found = cleaner.explain(text)
        assert replay(text, found) == found.text, path.name
    dumps = [path for path in paths if not path.name.endswith(".gold.txt")]
    urls = [path.with_suffix(".url") for path in dumps]
    texts = [read(path) for path in dumps]
    together = cleaner.explain_many(texts, [read(u).strip() if u.is_file() else None for u in urls])
    for path, text, found in zip(dumps, texts, together, strict=True):
        assert replay(text, found) == found.text, path.name


# Lines that ftfy splits (a bare carriage return, U+2028), so that replay meets
# input lines that became several, some removed and some kept.
split_lines = st.tuples(lines, st.sampled_from(["\r", "\r\r", "\u2028", "\r \r"]), lines).map(
    "".join
)
split_pages = st.lists(st.one_of(lines, split_lines), max_size=40).map("\n".join)


@settings(
    max_examples=examples(300, slow=SLOW_EXAMPLES // 5),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.one_of(pages, split_pages, st.text()))
@example(BOX)
@example(SPLIT)
@example("Caption\r\n(Image credit: x)\r\nCaption\r\n")
@example("Share\u2028Body text of the article goes on here.\u2028Share")
def test_replay_of_the_record_is_the_cleaned_text(text: str) -> None:
    found = explain(text)
    assert replay(text, found) == found.text


def test_a_block_takes_its_blank_lines_and_the_record_says_so() -> None:
    found = explain(BOX)
    assert found.text == (
        "The harbour reopened on Monday after a week of repairs.\n"
        "Fishing boats were the first to leave, before dawn.\n"
    )
    assert found.blanks == (Removal("theweek.com/subscribe-box", 3, ""),)
    replays(BOX, found)
    # Without the blank the paragraphs would stay apart.
    assert replay(BOX, dataclasses.replace(found, blanks=())) != found.text


def test_the_record_tells_apart_the_pieces_of_a_split_line() -> None:
    found = explain(SPLIT)
    assert found.text == "The harbour reopened on Monday.\nHarbour Reopens\n"
    assert found.removals == (Removal("generic/repeated-line", 2, "Harbour Reopens", 2),)
    replays(SPLIT, found)
    first = dataclasses.replace(found.removals[0], piece=0)
    assert replay(SPLIT, dataclasses.replace(found, removals=(first,))) != found.text


def test_dropping_any_removal_from_the_record_changes_the_text() -> None:
    for name in sample_ids():
        text = read(SAMPLES / f"{name}.txt")
        found = explain(text)
        assert found.removals, name
        for k, removal in enumerate(found.removals):
            fewer = dataclasses.replace(
                found, removals=found.removals[:k] + found.removals[k + 1 :]
            )
            again = replay(text, fewer)
            assert again != found.text, (name, removal)
            assert removal.text in again.split("\n")


def test_replay_applies_the_record_whatever_it_says() -> None:
    # No rule removes a headline; the record alone decides.
    text = "Harbour Reopens\n\nThe harbour reopened on Monday.\n"
    made_up = Explanation("", None, (Removal("made/up", 1, "Harbour Reopens"),), ())
    assert replay(text, made_up) == "The harbour reopened on Monday.\n"
    assert replay(text, Explanation("", None, (), ())) == text


def test_a_repair_is_replayed_from_the_record() -> None:
    text = "The caf\u00c3\u00a9 on the pier opened again.\n"
    found = explain(text)
    assert found.repairs and found.text == "The caf\u00e9 on the pier opened again.\n"
    replays(text, found)
    assert replay(text, dataclasses.replace(found, repairs=())) == text


@pytest.mark.parametrize(
    ("removal", "message"),
    [
        (Removal("made/up", 9, "Share"), "line 9 does not read 'Share' (made/up)"),
        (Removal("made/up", 0, "Share"), "line 0 does not read 'Share'"),
        (Removal("made/up", 1, "Sharing"), "line 1 does not read 'Sharing'"),
        (Removal("made/up", 1, "Share", 1), "line 1 (piece 1) does not read 'Share'"),
    ],
)
def test_a_record_that_does_not_fit_the_text_is_refused(removal: Removal, message: str) -> None:
    record = Explanation("", None, (removal,), ())
    with pytest.raises(ValueError, match="the record does not fit the text") as caught:
        replay("Share\nBody.\n", record)
    assert message in str(caught.value)


def test_a_record_of_another_text_is_refused() -> None:
    found = explain("Skip to content\nThe harbour reopened on Monday.\n")
    with pytest.raises(ValueError, match=r"line 1 does not read 'Skip to content'"):
        replay("The harbour reopened on Monday.\n", found)
    repaired = explain("The caf\u00c3\u00a9 reopened.\n")
    with pytest.raises(ValueError, match=r"line 1 does not read .* \(repair\)"):
        replay("The cafe reopened.\n", repaired)
    twice = Explanation("", None, (Removal("a/b", 1, "Share"), Removal("c/d", 1, "Share")), ())
    with pytest.raises(ValueError, match=r"removes line 1 twice \(c/d\)"):
        replay("Share\nBody.\n", twice)


def test_replay_wants_text() -> None:
    with pytest.raises(TypeError, match="text must be str"):
        replay(b"Body.\n", explain("Body.\n"))  # type: ignore[arg-type]
