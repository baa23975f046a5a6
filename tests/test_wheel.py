"""The built wheel carries the rules: install it into a fresh venv and clean a sample.

Installed without extras it cleans text and refuses HTML with a clear message;
with the ``html`` extra it reads HTML too.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from .conftest import ROOT, SAMPLES

pytestmark = pytest.mark.slow


def _run(*cmd: str | Path, cwd: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(c) for c in cmd], cwd=cwd, input=stdin, capture_output=True, text=True, check=False
    )


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    done = _run(sys.executable, "-m", "build", "--wheel", "--outdir", out, ROOT, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    (found,) = out.glob("boilerclean-*.whl")
    return found


def test_wheel_contains_rules_and_marker(wheel: Path):
    import zipfile

    names = set(zipfile.ZipFile(wheel).namelist())
    # The generic rules are a folder of files (rules/generic/).
    rule_files = [*(ROOT / "rules").glob("*.yaml"), *(ROOT / "rules").glob("*/*.yaml")]
    assert any(f.parent.name == "generic" for f in rule_files)
    for rule_file in rule_files:
        assert f"cleaner/{rule_file.relative_to(ROOT).as_posix()}" in names
    assert "cleaner/rules/rules.schema.json" in names
    assert "cleaner/py.typed" in names
    # The stopword lists text input needs, with jusText's licence, and ours.
    assert "cleaner/stoplists/English.txt" in names
    assert "cleaner/stoplists/LICENSE" in names
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)


def test_wheel_installs_and_cleans_from_elsewhere(wheel: Path, tmp_path: Path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    bindir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / "python"
    done = _run(python, "-m", "pip", "install", "-q", wheel, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    sample = SAMPLES / "004_bf5d9ff760c73d1d.txt"
    script = (
        "import cleaner, sys; "
        "print(cleaner.__file__); "
        f"sys.stdout.write(cleaner.clean(open({str(sample)!r}, encoding='utf-8').read()))"
    )
    done = _run(python, "-c", script, cwd=elsewhere)
    assert done.returncode == 0, done.stderr[-2000:]
    location, _, text = done.stdout.partition("\n")
    # The installed copy ran, not the checkout.
    assert Path(location).is_relative_to(env_dir)
    assert text == (SAMPLES / "004_bf5d9ff760c73d1d.clean.txt").read_text(encoding="utf-8")

    command = _run(bindir / "boilerclean", "--version", cwd=elsewhere)
    assert command.returncode == 0 and command.stdout.startswith("boilerclean ")

    # No html extra: none of its packages, and HTML input says what to install.
    for module in ("trafilatura", "lxml", "justext", "charset_normalizer"):
        found = _run(python, "-c", f"import {module}", cwd=elsewhere)
        assert found.returncode != 0, module
    page = elsewhere / "page.html"
    page.write_text("<html><body><p>Words of the page.</p></body></html>", encoding="utf-8")
    refused = _run(bindir / "boilerclean", "--html", page, cwd=elsewhere)
    assert refused.returncode == 2
    assert (
        refused.stderr
        == "boilerclean: --html needs the html extra: pip install 'boilerclean[html]'\n"
    )

    done = _run(python, "-m", "pip", "install", "-q", f"{wheel}[html]", cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    read = _run(bindir / "boilerclean", "--html", "-", cwd=elsewhere, stdin=page.read_text())
    assert read.returncode == 0, read.stderr
    assert read.stdout == "Words of the page.\n"
