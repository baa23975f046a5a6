"""The snapshot: today's outputs and removal records, kept exactly across the Rust port.

``tests/snapshot/expected/MODE.json`` holds, for every bundled dev-corpus page
(dump, gold, HTML, and the dumps together through ``explain_many``) and every
sample, the cleaned text, the detected source, the rule and input line of each
removed line, and each encoding repair. Moving a stage of the pass into the
compiled core must leave every one of them as it was; a difference is listed
page by page. The pages are the dev corpus's (MIT licence, see
``tests/snapshot/README.md``), bundled so the test runs on a plain clone.
"""

from __future__ import annotations

import json

import pytest

from cleaner import Cleaner

from .snapshot import make


@pytest.mark.parametrize("mode", make.MODES)
def test_outputs_match_the_snapshot(mode: str) -> None:
    expected = json.loads((make.EXPECTED / f"{mode}.json").read_text("utf-8"))
    found = make.outputs(mode, Cleaner())
    assert sorted(found) == sorted(expected)
    differ = [
        f"{page}: {field}"
        for page in sorted(expected)
        for field in ("text", "source", "removals", "repairs")
        if found[page][field] != expected[page][field]
    ]
    assert not differ, f"{len(differ)} differences in {mode}:\n" + "\n".join(differ[:40])


def test_snapshot_covers_every_bundled_page() -> None:
    # 85 dev-corpus pages (each with its gold, URL and HTML) and the 5 samples.
    assert len(make.ids()) == 85
    assert all((make.HTML / f"{i}.html.gz").is_file() for i in make.ids())
    assert len(json.loads((make.EXPECTED / "samples.json").read_text("utf-8"))) == 5
