"""The documents table: one row per document, with the flags a reviewer cares about."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt

from importer_app.core.model import Document
from importer_app.gui.labels import as_plain, link_label
from importer_app.gui.models import CaseTableModel
from importer_app.store.casefile import Change

_Index = QModelIndex | QPersistentModelIndex

PATH_ROLE = Qt.ItemDataRole.UserRole


def document_flags(document: Document, translated: Collection[str]) -> list[str]:
    """Short words for what needs attention or was done to a document."""
    flags = []
    if document.pages and not document.searchable:
        flags.append("scanned")
    if document.rendition_reason.startswith("repaired"):
        flags.append("repaired")
    if document.hostile:
        flags.append("active content removed")
    if document.language != "en" and document.path not in translated:
        flags.append("needs translation")
    if document.needs_rendition:
        flags.append("needs a PDF")
    return flags


@dataclass(frozen=True)
class _RowNames:
    """What rows show besides their own document's fields, from the rest of the case."""

    translated: frozenset[str]
    type_names: dict[str, str]
    entity_names: dict[str, str]
    link_labels: dict[str, str]


class DocumentTableModel(CaseTableModel):
    """One row per document, keyed by its path (unique and never changed in a case).

    A change updates rows in place, removes the rows of removed documents and appends new
    ones, instead of resetting the model: the view's selection and sort order are persistent
    indexes and survive every edit, so the highlighted row stays the document it was.
    """

    HEADERS = ("Title", "Type", "Date", "Pages", "Proves", "Flags")

    def _reload(self) -> None:
        self.documents: list[Document] = list(self.session.case.documents)
        self._names = self._row_names()

    def _row_names(self) -> _RowNames:
        case = self.session.case
        return _RowNames(
            translated=frozenset(d.translation_of for d in case.documents if d.translation_of),
            type_names={t: d.name for t, d in self.session.catalog.document_types.items()},
            entity_names={e.id: e.name for e in case.entities},
            link_labels={k.id: link_label(case, k) for k in case.links},
        )

    def on_changed(self, change: Change) -> None:
        fresh = {d.path: d for d in self.session.case.documents}
        names = self._row_names()
        names_changed, self._names = names != self._names, names
        for row in reversed(range(len(self.documents))):
            if self.documents[row].path not in fresh:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self.documents[row]
                self.endRemoveRows()
        kept = {d.path for d in self.documents}
        before, self.documents = self.documents, [fresh[d.path] for d in self.documents]
        # Only rows that show something new: each dataChanged makes the sorted view compare the
        # row again, and after a batch of files is added no kept row has changed at all.
        changed = range(len(self.documents)) if names_changed else [
            row for row, (old, new) in enumerate(zip(before, self.documents)) if old != new]
        for first, last in _runs(changed):
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(self.HEADERS) - 1))
        added = [d for path, d in fresh.items() if path not in kept]
        if added:
            self.beginInsertRows(QModelIndex(), len(self.documents), len(self.documents) + len(added) - 1)
            self.documents.extend(added)
            self.endInsertRows()

    def add_stored(self, document: Document) -> None:
        """A row for a document intake just stored, before the case is checked again (once, at
        the end of the batch): the user sees each file arrive."""
        if self.row_of(document.path) >= 0:
            return
        self.beginInsertRows(QModelIndex(), len(self.documents), len(self.documents))
        self.documents.append(document)
        self.endInsertRows()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.documents)

    def document_at(self, row: int) -> Document:
        return self.documents[row]

    def row_of(self, path: str) -> int:
        return next((i for i, d in enumerate(self.documents) if d.path == path), -1)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.documents):
            return None
        document = self.documents[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            names = self._names
            proves = [names.entity_names.get(e, e) for e in document.entities] + [
                names.link_labels.get(k, k) for k in document.links]
            values = (
                document.title or document.path,
                names.type_names.get(document.type, document.type),
                document.date.isoformat() if document.date else "",
                "" if document.page_count is None else str(document.page_count),
                ", ".join(proves),
                ", ".join(document_flags(document, names.translated)),
            )
            return values[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return as_plain("\n".join([document.path, *document.notes]))
        if role == PATH_ROLE:
            return document.path
        return None


def _runs(rows: Iterable[int]) -> Iterator[tuple[int, int]]:
    """Consecutive rows as (first, last) ranges, in order."""
    first = last = -2
    for row in rows:
        if row != last + 1:
            if first >= 0:
                yield first, last
            first = row
        last = row
    if first >= 0:
        yield first, last


class DocumentFilter(QSortFilterProxyModel):
    """Rows of the selected entity that match the search: in their text, title or details."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entity = ""
        self._words: list[str] = []
        self._hits: set[str] = set()

    def entity(self) -> str:
        return self._entity

    def set_entity(self, entity_id: str) -> None:
        self.beginFilterChange()
        self._entity = entity_id
        self.endFilterChange()

    def set_search(self, text: str, text_hits: set[str]) -> None:
        """``text_hits``: documents whose full text matches (from the case's search index)."""
        self.beginFilterChange()
        self._words = text.lower().split()
        self._hits = text_hits
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, DocumentTableModel)
        document = model.document_at(source_row)
        if self._entity and self._entity not in document.entities and not any(
            self._entity in (k.source, k.target) for k in model.session.case.links if k.id in document.links
        ):
            return False
        if not self._words or document.path in self._hits:
            return True
        shown = " ".join(str(model.index(source_row, c).data()) for c in range(model.columnCount())).lower()
        shown += " " + document.path.lower() + " " + " ".join(document.references).lower()
        return all(word in shown for word in self._words)
