"""Which source a text comes from: its URL's host first, else markers in the text."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from .ruleset import RuleSet


def host_of(url: str) -> str | None:
    """The lower-case host of ``url``; a bare ``example.com/path`` is accepted too."""
    text = url.strip()
    if "//" not in text:
        text = "//" + text
    try:
        host = urlsplit(text).hostname
    except ValueError:
        return None
    return host.rstrip(".") if host else None


class Detector:
    """Picks a rule set for a text; built once from all loaded rule sets."""

    def __init__(self, rulesets: Iterable[RuleSet]) -> None:
        self._rulesets = sorted(rulesets, key=lambda rs: rs.source)
        self._domains = {domain: rs for rs in self._rulesets for domain in rs.match.domains}

    def by_url(self, url: str) -> RuleSet | None:
        """The rule set whose domain is the URL's host or a parent of it (most specific wins)."""
        host = host_of(url)
        if not host:
            return None
        labels = host.split(".")
        for i in range(len(labels) - 1):
            found = self._domains.get(".".join(labels[i:]))
            if found is not None:
                return found
        return None

    def by_markers(self, text: str) -> RuleSet | None:
        """The rule set with the most of its markers in ``text``; ties go to the first by name."""
        best, best_score = None, 0
        for rs in self._rulesets:
            score = sum(1 for marker in rs.match.markers if marker in text)
            if score > best_score:
                best, best_score = rs, score
        return best

    def detect(self, text: str, url: str | None = None) -> RuleSet | None:
        if url:
            found = self.by_url(url)
            if found is not None:
                return found
        return self.by_markers(text)
