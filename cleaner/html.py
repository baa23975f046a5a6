"""HTML in: bytes to text, trafilatura's extraction, or the page's visible text.

``extract`` turns a page into text in the shape of a page dump (one block per
line, a blank line between paragraphs), which the cleaning pass then takes as
it takes any text. trafilatura finds the main text; where it finds nothing or
next to nothing, the page's visible text is used instead, and the notes say so.
Only this module and the edges know HTML: the pass itself is the text pass.

The HTML stack (trafilatura, lxml, charset_normalizer) is the ``html`` extra,
imported on first use, so that text-only installs work without it.
"""

from __future__ import annotations

import codecs
import re
import zlib
from dataclasses import dataclass
from typing import Any

from .errors import InputError

# Bounds on one page, so that hostile or odd input is refused in bounded time and
# memory, never silently cut. A page larger than this (after gzip decompression)
# is refused: it is trafilatura's own download limit (MAX_FILE_SIZE), and parsing
# that much already takes a second and half a gigabyte.
MAX_BYTES = 20_000_000
# trafilatura's time grows with the square of the element count ("<p>a</p>"
# repeated: 49,000 elements 5.6 s, 99,000 elements 24 s, 125,000 elements 42 s).
# The dev corpus's largest page has 1,600 elements.
MAX_ELEMENTS = 50_000
# libxml2 stops reading a page nested deeper than this even with huge_tree (256
# without it, where trafilatura's own parser silently dropped the rest).
MAX_DEPTH = 2048
EXTRA_HINT = "pip install 'boilerclean[html]'"

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
# Codecs Python knows that no page can be written in: ``undefined`` fails on
# everything, the escape codecs read backslashes, UTF-7 is refused by browsers.
_NOT_CHARSETS = {"idna", "punycode", "undefined", "unicode-escape", "raw-unicode-escape", "utf-7"}
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


class MissingExtra(InputError, ImportError):
    """HTML input without the ``html`` extra installed (both kinds of error, so
    that callers catching either see it)."""


def require_html() -> None:
    """Raise ``MissingExtra`` unless the HTML stack can be imported."""
    try:
        import charset_normalizer  # noqa: F401
        import lxml.html  # noqa: F401
        import trafilatura  # noqa: F401
    except ImportError as exc:
        missing = exc.name or str(exc)
        raise MissingExtra(
            f"HTML input needs the html extra ({missing} is missing): {EXTRA_HINT}"
        ) from None


def html_available() -> bool:
    """Whether the ``html`` extra is installed."""
    try:
        require_html()
    except MissingExtra:
        return False
    return True


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


def _gunzip(data: bytes, max_bytes: int) -> bytes:
    """Gzip data decompressed, every member, refused once it grows past ``max_bytes``.

    Streamed with a bound on each step, so a bomb (4 GB of zeros in 4 MB) costs
    no more memory than the limit.
    """
    out = bytearray()
    rest = data
    while rest:
        stream = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            out += stream.decompress(rest, max_bytes + 1 - len(out))
            while not stream.eof and len(out) <= max_bytes:
                chunk = stream.decompress(stream.unconsumed_tail, max_bytes + 1 - len(out))
                if not chunk:
                    break
                out += chunk
        except zlib.error as exc:
            raise InputError(f"cannot decompress gzip data ({exc})") from None
        if len(out) > max_bytes:
            raise InputError(
                f"gzip data decompresses to more than {max_bytes:,} bytes "
                f"(from {len(data):,}), the limit for one page"
            )
        if not stream.eof:
            raise InputError("cannot decompress gzip data (it ends too soon)")
        # Concatenated members are one file (gzip -c a b); anything else after
        # the last member is padding, as gzip itself ignores it.
        rest = stream.unused_data if stream.unused_data[:2] == b"\x1f\x8b" else b""
    return bytes(out)


def _declared(data: bytes) -> str | None:
    """The text encoding the page declares, if it is one that can have declared it.

    A label must name a text codec that reads the declaration itself back: one
    that garbles it (UTF-16 or EBCDIC named in ASCII bytes), is no text encoding
    (``rot13``, ``base64``, ``zlib``) or cannot decode at all (``idna``,
    ``punycode``, ``undefined``) is treated as unknown, as browsers do.
    """
    found = _DECLARED.search(data[:_SNIFF])
    if found is None:
        return None
    label = (found.group(1) or found.group(2)).decode("ascii").lower()
    encoding = "cp1252" if label in _AS_1252 else label
    try:
        info = codecs.lookup(encoding)
        if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_CHARSETS:
            return None
        head = data[: found.end()].decode(encoding, errors="replace")
    except (LookupError, UnicodeError, ValueError):
        return None
    return encoding if label in head.lower() else None


def decode_html(data: bytes, *, max_bytes: int | None = None) -> str:
    """Bytes of a page as text: its byte-order mark, its declared charset, UTF-8, or a guess.

    Gzip data is decompressed. Raises ``InputError`` for data that is no text
    at all (an image, a PDF), and for a page larger than ``max_bytes``
    (default ``MAX_BYTES``), compressed or not.
    """
    limit = MAX_BYTES if max_bytes is None else max_bytes
    if data[:2] == b"\x1f\x8b":
        data = _gunzip(data, limit)
    if len(data) > limit:
        raise InputError(f"the page has {len(data):,} bytes, more than the limit of {limit:,}")
    if data.startswith(_BINARY_MAGIC):
        raise InputError("binary data (an image, a PDF or an archive), not HTML")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    if b"\x00" in data[:_SNIFF]:
        raise InputError("binary data (NUL bytes), not HTML")
    declared = _declared(data)
    if declared is not None:
        return data.decode(declared, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes
    except ImportError:
        require_html()
        raise
    best = from_bytes(data).best()
    return str(best) if best is not None else data.decode("utf-8", errors="replace")


def _tree(markup: str) -> Any:
    """The page parsed as trafilatura parses it, or None when nothing can be read.

    As trafilatura's ``load_html``, with ``huge_tree``: its parser stops at 256
    levels of nesting and drops the rest of the page without a word (real pages
    with unclosed tags get there). Raises ``InputError`` when the parser still
    stops early (nesting deeper than ``MAX_DEPTH``).
    """
    try:
        from lxml.html import HTMLParser, fromstring
        from trafilatura.utils import repair_faulty_html
    except ImportError:
        require_html()
        raise
    # A parser per page: lxml parsers keep their error log, and are not shared
    # across threads.
    parser = HTMLParser(
        collect_ids=False,
        default_doctype=False,
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        huge_tree=True,
    )
    beginning = markup[:50].lower()
    markup = repair_faulty_html(markup, beginning)
    tree = None
    for source in (markup, markup.encode("utf-8", "surrogatepass")):
        try:
            # A str that declares its encoding (<?xml encoding=...?>) must go as bytes.
            tree = fromstring(source, parser=parser)
        except ValueError:
            continue
        except Exception:  # lxml gives up on some documents (nothing but a comment)
            tree = None
        if tree is not None and len(tree) >= 1:
            break
    for error in parser.error_log:
        if error.level_name == "FATAL":
            deep = "depth" in error.message.lower()
            reason = f"nested deeper than {MAX_DEPTH} elements" if deep else error.message
            raise InputError(
                f"{reason} at line {error.line}: the HTML parser cannot read the rest of the page"
            )
    if tree is not None and "html" not in beginning and len(tree) < 2:
        return None  # as load_html: no <html> and a single element is not a page
    return tree


def _count_elements(tree: Any, limit: int) -> None:
    """Raise ``InputError`` when the page has more than ``limit`` elements."""
    # Counted by libxml2 in one call: a Python loop over the elements cost
    # two-fifths of what the pass adds to trafilatura on a page.
    count = int(tree.xpath("count(//*)"))
    if count > limit:
        raise InputError(
            f"the page has more than {limit:,} elements, the limit for one page "
            "(extraction time grows with the square of their number)"
        )


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

    def walk(root: Any) -> None:
        # A stack, not recursion: pages nest deeper than Python's recursion limit.
        stack: list[tuple[Any, bool]] = [(root, True)]
        while stack:
            element, entering = stack.pop()
            tag = element.tag if isinstance(element.tag, str) else ""
            if not entering:
                if tag in _BLOCKS:
                    end_line(tag in _PARAGRAPHS)
                if element.tail:
                    current.append(element.tail)
                continue
            if tag in _HIDDEN:
                if element.tail:
                    current.append(element.tail)
                continue
            if tag in _BLOCKS:
                end_line(tag in _PARAGRAPHS)
            if element.text and tag:
                current.append(element.text)
            stack.append((element, False))
            stack.extend((child, True) for child in reversed(element))

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


def extract(
    html: str | bytes,
    *,
    url: str | None = None,
    max_bytes: int | None = None,
    max_elements: int | None = None,
) -> Extracted:
    """The text of a page, ready for the cleaning pass.

    Raises ``InputError`` for bytes that are no text at all (an image), for a
    page over the limits (``max_bytes``, default ``MAX_BYTES``, counted in
    characters for ``str``; ``max_elements``, default ``MAX_ELEMENTS``; nesting
    deeper than ``MAX_DEPTH``), ``MissingExtra`` without the ``html`` extra,
    and ``TypeError`` for anything but ``str`` and ``bytes``.
    """
    size_limit = MAX_BYTES if max_bytes is None else max_bytes
    if isinstance(html, (bytes, bytearray)):
        markup = decode_html(bytes(html), max_bytes=size_limit)
    elif isinstance(html, str):
        if len(html) > size_limit:
            raise InputError(
                f"the page has {len(html):,} characters, more than the limit of {size_limit:,}"
            )
        markup = html
    else:
        raise TypeError(f"html must be str or bytes, not {type(html).__name__}")
    require_html()
    if not markup.strip():
        return Extracted("", ("html: the page is empty",))
    tree = _tree(markup)
    if tree is None:
        return Extracted("", ("html: nothing in the page could be read",))
    _count_elements(tree, MAX_ELEMENTS if max_elements is None else max_elements)
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
