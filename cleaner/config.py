"""Project settings: ``[tool.boilerclean]`` in the nearest ``pyproject.toml``.

So that a repository's own rules apply however the command is started (by hand,
by pre-commit, in CI, from another folder), the command looks upward from the
files it is given (their common parent folder; for standard input, the working
directory) for the first ``pyproject.toml``, as black does, and reads its
``[tool.boilerclean]`` table::

    [tool.boilerclean]
    rules = ["corpus/rules"]   # rule directories, relative to pyproject.toml
    timeout = 0.5              # seconds per regular-expression match
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib


log = logging.getLogger(__name__)

LOG_FORMAT = "boilerclean: %(levelname)s: %(name)s: %(message)s"


class ConfigError(Exception):
    """A ``[tool.boilerclean]`` table that cannot be used."""


@dataclass(frozen=True)
class Settings:
    path: Path | None = None
    rules: tuple[Path, ...] = field(default_factory=tuple)
    timeout: float | None = None
    page_budget: float | None = None


def find_pyproject(start: Path) -> Path | None:
    """The nearest ``pyproject.toml`` at or above ``start``."""
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def common_parent(paths: Sequence[str]) -> Path:
    """The folder the given paths share (a folder counts as itself); the working
    directory when there is none (standard input)."""
    folders = [
        os.path.abspath(p if os.path.isdir(p) else os.path.dirname(os.path.abspath(p)))
        for p in paths
        if p != "-"
    ]
    return Path(os.path.commonpath(folders)) if folders else Path.cwd()


def load_settings(start: Path | None = None) -> Settings:
    """Settings from the nearest ``pyproject.toml``; empty settings when there is none."""
    path = find_pyproject((start or Path.cwd()).resolve())
    if path is None:
        log.info("settings: no pyproject.toml at or above %s", start or Path.cwd())
        return Settings()
    log.info("settings: %s", path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    table = data.get("tool", {}).get("boilerclean")
    if table is None:
        return Settings(path)
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.boilerclean] must be a table")
    unknown = sorted(set(table) - {"rules", "timeout", "page_budget"})
    if unknown:
        raise ConfigError(f"{path}: [tool.boilerclean] has unknown key {unknown[0]!r}")
    rules = table.get("rules", [])
    if isinstance(rules, str):
        rules = [rules]
    if not isinstance(rules, list) or not all(isinstance(r, str) for r in rules):
        raise ConfigError(f"{path}: [tool.boilerclean] rules must be a list of directories")
    # Here, not at the top: reading settings needs no regex engine otherwise.
    from .patterns import MAX_PAGE_BUDGET, MAX_TIMEOUT, check_seconds

    seconds: dict[str, float | None] = {}
    for key, most in (("timeout", MAX_TIMEOUT), ("page_budget", MAX_PAGE_BUDGET)):
        value = table.get(key)
        try:
            seconds[key] = None if value is None else check_seconds(key, value, most)
        except (TypeError, ValueError) as exc:  # TOML has inf and nan: refused
            raise ConfigError(f"{path}: [tool.boilerclean] {exc}") from None
    rule_dirs = tuple(path.parent / r for r in rules)
    return Settings(path, rule_dirs, seconds["timeout"], seconds["page_budget"])


@contextlib.contextmanager
def diagnostics(stream: IO[str], verbosity: int) -> Iterator[None]:
    """Show the ``cleaner`` loggers' messages on ``stream``: warnings (a rule turned
    off for the run) always, and with the command's ``-v`` INFO, ``-vv`` DEBUG."""
    logger = logging.getLogger("cleaner")
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(
        logging.WARNING if verbosity <= 0 else logging.INFO if verbosity == 1 else logging.DEBUG
    )
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
