"""What the window calls companies, transfers, documents and scopes: names people use, not ids.

The case keys everything by short ids (``baotou-jinshan-leshan-qingyuan``); the text reports
of the command line print them because a terminal user types them back. The window never
asks anyone to type an id, so it shows the names behind them.
"""

from __future__ import annotations

import re

from PySide6.QtGui import Qt

from importer_app.core.model import Case, Link


def as_plain(text: str) -> str:
    """Text for a place where Qt guesses whether a string is markup (tooltips, message boxes,
    dialog labels): always read as rich text, with every character of ``text`` shown as it is."""
    return Qt.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpaceNormal)


def entity_label(case: Case, entity_id: str) -> str:
    """The company's name, or a plain word when the case no longer has it."""
    return next((e.name for e in case.entities if e.id == entity_id), "a removed company")


def link_label(case: Case, link: Link) -> str:
    """``quartzite lump: Baotou Jinshan -> Leshan Qingyuan``."""
    return f"{link.material}: {entity_label(case, link.source)} -> {entity_label(case, link.target)}"


def document_label(case: Case, path: str) -> str:
    """The document's title, or its name in the case when it has no title."""
    document = next((d for d in case.documents if d.path == path), None)
    return document.title or document.path if document is not None else path


def window_text(case: Case, sentence: str) -> str:
    """A sentence of the check as the window shows it: the check names a transfer by its id too
    (``... to Delta Spinning (link gin-spinner)``, ``on link gin-spinner``) because a terminal
    user types ids back; the window drops the id or names the transfer instead."""
    if not case.links:
        return sentence
    links = {link.id: link for link in case.links}
    # Longest first, and never followed by more of an id, so ``a-b`` is not read inside ``a-b-2``.
    ids = "|".join(re.escape(key) for key in sorted(links, key=len, reverse=True))
    # After a name that ends in its own period ("Co., Ltd."), the sentence's period goes with the id.
    pattern = re.compile(rf"(?<=\.) \(link (?:{ids})\)\.| \(link (?:{ids})\)(?![\w-])|\blink ({ids})(?![\w-])")

    def name(match: re.Match[str]) -> str:
        key = match.group(1)
        return "" if key is None else f"the transfer {link_label(case, links[key])}"

    return pattern.sub(name, sentence)


_SOURCE_TAG = re.compile(r" \[S\d+[\w-]*\]")


def citation_label(citation: str) -> str:
    """A citation of the check as the window shows it: the sources' titles without the
    catalog's tags (``[S05]``), which the command line prints for looking them up."""
    return _SOURCE_TAG.sub("", citation)


def scope_label(case: Case, scope: str) -> str:
    """Where a finding or a decision applies: a company, a transfer, a document or the case."""
    kind, _, key = scope.partition(":")
    if kind == "entity":
        return entity_label(case, key)
    if kind == "link":
        link = next((k for k in case.links if k.id == key), None)
        return link_label(case, link) if link is not None else "a removed transfer"
    if kind == "document":
        return document_label(case, key)
    return "the case as a whole"
