"""The generic-cleaning targets on the dev corpus beside the checkout.

The corpus lives in ``../shared/dev-corpus`` and is not part of the project, so
these tests skip on a plain clone. ``python -m benchmarks.corpus`` prints the
same figures with the peers beside them.
"""

from __future__ import annotations

import pytest

from benchmarks.corpus import Page, below_half, load, macro
from cleaner import Cleaner
from cleaner.metrics import score

from .conftest import SHARED

CORPUS = SHARED / "dev-corpus"
pytestmark = pytest.mark.skipif(not (CORPUS / "docs").is_dir(), reason="no ../shared/dev-corpus")


@pytest.fixture(scope="module")
def corpus() -> list[Page]:
    return load(CORPUS)


def test_clean_page_by_page_without_urls(corpus):
    cleaner = Cleaner()
    scores = {page.id: score(cleaner.clean(page.text), page.gold) for page in corpus}
    _, recall, f1 = macro(scores.values())
    assert f1 >= 0.93
    assert recall >= 0.95
    assert below_half(scores.values()) <= 2
    # Pages in other languages than English are not emptied.
    for page in corpus:
        if page.lang != "en":
            assert scores[page.id].recall >= 0.9, page.id


def test_clean_many_with_urls(corpus):
    out = Cleaner().clean_many([p.text for p in corpus], [p.url for p in corpus])
    _, _, f1 = macro([score(text, p.gold) for text, p in zip(out, corpus, strict=True)])
    assert f1 >= 0.94


def test_gold_texts_stay_clean(corpus):
    cleaner = Cleaner()
    for page in corpus:
        assert score(cleaner.clean(page.gold), page.gold).recall >= 0.99, page.id


def test_clean_html_on_the_corpus_html(corpus):
    cleaner = Cleaner()
    scores = [score(cleaner.clean_html(p.html, url=p.url), p.gold) for p in corpus if p.html]
    assert len(scores) == len(corpus)
    _, _, f1 = macro(scores)
    assert f1 >= 0.96
    assert all(s.f1 >= 0.5 for s in scores)


def test_cleaning_real_pages_is_idempotent(corpus):
    cleaner = Cleaner()
    for page in corpus:
        once = cleaner.clean(page.text)
        assert cleaner.clean(once) == once, page.id
