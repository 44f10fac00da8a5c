"""Synthetic data/ folders, seeded and valid, at any size: the one generator of tests and benchmarks.

`python -m benchmarks.generate l /tmp/data-l` writes the `l` preset. Two styles share every rule of
the data's shape (which entity names which):
- REALISTIC, for `make bench`: ids, names, text lengths and shares as measured on the real data;
- `any_text(text)`, for tests: every text field, optional ones too, holds whatever `text` makes of
  it (plain words, hostile or fuzzed text); ids are short and fixed (cap-0, char-0, tag-stage,
  source-a, tool-0, term-0) for tests to edit.
The same seed and sizes always give the same files; each entity draws from its own random stream,
so entity N reads the same at every size and pages can be compared across presets.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

SEED = 20210625


@dataclass(frozen=True)
class Sizes:
    """How many entities of each kind a data folder holds (each field is a kind's folder, '-' as '_')."""

    capabilities: int
    characteristics: int
    case_studies: int
    tags: int
    sources: int
    tools: int = 0
    terms: int = 0
    systems: int = 0

    def of(self, folder: str) -> int:
        """How many of the kind in data/<folder>/."""
        return int(getattr(self, folder.replace("-", "_")))

    @property
    def total(self) -> int:
        return sum(int(getattr(self, name)) for name in self.__dataclass_fields__)


PRESETS = {
    "s": Sizes(capabilities=11, characteristics=8, case_studies=67, tags=12, sources=2, systems=30),
    "m": Sizes(capabilities=50, characteristics=20, case_studies=902, tags=24, sources=4, systems=300),
    "l": Sizes(capabilities=150, characteristics=60, case_studies=2748, tags=36, sources=6, systems=1000),
}

# Text lengths in characters (min, max) per language, as measured on data/ (28 entities, November
# 2026); a language without its own figures takes the base language's. Counts of list items likewise.
LENGTHS: dict[str, dict[str, tuple[int, int]]] = {
    "cap.name": {"en": (12, 33), "ja": (4, 24)},
    "cap.summary": {"en": (111, 132), "ja": (53, 72)},
    "cap.description": {"en": (477, 664), "ja": (223, 307)},
    "function.name": {"en": (6, 44), "ja": (4, 24)},
    "function.description": {"en": (81, 144), "ja": (36, 68)},
    "char.summary": {"en": (65, 116), "ja": (34, 57)},
    "char.description": {"en": (328, 484), "ja": (147, 220)},
    "rec.why": {"en": (80, 286), "ja": (45, 130)},
    "rec.condition": {"en": (30, 60), "ja": (15, 30)},
    "note.title": {"en": (10, 30), "ja": (5, 20)},
    "note.text": {"en": (215, 260), "ja": (100, 130)},
    "case.summary": {"en": (77, 115), "ja": (34, 62)},
    "case.situation": {"en": (187, 270), "ja": (88, 155)},
    "case.stakes": {"en": (199, 245), "ja": (92, 115)},
    "case.first_steps": {"en": (222, 387), "ja": (121, 189)},
    "tag.description": {"en": (107, 154), "ja": (50, 75)},
    "section": {"en": (10, 40), "ja": (6, 20)},
    "alias": {"en": (3, 28), "ja": (3, 14)},
}
REAL_COUNTS = {
    "functions": (4, 6),
    "cap.tags": (2, 5),
    "related": (2, 5),
    "cap.aliases": (6, 10),
    "char.aliases": (2, 4),
    "tool.aliases": (1, 3),
}
# Recommendations per characteristic (2 to 6, 4 on average) and characteristics per case study
# (half have one, a third two, the rest three) are dealt in a fixed cycle rather than drawn, so
# the small preset has the same mix as the large one and their pages compare fairly.
RECOMMENDATIONS_CYCLE = (4, 3, 5, 2, 6, 4, 3, 5)
CASE_CHARACTERISTICS_CYCLE = (1, 2, 1, 3, 1, 2, 1, 2, 1, 3, 1, 2, 1, 2, 1, 3, 1, 2, 1, 1)

# text(trail) -> the text for one field in one language; the trail names the entity, the field and
# the language ("cap-0.summary.en"), so a maker can tell short fields from long ones.
TextMaker = Callable[[str], str]


@dataclass(frozen=True)
class Style:
    """How generated data reads: what tests and benchmarks want differently of the same generator."""

    text: TextMaker | None  # None: realistic words at the measured lengths
    counts: Mapping[str, tuple[int, int]]  # list sizes (min, max) by REAL_COUNTS' names
    situational_share: float  # of recommendations
    combined_example_share: float  # of recommendations citing the combined example
    note_share: float  # of characteristics with a note
    numbered_ids: bool  # cap-0, char-0... rather than ids made from names
    paragraphs: int = 1  # in a capability's description
    # Knowledge of our own (the platform team's): the last characteristic, and this share of the
    # others' recommendations, the last key function of the first capability, the last term.
    ours_share: float = 0.0
    schema_header: bool = True  # each file's first line names its schema for editors


REALISTIC = Style(
    text=None,
    counts=REAL_COUNTS,
    situational_share=0.1,
    combined_example_share=0.1,
    note_share=0.15,
    numbered_ids=False,
)
# Tests: every optional field present, every choice taken often; the files start at line 1 with data.
_ANY_TEXT = Style(
    text=None,
    counts=dict.fromkeys(REAL_COUNTS, (1, 1)) | {"functions": (1, 3), "cap.tags": (1, 2), "related": (2, 2)},
    situational_share=0.5,
    combined_example_share=0.5,
    note_share=1.0,
    numbered_ids=True,
    paragraphs=2,
    ours_share=0.3,
    schema_header=False,
)


def any_text(text: TextMaker) -> Style:
    """The tests' style: every text field, optional ones included, holds what text makes of its trail."""
    return replace(_ANY_TEXT, text=text)


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
# Characters after which a generated Japanese sentence ends (make check warns above 150).
JA_SENTENCE = 75
JA_ENDINGS = "します。 できます。 が必要です。 を管理します。 を確認します。 を記録します。".split()
JA_QUALIFIERS = "ストリーミング 連合 自動 共有 マネージド 継続的 統制された 分散 増分 説明可能な 安全な スケーラブルな リアルタイム オフライン ハイブリッド".split()
JA_NOUNS = "特徴量レジストリ モデルカタログ データ検証 ラベル管理 ドリフト検出 カナリアリリース リネージ追跡 バッチスコアリング アーティファクト保存 実験トラッキング ポリシーレビュー コスト管理 トラフィック分割 スキーマレジストリ 公平性監査".split()
JA_DOMAINS = "小売 銀行 保険 物流 メディア 旅行 エネルギー 通信 医療 ゲーム 製造 農業 教育 広告".split()
JA_TASKS = "解約予測 需要予測 不正検出 画像タグ付け 検索ランキング 価格最適化 異常検知 音声認識 文書分類 経路計画 信用スコアリング レコメンデーション".split()
TAG_GROUPS = ("stage", "process")
# A glossary term's rejected forms: the generated text never holds them.
REJECTED = {"en": ["re-learning"], "ja": ["再学習"]}


@dataclass(frozen=True)
class Words:
    """One language's words and how it composes names, for realistic text."""

    write: Callable[[random.Random, int], str]  # prose of about the length given
    qualifiers: list[str]
    nouns: list[str]
    domains: list[str]
    tasks: list[str]
    capability: str  # format of a capability's name
    characteristic: str
    case_study: str
    tag: str


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
        # A sentence ends by chance, and always well before make check's longest (editorial_checks.LONGEST_SENTENCE).
        if rng.random() < 0.25 or len(text) - text.rfind("。") > JA_SENTENCE:
            text += rng.choice(JA_WORDS) + rng.choice(JA_ENDINGS)
        elif rng.random() < 0.2:
            text += "、"
    return text if text.endswith("。") else text + rng.choice(JA_ENDINGS)


# A language without its own words writes the base language's; each list is as long as the base
# language's, item for item (a name is the same pick in every language).
WORDS = {
    "en": Words(
        _english,
        EN_QUALIFIERS,
        EN_NOUNS,
        EN_DOMAINS,
        EN_TASKS,
        "{qualifier} {noun}",
        "{qualifier} use case {n}",
        "{task} in {domain} {n}",
        "{noun} {n}",
    ),
    "ja": Words(
        _japanese,
        JA_QUALIFIERS,
        JA_NOUNS,
        JA_DOMAINS,
        JA_TASKS,
        "{qualifier}{noun}",
        "{qualifier}ユースケース {n}",
        "{domain}の{task} {n}",
        "{noun} {n}",
    ),
}


def _languages() -> tuple[str, ...]:
    # Imported here: the benchmark runner reads PRESETS and must stay small (see run.py).
    from macros.kb.model import LANGUAGES

    return LANGUAGES


def _words(lang: str) -> Words:
    return WORDS.get(lang) or WORDS[_languages()[0]]


def _lengths(key: str, lang: str) -> tuple[int, int]:
    return LENGTHS[key].get(lang) or LENGTHS[key][_languages()[0]]


class _Maker:
    """The entities of one data set: ids of every kind up front, then one entity at a time."""

    def __init__(self, sizes: Sizes, seed: int, style: Style) -> None:
        self.seed, self.style, self.langs = seed, style, _languages()
        self.base = self.langs[0]
        self.names = _names(sizes.capabilities, self.langs)
        self.ids = {
            "capabilities": [
                f"cap-{i}" if style.numbered_ids else _slug(name[self.base]) for i, name in enumerate(self.names)
            ],
            "characteristics": [self._id("char", "characteristic", i) for i in range(sizes.characteristics)],
            "case-studies": [self._id("case", "case-study", i) for i in range(sizes.case_studies)],
            "tags": [
                f"tag-{TAG_GROUPS[i % 2]}{f'-{i // 2}' if i > 1 else ''}" if style.numbered_ids else f"tag-{i + 1}"
                for i in range(sizes.tags)
            ],
            "sources": [
                f"source-{chr(ord('a') + i) if i < 26 else i}" if style.numbered_ids else f"source-{i + 1}"
                for i in range(sizes.sources)
            ],
            "tools": [self._id("tool", "tool", i) for i in range(sizes.tools)],
            "terms": [self._id("term", "term", i) for i in range(sizes.terms)],
            "systems": [self._id("sys", "system", i) for i in range(sizes.systems)],
        }

    def _id(self, short: str, long: str, i: int) -> str:
        return f"{short}-{i}" if self.style.numbered_ids else f"{long}-{i + 1}"

    def rng(self, stream: str, index: int) -> random.Random:
        return random.Random(f"{self.seed}:{stream}:{index}")

    def count(self, rng: random.Random, name: str) -> int:
        low, high = self.style.counts[name]
        return rng.randint(low, high)

    def text(self, rng: random.Random, key: str, trail: str) -> dict[str, str]:
        """Prose in every language: key names its measured lengths, trail the field for a text maker."""
        if self.style.text:
            return {lang: self.style.text(f"{trail}.{lang}") for lang in self.langs}
        return {lang: _words(lang).write(rng, rng.randint(*_lengths(key, lang))) for lang in self.langs}

    def phrase(self, rng: random.Random, key: str, trail: str) -> dict[str, str]:
        """Short text without a final full stop: names, titles, sections."""
        if self.style.text:
            return self.text(rng, key, trail)
        return {lang: text.rstrip(".。").replace(".", "") for lang, text in self.text(rng, key, trail).items()}

    def one(self, trail: str, realistic: str) -> str:
        """Text in no language (a publisher, a provider)."""
        return self.style.text(trail) if self.style.text else realistic

    def aliases(self, rng: random.Random, count_name: str, trail: str) -> dict[str, list[str]]:
        if self.style.text:
            return {lang: [self.style.text(f"{trail}.{lang}")] for lang in self.langs}
        count = self.count(rng, count_name)
        return {
            lang: sorted({self.phrase(rng, "alias", trail)[lang].lower() for _ in range(count)}) for lang in self.langs
        }

    def citation(self, rng: random.Random, trail: str) -> dict[str, Any]:
        return {
            "ref": rng.choice(self.ids["sources"]),
            "section": self.phrase(rng, "section", f"{trail}.source.section"),
        }

    def source(self, i: int) -> dict[str, Any]:
        source_id, rng = self.ids["sources"][i], self.rng("source", i)
        year = 2021 - i % 10
        return {
            "title": self.phrase(rng, "cap.summary", f"{source_id}.title"),
            "publisher": self.one(f"{source_id}.publisher", "Example Publisher"),
            # The base language's edition dated to the day, the others to the month.
            "published": {
                lang: f"{year}-06-{25 - i % 20}" if lang == self.base else f"{year}-07" for lang in self.langs
            },
            "url": {lang: f"https://example.com/{lang}/{source_id}" for lang in self.langs},
            # Sources made up for tests and benchmarks stand for the post and the guide.
            "foundation": "true",
        }

    def ours(self, trail: str) -> dict[str, Any]:
        """The platform team's provenance: its rationale, the day it decided, a link to the record."""
        return {
            "by": "platform-team",
            "rationale": self.text(self.rng("ours", 0), "rec.why", f"{trail}.source.rationale"),
            "decided": "2026-02-03",
            # Characters that close a Markdown link or start another stay inside the address.
            "link": f"https://example.com/decisions/{trail}?a=1&b=2#x)(javascript:alert(1))%5D%22",
        }

    def own_characteristic(self, j: int) -> bool:
        """The last characteristic of a data set with knowledge of our own is the platform team's."""
        return bool(self.style.ours_share) and j == len(self.ids["characteristics"]) - 1

    def tag(self, i: int) -> dict[str, Any]:
        tag_id, rng = self.ids["tags"][i], self.rng("tag", i)
        name = {
            lang: _words(lang).tag.format(noun=_words(lang).nouns[i % len(_words(lang).nouns)].capitalize(), n=i + 1)
            for lang in self.langs
        }
        return {
            "name": self.text(rng, "", f"{tag_id}.name") if self.style.text else name,
            "group": TAG_GROUPS[i % 2],
            "description": self.text(rng, "tag.description", f"{tag_id}.description"),
        }

    def capability(self, i: int) -> dict[str, Any]:
        own, rng = self.ids["capabilities"][i], self.rng("capability", i)
        others = [c for c in self.ids["capabilities"] if c != own]
        tags = self.ids["tags"]
        values: dict[str, Any] = {
            "name": self.text(rng, "", f"{own}.name") if self.style.text else self.names[i],
            "aliases": self.aliases(rng, "cap.aliases", f"{own}.aliases"),
            "summary": self.text(rng, "cap.summary", f"{own}.summary"),
            "description": self.text(rng, "cap.description", f"{own}.description"),
            "functions": [
                {
                    "id": f"function-{k + 1}",
                    "name": self.phrase(rng, "function.name", f"{own}.functions{k}.name"),
                    "description": self.text(rng, "function.description", f"{own}.functions{k}.description"),
                }
                for k in range(self.count(rng, "functions"))
            ],
            "tags": rng.sample(tags, min(len(tags), self.count(rng, "cap.tags"))),
            "related": rng.sample(others, min(len(others), self.count(rng, "related"))),
            "source": self.citation(rng, own),
        }
        if self.style.ours_share and i == 0:
            values["functions"][-1]["source"] = self.ours(f"{own}.functions")
        for paragraph in range(2, self.style.paragraphs + 1):
            more = self.text(rng, "cap.description", f"{own}.description{paragraph}")
            values["description"] = {lang: f"{values['description'][lang]}\n\n{more[lang]}" for lang in self.langs}
        return values

    def tool(self, i: int) -> dict[str, Any]:
        """Tool i provides the first capability in ring adopt, except every third, which provides the
        second on trial: tools=20 gives the first capability more adopted tools than a line names."""
        tool_id, rng = self.ids["tools"][i], self.rng("tool", i)
        trial = i % 3 == 2
        capabilities = self.ids["capabilities"]
        name = self.phrase(rng, "cap.name", f"{tool_id}.name")
        return {
            "name": name if self.style.text else {lang: f"{text} {i + 1}" for lang, text in name.items()},
            "aliases": self.aliases(rng, "tool.aliases", f"{tool_id}.aliases"),
            "kind": "managed-service",
            "provider": self.one(f"{tool_id}.provider", "Example Provider"),
            "homepage": f"https://example.com/{tool_id}",
            "status": "maintained",
            "checked": "2026-01-31",
            "provides": [
                {"capability": capabilities[1 if trial and len(capabilities) > 1 else 0], "functions": ["function-1"]}
            ],
            "ring": {
                "status": "trial" if trial else "adopt",
                "reason": self.text(rng, "rec.why", f"{tool_id}.ring.reason"),
                "date": "2026-01-31",
            },
            "sources": [f"https://example.com/{tool_id}/docs"],
        }

    def system(self, i: int) -> dict[str, Any]:
        """System i: one to three characteristics, a few capabilities in place (some partial), owned by
        one of as many teams as there are domains; every optional field present in the tests' style."""
        system_id, rng = self.ids["systems"][i], self.rng("system", i)
        characteristics, capabilities, tools = (self.ids[k] for k in ("characteristics", "capabilities", "tools"))
        team = i % len(_words(self.base).domains)
        owner = {lang: f"{_words(lang).domains[team]} ML" for lang in self.langs}
        in_place = []
        for k, capability in enumerate(rng.sample(capabilities, min(len(capabilities), rng.randint(0, 4)))):
            entry: dict[str, Any] = {"capability": capability, "state": "partial" if rng.random() < 0.3 else "in-place"}
            if tools and (self.style.text or rng.random() < 0.5):
                entry["tools"] = [tools[rng.randrange(len(tools))]]
            if self.style.text or entry["state"] == "partial":
                entry["note"] = self.text(rng, "note.title", f"{system_id}.in_place.{k}.note")
            in_place.append(entry)
        values: dict[str, Any] = {
            "name": self.phrase(rng, "cap.name", f"{system_id}.name"),
            "summary": self.text(rng, "case.summary", f"{system_id}.summary"),
            "owner": self.text(rng, "", f"{system_id}.owner") if self.style.text else owner,
            "contact": f"https://example.com/teams/{team}",
            "status": ("in-production", "in-development", "planned", "in-production", "retired")[i % 5],
            "characteristics": rng.sample(characteristics, min(len(characteristics), rng.randint(1, 3))),
            "in_place": in_place,
            "reviewed": "2026-01-31",
            "like": self.ids["case-studies"][i % len(self.ids["case-studies"])],
        }
        if self.style.text or i % 10 == 0:
            values["sample"] = "true"
        return values

    def term(self, i: int) -> dict[str, Any]:
        term_id, rng = self.ids["terms"][i], self.rng("term", i)
        if self.style.ours_share and i == len(self.ids["terms"]) - 1 and i:
            return {
                "term": self.phrase(rng, "cap.name", f"{term_id}.term"),
                "definition": self.text(rng, "note.text", f"{term_id}.definition"),
                "source": self.ours(term_id),
            }
        return {
            "term": self.phrase(rng, "cap.name", f"{term_id}.term"),
            "in_source": {self.base: self.phrase(rng, "cap.name", f"{term_id}.in_source")[self.base]},
            # A form is rejected by one term only: the others' are numbered.
            "rejected": {
                lang: [f"{form}-{i + 1}" if i else form for form in forms]
                for lang, forms in REJECTED.items()
                if lang in self.langs
            },
            "note": self.text(rng, "note.text", f"{term_id}.note"),
        }

    def case_study(self, i: int) -> dict[str, Any]:
        case_id, rng = self.ids["case-studies"][i], self.rng("case", i)
        wanted = CASE_CHARACTERISTICS_CYCLE[i % len(CASE_CHARACTERISTICS_CYCLE)]
        base = _words(self.base)
        domain, task = rng.randrange(len(base.domains)), rng.randrange(len(base.tasks))
        title = {
            lang: (words := _words(lang)).case_study.format(
                task=words.tasks[task].capitalize(), domain=words.domains[domain], n=i + 1
            )
            for lang in self.langs
        }
        characteristics = self.ids["characteristics"]
        return {
            "title": self.text(rng, "", f"{case_id}.title") if self.style.text else title,
            "summary": self.text(rng, "case.summary", f"{case_id}.summary"),
            "characteristics": rng.sample(characteristics, min(len(characteristics), wanted)),
            "source_example": self.text(rng, "case.summary", f"{case_id}.source_example"),
            "story": {
                part: self.text(rng, f"case.{part}", f"{case_id}.story.{part}")
                for part in ("situation", "stakes", "first_steps")
            },
            "source": self.citation(rng, case_id),
        }

    def characteristic(self, j: int, recommended: list[str], example: str) -> dict[str, Any]:
        char_id, rng = self.ids["characteristics"][j], self.rng("characteristic", j)
        name = {
            lang: (words := _words(lang)).characteristic.format(
                qualifier=words.qualifiers[j % len(words.qualifiers)], n=j + 1
            )
            for lang in self.langs
        }
        values: dict[str, Any] = {
            "name": self.text(rng, "", f"{char_id}.name") if self.style.text else name,
            "aliases": self.aliases(rng, "char.aliases", f"{char_id}.aliases"),
            "summary": self.text(rng, "char.summary", f"{char_id}.summary"),
            "description": self.text(rng, "char.description", f"{char_id}.description"),
            "example": example,
            "recommendations": [
                self.recommendation(rng, f"{char_id}.{cap}", cap, ours=self.own_characteristic(j))
                for cap in recommended
            ],
        }
        if rng.random() < self.style.note_share:
            values["notes"] = [
                {
                    "title": self.phrase(rng, "note.title", f"{char_id}.notes.title"),
                    "text": self.text(rng, "note.text", f"{char_id}.notes.text"),
                }
            ]
        values["source"] = self.citation(rng, char_id)
        if self.own_characteristic(j):
            values["source"] = self.ours(char_id)
        return values

    def recommendation(self, rng: random.Random, trail: str, capability: str, ours: bool = False) -> dict[str, Any]:
        situational = rng.random() < self.style.situational_share
        rec: dict[str, Any] = {
            "capability": capability,
            "level": "situational" if situational else "core",
            "strength": rng.choice(["needed", "helps"]),
        }
        if situational:
            rec["condition"] = self.phrase(rng, "rec.condition", f"{trail}.condition")
        rec["why"] = self.text(rng, "rec.why", f"{trail}.why")
        rec["source"] = "combined-example" if rng.random() < self.style.combined_example_share else "section"
        # Some section recommendations the combined example says more strongly (own stream: the others keep theirs).
        own = random.Random(f"{self.seed}:stronger:{trail}")
        if (
            rec["strength"] == "helps"
            and rec["source"] == "section"
            and own.random() < self.style.combined_example_share
        ):
            why = self.text(own, "rec.why", f"{trail}.stronger.why")
            rec["stronger"] = {"strength": "needed", "level": "core", "why": why, "source": "combined-example"}
        # The platform team's own: every recommendation of its own characteristic, a share of the others'.
        if ours or random.Random(f"{self.seed}:ours:{trail}").random() < self.style.ours_share:
            rec["source"] = self.ours(trail)
            if "stronger" in rec:
                rec["stronger"]["source"] = self.ours(f"{trail}.stronger")
        return rec


def build_dataset(sizes: Sizes, seed: int = SEED, style: Style = REALISTIC) -> dict[str, dict[str, dict[str, Any]]]:
    """Every entity as plain values, by kind folder and id, ready to write as YAML."""
    make = _Maker(sizes, seed, style)
    ids = make.ids
    cases = {case_id: make.case_study(i) for i, case_id in enumerate(ids["case-studies"])}
    # Every characteristic is had by some case study and every capability recommended by some
    # characteristic, as in the real data (otherwise the check warns). Case study j takes
    # characteristic j in place of its first, so how many each has keeps its shape at every size;
    # where there are more characteristics than case studies, the rest are added round them.
    for j, char_id in enumerate(ids["characteristics"]):
        listed = cases[ids["case-studies"][j % len(cases)]]["characteristics"]
        if char_id not in listed:
            if j < len(cases):
                listed[0] = char_id
            else:
                listed.append(char_id)
    recommended = _deal(ids["capabilities"], sizes.characteristics, make.rng("deal", 0))
    dataset = {
        "capabilities": {cap_id: make.capability(i) for i, cap_id in enumerate(ids["capabilities"])},
        "characteristics": {
            char_id: make.characteristic(j, recommended[j], _example(char_id, cases))
            for j, char_id in enumerate(ids["characteristics"])
        },
        "case-studies": cases,
        "tags": {tag_id: make.tag(i) for i, tag_id in enumerate(ids["tags"])},
        "sources": {source_id: make.source(i) for i, source_id in enumerate(ids["sources"])},
        "tools": {tool_id: make.tool(i) for i, tool_id in enumerate(ids["tools"])},
        "terms": {term_id: make.term(i) for i, term_id in enumerate(ids["terms"])},
        "systems": {system_id: make.system(i) for i, system_id in enumerate(ids["systems"])},
    }
    return {kind: entities for kind, entities in dataset.items() if entities}


def write_dataset(dataset: dict[str, dict[str, dict[str, Any]]], data_dir: Path, schema_header: bool = True) -> int:
    """Write one YAML file per entity under data_dir; returns how many files."""
    from macros.kb.kinds import KINDS

    count = 0
    for kind, entities in dataset.items():
        folder = data_dir / kind
        folder.mkdir(parents=True, exist_ok=True)
        header = f"# yaml-language-server: $schema=../../macros/schemas/{KINDS[kind].schema}.schema.json\n"
        for entity_id, values in entities.items():
            text = yaml.dump(values, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=10_000)
            (folder / f"{entity_id}.yml").write_text((header if schema_header else "") + text, encoding="utf-8")
            count += 1
    return count


def generate(preset: str, data_dir: Path, seed: int = SEED) -> int:
    """Write a preset's data folder; returns how many files."""
    return write_dataset(build_dataset(PRESETS[preset], seed), data_dir)


def word_text(seed: int) -> TextMaker:
    """Plain sentences of random words in many scripts (emoji, right-to-left too), different for every field."""
    rng = random.Random(seed)
    words = EN_WORDS[:12] + JA_WORDS[:4] + ["🚀", "👩🏽‍💻", "نموذج", "מודל"]

    def text(trail: str) -> str:
        return " ".join(rng.choice(words) for _ in range(rng.randint(2, 9))) + f" ({trail})"

    return text


def write_synthetic_data(
    dest: Path,
    *,
    seed: int = 0,
    capabilities: int = 7,
    characteristics: int = 5,
    case_studies: int = 4,
    tools: int = 1,
    systems: int = 1,
    text: TextMaker | None = None,
) -> Path:
    """The tests' data: a valid data/ folder in dest (returned), every text field what text makes
    (default: word_text(seed)), two tags, one source, two terms (the last the platform team's), one system."""
    sizes = Sizes(capabilities, characteristics, case_studies, tags=2, sources=1, tools=tools, terms=2, systems=systems)
    style = any_text(text or word_text(seed))
    write_dataset(build_dataset(sizes, seed, style), dest, schema_header=style.schema_header)
    return dest


_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _names(count: int, langs: tuple[str, ...]) -> list[dict[str, str]]:
    """Distinct capability names 'Qualifier noun' per language, numbered once every pairing is used."""
    base = _words(langs[0])
    pairs = [(a, b) for b in range(len(base.nouns)) for a in range(len(base.qualifiers))]
    # A fixed shuffle, the same at every size, so the first names do not all share a noun.
    random.Random(SEED).shuffle(pairs)
    names = []
    for i in range(count):
        a, b = pairs[i % len(pairs)]
        round_ = i // len(pairs)
        suffix = f" {round_ + 1}" if round_ else ""
        names.append(
            {
                lang: (words := _words(lang)).capability.format(qualifier=words.qualifiers[a], noun=words.nouns[b])
                + suffix
                for lang in langs
            }
        )
    return names


def _slug(name: str) -> str:
    return "-".join(name.lower().replace("-", " ").split())


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


def _example(characteristic_id: str, cases: dict[str, dict[str, Any]]) -> str:
    return next(case_id for case_id, case in cases.items() if characteristic_id in case["characteristics"])


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
