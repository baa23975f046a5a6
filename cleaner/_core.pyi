"""Type stubs for the compiled core (core/, built by maturin)."""

from collections.abc import Sequence

def split_lines(text: str) -> list[str]:
    """The text's lines, stripped as ``str.strip`` strips.

    Only ``\\n`` ends a line, and CRLF is one end.
    """

def strip(text: str) -> str:
    """``text.strip()``: the core's notion of whitespace, which must be Python's."""

def repeated_lines(texts: Sequence[str]) -> list[int]:
    """Indices into ``texts`` (a page's kept non-blank lines) of verbatim repeats."""

def group_pages(
    pages: Sequence[Sequence[str]],
    sites: Sequence[str | None],
    *,
    shared_lines: int,
    shared_share: float,
    long: int,
    most_holders: int,
) -> list[int]:
    """A group number per page (its group's first page): pages of one site share one."""

def site_lines(pages: Sequence[Sequence[str]], groups: Sequence[int]) -> list[list[str]]:
    """Per page, its distinct non-blank lines that another page of its group also has."""
