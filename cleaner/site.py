"""Lines a site prints on every page: what several pages of one site share.

An article is written once; a site's menus, footers, newsletter boxes and
"most read" lists are printed on each of its pages. Given several pages, the
lines that two or more pages of the same site share are furniture, whatever
they look like (as in CCNet and datatrove, which drop paragraphs repeated
across a crawl). Pages are grouped by the host of their URL, and pages with no
URL by the long lines they share.
"""

from __future__ import annotations

from collections.abc import Sequence

from . import bridge
from .detect import host_of
from .encoding import repair_lines

# Pages with no URL belong together when they share this many distinct long
# lines, or, for short pages, this share of the long lines of the shorter one.
SHARED_LINES = 8
SHARED_SHARE = 0.3
LONG = 15  # characters: "Share" or "Home" are shared by every site
# A line that more pages hold than this (a crawl's cookie banner) names no site.
MOST_HOLDERS = 1000


def site_of(url: str | None) -> str | None:
    """The site of ``url``: its host without a leading ``www.``."""
    if not url:
        return None
    host = host_of(url)
    if host is None:
        return None
    return host.removeprefix("www.")


def group_pages(pages: Sequence[Sequence[str]], urls: Sequence[str | None]) -> list[int]:
    """A group number per page: pages of one site share a number.

    ``pages`` are the pages' stripped lines. A page with a URL goes with the other
    pages of its host; pages without one join the pages they share at least
    ``SHARED_LINES`` distinct long lines with (the core's ``group_pages``).
    """
    return bridge.group_pages(
        pages,
        [site_of(url) for url in urls],
        shared_lines=SHARED_LINES,
        shared_share=SHARED_SHARE,
        long=LONG,
        most_holders=MOST_HOLDERS,
    )


def site_lines(pages: Sequence[Sequence[str]], groups: Sequence[int]) -> list[frozenset[str]]:
    """Per page, the non-blank lines that another page of its group also has."""
    return [frozenset(lines) for lines in bridge.site_lines(pages, groups)]


def shared_lines(texts: Sequence[str], urls: Sequence[str | None]) -> list[frozenset[str]]:
    """Per text, the lines another page of its site also prints (lines as the pass sees them)."""
    pages = [[line for _, line in repair_lines(text)[0]] for text in texts]
    return site_lines(pages, group_pages(pages, urls))
