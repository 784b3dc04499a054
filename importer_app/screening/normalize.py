"""Names in the form they are compared in.

``Hoshine Silicon Industry (Shanshan) Co., Ltd`` and ``HOSHINE SILICON INDUSTRY CO LTD``
are the same name to a customs officer; they must be the same here. The folding, in order:
Unicode compatibility forms (full-width brackets), bracketed parts dropped (places and
notes such as "(Shanshan)", "(HK)"), Chinese script romanised (``romanize``), case and
accents folded, punctuation removed, legal forms and joining words dropped
(``legal_forms.txt``), generic words folded to one form each (``generic_words.txt``).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources

from importer_app.screening.romanize import has_han, romanize

# Letters that NFKD does not split into a base letter and an accent.
_LATIN = str.maketrans({"đ": "d", "ð": "d", "ø": "o", "ł": "l", "ß": "ss", "æ": "ae", "œ": "oe",
                        "ı": "i", "þ": "th"})
_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
# Dots and apostrophes join ("Co." is "co", "K.K." is "kk", "Xi'an" is "xian"); any other
# mark separates words.
_JOINING = re.compile(r"[.'’`]")
_SEPARATING = re.compile(r"[^\w]+|_")


@dataclass(frozen=True)
class NameForm:
    """A name as compared.

    Attributes:
        tokens: the words left after folding, in order.
        distinctive: the tokens that are not generic words or numbers: what identifies the
            company.
        places: the tokens that are place names (generic words listed under "Places"); a
            place may be missing from one of two names of the same company.
    """

    tokens: tuple[str, ...]
    distinctive: tuple[str, ...]
    places: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return " ".join(self.tokens)

    @property
    def compact(self) -> str:
        """The words run together, so "Zhong Tai" and "Zhongtai" compare equal."""
        return "".join(self.tokens)

    @property
    def core(self) -> str:
        """The distinctive words run together; empty when there are none."""
        return "".join(self.distinctive)

    @property
    def screenable(self) -> bool:
        """Something is left to screen: a distinctive word, or at least two generic ones.

        A single generic word ("Silicon", "Cotton") is never screened.
        """
        return bool(self.distinctive) or len(self.tokens) >= 2


def normalize(name: str) -> NameForm:
    """The comparable form of a company name (any script)."""
    text = unicodedata.normalize("NFKC", name)
    previous = None
    while previous != text:  # nested brackets, innermost first
        previous, text = text, _BRACKETED.sub(" ", text)
    text = text.replace("(", " ").replace(")", " ")
    if has_han(text):
        text = romanize(text)
    text = _fold_letters(text).replace("&", " and ")
    text = _SEPARATING.sub(" ", _JOINING.sub("", text))
    tokens = _drop_legal_forms(text.split())
    generic, places = _generic_words()
    tokens = tuple(generic.get(token, token) for token in tokens)
    distinctive = tuple(token for token in tokens if _is_distinctive(token, generic))
    return NameForm(tokens, distinctive, tuple(token for token in tokens if token in places))


def _is_distinctive(token: str, generic: dict[str, str]) -> bool:
    return len(token) > 1 and not token.isdigit() and token not in generic


def _fold_letters(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold().translate(_LATIN))
    return "".join(char for char in text if not unicodedata.combining(char))


def _drop_legal_forms(tokens: list[str]) -> list[str]:
    forms = _legal_forms()
    longest = max(map(len, forms))
    kept: list[str] = []
    index = 0
    while index < len(tokens):
        size = next((size for size in range(min(longest, len(tokens) - index), 0, -1)
                     if tuple(tokens[index: index + size]) in forms), 0)
        if size:
            index += size
        else:
            kept.append(tokens[index])
            index += 1
    return kept


def _data_lines(file_name: str) -> list[str]:
    text = resources.files(__package__).joinpath(file_name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]


@functools.cache
def _legal_forms() -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(line.split()) for line in _data_lines("legal_forms.txt")
                     if not line.startswith("#"))


@functools.cache
def _generic_words() -> tuple[dict[str, str], frozenset[str]]:
    """Every generic word -> the form its group folds to; and the folded place words."""
    generic: dict[str, str] = {}
    places: set[str] = set()
    in_places = False
    for line in _data_lines("generic_words.txt"):
        if line.startswith("#"):
            in_places = in_places or line.startswith("# Places")
            continue
        words = line.split()
        generic.update((word, words[0]) for word in words)
        if in_places:
            places.add(words[0])
    return generic, frozenset(places)
