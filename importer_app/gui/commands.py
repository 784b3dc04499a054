"""Undoable edits: each one calls the store, one transaction per redo and per undo.

Commands hold the values before and after, never widgets; the session refreshes views from
the change signal the store's return value feeds (the Orange canvas pattern).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from typing import Protocol

from PySide6.QtGui import QUndoCommand

from importer_app.core.errors import AppError
from importer_app.core.model import (
    DetentionOrder,
    Document,
    Entity,
    EvidenceStatement,
    ExtensionRequest,
    GapExplanation,
    Inquiry,
    Link,
    NotApplicable,
    ScreeningDecision,
    Shipment,
)
from importer_app.gui.held_bytes import HeldBytes
from importer_app.store.casefile import CaseFile, Change


class Notify(Protocol):
    """Where a command reports what it changed, or why it could not."""

    def command_changed(self, change: Change) -> None: ...

    def command_failed(self, message: str) -> None: ...


class StoreCommand(QUndoCommand):
    """A command whose redo and undo each run one store transaction and report the change.

    The session runs the first redo itself (:meth:`first_redo`) so that an edit the store
    refuses never reaches the undo stack; QUndoStack.push then skips its own call.
    """

    def __init__(self, text: str, casefile: CaseFile, notify: Notify) -> None:
        super().__init__(text)
        self.casefile = casefile
        self._notify = notify
        self._done_by_session = False

    def first_redo(self) -> Change:
        """Run the edit; raises AppError when the store refuses it."""
        with self.casefile.batch():
            change = self.forward()
        self._done_by_session = True
        return change

    def redo(self) -> None:
        if self._done_by_session:
            self._done_by_session = False
            return
        self._run(self.forward, "redo")

    def undo(self) -> None:
        self._run(self.backward, "undo")

    def _run(self, step: Callable[[], Change], verb: str) -> None:
        try:
            with self.casefile.batch():
                change = step()
        except AppError as error:
            # Called by Qt: an exception here would be printed, not shown; report it instead.
            self._notify.command_failed(f"Could not {verb} \"{self.text()}\": {error}")
            return
        self._notify.command_changed(change)

    def forward(self) -> Change:
        raise NotImplementedError

    def backward(self) -> Change:
        raise NotImplementedError


class SetShipment(StoreCommand):
    MERGE_ID = 1

    def __init__(self, casefile: CaseFile, notify: Notify, before: Shipment, after: Shipment, field_label: str) -> None:
        super().__init__(f"Change {field_label}", casefile, notify)
        self.before, self.after = before, after

    def id(self) -> int:
        return self.MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt's name)
        """Consecutive edits of one field are one undo step (ticking a date "known", then
        choosing the date); back where it started, the step disappears."""
        if not isinstance(other, SetShipment) or other.text() != self.text():
            return False
        self.after = other.after
        self.setObsolete(self.after == self.before)
        return True

    def forward(self) -> Change:
        return self.casefile.set_shipment(self.after)

    def backward(self) -> Change:
        return self.casefile.set_shipment(self.before)


class AddEntity(StoreCommand):
    def __init__(self, casefile: CaseFile, notify: Notify, entity: Entity) -> None:
        super().__init__(f"Add {entity.name}", casefile, notify)
        self.entity = entity

    def forward(self) -> Change:
        return self.casefile.add_entity(self.entity)

    def backward(self) -> Change:
        return self.casefile.remove_entity(self.entity.id)


class UpdateEntity(StoreCommand):
    def __init__(self, casefile: CaseFile, notify: Notify, before: Entity, after: Entity) -> None:
        super().__init__(f"Edit {after.name}", casefile, notify)
        self.before, self.after = before, after

    def forward(self) -> Change:
        return self.casefile.update_entity(self.after)

    def backward(self) -> Change:
        return self.casefile.update_entity(self.before)


class RemoveEntity(StoreCommand):
    """Removing an entity unties it from documents; undo ties them again."""

    def __init__(self, casefile: CaseFile, notify: Notify, entity: Entity, tied: tuple[Document, ...]) -> None:
        super().__init__(f"Remove {entity.name}", casefile, notify)
        self.entity, self.tied = entity, tied
        self.position = casefile.position("entities", entity.id)

    def forward(self) -> Change:
        return self.casefile.remove_entity(self.entity.id)

    def backward(self) -> Change:
        change = self.casefile.add_entity(self.entity, self.position)
        for document in self.tied:
            self.casefile.update_document(document)
        return change


class AddLink(StoreCommand):
    def __init__(self, casefile: CaseFile, notify: Notify, link: Link) -> None:
        super().__init__(f"Add the transfer of {link.material}", casefile, notify)
        self.link = link

    def forward(self) -> Change:
        return self.casefile.add_link(self.link)

    def backward(self) -> Change:
        return self.casefile.remove_link(self.link.id)


class UpdateLink(StoreCommand):
    def __init__(self, casefile: CaseFile, notify: Notify, before: Link, after: Link) -> None:
        super().__init__(f"Edit the transfer of {after.material}", casefile, notify)
        self.before, self.after = before, after

    def forward(self) -> Change:
        return self.casefile.update_link(self.after)

    def backward(self) -> Change:
        return self.casefile.update_link(self.before)


class RemoveLink(StoreCommand):
    """Removing a link unties it from documents; undo ties them again."""

    def __init__(self, casefile: CaseFile, notify: Notify, link: Link, tied: tuple[Document, ...]) -> None:
        super().__init__(f"Remove the transfer of {link.material}", casefile, notify)
        self.link, self.tied = link, tied
        self.position = casefile.position("links", link.id)

    def forward(self) -> Change:
        return self.casefile.remove_link(self.link.id)

    def backward(self) -> Change:
        change = self.casefile.add_link(self.link, self.position)
        for document in self.tied:
            self.casefile.update_document(document)
        return change


class UpdateDocument(StoreCommand):
    def __init__(self, casefile: CaseFile, notify: Notify, before: Document, after: Document) -> None:
        super().__init__(f"Edit {after.title or after.path}", casefile, notify)
        self.before, self.after = before, after

    def forward(self) -> Change:
        return self.casefile.update_document(self.after)

    def backward(self) -> Change:
        return self.casefile.update_document(self.before)


class RemoveDocument(StoreCommand):
    """Remove a document; undo stores it again with its bytes, PDF, searchable text and ties.

    Translations that named it as their original are untied and tied again on undo.
    """

    def __init__(self, casefile: CaseFile, notify: Notify, document: Document, translations: tuple[Document, ...],
                 label: str) -> None:
        super().__init__(f"Remove {label}", casefile, notify)
        self.document, self.translations = document, translations
        self.data = HeldBytes(casefile.read_blob(document.sha256))
        self.rendition = HeldBytes(casefile.read_blob(document.rendition_sha256)) if document.rendition_sha256 else None
        self.text = casefile.document_text(document.path)
        self.added_at = casefile.document_added_at(document.path)

    def forward(self) -> Change:
        for translation in self.translations:
            self.casefile.update_document(dataclasses.replace(translation, translation_of=""))
        return self.casefile.remove_document(self.document.path)

    def backward(self) -> Change:
        change = self._store_again()
        for translation in self.translations:
            self.casefile.update_document(translation)
        return change


    def _store_again(self) -> Change:
        return self.casefile.add_document(self.document, self.data.read(),
                                          rendition=self.rendition.read() if self.rendition else None,
                                          text=self.text, added_at=self.added_at)


class ReplaceDocument(RemoveDocument):
    """Put a newly added file in the place of a document: its details, ties and translations
    move to the new one and the old one is removed. Undo brings the old one back and gives
    the new one the details it was added with (the new file itself stays, like every file added)."""

    def __init__(self, casefile: CaseFile, notify: Notify, old: Document, new: Document,
                 translations: tuple[Document, ...], label: str) -> None:
        super().__init__(casefile, notify, old, translations, label)
        self.setText(f"Replace {label}")
        self.new = new

    def forward(self) -> Change:
        old = self.document
        self.casefile.update_document(dataclasses.replace(
            self.new, type=old.type, title=old.title, date=old.date, entities=old.entities, links=old.links,
            references=old.references, language=old.language, translation_of=old.translation_of))
        for translation in self.translations:
            self.casefile.update_document(dataclasses.replace(translation, translation_of=self.new.path))
        self.casefile.remove_document(old.path)
        return Change("documents", "update", self.new.path)

    def backward(self) -> Change:
        self._store_again()
        for translation in self.translations:
            self.casefile.update_document(translation)
        self.casefile.update_document(self.new)
        return Change("documents", "update", self.document.path)


class SetNotApplicable(StoreCommand):
    def __init__(self, casefile: CaseFile, notify: Notify, decision: NotApplicable, before: NotApplicable | None,
                 title: str) -> None:
        super().__init__(f"Mark {title} not applicable", casefile, notify)
        self.decision, self.before = decision, before

    def forward(self) -> Change:
        return self.casefile.set_not_applicable(self.decision)

    def backward(self) -> Change:
        if self.before is not None:
            return self.casefile.set_not_applicable(self.before)
        return self.casefile.clear_not_applicable(self.decision.requirement, self.decision.scope)


class ReopenNotApplicable(StoreCommand):
    """Take back a not-applicable decision: the item counts as missing again until provided."""

    def __init__(self, casefile: CaseFile, notify: Notify, decision: NotApplicable, title: str) -> None:
        super().__init__(f"Reopen {title}", casefile, notify)
        self.decision = decision

    def forward(self) -> Change:
        return self.casefile.clear_not_applicable(self.decision.requirement, self.decision.scope)

    def backward(self) -> Change:
        return self.casefile.set_not_applicable(self.decision)


class DecideScreeningHit(StoreCommand):
    """Confirm or dismiss a candidate list hit, or reopen it (``after`` None)."""

    def __init__(self, casefile: CaseFile, notify: Notify, key: str, before: ScreeningDecision | None,
                 after: ScreeningDecision | None, label: str) -> None:
        super().__init__(label, casefile, notify)
        self.key, self.before, self.after = key, before, after

    def forward(self) -> Change:
        return self._set(self.after)

    def backward(self) -> Change:
        return self._set(self.before)

    def _set(self, decision: ScreeningDecision | None) -> Change:
        if decision is None:
            return self.casefile.clear_screening_decision(self.key)
        return self.casefile.decide_screening_hit(decision)


class SetSettings(StoreCommand):
    """Change case settings (the free-text parts of the forms) as one undoable step.

    A setting that did not exist comes back as an empty string on undo: every reader treats
    empty and missing alike, and the store has no way to delete a setting.
    """

    def __init__(self, casefile: CaseFile, notify: Notify, before: Mapping[str, str], after: Mapping[str, str],
                 label: str) -> None:
        super().__init__(f"Change {label}", casefile, notify)
        self.before, self.after = dict(before), dict(after)

    def forward(self) -> Change:
        return self._write(self.after)

    def backward(self) -> Change:
        return self._write(self.before)

    def _write(self, values: Mapping[str, str]) -> Change:
        for key, value in values.items():
            self.casefile.set_setting(key, value)
        return Change("settings", "update", ",".join(sorted(values)))


class Compound(StoreCommand):
    """Several edits as one undo step (a company and the decision about its location), run in
    one transaction each way; undo takes them back in reverse order."""

    def __init__(self, casefile: CaseFile, notify: Notify, text: str, parts: Sequence[StoreCommand]) -> None:
        super().__init__(text, casefile, notify)
        self.parts = tuple(parts)

    def forward(self) -> Change:
        for part in self.parts:
            part.forward()
        return Change("case", "update", "case")

    def backward(self) -> Change:
        for part in reversed(self.parts):
            part.backward()
        return Change("case", "update", "case")


class PutGapExplanation(StoreCommand):
    """Record, change or withdraw (``after`` None) the explanation of one gap."""

    def __init__(self, casefile: CaseFile, notify: Notify, requirement: str, scope: str,
                 before: GapExplanation | None, after: GapExplanation | None, label: str) -> None:
        super().__init__(label, casefile, notify)
        self.requirement, self.scope, self.before, self.after = requirement, scope, before, after

    def forward(self) -> Change:
        return self._set(self.after)

    def backward(self) -> Change:
        return self._set(self.before)

    def _set(self, gap: GapExplanation | None) -> Change:
        if gap is None:
            return self.casefile.remove_gap_explanation(self.requirement, self.scope)
        return self.casefile.put_gap_explanation(gap)


class PutInquiry(StoreCommand):
    """Record, change or remove (``after`` None) one CBP request for information; a removed
    one comes back at its place on undo."""

    def __init__(self, casefile: CaseFile, notify: Notify, inquiry_id: str, before: Inquiry | None,
                 after: Inquiry | None, label: str, following: Sequence[Inquiry] = ()) -> None:
        """``following``: the inquiries after a removed one, put back after it on undo."""
        super().__init__(label, casefile, notify)
        self.inquiry_id, self.before, self.after = inquiry_id, before, after
        self.following = tuple(following)

    def forward(self) -> Change:
        if self.after is None:
            return self.casefile.remove_inquiry(self.inquiry_id)
        return self.casefile.put_inquiry(self.after)

    def backward(self) -> Change:
        if self.before is None:
            return self.casefile.remove_inquiry(self.inquiry_id)
        if self.after is not None:
            return self.casefile.put_inquiry(self.before)
        for inquiry in self.following:
            self.casefile.remove_inquiry(inquiry.id)
        change = self.casefile.put_inquiry(self.before)
        for inquiry in self.following:
            self.casefile.put_inquiry(inquiry)
        return change


class SetEvidenceStatement(StoreCommand):
    """Sign off, change or withdraw (``after`` None) the statement that the evidence is clear
    and convincing."""

    def __init__(self, casefile: CaseFile, notify: Notify, before: EvidenceStatement | None,
                 after: EvidenceStatement | None, label: str) -> None:
        super().__init__(label, casefile, notify)
        self.before, self.after = before, after

    def forward(self) -> Change:
        return self.casefile.set_evidence_statement(self.after)

    def backward(self) -> Change:
        return self.casefile.set_evidence_statement(self.before)


class SetOrder(StoreCommand):
    """Record, change or remove (``after`` None) the order the goods are held under."""

    def __init__(self, casefile: CaseFile, notify: Notify, before: DetentionOrder | None,
                 after: DetentionOrder | None, label: str) -> None:
        super().__init__(label, casefile, notify)
        self.before, self.after = before, after

    def forward(self) -> Change:
        return self.casefile.set_order(self.after)

    def backward(self) -> Change:
        return self.casefile.set_order(self.before)


class SetExtensionRequests(StoreCommand):
    """Add, change or remove a request for more time: the whole list before and after, so a
    removed request comes back at its place on undo."""

    def __init__(self, casefile: CaseFile, notify: Notify, before: Sequence[ExtensionRequest],
                 after: Sequence[ExtensionRequest], label: str) -> None:
        super().__init__(label, casefile, notify)
        self.before, self.after = tuple(before), tuple(after)

    def forward(self) -> Change:
        return self.casefile.set_extension_requests(self.after)

    def backward(self) -> Change:
        return self.casefile.set_extension_requests(self.before)
