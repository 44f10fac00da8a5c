"""Where a Japanese name may break across lines: `<wbr>` between the words it is made of.

Chromium's `word-break: auto-phrase` keeps a phrase whole, but some of our names are one phrase
longer than a phone's heading line (再利用可能かつコラボレーション指向, アドホック再トレーニング), and
then `overflow-wrap` breaks them anywhere (コラボレーショ|ン). Japanese writes no spaces, but its
scripts show where a word ends: a katakana word meets a kanji word (コラボレーション|指向,
アドホック|再トレーニング, 特徴量|ストア), or a particle ends a phrase (かつ|コラボレーション,
と|特徴量). These are break opportunities only: a line breaks there only when the name does not fit.
Text in other scripts is left as it is, so the English edition's markup does not change.
"""

from __future__ import annotations

import re

from markupsafe import Markup

_HIRAGANA = "\u3041-\u309f"
_KATAKANA = "\u30a0-\u30ff"  # with ー, which ends many katakana words
_KANJI = "\u3400-\u4dbf\u4e00-\u9fff\u3005"  # with 々

# Particles and conjunctions that end a phrase when a kanji word follows (と|特徴量, および|評価);
# other hiragana before kanji is usually a word's own ending (作り|替える is not a break).
_PARTICLES = frozenset(
    (
        "の",
        "と",
        "な",
        "に",
        "を",
        "が",
        "は",
        "で",
        "へ",
        "や",
        "か",
        "かつ",
        "および",
        "または",
        "から",
        "まで",
        "より",
        "など",
    )
)

_BREAKS = re.compile(
    # a hiragana run, then katakana, kanji or a Latin letter: the run ends a phrase
    rf"(?P<hiragana>[{_HIRAGANA}]+)(?=[{_KATAKANA}{_KANJI}A-Za-z])"
    # katakana then kanji, unless the kanji is a one-character suffix (トレーニング|中 is not a break)
    rf"|(?<=[{_KATAKANA}])(?=[{_KANJI}](?:[{_KANJI}{_KATAKANA}]))"
    # two or more kanji then katakana (特徴量|ストア); a one-kanji prefix stays (再|トレーニング is not a break)
    rf"|(?<=[{_KANJI}]{{2}})(?=[{_KATAKANA}])"
)


def _break_after(match: re.Match[str]) -> str:
    run = match["hiragana"]
    if run is None:
        return "<wbr>"
    ends_phrase = run in _PARTICLES or not re.match(rf"[{_KANJI}]", match.string[match.end() :])
    return run + "<wbr>" if ends_phrase else run


def phrase_breaks(escaped: Markup) -> Markup:
    """Escaped text with a break opportunity (`<wbr>`) between the Japanese words it joins (escapes
    are ASCII, so no break falls inside one)."""
    return Markup(_BREAKS.sub(_break_after, str(escaped)))
