"""JSON Lines: clean one text field of each record, one record at a time.

Memory stays bounded whatever the input size: records stream from input to
output, at most a small window of them in flight. A record is written back
byte for byte when its text does not change; otherwise only the field is
replaced and every other field is kept. A line that is not a JSON object is
reported with its line number, copied through unchanged, and the run goes on.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

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
    an ``html`` field goes into ``text``, and the HTML is kept).
    """
    line, raw = task
    if not raw.strip():
        return Record(line, raw, raw)
    try:
        record = json.loads(raw)
    except UnicodeDecodeError as exc:
        return Record(line, raw, raw, f"cannot decode as UTF-8 (byte {exc.start}: {exc.reason})")
    except json.JSONDecodeError as exc:
        return Record(line, raw, raw, f"not valid JSON ({exc.msg}, column {exc.colno})")
    if not isinstance(record, dict):
        return Record(line, raw, raw, "not a JSON object")
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
    record[target] = explanation.text
    out = json.dumps(record, ensure_ascii=False).encode("utf-8") + _ending(raw)
    return Record(line, raw, out, explanation=explanation)


def tasks(lines: Iterable[bytes]) -> Iterator[Task]:
    return enumerate(lines, start=1)
