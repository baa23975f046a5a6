"""Each rule kind, case by case: what it removes and what it must leave."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from cleaner import Cleaner


def make_cleaner(tmp_path: Path, remove_yaml: str) -> Cleaner:
    body = "source: example.com\nmatch:\n  domains: [example.com]\nremove:\n"
    body += textwrap.indent(textwrap.dedent(remove_yaml).strip("\n"), "  ") + "\n"
    (tmp_path / "example.com.yaml").write_text(body, encoding="utf-8")
    return Cleaner([tmp_path], builtin=False)


def run(tmp_path: Path, rules: str, text: str) -> str:
    return make_cleaner(tmp_path, rules).clean(textwrap.dedent(text), source="example.com")


def para(*lines: str) -> str:
    return "".join(line + "\n" for line in lines)


CASES = [
    # (id, rules, input, expected output)
    (
        "lines: exact line after stripping",
        "- id: r\n  lines: [Share, Print]",
        "Body one.\n   Share  \nPrint this page\n",
        para("Body one.", "Print this page"),
    ),
    (
        "lines: case matters unless ignore_case",
        "- id: r\n  lines: [Share]",
        "SHARE\nBody.\n",
        para("SHARE", "Body."),
    ),
    (
        "lines: ignore_case",
        "- id: r\n  ignore_case: true\n  lines: [Share]",
        "SHARE\nBody.\n",
        para("Body."),
    ),
    (
        "lines: a YAML boolean-looking line means the line",
        "- id: r\n  lines: [No, 'off']",
        "No\noff\nNo way.\n",
        para("No way."),
    ),
    (
        "pattern: must match the whole line",
        "- id: r\n  pattern: 'Photo: .+'",
        "Photo: Jane Roe\nThe Photo: caption style is old.\n",
        para("The Photo: caption style is old."),
    ),
    (
        "pattern: ignore_case",
        "- id: r\n  ignore_case: true\n  pattern: 'advertisement'",
        "ADVERTISEMENT\nBody.\n",
        para("Body."),
    ),
    (
        "from/to: the block goes, both ends included",
        "- id: r\n  from: 'BEGIN'\n  to: 'END'",
        "Keep 1.\nBEGIN\nx\n\ny\nEND\nKeep 2.\n",
        para("Keep 1.", "Keep 2."),
    ),
    (
        "from/to: every block goes",
        "- id: r\n  from: 'BEGIN'\n  to: 'END'",
        "A.\nBEGIN\nx\nEND\nB.\nBEGIN\ny\nEND\nC.\n",
        para("A.", "B.", "C."),
    ),
    (
        "from/to: an unclosed block is left alone",
        "- id: r\n  from: 'BEGIN'\n  to: 'END'",
        "A.\nBEGIN\nx\n",
        para("A.", "BEGIN", "x"),
    ),
    (
        "from without to: to the end of the text",
        "- id: r\n  from: 'Footer'",
        "A.\n\nFooter\nB.\n\nC.\n",
        para("A."),
    ),
    (
        "paragraph: a caption above its credit",
        "- id: r\n  paragraph: '[^\\n]+\\n\\(Credit: [^\\n]+\\)'",
        "A crowd\n(Credit: J. Roe)\n\nBody.\n\nA line\n\n(Credit: alone)\n",
        para("Body.") + "\n" + para("A line") + "\n" + para("(Credit: alone)"),
    ),
    (
        "prev: the line after a byline that goes",
        "- id: by\n  pattern: 'By .+'\n- id: r\n  pattern: '.+'\n  prev: 'By .+'",
        "Headline\n\nBy Jane Roe\nA caption.\n\nBody.\n",
        para("Headline") + "\n" + para("Body."),
    ),
    (
        "prev: a context line that stays is no context (no creeping down the page)",
        "- id: r\n  pattern: '.+'\n  prev: 'By .+'",
        "Headline\n\nBy Jane Roe\nA caption.\n\nBody.\n",
        para("Headline") + "\n" + para("By Jane Roe", "A caption.") + "\n" + para("Body."),
    ),
    (
        "next: the line before a credit, across a blank line",
        "- id: r\n  pattern: '.+'\n  next: '\\(Image: .+\\)'\n"
        "- id: credit\n  pattern: '\\(Image: .+\\)'",
        "Body.\n\nA caption\n\n(Image: x)\n",
        para("Body."),
    ),
    (
        "contexts chain: each anchor goes, so each dependent goes",
        "- id: a\n  lines: [AD]\n- id: b\n  pattern: 'B.*'\n  prev: AD\n"
        "- id: c\n  pattern: 'C.*'\n  prev: 'B.*'",
        "Body.\nAD\nB line\nC line\nD line.\n",
        para("Body.", "D line."),
    ),
    (
        "paragraph with next: a teaser before a feed, not a one-line paragraph",
        "- id: r\n  paragraph: '[^\\n]+\\n[^\\n]+'\n  next: 'Feed'",
        "Body.\n\nLast paragraph.\n\nFeed\n",
        para("Body.") + "\n" + para("Last paragraph.") + "\n" + para("Feed"),
    ),
    (
        "repeated lines keep their first occurrence",
        "- id: r\n  lines: [nothing]",
        "Title\n\nTitle\n\nBody.\n\nTitle\n",
        para("Title") + "\n" + para("Body."),
    ),
    (
        "heuristic nav-run: four menu items on adjacent lines go, a short headline below stays",
        "- id: nav\n  heuristic: nav-run",
        "Home\nNews\nSport\nWeather\n\nBig Win\n\nThe team won 3-1 on Sunday.\n",
        para("Big Win") + "\n" + para("The team won 3-1 on Sunday."),
    ),
    (
        "heuristic nav-run: a list with numbers or punctuation is no menu",
        "- id: nav\n  heuristic: nav-run",
        "Body text here.\n2 cups flour\n1 egg\n3 apples\nSalt.\n",
        para("Body text here.", "2 cups flour", "1 egg", "3 apples", "Salt."),
    ),
    (
        "heuristic comment-section: cut after the article, not at a link above it",
        "- id: comments\n  heuristic: comment-section",
        "12 Comments\n\n"
        "The council voted on Tuesday to keep the harbour library open on Sundays.\n\n"
        "Leave a Reply\n\nbob says:\n\nGreat news for the town.\n",
        para("12 Comments")
        + "\n"
        + para("The council voted on Tuesday to keep the harbour library open on Sundays."),
    ),
    (
        "repeats: a label printed three times between content stays",
        "- id: r\n  lines: [nothing]",
        "Question?\nAnswer one.\nQuestion?\nAnswer two.\nQuestion?\nAnswer three.\n",
        para("Question?", "Answer one.", "Question?", "Answer two.", "Question?", "Answer three."),
    ),
    (
        "repeats: a repeated block stays, a doubled line goes",
        "- id: r\n  lines: [nothing]",
        "Caption.\nCaption.\nMeal 1\nEggs.\nMeal 2\nMeal 1\nEggs.\n",
        para("Caption.", "Meal 1", "Eggs.", "Meal 2", "Meal 1", "Eggs."),
    ),
    (
        "later rounds: a removal that makes a new paragraph",
        "- id: ad\n  lines: [AD]\n- id: pair\n  paragraph: 'Caption\\n\\(c\\)'",
        "Body.\n\nCaption\nAD\n(c)\n",
        para("Body."),
    ),
]


@pytest.mark.parametrize(
    ("rules", "text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_rule_kind(tmp_path, rules, text, expected):
    out = run(tmp_path, rules, text)
    assert out == expected
    # Whatever a rule did, a second pass must find nothing more to do.
    cleaner = Cleaner([tmp_path], builtin=False)
    assert cleaner.clean(out, source="example.com") == out


def test_removals_carry_rule_ids_and_input_line_numbers(tmp_path):
    cleaner = make_cleaner(tmp_path, "- id: share\n  lines: [Share]\n- id: foot\n  from: 'Footer'")
    result = cleaner.explain("Title\n\nShare\nBody.\nBody.\nFooter\nx\n", source="example.com")
    got = [(r.rule, r.line, r.text) for r in result.removals]
    assert got == [
        ("example.com/share", 3, "Share"),
        ("generic/repeated-line", 5, "Body."),
        ("example.com/foot", 6, "Footer"),
        ("example.com/foot", 7, "x"),
    ]
    assert result.source == "example.com"


def test_first_rule_in_file_order_names_the_removal(tmp_path):
    cleaner = make_cleaner(
        tmp_path, "- id: first\n  pattern: 'Sha.e'\n- id: second\n  lines: [Share]"
    )
    result = cleaner.explain("Share\nBody.\n", source="example.com")
    assert [r.rule for r in result.removals] == ["example.com/first"]


# --- skip_generic and the steps of the pass --------------------------------------------------

HARBOUR = "https://harbour.example/news/{}"
DOUBLED = para(
    "Harbour Reopens After a Week of Repairs",
    "",
    "The harbour reopened on Monday after a week of repairs to the north pier.",
    "The harbour reopened on Monday after a week of repairs to the north pier.",
    "",
    "Fishing boats were the first to leave, before dawn, with the ferry close behind.",
)


def skipping(tmp_path: Path, skip: str | None) -> Cleaner:
    """The built-in rules and a harbour.example file with ``skip_generic: SKIP`` (None: none)."""
    listed = "" if skip is None else f"skip_generic: {skip}\n"
    (tmp_path / "harbour.example.yaml").write_text(
        f"source: harbour.example\nmatch:\n  domains: [harbour.example]\n{listed}remove: []\n",
        encoding="utf-8",
    )
    return Cleaner([tmp_path])


def test_skip_generic_repeated_line_keeps_a_sources_repeated_lines(tmp_path):
    cleaner = skipping(tmp_path, "[repeated-line]")
    kept = cleaner.explain(DOUBLED, url=HARBOUR.format("pier"))
    assert kept.source == "harbour.example"
    assert kept.text == DOUBLED
    assert kept.removals == ()
    # Another source's pages, and this one's without the skip, lose the copy.
    gone = cleaner.explain(DOUBLED, url="https://elsewhere.example/pier")
    assert [(r.rule, r.line) for r in gone.removals] == [("generic/repeated-line", 4)]
    assert gone.text.count("The harbour reopened on Monday") == 1
    assert skipping(tmp_path, None).clean(DOUBLED, url=HARBOUR.format("pier")) == gone.text


def test_skip_generic_site_repeat_keeps_the_lines_a_sites_pages_share(tmp_path):
    footer = "Harbour Weekly is published every Friday by the Harbour Trust."
    pages = [
        para(
            "Ferry Prices Rise Again",
            "",
            "The ferry company raised its prices for the third time this year.",
            "",
            footer,
        ),
        para(
            "Library Stays Open on Sundays",
            "",
            "The library will open on Sundays from next month, the council said.",
            "",
            footer,
        ),
    ]
    urls = [HARBOUR.format("ferry"), HARBOUR.format("library")]
    for found in skipping(tmp_path, "[site-repeat]").explain_many(pages, urls):
        assert found.source == "harbour.example"
        assert footer in found.text
        assert "generic/site-repeat" not in {r.rule for r in found.removals}
    for found in skipping(tmp_path, None).explain_many(pages, urls):
        assert footer not in found.text
        assert [(r.rule, r.line) for r in found.removals] == [("generic/site-repeat", 5)]


def test_skipping_a_step_leaves_the_generic_rules_on(tmp_path):
    page = "Skip to content\n" + DOUBLED
    found = skipping(tmp_path, "[repeated-line, site-repeat]").explain(
        page, url=HARBOUR.format("pier")
    )
    assert [r.rule for r in found.removals] == ["generic/skip-links"]


@pytest.mark.parametrize(
    ("skip", "hint"),
    [("[repeated-lines]", "'repeated-line'"), ("[site-repeats]", "'site-repeat'")],
)
def test_skip_generic_refuses_an_unknown_step_with_its_place(tmp_path, skip, hint):
    from cleaner import RuleError

    with pytest.raises(RuleError) as caught:
        skipping(tmp_path, skip)
    assert str(caught.value).startswith(f"{tmp_path / 'harbour.example.yaml'}:4:1: ")
    assert f"did you mean {hint}?" in str(caught.value)


@pytest.mark.parametrize("step", ["repeated-line", "site-repeat"])
def test_a_generic_rule_may_not_take_a_steps_id(tmp_path, step):
    from cleaner import RuleError
    from cleaner.loader import load_file

    path = tmp_path / "generic.yaml"
    path.write_text(f"source: generic\nremove:\n  - id: {step}\n    lines: [Menu]\n", "utf-8")
    with pytest.raises(RuleError) as caught:
        load_file(path)
    assert str(caught.value).startswith(f"{path}:3:9: this id names a step of the pass")
