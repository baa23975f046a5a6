"""Type stubs for the compiled core (core/, built by maturin)."""

def split_lines(text: str) -> list[str]:
    """The text's lines, stripped as ``str.strip`` strips.

    Only ``\\n`` ends a line, and CRLF is one end.
    """

def strip(text: str) -> str:
    """``text.strip()``: the core's notion of whitespace, which must be Python's."""
