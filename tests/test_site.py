"""Several pages at once: lines that pages of one site share are furniture."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from cleaner import clean_many, explain_many
from cleaner.cli import main
from cleaner.site import group_pages, site_of

SITE_TOP = "Harbour Gazette\nNews\nSport\nWeather"
SITE_BOX = "Get the Harbour Gazette delivered to your door every morning for a year."
SITE_FOOT = "The Harbour Gazette is published by Harbour Media Ltd since 1901."
STORIES = [
    "The council voted on Tuesday to keep the library open on Sundays after a petition.",
    "The ferry company said that fares would rise in March because fuel costs had doubled.",
    "A new bakery opened on Mill Street, selling bread made with flour from the valley.",
]


def site_page(story: str) -> str:
    return f"{SITE_TOP}\n\nA headline for the story\n\n{story}\n\n{SITE_BOX}\n\n{SITE_FOOT}\n"


def test_lines_shared_by_pages_of_one_site_go():
    pages = [site_page(s) for s in STORIES]
    urls = [f"https://www.harbourgazette.com/news/{n}" for n in range(3)]
    for story, found in zip(STORIES, explain_many(pages, urls), strict=True):
        rules = {r.text: r.rule for r in found.removals}
        assert rules[SITE_BOX] == "generic/site-repeat"
        assert rules[SITE_FOOT] == "generic/site-repeat"
        assert story in found.text
        assert SITE_BOX not in found.text


def test_a_page_alone_keeps_what_it_does_not_share():
    # One page of the site: nothing is shared, so the box is judged as on its own.
    [out] = clean_many([site_page(STORIES[0])], ["https://harbourgazette.com/a"])
    assert SITE_BOX in out


def test_pages_of_different_sites_share_nothing():
    pages = [site_page(STORIES[0]), site_page(STORIES[1])]
    out = clean_many(pages, ["https://harbourgazette.com/a", "https://example.org/b"])
    assert all(SITE_BOX in text for text in out)


def test_pages_without_urls_are_grouped_by_the_lines_they_share():
    pages = [site_page(s) for s in STORIES]
    other = "Valley Times\n\nThe valley's orchards had their best harvest in a decade this year.\n"
    assert group_pages([p.splitlines() for p in [*pages, other]], [None] * 4) == [0, 0, 0, 3]
    out = clean_many([*pages, other])
    assert all(SITE_FOOT not in text for text in out[:3])
    assert "Valley Times" in out[3] or "orchards" in out[3]


def test_site_of_urls():
    assert site_of("https://www.bbc.co.uk/news/1") == "bbc.co.uk"
    assert site_of("bbc.co.uk/news") == "bbc.co.uk"
    assert site_of(None) is None
    assert site_of("") is None


def test_urls_must_match_texts():
    with pytest.raises(ValueError, match="2 texts but 1 urls"):
        clean_many(["a", "b"], ["https://x.org"])
    with pytest.raises(TypeError):
        clean_many([b"bytes"])  # type: ignore[list-item]
    assert clean_many([]) == []


def test_cli_site_option(tmp_path):
    paths = []
    for n, story in enumerate(STORIES):
        path = tmp_path / f"page{n}.txt"
        path.write_text(site_page(story), encoding="utf-8")
        paths.append(str(path))
    out, err = io.BytesIO(), io.StringIO()
    code = main(["--site", *paths], stdin=io.BytesIO(), stdout=out, stderr=err)
    assert code == 1, err.getvalue()
    for path, story in zip(paths, STORIES, strict=True):
        text = Path(path).read_text(encoding="utf-8")
        assert story in text and SITE_FOOT not in text


def test_cli_site_needs_files():
    err = io.StringIO()
    code = main(["--site"], stdin=io.BytesIO(b"x\n"), stdout=io.BytesIO(), stderr=err)
    assert code == 2
    assert "--site works on text files" in err.getvalue()


def test_cli_site_takes_html_files_as_html(tmp_path):
    # An HTML page in its declared latin-1 is cleaned into its text file, not
    # rejected for failing to read as UTF-8 text.
    body = " ".join(["word"] * 60)
    page = f'<html><head><meta charset="iso-8859-1"></head><body><h1>Caf\xe9</h1><p>{body}</p>'
    (tmp_path / "page.html").write_bytes(page.encode("latin-1"))
    paths = [str(tmp_path / "page.html")]
    for k, story in enumerate(STORIES):
        path = tmp_path / f"{k}.txt"
        path.write_text(site_page(story), encoding="utf-8")
        paths.append(str(path))
    err = io.StringIO()
    code = main(["--site", *paths], stdin=io.BytesIO(), stdout=io.BytesIO(), stderr=err)
    assert code == 1, err.getvalue()
    assert (tmp_path / "page.clean.txt").read_text(encoding="utf-8").startswith("Café\n")
