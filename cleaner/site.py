"""Lines a site prints on every page: what several pages of one site share.

An article is written once; a site's menus, footers, newsletter boxes and
"most read" lists are printed on each of its pages. Given several pages, the
lines that two or more pages of the same site share are furniture, whatever
they look like (as in CCNet and datatrove, which drop paragraphs repeated
across a crawl). Pages are grouped by the host of their URL, and pages with no
URL by the long lines they share.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from .detect import host_of
from .encoding import repair_lines

# Pages with no URL belong together when they share this many distinct long
# lines, or, for short pages, this share of the long lines of the shorter one.
SHARED_LINES = 8
SHARED_SHARE = 0.3
LONG = 15  # characters: "Share" or "Home" are shared by every site


def site_of(url: str | None) -> str | None:
    """The site of ``url``: its host without a leading ``www.``."""
    if not url:
        return None
    host = host_of(url)
    if host is None:
        return None
    return host.removeprefix("www.")


def _find(parent: list[int], k: int) -> int:
    while parent[k] != k:
        parent[k] = parent[parent[k]]
        k = parent[k]
    return k


def group_pages(pages: Sequence[Sequence[str]], urls: Sequence[str | None]) -> list[int]:
    """A group number per page: pages of one site share a number.

    ``pages`` are the pages' stripped lines. A page with a URL goes with the other
    pages of its host; pages without one join the pages they share at least
    ``SHARED_LINES`` distinct long lines with.
    """
    parent = list(range(len(pages)))

    def union(a: int, b: int) -> None:
        ra, rb = _find(parent, a), _find(parent, b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    first_of_site: dict[str, int] = {}
    unknown: list[int] = []
    for k, url in enumerate(urls):
        site = site_of(url)
        if site is None:
            unknown.append(k)
        elif site in first_of_site:
            union(first_of_site[site], k)
        else:
            first_of_site[site] = k
    if unknown:
        holders: dict[str, list[int]] = defaultdict(list)
        long_lines = [0] * len(pages)
        for k in range(len(pages)):
            distinct = {line for line in pages[k] if len(line) >= LONG}
            long_lines[k] = len(distinct)
            for line in distinct:
                holders[line].append(k)
        shared: Counter[tuple[int, int]] = Counter()
        wanted = set(unknown)
        for ks in holders.values():
            if len(ks) < 2 or len(ks) > 1000:
                continue
            for i, a in enumerate(ks):
                for b in ks[i + 1 :]:
                    if a in wanted or b in wanted:
                        shared[a, b] += 1
        for (a, b), count in shared.items():
            fewer = min(long_lines[a], long_lines[b])
            if count >= min(SHARED_LINES, max(2, SHARED_SHARE * fewer)):
                union(a, b)
    return [_find(parent, k) for k in range(len(pages))]


def site_lines(pages: Sequence[Sequence[str]], groups: Sequence[int]) -> list[frozenset[str]]:
    """Per page, the non-blank lines that another page of its group also has."""
    counts: dict[int, Counter[str]] = defaultdict(Counter)
    distinct = [frozenset(line for line in page if line) for page in pages]
    for lines, group in zip(distinct, groups, strict=True):
        counts[group].update(lines)
    return [
        frozenset(line for line in lines if counts[group][line] >= 2)
        for lines, group in zip(distinct, groups, strict=True)
    ]


def shared_lines(texts: Sequence[str], urls: Sequence[str | None]) -> list[frozenset[str]]:
    """Per text, the lines another page of its site also prints (lines as the pass sees them)."""
    pages = [[line for _, line in repair_lines(text)[0]] for text in texts]
    return site_lines(pages, group_pages(pages, urls))
