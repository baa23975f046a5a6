"""HTML input: extraction, fallback, charsets, bad input, and the rules on top."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import trafilatura
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import InputError, clean, clean_html, explain_html
from cleaner.cli import main
from cleaner.html import decode_html, visible_text

from .conftest import SAMPLES

P1 = (
    "The harbour council voted on Tuesday to keep the old library open on Sundays, "
    "after a petition that more than two thousand residents had signed in a month."
)
P2 = (
    "The chair said that the building would need a new roof within five years, and "
    "that the money for it would have to come from the town's own budget."
)
P3 = (
    "Volunteers who run the reading room on weekends said they were relieved, and "
    "that they would start a series of talks for children in the spring."
)
P4 = "The council will meet again in March to vote on the budget for the roof and the heating."


def page(body: str, head: str = "<title>Library stays open | Harbour Gazette</title>") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


ARTICLE = page(
    "<nav><ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li>"
    "<li><a href='/sport'>Sport</a></li><li><a href='/arts'>Arts</a></li>"
    "<li><a href='/opinion'>Opinion</a></li></ul></nav>"
    "<article><h1>Library stays open</h1>"
    f"<p>{P1}</p><p>{P2}</p>"
    "<figure><img src='a.jpg'><figcaption>The library in 1901. (Photo: Jane Roe/Getty Images)"
    "</figcaption></figure>"
    f"<p>{P3}</p><p>Share on Facebook</p><p>{P4}</p></article>"
    "<footer><p>© 2024 Harbour Gazette. All rights reserved.</p>"
    "<p><a href='/privacy'>Privacy</a> <a href='/terms'>Terms</a></p></footer>"
)


def paragraphs(text: str) -> list[str]:
    return [line for line in text.split("\n") if line]


def test_extraction_then_rules():
    result = explain_html(ARTICLE)
    assert paragraphs(result.text) == ["Library stays open", P1, P2, P3, P4]
    assert result.notes == ()
    # The share button trafilatura kept is removed by a generic rule, and says so.
    assert any(r.rule == "generic/share" and r.text == "Share on Facebook" for r in result.removals)


def test_headline_leads_once():
    text = clean_html(ARTICLE)
    assert text.startswith("Library stays open\n\n")
    assert text.count("Library stays open") == 1


def test_fallback_to_the_visible_text_when_trafilatura_finds_nothing(monkeypatch):
    monkeypatch.setattr(trafilatura, "extract", lambda *a, **k: None)
    result = explain_html(ARTICLE)
    assert P1 in result.text and P4 in result.text
    assert any("cleaned the page's visible text instead" in n for n in result.notes)
    # The menu is furniture on the visible text too.
    assert "Sport" not in paragraphs(result.text)


PAGE_RULES = {"generic/outside-article", "generic/nav-run", "generic/comment-section"}
MENU = ["- Home", "- News", "- Sport", "- Arts", "- Opinion"]


def test_page_level_rules_run_on_the_visible_text_only(monkeypatch):
    # trafilatura has already judged the page on its tree; the rules that look
    # for the article in text judge only the visible text of the fallback.
    menu_then_article = "\n".join([*MENU, P1, P2, P3, P4])
    monkeypatch.setattr(trafilatura, "extract", lambda *a, **k: menu_then_article)
    extracted = explain_html(ARTICLE)
    assert not PAGE_RULES & {r.rule for r in extracted.removals}
    assert "- Sport" in paragraphs(extracted.text)
    # The same text as a dump loses its menu to them.
    dump = "\n\n".join(["Library stays open", "\n".join(MENU), P1, P2, P3, P4])
    assert "- Sport" not in paragraphs(clean(dump))

    monkeypatch.setattr(trafilatura, "extract", lambda *a, **k: None)
    fallback = explain_html(ARTICLE)
    assert PAGE_RULES & {r.rule for r in fallback.removals}


def test_a_trafilatura_failure_is_a_note_not_a_traceback(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("deep inside")

    monkeypatch.setattr(trafilatura, "extract", broken)
    result = explain_html(ARTICLE)
    assert P1 in result.text
    assert any("trafilatura failed (RuntimeError: deep inside)" in n for n in result.notes)


def test_little_text_that_is_the_article_stays_trafilaturas():
    short = page(f"<article><h1>Library stays open</h1><p>{P1}</p></article>")
    result = explain_html(short)
    assert paragraphs(result.text) == ["Library stays open", P1]
    assert result.notes == ()


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        # Declared charset, and browsers' reading of latin-1 as windows-1252.
        (
            page(f"<p>Café – naïve {P1}</p>", "<meta charset='windows-1252'>").encode("cp1252"),
            "Café – naïve",
        ),
        (
            page(f"<p>Café “naïve” {P1}</p>", "<meta charset='iso-8859-1'>").encode("cp1252"),
            "Café “naïve”",
        ),
        (
            page(
                f"<p>Кафе у гавани {P1}</p>",
                '<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">',
            ).encode("koi8-r"),
            "Кафе у гавани",
        ),
        # No charset: UTF-8, a byte-order mark, or a guess.
        (page(f"<p>Café {P1}</p>").encode("utf-8"), "Café"),
        (page(f"<p>Café {P1}</p>").encode("utf-16"), "Café"),
        (page(f"<p>Café au lait et crème brûlée {P1}</p>").encode("latin-1"), "crème brûlée"),
    ],
    ids=["windows-1252", "iso-8859-1 as 1252", "koi8-r", "utf-8", "utf-16 bom", "guessed"],
)
def test_charsets(data, expected):
    assert expected in decode_html(data)
    assert expected in clean_html(data)


def test_an_unknown_declared_charset_is_read_as_undeclared():
    data = page(f"<p>Café {P1}</p>", "<meta charset='no-such-charset'>").encode("utf-8")
    assert "Café" in decode_html(data)


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3",
        b"\x00\x01\x02\x03binary",
        b"\x1f\x8b\x08\x00broken gzip",
    ],
    ids=["png", "pdf", "nul bytes", "broken gzip"],
)
def test_binary_input_is_a_clear_error(data):
    with pytest.raises(InputError):
        clean_html(data)


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   \n",
        "<!-- nothing but a comment -->",
        "<html><body><p>" + P1[:60],  # truncated mid-paragraph
        "<html><body><div><p>" + P1 + "</div></span></p></body>",  # mismatched tags
        "just some words, no markup at all",
        "<html><body><script>var a = '<p>not text</p>';</script></body></html>",
    ],
    ids=["empty", "blank", "comment", "truncated", "mismatched", "no markup", "script only"],
)
def test_broken_pages_give_a_result(html):
    result = explain_html(html)
    assert isinstance(result.text, str)
    assert "not text" not in result.text


def test_wrong_type():
    with pytest.raises(TypeError):
        clean_html(42)  # type: ignore[arg-type]


def test_visible_text_is_shaped_like_a_page_dump():
    import lxml.html

    tree = lxml.html.document_fromstring(
        page(
            "<ul><li>Home</li><li>News</li></ul><h1>Title</h1><p>First <b>bold</b> para.</p>"
            "<script>x()</script><p>Second.</p>"
        )
    )
    assert visible_text(tree) == "Home\nNews\n\nTitle\n\nFirst bold para.\n\nSecond.\n"


def test_sample_publishers_rules_apply_to_html():
    """An RFE/RL article as HTML: its source's rules run, found by the page's own URL."""
    clean = (SAMPLES / "001_8f71d8338ecf41c1.clean.txt").read_text("utf-8")
    headline, *body = [line for line in clean.split("\n") if line]
    html = page(
        f"<h1>{headline}</h1>"
        + "".join(f"<p>{line}</p>" for line in body)
        + "<p>With reporting by Reuters and AP</p>"
        + "<p>RFE/RL journalists report the news in 27 languages in 23 countries where a "
        "free press is banned by the government or not fully established.</p>",
        head="<link rel='canonical' href='https://www.rferl.org/a/some-story/1.html'>",
    )
    result = explain_html(html)
    assert result.source == "rferl.org"
    assert paragraphs(result.text) == [headline, *body]
    rules = {r.rule for r in result.removals}
    assert "generic/agency-credit" in rules
    assert any(rule.startswith("rferl.org/") for rule in rules)


def test_cli_html_file_stdin_and_jsonl(tmp_path: Path):
    source = tmp_path / "page.html"
    source.write_text(ARTICLE, encoding="utf-8")
    out, err = io.BytesIO(), io.StringIO()
    assert main([str(source)], stdin=io.BytesIO(), stdout=out, stderr=err) == 1
    written = tmp_path / "page.clean.txt"
    assert paragraphs(written.read_text("utf-8")) == ["Library stays open", P1, P2, P3, P4]
    assert source.read_text("utf-8") == ARTICLE  # the HTML is never touched
    assert f"wrote {written}" in out.getvalue().decode()
    # A second run finds the text up to date.
    assert main([str(source)], stdin=io.BytesIO(), stdout=io.BytesIO(), stderr=err) == 0

    out = io.BytesIO()
    assert main(["--html"], stdin=io.BytesIO(ARTICLE.encode()), stdout=out, stderr=err) == 0
    assert out.getvalue().decode("utf-8") == written.read_text("utf-8")

    record = b'{"id": 7, "html": ' + __import__("json").dumps(ARTICLE).encode() + b"}\n"
    out = io.BytesIO()
    assert main(["--jsonl", "--html"], stdin=io.BytesIO(record), stdout=out, stderr=err) == 0
    cleaned = __import__("json").loads(out.getvalue())
    assert cleaned["id"] == 7 and cleaned["html"] == ARTICLE
    assert paragraphs(cleaned["text"]) == ["Library stays open", P1, P2, P3, P4]


def test_cli_binary_html_file_is_reported(tmp_path: Path):
    bad = tmp_path / "image.html"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    err = io.StringIO()
    assert main([str(bad)], stdin=io.BytesIO(), stdout=io.BytesIO(), stderr=err) == 2
    assert err.getvalue().startswith(f"{bad}: binary data")
    assert not (tmp_path / "image.clean.txt").exists()


@settings(max_examples=60, deadline=None)
@given(
    st.one_of(
        st.binary(max_size=400),
        st.text(max_size=400),
        st.lists(
            st.sampled_from(["<p>", "</p>", "<div>", "<li>", "<h1>", "<script>", "&amp;", P1]),
            max_size=30,
        ).map("".join),
    )
)
def test_any_input_gives_text_or_a_clear_error(data):
    try:
        out = clean_html(data)
    except InputError as exc:
        assert str(exc)  # a one-line reason
    else:
        assert isinstance(out, str)
        assert out == "" or out.endswith("\n")
