"""The core acceptance: each bundled sample page becomes its clean text."""

from __future__ import annotations

import pytest

from cleaner import Cleaner, clean, explain
from cleaner.metrics import score

from .conftest import ROOT, SAMPLES, SHARED, read, sample_ids

# Which source's rules must be picked from the text alone (no URL).
EXPECTED_SOURCE = {
    "000_d18442175f550300": "theweek.com",
    "001_8f71d8338ecf41c1": "rferl.org",
    "002_272f96ee7c0a78dd": "rferl.org",
    "003_1aee6a51a9a7ebb4": None,
    "004_bf5d9ff760c73d1d": "kyivindependent.com",
}


def stray_lines(output: str, gold: str) -> list[str]:
    """Output lines that are not lines of the gold text: boilerplate left behind."""
    gold_lines = {line.strip() for line in gold.splitlines()}
    return [line for line in output.splitlines() if line.strip() and line.strip() not in gold_lines]


def mojibake(text: str) -> str:
    """The page as a program that read its UTF-8 as Windows-1252 would show it."""
    return text.encode("utf-8").decode("sloppy-windows-1252")


def test_all_samples_are_bundled():
    assert sorted(EXPECTED_SOURCE) == sample_ids()


def test_sample_becomes_its_clean_text(sample):
    _, raw, gold = sample
    out = clean(raw)
    # Byte for byte; the stray lines say where, when it fails.
    assert stray_lines(out, gold) == []
    assert out == gold


def test_source_is_detected_from_the_text(sample):
    name, raw, _ = sample
    assert explain(raw).source == EXPECTED_SOURCE[name]


def test_mojibake_sample_becomes_its_clean_text(sample):
    _, raw, gold = sample
    broken = mojibake(raw)
    assert broken != raw
    out = clean(broken)
    assert score(out, gold).f1 >= 0.99
    assert stray_lines(out, gold) == []


def test_gold_text_stays_clean(sample):
    _, _, gold = sample
    out = clean(gold)
    assert score(out, gold).f1 >= 0.99
    assert score(out, gold).recall >= 0.99


def test_output_whitespace_is_normalised(sample):
    _, raw, _ = sample
    out = clean(raw)
    assert out.endswith("\n") and not out.endswith("\n\n")
    assert "\n\n\n" not in out
    assert all(line == line.strip() for line in out.splitlines())


@pytest.mark.skipif(not (SHARED / "samples").is_dir(), reason="../shared/samples is absent")
@pytest.mark.parametrize("name", sample_ids())
def test_bundled_copy_matches_shared(name):
    for suffix in (".txt", ".clean.txt"):
        assert read(SAMPLES / f"{name}{suffix}") == read(SHARED / "samples" / f"{name}{suffix}")


GOLDEN = ROOT / "rules" / "tests"


def test_every_builtin_source_has_golden_files_that_rules_test_runs():
    sources = set(Cleaner().sources) - {"generic"}
    pairs = {p.name[: -len(".clean.txt")] for p in GOLDEN.glob("*.clean.txt")}
    for source in sources:
        assert any(name == source or name.startswith(f"{source}-") for name in pairs), source
    for name in pairs:
        assert (GOLDEN / f"{name}.txt").is_file(), name


def test_golden_files_are_the_bundled_samples():
    # One set of pages: the golden pairs under rules/tests are the samples, byte for byte.
    samples = {read(p) for p in SAMPLES.glob("*.txt")}
    for path in GOLDEN.glob("*.txt"):
        assert read(path) in samples, path.name
