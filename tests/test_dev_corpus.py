"""The generic-cleaning targets on the dev corpus beside the checkout.

The corpus lives in ``../shared/dev-corpus`` and is not part of the project, so
these tests skip on a plain clone. ``python -m benchmarks.corpus`` prints the
same figures with the peers beside them.
"""

from __future__ import annotations

import json

import pytest

from cleaner import Cleaner
from cleaner.metrics import Score, score

from .conftest import SHARED

CORPUS = SHARED / "dev-corpus"
pytestmark = pytest.mark.skipif(not (CORPUS / "docs").is_dir(), reason="no ../shared/dev-corpus")


def pages() -> list[tuple[str, str, str, str, str]]:
    """(id, text, gold, url, language) of every page."""
    docs = CORPUS / "docs"
    langs = {
        d["id"]: d["lang"]
        for d in json.loads((CORPUS / "manifest.json").read_text("utf-8"))["docs"]
    }
    out = []
    for gold in sorted(docs.glob("*.gold.txt")):
        ident = gold.name[: -len(".gold.txt")]
        out.append(
            (
                ident,
                (docs / f"{ident}.txt").read_text("utf-8"),
                gold.read_text("utf-8"),
                (docs / f"{ident}.url").read_text("utf-8").strip(),
                langs.get(ident, "en"),
            )
        )
    return out


@pytest.fixture(scope="module")
def corpus() -> list[tuple[str, str, str, str, str]]:
    return pages()


def macro(scores: list[Score]) -> tuple[float, float]:
    return sum(s.f1 for s in scores) / len(scores), sum(s.recall for s in scores) / len(scores)


def test_clean_page_by_page_without_urls(corpus):
    cleaner = Cleaner()
    scores = {ident: score(cleaner.clean(text), gold) for ident, text, gold, _, _ in corpus}
    f1, recall = macro(list(scores.values()))
    assert f1 >= 0.93
    assert recall >= 0.95
    assert sum(s.f1 < 0.5 for s in scores.values()) <= 2
    # Pages in other languages than English are not emptied.
    for ident, _, _, _, lang in corpus:
        if lang != "en":
            assert scores[ident].recall >= 0.9, ident


def test_clean_many_with_urls(corpus):
    out = Cleaner().clean_many([p[1] for p in corpus], [p[3] for p in corpus])
    f1, _ = macro([score(text, p[2]) for text, p in zip(out, corpus, strict=True)])
    assert f1 >= 0.94


def test_gold_texts_stay_clean(corpus):
    cleaner = Cleaner()
    for ident, _, gold, _, _ in corpus:
        assert score(cleaner.clean(gold), gold).recall >= 0.99, ident


def test_clean_html_on_the_corpus_html(corpus):
    import gzip

    cleaner = Cleaner()
    scores = []
    for ident, _, gold, url, _ in corpus:
        html = gzip.decompress((CORPUS / "html" / f"{ident}.html.gz").read_bytes())
        scores.append(score(cleaner.clean_html(html, url=url), gold))
    f1, _ = macro(scores)
    assert f1 >= 0.96
    assert all(s.f1 >= 0.5 for s in scores)


def test_cleaning_real_pages_is_idempotent(corpus):
    cleaner = Cleaner()
    for ident, text, _, _, _ in corpus:
        once = cleaner.clean(text)
        assert cleaner.clean(once) == once, ident
