"""The heuristics' options: rule-file data that judges lines as the code did, read and checked.

Three things are held here. The data-driven classifier matches exactly the
lines the patterns it replaced matched (``heuristic_legacy``, copied from the
code before). Each option is really read: changing it in a rule file changes
what a small page loses. And a bad option is refused with ``file:line:col``.
"""

from __future__ import annotations

import json
import re
import sys
import types
from pathlib import Path

import jsonschema
import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cleaner import Cleaner, RuleError, line_kinds
from cleaner.features import LANGUAGES, line_features
from cleaner.heuristic_options import alternatives, specs, unsupported
from cleaner.heuristics import HEURISTIC_OPTIONS, SECTIONS
from cleaner.loader import (
    builtin_heuristic_values,
    builtin_rules_dir,
    default_heuristic_data,
    heuristic_data,
    heuristic_options,
    parse_rules,
)
from cleaner.schema import build_schema

from . import heuristic_legacy as legacy
from .conftest import SLOW_EXAMPLES, examples

if sys.version_info >= (3, 11):
    import re._parser as sre_parse
else:  # pragma: no cover - Python 3.10
    import sre_parse

ENGLISH = LANGUAGES.index("English")
K = default_heuristic_data().line_kinds


def default_heuristic_options(name: str):  # type: ignore[no-untyped-def]
    """The built-in options of heuristic ``name``."""
    return heuristic_options(name, builtin_heuristic_values()[1][name])


def with_kinds(**options: object) -> line_kinds.LineKinds:
    """The built-in line kinds with ``options`` changed."""
    return heuristic_data({"line_kinds": options}).line_kinds


# --- the data judges lines as the code did ---------------------------------------------------


def _language(node: object, limit: int = 5000) -> set[str] | None:
    """Every string a small finite pattern matches, None when it matches more (or loops)."""
    if isinstance(node, sre_parse.SubPattern):
        found = {""}
        for op, av in node.data:
            part = _language((op, av), limit)
            if part is None:
                return None
            found = {a + b for a in found for b in part}
            if len(found) > limit:
                return None
        return found
    op, av = node  # type: ignore[misc]
    name = str(op)
    if name == "LITERAL":
        return {chr(av)}
    if name == "IN":
        chars = set()
        for item_op, item_av in av:
            if str(item_op) != "LITERAL":
                return None
            chars.add(chr(item_av))
        return chars
    if name == "SUBPATTERN":
        return _language(av[-1], limit)
    if name == "BRANCH":
        found = set()
        for branch in av[1]:
            part = _language(branch, limit)
            if part is None:
                return None
            found |= part
        return found
    if name == "MAX_REPEAT":
        low, high, sub = av
        if high > 3:
            return None
        part = _language(sub, limit)
        if part is None:
            return None
        found, level = set(), {""}
        for count in range(high + 1):
            if count >= low:
                found |= level
            level = {a + b for a in level for b in part}
        return found
    return None


def _alternatives(pattern: re.Pattern[str]) -> list[tuple[str, object]]:
    """The top-level alternatives of a pattern: (source, parsed)."""
    tree = sre_parse.parse(pattern.pattern)
    (op, av) = tree.data[0]
    assert str(op) == "BRANCH"
    sources = _split_top(pattern.pattern)
    assert len(sources) == len(av[1])
    return list(zip(sources, av[1], strict=True))


def _split_top(source: str) -> list[str]:
    """``source`` split at its top-level ``|``."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(source):
        char = source[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            end = source.index("]", i + 2 if source[i + 1 : i + 2] in ("]", "^") else i + 1)
            i = end + 1
            continue
        depth += char == "("
        depth -= char == ")"
        if char == "|" and depth == 0:
            parts.append(source[start:i])
            start = i + 1
        i += 1
    return [*parts, source[start:]]


# Old alternatives written as phrases and a pattern: (the phrases' pattern, the pattern).
SPLIT = {"also (?:read|see|on .{1,30}):?": ("also (?:read|see):?", "also on .{1,30}:?")}


def test_headings_are_the_lines_the_old_pattern_matched():
    # Every phrase and pattern comes from the old alternation, and every line
    # of its finite alternatives is a phrase or matched by a pattern: the two
    # match the same lines.
    listed = set(K.headings)
    patterns = set(K.heading_patterns)
    for phrase in listed:
        assert legacy._BREAK.fullmatch(phrase), phrase
    kept = set()
    heading = alternatives(K.heading_patterns, False)
    for source, parsed in _alternatives(legacy._BREAK):
        lines = _language(parsed)
        if source in SPLIT:
            # Its finite part is phrases, the rest a pattern: together, the same lines.
            finite, rest = SPLIT[source]
            assert rest in patterns
            kept.add(rest)
            lines = _language(sre_parse.parse(finite))
            assert lines is not None
        if lines is None:
            assert source in patterns, source
            kept.add(source)
        else:
            missing = [
                line for line in lines if line not in listed and not re.fullmatch(heading, line)
            ]
            assert not missing, (source, missing)
    # Patterns not kept verbatim expand finite alternatives; nothing else.
    for pattern in patterns - kept:
        assert _language(sre_parse.parse(pattern)) is not None, pattern


_HEADING_PIECES = ["related", "more", "most", "read", "news", "stories", " ", ":", "from", "x"]
_HEADING_PIECES += ["the", "post", "recommends", "top", "’", "in", "also", "on", "é", "see"]


@pytest.mark.slow_properties
@settings(max_examples=examples(500, slow=SLOW_EXAMPLES // 5), deadline=None)
@given(st.lists(st.sampled_from(_HEADING_PIECES), min_size=1, max_size=7).map("".join))
@example("the post recommends")
@example("also on the web:")
def test_headings_match_as_before(low):
    f = line_features(low, ENGLISH)
    expected = f.words <= 8 and legacy._BREAK.fullmatch(low) is not None
    assert K.is_heading(low, f) == expected


_CUE_PIECES = ["(", "[", ")", "]", " ", "  ", "\t", "the", "bob", "she", "jane doe", "says:"]
_CUE_PIECES += ["comments", "12", "leave a reply", "x", "(the", "a", "kommentare", "said:"]


def _old_cue(low: str) -> bool:
    return (
        len(low) <= 250
        and legacy._CUE_STEM.search(low) is not None
        and legacy._COMMENT_CUE.fullmatch(low) is not None
    )


@pytest.mark.slow_properties
@settings(max_examples=examples(800, slow=SLOW_EXAMPLES // 5), deadline=None)
@given(st.lists(st.sampled_from(_CUE_PIECES), max_size=8).map("".join))
@example("(the bob says:")
@example("( the bob says:")
@example("[ the bob says: ]")
@example("the mayor says:")
@example("bob says: ]")
@example("a" * 41 + " says:")
def test_comment_cues_match_as_before(low):
    assert K.is_comment_cue(low) == _old_cue(low)


_LEGAL_PIECES = ["image ", "photo ", "copyright", " ", "x", "video", "picture ", "©", "(c)"]
_LEGAL_PIECES += ["rights reserved", "imag", "e "]


@pytest.mark.slow_properties
@settings(max_examples=examples(500, slow=SLOW_EXAMPLES // 5), deadline=None)
@given(st.lists(st.sampled_from(_LEGAL_PIECES), max_size=6).map("".join))
@example("image copyright and copyright")
def test_legal_lines_match_as_before(low):
    assert K._core.is_copyright(low) == (legacy._COPYRIGHT.search(low) is not None)
    assert K._core.is_legal(low) == (legacy._LEGAL.search(low) is not None)


_LINE_CHARS = "aZ 1.!?:;,()–—»”\"'’«x\u00a0"


@pytest.mark.slow_properties
@settings(max_examples=examples(500, slow=SLOW_EXAMPLES // 5), deadline=None)
@given(st.text(alphabet=_LINE_CHARS, min_size=1, max_size=45))
def test_menu_items_list_marks_and_trails_as_before(text):
    f = line_features(text, ENGLISH)
    old_menu = len(text) <= 40 and f.words <= 4 and legacy._MENU.fullmatch(text) is not None
    info = K.line_info(text, ENGLISH)
    assert info.menu_item == old_menu
    assert info.listy == (legacy._LISTY.search(text) is not None)
    trail = default_heuristic_options("glued-trail")
    new_trail = len(text) <= trail.trail_max_length and trail.trail_stops.isdisjoint(text)
    assert new_trail == (legacy._TRAIL.fullmatch(text) is not None)


_BYLINE_PIECES = ["By ", "by ", "Posted ", "POSTED ", "von ", "Jane", "jane", "ライト", " ", "_x"]


@pytest.mark.slow_properties
@settings(max_examples=examples(400, slow=SLOW_EXAMPLES // 5), deadline=None)
@given(st.lists(st.sampled_from(_BYLINE_PIECES), max_size=5).map("".join))
def test_bylines_and_roles_match_as_before(text):
    old = legacy._BYLINE.match(text)
    new = K._core.byline_letter(text)
    assert (old is None) == (new is None)
    if old is not None and new is not None:
        assert old[1] == new
    author = default_heuristic_options("author-box")._core
    for after in (0, 3):
        found = legacy._AUTHOR_ROLE.search(text + " covers", after, 12)
        assert (found is not None) == author.role_between(text + " covers", after, 12)


def test_the_copied_patterns_are_the_old_ones():
    article = default_heuristic_data().article
    author = default_heuristic_options("author-box")
    assert K.page_numbers.pattern == legacy._PAGES.pattern
    assert K.relative_time.pattern == legacy._AGO.pattern
    assert K.glue.pattern == legacy._GLUE.pattern and K.glue_within == legacy._TITLE
    assert K.arrows == legacy._ARROWS
    assert (article.clock.pattern, article.clock.flags) == (
        legacy._CLOCK.pattern,
        legacy._CLOCK.flags,
    )
    assert article.box_closing.pattern == legacy._CLOSING.pattern
    assert author.name_word.pattern == legacy._NAME_WORD.pattern
    assert default_heuristic_options("glued-trail").separators == legacy._TRAIL_SEPARATORS


def test_no_built_in_pattern_needs_what_the_core_lacks():
    for group, values in [
        *builtin_heuristic_values()[0].items(),
        *builtin_heuristic_values()[1].items(),
    ]:
        for name, value in values.items():
            for source in value if isinstance(value, list) else [value]:
                if isinstance(source, str) and any(c in source for c in "\\[("):
                    try:
                        found = unsupported(source)
                    except re.error:
                        continue  # a word, not a pattern
                    assert found is None, (group, name, source)
    assert unsupported(r"(?!the )\S+") == "lookaround"
    assert unsupported(r"(a)\1") == "a backreference"
    assert unsupported(r"(?<!image )copyright") == "lookaround"


def test_the_share_of_stopwords_is_worked_out_where_other_thresholds_need_it():
    # The built-in thresholds need it only where features.line_features works it out.
    assert not K._core.share_gap
    # Seven words are an item whatever they are, under the built-in options;
    # asked for a share of stopwords at seven words, the classifier works it out.
    strict = with_kinds(item_long_words=10)
    assert strict._core.share_gap
    bare, worded = (
        "Sport Weather Obituaries Careers Advertise Jobs Cars",
        "The town and the sea of the north",
    )
    assert K.line_info(bare, ENGLISH).alone is line_kinds.LineKind.ITEM
    assert strict.line_info(bare, ENGLISH).alone is line_kinds.LineKind.SHORT
    assert strict.line_info(worded, ENGLISH).alone is line_kinds.LineKind.ITEM


# --- every option is read ----------------------------------------------------------------


P1 = (
    "The harbour council voted on Tuesday to keep the old library open on Sundays, "
    "after a petition that more than two thousand residents had signed in a month."
)
P2 = (
    "Its chair said that the building would need a new roof within five years, and "
    "that the money for it would have to come from the town's own budget."
)
P3 = (
    "Volunteers who run the reading room on weekends said they were relieved, and "
    "that they would now start a series of talks for children in the spring."
)
MENU = "Home\nNews\nSport\nWeather"
COMMENT = "What a lovely idea, I will bring my children on the first Sunday it opens."
REPLY = "We will be there too, and so will half of the street, I should think."


def page(*blocks: str) -> str:
    return "\n\n".join(blocks) + "\n"


def user_generic(tmp_path: Path, text: str) -> Cleaner:
    """A Cleaner whose generic rules are the built-in ones with ``text`` over them."""
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    (folder / "generic.yaml").write_text(
        f"source: generic\nextends: generic\n{text}", encoding="utf-8"
    )
    return Cleaner([folder])


def removed_by(cleaner: Cleaner, text: str) -> dict[str, str]:
    return {r.text: r.rule for r in cleaner.explain(text).removals}


def section(name: str, **options: object) -> str:
    """A ``heuristics:`` block (JSON is YAML) that sets ``options`` of one section."""
    return f"heuristics: {json.dumps({name: options}, ensure_ascii=False)}\n"


def heuristic(name: str, **options: object) -> str:
    """A ``remove:`` list with the rule ``name`` (its built-in id) and these options."""
    rule = {"id": name, "heuristic": name, "options": options}
    return f"remove: {json.dumps([rule], ensure_ascii=False)}\n"


ARTICLE = ["Library Stays Open on Sundays", P1, P2, P3]
COMMENTS = page(*ARTICLE, "2 Comments", COMMENT, "Jane Roe says:", REPLY)
AUTHOR = page(
    *ARTICLE,
    "Jane Doe\nContributing Writer",
    "Jane paints the harbour for the Gazette and has done so for ten years.",
)
TRAIL = page("HomeLatest NewsLibrary Stays Open on Sundays", *ARTICLE)
TEASERS = page(
    *ARTICLE,
    "Elsewhere",
    "Fishing fleet returns early after the storm warning",
    "Ferry prices to rise in the new year, operator says",
)

# (option, rule-file text, page, line, the rule that removes it by default, with the option)
READ = [
    (
        "nav-run min_run",
        heuristic("nav-run", min_run=5),
        page(MENU, *ARTICLE),
        "Home",
        "generic/nav-run",
        "generic/outside-article",
    ),
    (
        "article comment_words",
        section("article", comment_words=10_000, comment_share=1),
        COMMENTS,
        "2 Comments",
        "generic/comment-section",
        None,
    ),
    (
        "line_kinds cue_headings",
        section("line_kinds", cue_headings=["zzz"]),
        COMMENTS,
        "2 Comments",
        "generic/comment-section",
        None,
    ),
    (
        "line_kinds cue_stems",
        section("line_kinds", cue_stems=["zzz"]),
        COMMENTS,
        "2 Comments",
        "generic/comment-section",
        None,
    ),
    (
        "line_kinds headings",
        section("line_kinds", headings=["elsewhere"]),
        TEASERS,
        "Fishing fleet returns early after the storm warning",
        None,
        "generic/outside-article",
    ),
    (
        "author-box roles",
        heuristic("author-box", roles=["paints"]),
        AUTHOR,
        "Jane Doe",
        None,
        "generic/author-box",
    ),
    (
        "glued-trail headline_min_words",
        heuristic("glued-trail", headline_min_words=9),
        TRAIL,
        "HomeLatest NewsLibrary Stays Open on Sundays",
        "generic/glued-trail",
        None,
    ),
    (
        "glued-trail trail_max_length",
        heuristic("glued-trail", trail_max_length=5),
        TRAIL,
        "HomeLatest NewsLibrary Stays Open on Sundays",
        "generic/glued-trail",
        None,
    ),
]


@pytest.mark.parametrize(
    ("text", "lines", "line", "before", "after"), [c[1:] for c in READ], ids=[c[0] for c in READ]
)
def test_changing_an_option_in_a_rule_file_changes_the_outcome(
    tmp_path, text, lines, line, before, after
):
    assert removed_by(Cleaner(), lines).get(line) == before
    changed = user_generic(tmp_path, text)
    assert removed_by(changed, lines).get(line) == after
    # And the built-in rules, cleaned after, are as they were: caches keep options apart.
    assert removed_by(Cleaner(), lines).get(line) == before


def _kind(options: dict[str, object], text: str, in_group: bool = False) -> line_kinds.LineKind:
    options_set = with_kinds(**options)
    return options_set.kind_of(text, line_features(text, ENGLISH), in_group)


# 23 words with a third of them stopwords, not ending like a sentence.
LONG = " ".join(["word"] * 12) + " of the town and of the sea and of the port"
# (option: value, line, the kind under the built-in options, and with the option)
KINDS = [
    (
        {"prose_words": 30},
        "The council voted to keep the library open today.",
        line_kinds.LineKind.PROSE,
        line_kinds.LineKind.ITEM,
    ),
    (
        {"prose_stopwords": 0.9, "long_prose_stopwords": 0.9, "longest_prose_words": 99},
        P1,
        line_kinds.LineKind.PROSE,
        line_kinds.LineKind.ITEM,
    ),
    (
        {"prose_max_numbers": 0.0},
        "In 2019 the harbour council voted to keep the library open.",
        line_kinds.LineKind.PROSE,
        line_kinds.LineKind.ITEM,
    ),
    (
        {"row_min_numbers": 5},
        "2 Martin Truex Jr. 5035 7 0",
        line_kinds.LineKind.ROW,
        line_kinds.LineKind.ITEM,
    ),
    (
        {"row_max_length": 10},
        "2 Martin Truex Jr. 5035 7 0",
        line_kinds.LineKind.ROW,
        line_kinds.LineKind.ITEM,
    ),
    ({"pair_row_max_length": 3}, "Round 3", line_kinds.LineKind.ROW, line_kinds.LineKind.SHORT),
    (
        {"item_long_words": 20},
        "Sport Weather Obituaries Careers Advertise Jobs Cars",
        line_kinds.LineKind.ITEM,
        line_kinds.LineKind.SHORT,
    ),
    (
        {"item_min_words": 9},
        "The town and the sea",
        line_kinds.LineKind.ITEM,
        line_kinds.LineKind.SHORT,
    ),
    (
        {"item_stopwords": 0.9},
        "The town and the sea",
        line_kinds.LineKind.ITEM,
        line_kinds.LineKind.SHORT,
    ),
    (
        {"row_min_words": 9},
        "2 Martin Truex Jr. 5035 7 0",
        line_kinds.LineKind.ROW,
        line_kinds.LineKind.ITEM,
    ),
    (
        {"heading_patterns": ["zzz"]},
        "Related stories",
        line_kinds.LineKind.BREAK,
        line_kinds.LineKind.SHORT,
    ),
    (
        {"heading_max_words": 1},
        "Related stories",
        line_kinds.LineKind.BREAK,
        line_kinds.LineKind.SHORT,
    ),
    (
        {"arrows": "#"},
        "» Coluna de Adauto Silva",
        line_kinds.LineKind.BREAK,
        line_kinds.LineKind.ITEM,
    ),
    (
        {"byline_words": ["from"]},
        "By Jane Doe",
        line_kinds.LineKind.BREAK,
        line_kinds.LineKind.SHORT,
    ),
    (
        {"byline_leads": ["words"]},
        "Posted by Jane Doe",
        line_kinds.LineKind.BREAK,
        line_kinds.LineKind.ITEM,
    ),
    ({"byline_max_words": 2}, "By Jane Doe", line_kinds.LineKind.BREAK, line_kinds.LineKind.SHORT),
    ({"page_numbers": "zzz"}, "1 2 3 4 5 »", line_kinds.LineKind.BREAK, line_kinds.LineKind.ROW),
    (
        {"relative_time_stems": ["zzz"]},
        "Jane Roe • 2 hours ago",
        line_kinds.LineKind.BREAK,
        line_kinds.LineKind.SHORT,
    ),
    (
        {"relative_time": "zzz"},
        "Jane Roe • 2 hours ago",
        line_kinds.LineKind.BREAK,
        line_kinds.LineKind.SHORT,
    ),
    (
        {"stamp_max_length": 10},
        "November 19, 2019 at 9:45 am",
        line_kinds.LineKind.BREAK,
        line_kinds.LineKind.ROW,
    ),
    (
        {"date_words": ["zzz"], "date_marks": "zzz"},
        "November 19, 2019",
        line_kinds.LineKind.BREAK,
        line_kinds.LineKind.ROW,
    ),
    (
        {"date_line_words": ["am"]},
        "November 19, 2019 at 9:45 am",
        line_kinds.LineKind.BREAK,
        line_kinds.LineKind.ROW,
    ),
    (
        {"date_separator": "[ ]"},
        "November 19, 2019",
        line_kinds.LineKind.BREAK,
        line_kinds.LineKind.ROW,
    ),
    (
        {"ordinal_suffixes": ["nd"]},
        "November 19th 2019",
        line_kinds.LineKind.BREAK,
        line_kinds.LineKind.ROW,
    ),
    (
        {"legal_marks": ["zzz"]},
        "© Harbour Gazette",
        line_kinds.LineKind.LEGAL,
        line_kinds.LineKind.SHORT,
    ),
    (
        {"copyright_words": ["zzz"]},
        "Copyright Harbour Gazette",
        line_kinds.LineKind.LEGAL,
        line_kinds.LineKind.SHORT,
    ),
    (
        {"copyright_credits": ["harbour"]},
        "Harbour copyright Gazette",
        line_kinds.LineKind.LEGAL,
        line_kinds.LineKind.SHORT,
    ),
    (
        {"break_max_length": 5},
        "Related stories",
        line_kinds.LineKind.BREAK,
        line_kinds.LineKind.SHORT,
    ),
    (
        {"long_prose_words": 40, "longest_prose_words": 40},
        LONG,
        line_kinds.LineKind.PROSE,
        line_kinds.LineKind.ITEM,
    ),
    (
        {"longest_prose_stopwords": 1.0, "long_prose_words": 99},
        " ".join(["harbour", "of", "the"] * 11),
        line_kinds.LineKind.PROSE,
        line_kinds.LineKind.ITEM,
    ),
]


@pytest.mark.parametrize(
    ("options", "text", "before", "after"), KINDS, ids=[",".join(c[0]) for c in KINDS]
)
def test_changing_a_line_kind_option_changes_the_kind(options, text, before, after):
    assert _kind({}, text) is before
    assert _kind(options, text) is after


# (options, line, what LineInfo says under the built-in options, field)
INFOS = [
    ({"menu_item_max_length": 3}, "Weather", "menu_item"),
    ({"menu_item_max_words": 0}, "Weather", "menu_item"),
    ({"menu_item_marks": "[W]"}, "Weather", "menu_item"),
    ({"list_marks": "zzz"}, "England (Group A): 10th", "listy"),
    ({"cue_max_length": 5}, "12 comments", "cue"),
    ({"cue_speaker": "zzz"}, "jane roe says:", "cue"),
    ({"cue_not_speakers": ["jane"]}, "jane roe says:", "cue"),
    (
        {"glue": "zzz"},
        "Bill At Troy Steakhouse Goes UnpaidA party of six left without paying.",
        "glued",
    ),
    (
        {"glue_within": 10},
        "Bill At Troy Steakhouse Goes UnpaidA party of six left without paying.",
        "glued",
    ),
    (
        {"glued_title_min_words": 9},
        "Bill At Troy Steakhouse Goes UnpaidA party of six left without paying.",
        "glued",
    ),
    (
        {"glued_title_capitals": 1.0},
        "Bill at Troy Steakhouse Goes UnpaidA party of six left without paying.",
        "glued",
    ),
]


@pytest.mark.parametrize(("options", "text", "field"), INFOS, ids=[",".join(c[0]) for c in INFOS])
def test_changing_a_line_option_changes_what_is_known_of_the_line(options, text, field):
    assert getattr(K.line_info(text, ENGLISH), field) is True
    assert getattr(with_kinds(**options).line_info(text, ENGLISH), field) is False


def test_every_option_has_a_case():
    # Line kinds are covered above, one case or more each; the article search's
    # numbers by the cases below, its patterns and thresholds by the corpus.
    covered = {name for case in KINDS + INFOS for name in case[0]}
    missing = set(specs(line_kinds.LineKinds)) - covered - {"cue_headings", "cue_stems", "headings"}
    assert not missing


# (weight, the kind of line it weighs, among teasers, in a list)
WEIGHTS = [
    ("teaser_prose_share", line_kinds.LineKind.PROSE, True, False),
    ("row_word_weight", line_kinds.LineKind.ROW, False, False),
    ("item_weight", line_kinds.LineKind.ITEM, False, False),
    ("list_item_weight", line_kinds.LineKind.ITEM, False, True),
    ("teaser_item_weight", line_kinds.LineKind.ITEM, True, False),
    ("menu_weight", line_kinds.LineKind.MENU, False, False),
    ("menu_word_weight", line_kinds.LineKind.MENU, False, False),
    ("list_row_weight", line_kinds.LineKind.MENU, False, True),
    ("short_weight", line_kinds.LineKind.SHORT, False, False),
    ("short_word_weight", line_kinds.LineKind.SHORT, False, False),
    ("legal_weight", line_kinds.LineKind.LEGAL, False, False),
]


@pytest.mark.parametrize(
    ("name", "kind", "teasers", "listing"), WEIGHTS, ids=[c[0] for c in WEIGHTS]
)
def test_every_weight_of_a_line_is_read(name, kind, teasers, listing):
    index = list(line_kinds.LineKind).index(kind)
    built = default_heuristic_data().article._core
    changed = heuristic_data({"article": {name: 0.9 if name == "teaser_prose_share" else 7}})
    assert changed.article._core.weight(index, 3, teasers, listing) != built.weight(
        index, 3, teasers, listing
    )


def _article(text: str, removed: set[int] = frozenset(), **options: object):  # type: ignore[no-untyped-def,assignment]
    """Where the core's article search puts the article of ``text``, ``removed`` by other rules."""
    from cleaner.features import _stopwords

    data = heuristic_data({"article": options})
    found = data.article._core.article(
        text.split("\n"), data.line_kinds._core, _stopwords(), sorted(removed), []
    )
    assert found is not None
    return types.SimpleNamespace(start=found[0], end=found[1])


BOX = page(*ARTICLE, "Related stories\nFishing fleet returns early\nFerry prices rise")


@pytest.mark.parametrize("name", ["boxed_weight", "boxed_word_weight"])
def test_the_weight_of_a_box_of_other_stories_is_read(name):
    # The list under "Related stories" made heavy enough is the article.
    assert _article(BOX).end < BOX.split("\n").index("Fishing fleet returns early")
    assert _article(BOX, **{name: 500}).end == len(BOX.split("\n")) - 2


def test_the_weight_of_a_line_other_rules_removed_is_read():
    text = page(*ARTICLE, "Related stories", "Share this article\nSign up for our free newsletters")
    removed = {len(text.split("\n")) - 3, len(text.split("\n")) - 2}
    assert _article(text, removed).end < min(removed)
    assert _article(text, removed, removed_weight=500).end == max(removed)


def _generic_with(sections: dict[str, dict[str, object]]):  # type: ignore[no-untyped-def]
    from cleaner.loader import load_file, resolve_extends

    builtin = load_file(builtin_rules_dir() / "generic")
    text = f"source: generic\nextends: generic\nheuristics: {json.dumps(sections)}\n"
    return resolve_extends(parse_rules(text, "user/generic.yaml"), {"generic": builtin})


# --- overriding one option -------------------------------------------------------------------


def test_a_source_file_runs_its_own_heuristic_with_one_option_changed(tmp_path):
    (tmp_path / "harbour.example.yaml").write_text(
        "source: harbour.example\nmatch:\n  domains: [harbour.example]\n"
        "skip_generic: [nav-run]\n"
        "remove:\n  - id: nav\n    heuristic: nav-run\n    options: {min_run: 5}\n",
        encoding="utf-8",
    )
    cleaner = Cleaner([tmp_path])
    text = page(MENU, *ARTICLE)
    assert removed_by(cleaner, text)["Home"] == "generic/nav-run"
    url = "https://harbour.example/library"
    assert {r.text: r.rule for r in cleaner.explain(text, url=url).removals}["Home"] == (
        "generic/outside-article"
    )
    ruleset = cleaner.rulesets["harbour.example"]
    (rule,) = ruleset.rules
    # The rest is built in, and its shared data is the built-in one, the same object.
    assert rule.settings.min_run == 5
    assert rule.shared == default_heuristic_data()


def test_a_files_heuristics_block_is_shared_by_its_heuristic_rules(tmp_path):
    (tmp_path / "harbour.example.yaml").write_text(
        "source: harbour.example\nmatch:\n  domains: [harbour.example]\n"
        "skip_generic: [comment-section]\n"
        "heuristics:\n  article:\n    comment_words: 10000\n    comment_share: 1\n"
        "remove:\n  - id: comments\n    heuristic: comment-section\n",
        encoding="utf-8",
    )
    cleaner = Cleaner([tmp_path])
    (rule,) = cleaner.rulesets["harbour.example"].rules
    assert rule.shared.article.comment_words == 10_000
    assert rule.shared.article.slack == default_heuristic_data().article.slack
    assert rule.shared.line_kinds is default_heuristic_data().line_kinds
    found = cleaner.explain(COMMENTS, url="https://harbour.example/a").removals
    assert "harbour.example/comments" not in {r.rule for r in found}


def test_extending_generic_replaces_one_rules_options_and_keeps_the_rest(tmp_path):
    cleaner = user_generic(
        tmp_path, heuristic("nav-run", min_run=6) + section("article", slack=3.5)
    )
    rules = {rule.id: rule for rule in cleaner.rulesets["generic"].rules}
    assert rules["nav-run"].settings.min_run == 6
    builtin = {rule.id: rule for rule in Cleaner().rulesets["generic"].rules}
    assert rules["author-box"].settings is builtin["author-box"].settings
    # The block reaches every heuristic rule of the file, its base's too.
    assert {rules[name].shared.article.slack for name in ("outside-article", "nav-run")} == {3.5}
    assert (
        rules["outside-article"].shared.line_kinds is builtin["outside-article"].shared.line_kinds
    )


def test_the_built_in_file_sets_every_option():
    sections, own = builtin_heuristic_values()
    for name, cls in SECTIONS.items():
        assert set(sections[name]) == set(specs(cls))
    for name, cls in HEURISTIC_OPTIONS.items():
        assert set(own.get(name, {})) == (set(specs(cls)) if cls else set())


def test_a_built_in_file_without_an_option_is_an_error(tmp_path, monkeypatch):
    text = (builtin_rules_dir() / "generic" / "99-heuristics.yaml").read_text(encoding="utf-8")
    (tmp_path / "generic.yaml").write_text(
        text.replace("    options:\n      min_run: 4\n", ""), encoding="utf-8"
    )
    monkeypatch.setattr("cleaner.loader.builtin_rules_dir", lambda: tmp_path)
    builtin_heuristic_values.cache_clear()
    try:
        with pytest.raises(RuleError, match=r"nav-run\.min_run missing"):
            builtin_heuristic_values()
    finally:
        builtin_heuristic_values.cache_clear()


# --- bad options are refused -----------------------------------------------------------------

NAV = "source: x\nremove:\n  - id: nav\n    heuristic: nav-run\n"
BLOCK = "source: x\nheuristics:\n"

# (case, file text, "line:col: message (rule-id)", whether the schema refuses it too)
BAD = [
    (
        "unknown option",
        NAV + "    options: {min_runs: 5}\n",
        "5:15: unknown option 'min_runs' of heuristic 'nav-run'; did you mean 'min_run'? (nav)",
        True,
    ),
    (
        "a string for a number",
        NAV + "    options:\n      min_run: four\n",
        "6:16: option 'min_run' of heuristic 'nav-run' must be a whole number (0 or more), "
        "got a string (nav)",
        True,
    ),
    (
        "a negative count",
        NAV + "    options: {min_run: -1}\n",
        "5:24: option 'min_run' of heuristic 'nav-run' must be a whole number (0 or more), "
        "got -1 (nav)",
        True,
    ),
    (
        "a boolean for a count",
        NAV + "    options: {min_run: true}\n",
        "5:24: option 'min_run' of heuristic 'nav-run' must be a whole number (0 or more), "
        "got true (nav)",
        True,
    ),
    (
        "options not a mapping",
        NAV + "    options: [4]\n",
        "5:14: options of heuristic 'nav-run' must be a mapping of names to values, got a list (nav)",
        True,
    ),
    (
        "options of a heuristic that has none",
        "source: x\nremove:\n  - id: c\n    heuristic: comment-section\n    options: {x: 1}\n",
        "5:5: heuristic 'comment-section' has no options of its own; what it weighs is set in the "
        "file's 'heuristics' block (line_kinds, article) (c)",
        True,
    ),
    (
        "options in a lines rule",
        "source: x\nremove:\n  - id: a\n    lines: [Share]\n    options: {x: 1}\n",
        "5:5: unknown key 'options' in a 'lines' rule (a)",
        True,
    ),
    (
        "unknown section",
        BLOCK + "  articles: {}\n",
        "3:3: unknown section 'articles' in 'heuristics' (sections: line_kinds, article); "
        "did you mean 'article'?",
        True,
    ),
    (
        "unknown option in a section",
        BLOCK + "  article:\n    slak: 2\n",
        "4:5: unknown option 'slak' in heuristics.article; did you mean 'slack'?",
        True,
    ),
    (
        "a share above 1",
        BLOCK + "  article:\n    comment_share: 1.5\n",
        "4:20: option 'comment_share' in heuristics.article must be a number from 0 to 1, got 1.5",
        True,
    ),
    (
        "heuristics not a mapping",
        "source: x\nheuristics: [article]\n",
        "2:13: 'heuristics' must be a mapping of sections (line_kinds, article), got a list",
        True,
    ),
    (
        "a section not a mapping",
        BLOCK + "  article: 3\n",
        "3:12: options in heuristics.article must be a mapping of names to values, got a number",
        True,
    ),
    (
        "an empty word list",
        BLOCK + "  line_kinds:\n    headings: []\n",
        "4:15: option 'headings' in heuristics.line_kinds must be a non-empty list of strings, "
        "got a list",
        True,
    ),
    (
        "a word that is no string",
        BLOCK + "  line_kinds:\n    headings: [related, [x]]\n",
        "4:25: option 'headings' in heuristics.line_kinds must be a non-empty list of strings, "
        "got a list in it",
        True,
    ),
    (
        "an upper-case word",
        BLOCK + "  line_kinds:\n    headings: [related, More]\n",
        "4:25: option 'headings' in heuristics.line_kinds must be lower-case, as the lines it is "
        "compared with are: 'More'",
        False,
    ),
    (
        "lookaround",
        BLOCK + "  article:\n    clock: '(?!x)\\d'\n",
        "4:12: option 'clock' in heuristics.article uses lookaround, which the compiled core's "
        "regex engine lacks (write an exception as a list of its own)",
        False,
    ),
    (
        "a backreference in a list",
        BLOCK + "  line_kinds:\n    cue_headings: [ok, '(a)\\1']\n",
        "4:24: option 'cue_headings' in heuristics.line_kinds uses a backreference, which the "
        "compiled core's regex engine lacks (write an exception as a list of its own)",
        False,
    ),
    (
        "an invalid pattern",
        BLOCK + "  article:\n    clock: '(ab'\n",
        "4:13: option 'clock' in heuristics.article is not a valid regular expression: missing ), "
        "unterminated subpattern",
        False,
    ),
    (
        "a pattern only Python's re reads",
        BLOCK + "  line_kinds:\n    list_marks: 'x\\Z'\n",
        "4:17: option 'list_marks' in heuristics.line_kinds is not read by the compiled core's "
        "regex engine: error: unrecognized escape sequence",
        False,
    ),
    (
        "empty characters",
        "source: x\nremove:\n  - id: t\n    heuristic: glued-trail\n"
        "    options: {separators: ''}\n",
        "5:27: option 'separators' of heuristic 'glued-trail' must be a non-empty string of "
        "characters, got a string (t)",
        True,
    ),
    (
        "global flags",
        BLOCK + "  line_kinds:\n    cue_headings: [ok, '(?i)x']\n",
        "4:24: option 'cue_headings' in heuristics.line_kinds cannot stand inside a group, as "
        "the heuristics use it: global flags not at the start of the expression (global flags "
        "such as (?i) cannot)",
        False,
    ),
]


@pytest.mark.parametrize(
    ("text", "expected", "schema"), [c[1:] for c in BAD], ids=[c[0] for c in BAD]
)
def test_a_bad_option_is_refused_with_its_place(text, expected, schema):
    with pytest.raises(RuleError) as caught:
        parse_rules(text, "bad.yaml")
    assert str(caught.value) == f"bad.yaml:{expected}"
    validator = jsonschema.Draft202012Validator(build_schema())
    assert validator.is_valid(yaml.safe_load(text)) is not schema


def test_yaml_words_that_read_as_booleans_are_the_words_written():
    ruleset = parse_rules(
        "source: x\nheuristics:\n  line_kinds:\n    date_line_words: [on, off, at]\n"
        "remove:\n  - id: o\n    heuristic: outside-article\n",
        "x.yaml",
    )
    assert ruleset.rules[0].shared.line_kinds.date_line_words == ("on", "off", "at")


def test_the_schema_describes_every_option():
    schema = build_schema()
    block = schema["properties"]["heuristics"]["properties"]
    for name, cls in SECTIONS.items():
        assert set(block[name]["properties"]) == set(specs(cls))
    per_rule = {
        case["if"]["properties"]["heuristic"]["const"]: case["then"]["properties"]["options"]
        for case in schema["$defs"]["rule"]["allOf"]
        if "const" in str(case["if"])
    }
    for name, cls in HEURISTIC_OPTIONS.items():
        assert set(per_rule[name]["properties"]) == (set(specs(cls)) if cls else set())
