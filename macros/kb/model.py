"""The knowledge base: frozen entities, the indexes between them, and what is derived from them."""

from __future__ import annotations

import datetime
import itertools
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

Level = Literal["core", "situational"]
# How strongly the source words a recommendation: "is needed" or only "helps / can".
Strength = Literal["needed", "helps"]
LEVEL_ORDER = {"core": 0, "situational": 1}
# "needed" before "helps / can": the first key of every plan's ranking (plan_rank).
STRENGTH_ORDER = {"needed": 0, "helps": 1}
# How much one system lacking a capability weighs in the platform's priorities, by the gap's strength.
GAP_WEIGHT = {"needed": 2, "helps": 1}
ToolKind = Literal["managed-service", "open-source", "source-available", "commercial"]
RingStatus = Literal["adopt", "trial", "assess", "hold", "not-rated"]
# Tech-radar order: the rings a team should look at first come first; tools not rated yet last.
RING_ORDER = {"adopt": 0, "trial": 1, "assess": 2, "hold": 3, "not-rated": 4}
NOT_RATED: RingStatus = "not-rated"
# The rings the platform team sets (every status but not-rated), as the radar draws them.
RATED_RINGS: tuple[RingStatus, ...] = ("adopt", "trial", "assess", "hold")
ToolStatus = Literal["maintained", "deprecated", "archived", "renamed"]
# Statuses that warn a reader off a tool wherever it is named.
RETIRED_STATUSES = frozenset({"deprecated", "archived", "renamed"})
TOOL_KINDS: tuple[ToolKind, ...] = ("managed-service", "open-source", "source-available", "commercial")


@dataclass(frozen=True)
class Text:
    """Text in every language of the site."""

    en: str
    ja: str

    def __getitem__(self, lang: str) -> str:
        text: str = getattr(self, lang)
        return text


@dataclass(frozen=True)
class Language:
    """What the checks and pages need to know of one language of the site."""

    name: str  # in messages: "missing Japanese text"
    spaced: bool  # writes spaces between words: glossary forms match whole words, in any case
    # Characters every sentence of it holds (Japanese: kana, kanji or full-width forms), so text pasted in another
    # language is caught; None when the base language's letters are its own.
    script: str | None = None


# The site's languages, declared once: Text (and Aliases, Dates) have a field per code, in this
# order (a test holds them together). The first is the base edition, at the site's root
# (mkdocs.yml); each other one is built from mkdocs.<code>.yml into <code>/, with strings/<code>.yml.
LANGUAGE_DETAILS = {
    "en": Language("English", spaced=True),
    "ja": Language("Japanese", spaced=False, script=r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]"),
}
LANGUAGES = tuple(LANGUAGE_DETAILS)
LANGUAGE_NAMES = {code: language.name for code, language in LANGUAGE_DETAILS.items()}
# The language every edition also shows names in: readers meet them in tools and papers.
BASE_LANGUAGE = LANGUAGES[0]


@dataclass(frozen=True)
class Aliases:
    """Other names of an entity, per language."""

    en: tuple[str, ...] = ()
    ja: tuple[str, ...] = ()

    def __getitem__(self, lang: str) -> tuple[str, ...]:
        names: tuple[str, ...] = getattr(self, lang)
        return names


@dataclass(frozen=True)
class Citation:
    source: str
    section: Text


# Who says a characteristic, a recommendation, a key function or a term: the source (the post and the
# guide, the sources marked foundation), the platform team itself, or another registered source.
SaidBy = Literal["source", "platform-team", "other-source"]
SAID_BY: tuple[SaidBy, ...] = ("source", "platform-team", "other-source")
PLATFORM_TEAM = "platform-team"


@dataclass(frozen=True)
class Provenance:
    """Where one piece of knowledge comes from: the source unless it says otherwise.

    by: "platform-team" for the team's own knowledge, with its rationale, the day it decided and
    a link if there is one; citation: the registered source and section it comes from.
    """

    by: str | None = None
    rationale: Text | None = None
    decided: str | None = None
    link: str | None = None
    citation: Citation | None = None

    @property
    def ours(self) -> bool:
        """The platform team's own knowledge, never shown as the source's."""
        return self.by == PLATFORM_TEAM


THE_SOURCE = Provenance()


Precision = Literal["day", "month", "year"]
# An ISO 8601 date cut to what is known: how many parts it has says how precise it is.
PRECISIONS: tuple[Precision, ...] = ("year", "month", "day")


@dataclass(frozen=True)
class PartialDate:
    """A date known to the day (2021-06-25), the month (2021-05) or only the year (2021)."""

    iso: str

    @property
    def precision(self) -> Precision:
        return PRECISIONS[self.iso.count("-")]

    @property
    def parts(self) -> dict[str, int]:
        """{'year': 2021, 'month': 5} for 2021-05: only the parts the date has."""
        return dict(zip(PRECISIONS, (int(part) for part in self.iso.split("-")), strict=False))  # a year has one part


@dataclass(frozen=True)
class Dates:
    """A date in every language of the site (each edition of a source has its own)."""

    en: PartialDate
    ja: PartialDate

    def __getitem__(self, lang: str) -> PartialDate:
        date: PartialDate = getattr(self, lang)
        return date


@dataclass(frozen=True)
class Source:
    id: str
    title: Text
    publisher: str
    published: Dates
    url: Text
    # Languages without an edition of their own: the title shown is our translation.
    translated_titles: tuple[str, ...] = ()
    former_ids: tuple[str, ...] = ()
    foundation: bool = False  # the post and the guide: what cites them is the source's


@dataclass(frozen=True)
class Tag:
    id: str
    name: Text
    group: str
    description: Text
    former_ids: tuple[str, ...] = ()
    order: int | None = None  # its place in its group (the lifecycle's order for stages); None: after, by id


# Where a key function comes from: the guide's list for the capability, the guide's prose, or the post.
FunctionBasis = Literal["key-functions", "guide-text", "post"]


@dataclass(frozen=True)
class Function:
    id: str
    name: Text
    description: Text
    basis: FunctionBasis = "key-functions"
    provenance: Provenance = THE_SOURCE


@dataclass(frozen=True)
class Capability:
    id: str
    name: Text
    aliases: Aliases
    summary: Text
    description: Text
    functions: tuple[Function, ...]
    tags: tuple[str, ...]
    related: tuple[str, ...]
    citation: Citation
    former_ids: tuple[str, ...] = ()
    order: int | None = None


# Where a recommendation is said: the characteristic's own section, the post's combined example,
# or elsewhere (the platform team, another registered source: its provenance says which).
Origin = Literal["section", "combined-example", "elsewhere"]


@dataclass(frozen=True)
class Statement:
    """One place where a recommendation is made: how strongly, on what condition, why, where, and by whom."""

    strength: Strength
    level: Level
    condition: Text | None  # when it applies, for a situational one
    why: Text
    origin: Origin
    provenance: Provenance = THE_SOURCE


@dataclass(frozen=True)
class Recommendation:
    """One characteristic calling for one capability, and why.

    `stated_strength`, `stated_level`, `stated_condition`, `why` and `origin` are the recommendation as
    first written; `stronger` is the same recommendation said more strongly elsewhere in the source (its
    combined example), with its own level: the combined example names no condition.
    """

    characteristic: str
    capability: str
    stated_level: Level
    stated_condition: Text | None
    why: Text
    stated_strength: Strength
    origin: Origin
    stronger: Statement | None = None
    provenance: Provenance = THE_SOURCE  # who makes it as first written

    @property
    def strength(self) -> Strength:
        """The strength to use (matrix, profiler, plans): the stronger where the source says it twice."""
        return self.statements[0].strength

    @property
    def level(self) -> Level:
        """The level to use, with the strength to use: core where the stronger statement names no condition."""
        return self.statements[0].level

    @property
    def condition(self) -> Text | None:
        """When the recommendation applies, as the statement giving the strength to use says it."""
        return self.statements[0].condition

    @property
    def strength_origin(self) -> Origin:
        """Where the source says it with the strength to use."""
        return self.statements[0].origin

    @property
    def strength_provenance(self) -> Provenance:
        """Who says it with the strength to use: the matrix marks the cell by it."""
        return self.statements[0].provenance

    @property
    def statements(self) -> tuple[Statement, ...]:
        """Each place it is said, the one giving the strength to use first."""
        own = Statement(
            self.stated_strength, self.stated_level, self.stated_condition, self.why, self.origin, self.provenance
        )
        return (self.stronger, own) if self.stronger else (own,)


@dataclass(frozen=True)
class Note:
    title: Text
    text: Text


@dataclass(frozen=True)
class Characteristic:
    id: str
    name: Text
    aliases: Aliases
    summary: Text
    description: Text
    example: str
    recommendations: tuple[Recommendation, ...]
    notes: tuple[Note, ...]
    provenance: Provenance  # the section of a source it comes from (citation), or the platform team's
    former_ids: tuple[str, ...] = ()
    order: int | None = None

    @property
    def citation(self) -> Citation | None:
        """The section of a source it comes from; None for the platform team's own."""
        return self.provenance.citation


@dataclass(frozen=True)
class Story:
    situation: Text
    stakes: Text
    first_steps: Text


@dataclass(frozen=True)
class CaseStudy:
    id: str
    title: Text
    summary: Text
    characteristics: tuple[str, ...]
    source_example: Text  # the source's own example, nothing added
    story: Story  # an illustrative scenario built on source_example
    citation: Citation
    former_ids: tuple[str, ...] = ()

    @property
    def name(self) -> Text:
        return self.title


@dataclass(frozen=True)
class ChecklistItem:
    """A capability a case study needs, with every recommendation that calls for it."""

    capability: Capability
    reasons: tuple[Recommendation, ...]

    @property
    def level(self) -> Level:
        return min((r.level for r in self.reasons), key=LEVEL_ORDER.__getitem__)

    @property
    def strength(self) -> Strength:
        """The strongest wording among its reasons: needed when any one says it is needed."""
        return min((r.strength for r in self.reasons), key=STRENGTH_ORDER.__getitem__)


@dataclass(frozen=True)
class Provision:
    """One capability a tool provides, and which of its key functions."""

    capability: str
    functions: tuple[str, ...]


@dataclass(frozen=True)
class Ring:
    """Our adoption status of a tool: not rated, or a ring the platform team set, why and when."""

    status: RingStatus
    reason: Text | None = None
    date: str | None = None

    @property
    def rated(self) -> bool:
        return self.status != NOT_RATED

    def decided_on(self, recorded: str) -> str:
        """The day of this ring, the one rule every page and the API follow: `date`, the day the platform
        team decided (written in the data, so a late commit or a revert keeps it); a ring that is no
        decision (not-rated) has none, so `recorded` (the day its commit put it in the data) stands in."""
        return self.date if self.rated and self.date else recorded


@dataclass(frozen=True)
class Tool:
    """A product or project that provides capabilities, and our adoption ring for it."""

    id: str
    name: Text
    aliases: Aliases
    kind: ToolKind
    provider: str
    homepage: str
    licence: str | None
    provides: tuple[Provision, ...]
    ring: Ring
    notes: Text | None
    sources: tuple[str, ...]
    status: ToolStatus = "maintained"
    checked: str = ""
    successor: str | None = None
    status_reason: Text | None = None  # why its makers retired it, in their words
    former_ids: tuple[str, ...] = ()

    @property
    def retired(self) -> bool:
        """Deprecated, archived or renamed: marked wherever the tool is named."""
        return self.status in RETIRED_STATUSES

    def provision(self, capability_id: str) -> Provision | None:
        """What this tool provides of one capability, if anything."""
        return next((p for p in self.provides if p.capability == capability_id), None)


SystemStatus = Literal["planned", "in-development", "in-production", "retired"]
SYSTEM_STATUSES: tuple[SystemStatus, ...] = ("planned", "in-development", "in-production", "retired")
InPlaceState = Literal["in-place", "partial"]
# A system file not checked by its owner for about six months is flagged on its page.
REVIEW_DUE_DAYS = 183


@dataclass(frozen=True)
class InPlace:
    """A capability a system has, whole or in part, with the tools it uses for it."""

    capability: str
    state: InPlaceState
    tools: tuple[str, ...] = ()
    note: Text | None = None


@dataclass(frozen=True)
class System:
    """One ML system of the organisation: its characteristics, and the capabilities it has in place."""

    id: str
    name: Text
    summary: Text
    owner: Text
    status: SystemStatus
    characteristics: tuple[str, ...]
    in_place: tuple[InPlace, ...]
    reviewed: str
    contact: str | None = None
    like: str | None = None
    sample: bool = False
    former_ids: tuple[str, ...] = ()

    @property
    def retired(self) -> bool:
        """A retired system is listed, but no longer counts in the platform's priorities."""
        return self.status == "retired"

    def review_overdue(self, today: datetime.date) -> bool:
        """Its owner last checked the file more than REVIEW_DUE_DAYS ago: its page flags it."""
        try:
            return (today - datetime.date.fromisoformat(self.reviewed)).days > REVIEW_DUE_DAYS
        except ValueError:
            return False

    def having(self, capability_id: str) -> InPlace | None:
        """What the system has of one capability, if anything."""
        return next((entry for entry in self.in_place if entry.capability == capability_id), None)


@dataclass(frozen=True)
class Gap:
    """A capability a system's plan needs and it lacks (partial: it has part of it), with what to reach for."""

    item: ChecklistItem
    partial: InPlace | None

    @property
    def capability(self) -> Capability:
        return self.item.capability


# A cell of the portfolio (system x capability), in the order its legend lists them.
CellState = Literal["in-place", "partial", "missing-needed", "missing-helps", "not-needed"]
CELL_STATES: tuple[CellState, ...] = ("in-place", "partial", "missing-needed", "missing-helps", "not-needed")


@dataclass(frozen=True)
class SystemPlan:
    """What a system needs (the profiler's plan of its characteristics) and what it lacks of it, both ranked by plan_rank."""

    needed: tuple[ChecklistItem, ...]
    gaps: tuple[Gap, ...]
    states: Mapping[str, CellState]  # by capability id; a capability not listed is not needed

    def state(self, capability_id: str) -> CellState:
        """In place, partial, missing (needed, or only helps), or not needed."""
        return self.states.get(capability_id, "not-needed")

    @property
    def gap_ids(self) -> tuple[str, ...]:
        return tuple(gap.capability.id for gap in self.gaps)


@dataclass(frozen=True)
class Priority:
    """One capability across the systems that still count (not retired): who needs it, who lacks it, how much that weighs."""

    capability: Capability
    needing: tuple[System, ...]
    lacking: tuple[System, ...]  # partial ones included
    weight: int  # GAP_WEIGHT of each lacking system's gap, summed


def priority_rank(priority: Priority) -> tuple[int, int, tuple[bool, int, str]]:
    """The platform's priorities: the heaviest weighted gap first, then the most systems lacking it, then the matrix's order."""
    return (-priority.weight, -len(priority.lacking), declared_order(priority.capability))


@dataclass(frozen=True)
class ToolInPractice:
    """A tool set against its ring: the systems (not retired) that use it."""

    tool: Tool
    users: tuple[System, ...]

    @property
    def mismatch(self) -> Literal["hold-used", "adopted-unused"] | None:
        """On hold but used, or adopted but used by none: what the platform team should look at."""
        if self.tool.ring.status == "hold" and self.users:
            return "hold-used"
        if self.tool.ring.status == "adopt" and not self.users:
            return "adopted-unused"
        return None


_E = TypeVar("_E")


def declared_order(entity: Capability | Characteristic | Tag) -> tuple[bool, int, str]:
    """Sort key of the order the data declares (`order:`), the same in every edition; unplaced ones last, by id."""
    return (entity.order is None, entity.order or 0, entity.id)


# How a plan ranks its capabilities, key by key: the source's strength first ("needed" before
# "helps / can"), then how many of the characteristics call for it, then core before situational,
# then the matrix's order. api/v1/plan.json publishes these keys in this order, and the profiler
# (overrides/assets/javascripts/profiler.js) ranks by them as published: one rule, declared here.
PLAN_RANK_KEYS = ("strength", "reasons", "level", "order")


def plan_rank(item: ChecklistItem) -> tuple[Any, ...]:
    """The sort key of a capability in a plan (a case study's checklist, a system's plan and gaps): PLAN_RANK_KEYS."""
    keys = {
        "strength": STRENGTH_ORDER[item.strength],
        "reasons": -len(item.reasons),
        "level": LEVEL_ORDER[item.level],
        "order": declared_order(item.capability),
    }
    return tuple(keys[key] for key in PLAN_RANK_KEYS)


def tool_order(tool: Tool) -> tuple[int, str]:
    """Ring first (adopt before hold), then name."""
    return (RING_ORDER[tool.ring.status], tool.name[BASE_LANGUAGE].casefold())


@dataclass(frozen=True)
class Term:
    """A glossary entry: the form we write, the source's own form, and the forms we do not write."""

    id: str
    term: Text
    in_source: Mapping[str, str]  # by language, for each edition of the source that uses the term
    rejected: Aliases
    note: Text | None
    definition: Text | None = None
    also_in_source: Aliases = Aliases()  # other forms the source also writes for it
    provenance: Provenance = THE_SOURCE  # the platform team defines it, or another source
    reading: Mapping[str, str] = field(default_factory=dict)  # by language: how it reads (ja: hiragana)

    @property
    def name(self) -> Text:
        return self.term

    @property
    def sort_keys(self) -> dict[str, str]:
        """Per language, what the glossary orders the term by: its reading where given (再現性: さいげんせい),
        katakana read as hiragana and capitals as small letters, so Japanese terms come in 五十音順 rather than in code-point order."""
        return {
            lang: (self.reading.get(lang) or self.term[lang]).translate(_KATAKANA_AS_HIRAGANA).casefold()
            for lang in LANGUAGES
        }

    def differing_source_forms(self) -> list[tuple[str, str]]:
        """(language, the source's form) where the source writes the term otherwise than we do (beyond capitals in a spaced language)."""
        return [
            (lang, form)
            for lang in LANGUAGES
            if (form := self.in_source.get(lang)) and forms_differ(self.term[lang], form, lang)
        ]


# ァ..ヶ read as ぁ..ゖ (the two blocks are in the same order, 0x60 apart).
_KATAKANA_AS_HIRAGANA = {code: code - 0x60 for code in range(0x30A1, 0x30F7)}


def forms_differ(ours: str, other: str, lang: str) -> bool:
    """Two forms of a term are not the same: a language written with spaces ignores capitals."""
    return ours.casefold() != other.casefold() if LANGUAGE_DETAILS[lang].spaced else ours != other


class KnowledgeBase:
    """Every entity by kind and id, with the back-links computed once."""

    def __init__(
        self, entities: Mapping[str, Mapping[str, Any]], records: Mapping[str, Mapping[str, Any]] | None = None
    ) -> None:
        """entities: each kind's entities by id, the kind named by its data folder (macros.kb.kinds).

        records: each kind's validated file values by id, as api/v1/ publishes them (none for a
        knowledge base built in code).
        """
        self._entities = {kind: dict(group) for kind, group in entities.items()}
        self._records = {kind: dict(group) for kind, group in (records or {}).items()}
        # The typed views below find their kind by its model class: a kind without entities is empty either way.
        self._by_model = {
            type(entity): group for group in self._entities.values() for entity in itertools.islice(group.values(), 1)
        }
        self._by_capability: dict[str, list[Recommendation]] = defaultdict(list)
        self._cells: dict[tuple[str, str], Recommendation] = {}
        for characteristic in self.characteristics.values():
            for rec in characteristic.recommendations:
                self._by_capability[rec.capability].append(rec)
                self._cells[rec.characteristic, rec.capability] = rec
        self._by_characteristic: dict[str, list[CaseStudy]] = defaultdict(list)
        for case in self.case_studies.values():
            for characteristic_id in case.characteristics:
                self._by_characteristic[characteristic_id].append(case)
        self._tools_by_capability: dict[str, list[Tool]] = defaultdict(list)
        for tool in sorted(self.tools.values(), key=tool_order):
            for provision in tool.provides:
                self._tools_by_capability[provision.capability].append(tool)
        self._decided: frozenset[str] | None = None
        self._system_plans: dict[str, SystemPlan] | None = None
        self._priorities: list[Priority] | None = None
        self._systems_by_tool: dict[str, list[System]] = defaultdict(list)
        for system in self.systems.values():
            for tool_id in dict.fromkeys(t for entry in system.in_place for t in entry.tools):
                self._systems_by_tool[tool_id].append(system)

    def entities(self, kind: str) -> dict[str, Any]:
        """Every entity of one kind (by its data folder), by id."""
        return self._entities.get(kind, {})

    def record(self, kind: str, id: str) -> Mapping[str, Any]:
        """One entity's file values as validated, for the API export."""
        record: Mapping[str, Any] = self._records[kind][id]
        return record

    def _of(self, model: type[_E]) -> dict[str, _E]:
        return self._by_model.get(model, {})

    @property
    def capabilities(self) -> dict[str, Capability]:
        return self._of(Capability)

    @property
    def characteristics(self) -> dict[str, Characteristic]:
        return self._of(Characteristic)

    @property
    def case_studies(self) -> dict[str, CaseStudy]:
        return self._of(CaseStudy)

    @property
    def tags(self) -> dict[str, Tag]:
        return self._of(Tag)

    @property
    def sources(self) -> dict[str, Source]:
        return self._of(Source)

    @property
    def tools(self) -> dict[str, Tool]:
        return self._of(Tool)

    @property
    def terms(self) -> dict[str, Term]:
        return self._of(Term)

    @property
    def systems(self) -> dict[str, System]:
        return self._of(System)

    def recommendations_for(self, capability_id: str) -> list[Recommendation]:
        """Every characteristic's recommendation of this capability, core first."""
        return sorted(self._by_capability[capability_id], key=lambda r: LEVEL_ORDER[r.level])

    def case_studies_with(self, characteristic_id: str) -> list[CaseStudy]:
        """The case studies that have this characteristic."""
        return self._by_characteristic[characteristic_id]

    def checklist(self, case: CaseStudy) -> list[ChecklistItem]:
        """The union of the capabilities its characteristics call for, each with its reasons."""
        return self.plan(case.characteristics)

    def plan(self, characteristic_ids: tuple[str, ...]) -> list[ChecklistItem]:
        """The profiler's combined plan of some characteristics: every capability they call for, with its reasons, ranked by plan_rank."""
        reasons: dict[str, list[Recommendation]] = defaultdict(list)
        for characteristic_id in characteristic_ids:
            for rec in self.characteristics[characteristic_id].recommendations:
                reasons[rec.capability].append(rec)
        items = [
            ChecklistItem(self.capabilities[cap], tuple(sorted(recs, key=lambda r: LEVEL_ORDER[r.level])))
            for cap, recs in reasons.items()
        ]
        return sorted(items, key=plan_rank)

    def system_plan(self, system: System) -> SystemPlan:
        """A system's needed capabilities and its gaps (needed minus in place; a partial one is a gap), both ranked."""
        plans = self._plans_of_systems()
        return plans[system.id] if plans.get(system.id) is not None else _system_plan(self, system)

    def _plans_of_systems(self) -> dict[str, SystemPlan]:
        # Computed once: every system page, the portfolio and each capability page ask.
        if self._system_plans is None:
            self._system_plans = {system.id: _system_plan(self, system) for system in self.systems.values()}
        return self._system_plans

    def systems_needing(self, capability_id: str) -> list[System]:
        """The systems whose plan holds this capability, by name."""
        plans = self._plans_of_systems()
        return [s for s in self._systems_by_name() if any(i.capability.id == capability_id for i in plans[s.id].needed)]

    def systems_lacking(self, capability_id: str) -> list[System]:
        """The systems with this capability among their gaps (partial ones included), by name."""
        plans = self._plans_of_systems()
        return [s for s in self._systems_by_name() if capability_id in plans[s.id].gap_ids]

    def systems_having(self, capability_id: str) -> list[System]:
        """The systems that list this capability in place (whole or partial), by name."""
        return [s for s in self._systems_by_name() if s.having(capability_id)]

    def systems_using(self, tool_id: str) -> list[System]:
        """The systems that name this tool for a capability they have in place."""
        return self._systems_by_tool[tool_id]

    def tools_on_hold(self, system: System) -> list[Tool]:
        """The tools a system uses that the platform team has put on hold: the system is flagged."""
        used = dict.fromkeys(t for entry in system.in_place for t in entry.tools)
        return [self.tools[t] for t in used if t in self.tools and self.tools[t].ring.status == "hold"]

    def active_systems(self) -> list[System]:
        """The systems that count in the platform's priorities: every one but the retired, by name."""
        return [s for s in self._systems_by_name() if not s.retired]

    def platform_priorities(self) -> list[Priority]:
        """Every capability with the systems (not retired) that need and lack it, ranked by priority_rank (computed once)."""
        if self._priorities is None:
            self._priorities = self._rank_priorities()
        return self._priorities

    def priority(self, capability_id: str) -> Priority | None:
        """One capability's place among the platform's priorities: the systems that need and lack it."""
        return next((p for p in self.platform_priorities() if p.capability.id == capability_id), None)

    def _rank_priorities(self) -> list[Priority]:
        plans = self._plans_of_systems()
        needing: dict[str, list[System]] = defaultdict(list)
        lacking: dict[str, list[System]] = defaultdict(list)
        weight: dict[str, int] = defaultdict(int)
        for system in self.active_systems():
            plan = plans[system.id]
            for item in plan.needed:
                needing[item.capability.id].append(system)
            for gap in plan.gaps:
                lacking[gap.capability.id].append(system)
                weight[gap.capability.id] += GAP_WEIGHT[gap.item.strength]
        priorities = [
            Priority(cap, tuple(needing[cap.id]), tuple(lacking[cap.id]), weight[cap.id])
            for cap in self.capabilities.values()
        ]
        return sorted(priorities, key=priority_rank)

    def tools_in_practice(self) -> list[ToolInPractice]:
        """Every tool a system (not retired) uses, and every tool rated, with its users; mismatches first, then by ring and name."""
        active = {s.id for s in self.active_systems()}
        entries = [
            ToolInPractice(tool, tuple(s for s in self._systems_by_tool[tool.id] if s.id in active))
            for tool in sorted(self.tools.values(), key=tool_order)
        ]
        shown = [e for e in entries if e.users or e.tool.ring.rated]
        return sorted(shown, key=lambda e: (e.mismatch is None, -len(e.users)))

    def _systems_by_name(self) -> list[System]:
        return sorted(self.systems.values(), key=lambda s: (s.name[BASE_LANGUAGE].casefold(), s.id))

    def case_studies_needing(self, capability_id: str) -> list[CaseStudy]:
        """The case studies whose derived checklist holds this capability."""
        characteristic_ids = {r.characteristic for r in self._by_capability[capability_id]}
        seen: dict[str, CaseStudy] = {}
        for characteristic_id in sorted(characteristic_ids):
            for case in self._by_characteristic[characteristic_id]:
                seen.setdefault(case.id, case)
        return list(seen.values())

    def rejected_forms(self, lang: str) -> frozenset[str]:
        """The forms the glossary does not use in a language: an alias among them stays in search, unshown."""
        return frozenset(form for term in self.terms.values() for form in term.rejected[lang])

    def said_by(self, provenance: Provenance) -> SaidBy:
        """Who says it: the platform team, another registered source, or the source (a foundation source, or none named)."""
        if provenance.ours:
            return "platform-team"
        cited = provenance.citation and self.sources.get(provenance.citation.source)
        return "other-source" if cited and not cited.foundation else "source"

    def strength_statement(self, item: ChecklistItem) -> Statement:
        """The statement a plan's capability takes its strength from: the source's where the source says it so
        strongly, else the platform team's, else another source's (its words and mark say whose)."""
        candidates = [rec.statements[0] for rec in item.reasons if rec.strength == item.strength]
        return min(candidates, key=lambda said: SAID_BY.index(self.said_by(said.provenance)))

    def recommendation(self, characteristic_id: str, capability_id: str) -> Recommendation | None:
        """The cell of the matrix: what this characteristic says of this capability."""
        return self._cells.get((characteristic_id, capability_id))

    def tools_for(self, capability_id: str) -> list[Tool]:
        """The tools that provide this capability, adopted first, then by name."""
        return self._tools_by_capability[capability_id]

    def decided_capabilities(self) -> frozenset[str]:
        """The capabilities with a tool adopted or on trial (computed once: every checklist asks)."""
        if self._decided is None:
            self._decided = frozenset(cap for cap in self._tools_by_capability if self.tools_to_use(cap)[0])
        return self._decided

    def tools_to_use(self, capability_id: str) -> tuple[RingStatus | None, list[Tool]]:
        """What a team should reach for: the adopted tools, else those on trial, else none."""
        for status in ("adopt", "trial"):
            chosen = [t for t in self.tools_for(capability_id) if t.ring.status == status]
            if chosen:
                return status, chosen
        return None, []


def _system_plan(kb: KnowledgeBase, system: System) -> SystemPlan:
    needed = tuple(kb.plan(tuple(c for c in system.characteristics if c in kb.characteristics)))
    gaps = []
    states: dict[str, CellState] = {entry.capability: entry.state for entry in system.in_place}
    for item in needed:
        has = system.having(item.capability.id)
        if has is None or has.state == "partial":
            gaps.append(Gap(item, has))
        if has is None:
            states[item.capability.id] = "missing-needed" if item.strength == "needed" else "missing-helps"
    return SystemPlan(needed, tuple(gaps), states)
