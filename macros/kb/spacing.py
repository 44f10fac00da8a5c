"""Where a space goes between scripts: the one rule the pages, the profiler and `make check` share.

A language written with spaces between words (English) spaces everything. One written without
(Japanese) puts a space only where its own writing meets a letter or digit of another script:
Weights & Biases (商用), ML Metadata (MLMD) の状態, but 試験運用(パイロット) and 状況次第(…), as the
source writes them. No I/O.
"""

from __future__ import annotations

import re
from functools import cache

from macros.kb.model import LANGUAGE_DETAILS

# Half-width brackets, closing and opening: a bracketed aside ends as the text before it ends, so
# ML Metadata (MLMD) ends in Latin and 試験運用(reproducibility) in Japanese. profiler.js (asideOpen)
# applies the same rule.
_OPENING = {")": "(", "]": "["}
# How far back an aside's opening is looked for: a text of unmatched brackets stays linear.
_LONGEST_ASIDE = 400


@cache
def _own_script(lang: str) -> re.Pattern[str] | None:
    """The script of a language written without spaces, or None for a spaced one."""
    details = LANGUAGE_DETAILS[lang]
    return None if details.spaced or not details.script else re.compile(details.script)


def _last_letter(text: str) -> str:
    """The text's last character but trailing spaces and bracketed asides (the text before an aside stands
    for it), "" for none."""
    end = len(text)
    while end:
        char = text[end - 1]
        if char.isspace():
            end -= 1
        elif char in _OPENING:
            end = _opening_of(text, end - 1)
        else:
            return char
    return ""


def _opening_of(text: str, close: int) -> int:
    """Where the bracket closed at `close` opens (the closing bracket's own place when it is not opened)."""
    depth = 0
    for i in range(close, max(-1, close - _LONGEST_ASIDE), -1):
        if text[i] == text[close]:
            depth += 1
        elif text[i] == _OPENING[text[close]]:
            depth -= 1
            if not depth:
                return i
    return close


def needs_space(lang: str, before: str) -> bool:
    """Whether a word of the language, or a parenthesis, takes a space after `before`: always in a spaced
    language; in an unspaced one, after a letter or digit of another script only."""
    script = _own_script(lang)
    if script is None:
        return True
    last = _last_letter(before)
    return bool(last) and last.isalnum() and not script.match(last)


def word_space(lang: str, before: str) -> str:
    """The space (or none) between `before` and a following word of the language: ML Metadata (MLMD) の状態."""
    return " " if needs_space(lang, before) else ""


def aside_opening(lang: str, before: str) -> str:
    """How a half-width parenthesised aside opens after `before`: Weights & Biases (商用), 状況次第(…)."""
    return word_space(lang, before) + "("


# A の joining two words of a name in a language written without spaces: モデルの管理 is モデル管理.
_JOINING_NO = re.compile(r"(?<=[^\s\u3040-\u309f])の(?=[^\s\u3040-\u309f])")


def spelling_key(lang: str, name: str) -> str:
    """What two spellings of one name share: spaces dropped (モデル レジストリ, モデルレジストリ), and in a
    language written without spaces a の joining two words (モデル管理, モデルの管理)."""
    key = "".join(name.split())
    return key if _own_script(lang) is None else _JOINING_NO.sub("", key)
