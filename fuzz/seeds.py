"""Write the fuzzers' seed corpora from the repository's own files.

    python fuzz/seeds.py DIR     # makes DIR/clean, DIR/html, DIR/rules

Pages and rule files are taken from tests/samples, tests/fixtures and rules/;
the HTML seeds are the sample pages laid out as a site would serve them, in
the charsets the HTML path reads. Built at run time, not stored, so that the
seeds follow the samples and the rules as they change.
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def pages() -> list[Path]:
    return sorted(ROOT.glob("tests/samples/*.txt")) + sorted(ROOT.glob("tests/fixtures/*/*.txt"))


def as_html(text: str, charset: str) -> bytes:
    lines = [line for line in text.split("\n") if line.strip()]
    head, body, foot = lines[:3], lines[3:-3], lines[-3:]
    parts = [
        f'<!DOCTYPE html><html><head><meta charset="{charset}">',
        f"<title>{html.escape(body[0] if body else 'Page')}</title>",
        "<script>var x = 1;</script></head><body>",
        "<nav><ul>" + "".join(f"<li><a href='/'>{html.escape(x)}</a></li>" for x in head),
        "</ul></nav><main><article>",
        *(f"<p>{html.escape(line)}</p>" for line in body),
        "</article></main><footer>",
        *(f"<div>{html.escape(line)}</div>" for line in foot),
        "</footer></body></html>",
    ]
    return "\n".join(parts).encode(charset, "xmlcharrefreplace")


def write(directory: Path) -> None:
    for name in ("clean", "html", "rules"):
        (directory / name).mkdir(parents=True, exist_ok=True)
    for index, path in enumerate(pages()):
        data = path.read_bytes()
        (directory / "clean" / f"{index:03d}").write_bytes(data)
        text = data.decode("utf-8")
        for charset in ("utf-8", "windows-1252", "utf-16"):
            (directory / "html" / f"{index:03d}-{charset}").write_bytes(as_html(text, charset))
    # A source split over a folder (rules/generic/) gives one seed per file.
    for path in sorted(ROOT.glob("rules/*.yaml")) + sorted(ROOT.glob("rules/*/*.yaml")):
        name = path.name if path.parent.name == "rules" else f"{path.parent.name}-{path.name}"
        (directory / "rules" / name).write_bytes(path.read_bytes())


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python fuzz/seeds.py DIR")
    write(Path(sys.argv[1]))
