"""Which sources a text comes from: its URL's host first, else markers in the text."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from . import _core
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
        # Every marker of every source, by number, looked for all at once in a page.
        self._owners = [rs for rs in self._rulesets for _ in rs.match.markers]
        markers = [marker for rs in self._rulesets for marker in rs.match.markers]
        self._markers = _core.Markers(markers) if markers else None

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

    def by_markers(self, text: str | _core.Page) -> list[RuleSet]:
        """Every rule set with a marker in ``text``, most markers first (then by name).

        ``text`` may be a page of lines, whose markers the core finds in its
        lines joined with newlines. All of them apply, not only the best: a page
        that carries two sources' furniture needs both sets of rules, and a
        second cleaning pass must not discover a source the first one passed
        over (that would break idempotence).
        """
        if self._markers is None:
            return []
        if isinstance(text, str):
            text = _core.Page(text, [])
        score: dict[str, int] = {}
        owner: dict[str, RuleSet] = {}
        for found in text.holds(self._markers):
            ruleset = self._owners[found]
            score[ruleset.source] = score.get(ruleset.source, 0) + 1
            owner[ruleset.source] = ruleset
        return [owner[source] for source in sorted(score, key=lambda s: (-score[s], s))]

    def detect(self, text: str | _core.Page, url: str | None = None) -> list[RuleSet]:
        """The rule sets for ``text``: its URL's source, else those its markers name."""
        if url:
            found = self.by_url(url)
            if found is not None:
                return [found]
        return self.by_markers(text)
