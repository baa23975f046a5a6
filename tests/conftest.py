from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "tests" / "samples"
# The shared folder beside the checkout; absent on a plain clone.
SHARED = ROOT.parent / "shared"


# Hypothesis profiles, chosen by HYPOTHESIS_PROFILE. "default" is the everyday
# suite (each property's own small count, example database on, so a failure
# found once is replayed first next time). "slow" is the CI job that runs the
# properties marked slow_properties at SLOW_EXAMPLES each: no database (a CI
# checkout keeps nothing, and a replayed example would not be reproducible from
# the log), the seed given on the command line, and the failing example's blob
# printed so that the log alone reproduces it.
SLOW_EXAMPLES = int(os.environ.get("HYPOTHESIS_SLOW_EXAMPLES", "100000"))
settings.register_profile("slow", max_examples=SLOW_EXAMPLES, database=None, print_blob=True)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "default")
settings.load_profile(PROFILE)


def examples(everyday: int, slow: int = SLOW_EXAMPLES) -> int:
    """How many examples a property draws: ``everyday`` in the default suite, ``slow`` in the slow job."""
    return slow if PROFILE == "slow" else everyday


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "slow_properties: hypothesis properties the slow CI job runs at 100,000 examples"
    )


def sample_ids() -> list[str]:
    return sorted(p.name[: -len(".clean.txt")] for p in SAMPLES.glob("*.clean.txt"))


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@pytest.fixture(params=sample_ids())
def sample(request: pytest.FixtureRequest) -> tuple[str, str, str]:
    """(name, raw page, gold clean text) of one bundled sample."""
    name = request.param
    return name, read(SAMPLES / f"{name}.txt"), read(SAMPLES / f"{name}.clean.txt")


@pytest.fixture
def pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with a dirty page (``dirty.txt``, sample 004) and its clean text
    (``clean.txt``), as the working directory: the command tests' starting point."""
    name = "004_bf5d9ff760c73d1d"
    (tmp_path / "dirty.txt").write_text(read(SAMPLES / f"{name}.txt"), encoding="utf-8")
    (tmp_path / "clean.txt").write_text(read(SAMPLES / f"{name}.clean.txt"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path
