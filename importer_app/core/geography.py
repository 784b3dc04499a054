"""Where the case's entities are: a region the user states, or one their address names.

The places of a region (``forms/catalog/places.toml``) are data; this module reads an address
against them. An entity whose subdivision is the region's code is in it; an entity of that
region's country whose address names one of its places is only *detected* there, for the user
to settle (set the subdivision, or say why the address means somewhere else).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Final

from importer_app.core.model import Case, Entity

IN_REGION: Final = "in_region"
DETECTED: Final = "detected"

_NOT_WORD = re.compile(r"[^a-z0-9]+")
_HAN = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class Place:
    """A division of a region, as an address may name it.

    Attributes:
        code: its statistical division code (or ``XPCC-NN``).
        name: its English name, e.g. ``Shanshan County``.
        zh: its Chinese name.
        within: the prefecture-level or XPCC division it belongs to; empty for those.
    """

    code: str
    name: str
    zh: str
    within: str = ""

    @property
    def label(self) -> str:
        """``Shanshan County (鄯善县, Turpan)``."""
        parts = [self.zh, self.within] if self.within else [self.zh]
        return f"{self.name} ({', '.join(parts)})"


@dataclass(frozen=True)
class Region:
    """A first-level subdivision whose places the check recognises in addresses.

    Build it with :meth:`build`.

    Attributes:
        code: ISO 3166-2, e.g. ``CN-XJ``.
        name: e.g. ``Xinjiang Uyghur Autonomous Region``.
        citation: source tags.
        latin: folded words of a phrase to the place it names (``None``: the region itself).
        han: a phrase in Chinese script to the place it names.
        han_pattern: any phrase of ``han``, longest first.
        longest: the most words in a phrase of ``latin``.
    """

    code: str
    name: str
    citation: tuple[str, ...]
    latin: Mapping[tuple[str, ...], Place | None] = field(repr=False)
    han: Mapping[str, Place | None] = field(repr=False)
    han_pattern: re.Pattern[str] = field(repr=False)
    longest: int = field(repr=False)
    _seen: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def build(cls, code: str, name: str, citation: tuple[str, ...],
              phrases: Iterable[tuple[str, Place | None]]) -> Region:
        """The region from its phrases as written in the data (any script, any case)."""
        latin: dict[tuple[str, ...], Place | None] = {}
        han: dict[str, Place | None] = {}
        for phrase, place in phrases:
            if _HAN.search(phrase):
                han[phrase] = place
            else:
                latin[tuple(fold(phrase).split())] = place
        pattern = re.compile("|".join(re.escape(p) for p in sorted(han, key=len, reverse=True)) or "(?!)")
        return cls(code, name, citation, latin, han, pattern, max(map(len, latin), default=0))

    @property
    def country(self) -> str:
        return self.code.split("-", 1)[0]

    def named_in(self, address: str) -> tuple[str, ...]:
        """The places (their labels) and the region an address names, in order, without repeats;
        empty when it names none."""
        found = self._seen.get(address)
        if found is None:
            found = self._seen[address] = self._scan(address)
        return found

    def _scan(self, address: str) -> tuple[str, ...]:
        hits = [self.han[m.group(0)] for m in self.han_pattern.finditer(address)]
        words = fold(address).split()
        for start in range(len(words)):
            for size in range(min(self.longest, len(words) - start), 0, -1):
                key = tuple(words[start:start + size])
                if key in self.latin:
                    hits.append(self.latin[key])
                    break
        return tuple(dict.fromkeys(self.name if place is None else place.label for place in hits))


def fold(text: str) -> str:
    """Lower case, accents and punctuation folded to spaces: ``Ürümqi-Shi`` -> ``urumqi shi``."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return _NOT_WORD.sub(" ", bare).strip()


@dataclass(frozen=True)
class Location:
    """Where one entity is, as far as a region is concerned.

    Attributes:
        state: ``in_region`` (its subdivision is the region) or ``detected`` (its address
            names the region or one of its places; the user has not said it is there).
        named: what its address names, as labels (``Shanshan County (鄯善县, Turpan)``).
    """

    entity_id: str
    region: Region
    state: str
    named: tuple[str, ...] = ()


def locate(case: Case, regions: Iterable[Region]) -> tuple[Location, ...]:
    """Every entity that is in one of ``regions`` or whose address names a place there, in the
    case's entity order."""
    found: list[Location] = []
    for region in regions:
        for entity in case.entities:
            location = _locate(entity, region)
            if location is not None:
                found.append(location)
    order = {entity.id: rank for rank, entity in enumerate(case.entities)}
    return tuple(sorted(found, key=lambda location: order[location.entity_id]))


def _locate(entity: Entity, region: Region) -> Location | None:
    named = region.named_in(entity.address) if entity.country == region.country and entity.address else ()
    if entity.subdivision == region.code:
        return Location(entity.id, region, IN_REGION, named)
    if named:
        return Location(entity.id, region, DETECTED, named)
    return None
