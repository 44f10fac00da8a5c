"""A seeded synthetic data set: valid data/ folders of any size, with any text in every text field.

The tests use it to prove properties on data that is not ours: nothing is lost on the way to the
HTML, hostile text stays inert, every link resolves. Same seed, same files.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

# text(field_trail) -> the text to put in that field; field_trail names the kind, id and field.
TextMaker = Callable[[str], str]

_WORDS = (
    "model",
    "feature",
    "drift",
    "pipeline",
    "serving",
    "batch",
    "registry",
    "label",
    "metric",
    "latency",
    "ロボット",
    "特徴量",
    "監視",
    "retrain",
    "canary",
    "shadow",
    "rollback",
    "schema",
    "🚀",
    "👩🏽‍💻",
    "نموذج",
    "מודל",
)  # emoji and right-to-left words too


def word_text(seed: int) -> TextMaker:
    """Plain sentences of random words, different for every field."""
    rng = random.Random(seed)

    def text(trail: str) -> str:
        return " ".join(rng.choice(_WORDS) for _ in range(rng.randint(2, 9))) + f" ({trail})"

    return text


def write_synthetic_data(
    dest: Path,
    *,
    seed: int = 0,
    capabilities: int = 7,
    characteristics: int = 5,
    case_studies: int = 4,
    tools: int = 1,
    text: TextMaker | None = None,
) -> Path:
    """Write a valid data/ folder into dest (which is returned) and nothing else.

    Tool i provides the first capability in ring adopt, except every third, which provides the
    second on trial: tools=20 gives the first capability more adopted tools than a line names.
    """
    rng = random.Random(seed)
    text = text or word_text(seed)
    cap_ids = [f"cap-{i}" for i in range(capabilities)]
    char_ids = [f"char-{i}" for i in range(characteristics)]
    case_ids = [f"case-{i}" for i in range(case_studies)]
    tag_ids = ["tag-stage", "tag-process"]

    def t(trail: str) -> dict[str, str]:
        return {"en": text(trail + ".en"), "ja": text(trail + ".ja")}

    def cite(trail: str) -> dict[str, Any]:
        return {"ref": "source-a", "section": t(trail + ".source.section")}

    files: dict[str, dict[str, Any]] = {
        "sources/source-a": {
            "title": t("source-a.title"),
            "publisher": text("source-a.publisher"),
            "published": {"en": "2021-06-25", "ja": "2021-07"},
            "url": {"en": "https://example.com/en", "ja": "https://example.com/ja"},
        },
    }
    for tag_id, group in zip(tag_ids, ("stage", "process"), strict=True):
        files[f"tags/{tag_id}"] = {
            "name": t(f"{tag_id}.name"),
            "group": group,
            "description": t(f"{tag_id}.description"),
        }
    for cap in cap_ids:
        files[f"capabilities/{cap}"] = {
            "name": t(f"{cap}.name"),
            "aliases": {"en": [text(f"{cap}.aliases.en")], "ja": [text(f"{cap}.aliases.ja")]},
            "summary": t(f"{cap}.summary"),
            "description": {
                "en": text(f"{cap}.description.en") + "\n\n" + text(f"{cap}.description.en2"),
                "ja": text(f"{cap}.description.ja"),
            },
            "functions": [
                {
                    "id": f"f{j}",
                    "name": t(f"{cap}.functions{j}.name"),
                    "description": t(f"{cap}.functions{j}.description"),
                }
                for j in range(rng.randint(1, 3))
            ],
            "tags": rng.sample(tag_ids, rng.randint(1, 2)),
            "related": rng.sample([c for c in cap_ids if c != cap], min(2, len(cap_ids) - 1)),
            "source": cite(cap),
        }
    for i in range(tools):
        tool, trial = f"tool-{i}", i % 3 == 2
        files[f"tools/{tool}"] = {
            "name": t(f"{tool}.name"),
            "aliases": {"en": [text(f"{tool}.aliases.en")], "ja": [text(f"{tool}.aliases.ja")]},
            "kind": "managed-service",
            "provider": text(f"{tool}.provider"),
            "homepage": "https://example.com/tool",
            "status": "maintained",
            "checked": "2026-01-31",
            "provides": [{"capability": cap_ids[1 if trial else 0], "functions": ["f0"]}],
            "ring": {"status": "trial" if trial else "adopt", "reason": t(f"{tool}.ring.reason"), "date": "2026-01-31"},
            "sources": ["https://example.com/tool/docs"],
        }
    # A glossary term whose rejected forms the generated text never holds.
    files["terms/term-0"] = {
        "term": t("term-0.term"),
        "in_source": {"en": text("term-0.in_source.en")},
        "rejected": {"en": ["re-learning"], "ja": ["再学習"]},
        "note": t("term-0.note"),
    }
    # Every characteristic belongs to at least one case study, so each has an example.
    members = {case: set(rng.sample(char_ids, rng.randint(1, min(3, len(char_ids))))) for case in case_ids}
    for i, char in enumerate(char_ids):
        members[case_ids[i % len(case_ids)]].add(char)
    for case in case_ids:
        story = {part: t(f"{case}.story.{part}") for part in ("situation", "stakes", "first_steps")}
        files[f"case-studies/{case}"] = {
            "title": t(f"{case}.title"),
            "summary": t(f"{case}.summary"),
            "characteristics": sorted(members[case]),
            "source_example": t(f"{case}.source_example"),
            "story": story,
            "source": cite(case),
        }
    for char in char_ids:
        recommendations = []
        for cap in rng.sample(cap_ids, rng.randint(1, len(cap_ids))):
            rec: dict[str, Any] = {
                "capability": cap,
                "level": rng.choice(["core", "situational"]),
                "strength": rng.choice(["needed", "helps"]),
            }
            if rec["level"] == "situational":
                rec["condition"] = t(f"{char}.{cap}.condition")
            rec["why"] = t(f"{char}.{cap}.why")
            rec["source"] = rng.choice(["section", "combined-example"])
            recommendations.append(rec)
        files[f"characteristics/{char}"] = {
            "name": t(f"{char}.name"),
            "aliases": {"en": [text(f"{char}.aliases.en")], "ja": [text(f"{char}.aliases.ja")]},
            "summary": t(f"{char}.summary"),
            "description": t(f"{char}.description"),
            "example": next(case for case in case_ids if char in members[case]),
            "recommendations": recommendations,
            "notes": [{"title": t(f"{char}.notes.title"), "text": t(f"{char}.notes.text")}],
            "source": cite(char),
        }
    for name, data in files.items():
        path = dest / f"{name}.yml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
    return dest
