"""The core's line matching against Python's ``regex`` module, the reference.

Every built-in pattern must give, on the linear engine, what ``regex``'s
``fullmatch`` gives with the same flags: on every line of the snapshot pages
and on generated lines. Where the core declines (``None``), Python decides, so
only its definite answers are compared; and where a slow-path pattern's filter
says no, ``regex`` must say no too.
"""

from __future__ import annotations

import importlib.util
import sys
import unicodedata
from pathlib import Path

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import Cleaner, _core
from cleaner.patterns import Budget, Pattern

from .conftest import ROOT, examples

PAGES = ROOT / "tests" / "snapshot" / "pages"

# Built-in patterns on the slow path, by name: the lookarounds that the
# rewrite of the built-in rules (branch h-phrases) drops. This list must only
# shrink; once it is empty every built-in pattern runs on the linear engine.
SLOW_BUILTINS: set[str] = set()


def builtin_patterns() -> dict[str, Pattern]:
    """Every pattern of every built-in rule file, by source/rule/role (the loader's)."""
    found: dict[str, Pattern] = {}
    for name, ruleset in Cleaner().rulesets.items():
        for rule in ruleset.rules:
            roles = dict(rule.line_patterns())
            own = getattr(rule, "pattern", None)
            if isinstance(own, Pattern) and own not in roles.values():
                roles["pattern"] = own  # fullmatched on a context's candidates
            also, unless = rule.checks()
            for n, pattern in enumerate(also):
                roles[f"also{n}"] = pattern
            for n, pattern in enumerate(unless):
                roles[f"unless{n}"] = pattern
            for role, pattern in roles.items():
                found[f"{name}/{rule.id}/{role}"] = pattern
    return found


BUILTIN = builtin_patterns()
KEYS = sorted(BUILTIN)


def page_lines() -> list[str]:
    lines: set[str] = set()
    for path in sorted(PAGES.glob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="surrogateescape")
        lines.update(line.strip() for line in text.split("\n"))
    return sorted(line for line in lines if line)


LINES = page_lines()


def reference(pattern: Pattern, text: str) -> bool:
    return pattern.python.fullmatch(text) is not None


def disagreements(pattern: Pattern, lines: list[str]) -> list[str]:
    wrong = []
    for line in lines:
        found = pattern.fullmatch(line)
        if found is not None and found != reference(pattern, line):
            wrong.append(line)
    return wrong


@pytest.mark.parametrize("key", KEYS)
def test_builtin_pattern_agrees_with_regex_on_every_snapshot_line(key: str) -> None:
    assert disagreements(BUILTIN[key], LINES) == []


@pytest.mark.parametrize(
    "key",
    [
        pytest.param(
            key,
            marks=pytest.mark.xfail(reason="slow path, until h-phrases", strict=True),
        )
        if key in SLOW_BUILTINS
        else key
        for key in KEYS
    ],
)
def test_builtin_pattern_runs_on_the_linear_engine(key: str) -> None:
    assert BUILTIN[key].slow_reason is None


def test_loading_leaves_python_s_compilation_of_linear_patterns_for_later() -> None:
    # Compiling every built-in pattern with the regex module was most of a
    # process's first clean(); a pattern the core admits is compiled by Python
    # only when the core leaves a line to it, and then gives the same answers.
    deferred = [p for p in BUILTIN.values() if p.linear.admitted]
    assert len(deferred) == len(BUILTIN)
    assert all(p.compiled is None for p in deferred)
    sample = deferred[0]
    assert sample.python is sample.python
    assert sample.python.pattern == sample.source


def test_a_pattern_the_core_does_not_admit_is_checked_by_python_at_once() -> None:
    slow = Pattern.compile(r"(?<=x)a")
    assert not slow.linear.admitted
    assert slow.compiled is not None
    with pytest.raises(regex.error):
        Pattern.compile(r"(?<=x")


def test_slow_builtins_are_named_and_filtered() -> None:
    slow = {key for key, p in BUILTIN.items() if p.slow_reason is not None}
    assert slow == SLOW_BUILTINS
    assert all(BUILTIN[key].linear.has_filter for key in slow)


def test_the_core_decides_nearly_every_snapshot_line() -> None:
    # Not correctness: a guard against the core quietly declining everything.
    linear = [p for p in BUILTIN.values() if p.slow_reason is None]
    decided = sum(p.fullmatch(line) is not None for p in linear[:10] for line in LINES)
    assert decided >= 0.95 * 10 * len(LINES)


def pieces(pattern: Pattern) -> list[str]:
    """Literal runs of a pattern's source: the words it looks for."""
    return [w for w in regex.findall(r"[^\\()\[\]{}|?*+.^$]{2,}", pattern.source) if w.strip()]


DECORATION = ["", " ", ".", ":", "!", "?", " |", "-", "—", "…", "’s", "2024", "12", "(", ")"]
UNICODE = [
    "ß",
    "İ",
    "ı",
    "é",
    "É",
    "ﬁ",
    "σ",
    "ς",
    "Σ",
    "К",
    "\u0345",
    "ι",
    "\u00a0",
    "\u2009",
    "日本",
    # Latin Extended-A, Greek, Cyrillic, punctuation and signs: lines of these alone run on the
    # core's form cut down to them (``NARROW`` in matcher.rs); "ƒ" and "ẞ" lie outside it.
    "ł",
    "Ő",
    "ſ",
    "ƒ",
    "ẞ",
    "’",
    "“",
    "€",
    "→",
    "™",
]


# A word as printed, and with letters that Python's engine matches with its
# own: "ß" with "ss", the dotless "ı" with "I", "ſ" with "s".
CASES = [
    str,
    str.upper,
    str.lower,
    str.title,
    str.swapcase,
    lambda word: word.replace("ss", "ß"),
    lambda word: word.replace("i", "ı"),
    lambda word: word.replace("I", "ı").replace("i", "İ"),
    lambda word: word.replace("s", "ſ"),
]


@st.composite
def line_for(draw: st.DrawFn, words: list[str]) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.integers(0, 4))
        if kind <= 1 and words:
            word = draw(st.sampled_from(words))
            case = draw(st.sampled_from(CASES))
            parts.append(case(word))
        elif kind == 2:
            parts.append(draw(st.sampled_from(DECORATION)))
        elif kind == 3:
            parts.append(draw(st.sampled_from(UNICODE)))
        else:
            parts.append(draw(st.text(min_size=1, max_size=8)))
    return "".join(parts).strip()


@pytest.mark.parametrize("key", KEYS)
@settings(
    max_examples=examples(60, 2000),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(data=st.data())
def test_builtin_pattern_agrees_with_regex_on_generated_lines(
    key: str, data: st.DataObject
) -> None:
    pattern = BUILTIN[key]
    line = data.draw(line_for(pieces(pattern)))
    expected = reference(pattern, line)
    found = pattern.fullmatch(line)
    if found is not None:
        assert found == expected, line
    # A matcher also says no where the line's fold lacks every string the
    # pattern requires, on lines with "ß" or "ι" too (``FOLDS``): that no must
    # be Python's as well. Where it asks, Python decides, and nothing is compared.
    matcher = _core.Matcher([], [], [], [(pattern.linear, 0, False, None)], [])
    hits, asks, _ = matcher.page([line])
    if line and not asks:
        assert bool(hits) == expected, line


# Constructs whose meaning could differ between the engines, each on lines
# chosen to tell them apart.
TRICKY = [
    (r"\bword\b.*", False),
    (r"\w+", False),
    (r"\d+", False),
    (r"\s+x", False),
    (r"a.b", False),
    (r"[^a-z]+", True),
    (r"(?i:straße|strasse)", False),
    (r"istanbul", True),
    (r"[a-z ]+", True),
    (r"\p{Lu}\p{L}+", False),
    (r"\p{L}+", True),
    (r"(?=.{1,12}$)\S+ \S+", False),
    (r"(?!no\b).+", True),
    (r"x{,3}", False),
    (r"(?:a{2}){3}", False),
    (r"\x41\u00e9\U0001F600", False),
    (r"(?s:.)+", False),
    (r"(?m:^a$)", False),
    (r"[\w-]+", False),
    (r"[-–—\s]{0,3}ad", True),
    (r"(?P<n>ab)+", False),
]
TRICKY_LINES = [
    "word",
    "word!",
    "sword",
    "word ends",
    "x",
    " x",
    "\u00a0x",
    "\x1cx",
    "\x85x",
    "a\nb",
    "a\rb",
    "aéb",
    "ABC",
    "ÀÉ",
    "straße",
    "STRASSE",
    "Straße",
    "ISTANBUL",
    "İstanbul",
    "ıstanbul",
    "Kelvin \u212a",
    "ſ",
    "Ab",
    "Éclair",
    "\u0345",
    "ι",
    "١٢٣",
    "١",
    "short one",
    "a much longer line",
    "no way",
    "nothing",
    "xxx",
    "xxxx",
    "aaaaaa",
    "aaaaa",
    "Aé😀",
    "a-b_c",
    " ad",
    "—ad",
    "abab",
    "日本",
]


@pytest.mark.parametrize("source,ignore_case", TRICKY)
def test_tricky_constructs_agree_with_regex(source: str, ignore_case: bool) -> None:
    pattern = Pattern.compile(source, ignore_case=ignore_case)
    assert disagreements(pattern, TRICKY_LINES) == []


@settings(max_examples=examples(300), deadline=None)
@given(
    source=st.sampled_from([s for s, _ in TRICKY]),
    ignore_case=st.booleans(),
    line=st.text(
        alphabet=st.sampled_from("aAbBxX -–\u00a0\u0345ιßsSİıiIkK\u212aé1١\nworde"), max_size=12
    ),
)
def test_tricky_constructs_agree_on_generated_lines(
    source: str, ignore_case: bool, line: str
) -> None:
    pattern = Pattern.compile(source, ignore_case=ignore_case)
    found = pattern.fullmatch(line)
    if found is not None:
        assert found == reference(pattern, line)


@pytest.mark.parametrize(
    "source,why",
    [
        (r"(?<=a)b", "lookaround"),
        (r"(a)\1", "a back-reference"),
        (r"(?>a+)b", "an atomic group"),
        (r"a++b", "a possessive quantifier"),
        (r"ab\Z", "linear engine"),
        (r"\mword\M", "linear engine"),
        (r"(?:ab){e<=1}", "linear engine"),
        (r"[[:alpha:]]+", "POSIX"),
        (r"(?x) a b", "Python's regex module has"),
        (r"\p{Latin}+", "general categories"),
        (r"(?i)\p{Lu}", "case-insensitively"),
        (r"(?i)straße", "full case folding"),
        (r"a(?i)b", "inline flags"),
    ],
)
def test_what_runs_on_the_slow_path_says_why(source: str, why: str) -> None:
    pattern = Pattern.compile(source)
    assert pattern.slow_reason is not None
    assert why in pattern.slow_reason


def test_a_catastrophic_pattern_runs_in_linear_time() -> None:
    import time

    pattern = Pattern.compile("^(a|aa)+$")
    assert pattern.slow_reason is None
    start = time.perf_counter()
    assert pattern.fullmatch("a" * 1_000_000 + "b") is False
    assert pattern.fullmatch("a" * 1_000_000) is True
    assert time.perf_counter() - start < 1


def test_the_matcher_gives_what_each_entry_gives_alone() -> None:
    # The whole built-in index on every snapshot line: the pairs it returns are
    # exactly the patterns that match within their max_length and whose rule's
    # also/unless checks hold, less what follows a line's final pattern hit.
    # Where the core asks or rechecks, the regex module decides.
    cleaner = Cleaner()
    plans = [cleaner._plans[name] for name in cleaner.rulesets]
    from cleaner.engine import _LineIndex

    index = _LineIndex(plans)
    found, asks, rechecks = index.matcher.page(LINES)

    def checks_hold(entry: int, line: str) -> bool:
        checks = index.checks.get(index.hits_of[entry])
        if checks is None:
            return True
        also, unless, _ = checks
        return all(reference(p, line) for p in also) and not any(reference(p, line) for p in unless)

    recheck = {(rechecks[at], rechecks[at + 1]) for at in range(0, len(rechecks), 2)}
    got: dict[int, set[int]] = {}
    for at in range(0, len(found), 2):
        pos, entry = found[at], found[at + 1]
        if (pos, entry) not in recheck or checks_hold(entry, LINES[pos]):
            got.setdefault(pos, set()).add(entry)
    for at in range(0, len(asks), 2):
        pos, entry = asks[at], asks[at + 1]
        pattern = index.patterns[entry]
        assert pattern is not None
        line = LINES[pos]
        if pattern.fits(line) and reference(pattern, line) and checks_hold(entry, line):
            got.setdefault(pos, set()).add(entry)
    assert recheck <= {(found[at], found[at + 1]) for at in range(0, len(found), 2)}
    for pos, line in enumerate(LINES):
        expected: set[int] = set()
        for entry, pattern in enumerate(index.patterns):
            if (
                pattern is not None
                and pattern.fits(line)
                and reference(pattern, line)
                and checks_hold(entry, line)
            ):
                expected.add(entry)
        wanted = {e for e in got.get(pos, set()) if index.patterns[e] is not None}
        # The core stops at the first final hit; everything it gives must match.
        assert wanted <= expected, line
        finals = sorted(e for e in expected if e in index.last)
        if finals:
            first = finals[0]
            assert {e for e in expected if e <= first} <= wanted, line
        else:
            assert wanted == expected, line


def test_budget_is_not_spent_on_linear_patterns() -> None:
    budget = Budget(0.25)
    pattern = Pattern.compile("(a|aa)+")
    assert budget.fullmatch("k", pattern, "a" * 100_000)
    assert budget.slow == {} and not budget.exhausted


# --- the tables ---------------------------------------------------------------------------------


@pytest.mark.skipif(
    unicodedata.unidata_version != _core.CASEFOLD_UNICODE_VERSION,
    reason="the casefold table was made from another Unicode version than this Python's",
)
def test_casefold_is_str_casefold_on_every_code_point() -> None:
    for cp in range(sys.maxunicode + 1):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        c = chr(cp)
        assert _core.casefold(c) == c.casefold(), hex(cp)
    text = "".join(chr(cp) for cp in range(0x20, 0x3000))
    assert _core.casefold(text) == text.casefold()


def test_the_unsure_tables_are_what_the_engines_say_now() -> None:
    # core/tools/gen_unsure.py against the installed regex module and the built
    # core: regenerate the table when this fails after an upgrade.
    tool = ROOT / "core" / "tools" / "gen_unsure.py"
    spec = importlib.util.spec_from_file_location("gen_unsure", tool)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    committed = (ROOT / "core" / "src" / "unsure_table.rs").read_text(encoding="utf-8")
    body = module.render(*module.compute())
    assert committed.split("\n", 2)[2] == body.split("\n", 2)[2]


def test_the_table_generators_are_in_the_crate() -> None:
    assert (ROOT / "core" / "tools" / "gen_casefold.py").is_file()
    assert Path(ROOT / "core" / "src" / "casefold_table.rs").read_text().startswith("// Generated")
