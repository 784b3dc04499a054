"""The Forms page: the 12.43 forms previewed, their free text kept with the case, saved as PDFs."""

from __future__ import annotations

import io
import shutil
import tempfile
from pathlib import Path

import pytest
from pypdf import PdfReader
from window_support import TODAY

from importer_app.case.description import import_description
from importer_app.core.catalog import Catalog
from importer_app.demo import write_demo
from importer_app.gui.forms_page import FORM_ROLE, NO_FORMS, FormsPage
from importer_app.gui.main_window import MainWindow


@pytest.fixture(scope="module")
def wro_template(tmp_path_factory: pytest.TempPathFactory, catalog: Catalog) -> Path:
    target = tmp_path_factory.mktemp("wro") / "wro.tcase"
    with tempfile.TemporaryDirectory() as folder:
        import_description(write_demo(Path(folder), regime="wro", today=TODAY), target, catalog)
    return target


@pytest.fixture
def forms_page(window: MainWindow, wro_template: Path, tmp_path: Path) -> FormsPage:
    case = tmp_path / "wro.tcase"
    shutil.copy(wro_template, case)
    assert window.open_case_path(case)
    window.case_view.show_step("Forms")
    return window.case_view.forms_page


def _text(data: bytes) -> str:
    # Lines wrap where the form's columns end; compare words, not line breaks.
    return " ".join(" ".join((page.extract_text() or "") for page in PdfReader(io.BytesIO(data)).pages).split())


def test_a_wro_case_lists_its_certificates_and_the_consignee_statement(forms_page: FormsPage) -> None:
    ids = [forms_page.forms.item(r).data(FORM_ROLE).id for r in range(forms_page.forms.count())]
    assert ids == ["certificate:VN", "certificate:US", "statement"]
    assert forms_page.pdf.pageCount() > 0


def test_saving_a_certificate_writes_the_prefilled_form_for_its_signer(forms_page: FormsPage, tmp_path: Path) -> None:
    forms_page.select_form("certificate:VN")
    target = tmp_path / "certificate VN.pdf"
    forms_page.choose_target = lambda ref: target
    forms_page.pdf_button.click()
    text = _text(target.read_bytes())
    assert "Certificate of Origin" in text
    assert "Saigon Crestline Garment" in text
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".partial")]


def test_editing_a_free_text_part_is_kept_with_the_case_and_undo_restores_it(
        window: MainWindow, forms_page: FormsPage) -> None:
    forms_page.select_form("certificate:VN")
    key = "certificate.VN.carrier"
    forms_page.editors[key].setText("MV Ever Harbor, voyage 042E")
    forms_page.save_button.click()
    assert window.session.casefile.setting(key) == "MV Ever Harbor, voyage 042E"
    assert forms_page.editors[key].text() == "MV Ever Harbor, voyage 042E"
    assert "MV Ever Harbor" in _text(forms_page.render(forms_page.current_form()))
    window.session.undo_stack.undo()
    assert window.session.casefile.setting(key) == ""
    assert forms_page.editors[key].text() == ""
    assert "MV Ever Harbor" not in _text(forms_page.render(forms_page.current_form()))


def test_the_consignee_statement_prints_the_belief_and_reasons_chosen_on_the_page(forms_page: FormsPage) -> None:
    forms_page.select_form("statement")
    belief = forms_page.editors["consignee.belief"]
    belief.setCurrentIndex(belief.findData("not_used"))
    forms_page.editors["consignee.belief_reasons"].setPlainText("Every mill's payroll was audited on site.")
    forms_page.save_button.click()
    assert forms_page.session.casefile.setting("consignee.belief") == "not_used"
    text = _text(forms_page.render(forms_page.current_form()))
    assert "☒ was not used in any stage" in text
    assert "Every mill's payroll was audited on site." in text


def test_a_case_outside_section_307_says_why_it_has_no_forms(window: MainWindow, demo_case: Path) -> None:
    assert window.open_case_path(demo_case)
    page = window.case_view.forms_page
    assert page.forms.count() == 0
    assert page.explanation.text() == NO_FORMS

