"""Fuzz ``clean_html``: any bytes give text back or raise ``InputError`` (bytes
that are no page, such as an image); anything else is a finding.

    python fuzz/fuzz_html.py -max_total_time=60 CORPUS_DIR
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["cleaner"]):
    import cleaner
    from cleaner import InputError


def test_one_input(data: bytes) -> None:
    try:
        out = cleaner.clean_html(data)
    except InputError:
        return
    if not isinstance(out, str) or not (out == "" or out.endswith("\n")):
        raise AssertionError(f"clean_html returned {out!r}")


def main() -> None:
    cleaner.clean_html(b"<p>warm-up</p>")
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
