"""The Export page: build, sign and verify the bundle on the real worker; cancel leaves nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl

from importer_app.bundle.identity import create_identity, load_identity, save_identity
from importer_app.bundle.source import BundleSource
from importer_app.core.portal import ROUTE_SETTING
from importer_app.core.progress import CancelToken
from importer_app.gui.cbp_reading import reading_job
from importer_app.gui.export_page import ExportPage
from importer_app.gui.identity_dialog import IdentityDialog
from importer_app.gui.main_window import MainWindow

PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def identity_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("identity") / "signer.p12"
    save_identity(create_identity("Dana Whitfield", "Harborline Apparel Inc.", "dana@example.com",
                                  password=PASSWORD.encode()), path)
    return path


@pytest.fixture
def export_page(window: MainWindow, demo_case: Path) -> ExportPage:
    assert window.open_case_path(demo_case)
    window.case_view.show_step("Export")
    return window.case_view.export_page


def test_the_pre_flight_list_shows_what_cbp_would_still_miss(export_page: ExportPage) -> None:
    assert export_page.missing.count() == 3
    assert "3 items missing" in export_page.missing_summary.text()


def test_export_asks_before_going_on_with_items_missing(export_page: ExportPage, tmp_path: Path) -> None:
    asked = []
    export_page.confirm_missing = lambda count: asked.append(count) or False
    export_page.output.setText(str(tmp_path / "bundle.pdf"))
    assert export_page.export() is None
    assert asked == [3]
    assert not (tmp_path / "bundle.pdf").exists()


def test_a_signed_bundle_is_exported_on_the_worker_and_verified(
        qtbot, window: MainWindow, export_page: ExportPage, identity_file: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "bundle.pdf"
    target.parent.mkdir()
    export_page.output.setText(str(target))
    export_page.identity.setText(str(identity_file))
    export_page.sign.setChecked(True)
    export_page.confirm_missing = lambda count: True
    asked = []
    export_page.ask_password = lambda path, wrong: asked.append(path) or PASSWORD
    with qtbot.waitSignal(export_page.exported, timeout=60_000) as done:
        assert export_page.export() is not None
    outcome = done.args[0]
    assert asked == [identity_file]
    assert outcome.verified
    assert target.is_file()
    assert "✔ bundle.pdf" in export_page.result.text()
    assert "Dana Whitfield" in export_page.result.text()
    actions = [entry.action for entry in window.session.casefile.audit_log()]
    assert "export bundle" in actions and "sign bundle" in actions
    opened: list[QUrl] = []
    export_page.open_url = opened.append
    export_page.open_bundle.click()
    export_page.open_folder.click()
    assert [Path(url.toLocalFile()) for url in opened] == [target, target.parent]
    assert export_page.portal_button.parent() is not None, "the Portal sheet button was replaced by one not shown"


def test_a_wrong_password_writes_nothing(export_page: ExportPage, identity_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    export_page.output.setText(str(out / "bundle.pdf"))
    export_page.identity.setText(str(identity_file))
    export_page.sign.setChecked(True)
    export_page.confirm_missing = lambda count: True
    answers = ["not the password", None]  # the user cancels the second prompt
    told_wrong: list[bool] = []
    export_page.ask_password = lambda path, wrong: told_wrong.append(wrong) or answers.pop(0)
    assert export_page.export() is None
    assert told_wrong == [False, True]  # the second prompt says the first password was wrong
    assert "password did not open" in export_page.result.text().lower()
    assert list(out.iterdir()) == []


def test_a_missing_or_unreadable_identity_is_reported_before_any_password_is_asked(
        export_page: ExportPage, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    export_page.output.setText(str(tmp_path / "bundle.pdf"))
    export_page.sign.setChecked(True)
    export_page.confirm_missing = lambda count: True
    asked: list[Path] = []
    export_page.ask_password = lambda path, wrong: asked.append(path) or "anything"
    not_an_identity = tmp_path / "notes.p12"
    not_an_identity.write_text("not a signing identity")
    for identity, words in ((tmp_path / "gone.p12", "cannot read"), (not_an_identity, "notes.p12")):
        export_page.identity.setText(str(identity))
        qtbot.mouseClick(export_page.export_button, Qt.MouseButton.LeftButton)
        assert words in export_page.result.text().lower()
    assert asked == []
    assert not (tmp_path / "bundle.pdf").exists()


def test_cancelling_an_export_leaves_nothing_at_the_target(qtbot, export_page: ExportPage, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "bundle.pdf"
    export_page.output.setText(str(target))
    export_page.confirm_missing = lambda count: True
    with qtbot.waitSignal(export_page.export_failed, timeout=60_000) as done:
        worker = export_page.export()
        assert worker is not None and export_page.progress is not None
        # What clicking the progress dialog's Cancel button emits.
        export_page.progress.canceled.emit()
    assert done.args == ["Export cancelled; nothing was written."]
    assert list(out.iterdir()) == []
    assert export_page.export_button.isEnabled()


def test_creating_a_signing_identity_needs_the_same_password_twice(qtbot, tmp_path: Path) -> None:
    dialog = IdentityDialog(tmp_path)
    qtbot.addWidget(dialog)
    dialog.name.setText("Dana Whitfield")
    dialog.organisation.setText("Harborline Apparel Inc.")
    dialog.password.setText(PASSWORD)
    dialog.repeat.setText("something else")
    dialog.accept()
    assert dialog.created is None
    assert "differ" in dialog.problem.text()
    dialog.repeat.setText(PASSWORD)
    dialog.accept()
    assert dialog.created == tmp_path / "signing-identity.p12"
    assert dialog.created.with_suffix(".pem").is_file()
    assert load_identity(dialog.created, PASSWORD.encode()).name == "Dana Whitfield"
    assert dialog.password.text() == ""


def test_the_signer_printed_on_the_cover_letter_is_kept_with_the_case_and_undoable(export_page: ExportPage,
                                                                                   window: MainWindow) -> None:
    export_page.signer_name.setText("Dana Whitfield")
    export_page.signer_name.editingFinished.emit()
    export_page.signer_title.setText("Compliance Manager")
    export_page.signer_title.editingFinished.emit()
    settings = window.session.casefile.settings()
    assert (settings["signer.name"], settings["signer.title"]) == ("Dana Whitfield", "Compliance Manager")
    window.session.undo_stack.undo()
    assert window.session.casefile.settings()["signer.title"] == ""
    assert export_page.signer_title.text() == "" and export_page.signer_name.text() == "Dana Whitfield"


def test_the_contact_block_is_kept_with_the_case_and_undoable(export_page: ExportPage,
                                                                                 window: MainWindow) -> None:

    for field, value in ((export_page.signer_phone, "+1 562 555 0142"), (export_page.signer_email, "dana@harborline.test"),
                         (export_page.importer_number, "95-1234567")):
        field.setText(value)
        field.editingFinished.emit()
    settings = window.session.casefile.settings()
    assert (settings["signer.phone"], settings["signer.email"], settings["importer.number"]) == (
        "+1 562 555 0142", "dana@harborline.test", "95-1234567")
    window.session.undo_stack.undo()
    assert window.session.casefile.settings()["importer.number"] == "" and export_page.importer_number.text() == ""
    window.session.undo_stack.redo()
    assert export_page.importer_number.text() == "95-1234567"


def test_how_the_bundle_is_sent_is_kept_with_the_case_and_readdresses_the_letter(export_page: ExportPage,
                                                                                 window: MainWindow) -> None:
    assert export_page.route.currentData() == "portal"  # the portal is mandatory since 2026-01-21
    assert "Forced Labor Portal" in _cover_letter(window)
    export_page.route.setCurrentIndex(export_page.route.findData("letter"))
    export_page.route.activated.emit(export_page.route.currentIndex())
    assert window.session.casefile.settings()[ROUTE_SETTING] == "letter"
    assert "Forced Labor Portal" not in _cover_letter(window)
    window.session.undo_stack.undo()
    assert export_page.route.currentData() == "portal" and "Forced Labor Portal" in _cover_letter(window)


def _cover_letter(window: MainWindow) -> str:
    """The cover letter as "What CBP will read" shows it now."""
    page = window.case_view.export_page
    job = reading_job(BundleSource.from_casefile(window.session.casefile), page.options(), window.session.catalog)
    return job(lambda done, total, what: None, CancelToken())[0].text


def test_the_next_export_starts_from_the_options_of_the_last(qtbot, window: MainWindow, export_page: ExportPage,
                                                              demo_case: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "answer.pdf"
    target.parent.mkdir()
    export_page.output.setText(str(target))
    export_page.bates_prefix.setText("HBL")
    export_page.paper.setCurrentIndex(export_page.paper.findData("a4"))
    export_page.originals.setChecked(False)
    export_page.confirm_missing = lambda count: True
    with qtbot.waitSignal(export_page.exported, timeout=60_000):
        assert export_page.export() is not None
    qtbot.waitUntil(lambda: export_page.worker is None, timeout=10_000)
    window.close_case()
    assert window.open_case_path(demo_case)
    again = window.case_view.export_page
    assert (again.output.text(), again.bates_prefix.text(), again.paper.currentData(), again.originals.isChecked()) == (
        str(target), "HBL", "a4", False)


def test_a_problem_message_goes_away_once_the_user_fixes_it(export_page: ExportPage, tmp_path: Path,
                                                           qtbot) -> None:  # type: ignore[no-untyped-def]
    export_page.confirm_missing = lambda count: True
    before = export_page.result.text()
    export_page.output.clear()
    qtbot.mouseClick(export_page.export_button, Qt.MouseButton.LeftButton)
    assert export_page.result.text() == "Choose where to save the bundle first."
    qtbot.keyClicks(export_page.output, str(tmp_path / "b.pdf"))
    assert export_page.result.text() == before

    export_page.sign.setChecked(True)
    export_page.identity.setText(str(tmp_path / "gone.p12"))
    qtbot.mouseClick(export_page.export_button, Qt.MouseButton.LeftButton)
    assert "gone.p12" in export_page.result.text()
    qtbot.keyClick(export_page.sign, Qt.Key.Key_Space)  # untick signing
    assert not export_page.sign.isChecked()
    assert export_page.result.text() == before


def test_the_pre_flight_list_flags_the_importers_words_and_citations_without_address(export_page: ExportPage) -> None:
    from importer_app.core.model import NotApplicable
    from importer_app.gui.commands import SetNotApplicable

    lines = [export_page.wording.item(i).text() for i in range(export_page.wording.count())]
    assert lines and all("could not be confirmed" in line for line in lines)  # the demo's words are for CBP
    assert any("\u201c19 C.F.R. \u00a7 12.43 (current edition)\u201d" in line for line in lines)
    assert "page of sources gives the full citation instead" in export_page.wording_summary.text()
    assert f"{len(lines)} sources cited without their address: each address" in export_page.wording_summary.text()
    session = export_page.session
    decision = NotApplicable("SCT-15", "entity:knitter", "Leased since 25 Nov 2026, see the Review page")
    assert session.apply(SetNotApplicable(session.casefile, session, decision, None, "the equipment list"))
    lines = [export_page.wording.item(i).text() for i in range(export_page.wording.count())]
    flagged = [line for line in lines if line.startswith("Your reason for setting an item aside")]
    assert len(flagged) == 2 and "entity:knitter" not in " ".join(flagged)  # the company by name, never its id
    assert any("\u201c25 Nov 2026\u201d writes the day before the month." in line for line in flagged)
    assert "2 places in your own words would read wrong to CBP" in export_page.wording_summary.text()
    assert session.undo_stack.canUndo()
