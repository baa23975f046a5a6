"""HTML in: bytes to text, trafilatura's extraction, or the page's visible text.

``extract`` turns a page into text in the shape of a page dump (one block per
line, a blank line between paragraphs), which the cleaning pass then takes as
it takes any text. trafilatura finds the main text; where it finds nothing or
next to nothing, the page's visible text is used instead, and the notes say so.
Only this module and the edges know HTML: the pass itself is the text pass.
"""

from __future__ import annotations

import codecs
import gzip
import re
import zlib
from dataclasses import dataclass
from typing import Any

from .errors import InputError

# What trafilatura is asked for, chosen by measurement on the dev corpus's HTML
# (word F1 of its text against the marked articles): comments off, precision
# favoured (0.978 against 0.956 with its defaults), tables kept.
TRAFILATURA_OPTIONS: dict[str, Any] = {
    "include_comments": False,
    "favor_precision": True,
    "include_tables": True,
    "output_format": "txt",
}
# Fewer words than this from trafilatura may mean it missed the article: the
# page's visible text is cleaned too, and wins when it gives several times more.
TOO_LITTLE = 25
MORE = 3
_SNIFF = 4096
_DECLARED = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)"""
    rb"""|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)
# Browsers read these labels as windows-1252 (the WHATWG encoding standard).
_AS_1252 = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "ascii", "us-ascii", "cp819"}
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x7fELF")
# Tags whose text the reader never sees.
_HIDDEN = {"script", "style", "noscript", "template", "svg", "head", "iframe", "object"}
# Blocks that stand apart as paragraphs in a page dump; other block tags end a line.
_PARAGRAPHS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "figure", "table"}
_BLOCKS = _PARAGRAPHS | {
    "div", "section", "article", "main", "header", "footer", "nav", "aside", "ul", "ol",
    "li", "dl", "dt", "dd", "tr", "td", "th", "figcaption", "form", "address", "br",
    "hr", "title", "button", "label", "option",
}  # fmt: skip


@dataclass(frozen=True)
class Extracted:
    """A page as text, and how it was got."""

    text: str
    notes: tuple[str, ...] = ()
    # The page's own URL, from its metadata (canonical link, og:url), if it says.
    url: str | None = None
    # The page's visible text, when trafilatura found too little to go on alone.
    visible: str | None = None
    # Words trafilatura found.
    words: int = 0


def decode_html(data: bytes) -> str:
    """Bytes of a page as text: its byte-order mark, its declared charset, UTF-8, or a guess.

    Raises ``InputError`` for data that is no text at all (an image, a PDF).
    """
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as exc:
            raise InputError(f"cannot decompress gzip data ({exc})") from None
    if data.startswith(_BINARY_MAGIC):
        raise InputError("binary data (an image, a PDF or an archive), not HTML")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    if b"\x00" in data[:_SNIFF]:
        raise InputError("binary data (NUL bytes), not HTML")
    declared = _DECLARED.search(data[:_SNIFF])
    if declared is not None:
        label = (declared.group(1) or declared.group(2)).decode("ascii").lower()
        encoding = "cp1252" if label in _AS_1252 else label
        try:
            codecs.lookup(encoding)
            return data.decode(encoding, errors="replace")
        except LookupError:
            pass  # an unknown label: read it as if none were declared
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return str(best) if best is not None else data.decode("utf-8", errors="replace")


def _tree(markup: str) -> Any:
    """The page parsed as trafilatura parses it, or None when nothing can be read."""
    from trafilatura.utils import load_html

    try:
        return load_html(markup)
    except Exception:  # lxml gives up on some documents (nothing but a comment)
        return None


def _headline(tree: Any) -> str | None:
    for path in ("//h1", "//meta[@property='og:title']/@content", "//title"):
        for found in tree.xpath(path):
            text = found if isinstance(found, str) else found.text_content()
            text = " ".join(text.split())
            if text:
                return text
    return None


def _own_url(tree: Any) -> str | None:
    for path in ("//link[@rel='canonical']/@href", "//meta[@property='og:url']/@content"):
        for found in tree.xpath(path):
            if isinstance(found, str) and found.startswith(("http://", "https://")):
                return found.strip()
    return None


def visible_text(tree: Any) -> str:
    """The text a reader sees, shaped like a page dump.

    A line per block, blank lines around paragraphs and headings.
    """
    lines: list[str] = []
    current: list[str] = []

    def end_line(blank: bool = False) -> None:
        text = " ".join("".join(current).split())
        current.clear()
        if text:
            lines.append(text)
        if blank and lines and lines[-1] != "":
            lines.append("")

    def walk(element: Any) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _HIDDEN:
            if element.tail:
                current.append(element.tail)
            return
        block = tag in _BLOCKS
        if block:
            end_line(tag in _PARAGRAPHS)
        if element.text and tag:
            current.append(element.text)
        for child in element:
            walk(child)
        if block:
            end_line(tag in _PARAGRAPHS)
        if element.tail:
            current.append(element.tail)

    body = tree.find("body")
    walk(body if body is not None else tree)
    end_line()
    return "\n".join(lines).strip("\n") + "\n" if lines else ""


def _as_dump(text: str) -> str:
    """trafilatura's text (a paragraph per line) in page-dump shape.

    Items of a list stay on adjacent lines, as a dump prints them; every other
    line becomes a paragraph of its own.
    """
    out: list[str] = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        item = line.startswith(("- ", "• ", "* "))
        if out and not (item and out[-1].startswith(("- ", "• ", "* "))):
            out.append("")
        out.append(line)
    return "\n".join(out) + "\n" if out else ""


def extract(html: str | bytes, *, url: str | None = None) -> Extracted:
    """The text of a page, ready for the cleaning pass.

    Raises ``InputError`` for bytes that are no text at all (an image), and
    ``TypeError`` for anything but ``str`` and ``bytes``.
    """
    if isinstance(html, (bytes, bytearray)):
        markup = decode_html(bytes(html))
    elif isinstance(html, str):
        markup = html
    else:
        raise TypeError(f"html must be str or bytes, not {type(html).__name__}")
    if not markup.strip():
        return Extracted("", ("html: the page is empty",))
    tree = _tree(markup)
    if tree is None:
        return Extracted("", ("html: nothing in the page could be read",))
    headline = _headline(tree)
    own_url = _own_url(tree)
    import trafilatura

    try:
        # The tree goes to trafilatura as parsed here: parsing a page twice
        # would cost a fifth of the extraction. trafilatura prunes it.
        found = trafilatura.extract(tree, url=url or own_url, **TRAFILATURA_OPTIONS) or ""
    except Exception as exc:  # a page that defeats trafilatura must not defeat us
        found = ""
        notes: tuple[str, ...] = (f"html: trafilatura failed ({type(exc).__name__}: {exc})",)
    else:
        notes = ()
    text = _as_dump(found)
    if headline and not found.lstrip().startswith(headline):
        # The headline leads, as in a page dump.
        text = f"{headline}\n\n{text}"
    words = len(found.split())
    visible = None
    if words < TOO_LITTLE:
        # Too little to be sure trafilatura found the article: the caller
        # weighs the page's visible text against it.
        fresh = _tree(markup)
        visible = visible_text(fresh) if fresh is not None else None
    return Extracted(text, notes, own_url, visible, words)
