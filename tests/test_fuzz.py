"""The fuzz harnesses themselves: the seeds pass, and a finding is not swallowed.

Runs where atheris is installed (the ``fuzz`` extra, as .ci/run's fuzz step does).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

pytest.importorskip("atheris")

FUZZ = Path(__file__).resolve().parent.parent / "fuzz"


def harness(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"fuzz_{name}", FUZZ / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("seeds")
    harness("seeds").write(directory)
    return directory


@pytest.mark.parametrize("target", ["clean", "html", "rules"])
def test_every_seed_passes_its_target(seeds: Path, target: str) -> None:
    files = sorted((seeds / target).iterdir())
    assert len(files) >= 4
    one = harness(f"fuzz_{target}").test_one_input
    for path in files:
        one(path.read_bytes())


def test_rule_seeds_are_the_rule_files(seeds: Path) -> None:
    names = {p.name for p in (seeds / "rules").iterdir()}
    assert "generic-00-overview.yaml" in names and "rferl.org.yaml" in names


def test_the_clean_target_reports_a_second_pass_that_changes_the_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    module = harness("fuzz_clean")
    monkeypatch.setattr(module.cleaner, "clean", lambda text: text + "x\n")
    with pytest.raises(AssertionError, match="not idempotent"):
        module.test_one_input(b"A line.\n")


def test_the_html_target_lets_only_input_errors_through(monkeypatch: pytest.MonkeyPatch) -> None:
    module = harness("fuzz_html")
    module.test_one_input(b"\x89PNG\r\n\x1a\n" + bytes(200))  # an image: InputError
    monkeypatch.setattr(module.cleaner, "clean_html", lambda data: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        module.test_one_input(b"<p>x</p>")


# Found by fuzz_rules: a rule that is a list holding a list was a TypeError in
# the loader, deep nesting a RecursionError, an alias bomb hours and gigabytes.
LIST_IN_LIST = b"source: x\nremove: [[[x]]]\n"
DEEP = b"source: x\nremove: " + b"[" * 3000 + b"]" * 3000 + b"\n"
BOMB = b"a: &a [x, x, x, x, x, x, x, x, x]\n" + b"".join(
    b"%c: &%c [*%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c]\n" % ((n, n) + (n - 1,) * 9)
    for n in range(ord("b"), ord("k"))
)


@pytest.mark.parametrize("data", [LIST_IN_LIST, DEEP, BOMB], ids=["list-in-list", "deep", "bomb"])
def test_what_the_rules_target_found_is_a_rule_error(data: bytes) -> None:
    module = harness("fuzz_rules")
    with pytest.raises(module.RuleError):
        module.parse_rules(data.decode(), "x.yaml")
    module.test_one_input(data)


def test_the_rules_target_reports_an_unknown_exception(monkeypatch: pytest.MonkeyPatch) -> None:
    module = harness("fuzz_rules")

    def broken(text: str, path: str) -> None:
        raise TypeError("something new")

    monkeypatch.setattr(module, "parse_rules", broken)
    with pytest.raises(TypeError, match="something new"):
        module.test_one_input(b"source: x\n")
