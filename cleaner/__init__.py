"""boilerclean: give back the article from text scraped off a web page.

>>> from cleaner import clean
>>> clean("Skip to content\\n\\nA headline\\n\\nThe article says something.\\n")
'A headline\\n\\nThe article says something.\\n'

``replay(text, explain(text))`` rebuilds the cleaned text from the record alone.
``clean`` and ``explain`` use one default ``Cleaner`` with the built-in rules,
built on first use; make your own ``Cleaner`` to add rule directories.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import lru_cache

from .encoding import Repair
from .engine import Cleaner, Explanation, Removal, Skipped, replay
from .errors import InputError, RuleError

# A library logs and lets the application decide where it goes (the command
# shows warnings on standard error); without a handler Python would print them.
logging.getLogger("cleaner").addHandler(logging.NullHandler())

__all__ = [
    "Cleaner",
    "Explanation",
    "InputError",
    "Removal",
    "Repair",
    "RuleError",
    "Skipped",
    "clean",
    "clean_html",
    "clean_many",
    "explain",
    "explain_html",
    "explain_many",
    "replay",
]


@lru_cache(maxsize=1)
def default_cleaner() -> Cleaner:
    """The shared ``Cleaner`` with the built-in rules (rules compiled once per process)."""
    return Cleaner()


def clean(text: str, *, url: str | None = None, source: str | None = None) -> str:
    """Return the article text of ``text``, a page as copied or scraped.

    The source's rules are chosen by ``url`` when given, else by markers found in
    the text; ``source`` forces one by name (``"generic"`` for generic rules only).
    """
    return default_cleaner().clean(text, url=url, source=source)


def explain(text: str, *, url: str | None = None, source: str | None = None) -> Explanation:
    """Like ``clean``, and also report every removal and encoding repair."""
    return default_cleaner().explain(text, url=url, source=source)


def clean_many(texts: Iterable[str], urls: Iterable[str | None] | None = None) -> list[str]:
    """Clean several pages at once, also dropping the lines pages of one site share.

    Pages belong to one site by the host of their URL (``urls``, one per text,
    None where unknown) or, without one, by the long lines they share.
    """
    return default_cleaner().clean_many(texts, urls)


def explain_many(
    texts: Iterable[str], urls: Iterable[str | None] | None = None
) -> list[Explanation]:
    """Like ``clean_many``, with an ``Explanation`` per page."""
    return default_cleaner().explain_many(texts, urls)


def clean_html(html: str | bytes, *, url: str | None = None, source: str | None = None) -> str:
    """Return the article of an HTML page (``str``, or ``bytes`` in any charset).

    trafilatura extracts the main text, then the rules run as for text, less the
    generic rules that look for the article in the page (trafilatura has done
    that); where trafilatura finds next to nothing, the page's visible text is
    cleaned instead, with all the rules.
    """
    return default_cleaner().clean_html(html, url=url, source=source)


def explain_html(
    html: str | bytes, *, url: str | None = None, source: str | None = None
) -> Explanation:
    """Like ``clean_html``, with the record; ``notes`` says how the HTML became text."""
    return default_cleaner().explain_html(html, url=url, source=source)
