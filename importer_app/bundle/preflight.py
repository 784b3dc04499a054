"""What to look at before export, besides what is missing: the importer's own words that would
read wrong to CBP, and the sources whose address the page of sources does not print.

Warnings, never a block: the importer's words reach CBP as typed. ``check``, ``bundle`` and the
window's Export page show the same notes, each saying where the text is and what to change.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from importer_app.bundle.pages.sources_cited import cited_sources
from importer_app.core.catalog import Catalog, Source
from importer_app.core.model import Case
from importer_app.core.report import Report
from importer_app.core.wording import WordingNote, wording_notes

_TAG = re.compile(r"\[(S\d\d)\]")


@dataclass(frozen=True)
class Preflight:
    """The notes of one case before export.

    Attributes:
        wording: places where the importer's words would read wrong to CBP.
        unconfirmed: sources the bundle cites whose address is not confirmed; the page of
            sources prints their full legal citation instead.
    """

    wording: tuple[WordingNote, ...]
    unconfirmed: tuple[Source, ...]


def preflight(case: Case, report: Report, catalog: Catalog) -> Preflight:
    """The notes for ``case`` as checked in ``report``."""
    return Preflight(wording_notes(case),
                     tuple(source for source in cited_sources(case, report, catalog) if source.unconfirmed))


def wording_line(note: WordingNote, report: Report, scope_label: Callable[[str], str]) -> str:
    """One note as a sentence: which text, about what, the words found, what to write instead."""
    about = [part for part in (report.titles.get(note.requirement, ""), scope_label(note.scope) if note.scope else "")
             if part]
    where = f" ({', '.join(about)})" if about else ""
    return f"{note.field}{where}: \u201c{note.found}\u201d {note.problem}. {note.advice}"


def unconfirmed_line(source: Source) -> str:
    """A source whose address is not printed, and what the page of sources prints instead."""
    return (f"{source.cite}: the address {source.url} could not be confirmed, so the page of sources prints"
            f" \u201c{source.legal_cite}\u201d in its place.")


def reading_notes(report: Report, catalog: Catalog) -> tuple[str, ...]:
    """Where the text of each source the report cites was read, for the sources that say so:
    ``[S02] 19 CFR 12.43, proof of admissibility: text read in the 2015 annual edition; ...``."""
    tags = dict.fromkeys(tag for finding in report.findings for tag in _TAG.findall(finding.citation))
    sources = [catalog.sources[tag] for tag in sorted(tags) if tag in catalog.sources]
    return tuple(f"[{s.tag}] {s.title}: {s.read_note}." for s in sources if s.read_note)
