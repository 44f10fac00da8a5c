"""KB_SERVE_EDITIONS, which `make serve` sets, read as input: anything else than its own form is skipped with one line."""

from __future__ import annotations

import json

import pytest

from macros.adapter.serve_editions import read_serve_editions


def test_the_commands_own_value_is_read() -> None:
    value = json.dumps({"en": "http://127.0.0.1:8000/", "ja": "http://127.0.0.1:8001/"})
    assert read_serve_editions(value) == ({"en": "http://127.0.0.1:8000/", "ja": "http://127.0.0.1:8001/"}, None)


def test_unset_is_nothing_to_say() -> None:
    assert read_serve_editions(None) == ({}, None)
    assert read_serve_editions("") == ({}, None)


@pytest.mark.parametrize(
    "value",
    [
        "{not json",
        "[]",
        '"http://127.0.0.1:8000/"',
        json.dumps({"en": "https://example.com/"}),
        json.dumps({"en": "javascript:alert(1)//http://127.0.0.1:8000/"}),
        json.dumps({"en": 'http://127.0.0.1:8000/"onmouseover=x'}),
        json.dumps({"xx": "http://127.0.0.1:8000/"}),
        json.dumps({"en": 8000}),
        json.dumps({"__proto__": "http://127.0.0.1:8000/"}),
    ],
)
def test_anything_else_is_skipped_with_one_warning(value: str) -> None:
    editions, warning = read_serve_editions(value)
    assert editions == {} and warning and warning.startswith("KB_SERVE_EDITIONS: ")
