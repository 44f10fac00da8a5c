"""Synthetic data/ folders, seeded, valid and shaped like the real data, at any size.

`python -m benchmarks.generate l /tmp/data-l` writes the `l` preset. The same seed and sizes
always give the same files; each entity draws from its own random stream, so entity N reads the
same at every size and pages can be compared across presets.
"""

from __future__ import annotations

import random
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

SEED = 20210625


@dataclass(frozen=True)
class Sizes:
    """How many entities of each kind a data folder holds."""

    capabilities: int
    characteristics: int
    case_studies: int
    tags: int
    sources: int

    @property
    def total(self) -> int:
        return self.capabilities + self.characteristics + self.case_studies + self.tags + self.sources


PRESETS = {
    "s": Sizes(capabilities=11, characteristics=8, case_studies=67, tags=12, sources=2),
    "m": Sizes(capabilities=50, characteristics=20, case_studies=902, tags=24, sources=4),
    "l": Sizes(capabilities=150, characteristics=60, case_studies=2748, tags=36, sources=6),
}

# Text lengths in characters (min, max) for English and Japanese, as measured on data/ (28
# entities, November 2026); counts of list items likewise.
LENGTHS = {
    "cap.name": ((12, 33), (4, 24)),
    "cap.summary": ((111, 132), (53, 72)),
    "cap.description": ((477, 664), (223, 307)),
    "function.name": ((6, 44), (4, 24)),
    "function.description": ((81, 144), (36, 68)),
    "char.summary": ((65, 116), (34, 57)),
    "char.description": ((328, 484), (147, 220)),
    "rec.why": ((80, 286), (45, 130)),
    "rec.condition": ((30, 60), (15, 30)),
    "note.title": ((10, 30), (5, 20)),
    "note.text": ((215, 260), (100, 130)),
    "case.summary": ((77, 115), (34, 62)),
    "case.situation": ((187, 270), (88, 155)),
    "case.stakes": ((199, 245), (92, 115)),
    "case.first_steps": ((222, 387), (121, 189)),
    "tag.description": ((107, 154), (50, 75)),
    "section": ((10, 40), (6, 20)),
    "alias": ((3, 28), (3, 14)),
}
COUNTS = {
    "functions": (4, 6),
    "cap.tags": (2, 5),
    "related": (2, 5),
    "cap.aliases": (6, 10),
    "char.aliases": (2, 4),
}
# Recommendations per characteristic (2 to 6, 4 on average) and characteristics per case study
# (half have one, a third two, the rest three) are dealt in a fixed cycle rather than drawn, so
# the small preset has the same mix as the large one and their pages compare fairly.
RECOMMENDATIONS_CYCLE = (4, 3, 5, 2, 6, 4, 3, 5)
CASE_CHARACTERISTICS_CYCLE = (1, 2, 1, 3, 1, 2, 1, 2, 1, 3, 1, 2, 1, 2, 1, 3, 1, 2, 1, 1)
SITUATIONAL_SHARE = 0.1
COMBINED_EXAMPLE_SHARE = 0.1
NOTE_SHARE = 0.15

EN_WORDS = (
    "model data feature pipeline training serving batch online latency drift metric version "
    "registry artifact experiment evaluation monitoring deployment rollback approval schema "
    "validation dataset label team platform workflow job schedule throughput accuracy fairness "
    "lineage metadata prediction request traffic canary endpoint store cluster notebook review "
    "release retraining trigger alert threshold baseline dashboard owner budget risk audit"
).split()
EN_JOINERS = "the a of to and for with when so that every each its before after while".split()
EN_QUALIFIERS = (
    "Streaming Federated Automated Shared Managed Continuous Governed Distributed Incremental "
    "Explainable Secure Scalable Real-time Offline Hybrid"
).split()
EN_NOUNS = (
    "feature registry|model catalog|data validation|label management|drift detection|"
    "canary release|lineage tracking|batch scoring|artifact storage|experiment tracking|"
    "policy review|cost control|traffic splitting|schema registry|fairness audit"
).split("|")
EN_DOMAINS = (
    "retail banking insurance logistics media travel energy telecom healthcare gaming "
    "manufacturing agriculture education advertising"
).split()
EN_TASKS = (
    "churn prediction|demand forecasting|fraud detection|image tagging|search ranking|"
    "price optimisation|anomaly detection|speech recognition|document classification|"
    "route planning|credit scoring|recommendations"
).split("|")
JA_WORDS = (
    "モデル データ 特徴量 パイプライン トレーニング サービング バッチ オンライン レイテンシ ドリフト "
    "指標 バージョン レジストリ アーティファクト 実験 評価 モニタリング デプロイ ロールバック 承認 "
    "スキーマ 検証 データセット ラベル チーム 基盤 ワークフロー ジョブ 精度 公平性 リネージ 予測"
).split()
JA_PARTICLES = "を が の に で と は から まで".split()
JA_ENDINGS = "します。 できます。 が必要です。 を管理します。 を確認します。 を記録します。".split()
JA_QUALIFIERS = "ストリーミング 連合 自動 共有 マネージド 継続的 統制された 分散 増分 説明可能な 安全な スケーラブルな リアルタイム オフライン ハイブリッド".split()
JA_NOUNS = "特徴量レジストリ モデルカタログ データ検証 ラベル管理 ドリフト検出 カナリアリリース リネージ追跡 バッチスコアリング アーティファクト保存 実験トラッキング ポリシーレビュー コスト管理 トラフィック分割 スキーマレジストリ 公平性監査".split()
JA_DOMAINS = "小売 銀行 保険 物流 メディア 旅行 エネルギー 通信 医療 ゲーム 製造 農業 教育 広告".split()
JA_TASKS = "解約予測 需要予測 不正検出 画像タグ付け 検索ランキング 価格最適化 異常検知 音声認識 文書分類 経路計画 信用スコアリング レコメンデーション".split()
TAG_GROUPS = ("stage", "process")


def build_dataset(sizes: Sizes, seed: int = SEED) -> dict[str, dict[str, dict[str, Any]]]:
    """Every entity as plain values, by kind folder and id, ready to write as YAML."""
    sources = {f"source-{i + 1}": _source(_rng(seed, "source", i), i) for i in range(sizes.sources)}
    tags = {f"tag-{i + 1}": _tag(_rng(seed, "tag", i), i) for i in range(sizes.tags)}
    capability_names = _names(sizes.capabilities, EN_QUALIFIERS, EN_NOUNS, JA_QUALIFIERS, JA_NOUNS)
    capability_ids = [_slug(en) for en, _ja in capability_names]
    characteristic_ids = [f"characteristic-{i + 1}" for i in range(sizes.characteristics)]
    case_ids = [f"case-study-{i + 1}" for i in range(sizes.case_studies)]

    capabilities = {
        cap_id: _capability(_rng(seed, "capability", i), name, capability_ids, list(tags), list(sources))
        for i, (cap_id, name) in enumerate(zip(capability_ids, capability_names, strict=True))
    }
    cases = {
        case_id: _case_study(_rng(seed, "case", i), i, characteristic_ids, list(sources))
        for i, case_id in enumerate(case_ids)
    }
    # Every characteristic is had by some case study and every capability recommended by some
    # characteristic, as in the real data (otherwise the check warns). Case study j takes
    # characteristic j in place of its first, so how many each has keeps its shape at every size.
    for j, char_id in enumerate(characteristic_ids[: len(case_ids)]):
        listed = cases[case_ids[j]]["characteristics"]
        if char_id not in listed:
            listed[0] = char_id
    recommended = _deal(capability_ids, sizes.characteristics, _rng(seed, "deal", 0))
    characteristics = {
        char_id: _characteristic(
            _rng(seed, "characteristic", j), j, recommended[j], _example(char_id, cases), list(sources)
        )
        for j, char_id in enumerate(characteristic_ids)
    }
    return {
        "capabilities": capabilities,
        "characteristics": characteristics,
        "case-studies": cases,
        "tags": tags,
        "sources": sources,
    }


def write_dataset(dataset: dict[str, dict[str, dict[str, Any]]], data_dir: Path) -> int:
    """Write one YAML file per entity under data_dir; returns how many files."""
    # Imported here: the benchmark runner reads PRESETS and must stay small (see run.py).
    from macros.kb.kinds import KINDS

    count = 0
    for kind, entities in dataset.items():
        folder = data_dir / kind
        folder.mkdir(parents=True, exist_ok=True)
        header = f"# yaml-language-server: $schema=../../macros/schemas/{KINDS[kind].schema}.schema.json\n"
        for entity_id, values in entities.items():
            text = yaml.dump(values, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=100)
            (folder / f"{entity_id}.yml").write_text(header + text, encoding="utf-8")
            count += 1
    return count


def generate(preset: str, data_dir: Path, seed: int = SEED) -> int:
    """Write a preset's data folder; returns how many files."""
    return write_dataset(build_dataset(PRESETS[preset], seed), data_dir)


_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _rng(seed: int, stream: str, index: int) -> random.Random:
    return random.Random(f"{seed}:{stream}:{index}")


def _count(rng: random.Random, name: str) -> int:
    low, high = COUNTS[name]
    return rng.randint(low, high)


def _text(rng: random.Random, field: str) -> dict[str, str]:
    (en_low, en_high), (ja_low, ja_high) = LENGTHS[field]
    return {"en": _english(rng, rng.randint(en_low, en_high)), "ja": _japanese(rng, rng.randint(ja_low, ja_high))}


def _english(rng: random.Random, length: int) -> str:
    words: list[str] = []
    size = 0
    in_sentence = 0
    while size < length:
        word = rng.choice(EN_WORDS) if rng.random() < 0.7 else rng.choice(EN_JOINERS)
        if not in_sentence:
            word = word.capitalize()
        in_sentence += 1
        if size + len(word) >= length - 1 or (in_sentence > 6 and rng.random() < 0.1):
            word += "."
            in_sentence = 0
        elif in_sentence > 2 and rng.random() < 0.05:
            word += ","
        words.append(word)
        size += len(word) + 1
    text = " ".join(words)
    return text if text.endswith(".") else text.rstrip(",") + "."


def _japanese(rng: random.Random, length: int) -> str:
    text = ""
    while len(text) < length:
        text += rng.choice(JA_WORDS) + rng.choice(JA_PARTICLES)
        if rng.random() < 0.25:
            text += rng.choice(JA_WORDS) + rng.choice(JA_ENDINGS)
        elif rng.random() < 0.2:
            text += "、"
    return text if text.endswith("。") else text + rng.choice(JA_ENDINGS)


def _phrase(rng: random.Random, field: str) -> dict[str, str]:
    """Short text without a final full stop: names, titles, sections."""
    (en_low, en_high), (ja_low, ja_high) = LENGTHS[field]
    en = _english(rng, rng.randint(en_low, en_high)).rstrip(".").replace(".", "")
    ja = _japanese(rng, rng.randint(ja_low, ja_high)).rstrip("。")
    return {"en": en, "ja": ja}


def _names(
    count: int, en_first: list[str], en_second: list[str], ja_first: list[str], ja_second: list[str]
) -> list[tuple[str, str]]:
    """Distinct names 'Qualifier noun', numbered once every pairing is used."""
    pairs = [(a, b) for b in range(len(en_second)) for a in range(len(en_first))]
    # A fixed shuffle, the same at every size, so the first names do not all share a noun.
    random.Random(SEED).shuffle(pairs)
    names = []
    for i in range(count):
        a, b = pairs[i % len(pairs)]
        round_ = i // len(pairs)
        suffix = f" {round_ + 1}" if round_ else ""
        names.append((f"{en_first[a]} {en_second[b]}{suffix}", f"{ja_first[a]}{ja_second[b]}{suffix}"))
    return names


def _slug(name: str) -> str:
    return "-".join(name.lower().replace("-", " ").split())


def _citation(rng: random.Random, sources: list[str]) -> dict[str, Any]:
    return {"ref": rng.choice(sources), "section": _phrase(rng, "section")}


def _aliases(rng: random.Random, count_name: str) -> dict[str, list[str]]:
    count = _count(rng, count_name)
    en = sorted({_phrase(rng, "alias")["en"].lower() for _ in range(count)})
    ja = sorted({_phrase(rng, "alias")["ja"] for _ in range(count)})
    return {"en": en, "ja": ja}


def _source(rng: random.Random, i: int) -> dict[str, Any]:
    return {
        "title": _phrase(rng, "cap.summary"),
        "publisher": "Example Publisher",
        "published": {
            "en": f"{2015 + i % 10}-{1 + i % 12:02d}-{1 + i % 28:02d}",
            "ja": f"{2015 + i % 10}-{1 + i % 12:02d}",
        },
        "url": {"en": f"https://example.com/en/source-{i + 1}", "ja": f"https://example.com/ja/source-{i + 1}"},
    }


def _tag(rng: random.Random, i: int) -> dict[str, Any]:
    return {
        "name": {
            "en": f"{EN_NOUNS[i % len(EN_NOUNS)].capitalize()} {i + 1}",
            "ja": f"{JA_NOUNS[i % len(JA_NOUNS)]} {i + 1}",
        },
        "group": TAG_GROUPS[i % 2],
        "description": _text(rng, "tag.description"),
    }


def _capability(
    rng: random.Random, name: tuple[str, str], ids: list[str], tags: list[str], sources: list[str]
) -> dict[str, Any]:
    own = _slug(name[0])
    others = [i for i in ids if i != own]
    return {
        "name": {"en": name[0], "ja": name[1]},
        "aliases": _aliases(rng, "cap.aliases"),
        "summary": _text(rng, "cap.summary"),
        "description": _text(rng, "cap.description"),
        "functions": [
            {
                "id": f"function-{k + 1}",
                "name": _phrase(rng, "function.name"),
                "description": _text(rng, "function.description"),
            }
            for k in range(_count(rng, "functions"))
        ],
        "tags": rng.sample(tags, min(len(tags), _count(rng, "cap.tags"))),
        "related": rng.sample(others, min(len(others), _count(rng, "related"))),
        "source": _citation(rng, sources),
    }


def _deal(capability_ids: list[str], characteristics: int, rng: random.Random) -> list[list[str]]:
    """The capabilities each characteristic recommends: dealt round a shuffled deck, so all are used."""
    deck = capability_ids[:]
    rng.shuffle(deck)
    hands: list[list[str]] = []
    position = 0
    for j in range(characteristics):
        size = min(len(deck), RECOMMENDATIONS_CYCLE[j % len(RECOMMENDATIONS_CYCLE)])
        hand: list[str] = []
        while len(hand) < size:
            card = deck[position % len(deck)]
            position += 1
            if card not in hand:
                hand.append(card)
        hands.append(hand)
    return hands


def _recommendation(rng: random.Random, capability: str) -> dict[str, Any]:
    situational = rng.random() < SITUATIONAL_SHARE
    rec: dict[str, Any] = {
        "capability": capability,
        "level": "situational" if situational else "core",
        "strength": rng.choice(["needed", "helps"]),
    }
    if situational:
        rec["condition"] = _phrase(rng, "rec.condition")
    rec["why"] = _text(rng, "rec.why")
    rec["source"] = "combined-example" if rng.random() < COMBINED_EXAMPLE_SHARE else "section"
    return rec


def _example(characteristic_id: str, cases: dict[str, dict[str, Any]]) -> str:
    return next(case_id for case_id, case in cases.items() if characteristic_id in case["characteristics"])


def _characteristic(
    rng: random.Random, j: int, recommended: list[str], example: str, sources: list[str]
) -> dict[str, Any]:
    values: dict[str, Any] = {
        "name": {
            "en": f"{EN_QUALIFIERS[j % len(EN_QUALIFIERS)]} use case {j + 1}",
            "ja": f"{JA_QUALIFIERS[j % len(JA_QUALIFIERS)]}ユースケース {j + 1}",
        },
        "aliases": _aliases(rng, "char.aliases"),
        "summary": _text(rng, "char.summary"),
        "description": _text(rng, "char.description"),
        "example": example,
        "recommendations": [_recommendation(rng, cap) for cap in recommended],
    }
    if rng.random() < NOTE_SHARE:
        values["notes"] = [{"title": _phrase(rng, "note.title"), "text": _text(rng, "note.text")}]
    values["source"] = _citation(rng, sources)
    return values


def _case_study(rng: random.Random, i: int, characteristic_ids: list[str], sources: list[str]) -> dict[str, Any]:
    wanted = CASE_CHARACTERISTICS_CYCLE[i % len(CASE_CHARACTERISTICS_CYCLE)]
    domain, task = rng.randrange(len(EN_DOMAINS)), rng.randrange(len(EN_TASKS))
    return {
        "title": {
            "en": f"{EN_TASKS[task].capitalize()} in {EN_DOMAINS[domain]} {i + 1}",
            "ja": f"{JA_DOMAINS[domain]}の{JA_TASKS[task]} {i + 1}",
        },
        "summary": _text(rng, "case.summary"),
        "characteristics": rng.sample(characteristic_ids, min(len(characteristic_ids), wanted)),
        "source_example": _text(rng, "case.summary"),
        "story": {
            "situation": _text(rng, "case.situation"),
            "stakes": _text(rng, "case.stakes"),
            "first_steps": _text(rng, "case.first_steps"),
        },
        "source": _citation(rng, sources),
    }


def main(argv: list[str]) -> int:
    """`python -m benchmarks.generate PRESET DIR`: write a preset's data folder."""
    if len(argv) != 2 or argv[0] not in PRESETS:
        print(f"usage: python -m benchmarks.generate {{{','.join(PRESETS)}}} DIR", file=sys.stderr)
        return 2
    count = generate(argv[0], Path(argv[1]))
    print(f"{count} files in {argv[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
