"""The Review page: what CBP would still find missing, why, and what to do about each item."""

from __future__ import annotations

import datetime as dt
import html
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QResizeEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTextBrowser,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from importer_app.case.intake import AddOptions
from importer_app.core.gaps import Gap, case_gaps
from importer_app.core.model import NotApplicable, ScreeningDecision
from importer_app.core.report import Finding
from importer_app.core.screening_state import ScreeningCandidate
from importer_app.gui.commands import DecideScreeningHit, ReopenNotApplicable, SetNotApplicable
from importer_app.gui.gap_dialog import explain_gap
from importer_app.gui.labels import as_plain, citation_label, scope_label, window_text
from importer_app.gui.session import CaseSession
from importer_app.gui.set_aside import SetAside, set_aside_items
from importer_app.gui.workers import Worker
from importer_app.screening import LIST_TITLES, MAX_AGE_DAYS, ImportResult, import_list
from importer_app.store.casefile import Change
from importer_app.core.plural import counted, verb

FINDING_ROLE = Qt.ItemDataRole.UserRole + 1
SET_ASIDE_ROLE = Qt.ItemDataRole.UserRole + 2
SET_ASIDE = "set aside"
SEVERITY_COLOURS = {"missing": QColor("#b00020"), "warning": QColor("#a15c00"), "info": QColor("#44546a")}
SEVERITY_WORDS = {"missing": "Missing", "warning": "Recommended", "info": "Note"}
# Consistency findings rest on a catalog row too, but are grouped by what kind of problem they are.
# The order of the next steps at the top: a deadline that passed, then the chain's shape (its
# companies and their order), then list matches, then the documents for each item.
NEXT_STEP_ORDER = {"deadline": 0, "structure": 1, "chronology": 2, "screening": 3, "requirement": 4}
NEXT_STEPS = 3
# Items filled in on the Shipment page's boxes, by how the catalog says they are satisfied.
SHIPMENT_BOXES = {"inquiries": "shipment:inquiries", "sign-off": "shipment:evidence_statement"}
CHECK_BOXES = {
    "order-releases-goods": "shipment:order", "order-is-finding": "shipment:order",
    "order-became-finding": "shipment:order",
    "extension-limit": "shipment:extension_requests", "extension-past-due": "shipment:extension_requests",
}
"""The Shipment page's box for the case-wide findings of the order and of the requests for
more time: they all rest on PKG-02, so the check that words them says which box it is."""
KIND_CATEGORIES = {
    "quantity": "Quantities", "chronology": "Dates", "reference": "Reference numbers",
    "structure": "Supply chain structure", "deadline": "Deadlines", "screening": "Screening",
    "translation": "Translations", "preflight": "Before export",
}


class ReviewPage(QWidget):
    """Signals ask the window to show an entity, link or document (``go_to(scope)``) and to
    add documents for a finding (``add_documents(paths, options)``)."""

    go_to = Signal(str)
    add_documents = Signal(list, object)
    step_requested = Signal(str)

    def __init__(self, session: CaseSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.ask_reason = self._ask_reason
        self.explain: Callable[[Gap], bool] = lambda gap: explain_gap(self.session, gap, self)
        self.choose_files = self._choose_files
        self.ask_dismissal = self._ask_dismissal
        self.ask_confirmation = self._ask_confirmation
        self.choose_list_file = self._choose_list_file
        self.list_worker: Worker | None = None
        self.lists_label = QLabel()
        self.lists_label.setWordWrap(True)
        self.lists_label.setTextFormat(Qt.TextFormat.RichText)
        self.import_button = QPushButton("Import list…")
        self.import_button.setToolTip("Import the UFLPA Entity List page (saved as HTML) or CBP's Withhold Release"
                                      " Orders and Findings CSV that you downloaded. The app never goes online.")
        self.import_button.clicked.connect(self.on_import_list)
        self.meter = QProgressBar()
        self.meter.setTextVisible(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.next_box = QGroupBox("Next steps")
        next_column = QVBoxLayout(self.next_box)
        next_column.setContentsMargins(6, 2, 6, 2)
        next_column.setSpacing(2)
        self.next_buttons: list[QPushButton] = []
        self._next: list[Finding] = []
        for number in range(NEXT_STEPS):
            button = _StepButton()
            button.setFlat(True)
            button.setStyleSheet("text-align: left;")
            button.clicked.connect(lambda checked=False, n=number: self.on_next_step(n))
            next_column.addWidget(button)
            self.next_buttons.append(button)
        self.severity = QComboBox()
        self.severity.addItem("Missing only", ("missing",))
        self.severity.addItem("Missing and recommended", ("missing", "warning"))
        self.severity.addItem("Everything", ("missing", "warning", "info", SET_ASIDE))
        self.severity.addItem("Set aside (not applicable, decided matches)", (SET_ASIDE,))
        self.entity = QComboBox()
        self.severity.currentIndexChanged.connect(self.rebuild)
        self.entity.currentIndexChanged.connect(self.rebuild)
        self.model = QStandardItemModel(self)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.selectionModel().currentChanged.connect(self.on_current_changed)
        self.details = QTextBrowser()
        self.details.setOpenLinks(False)
        self.go_button = QPushButton("Go to it")
        self.add_button = QPushButton("Add a document for it…")
        self.na_button = QPushButton("Mark not applicable…")
        self.explain_button = QPushButton("Explain why it is missing…")
        self.explain_button.setToolTip("Why the document does not exist or is unavailable, and the requests you made"
                                       " for it: CBP reads this in the bundle's evidence response.")
        self.confirm_button = QPushButton("It is this entity…")
        self.dismiss_button = QPushButton("Not this entity…")
        self.reopen_button = QPushButton("Reopen")
        self.go_button.clicked.connect(self.on_go)
        self.add_button.clicked.connect(self.on_add)
        self.na_button.clicked.connect(self.on_not_applicable)
        self.explain_button.clicked.connect(self.on_explain)
        self.confirm_button.clicked.connect(self.on_confirm)
        self.dismiss_button.clicked.connect(self.on_dismiss)
        self.reopen_button.clicked.connect(self.on_reopen)

        filters = QHBoxLayout()
        filters.addWidget(QLabel("Show"))
        filters.addWidget(self.severity)
        filters.addWidget(QLabel("for"))
        filters.addWidget(self.entity, 1)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.meter)
        column.addWidget(self.summary)
        column.addWidget(self.next_box)
        lists = QHBoxLayout()
        lists.addWidget(self.lists_label, 1)
        lists.addWidget(self.import_button, 0, Qt.AlignmentFlag.AlignTop)
        column.addLayout(lists)
        column.addLayout(filters)
        column.addWidget(self.tree, 1)
        # Two short rows rather than one long one: the panel fits beside the tree on a small screen.
        actions = QVBoxLayout()
        for row_buttons in ((self.go_button, self.add_button), (self.na_button, self.explain_button),
                            (self.confirm_button, self.dismiss_button, self.reopen_button)):
            row = QHBoxLayout()
            for button in row_buttons:
                row.addWidget(button)
            row.addStretch(1)
            actions.addLayout(row)
        right = QWidget()
        side = QVBoxLayout(right)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.details, 1)
        side.addLayout(actions)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([620, 520])
        QVBoxLayout(self).addWidget(splitter)
        session.changed.connect(self.on_changed)
        self._fill_entities()
        self.rebuild()

    # -- building the tree ------------------------------------------------------------------

    def on_changed(self, change: Change) -> None:
        if change.area in ("entities", "case"):
            self._fill_entities()
        self.rebuild()

    def _fill_entities(self) -> None:
        current = self.entity.currentData()
        self.entity.blockSignals(True)
        self.entity.clear()
        self.entity.addItem("the whole case", "")
        for entity in self.session.case.entities:
            self.entity.addItem(entity.name, entity.id)
        self.entity.setCurrentIndex(max(0, self.entity.findData(current)))
        self.entity.blockSignals(False)

    def visible_findings(self) -> list[Finding]:
        severities = self.severity.currentData()
        entity = self.entity.currentData()
        links_of_entity = {k.id for k in self.session.case.links if entity in (k.source, k.target)}
        found = []
        for finding in self.session.report.findings:
            if finding.severity not in severities:
                continue
            if entity and finding.scope != f"entity:{entity}" and finding.scope.removeprefix("link:") not in links_of_entity:
                continue
            found.append(finding)
        return found

    def next_steps(self) -> list[Finding]:
        """The first things to fix: at most three blocking findings, the most basic first."""
        missing = [f for f in self.session.report.findings if f.severity == "missing"]
        return sorted(missing, key=lambda f: NEXT_STEP_ORDER.get(f.kind, len(NEXT_STEP_ORDER)))[:NEXT_STEPS]

    def _show_next_steps(self) -> None:
        steps = self._next = self.next_steps()
        for number, button in enumerate(self.next_buttons):
            finding = steps[number] if number < len(steps) else None
            button.setVisible(finding is not None or number == 0)
            if finding is not None:
                button.set_full_text(f"{number + 1}. {self._step_text(finding)}")
                button.setToolTip(as_plain(window_text(self.session.case, finding.message)))
        if not steps:
            self.next_buttons[0].set_full_text("Nothing CBP requires is missing: export the bundle on the Export page.")
            self.next_buttons[0].setToolTip("")

    def _step_text(self, finding: Finding) -> str:
        where = scope_label(self.session.case, finding.scope)
        if finding.kind == "requirement":
            return f"{self.session.report.titles.get(finding.requirement, 'An item CBP asks for')}: {where}"
        sentence = window_text(self.session.case, finding.message)
        return sentence if len(sentence) <= 110 else sentence[:110].rsplit(" ", 1)[0] + "…"

    def on_next_step(self, number: int) -> None:
        if number >= len(self._next):
            self.step_requested.emit("Export")
            return
        finding = self._next[number]
        self.severity.setCurrentIndex(0)
        self.entity.setCurrentIndex(0)
        index = next((i for i in _indexes(self.model) if i.data(FINDING_ROLE) == finding), None)
        if index is not None:
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)
            self.tree.setFocus()

    def rebuild(self) -> None:
        self._show_meter()
        self._show_next_steps()
        self._show_lists()
        self.model.clear()
        catalog = self.session.catalog
        known = {row.id: row for row in catalog.information_types}
        categories: dict[str, QStandardItem] = {}
        requirements: dict[tuple[str, str], QStandardItem] = {}
        for finding in self.visible_findings():
            row = known.get(finding.requirement)
            category = row.category if row is not None and finding.kind == "requirement" else \
                KIND_CATEGORIES.get(finding.kind, finding.kind.title())
            if category not in categories:
                categories[category] = QStandardItem(category)
                categories[category].setEditable(False)
                self.model.appendRow(categories[category])
            title = row.title if row is not None else KIND_CATEGORIES.get(finding.kind, finding.kind.title())
            key = (category, title)
            if key not in requirements:
                requirements[key] = QStandardItem(title)
                requirements[key].setEditable(False)
                categories[category].appendRow(requirements[key])
            leaf = QStandardItem(f"{SEVERITY_WORDS[finding.severity]}: {scope_label(self.session.case, finding.scope)}")
            leaf.setEditable(False)
            leaf.setForeground(QBrush(SEVERITY_COLOURS[finding.severity]))
            leaf.setData(finding, FINDING_ROLE)
            requirements[key].appendRow(leaf)
        if SET_ASIDE in self.severity.currentData():
            self._add_set_aside()
        for item in categories.values():
            item.setText(f"{item.text()} ({_leaves(item)})")
        self.tree.expandAll()
        self._show_finding(None)

    def _add_set_aside(self) -> None:
        """Items the check no longer counts, which only the user's decision keeps out of sight."""
        items = set_aside_items(self.session, self.entity.currentData())
        category = QStandardItem(f"Set aside ({len(items)})")
        category.setEditable(False)
        self.model.appendRow(category)
        groups = {NotApplicable: QStandardItem("Not applicable, with your reason"),
                  ScreeningDecision: QStandardItem("Decided list matches")}
        for group in groups.values():
            group.setEditable(False)
        for item in items:
            leaf = QStandardItem(item.heading)
            leaf.setEditable(False)
            leaf.setToolTip(as_plain(item.heading))
            leaf.setData(item, SET_ASIDE_ROLE)
            groups[type(item.decision)].appendRow(leaf)
        for group in groups.values():
            if group.rowCount():
                category.appendRow(group)
        if not items:
            empty = QStandardItem("Nothing is set aside: no item is marked not applicable and no list match is decided.")
            empty.setEditable(False)
            empty.setEnabled(False)
            category.appendRow(empty)

    def _show_meter(self) -> None:
        report = self.session.report
        states = Counter(status.state for status in report.statuses)
        ready = states["satisfied"] + states["not_applicable"] + states["provided"]
        total = ready + states["missing"]
        self.meter.setRange(0, max(total, 1))
        self.meter.setValue(ready)
        self.meter.setFormat(f"{ready} of {total} items CBP asks for are covered (%p%)")
        counts = report.counts
        verdict = "Nothing required is missing." if report.complete else f"{counted(counts['missing'], 'item')} {verb(counts['missing'], 'blocks', 'block')} the submission."
        self.summary.setText(f"{verdict} {counted(counts['warning'], 'recommended item')} and {counted(counts['info'], 'note')}."
                             f" Catalog {report.catalog_version}, as of {report.catalog_as_of.isoformat()}.")

    # -- one finding -----------------------------------------------------------------------------

    def selected_finding(self) -> Finding | None:
        finding = self.tree.currentIndex().data(FINDING_ROLE)
        return finding if isinstance(finding, Finding) else None

    def selected_set_aside(self) -> SetAside | None:
        item = self.tree.currentIndex().data(SET_ASIDE_ROLE)
        return item if isinstance(item, SetAside) else None

    def on_current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        set_aside = self.selected_set_aside()
        if set_aside is not None:
            self._show_set_aside(set_aside)
        else:
            self._show_finding(self.selected_finding())

    def _show_set_aside(self, item: SetAside) -> None:
        for button in (self.add_button, self.na_button, self.explain_button, self.confirm_button, self.dismiss_button):
            button.setEnabled(False)
            button.setVisible(button in (self.add_button, self.na_button, self.explain_button))
        self.reopen_button.setVisible(True)
        self.reopen_button.setEnabled(True)
        decision = item.decision
        scope = decision.scope if isinstance(decision, NotApplicable) else f"entity:{decision.entity_id}"
        kind, _, key = scope.partition(":")
        case = self.session.case
        self.go_button.setEnabled(any(e.id == key for e in case.entities) if kind == "entity" else
                                  any(k.id == key for k in case.links) if kind == "link" else False)
        reason = html.escape(item.reason) if item.reason else "<i>no note given</i>"
        self.details.setHtml(f"<h3>Set aside</h3><p>{html.escape(item.explanation)}</p>"
                             f"<p><b>Your reason:</b> {reason}</p>"
                             "<p style='color:#555'>Reopen puts it back among what the check reports;"
                             " Undo takes the reopening back.</p>")

    def _show_lists(self) -> None:
        """Which list versions the case is screened against, and how old they are."""
        screening = self.session.screening
        parts = []
        for status in screening.facts.lists:
            title = LIST_TITLES[status.list_id]
            snapshot = status.snapshot
            if snapshot is None:
                parts.append(f"<b>{title}</b>: <span style='color:#b00020'>never imported</span>")
                continue
            colour = "#a15c00" if (status.age_days or 0) > MAX_AGE_DAYS else "#2e6b3a"
            kept = "kept in this case" if status.list_id in screening.in_case else "on this computer only"
            parts.append(f"<b>{title}</b>: {html.escape(snapshot.file_name)}, imported "
                         f"<span style='color:{colour}'>{snapshot.confirmed_at:%Y-%m-%d} ({status.age_days} days ago)"
                         f"</span>, {snapshot.entity_count} entries, {kept}")
        if self.session.list_problem:
            parts.append(f"<span style='color:#b00020'>{html.escape(self.session.list_problem)}</span>")
        self.lists_label.setText("Screening lists: " + "<br>".join(parts))

    def _show_finding(self, finding: Finding | None) -> None:
        for button in (self.go_button, self.add_button, self.na_button, self.explain_button):
            button.setEnabled(finding is not None)
            button.setVisible(True)
        self.reopen_button.setEnabled(True)
        candidate = self.candidate(finding)
        decided = candidate is not None and self._decision(candidate) is not None
        self.confirm_button.setVisible(candidate is not None and not decided)
        self.dismiss_button.setVisible(candidate is not None and not decided)
        self.reopen_button.setVisible(decided)
        if finding is None:
            self.details.setHtml("<p>Select an item to see what CBP expects, why, and how to fix it.</p>")
            return
        row = next((r for r in self.session.catalog.information_types if r.id == finding.requirement), None)
        # Messages quote names and reasons from the case and the lists: escaped, never markup.
        message = window_text(self.session.case, finding.message)
        parts = [f"<h3>{SEVERITY_WORDS[finding.severity]}</h3><p>{html.escape(message)}</p>"]
        if row is not None:
            parts.append(f"<p><b>{html.escape(row.title)}</b>: {html.escape(row.proves)}</p>"
                         f"<p>{html.escape(row.guidance)}</p>")
            if row.satisfied_by == "screening":
                parts.append("<p>In the window: <b>Import list…</b> at the top of this page takes a list file you"
                             " downloaded.</p>")
        gap = self.gap_for(finding)
        self.explain_button.setEnabled(gap is not None)
        self.explain_button.setText("Change the explanation…" if gap is not None and gap.explanation else
                                    "Explain why it is missing…")
        if gap is not None:
            parts.append(_explanation_html(gap))
        parts.append(f"<p style='color:#555'>Source: {html.escape(citation_label(finding.citation))}</p>")
        self.details.setHtml("".join(parts))
        self.add_button.setEnabled(row is not None and bool(row.documents) and candidate is None)
        self.na_button.setEnabled(_can_set_aside(finding))
        self.go_button.setEnabled(finding.scope != "case" or self._shipment_box(finding) != "")

    def on_go(self) -> None:
        finding = self.selected_finding()
        set_aside = self.selected_set_aside()
        if finding is not None:
            self.go_to.emit(self._shipment_box(finding) or finding.scope)
        elif set_aside is not None:
            decision = set_aside.decision
            self.go_to.emit(decision.scope if isinstance(decision, NotApplicable) else f"entity:{decision.entity_id}")

    def on_add(self) -> None:
        finding = self.selected_finding()
        row = next((r for r in self.session.catalog.information_types if finding and r.id == finding.requirement), None)
        if finding is None or row is None or not row.documents:
            return
        paths = self.choose_files()
        if not paths:
            return
        kind, _, key = finding.scope.partition(":")
        options = AddOptions(type=row.documents[0], entities=(key,) if kind == "entity" else (),
                             links=(key,) if kind == "link" else ())
        self.add_documents.emit(paths, options)

    def on_not_applicable(self) -> None:
        finding = self.selected_finding()
        if finding is None or not _can_set_aside(finding):
            return
        reason = self.ask_reason(finding)
        if not reason:
            return
        before = next((n for n in self.session.case.not_applicable
                       if n.requirement == finding.requirement and n.scope == finding.scope), None)
        decision = NotApplicable(finding.requirement, finding.scope, reason)
        title = self.session.report.titles.get(finding.requirement, "this item")
        self.session.apply(SetNotApplicable(self.session.casefile, self.session, decision, before, f"\u201c{title}\u201d"))

    def _shipment_box(self, finding: Finding) -> str:
        """Where on the Shipment page a case-wide item is filled in (CBP's requests, the
        evidence statement, the order, the requests for more time), as a scope for ``go_to``;
        empty for any other item."""
        if finding.scope != "case":
            return ""
        if finding.check in CHECK_BOXES:
            return CHECK_BOXES[finding.check]
        row = next((r for r in self.session.catalog.information_types if r.id == finding.requirement), None)
        return SHIPMENT_BOXES.get(row.satisfied_by, "") if row is not None else ""

    def gap_for(self, finding: Finding | None) -> Gap | None:
        """The missing item a finding reports, which the importer can explain to CBP."""
        if finding is None or finding.kind != "requirement":
            return None
        return next((gap for gap in case_gaps(self.session.case, self.session.report, self.session.catalog)
                     if gap.requirement == finding.requirement and gap.scope == finding.scope), None)

    def on_explain(self) -> None:
        gap = self.gap_for(self.selected_finding())
        if gap is not None:
            self.explain(gap)

    # -- list screening ------------------------------------------------------------------------

    def candidate(self, finding: Finding | None) -> ScreeningCandidate | None:
        """The candidate hit a screening finding is about (its message quotes what matched)."""
        if finding is None or finding.kind != "screening":
            return None
        entity_id = finding.scope.removeprefix("entity:")
        return next((c for c in self.session.screening.state.candidates
                     if c.entity_id == entity_id and c.why in finding.message), None)

    def _decision(self, candidate: ScreeningCandidate) -> ScreeningDecision | None:
        return next((d for d in self.session.case.screening_decisions if d.key == candidate.key), None)

    def on_confirm(self) -> None:
        self._decide("confirmed")

    def on_dismiss(self) -> None:
        self._decide("dismissed")

    def _decide(self, decision: str) -> None:
        candidate = self.candidate(self.selected_finding())
        if candidate is None:
            return
        name = self.session.case.entity(candidate.entity_id).name
        asked = self.ask_confirmation(name, candidate) if decision == "confirmed" else self.ask_dismissal(name, candidate)
        if asked is None:
            return
        after = ScreeningDecision(candidate.key, candidate.entity_id, decision, asked, dt.datetime.now(dt.UTC))
        label = f"{'Confirm' if decision == 'confirmed' else 'Dismiss'} list match for {name}"
        self.session.apply(DecideScreeningHit(self.session.casefile, self.session, candidate.key,
                                              self._decision(candidate), after, label))

    def on_reopen(self) -> None:
        set_aside = self.selected_set_aside()
        if set_aside is not None:
            self._reopen_set_aside(set_aside.decision)
            return
        candidate = self.candidate(self.selected_finding())
        if candidate is None:
            return
        name = self.session.case.entity(candidate.entity_id).name
        self.session.apply(DecideScreeningHit(self.session.casefile, self.session, candidate.key,
                                              self._decision(candidate), None, f"Reopen list match for {name}"))

    def _reopen_set_aside(self, decision: NotApplicable | ScreeningDecision) -> None:
        if isinstance(decision, NotApplicable):
            title = self.session.report.titles.get(decision.requirement, "this item")
            label = f"\u201c{title}\u201d for {scope_label(self.session.case, decision.scope)}"
            self.session.apply(ReopenNotApplicable(self.session.casefile, self.session, decision, label))
            return
        name = scope_label(self.session.case, f"entity:{decision.entity_id}")
        self.session.apply(DecideScreeningHit(self.session.casefile, self.session, decision.key, decision, None,
                                              f"Reopen list match for {name}"))

    def on_import_list(self) -> None:
        path = self.choose_list_file()
        if path is None or (self.list_worker is not None and self.list_worker.running):
            return
        self.import_button.setEnabled(False)
        self.lists_label.setText(f"Importing {html.escape(path.name)}…")
        worker = Worker(lambda progress, cancel: import_list(path, dt.datetime.now(dt.UTC)), self)
        worker.succeeded.connect(self._list_imported)
        worker.failed.connect(self._list_refused)
        worker.finished.connect(lambda: self.import_button.setEnabled(True))
        self.list_worker = worker
        worker.start()

    def _list_imported(self, result: ImportResult) -> None:
        self.session.lists_changed()
        snapshot = result.snapshot
        notes = "".join(f"<br>{html.escape(note)}" for note in snapshot.notes)
        verb = "confirmed as current" if result.already_imported else f"imported: {snapshot.entity_count} entries"
        self.details.setHtml(f"<h3>{html.escape(snapshot.title)}</h3><p>{html.escape(snapshot.file_name)} {verb}. Every entity"
                             f" was screened against it.{notes}</p>")

    def _list_refused(self, message: str) -> None:
        self._show_lists()
        self.details.setHtml(f"<h3>List not imported</h3><p>{html.escape(message)}</p>"
                             "<p>The lists in use are unchanged.</p>")

    def _ask_dismissal(self, name: str, candidate: ScreeningCandidate) -> str | None:
        reason, ok = QInputDialog.getMultiLineText(
            self, "Not this entity",
            as_plain(f"{candidate.why}\n\nWhy is {name} not the listed entity? Give what differs (address,"
                     " registration number, owners). CBP reads this reason in the screening record."))
        return reason.strip() if ok and reason.strip() else None

    def _ask_confirmation(self, name: str, candidate: ScreeningCandidate) -> str | None:
        note, ok = QInputDialog.getMultiLineText(
            self, "It is this entity",
            as_plain(f"{candidate.why}\n\nConfirm that {name} is the entity on the {candidate.list_title}. The"
                     " submission must then address this connection. A note for the record (optional):"))
        return note.strip() if ok else None

    def _choose_list_file(self) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self, "Import an official list", "",
                                              "List files (*.csv *.html *.htm);;All files (*)")
        return Path(name) if name else None

    def _ask_reason(self, finding: Finding) -> str | None:
        reason, ok = QInputDialog.getMultiLineText(
            self, "Mark not applicable",
            as_plain(f"Why does \u201c{self.session.report.titles.get(finding.requirement, finding.requirement)}\u201d"
                     f" not apply to {scope_label(self.session.case, finding.scope)}?"
                     " CBP will read this reason in the bundle."))
        return reason.strip() if ok and reason.strip() else None

    def _choose_files(self) -> list[Path]:
        names, _ = QFileDialog.getOpenFileNames(self, "Add documents for this item")
        return [Path(n) for n in names]


def _explanation_html(gap: Gap) -> str:
    """The explanation on record, as CBP will read it, or a line saying there is none."""
    explanation = gap.explanation
    if explanation is None:
        return ("<p><b>Your explanation for CBP:</b> <span style='color:#b00020'>none yet</span>. The bundle says the"
                " reason is not stated; <b>Explain why it is missing…</b> gives it.</p>")
    lines = [f"<p><b>Your explanation for CBP:</b> {html.escape(explanation.explanation)}</p>"]
    for request in explanation.requests:
        reply = (f"; replied {request.replied.isoformat()}: {html.escape(request.reply)}" if request.replied else
                 "; no reply yet")
        due = f", reply asked by {request.reply_by.isoformat()}" if request.reply_by else ""
        lines.append(f"<p>Asked {html.escape(request.to)} on {request.sent.isoformat()}{due}{reply}</p>")
    if explanation.supplement_by:
        lines.append(f"<p>To be supplemented by {explanation.supplement_by.isoformat()}.</p>")
    return "".join(lines)


def _can_set_aside(finding: Finding) -> bool:
    """An information type missing in a scope can be marked not applicable; a consistency
    problem or a possible list match cannot (the match is confirmed or dismissed instead)."""
    return finding.kind == "requirement" or (finding.kind == "screening" and finding.scope == "case")


class _StepButton(QPushButton):
    """A flat button whose sentence is cut with an ellipsis to the width it gets, so a long
    step never widens the page; the whole sentence is its tooltip."""

    def __init__(self) -> None:
        super().__init__()
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def set_full_text(self, text: str) -> None:
        self._full = text
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        self.setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, max(self.width() - 16, 40)))


def _indexes(model: QStandardItemModel, parent: QModelIndex | None = None) -> list[QModelIndex]:
    found = []
    parent = parent or QModelIndex()
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        found.append(index)
        found.extend(_indexes(model, index))
    return found


def _leaves(item: QStandardItem) -> int:
    return sum(item.child(i).rowCount() for i in range(item.rowCount()))
