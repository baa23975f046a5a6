"""Fuzz ``clean``: any text gives text back, ending in a newline or empty, and a
second pass changes nothing.

Bytes become text through UTF-8 with ``surrogateescape``, so that the seed
pages stay pages and broken bytes reach the cleaner as lone surrogates, which a
scraped page can hold too.

    python fuzz/fuzz_clean.py -max_total_time=60 CORPUS_DIR
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["cleaner"]):
    import cleaner


def test_one_input(data: bytes) -> None:
    text = data.decode("utf-8", "surrogateescape")
    once = cleaner.clean(text)
    if not isinstance(once, str) or not (once == "" or once.endswith("\n")):
        raise AssertionError(f"clean returned {once!r}")
    twice = cleaner.clean(once)
    if twice != once:
        raise AssertionError(f"clean is not idempotent: {once!r} became {twice!r}")


def main() -> None:
    cleaner.clean("warm-up")  # the rules are compiled once, outside the timed runs
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
