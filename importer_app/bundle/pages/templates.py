"""The texts of generated pages, read from ``forms/templates/*.toml``.

What the letters and forms say is data, not code (design.md, "Rules of the house"): a
template file holds the wording, the sources it rests on and the date they were checked.
Every file starts with a ``[meta]`` table::

    [meta]
    id = "cover_letter"                # the file name without .toml
    title = "Cover letter"             # the section title (bookmark, list of enclosures)
    as_of = 2026-11-28                 # when the wording was checked against its sources
    sources = ["S02", "S10"]           # tags of forms/catalog/sources.toml
    regime_sources = { caatsa-exception = ["S80"] }   # optional: cited only in that regime
    placeholders = ["entry_number"]    # every {name} the texts may use

The other tables hold strings and lists of strings with ``{name}`` placeholders, filled by the
page generators. A placeholder outside ``placeholders`` or a value the code does not supply is
a ``TemplateError``, named with file and key, never a silently blank field.
"""

from __future__ import annotations

import datetime as dt
import functools
import string
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from importer_app.bundle.pages import fonts
from importer_app.core import vocab
from importer_app.core.datafiles import forms_dir
from importer_app.core.errors import AppError

_META_KEYS = frozenset({"id", "title", "as_of", "sources", "placeholders"})
_OPTIONAL_META_KEYS = frozenset({"regime_sources"})


class TemplateError(AppError):
    """A template file of ``forms/templates`` is missing, malformed or asks for an unknown value."""


@dataclass(frozen=True)
class Template:
    """One template file.

    Attributes:
        id: the file name without ``.toml``.
        title: the section or form title.
        as_of: when the wording was checked against its sources.
        sources: source tags (``forms/catalog/sources.toml``) its wording rests on in every regime.
        regime_sources: the tags it cites only in a case of that regime (a CAATSA statute is
            not a source of a UFLPA letter).
        placeholders: the ``{name}`` fields its texts may use.
        data: the file's tables other than ``meta``.
    """

    id: str
    title: str
    as_of: dt.date
    sources: tuple[str, ...]
    placeholders: frozenset[str]
    data: Mapping[str, Any]
    regime_sources: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def sources_for(self, regime: str) -> tuple[str, ...]:
        """The tags the template cites in a case of ``regime``."""
        return self.sources + self.regime_sources.get(regime, ())

    def raw(self, *path: str) -> Any:
        """The value at ``path`` (table keys), unformatted."""
        node: Any = self.data
        for key in path:
            if not isinstance(node, Mapping) or key not in node:
                raise TemplateError(f"{self._where(path)}: missing from the template file")
            node = node[key]
        return node

    def text(self, *path: str, values: Mapping[str, str] | None = None) -> str:
        """The string at ``path`` with its placeholders filled in, as plain text."""
        return self._format(path, self._string(path), values or {}, markup=False)

    def para(self, *path: str, values: Mapping[str, str] | None = None) -> str:
        """The string at ``path`` as paragraph markup: the template's own tags kept, values escaped."""
        return self._format(path, self._string(path), values or {}, markup=True)

    def paras(self, *path: str, values: Mapping[str, str] | None = None) -> tuple[str, ...]:
        """The list of strings at ``path``, each as paragraph markup."""
        items = self.raw(*path)
        if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
            raise TemplateError(f"{self._where(path)}: must be a list of strings")
        return tuple(self._format(path, item, values or {}, markup=True) for item in items)

    def fill(self, text: str, values: Mapping[str, str], *, path: tuple[str, ...], markup: bool = False) -> str:
        """A string taken from a list of the template (``raw``) with its placeholders filled in.

        Args:
            path: where the string sits in the file, for error messages.
        """
        return self._format(path, text, values, markup=markup)

    def _string(self, path: tuple[str, ...]) -> str:
        value = self.raw(*path)
        if not isinstance(value, str):
            raise TemplateError(f"{self._where(path)}: must be a string")
        return value

    def _format(self, path: tuple[str, ...], text: str, values: Mapping[str, str], *, markup: bool) -> str:
        pieces = []
        for literal, name, spec, conversion in string.Formatter().parse(text):
            pieces.append(literal)
            if name is None:
                continue
            if spec or conversion or name not in self.placeholders:
                raise TemplateError(f"{self._where(path)}: unknown placeholder {{{name}}}")
            if name not in values:
                raise TemplateError(f"{self._where(path)}: no value for {{{name}}}")
            pieces.append(fonts.markup(values[name]) if markup else values[name])
        return "".join(pieces)

    def _where(self, path: tuple[str, ...]) -> str:
        return f"forms/templates/{self.id}.toml, {'.'.join(path) or 'file'}"


def template_dir() -> Path:
    return forms_dir() / "templates"


@functools.cache
def load_template(name: str) -> Template:
    """Read and check ``forms/templates/NAME.toml``.

    Raises:
        TemplateError: the file is missing, not TOML, or its ``meta`` table is incomplete.
    """
    path = template_dir() / f"{name}.toml"
    try:
        with path.open("rb") as stream:
            data = tomllib.load(stream)
    except FileNotFoundError as error:
        raise TemplateError(f"The template {path} is missing; reinstall the application.") from error
    except tomllib.TOMLDecodeError as error:
        raise TemplateError(f"The template {path} is not valid TOML: {error}") from error
    meta = data.pop("meta", None)
    if not isinstance(meta, dict) or not _META_KEYS <= set(meta) <= _META_KEYS | _OPTIONAL_META_KEYS:
        raise TemplateError(f"The template {path} needs a [meta] table with {sorted(_META_KEYS)}"
                            f" (and optionally {sorted(_OPTIONAL_META_KEYS)}), nothing else.")
    regime_sources = meta.get("regime_sources", {})
    if not isinstance(regime_sources, dict) or not all(
        regime in vocab.REGIMES and isinstance(tags, list) and tags for regime, tags in regime_sources.items()
    ):
        raise TemplateError(f"The template {path}: meta.regime_sources maps regimes to lists of source tags.")
    if meta["id"] != name or not isinstance(meta["as_of"], dt.date) or not meta["sources"]:
        raise TemplateError(f"The template {path}: meta.id must be {name!r}, as_of a date, sources not empty.")
    return Template(
        id=name,
        title=str(meta["title"]),
        as_of=meta["as_of"],
        sources=tuple(meta["sources"]),
        placeholders=frozenset(meta["placeholders"]),
        data=data,
        regime_sources={regime: tuple(tags) for regime, tags in regime_sources.items()},
    )
