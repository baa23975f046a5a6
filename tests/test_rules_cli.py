"""boilerclean rules validate / test / list, user rule directories and extends."""

from __future__ import annotations

import io
import json
import textwrap
import time
from pathlib import Path

import pytest

from cleaner import Cleaner, RuleError
from cleaner.cli import main


def run(*argv: str, stdin: bytes = b"") -> tuple[int, str, str]:
    out, err = io.BytesIO(), io.StringIO()
    code = main(list(argv), stdin=io.BytesIO(stdin), stdout=out, stderr=err)
    return code, out.getvalue().decode("utf-8"), err.getvalue()


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


GOOD = """\
    source: mysite.example
    match:
      markers: [MYSITE FOOTER]
    remove:
      - id: footer
        from: MYSITE FOOTER
    tests:
      - name: footer goes
        input: "Body.\\nMYSITE FOOTER\\nlinks\\n"
        output: "Body.\\n"
"""


def test_validate_builtin_rules_passes():
    code, out, err = run("rules", "validate")
    assert (code, out) == (0, "")
    assert err.endswith("rule file(s) valid\n")


def test_validate_reports_every_problem_one_line_each(tmp_path):
    syntax = write(tmp_path, "a.yaml", "source: a\nremove:\n  - id: x\n    lines: [Share\n")
    regex = write(
        tmp_path,
        "b.yaml",
        "source: b\nremove:\n  - id: x\n    pattern: 'ab(c'\n  - id: y\n    patern: z\n    lines: [q]\n",
    )
    good = write(tmp_path, "c.yaml", GOOD)
    code, out, _ = run("rules", "validate", str(syntax), str(regex), str(good))
    assert code == 2
    assert out.splitlines() == [
        f"{syntax}:5:1: syntax error: expected ',' or ']', but got '<stream end>'",
        f"{regex}:4:19: invalid regular expression: missing ) (x)",
        f"{regex}:6:5: unknown key 'patern' in a 'lines' rule (y)",
    ]


def test_validate_reports_a_failing_inline_test(tmp_path):
    path = write(tmp_path, "c.yaml", GOOD.replace('output: "Body.\\n"', 'output: "Other.\\n"'))
    code, out, _ = run("rules", "validate", str(path))
    assert code == 2
    assert (
        out
        == f"{path}:8:1: inline test 'footer goes' fails (see 'boilerclean rules test {path}')\n"
    )


def test_validate_missing_path(tmp_path):
    code, _, err = run("rules", "validate", str(tmp_path / "none.yaml"))
    assert (code, err) == (2, f"{tmp_path / 'none.yaml'}: no such file or directory\n")


def test_rules_test_runs_inline_tests_and_fixture_pairs(tmp_path):
    write(tmp_path, "mysite.yaml", GOOD)
    write(tmp_path / "tests", "page.txt", "Headline\n\nBody.\n\nMYSITE FOOTER\nAbout us\n")
    write(tmp_path / "tests", "page.clean.txt", "Headline\n\nBody.\n")
    code, out, _ = run("rules", "test", str(tmp_path))
    assert (code, out) == (0, "2 passed, 0 failed\n")


def test_rules_test_shows_a_diff_and_the_rules_that_fired(tmp_path):
    write(tmp_path, "mysite.yaml", GOOD)
    write(tmp_path / "tests", "page.txt", "Skip to content\nHeadline\n\nMYSITE FOOTER\nx\n")
    write(tmp_path / "tests", "page.clean.txt", "Skip to content\nHeadline\n")
    code, out, _ = run("rules", "test", str(tmp_path))
    assert code == 1
    assert out.splitlines() == [
        f"FAIL {tmp_path / 'tests' / 'page.txt'}",
        "    --- expected",
        "    +++ got",
        "    @@ -1,2 +1 @@",
        "    -Skip to content",
        "     Headline",
        "    rules that fired: generic/skip-links, mysite.example/footer",
        "1 passed, 1 failed",
    ]


def test_rules_list_shows_sources_files_and_replacements(tmp_path):
    write(
        tmp_path,
        "rferl.yaml",
        "source: rferl.org\nextends: rferl.org\nremove:\n  - id: extra\n    lines: [Extra line]\n",
    )
    code, out, _ = run("rules", "--rules", str(tmp_path), "list")
    assert code == 0
    lines = out.splitlines()
    start = lines.index(f"rferl.org  (5 rules)  {tmp_path / 'rferl.yaml'}")
    assert lines[start + 1].startswith("    domains: rferl.org")
    assert lines[start + 3].startswith("    replaces ") and lines[start + 3].endswith(
        "rferl.org.yaml"
    )
    assert lines[0].startswith("generic  (")


def test_rules_list_names_the_steps_that_skip_generic_takes():
    code, out, _ = run("rules", "--no-config", "list")
    assert code == 0
    lines = out.splitlines()
    start = lines.index("    and steps of the pass, which skip_generic takes as ids too:")
    assert lines[0].startswith("generic  (") and start < 4
    steps = [line.split(None, 1) for line in lines[start + 1 : start + 3]]
    assert [step for step, _ in steps] == ["repeated-line", "site-repeat"]
    assert "prints again" in steps[0][1] and "same site" in steps[1][1]
    code, out, _ = run("rules", "--no-config", "--format", "json", "list")
    records = [json.loads(line) for line in out.splitlines()]
    assert records[0]["source"] == "generic"
    assert records[0]["steps"] == ["repeated-line", "site-repeat"]
    assert all(record["steps"] == [] for record in records[1:])


# --- user directories: override order and extends ---------------------------------------------


def test_later_directories_replace_earlier_ones(tmp_path):
    first = write(
        tmp_path / "one", "s.yaml", "source: s.example\nremove:\n  - id: r\n    lines: [One]\n"
    )
    write(tmp_path / "two", "s.yaml", "source: s.example\nremove:\n  - id: r\n    lines: [Two]\n")
    cleaner = Cleaner([tmp_path / "one", tmp_path / "two"])
    assert cleaner.clean("One\nTwo\nBody.\n", source="s.example") == "One\nBody.\n"
    assert cleaner.replaced["s.example"] == (str(first),)


def test_extends_builds_on_the_builtin_file_it_replaces(tmp_path):
    write(
        tmp_path,
        "rferl.yaml",
        """\
        source: rferl.org
        extends: rferl.org
        remove:
          - id: top-links
            lines: [Accessibility links]
          - id: more
            lines: [Most Popular]
        """,
    )
    cleaner = Cleaner([tmp_path])
    ids = [r.id for r in cleaner.rulesets["rferl.org"].rules]
    # The base's order, with the same id replaced in place, then the new rules.
    assert ids == ["top-links", "photo-caption", "footer", "undesirable-notice", "more"]
    assert cleaner.rulesets["rferl.org"].match.domains[0] == "rferl.org"  # the base's match
    text = "Breaking News\n\nBody.\n\nMost Popular\n"
    result = cleaner.explain(text, url="https://www.rferl.org/a/1.html")
    assert [r.rule for r in result.removals] == ["generic/breaking-news-banner", "rferl.org/more"]


def test_extends_a_file_by_path(tmp_path):
    # A base in a sub-folder of the rule directory is not loaded as a source itself.
    write(
        tmp_path / "rules" / "shared",
        "base.yml",
        "source: base.example\nremove:\n  - id: nav\n    lines: [Home]\n",
    )
    write(
        tmp_path / "rules",
        "site.yaml",
        "source: site.example\nextends: shared/base.yml\nremove:\n  - id: foot\n    from: End\n",
    )
    cleaner = Cleaner([tmp_path / "rules"])
    assert cleaner.clean("Home\nBody.\nEnd\nx\n", source="site.example") == "Body.\n"


def test_extends_an_unknown_source_is_an_error(tmp_path):
    path = write(tmp_path, "s.yaml", "source: s.example\n\nextends: nope.example\n")
    with pytest.raises(RuleError) as info:
        Cleaner([tmp_path])
    assert str(info.value).startswith(
        f"{path}:3:1: 'extends' names an unknown source 'nope.example' (known: generic, "
    )


# --- guarded user regexes, from the command line ------------------------------------------------


def test_catastrophic_user_regex_through_the_command(tmp_path):
    write(
        tmp_path,
        "slow.yaml",
        "source: slow.example\nmatch: {markers: [SLOWSITE]}\nremove:\n  - id: evil\n"
        "    pattern: '(a|aa)+(?<!a)'\n  - id: linear\n    pattern: '(a|aa)+b'\n",
    )
    # The lookbehind keeps "evil" on Python's engine, which backtracks on the
    # line of a's; "linear" runs on the linear engine and removes its line.
    page = "SLOWSITE\n\nThe article paragraph stays.\n\n" + "a" * 60 + "\n\n" + "a" * 60
    page += "b\n"
    start = time.monotonic()
    code, out, err = run("--rules", str(tmp_path), "--explain", stdin=page.encode())
    assert time.monotonic() - start < 5
    assert code == 0
    assert "The article paragraph stays." in out
    assert "-: slow.example/evil: skipped: pattern '(a|aa)+(?<!a)' timed out" in err
    assert "a" * 60 + "b" not in out


SLOW = r"""source: slow.example
match: {domains: [slow.example]}
remove:
  - id: fast
    pattern: '(a|aa)+'
  - id: behind
    pattern: '(?<=x)y'
  - id: bio
    pattern: '\p{Lu}\w+'
    prev: '(\w+) \1'
"""


def test_validate_warns_of_each_slow_path_pattern_with_its_place(tmp_path):
    path = write(tmp_path, "slow.yaml", SLOW)
    code, out, err = run("rules", "validate", str(path))
    assert code == 0
    assert out.splitlines() == [
        f"{path}:7:14: warning: this pattern runs on Python's regex engine (the slow path, "
        "under the time limit) rather than the linear one: lookaround (behind)",
        f"{path}:10:11: warning: this pattern runs on Python's regex engine (the slow path, "
        "under the time limit) rather than the linear one: a back-reference (bio)",
    ]
    assert err.endswith("1 rule file(s) valid\n")


def test_validate_warnings_as_json(tmp_path):
    import json

    path = write(tmp_path, "slow.yaml", SLOW)
    code, out, _ = run("rules", "validate", "--format", "json", str(path))
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert records[0] == {
        "path": str(path),
        "line": 7,
        "col": 14,
        "message": "this pattern runs on Python's regex engine (the slow path, under the time "
        "limit) rather than the linear one: lookaround",
        "rule": "behind",
        "severity": "warning",
    }
    assert [r["rule"] for r in records] == ["behind", "bio"]


def test_validate_warns_alongside_errors_without_changing_the_status(tmp_path):
    slow = write(tmp_path, "slow.yaml", SLOW)
    bad = write(tmp_path, "bad.yaml", "source: b\nremove:\n  - id: x\n    pattern: 'ab(c'\n")
    code, out, _ = run("rules", "validate", str(slow), str(bad))
    assert code == 2
    assert [line.split(": ")[1] for line in out.splitlines()] == [
        "invalid regular expression",
        "warning",
        "warning",
    ]
