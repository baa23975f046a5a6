from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "tests" / "samples"
# The shared folder beside the checkout; absent on a plain clone.
SHARED = ROOT.parent / "shared"


def sample_ids() -> list[str]:
    return sorted(p.name[: -len(".clean.txt")] for p in SAMPLES.glob("*.clean.txt"))


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@pytest.fixture(params=sample_ids())
def sample(request: pytest.FixtureRequest) -> tuple[str, str, str]:
    """(name, raw page, gold clean text) of one bundled sample."""
    name = request.param
    return name, read(SAMPLES / f"{name}.txt"), read(SAMPLES / f"{name}.clean.txt")
