"""HTML input under abuse: decompression bombs, huge and deep pages, odd charsets, no extra."""

from __future__ import annotations

import encodings.aliases
import gzip
import io
import sys
import tracemalloc
import zlib
from pathlib import Path

import pytest

from cleaner import InputError, clean, clean_html, explain_html
from cleaner import html as html_module
from cleaner.cli import main
from cleaner.html import MAX_BYTES, MAX_DEPTH, MissingExtra, decode_html, extract, visible_text

from .conftest import SAMPLES, sample_ids

P1 = (
    "The harbour council voted on Tuesday to keep the old library open on Sundays, "
    "after a petition that more than two thousand residents had signed in a month."
)


def gzip_of(chunk: bytes, times: int) -> bytes:
    """``chunk * times``, gzip-compressed without ever holding it whole."""
    stream = zlib.compressobj(6, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    return b"".join(stream.compress(chunk) for _ in range(times)) + stream.flush()


def nested(depth: int, inner: str = f"<p>{P1}</p>") -> str:
    return (
        "<html><body>" + "<div>" * depth + inner + "</div>" * depth + "<p>After the nest.</p>"
        "</body></html>"
    )


def run(argv: list[str], stdin: bytes = b"") -> tuple[int, str, str]:
    out, err = io.BytesIO(), io.StringIO()
    status = main(argv, stdin=io.BytesIO(stdin), stdout=out, stderr=err)
    return status, out.getvalue().decode("utf-8"), err.getvalue()


# Decompression ----------------------------------------------------------------


def test_a_gzip_bomb_is_refused_before_it_expands():
    # 40 MB of "<p>a</p>" in about 80 kB, against a limit of 200 kB.
    bomb = gzip_of(b"<p>a</p>" * 125_000, 40)
    assert len(bomb) < 200_000
    tracemalloc.start()
    try:
        with pytest.raises(InputError, match=r"decompresses to more than 200,000 bytes"):
            extract(bomb, max_bytes=200_000)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # The limit, not the bomb, bounds memory.
    assert peak < 2_000_000


def test_the_default_limit_holds_for_zeros_too():
    # gzip of 64 MB of zeros, 62 kB: the size limit speaks, before the NUL check.
    bomb = gzip_of(b"\0" * 1_000_000, 64)
    with pytest.raises(InputError, match=f"more than {MAX_BYTES:,} bytes"):
        clean_html(bomb)


def test_gzip_within_the_limit_still_reads_every_member():
    two = gzip.compress(f"<html><body><p>{P1}</p>".encode()) + gzip.compress(
        b"<p>The second member of the file.</p></body></html>"
    )
    text = decode_html(two)
    assert P1 in text and "second member" in text
    with pytest.raises(InputError, match="ends too soon"):
        decode_html(gzip.compress(f"<p>{P1}</p>".encode() * 50)[:-30])


def test_the_cli_reports_a_bomb_and_writes_nothing(tmp_path: Path):
    page = tmp_path / "page.html"
    page.write_bytes(gzip_of(b"\0" * 1_000_000, 25))
    status, out, err = run([str(page)])
    assert (status, out) == (2, "")
    assert err.startswith(f"{page}: gzip data decompresses to more than {MAX_BYTES:,} bytes")
    assert not (tmp_path / "page.clean.txt").exists()
    status, _, err = run(["--html"], page.read_bytes())
    assert status == 2 and err.startswith("-: gzip data decompresses")


# Size and element count ---------------------------------------------------------


def test_a_page_over_the_size_limit_is_refused_unparsed():
    with pytest.raises(InputError, match=f"more than the limit of {MAX_BYTES:,}"):
        clean_html(b" " * (MAX_BYTES + 1))
    with pytest.raises(InputError, match="characters, more than the limit of 1,000"):
        extract("<p>" + "a" * 1_000 + "</p>", max_bytes=1_000)


def test_an_html_file_over_the_size_limit_is_refused_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    page = tmp_path / "big.html"
    page.write_bytes(b"<p>" + b"a" * 500 + b"</p>")
    monkeypatch.setattr(html_module, "MAX_BYTES", 100)

    def unread(self: Path) -> bytes:
        raise AssertionError(f"{self} was read")

    monkeypatch.setattr(Path, "read_bytes", unread)
    out, err = io.BytesIO(), io.StringIO()
    assert main([str(page)], stdin=io.BytesIO(), stdout=out, stderr=err) == 2
    assert f"{page}: the page has 507 bytes, more than the limit of 100" in err.getvalue()
    assert not (tmp_path / "big.clean.txt").exists()


def test_html_on_standard_input_is_read_only_to_past_the_limit(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(html_module, "MAX_BYTES", 100)
    stdin = io.BytesIO(b"<p>" + b"a" * 500 + b"</p>")
    err = io.StringIO()
    assert main(["--html"], stdin=stdin, stdout=io.BytesIO(), stderr=err) == 2
    assert "more than the limit of 100" in err.getvalue()
    assert stdin.tell() == 101


def test_a_page_with_too_many_elements_is_refused():
    body = "".join(f"<p>Line {i} of a long page.</p>" for i in range(300))
    markup = f"<html><body>{body}</body></html>"
    with pytest.raises(InputError, match="more than 200 elements"):
        extract(markup, max_elements=200)
    assert "Line 299 of a long page." in extract(markup, max_elements=400).text


def test_the_cli_reports_the_element_limit(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(html_module, "MAX_ELEMENTS", 50)
    markup = "<html><body>" + "<p>a</p>" * 100 + "</body></html>"
    status, out, err = run(["--html"], markup.encode())
    assert status == 2 and out == ""
    assert err == "-: the page has more than 50 elements, the limit for one page " + (
        "(extraction time grows with the square of their number)\n"
    )


# Depth ----------------------------------------------------------------------------


@pytest.mark.parametrize("depth", [300, 1200])
def test_text_below_lxmls_default_depth_is_kept(depth: int):
    # lxml's default parser stops at 256 levels and drops the rest of the page.
    text = clean_html(nested(depth))
    assert P1 in text
    assert "After the nest." in text


def test_deep_visible_text_needs_no_recursion():
    # Too few words for trafilatura alone: the visible text is walked too,
    # deeper than Python's recursion limit.
    depth = sys.getrecursionlimit() + 200
    result = explain_html(nested(depth, "<p>Deep words.</p>"))
    assert "Deep words." in result.text and "After the nest." in result.text
    import lxml.html

    deep = lxml.html.fromstring(
        nested(depth, "<p>Deep words.</p>"), parser=lxml.html.HTMLParser(huge_tree=True)
    )
    assert visible_text(deep) == "Deep words.\n\nAfter the nest.\n"


def test_nesting_past_the_parsers_limit_is_an_error_not_lost_text(tmp_path: Path):
    with pytest.raises(InputError, match=f"nested deeper than {MAX_DEPTH} elements at line 1"):
        clean_html(nested(MAX_DEPTH + 10))
    page = tmp_path / "deep.html"
    page.write_text(nested(MAX_DEPTH + 10), encoding="utf-8")
    status, _, err = run([str(page)])
    assert status == 2 and err.startswith(f"{page}: nested deeper than {MAX_DEPTH} elements")
    assert not (tmp_path / "deep.clean.txt").exists()


# Declared charsets ------------------------------------------------------------------

LABELS = sorted(
    {*encodings.aliases.aliases, *encodings.aliases.aliases.values()}
    | {"idna", "punycode", "rot13", "rot_13", "base64", "zlib", "hex", "bz2", "quopri", "uu"}
    | {"undefined", "unicode_escape", "raw_unicode_escape", "utf-7", "utf-16", "cp500"}
)


def test_any_declared_codec_name_reads_the_page():
    # Codecs that are no text encoding, cannot decode, or garble the very
    # declaration (UTF-16, EBCDIC) are read as if nothing were declared.
    misread = {}
    for label in LABELS:
        data = f'<html><head><meta charset="{label}"></head><body><p>{P1}</p></body></html>'
        try:
            if P1 not in decode_html(data.encode("ascii")):
                misread[label] = "garbled"
        except Exception as exc:
            misread[label] = repr(exc)
    assert len(LABELS) > 300
    assert misread == {}


@pytest.mark.parametrize("label", ["idna", "punycode", "rot13", "base64", "zlib"])
def test_not_a_text_encoding_is_unknown_end_to_end(label: str):
    data = f"<html><head><meta charset='{label}'></head><body><p>Café {P1}</p></body></html>"
    assert "Café" in clean_html(data.encode("utf-8"))


# Without the html extra ---------------------------------------------------------


@pytest.fixture
def no_html_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """As a text-only install: the HTML stack (and jusText) cannot be imported."""
    for name in ("trafilatura", "trafilatura.utils", "lxml", "lxml.html", "justext"):
        monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.setitem(sys.modules, "charset_normalizer", None)


@pytest.mark.usefixtures("no_html_extra")
def test_html_without_the_extra_is_a_clear_error(tmp_path: Path):
    with pytest.raises(MissingExtra, match=r"pip install 'boilerclean\[html\]'") as caught:
        clean_html(f"<html><body><p>{P1}</p></body></html>")
    # Both kinds: callers catching either see it.
    assert isinstance(caught.value, ImportError) and isinstance(caught.value, InputError)

    status, out, err = run(["--html"], b"<p>x</p>")
    assert (status, out) == (2, "")
    assert err == "boilerclean: --html needs the html extra: pip install 'boilerclean[html]'\n"

    page = tmp_path / "page.html"
    page.write_text("<p>x</p>", encoding="utf-8")
    status, _, err = run([str(page)])
    assert status == 2
    assert err.startswith(f"{page}: HTML input needs the html extra (")
    first, summary = err.splitlines()
    assert first.endswith("pip install 'boilerclean[html]'")
    assert summary == "1 file failed"


def test_text_needs_no_html_extra(no_html_extra: None):
    from cleaner import features

    # The stopword lists come with the package, not from jusText.
    features._stopwords.cache_clear()
    try:
        for name in sample_ids():
            raw = (SAMPLES / f"{name}.txt").read_text(encoding="utf-8")
            gold = (SAMPLES / f"{name}.clean.txt").read_text(encoding="utf-8")
            assert clean(raw) == gold, name
    finally:
        features._stopwords.cache_clear()


def test_packaged_stoplists_are_justexts():
    import justext

    from cleaner.features import LANGUAGES, stoplist

    for language in LANGUAGES:
        assert stoplist(language) == justext.get_stoplist(language), language
