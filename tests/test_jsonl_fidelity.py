"""JSON Lines records come back byte for byte but for the cleaned field's value."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleaner import Cleaner, clean
from cleaner.jsonl import parse_object

from .test_cli import CLEAN, DIRTY, run


def dumped(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def test_a_deeply_nested_record_is_reported_copied_and_the_stream_goes_on():
    deep = b"[" * 100_000 + b"\n"
    deep_field = b'{"a": ' + b"[" * 100_000 + b"1" + b"]" * 100_000 + b', "text": "x"}\n'
    first = json.dumps({"text": DIRTY}).encode() + b"\n"
    last = json.dumps({"text": DIRTY, "id": 4}).encode() + b"\n"
    result = run("--jsonl", stdin=first + deep + deep_field + last)
    assert result.code == 2
    assert result.err.splitlines() == [
        "-:2: nested too deeply to read; copied unchanged",
        "-:3: nested too deeply to read; copied unchanged",
    ]
    out = result.out.splitlines(keepends=True)
    assert len(out) == 4
    assert out[1:3] == [deep, deep_field]
    assert json.loads(out[0]) == {"text": clean(DIRTY)}
    assert json.loads(out[3]) == {"text": clean(DIRTY), "id": 4}


def test_only_the_cleaned_value_changes_in_the_line():
    prefix = '{ "n":1e400 ,"big": 12345678901234567890123, "e": "caf\\u00e9 \\/",  "text" :  '
    suffix = ' , "nan": NaN, "d": 1, "d": 2, "z": [ 1 ,2 ]}\r\n'
    raw = (prefix + json.dumps(DIRTY) + suffix).encode()
    result = run("--jsonl", stdin=raw)
    assert result.code == 0, result.err
    assert result.out == (prefix + dumped(clean(DIRTY)) + suffix).encode()


def test_of_duplicate_field_keys_the_last_one_is_cleaned():
    # json.loads reads the last of duplicate keys; the last is the one replaced.
    head = '{"text": "Skip to content\\nkept as it was\\n", "id": 7, "text": '
    raw = (head + json.dumps(DIRTY) + "}\n").encode()
    result = run("--jsonl", stdin=raw)
    assert result.out == (head + dumped(clean(DIRTY)) + "}\n").encode()


def test_a_first_line_byte_order_mark_is_kept():
    raw = b"\xef\xbb\xbf" + json.dumps({"text": DIRTY}).encode() + b"\n"
    result = run("--jsonl", stdin=raw)
    assert result.out == b"\xef\xbb\xbf" + ('{"text": ' + dumped(clean(DIRTY)) + "}\n").encode()


def test_a_lone_surrogate_in_the_text_is_escaped_not_a_crash():
    raw = b'{"text": "Skip to content\\n\\ud800 Body of the story here.\\n"}\n'
    result = run("--jsonl", stdin=raw)
    assert result.code == 0, result.err
    record = json.loads(result.out)
    assert record["text"] == clean("Skip to content\n\ud800 Body of the story here.\n")
    result.out.decode("utf-8")  # valid UTF-8


PAGE = (
    "<html><head><title>T</title></head><body><nav>Home | News | Sport</nav>"
    "<article><h1>Harbour reopens</h1>"
    + "".join(
        f"<p>The harbour reopened on day {i} after the storm, officials said.</p>" for i in range(8)
    )
    + "</article></body></html>"
)


def test_html_text_goes_into_an_existing_text_field_in_place():
    text = Cleaner().clean_html(PAGE)
    head = '{"html": ' + json.dumps(PAGE) + ',  "text" : '
    raw = (head + '"old"' + ', "id": 1}\n').encode()
    result = run("--jsonl", "--html", stdin=raw)
    assert result.out == (head + dumped(text) + ', "id": 1}\n').encode()


def test_html_text_is_appended_when_there_is_no_text_field():
    text = Cleaner().clean_html(PAGE)
    head = '{"id": 1,"html": ' + json.dumps(PAGE)
    result = run("--jsonl", "--html", stdin=(head + " }\n").encode())
    assert result.out == (head + ', "text": ' + dumped(text) + "}\n").encode()


def test_in_place_file_keeps_the_other_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    line = '{"id":1,   "text": ' + json.dumps(DIRTY) + ', "x": 1E400}\n'
    untouched = '{"id":2, "text": ' + json.dumps(CLEAN) + ', "x": -0.0}\n'
    Path("p.jsonl").write_bytes((line + untouched).encode())
    assert run("--jsonl", "p.jsonl").code == 1
    expected = '{"id":1,   "text": ' + dumped(clean(DIRTY)) + ', "x": 1E400}\n' + untouched
    assert Path("p.jsonl").read_bytes() == expected.encode()


@pytest.mark.parametrize(
    "text",
    [
        '{"a": 1, "b": [1, {"c": "d"}], "a": 2}',
        " { } ",
        '{"x": "\\u00e9\\n", "y": null, "z": true}',
        '{"a": 1,}',
        '{"a" 1}',
        '{"a": 1} x',
        "[1]",
        '"s"',
        "{",
    ],
)
def test_parse_object_agrees_with_json_loads(text):
    try:
        expected = json.loads(text)
    except json.JSONDecodeError:
        with pytest.raises(json.JSONDecodeError):
            parse_object(text)
        return
    fields = parse_object(text)
    if not isinstance(expected, dict):
        assert fields is None
        return
    assert fields is not None
    assert {k: v for k, (v, _, _) in fields.items()} == expected
    for name, (value, start, end) in fields.items():
        assert json.loads(text[start:end]) == value, name
