"""The public API: names, types, and the explain record."""

from __future__ import annotations

import dataclasses

import pytest

import cleaner
from cleaner import Cleaner, Explanation, Removal, Repair, clean, explain


def test_public_names():
    assert set(cleaner.__all__) == {
        "Cleaner",
        "Explanation",
        "InputError",
        "Removal",
        "Repair",
        "RuleError",
        "Skipped",
        "clean",
        "clean_html",
        "clean_many",
        "explain",
        "explain_html",
        "explain_many",
        "replay",
    }


def test_results_are_frozen():
    result = explain("Skip to content\nBody.\n")
    for obj in (result, result.removals[0]):
        with pytest.raises(dataclasses.FrozenInstanceError):
            obj.text = "x"  # type: ignore[misc]


def test_explain_records_removals_and_repairs():
    text = "Skip to content\nIt\u00e2\u20ac\u2122s the article.\nShare\n"
    result = explain(text)
    assert isinstance(result, Explanation)
    assert result.text == "It\u2019s the article.\n"
    assert result.removals == (
        Removal("generic/skip-links", 1, "Skip to content"),
        Removal("generic/share", 3, "Share"),
    )
    assert len(result.repairs) == 1 and isinstance(result.repairs[0], Repair)
    assert result.repairs[0].line == 2
    assert result.repairs[0].after == "It\u2019s the article."


def test_clean_rejects_bytes_with_a_clear_error():
    with pytest.raises(TypeError, match="text must be str, not bytes"):
        clean(b"Body.")  # type: ignore[arg-type]


def test_default_cleaner_is_built_once():
    assert cleaner.default_cleaner() is cleaner.default_cleaner()


def test_cleaner_without_builtin_rules_removes_only_repeats():
    bare = Cleaner(builtin=False)
    assert bare.sources == []
    assert bare.clean("Share\nShare\nBody.\n") == "Share\nBody.\n"


def test_py_typed_marker_ships():
    from importlib import resources

    assert resources.files("cleaner").joinpath("py.typed").is_file()
