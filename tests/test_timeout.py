"""A catastrophic user pattern runs in linear time, or is cut short, named, and skipped.

Patterns the linear engine reads as Python does run there: ``(a|aa)+`` is no
danger. The lookbehind in ``(a|aa)+(?<!a)`` keeps a pattern on Python's engine
(the slow path), and a line of a's passes its over-approximation ``(a|aa)+``,
so Python backtracks on it, under the time limits that these tests check.
"""

from __future__ import annotations

import io
import logging
import time
from pathlib import Path

import pytest

import cleaner.cli
from cleaner import Cleaner
from cleaner.cli import main
from cleaner.patterns import MAX_TIMEOUT

CATASTROPHIC = """\
source: slow.example
match: {domains: [slow.example]}
remove:
  - id: share
    lines: [Share]
  - id: evil
    pattern: '(a|aa)+(?<!a)'
"""


def test_catastrophic_pattern_does_not_hang(tmp_path: Path):
    (tmp_path / "slow.yaml").write_text(CATASTROPHIC, encoding="utf-8")
    cleaner = Cleaner([tmp_path], timeout=0.2)
    article = "An article paragraph that must survive.\n\n" + "a" * 60 + "\n\nShare\n"
    start = time.monotonic()
    result = cleaner.explain(article * 20, url="https://slow.example/x")
    elapsed = time.monotonic() - start
    # One combined attempt and one attempt of the culprit alone, not one per line.
    assert elapsed < 3
    assert [s.rule for s in result.skipped] == ["slow.example/evil"]
    assert "timed out" in result.skipped[0].reason
    assert "An article paragraph that must survive." in result.text
    assert "Share" not in result.text.splitlines()


def test_a_catastrophic_pattern_the_linear_engine_reads_runs_in_linear_time(tmp_path: Path):
    rules = "  - id: evil\n    pattern: '^(a|aa)+$'\n  - id: evil-too\n    pattern: '(a|aa)+b?c'\n"
    cleaner = Cleaner([_rule_file(tmp_path, rules)], timeout=0.2)
    assert all(r.pattern.slow_reason is None for r in cleaner.rulesets["slow.example"].rules)
    long = "a" * 200_000
    page = f"Kept prose line.\n{long}b\n{long}\n" + "".join(
        f"{'a' * 50}b{n}\n" for n in range(2000)
    )
    start = time.monotonic()
    result = cleaner.explain(page, url="https://slow.example/")
    assert time.monotonic() - start < 1
    assert result.skipped == ()
    assert [r.text for r in result.removals] == [long]
    assert result.text.startswith("Kept prose line.")


def _rule_file(tmp_path: Path, rules: str) -> Path:
    (tmp_path / "slow.yaml").write_text(
        "source: slow.example\nmatch: {domains: [slow.example]}\nremove:\n" + rules,
        encoding="utf-8",
    )
    return tmp_path


def test_many_catastrophic_rules_are_bounded_and_turned_off_for_the_run(tmp_path, caplog):
    rules = "".join(f"  - id: evil-{i}\n    pattern: '(a|aa)+(?<!a)'\n" for i in range(200))
    cleaner = Cleaner([_rule_file(tmp_path, rules)], timeout=0.01, page_budget=0.3)
    page = "An article paragraph that must survive.\n\n" + "a" * 60 + "\n\nShare\n"
    page = page * 40
    url = "https://slow.example/x"
    with caplog.at_level(logging.WARNING, logger="cleaner"):
        start = time.monotonic()
        first = cleaner.explain(page, url=url)
        elapsed_first = time.monotonic() - start
        # Every page after the first few pays nothing for the rules already off.
        pages = [cleaner.explain(page + f"\n{n}\n", url=url) for n in range(30)]
        elapsed = time.monotonic() - start
    assert elapsed_first < 1.5
    assert elapsed < 10
    assert "*" in {s.rule for s in first.skipped}  # the page's budget ran out
    assert len(cleaner.disabled) == 200
    last = pages[-1]
    assert {s.rule for s in last.skipped} == {f"slow.example/evil-{i}" for i in range(200)}
    assert "An article paragraph that must survive." in last.text
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    # One warning per rule for the whole run, naming it.
    assert len(warnings) == 200
    assert sum("slow.example/evil-7:" in w for w in warnings) == 1


def test_slow_pattern_that_never_times_out_is_bounded_by_the_page_budget(tmp_path):
    # About a millisecond or more a line, under the per-match timeout.
    rules = "  - id: slowish\n    pattern: '(a|aa)+(?<!a)c\\d*'\n"
    cleaner = Cleaner([_rule_file(tmp_path, rules)], timeout=5, page_budget=0.2)
    lines = [f"{'a' * 21}c{n}" for n in range(2000)]
    start = time.monotonic()
    result = cleaner.explain("\n".join(["Kept prose line.", *lines]), url="https://slow.example/")
    assert time.monotonic() - start < 2
    assert "*" in {s.rule for s in result.skipped}
    assert "slow.example/slowish" in cleaner.disabled
    start = time.monotonic()
    again = cleaner.explain("\n".join(lines[::-1]), url="https://slow.example/")
    assert time.monotonic() - start < 1
    assert [s.rule for s in again.skipped] == ["slow.example/slowish"]


def test_a_rule_turned_off_matches_nothing_on_later_pages(tmp_path):
    # The first page's "x1" lines matched before the rule was turned off; hits
    # remembered across pages must not bring it back.
    rules = "  - id: slowish\n    pattern: '(a|aa)+(?<!a)c\\d*|x\\d'\n"
    cleaner = Cleaner([_rule_file(tmp_path, rules)], timeout=5, page_budget=0.1)
    slow = [f"{'a' * 21}c{n}" for n in range(500)]
    first = cleaner.explain("\n".join(["x1", "x2", *slow]), url="https://slow.example/")
    assert [r.text for r in first.removals] == ["x1", "x2"]
    assert "slow.example/slowish" in cleaner.disabled
    result = cleaner.explain("x1\nx2\nProse.\n", url="https://slow.example/")
    assert result.removals == ()


@pytest.mark.parametrize("value", [0, -1, float("nan"), float("inf"), 1e9, MAX_TIMEOUT * 2])
def test_timeout_out_of_bounds_is_refused(value):
    with pytest.raises(ValueError, match="timeout must be more than 0 and at most"):
        Cleaner(timeout=value)


@pytest.mark.parametrize("value", ["1", True, None])
def test_timeout_of_another_type_is_refused(value):
    with pytest.raises(TypeError, match="timeout must be a number of seconds"):
        Cleaner(timeout=value)


@pytest.mark.parametrize("value", [0, float("inf"), float("nan")])
def test_page_budget_out_of_bounds_is_refused(value):
    with pytest.raises(ValueError, match="page_budget must be more than 0"):
        Cleaner.from_rulesets([], page_budget=value)


def test_timeout_at_the_maximum_is_accepted():
    assert Cleaner.from_rulesets([], timeout=MAX_TIMEOUT).timeout == MAX_TIMEOUT


@pytest.mark.parametrize("value", ["inf", "nan", "-inf", "1e9", "0", "-1", "11", "true", '"1"'])
def test_timeout_in_pyproject_is_bounded(tmp_path, monkeypatch, value):
    (tmp_path / "pyproject.toml").write_text(
        f"[tool.boilerclean]\ntimeout = {value}\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    out, err = io.BytesIO(), io.StringIO()
    code = main([], stdin=io.BytesIO(b"Text.\n"), stdout=out, stderr=err)
    assert code == 2
    assert out.getvalue() == b""
    assert err.getvalue().startswith(
        f"boilerclean: {tmp_path / 'pyproject.toml'}: [tool.boilerclean] timeout must be "
    )


def test_timeout_in_pyproject_within_bounds_is_used(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text("[tool.boilerclean]\ntimeout = 10\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    out, err = io.BytesIO(), io.StringIO()
    code = main([], stdin=io.BytesIO(b"Text.\n"), stdout=out, stderr=err)
    assert (code, out.getvalue()) == (0, b"Text.\n"), err.getvalue()


@pytest.mark.parametrize("value", ["inf", "nan", "0", "-1", "601", "true"])
def test_page_budget_in_pyproject_is_bounded(tmp_path, monkeypatch, value):
    (tmp_path / "pyproject.toml").write_text(f"[tool.boilerclean]\npage_budget = {value}\n")
    monkeypatch.chdir(tmp_path)
    err = io.StringIO()
    assert main([], stdin=io.BytesIO(b"Text.\n"), stdout=io.BytesIO(), stderr=err) == 2
    assert "[tool.boilerclean] page_budget must be " in err.getvalue()


def test_page_budget_in_pyproject_reaches_the_cleaner(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text("[tool.boilerclean]\npage_budget = 0.5\n")
    monkeypatch.chdir(tmp_path)
    built: list[Cleaner] = []
    real = cleaner.cli.Cleaner

    def spy(*args: object, **kwargs: object) -> Cleaner:
        built.append(real(*args, **kwargs))  # type: ignore[arg-type]
        return built[-1]

    monkeypatch.setattr(cleaner.cli, "Cleaner", spy)
    assert main([], stdin=io.BytesIO(b"Text.\n"), stdout=io.BytesIO(), stderr=io.StringIO()) == 0
    assert [c.page_budget for c in built] == [0.5]


def test_the_command_warns_once_on_its_own_stderr_and_the_library_stays_silent(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
):
    (tmp_path / "rules").mkdir()
    rules = _rule_file(tmp_path / "rules", "  - id: evil\n    pattern: '(a|aa)+(?<!a)'\n")
    pages = tmp_path / "pages"
    pages.mkdir()
    page = "An article paragraph that must survive.\n\n" + "a" * 40 + "\n"
    for n in range(3):
        (pages / f"p{n}.txt").write_text(page, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text("[tool.boilerclean]\ntimeout = 0.01\n")
    err = io.StringIO()
    main(
        ["--url", "https://slow.example/x", "--rules", str(rules), "--check", "-r", str(pages)],
        stdin=io.BytesIO(),
        stdout=io.BytesIO(),
        stderr=err,
    )
    warnings = [line for line in err.getvalue().splitlines() if "WARNING" in line]
    assert len(warnings) == 1
    assert "slow.example/evil" in warnings[0]
    # The library alone prints nothing: a NullHandler keeps Python's last resort quiet.
    Cleaner([rules], timeout=0.01).explain(page, url="https://slow.example/x")
    assert capfd.readouterr().err == ""
