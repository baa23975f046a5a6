"""The benchmark scripts run, on a small corpus made from the bundled samples."""

from __future__ import annotations

import contextlib
import io
import json

from benchmarks import corpus

from .conftest import SAMPLES, sample_ids


def test_corpus_benchmark_on_the_samples(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for n, name in enumerate(sample_ids()):
        (docs / f"{n:03}.txt").write_bytes((SAMPLES / f"{name}.txt").read_bytes())
        (docs / f"{n:03}.gold.txt").write_bytes((SAMPLES / f"{name}.clean.txt").read_bytes())
    figures = tmp_path / "figures.json"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = corpus.main([str(tmp_path), "--no-peers", "--json", str(figures)])
    assert code == 0
    report = out.getvalue()
    assert "| boilerclean clean() |" in report
    assert "| boilerclean clean_many() |" in report
    measured = json.loads(figures.read_text())["measured"]
    # The samples' own rules are found by their markers, so clean() scores
    # what the core issue asked for on them.
    assert measured["macro F1 of clean()"] >= 0.99
    assert measured["lowest recall of a gold through clean()"] >= 0.99


def test_corpus_benchmark_without_a_corpus(tmp_path):
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = corpus.main([str(tmp_path / "nowhere")])
    assert code == 2
    assert "no corpus" in err.getvalue()


def test_html_benchmark_on_a_small_corpus(tmp_path):
    import gzip

    from benchmarks import html as html_benchmark

    from .test_html import ARTICLE, P1, P2, P3, P4

    (tmp_path / "html").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "html" / "000.html.gz").write_bytes(gzip.compress(ARTICLE.encode("utf-8")))
    (tmp_path / "docs" / "000.gold.txt").write_text("\n\n".join([P1, P2, P3, P4]) + "\n")
    figures = tmp_path / "figures.json"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = html_benchmark.main([str(tmp_path), "--rounds", "1", "--json", str(figures)])
    assert code == 0
    table = json.loads(figures.read_text())["table"]
    assert table["`clean_html`, headline dropped"]["F1"] == 1.0
    assert "| trafilatura alone, same options |" in out.getvalue()
