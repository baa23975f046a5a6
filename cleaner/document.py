"""Lines with their input positions, and the joined output."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    """One line of the (encoding-repaired) input: its input line number and stripped text."""

    number: int
    text: str
    # Which of the lines that ftfy split input line ``number`` into this is
    # (from 0): the record must tell them apart when one goes and its twin stays.
    piece: int = 0


def join(lines: Iterable[Line]) -> str:
    """Join kept lines: stripped, one blank line between paragraphs, one final newline."""
    out: list[str] = []
    blank = False
    for line in lines:
        if not line.text:
            blank = bool(out)
            continue
        if blank:
            out.append("")
            blank = False
        out.append(line.text)
    return "\n".join(out) + "\n" if out else ""
