"""Proposing a rule file for a new source from a few of its pages.

What a site prints on every page is its template; what differs is the article.
From two or more pages of one site:

- lines found verbatim on two or more pages become ``lines`` rules;
- lines that differ only in names, numbers and dates (bylines, datelines)
  become ``pattern`` rules: their instances are aligned token by token, tokens
  equal everywhere stay literal, the others become slots for a name, a number, a
  month or a weekday;
- a recurring line after which no page has prose of its own starts a ``from``
  rule that runs to the end of the text (a footer);
- lines found on every page that name the site become ``markers``.

A line found on one page only is never proposed for removal. Before the proposal
is printed it is run on the pages themselves: a rule that would remove a line of
prose that only one page has is dropped, so the articles survive.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import regex

from .encoding import repair_lines
from .engine import REPEATED, Cleaner
from .loader import parse_rules
from .ruleset import GENERIC, RuleSet

_TOKEN = re.compile(r"\w+(?:['’.-]\w+)*\.?|[^\w\s]")
_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
]
_DAYS = "monday tuesday wednesday thursday friday saturday sunday mon tue wed thu fri sat sun"
_WEEKDAYS = set(_DAYS.split())
_SLOTS = {
    "NAME": r"\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*)*",
    "NUM": r"\d+",
    "MONTH": r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?",
    "DAY": r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?",
}
# Prose: a line long enough, ending as a sentence ends.
_PROSE = re.compile(r"(?:\S+\s+){11,}.*[.!?…\"”’)]$")


def _is_prose(line: str) -> bool:
    return bool(_PROSE.match(line))


def _kind(token: str) -> str:
    word = token.rstrip(".").lower()
    if token[0].isdigit():
        return "NUM"
    if word in _MONTHS:
        return "MONTH"
    if word in _WEEKDAYS:
        return "DAY"
    if token[0].isupper() and not (token.isupper() and len(token) <= 4):
        return "CAP"
    return "LIT"


def _skeleton(line: str) -> tuple[str, ...]:
    """The line's shape: literal tokens, with runs of capitalised words as one NAME."""
    out: list[str] = []
    for token in _TOKEN.findall(line):
        kind = _kind(token)
        if kind == "CAP":
            if not out or out[-1] != "NAME":
                out.append("NAME")
        elif kind == "LIT":
            out.append(token.lower())
        else:
            out.append(kind)
    return tuple(out)


def _segments(line: str) -> list[tuple[str, list[str], str]]:
    """``(kind, tokens, whitespace after)``: capitalised runs kept together as one NAME."""
    segments: list[tuple[str, list[str], str]] = []
    for match in _TOKEN.finditer(line):
        token = match.group()
        after = line[match.end() : match.end() + 1]
        space = " " if after.isspace() else ""
        kind = _kind(token)
        if kind == "CAP" and segments and segments[-1][0] == "NAME" and segments[-1][2]:
            segments[-1][1].append(token)
            segments[-1] = (segments[-1][0], segments[-1][1], space)
        else:
            segments.append(("NAME" if kind == "CAP" else kind, [token], space))
    return segments


def _pattern_for(lines: list[str]) -> str | None:
    """A regular expression for lines of one shape, or None when it would be too loose."""
    aligned = [_segments(line) for line in lines]
    if len({len(s) for s in aligned}) != 1:
        return None
    parts: list[str] = []
    literal_words = 0
    for column in zip(*aligned, strict=True):
        kind = column[0][0]
        space = r"\s+" if all(seg[2] for seg in column) else r"\s*"
        tokens = [seg[1] for seg in column]
        if kind == "LIT":
            parts.append(re.escape(tokens[0][0]))
            literal_words += tokens[0][0][0].isalpha()
        elif kind == "NAME":
            # Words every instance starts with stay literal ("By"), but a name
            # always leaves room for another name: at least the last two words
            # of the shortest run (or its only word) are a slot.
            shortest = min(len(t) for t in tokens)
            keep = 0
            while keep < shortest - 2 and len({t[keep] for t in tokens}) == 1:
                keep += 1
            literal = [re.escape(word) for word in tokens[0][:keep]]
            literal_words += len(literal)
            parts.append(r"\s+".join([*literal, _SLOTS["NAME"]]))
        else:
            parts.append(_SLOTS[kind])
        parts.append(space)
    if literal_words == 0:
        return None  # only slots: it would match any title or number
    return "".join(parts[:-1])


@dataclass
class Proposal:
    """A proposed rule file and what learning found and left out."""

    source: str
    text: str
    ruleset: RuleSet
    dropped: list[str] = field(default_factory=list)
    markers: list[str] = field(default_factory=list)


def _yaml_str(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _yaml_regex(pattern: str) -> str:
    """A regular expression as a single-quoted YAML scalar: backslashes stay single."""
    return "'" + pattern.replace("'", "''") + "'"


def _stem(source: str) -> str:
    return source.split(".")[0].replace("-", "").lower()


def learn(
    pages: Sequence[str],
    source: str,
    cleaner: Cleaner,
    *,
    domains: Sequence[str] = (),
    schema: str | None = None,
) -> Proposal:
    """Propose rules for ``source`` from ``pages`` (texts of two or more of its pages)."""
    texts = [[line for _, line in repair_lines(page)[0]] for page in pages]
    generic = cleaner.rulesets.get(GENERIC)
    baseline = Cleaner.from_rulesets([generic] if generic else [], timeout=cleaner.timeout)
    # Lines the generic rules already remove need no rule of their own; a line
    # they drop only as a repeat still does (the site prints it on every page).
    handled = [
        {r.text for r in baseline.explain(page, source=GENERIC).removals if r.rule != REPEATED}
        for page in pages
    ]
    count = len(pages)
    lines_of = [[line for line in page if line] for page in texts]
    df = Counter(line for page in lines_of for line in set(page))
    exact = {line for line, n in df.items() if n >= 2 and not any(line in h for h in handled)}

    shapes: dict[tuple[str, ...], dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for number, page in enumerate(lines_of):
        for line in page:
            if line in handled[number]:
                continue
            if df[line] == 1 and len(line) <= 160 and not _is_prose(line):
                shapes[_skeleton(line)][number].append(line)
    patterns: list[tuple[str, int, list[str]]] = []
    for shape, by_page in shapes.items():
        if len(by_page) < 2 or not any(part in _SLOTS for part in shape):
            continue
        instances = [line for found in by_page.values() for line in found]
        pattern = _pattern_for(instances)
        if pattern is not None:
            patterns.append((pattern, len(by_page), instances))

    footer = _footer(lines_of, exact, handled, df)
    markers = _markers(lines_of, handled, df, source, cleaner)
    rules = _rule_entries(exact, df, count, patterns, footer, lines_of)
    dropped: list[str] = []
    while True:
        text = _render(source, domains, markers, rules, schema, count)
        ruleset = parse_rules(text, f"{source}.yaml")
        culprit = _eats_prose(ruleset, pages, lines_of, df, cleaner)
        if culprit is None:
            return Proposal(source, text, ruleset, dropped, markers)
        rules = [rule for rule in rules if rule[0] != culprit]
        dropped.append(culprit)


def _footer(
    pages: list[list[str]], exact: set[str], handled: list[set[str]], df: Counter[str]
) -> tuple[str, int] | None:
    """A recurring line that starts the end of the page, and on how many pages it does.

    On each page counted, the line stands in the second half and no line of prose
    that only this page has comes after it: a footer, not a heading the article
    goes on under.
    """
    valid: Counter[str] = Counter()
    earliest: dict[str, float] = {}
    for page in pages:
        seen: set[str] = set()
        for i, line in enumerate(page):
            if line not in exact or line in seen or i < len(page) / 2:
                continue
            seen.add(line)
            if any(_is_prose(rest) and df[rest] == 1 for rest in page[i + 1 :]):
                continue
            valid[line] += 1
            earliest[line] = min(earliest.get(line, 1.0), i / len(page))
    best = [(n, -earliest[line], line) for line, n in valid.items() if n >= 2]
    if not best:
        return None
    # The line most pages agree on; of those, the one that starts the footer earliest.
    n, _, line = max(best)
    return line, n


def _markers(
    pages: list[list[str]],
    handled: list[set[str]],
    df: Counter[str],
    source: str,
    cleaner: Cleaner,
) -> list[str]:
    """Up to two lines on every page that name the site, or are long and specific."""
    stem = _stem(source)
    taken = {m for rs in cleaner.rulesets.values() for m in rs.match.markers}
    scored = []
    for line, n in df.items():
        if n != len(pages) or line in taken:
            continue
        words = len(line.split())
        names_site = stem and stem in re.sub(r"[^a-z0-9]", "", line.lower())
        # A line that names the site is a marker even where a generic rule
        # removes it; otherwise only a long line the generic rules leave alone is
        # specific enough ("Terms of use" is on every site).
        if not names_site and (words < 5 or any(line in h for h in handled)):
            continue
        # Naming the site counts most; a year or a count would stop matching one day.
        dated = any(ch.isdigit() for ch in line)
        scored.append((bool(names_site), not dated, min(words, 12), -len(line), line))
    return [_short(line) for *_, line in sorted(scored, reverse=True)[:2]]


def _short(line: str, limit: int = 60) -> str:
    """A marker need not be a whole line: its start, cut at a word, is as specific."""
    if len(line) <= limit:
        return line
    cut = line.rfind(" ", 0, limit)
    return line[: cut if cut > 20 else limit]


def _rule_entries(
    exact: set[str],
    df: Counter[str],
    count: int,
    patterns: list[tuple[str, int, list[str]]],
    footer: tuple[str, int] | None,
    pages: list[list[str]],
) -> list[tuple[str, str, str]]:
    """``(id, yaml body, note)`` for each proposed rule."""
    entries: list[tuple[str, str, str]] = []
    order = {line: i for page in pages for i, line in reversed(list(enumerate(page)))}
    by_count: dict[int, list[str]] = defaultdict(list)
    for line in exact:
        by_count[df[line]].append(line)
    for n in sorted(by_count, reverse=True):
        lines = sorted(by_count[n], key=lambda line: order.get(line, 0))
        body = "lines:\n" + "".join(f"      - {_yaml_str(line)}\n" for line in lines)
        entries.append((f"template-lines-{n}", body, f"Found verbatim on {n} of {count} pages."))
    for i, (pattern, n, instances) in enumerate(sorted(patterns, key=lambda p: -p[1]), start=1):
        examples = "; ".join(sorted(set(instances))[:3])
        body = f"pattern: {_yaml_regex(pattern)}\n"
        note = f"Lines of one shape on {n} of {count} pages, e.g. {examples}"
        entries.append((f"shape-{i}", body, note))
    if footer is not None:
        line, n = footer
        body = f"from: {_yaml_regex(regex.escape(line, special_only=True, literal_spaces=True))}\n"
        entries.append(("footer", body, f"Starts the end of the page on {n} of {count} pages."))
    return entries


def _render(
    source: str,
    domains: Sequence[str],
    markers: list[str],
    rules: list[tuple[str, str, str]],
    schema: str | None,
    count: int,
) -> str:
    out = []
    if schema:
        out.append(f"# yaml-language-server: $schema={schema}\n")
    out.append(f"# Proposed by 'boilerclean rules learn' from {count} pages. Review before use.\n")
    out.append(f"source: {_yaml_str(source)}\n")
    if domains or markers:
        out.append("match:\n")
        if domains:
            out.append("  domains: [" + ", ".join(_yaml_str(d) for d in domains) + "]\n")
        if markers:
            out.append("  markers:\n" + "".join(f"    - {_yaml_str(m)}\n" for m in markers))
    out.append("remove:\n" if rules else "remove: []\n")
    for rule_id, body, note in rules:
        out.append(f"  - id: {rule_id}\n    note: {_yaml_str(note)}\n    {body}")
    return "".join(out)


def _eats_prose(
    ruleset: RuleSet,
    pages: Sequence[str],
    lines_of: list[list[str]],
    df: Counter[str],
    cleaner: Cleaner,
) -> str | None:
    """The id of a proposed rule that removes prose only one page has, if any."""
    trial = Cleaner.from_rulesets([*cleaner.rulesets.values(), ruleset], timeout=cleaner.timeout)
    prefix = f"{ruleset.source}/"
    for page in pages:
        for removal in trial.explain(page, source=ruleset.source).removals:
            if (
                removal.rule.startswith(prefix)
                and df[removal.text] == 1
                and _is_prose(removal.text)
            ):
                return removal.rule[len(prefix) :]
    return None
