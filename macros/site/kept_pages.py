"""Generated pages kept from one render to the next (`make serve`): a page is rendered again only
when something it read of the knowledge base, or an input it was given, is different now.

While a page renders, its template sees the knowledge base through a view that notes every read:
an attribute, a method's answer, a lookup in a kind (found or not), a walk over a whole kind. At
the next render each noted read is asked again of the new knowledge base (each distinct read once
per render); when every answer equals the noted one and the page's other inputs are equal, the
page would render the same, and the kept one is used. Entities are frozen values compared field by
field, and the loader reuses unchanged files' entities, so most answers are the very same objects.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from macros.kb.model import KnowledgeBase

# A read: the steps from the knowledge base to the answer, each ("attr", name), ("call", args,
# kwargs), ("item", key), ("contains", key), ("len",), ("whole",) (everything a walk over a kind
# can see) or ("outside",) (something besides the knowledge base: a new answer every round).
Step = tuple[Any, ...]
Read = tuple[Step, ...]
# Reads being noted, by key (_key): the read and its answer; and as kept: key, read, answer.
ReadLog = dict[Hashable, tuple[Read, Any]]
Reads = tuple[tuple[Hashable, Read, Any], ...]
_MISSING = object()  # the answer of a lookup that found nothing


def as_reads(log: ReadLog | Reads) -> Reads:
    """Noted reads as kept."""
    if isinstance(log, dict):
        return tuple((key, read, value) for key, (read, value) in log.items())
    return log


def note_outside(log: ReadLog) -> None:
    """Note that the reader also read something besides the knowledge base: never the same again."""
    read: Read = (("outside",),)
    log[_key(read)] = (read, object())


@dataclass(frozen=True)
class _Kept:
    """One page as last rendered: its inputs, each read and its answer, the page."""

    inputs: tuple[Any, ...]
    reads: Reads
    page: Any


class KeptPages:
    """The generated pages of the last render, for the next one to reuse what did not change."""

    def __init__(self) -> None:
        self._generation: Hashable = None
        self._last: dict[str, _Kept] = {}
        self._current: dict[str, _Kept] = {}
        self._kb: KnowledgeBase | None = None
        self._answers: dict[Hashable, Any] = {}
        self.rendered = 0  # pages rendered in this round (the others were kept)

    def start(self, kb: KnowledgeBase, generation: Hashable) -> None:
        """A new round of rendering from kb; generation names everything else pages depend on
        (templates, strings, configuration): when it changes, no page is kept."""
        kept = self._current if generation == self._generation else {}
        self._last, self._current = kept, {}
        self._generation, self._kb, self._answers, self.rendered = generation, kb, {}, 0

    def page(self, src_uri: str, inputs: tuple[Any, ...], render: Callable[[Any], Any]) -> Any:
        """The page at src_uri: the kept one when its inputs and reads are unchanged, else
        render(kb) with kb a view of the knowledge base that notes what the page reads."""
        assert self._kb is not None, "start() first"
        kept = self._last.get(src_uri)
        if kept is None or kept.inputs != inputs or not self.unchanged(kept.reads):
            log: ReadLog = {}
            page = render(self.view(log))
            kept = _Kept(inputs, as_reads(log), page)
            self.rendered += 1
        self._current[src_uri] = kept
        return kept.page

    def view(self, log: ReadLog) -> Any:
        """This round's knowledge base, noting each read in log."""
        return _View(self._kb, (), log)

    def unchanged(self, reads: Reads) -> bool:
        """Every read answers now what it answered then (each distinct read asked once a round)."""
        answers = self._answers
        for key, read, value in reads:
            if key not in answers:
                answers[key] = _ask(self._kb, read)
            answer = answers[key]
            if answer is not value and answer != value:
                return False
        return True


def _ask(kb: Any, read: Read) -> Any:
    """What a read answers of this knowledge base."""
    value = kb
    for step in read:
        match step:
            case ("attr", name):
                value = getattr(value, name)
            case ("call", args, kwargs):
                value = value(*args, **dict(kwargs))
            case ("item", key):
                try:
                    value = value[key]
                except KeyError:
                    return _MISSING
            case ("contains", key):
                value = key in value
            case ("len",):
                value = len(value)
            case ("whole",):
                pass
            case ("outside",):
                return object()
    return value


def _key(read: Read) -> Hashable:
    """A read as a dictionary key: arguments that are not plain values stand by identity (an
    entity passed to a method), which the read itself keeps alive."""
    return tuple(tuple(_token(part) for part in step) for step in read)


def _token(value: Any) -> Hashable:
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, tuple):
        return tuple(_token(item) for item in value)
    return ("object", id(value))


# Methods of the knowledge base that only look up its public mappings: run on the view, their
# lookups are noted one by one (each asked again once a round, shared by every page) instead of
# their answer (a case study's checklist: asked again for every case study at every round).
_RUN_ON_VIEW = frozenset({"checklist"})


class _View:
    """The knowledge base (or one of its answers) as a template sees it, noting each read."""

    def __init__(self, target: Any, read: Read, reads: ReadLog) -> None:
        self._target, self._read, self._reads = target, read, reads

    def __getattr__(self, name: str) -> Any:
        if name in _RUN_ON_VIEW and not self._read:
            return getattr(type(self._target), name).__get__(self)
        value = getattr(self._target, name)
        read = (*self._read, ("attr", name))
        if callable(value):
            return _Method(value, read, self._reads)
        return _seen(value, read, self._reads)


class _Method:
    """A method of the knowledge base: its answer to each call is noted."""

    def __init__(self, method: Callable[..., Any], read: Read, reads: ReadLog) -> None:
        self._method, self._read, self._reads = method, read, reads

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        read = (*self._read, ("call", args, tuple(sorted(kwargs.items()))))
        return _seen(self._method(*args, **kwargs), read, self._reads)


def _seen(value: Any, read: Read, reads: ReadLog) -> Any:
    """Note an answer; a mapping (a kind's entities by id) is noted lookup by lookup instead."""
    if isinstance(value, Mapping):
        return _MappingView(value, read, reads)
    reads[_key(read)] = (read, value)
    return value


class _MappingView(Mapping[Any, Any]):
    """A mapping of the knowledge base: a lookup notes one entry, a walk notes the whole mapping."""

    def __init__(self, target: Mapping[Any, Any], read: Read, reads: ReadLog) -> None:
        self._target, self._read, self._reads = target, read, reads

    def __getitem__(self, key: Any) -> Any:
        read = (*self._read, ("item", key))
        if key not in self._target:
            self._reads[_key(read)] = (read, _MISSING)
            raise KeyError(key)
        return _seen(self._target[key], read, self._reads)

    def __contains__(self, key: object) -> bool:
        read = (*self._read, ("contains", key))
        found = key in self._target
        self._reads[_key(read)] = (read, found)
        return found

    def _whole(self) -> Mapping[Any, Any]:
        read = (*self._read, ("whole",))
        self._reads[_key(read)] = (read, self._target)
        return self._target

    def __iter__(self) -> Iterator[Any]:
        return iter(self._whole())

    def __len__(self) -> int:
        read = (*self._read, ("len",))
        self._reads[_key(read)] = (read, len(self._target))
        return len(self._target)

    def keys(self) -> Any:
        return self._whole().keys()

    def values(self) -> Any:
        return self._whole().values()

    def items(self) -> Any:
        return self._whole().items()
