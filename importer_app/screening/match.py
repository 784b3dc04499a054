"""Screening case entities against list snapshots: candidate hits, each with its reason.

Every name of a case entity (``name``, ``name_local``, each of ``aliases``) is compared, in its folded form
(``normalize``), with every listed name and alias. A listed name is a candidate when:

- **same name**: the two names, run together without spaces, have a ``fuzz.ratio`` of at
  least ``NAME_MIN`` (90): the same words, give or take a typo or a space
  ("Zhong Tai" / "Zhongtai");
- **contained**: one name's words all appear in the other ("Hoshine Silicon" in "Hoshine
  Silicon Industry (Shanshan) Co., Ltd"), where "appear" allows a typo in a long word
  (``fuzz.ratio`` of at least ``WORD_MIN``, 87, for words of ``FUZZY_WORD_LEN``, 5, letters
  or more) and a place name may be missing ("Shanshan Hoshine Silicon"); at least two words
  must be found, one of them distinctive (not in ``generic_words.txt``).

``fuzz.ratio`` counts a changed letter twice and a dropped one once, so ``WORD_MIN`` 87
passes a dropped or doubled letter from 5 letters up ("hoshin"/"hoshine" 92) and a changed
letter from 8 letters up ("tianmian"/"tianmain" 87.5, "crestline"/"crestlane" 89), but not
a changed letter in a 7-letter pinyin brand ("chengle"/"chengde" 86), which is another
company more often than a typo. ``NAME_MIN`` 90 also needs the distinctive words to agree,
so long generic words cannot hide a different brand.

A single generic word ("Silicon") has nothing distinctive and is never screened; a single
distinctive word ("Hoshine") is only compared whole. Why not rapidfuzz's
``token_set_ratio`` or ``WRatio`` alone: both score 90 to 100 for one shared generic word
("Silicon" against "Hoshine Silicon Industry" is 100 and 90), so every cotton mill would
match every listed cotton company; and neither can say which words matched, which the user
needs to decide on a hit. ``fuzz.ratio`` on words and on whole names keeps both exact.

Speed: listed names are indexed by their distinctive words, by 3-letter prefix and suffix
keys for typos (``process.extract`` scores the few words sharing a key), and by their run-
together distinctive words; only names reached that way are scored.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from importer_app.core.model import Entity
from importer_app.screening.model import (
    LIST_IDS,
    EntityScreening,
    Hit,
    HitKey,
    ListedEntity,
    ScreenedName,
    ScreeningResult,
    Snapshot,
)
from importer_app.screening.normalize import NameForm, normalize
from importer_app.screening.romanize import has_han

NAME_MIN = 90
WORD_MIN = 87
FUZZY_WORD_LEN = 5
_KEY_LEN = 3
# A place the other name lacks ("Shanshan Hoshine Silicon" against "Hoshine Silicon
# Industry") is allowed, at half a found word's score: listings put places in brackets,
# which folding drops, while a case may write them plainly.
_MISSING_PLACE_SCORE = 50


@dataclass(frozen=True)
class _ListedName:
    listing: int
    text: str
    alias: bool
    side: _Side

    @property
    def form(self) -> NameForm:
        return self.side.form


@dataclass(frozen=True)
class _Match:
    score: int
    kind: str
    why: str


def screen(entities: Sequence[Entity], snapshots: Mapping[str, Snapshot]) -> ScreeningResult:
    """Every entity's names against every listed name and alias of the given snapshots.

    Args:
        entities: the case's entities (``Case.entities``).
        snapshots: the snapshots to screen against, by list id (``current_snapshots()``).
    """
    index = _Index([snapshots[list_id] for list_id in LIST_IDS if list_id in snapshots])
    records = []
    for entity in entities:
        names: list[ScreenedName] = []
        best: dict[HitKey, Hit] = {}
        for field_name, text in (("name", entity.name), ("name_local", entity.name_local),
                                 *(("alias", alias) for alias in entity.aliases)):
            if not text.strip():
                continue
            form = normalize(text)
            names.append(ScreenedName(field_name, text, form.text, form.screenable))
            if form.screenable:
                for hit in index.hits(entity.id, field_name, text, form):
                    if hit.key not in best or _rank(hit) > _rank(best[hit.key]):
                        best[hit.key] = hit
        hits = sorted(best.values(), key=lambda h: (-h.score, LIST_IDS.index(h.list_id), h.matched_name))
        records.append(EntityScreening(entity.id, tuple(names), tuple(hits)))
    return ScreeningResult(index.snapshots, tuple(records))


def _rank(hit: Hit) -> tuple[int, bool]:
    """Better hits first; at the same score, the same name beats a name within another."""
    return hit.score, hit.kind == "same_name"


class _Index:
    """The listed names of some snapshots, looked up by word."""

    def __init__(self, snapshots: list[Snapshot]) -> None:
        self.snapshots = tuple(snapshots)
        self._listings: list[ListedEntity] = [e for s in snapshots for e in s.entities]
        self._names: list[_ListedName] = []
        self._keys: list[str] = []
        self._same_key: dict[tuple[str, str], list[int]] = defaultdict(list)
        self._by_word: dict[str, list[int]] = defaultdict(list)
        self._by_core: dict[str, list[int]] = defaultdict(list)
        self._by_compact: dict[str, list[int]] = defaultdict(list)
        self._by_fragment: dict[str, set[str]] = defaultdict(set)
        self._similar: dict[str, set[str]] = {}
        for number, listing in enumerate(self._listings):
            # The separator of ``HitKey.as_text`` cannot occur in a folded name; keep it out
            # of the fallback for a name that folds to nothing (only legal forms).
            key = normalize(listing.name).text or listing.name.casefold().replace("|", "/")
            self._keys.append(key)
            self._same_key[listing.list_id, key].append(number)
            for position, text in enumerate(listing.names):
                self._add(_ListedName(number, text, position > 0, _Side.of(normalize(text))))

    def _add(self, name: _ListedName) -> None:
        number = len(self._names)
        self._names.append(name)
        if not name.form.distinctive:
            self._by_compact[name.form.compact].append(number)
            return
        self._by_core[name.form.core].append(number)
        for word in set(name.form.distinctive):
            self._by_word[word].append(number)
            for fragment in _fragments(word):
                self._by_fragment[fragment].add(word)

    def hits(self, entity_id: str, field_name: str, text: str, form: NameForm) -> list[Hit]:
        """The candidate hits for one name of one case entity."""
        hits = []
        side = _Side.of(form)
        for number in self._candidates(form):
            name = self._names[number]
            match = _compare(text, side, name)
            if match is None:
                continue
            listing = self._listings[name.listing]
            key = self._keys[name.listing]
            same = self._same_key[listing.list_id, key]
            listings = (listing, *(self._listings[i] for i in same if i != name.listing))
            hits.append(Hit(
                key=HitKey(listing.list_id, key, entity_id), entity_id=entity_id, case_name=text,
                case_field=field_name, list_id=listing.list_id, listings=listings,
                matched_name=name.text, matched_alias=name.alias, score=match.score, kind=match.kind,
                why=match.why,
            ))
        return hits

    def _candidates(self, form: NameForm) -> set[int]:
        """Listed names that can be hits: every distinctive word of one name is spelled
        like one of the other's, or both run together to the same letters."""
        if not form.distinctive:
            return set(self._by_compact.get(form.compact, ()))
        case_words = set(form.distinctive)
        reached_by: dict[int, set[str]] = defaultdict(set)
        reached: dict[int, set[str]] = defaultdict(set)
        for word in case_words:
            for similar in self._similar_words(word):
                for number in self._by_word[similar]:
                    reached_by[number].add(word)
                    reached[number].add(similar)
        found = set(self._by_core.get(form.core, ()))
        found.update(number for number, words in reached_by.items()
                     if words == case_words or reached[number] >= set(self._names[number].form.distinctive))
        return found

    def _similar_words(self, word: str) -> set[str]:
        """Listed distinctive words spelled like ``word`` (``fuzz.ratio`` of ``WORD_MIN`` or more)."""
        if word not in self._similar:
            similar = {word} if word in self._by_word else set()
            if len(word) >= FUZZY_WORD_LEN:
                choices = sorted({w for f in _fragments(word) for w in self._by_fragment.get(f, ())
                                  if len(w) >= FUZZY_WORD_LEN})
                similar.update(choice for choice, _, _ in process.extract(
                    word, choices, scorer=fuzz.ratio, score_cutoff=WORD_MIN, limit=None))
            self._similar[word] = similar
        return self._similar[word]


def _fragments(word: str) -> set[str]:
    """Blocking keys: a typo rarely touches both the first and the last letters of a word."""
    if len(word) < FUZZY_WORD_LEN:
        return {word}
    return {"<" + word[:_KEY_LEN], word[-_KEY_LEN:] + ">"}


def _compare(text: str, side: _Side, name: _ListedName) -> _Match | None:
    """Whether a case name and a listed name are candidates, with the score and reason."""
    case = f"{_quoted(text)} (read as {_quoted(side.form.text)})" if has_han(text) else _quoted(text)
    inside = _align(side, name.side)
    around = _align(name.side, side)
    whole = round(fuzz.ratio(side.form.compact, name.form.compact))
    matches = []
    # The whole-name ratio alone would pass "Chengle Logistics" for "Chengde Logistics":
    # long generic words hide a different brand. The distinctive words must agree too.
    if whole >= NAME_MIN and _distinctive_found(inside) and _distinctive_found(around):
        how = "the same as" if whole == 100 else f"{whole}% like"
        matches.append(_Match(whole, "same_name", f"{case} is {how} the listed name {_quoted(name.text)} once "
                                                  "case, punctuation and legal forms are set aside."))
    contained = _containment(inside)
    if contained is not None:
        matches.append(_Match(contained.score, "case_name_in_listed", f"Every word of {case} is in the "
                                                                      f"listed name {_quoted(name.text)}{contained.details()}."))
    contained = _containment(around)
    if contained is not None:
        matches.append(_Match(contained.score, "listed_name_in_case", f"Every word of the listed name "
                                                                      f"{_quoted(name.text)} is in {case}{contained.details()}."))
    # The first of equals wins: "the same name" says more than "within".
    return max(matches, key=lambda match: match.score, default=None)


@dataclass(frozen=True)
class _Side:
    """A name prepared for comparing: its words, and its neighbouring words run together."""

    form: NameForm
    words: frozenset[str]
    found_in: frozenset[str]

    @classmethod
    def of(cls, form: NameForm) -> _Side:
        tokens = form.tokens
        joined = {"".join(tokens[i: i + size]) for size in (2, 3) for i in range(len(tokens) - size + 1)}
        return cls(form, frozenset(tokens), frozenset(tokens) | joined)


@dataclass(frozen=True)
class _Word:
    """One word of a name, and how it was found in the other name."""

    text: str
    score: float
    other: str
    distinctive: bool
    place: bool


def _align(small: _Side, big: _Side) -> list[_Word]:
    """Each word of ``small`` with its best counterpart in ``big``.

    Words run together on one side and apart on the other ("zhongtai", "zhong tai") count
    as found.
    """
    tokens = small.form.tokens
    words = tokens if small.words <= big.found_in else _join_split_words(tokens, big.words)
    generic = small.words - set(small.form.distinctive)
    aligned = []
    for word in words:
        score, other = (100.0, word) if word in big.found_in else _closest(word, big.form.tokens)
        aligned.append(_Word(word, score, other, word not in generic, word in small.form.places))
    return aligned


def _distinctive_found(words: list[_Word]) -> bool:
    return all(word.score >= WORD_MIN for word in words if word.distinctive)


@dataclass(frozen=True)
class _Containment:
    score: int
    missing_places: tuple[str, ...]
    respelled: tuple[tuple[str, str], ...]

    def details(self) -> str:
        parts = [f"{_quoted(word)} as {_quoted(other)}" for word, other in self.respelled]
        parts += [f"the place {_quoted(word)} is not in both" for word in self.missing_places]
        return f" ({'; '.join(parts)})" if parts else ""


def _containment(words: list[_Word]) -> _Containment | None:
    """The score of a name whose words were all found in another; None when they were not.

    At least two words must be found, one of them distinctive; a place may be missing.
    """
    found = [word for word in words if word.score >= WORD_MIN]
    missing = [word for word in words if word.score < WORD_MIN]
    if len(found) < 2 or not any(word.distinctive for word in found):
        return None
    if any(not word.place for word in missing):
        return None
    weights = sum(len(word.text) for word in words)
    total = sum(len(w.text) * w.score for w in found) + sum(len(w.text) * _MISSING_PLACE_SCORE for w in missing)
    respelled = tuple((word.text, word.other) for word in found if word.other != word.text)
    return _Containment(round(total / weights), tuple(word.text for word in missing), respelled)


def _closest(word: str, tokens: tuple[str, ...]) -> tuple[float, str]:
    """The most similar long word of ``tokens`` and its ``fuzz.ratio``; (0, "") for none."""
    if len(word) < FUZZY_WORD_LEN:
        return 0.0, ""
    scored = [(fuzz.ratio(word, token), token) for token in tokens if len(token) >= FUZZY_WORD_LEN]
    return max(scored, default=(0.0, ""))


def _join_split_words(tokens: tuple[str, ...], other: frozenset[str]) -> tuple[str, ...]:
    """``tokens`` with neighbours run together where the other name has them as one word."""
    words: list[str] = []
    index = 0
    while index < len(tokens):
        size = next((size for size in (3, 2) if index + size <= len(tokens)
                     and "".join(tokens[index: index + size]) in other), 1)
        words.append("".join(tokens[index: index + size]))
        index += size
    return tuple(words)


def _quoted(text: str) -> str:
    """A name quoted for a sentence the user and CBP read."""
    return f"“{text}”"
