"""What the source post and the whitepaper say, by the ids the data first gave each entity.

The only facts of the data that tests may name. Tests look each entity up under its id of today
(`current`, through `former_ids`), check that each fact is present as the source says, and never
that nothing else exists: a contributor adds, renames and removes entities without touching tests.
Sources: Google Cloud, "Getting started with MLOps: Selecting the right capabilities for your use
case" (2021, its Japanese edition in /work/shared/source/), and "Practitioners guide to MLOps" (2021).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Protocol, TypeVar

from macros.kb.model import KnowledgeBase, Provenance, Recommendation


class _Renamable(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def former_ids(self) -> tuple[str, ...]: ...


class _HasProvenance(Protocol):
    @property
    def provenance(self) -> Provenance: ...


_Cited = TypeVar("_Cited", bound=_HasProvenance)


# The whitepaper's eleven capabilities: first id -> English name.
CAPABILITIES = {
    "experimentation": "Experimentation",
    "data-processing": "Data processing",
    "model-training": "Model training",
    "model-evaluation": "Model evaluation",
    "model-serving": "Model serving",
    "online-experimentation": "Online experimentation",
    "model-monitoring": "Model monitoring",
    "ml-pipelines": "ML pipelines",
    "model-registry": "Model registry",
    "dataset-and-feature-repository": "Dataset and feature repository",
    "ml-metadata-and-artifact-tracking": "ML metadata and artifact tracking",
}

# The post's eight characteristics, each with the capabilities its own section calls for
# (first id -> level; "situational" where the post says "if the pilot grows to a large scale").
RECOMMENDATIONS: dict[str, dict[str, str]] = {
    "experimental": {
        "experimentation": "core",
        "data-processing": "core",
        "ml-metadata-and-artifact-tracking": "core",
        "model-training": "situational",
        "model-evaluation": "situational",
    },
    "mission-critical": {
        "model-evaluation": "core",
        "model-monitoring": "core",
        "online-experimentation": "core",
        "model-registry": "core",
        "ml-metadata-and-artifact-tracking": "core",
        "dataset-and-feature-repository": "core",
    },
    "reusable-and-collaborative": {
        "dataset-and-feature-repository": "core",
        "ml-metadata-and-artifact-tracking": "core",
    },
    "ad-hoc-retraining": {
        "data-processing": "core",
        "model-training": "core",
        "model-evaluation": "core",
        "model-monitoring": "core",
    },
    # Registry and tracking: helpful when the number of trained models grows (the source's condition).
    "frequent-retraining": {
        "ml-pipelines": "core",
        "model-evaluation": "core",
        "model-registry": "situational",
        "ml-metadata-and-artifact-tracking": "situational",
    },
    "frequent-implementation-changes": {
        "model-evaluation": "core",
        "online-experimentation": "core",
        "experimentation": "core",
        "model-registry": "core",
        "ml-metadata-and-artifact-tracking": "core",
    },
    "batch-serving": {"data-processing": "core", "ml-pipelines": "core", "model-registry": "core"},
    "online-serving": {
        "dataset-and-feature-repository": "core",
        "model-serving": "core",
        "online-experimentation": "core",
    },
}
CHARACTERISTICS = tuple(RECOMMENDATIONS)

# Each characteristic's section heading in the post, per edition (first id -> {language: heading}).
# The Japanese headings are lines of the Japanese edition (../shared/source/), checked there; the English ones are
# the English post's as issue 27's fact-check read them ("Pilot" for the first, which the Japanese heads 試験運用).
# The English mirror at hand (globalcloudplatforms.com, 2021-07-17) keeps the post's opening without its headings.
HEADINGS: dict[str, dict[str, str]] = {
    "experimental": {"en": "Pilot", "ja": "試験運用"},
    "mission-critical": {"en": "Mission-critical", "ja": "ミッション クリティカル"},
    "reusable-and-collaborative": {"en": "Reusable and collaborative", "ja": "再利用可能かつコラボレーション指向"},
    "ad-hoc-retraining": {"en": "Ad hoc retraining", "ja": "アドホック再トレーニング"},
    "frequent-retraining": {"en": "Frequent retraining", "ja": "頻繁な再トレーニング"},
    "frequent-implementation-changes": {"en": "Frequent implementation changes", "ja": "頻繁な実装更新"},
    "batch-serving": {"en": "Batch serving", "ja": "バッチ サービング"},
    "online-serving": {"en": "Online serving", "ja": "オンライン サービング"},
}

# Recommendations whose sentence in the post only says what the capability does, can do or helps with, with no
# word of need (the parallel sentences of the same sections say 重要, 不可欠, 必要): "helps", never "needed".
# (characteristic, capability) by first ids -> the Japanese edition's words.
STATED_HELPS: dict[tuple[str, str], str] = {
    ("mission-critical", "online-experimentation"): "オンラインでの試験運用によって、…比較を制御環境下で行います",
    ("mission-critical", "model-registry"): "モデル ガバナンスは、モデル レジストリ機能と…を使用して実現できます",
    (
        "mission-critical",
        "ml-metadata-and-artifact-tracking",
    ): "…メタデータおよびアーティファクト トラッキング機能を使用して実現できます",
    (
        "mission-critical",
        "dataset-and-feature-repository",
    ): "データセットおよび機能リポジトリによって、…データアセットが得られます",
    ("reusable-and-collaborative", "dataset-and-feature-repository"): "Feature Store は、…標準化に寄与します",
    ("reusable-and-collaborative", "ml-metadata-and-artifact-tracking"): "…反復性の実現に寄与します",
    ("batch-serving", "model-registry"): "モデル レジストリによって、…提供できます",
    ("online-serving", "dataset-and-feature-repository"): "機能リポジトリによって、機能をほぼリアルタイムで取得します",
    (
        "online-serving",
        "model-serving",
    ): "モデル サービングによって、モデルをエンドポイントとして簡単にデプロイできます",
    ("online-serving", "online-experimentation"): "…新しいモデルをテストするために、オンライン試験運用が役立ちます",
    ("frequent-retraining", "model-registry"): "モデル レジストリと…の両方が役に立ちます",
    (
        "frequent-retraining",
        "ml-metadata-and-artifact-tracking",
    ): "…メタデータおよびアーティファクト トラッキングの両方が役に立ちます",
}

# The combined example's words, in each edition (the English as the mirror above keeps it).
COMBINED_EXAMPLE_SAYS = {
    "en": "you need the data processing, model training, model evaluation, ML pipelines, model registry, "
    "and metadata and artifact tracking capabilities for frequent retraining",
    "ja": "頻繁な再トレーニングのために、…メタデータおよびアーティファクト トラッキングの各機能が必要です",
}

# Where the post says one recommendation twice with different strength: the combined example says it
# is needed (「頻繁な再トレーニングのために…が必要です」), the section only that it helps (役に立ちます).
# (characteristic, capability) by first ids -> (the stronger strength and where, the weaker and where).
DOUBLE_STRENGTHS: dict[tuple[str, str], tuple[tuple[str, str], tuple[str, str]]] = {
    ("frequent-retraining", "model-registry"): (("needed", "combined-example"), ("helps", "section")),
    ("frequent-retraining", "ml-metadata-and-artifact-tracking"): (
        ("needed", "combined-example"),
        ("helps", "section"),
    ),
}

# The post's introductory example: a recommender retrained frequently that serves batch predictions.
COMBINED_EXAMPLE_CASE = "retrained-batch-recommender"
COMBINED_EXAMPLE_CHARACTERISTICS = ("frequent-retraining", "batch-serving")
# The profiler opened on that example (it follows renamed ids itself).
COMBINED_EXAMPLE_PROFILER = "profiler/#" + "+".join(COMBINED_EXAMPLE_CHARACTERISTICS)
COMBINED_EXAMPLE_CAPABILITIES = (
    "data-processing",
    "model-training",
    "model-evaluation",
    "ml-pipelines",
    "model-registry",
    "ml-metadata-and-artifact-tracking",
    "model-serving",
)


def renamed_to(entities: Mapping[str, _Renamable], first_id: str) -> str | None:
    """The id an entity has today (its first id, or the entity that lists it among its former_ids); None once removed."""
    if first_id in entities:
        return first_id
    return next((e.id for e in entities.values() if first_id in e.former_ids), None)


def current(entities: Mapping[str, _Renamable], first_id: str) -> str:
    """The id an entity of the source's facts has today, through former_ids: a removed one fails, saying so."""
    today = renamed_to(entities, first_id)
    assert today is not None, (
        f"{first_id!r}, a fact of the source, is gone from the data (neither an id nor a former id)"
    )
    return today


def recommendation(kb: KnowledgeBase, characteristic: str, capability: str) -> Recommendation:
    """A recommendation of the source, by the first ids of both ends, followed through renames; fails saying which
    fact of the source is missing (never `None is not None`)."""
    char_id, cap_id = current(kb.characteristics, characteristic), current(kb.capabilities, capability)
    found = kb.recommendation(char_id, cap_id)
    assert found is not None, (
        f"the source's recommendation {characteristic} -> {capability} "
        f"(today {char_id} -> {cap_id}) is gone from the data"
    )
    # Knowledge of our own never counts as the source's: a fact of the source is cited as the source's.
    assert kb.said_by(found.provenance) == "source", (
        f"the source's recommendation {characteristic} -> {capability} is given as {kb.said_by(found.provenance)}'s"
    )
    return found


def the_sources(kb: KnowledgeBase, entities: Iterable[_Cited]) -> list[_Cited]:
    """The entities the source says (their provenance cites a foundation source): knowledge of our own and
    another source's is left out of the source's facts."""
    return [e for e in entities if kb.said_by(e.provenance) == "source"]


def combined_example_case(kb: KnowledgeBase) -> str | None:
    """The case study of the post's combined example at its id of today, or None once a contributor removed it
    (CONTRIBUTING.md allows it: the example's characteristics and capabilities stay the source's facts)."""
    return renamed_to(kb.case_studies, COMBINED_EXAMPLE_CASE)


def entities_of(kb: KnowledgeBase, folder: str) -> Mapping[str, Any]:
    """The entities of one data folder ('capabilities', 'case-studies' ...), by id."""
    return getattr(kb, folder.replace("-", "_"))


def page_of(kb: KnowledgeBase, path: str) -> str | None:
    """A page a test names by its first address ('characteristics/experimental/') at its address of today:
    the same, or the renamed entity's (through former_ids); None once the entity is removed."""
    folder, first_id = path.strip("/").split("/")
    today = renamed_to(entities_of(kb, folder), first_id)
    return None if today is None else f"{folder}/{today}/"
