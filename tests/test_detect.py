"""Source detection: URL host first, then markers in the text, else generic only."""

from __future__ import annotations

import pytest

from cleaner import clean, explain
from cleaner.detect import host_of

from .conftest import SAMPLES


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://www.rferl.org/a/x.html", "www.rferl.org"),
        ("http://RFERL.org./a", "rferl.org"),
        ("rferl.org/a/b", "rferl.org"),
        ("https://user@rferl.org:8080/x", "rferl.org"),
        ("", None),
        ("http://[::1", None),
    ],
)
def test_host_of(url, host):
    assert host_of(url) == host


@pytest.mark.parametrize(
    ("url", "source"),
    [
        ("https://www.rferl.org/a/x.html", "rferl.org"),
        ("https://rferl.org/a", "rferl.org"),
        ("https://www.svoboda.org/a", "rferl.org"),
        ("https://theweek.com/politics/x", "theweek.com"),
        ("https://kyivindependent.com/x", "kyivindependent.com"),
        ("https://notrferl.org/x", None),
        ("https://rferl.org.evil.com/x", None),
    ],
)
def test_source_by_url(url, source):
    assert explain("Body.\n", url=url).source == source


def test_url_wins_over_markers():
    raw = (SAMPLES / "001_8f71d8338ecf41c1.txt").read_text(encoding="utf-8")
    assert explain(raw).source == "rferl.org"
    assert explain(raw, url="https://theweek.com/x").source == "theweek.com"


def test_unknown_url_falls_back_to_markers():
    raw = (SAMPLES / "004_bf5d9ff760c73d1d.txt").read_text(encoding="utf-8")
    assert explain(raw, url="https://mirror.example/x").source == "kyivindependent.com"


def test_text_citing_a_publisher_by_name_is_not_taken_for_it():
    text = "Body citing the Kyiv Independent and RFE/RL reporting.\n"
    assert explain(text).source is None


def test_source_can_be_forced_and_unknown_names_are_refused():
    assert explain("Accessibility links\nBody.\n", source="rferl.org").source == "rferl.org"
    assert explain("Body.\n", source="generic").source is None
    with pytest.raises(ValueError, match="unknown source 'nope'; known sources: generic, "):
        clean("Body.\n", source="nope")


def test_every_source_with_markers_applies():
    """Both publishers' furniture goes, and a second pass changes nothing."""
    text = (
        "Subscribe to The Week\n\nBody paragraph.\n\n"
        "RFE/RL journalists report the news in 27 languages.\n"
    )
    result = explain(text)
    assert result.sources == ("rferl.org", "theweek.com")
    assert result.text == "Body paragraph.\n"
    assert clean(result.text) == result.text
