"""Word-level precision, recall and F1 of a cleaned text against its gold text.

The same measure as the dev corpus scorer: bags of NFKC-normalised, lower-cased
runs of letters and digits (punctuation and underscores separate words; CJK
ideographs and kana count one word per character).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORD = re.compile(rf"[{_CJK}]|[^\W_{_CJK}]+")


def words(text: str) -> list[str]:
    """The words of ``text`` as the scorer counts them."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).lower())


@dataclass(frozen=True)
class Score:
    """Bag-of-words overlap of a prediction with its gold."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score(predicted: str, gold: str) -> Score:
    """Compare ``predicted`` with ``gold`` as bags of words."""
    bag_p, bag_g = Counter(words(predicted)), Counter(words(gold))
    tp = sum((bag_p & bag_g).values())
    return Score(tp, sum(bag_p.values()) - tp, sum(bag_g.values()) - tp)
