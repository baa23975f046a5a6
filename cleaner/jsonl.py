"""JSON Lines: clean one text field of each record, one record at a time.

Memory stays bounded whatever the input size: records stream from input to
output, at most a small window of them in flight. A record is written back
byte for byte when its text does not change; otherwise only the field is
replaced and every other field is kept. A line that is not a JSON object is
reported with its line number, copied through unchanged, and the run goes on.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from json.decoder import scanstring  # type: ignore[attr-defined]
from typing import Any

from .engine import Explanation
from .errors import InputError


@dataclass(frozen=True)
class Record:
    """One input line and what cleaning made of it."""

    line: int
    raw: bytes
    out: bytes
    error: str = ""
    explanation: Explanation | None = None

    @property
    def changed(self) -> bool:
        return self.out != self.raw


# A task for a worker: (line number, raw bytes); a worker turns it into a Record.
Task = tuple[int, bytes]


def _ending(raw: bytes) -> bytes:
    if raw.endswith(b"\r\n"):
        return b"\r\n"
    return b"\n" if raw.endswith(b"\n") else b""


def clean_record(
    task: Task,
    clean: Callable[[str, str | None], Explanation],
    field: str,
    default_url: str | None,
    into: str | None = None,
) -> Record:
    """Clean the ``field`` of one JSON Lines record (``clean(text, url)`` does the work).

    The result replaces the field, or goes into the field ``into`` (the text of
    an ``html`` field goes into ``text``, and the HTML is kept). Only that
    field's value changes in the line: every other byte (key order, spacing,
    escapes, numbers such as ``1e400``, duplicate keys) is kept. Of duplicate
    keys the last one counts, as for ``json.loads``; it is the one replaced.
    """
    line, raw = task
    if not raw.strip():
        return Record(line, raw, raw)
    bom = codecs.BOM_UTF8 if line == 1 and raw.startswith(codecs.BOM_UTF8) else b""
    try:
        text = raw[len(bom) :].decode("utf-8")
    except UnicodeDecodeError as exc:
        return Record(line, raw, raw, f"cannot decode as UTF-8 (byte {exc.start}: {exc.reason})")
    try:
        fields = parse_object(text)
    except json.JSONDecodeError as exc:
        return Record(line, raw, raw, f"not valid JSON ({exc.msg}, column {exc.colno})")
    except RecursionError:
        return Record(line, raw, raw, "nested too deeply to read; copied unchanged")
    if fields is None:
        return Record(line, raw, raw, "not a JSON object")
    record = {name: value for name, (value, _, _) in fields.items()}
    value = record.get(field)
    if value is None:
        return Record(line, raw, raw)
    if not isinstance(value, str):
        return Record(line, raw, raw, f"field {field!r} is not a string")
    url = record.get("url")
    try:
        explanation = clean(value, url if isinstance(url, str) and url else default_url)
    except InputError as exc:
        return Record(line, raw, raw, f"field {field!r}: {exc}")
    target = into or field
    if record.get(target) == explanation.text:
        return Record(line, raw, raw, explanation=explanation)
    new = _encode(explanation.text)
    if target in fields:
        _, start, end = fields[target]
        out = text[:start] + new + text[end:]
    else:
        # A new field goes last, before the closing brace.
        close = text.rindex("}")
        before = text[:close].rstrip()
        comma = "" if before.endswith("{") else ", "
        out = f"{before}{comma}{json.dumps(target)}: {new}{text[close:]}"
    return Record(line, raw, bom + out.encode("utf-8"), explanation=explanation)


def _encode(value: str) -> str:
    encoded = json.dumps(value, ensure_ascii=False)
    try:
        encoded.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate from a ``\\ud800`` escape
        return json.dumps(value)
    return encoded


_SPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


def _skip(text: str, at: int) -> int:
    """Where the white space from ``at`` on ends."""
    found = _SPACE.match(text, at)
    return found.end() if found else at


def parse_object(text: str) -> dict[str, tuple[Any, int, int]] | None:
    """The top-level fields of a JSON object: name -> (value, start, end of its text).

    None when ``text`` is valid JSON but not an object. Raises
    ``json.JSONDecodeError`` as ``json.loads`` would, and ``RecursionError`` for
    values nested too deeply. A name given twice keeps its last value and place.
    """
    at = _skip(text, 0)
    if not text.startswith("{", at):
        json.loads(text)  # the error of invalid JSON, else it is no object
        return None
    fields: dict[str, tuple[Any, int, int]] = {}
    at = _skip(text, at + 1)
    if text.startswith("}", at):
        at += 1
    else:
        while True:
            if not text.startswith('"', at):
                raise json.JSONDecodeError(
                    "Expecting property name enclosed in double quotes", text, at
                )
            name, at = scanstring(text, at + 1)
            at = _skip(text, at)
            if not text.startswith(":", at):
                raise json.JSONDecodeError("Expecting ':' delimiter", text, at)
            start = _skip(text, at + 1)
            value, at = _DECODER.raw_decode(text, start)
            fields.pop(name, None)  # a name given again moves to its last place
            fields[name] = (value, start, at)
            at = _skip(text, at)
            if text.startswith(",", at):
                at = _skip(text, at + 1)
            elif text.startswith("}", at):
                at += 1
                break
            else:
                raise json.JSONDecodeError("Expecting ',' delimiter", text, at)
    if _skip(text, at) != len(text):
        raise json.JSONDecodeError("Extra data", text, at)
    return fields


def tasks(lines: Iterable[bytes]) -> Iterator[Task]:
    return enumerate(lines, start=1)
