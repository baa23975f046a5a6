"""The package's metadata: licence, URLs, classifiers, and every import declared."""

from __future__ import annotations

import ast
import re
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

from .conftest import ROOT

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _names(requirements: list[str]) -> set[str]:
    """Distribution names of requirement strings, normalised (PEP 503)."""
    return {
        re.sub(r"[-_.]+", "-", re.match(r"[A-Za-z0-9_.-]+", r).group(0)).lower()  # type: ignore[union-attr]
        for r in requirements
    }


def _eager(node: ast.AST) -> list[ast.AST]:
    """The nodes run when the module is imported: not those inside functions."""
    found = [node]
    for child in ast.iter_child_nodes(node):
        if not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            found += _eager(child)
    return found


def _imports(top_level: bool) -> dict[str, set[str]]:
    """Third-party modules imported by cleaner/: all, or only those ``import cleaner`` runs."""
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / "cleaner").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for item in _eager(tree) if top_level else ast.walk(tree):
            if isinstance(item, ast.Import):
                modules = [alias.name for alias in item.names]
            elif isinstance(item, ast.ImportFrom) and item.level == 0 and item.module:
                modules = [item.module]
            else:
                continue
            for module in modules:
                top = module.partition(".")[0]
                if top not in sys.stdlib_module_names and top not in {"cleaner", "__future__"}:
                    found.setdefault(top, set()).add(path.name)
    return found


def _distribution(module: str) -> str:
    if module == "tomli":  # only imported on Python 3.10
        return "tomli"
    (name,) = packages_distributions()[module]
    return re.sub(r"[-_.]+", "-", name).lower()


CORE = _names(PROJECT["dependencies"])
HTML = _names(PROJECT["optional-dependencies"]["html"])


def test_every_import_is_declared():
    undeclared = {
        module: where
        for module, where in _imports(top_level=False).items()
        if _distribution(module) not in CORE | HTML
    }
    assert undeclared == {}
    # charset_normalizer, by name: cleaner/html.py guesses charsets with it.
    assert "charset-normalizer" in HTML


def test_a_text_install_imports_only_core_dependencies():
    # The html extra's packages are imported on first use, never by `import cleaner`.
    eager = _imports(top_level=True)
    assert {"ftfy", "regex", "yaml"} <= set(eager)
    assert {m: w for m, w in eager.items() if _distribution(m) not in CORE} == {}
    assert not HTML & CORE
    assert {"trafilatura", "lxml", "charset-normalizer"} <= HTML
    assert "boilerclean[html]" in PROJECT["optional-dependencies"]["test"]


def test_license_file_matches_the_metadata():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n")
    assert re.search(r"^Copyright \(c\) \d{4} boilerclean developers$", text, re.M)
    assert "MIT" in PROJECT["license"].split()
    for name in PROJECT["license-files"]:
        assert (ROOT / name).is_file(), name
    # PyPI refuses "License ::" classifiers beside a licence expression (PEP 639).
    assert not [c for c in PROJECT["classifiers"] if c.startswith("License ::")]


def test_classifiers_match_the_supported_pythons():
    classifiers = set(PROJECT["classifiers"])
    minimum = int(PROJECT["requires-python"].removeprefix(">=3."))
    assert minimum == 10
    for minor in range(minimum, 14):
        assert f"Programming Language :: Python :: 3.{minor}" in classifiers
    for expected in (
        "Development Status :: 3 - Alpha",
        "Environment :: Console",
        "Operating System :: OS Independent",
    ):
        assert expected in classifiers
    assert any(c.startswith("Intended Audience :: ") for c in classifiers)


def test_project_urls_are_the_readmes_repository():
    urls = PROJECT["urls"]
    assert set(urls) == {"Homepage", "Repository", "Issues", "Changelog"}
    repository = urls["Repository"]
    assert re.fullmatch(r"https://github\.com/[\w.-]+/boilerclean", repository)
    assert "OWNER" not in repository
    assert urls["Issues"] == f"{repository}/issues"
    assert urls["Changelog"].startswith(f"{repository}/blob/") and urls["Changelog"].endswith(
        "/CHANGELOG.md"
    )
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    # The pre-commit snippet names the same repository.
    assert f"- repo: {repository}\n" in readme


@pytest.mark.parametrize("line", ["pip install boilerclean", "pipx install boilerclean"])
def test_readme_has_user_install_lines(line: str):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert line in readme
    assert "pip install 'boilerclean[html]'" in readme


def test_the_wheel_ships_the_stoplists_it_reads(tmp_path: Path):
    from cleaner.features import LANGUAGES

    folder = ROOT / "cleaner" / "stoplists"
    assert {p.stem for p in folder.glob("*.txt")} == set(LANGUAGES)
    assert "jusText" in (folder / "LICENSE").read_text(encoding="utf-8")
