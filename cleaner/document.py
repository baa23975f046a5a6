"""Lines with their positions, the view rules see, and the joined output."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property


@dataclass(frozen=True)
class Line:
    """One line of the (encoding-repaired) input: its input line number and stripped text."""

    number: int
    text: str
    # Which of the lines that ftfy split input line ``number`` into this is
    # (from 0): the record must tell them apart when one goes and its twin stays.
    piece: int = 0


class View:
    """The lines still kept at one step of the pass, in order.

    Rules address lines by their position in the view. "Blank" means an empty
    stripped line; paragraphs are maximal runs of non-blank lines, so a run of
    several blank lines separates paragraphs exactly as one does.
    """

    def __init__(self, lines: Sequence[Line]) -> None:
        self.lines = lines
        self.texts = [line.text for line in lines]

    def __len__(self) -> int:
        return len(self.texts)

    @cached_property
    def nonblank(self) -> list[int]:
        """Positions of the non-blank lines, in order."""
        return [pos for pos, text in enumerate(self.texts) if text]

    @cached_property
    def _rank(self) -> dict[int, int]:
        return {pos: rank for rank, pos in enumerate(self.nonblank)}

    def neighbour(self, pos: int, step: int) -> int | None:
        """Position of the nearest non-blank line before (``step=-1``) or after (``+1``) ``pos``.

        ``pos`` must be a non-blank line. None at either end of the text.
        """
        rank = self._rank[pos] + step
        if 0 <= rank < len(self.nonblank):
            return self.nonblank[rank]
        return None

    @cached_property
    def paragraphs(self) -> list[range]:
        """Position ranges of the runs of adjacent non-blank lines."""
        runs: list[range] = []
        start = None
        for pos, text in enumerate(self.texts):
            if text and start is None:
                start = pos
            elif not text and start is not None:
                runs.append(range(start, pos))
                start = None
        if start is not None:
            runs.append(range(start, len(self.texts)))
        return runs


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
