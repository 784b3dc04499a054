"""A case description with a mistake is refused with a message that says where and what."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from importer_app.case.description import (
    export_description,
    import_description,
    read_description,
)
from importer_app.core.catalog import load_catalog
from importer_app.core.description import parse_description
from importer_app.core.errors import AppError, DescriptionError, Problem
from importer_app.store.casefile import CaseFile

GOOD = """\
format = "importer-app-case/1"

[shipment]
regime = "wro"
entry_number = "ABC-1234567-8"
importer_of_record = "Acme Apparel Inc."
merchandise = "Men's cotton knit shirts"
quantity = 12000
unit = "pcs"
country_of_origin = "VN"
date_of_importation = 2026-10-02

[[entities]]
id = "gin"
name = "Mekong Ginning"
role = "processor"
country = "VN"

[[entities]]
id = "spinner"
name = "Delta Spinning Co., Ltd."
role = "processor"
country = "VN"

[[links]]
id = "gin-spinner"
from = "gin"
to = "spinner"
material = "raw cotton lint"
quantity = 20000.0
unit = "kg"
references = ["PO-1001"]

[[documents]]
path = "docs/po-1001.pdf"
type = "purchase_order"
links = ["gin-spinner"]

[[not_applicable]]
requirement = "SCT-15"
scope = "entity:spinner"
reason = "Machines are leased; the lease is attached."
"""


def _problems(text: str, **kwargs: object) -> list[Problem]:
    with pytest.raises(DescriptionError) as refused:
        parse_description(text, "case.toml", **kwargs)  # type: ignore[arg-type]
    return refused.value.problems


def _only(text: str, **kwargs: object) -> Problem:
    problems = _problems(text, **kwargs)
    assert len(problems) == 1, problems
    return problems[0]


def test_a_good_description_parses() -> None:
    spec = parse_description(GOOD, "case.toml", file_exists=lambda p: True, known_requirements={"SCT-15"})
    assert spec.shipment.quantity == 12000.0
    assert [k.source for k in spec.links] == ["gin"]
    assert spec.documents[0].language == "en"


def test_toml_syntax_error_names_the_line() -> None:
    problem = _only(GOOD.replace('unit = "pcs"', 'unit = "pcs'))
    assert problem.line == 9 and "not valid TOML" in problem.message


def test_unknown_key_suggests_the_right_one() -> None:
    problem = _only(GOOD.replace('to = "spinner"', 'too = "spinner"').replace('from = "gin"', 'from = "gin"\nto = "spinner"'))
    assert problem.key == "links[1].too"
    assert "did you mean 'to'?" in problem.message
    assert problem.line == GOOD.splitlines().index('to = "spinner"') + 2


def test_missing_required_key_is_named() -> None:
    problem = _only(GOOD.replace('merchandise = "Men\'s cotton knit shirts"\n', ""))
    assert problem.key == "shipment" and "'merchandise' is missing" in problem.message
    assert problem.line == 3


def test_wrong_types_say_what_is_expected() -> None:
    problems = _problems(GOOD.replace("quantity = 12000", 'quantity = "12000"')
                         .replace("date_of_importation = 2026-10-02", 'date_of_importation = "2026-10-02"'))
    by_key = {p.key: p for p in problems}
    assert "must be a number" in by_key["shipment.quantity"].message
    assert "without quotes" in by_key["shipment.date_of_importation"].message
    assert by_key["shipment.quantity"].line == 8


def test_duplicate_entity_id() -> None:
    text = GOOD + '\n[[entities]]\nid = "gin"\nname = "Another gin"\nrole = "processor"\ncountry = "VN"\n'
    problem = _only(text)
    assert problem.key == "entities[3].id" and "used twice (also entities[1])" in problem.message


def test_a_link_to_an_unknown_entity_is_named() -> None:
    problem = _only(GOOD.replace('to = "spinner"', 'to = "spiner"'))
    assert problem.key == "links[1].to" and "'spiner', which is not in [[entities]]" in problem.message


def test_a_cycle_of_links_is_refused() -> None:
    text = GOOD + ('\n[[links]]\nid = "back"\nfrom = "spinner"\nto = "gin"\nmaterial = "yarn"\n'
                   'quantity = 1.0\nunit = "kg"\n')
    problem = _only(text)
    assert problem.key == "links[2].to"
    assert "cycle: gin -> spinner -> gin" in problem.message


def test_a_document_file_that_does_not_exist_is_named() -> None:
    problem = _only(GOOD, file_exists=lambda p: False)
    assert problem.key == "documents[1].path" and "docs/po-1001.pdf does not exist" in problem.message


def test_an_unknown_document_type_is_refused_with_a_suggestion() -> None:
    problem = _only(GOOD.replace('type = "purchase_order"', 'type = "purchase-order"'))
    assert problem.key == "documents[1].type" and "did you mean 'purchase_order'?" in problem.message


def test_an_unknown_requirement_id_is_refused() -> None:
    problem = _only(GOOD, known_requirements={"SCT-05", "SCT-14"})
    assert problem.key == "not_applicable[1].requirement" and "'SCT-15' is not an information type id" in problem.message


def test_unknown_vocabulary_values_list_what_is_allowed() -> None:
    problems = _problems(GOOD.replace('regime = "wro"', 'regime = "uflpa"').replace('role = "processor"', 'role = "spinner"', 1))
    by_key = {p.key: p.message for p in problems}
    assert "allowed: wro, finding, uflpa-applicability, uflpa-exception" in by_key["shipment.regime"]
    assert "raw_material_producer" in by_key["entities[1].role"]


def test_wrong_format_line_is_refused() -> None:
    problem = _only(GOOD.replace("importer-app-case/1", "importer-app-case/2"))
    assert problem.key == "format" and problem.line == 1


def test_every_problem_is_reported_at_once() -> None:
    text = GOOD.replace('to = "spinner"', 'to = "nobody"').replace('type = "purchase_order"', 'type = "po"')
    assert {p.key for p in _problems(text)} == {"links[1].to", "documents[1].type"}


def test_a_translation_must_name_another_document() -> None:
    problem = _only(GOOD.replace('links = ["gin-spinner"]', 'links = ["gin-spinner"]\ntranslation_of = "docs/po-vi.pdf"'))
    assert problem.key == "documents[1].translation_of"


def _write_case_folder(folder: Path, corpus: Path, text: str = GOOD) -> Path:
    (folder / "docs").mkdir(parents=True)
    shutil.copy(corpus / "pdf20-simple.pdf", folder / "docs" / "po-1001.pdf")
    spec = folder / "case.toml"
    spec.write_text(text, encoding="utf-8")
    return spec


def test_import_records_page_counts_and_bytes(tmp_path: Path, corpus: Path) -> None:
    spec = _write_case_folder(tmp_path / "in", corpus)
    case = import_description(spec, tmp_path / "out.tcase", load_catalog())
    assert case.documents[0].page_count == 1
    with CaseFile.open(tmp_path / "out.tcase", readonly=True) as casefile:
        assert casefile.read_blob(case.documents[0].sha256) == (corpus / "pdf20-simple.pdf").read_bytes()


def test_a_document_intake_refuses_is_an_error_naming_the_file(tmp_path: Path, corpus: Path) -> None:
    spec = _write_case_folder(tmp_path / "in", corpus)
    shutil.copy(corpus / "broken-header-and-eof-only.pdf", tmp_path / "in" / "docs" / "po-1001.pdf")
    with pytest.raises(DescriptionError) as refused:
        import_description(spec, tmp_path / "out.tcase", load_catalog())
    assert refused.value.problems[0].key == "documents[1].path"
    assert "docs/po-1001.pdf is a damaged PDF" in refused.value.problems[0].message
    assert not (tmp_path / "out.tcase").exists()


def test_an_encrypted_document_opens_with_its_password_which_is_not_stored(tmp_path: Path, corpus: Path) -> None:
    spec = _write_case_folder(tmp_path / "in", corpus, GOOD.replace(
        'links = ["gin-spinner"]', 'links = ["gin-spinner"]\npassword = "wrong"'))
    shutil.copy(corpus / "enc-user-password-aes256.pdf", tmp_path / "in" / "docs" / "po-1001.pdf")
    with pytest.raises(DescriptionError, match="password given for docs/po-1001.pdf is wrong"):
        read_description(spec, load_catalog())


def test_describe_never_writes_outside_the_export_folder(tmp_path: Path, corpus: Path) -> None:
    import sqlite3

    spec = _write_case_folder(tmp_path / "in", corpus)
    case_path = tmp_path / "out.tcase"
    import_description(spec, case_path, load_catalog())
    conn = sqlite3.connect(case_path)
    conn.execute("UPDATE documents SET path = '../../escaped.pdf'")
    conn.commit()
    conn.close()
    with CaseFile.open(case_path, readonly=True) as casefile, pytest.raises(AppError, match="is unsafe"):
        export_description(casefile, out_path=tmp_path / "exp" / "case.toml", export_dir=tmp_path / "exp")
    assert not (tmp_path / "escaped.pdf").exists()


def test_describe_does_not_follow_a_link_in_the_export_folder_to_outside(tmp_path: Path, corpus: Path) -> None:
    spec = _write_case_folder(tmp_path / "in", corpus)
    case_path = tmp_path / "out.tcase"
    import_description(spec, case_path, load_catalog())
    (tmp_path / "exp").mkdir()
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "exp" / "docs").symlink_to(tmp_path / "elsewhere")
    with CaseFile.open(case_path, readonly=True) as casefile, pytest.raises(AppError, match="outside .*a link"):
        export_description(casefile, out_path=tmp_path / "exp" / "case.toml", export_dir=tmp_path / "exp")
    assert list((tmp_path / "elsewhere").iterdir()) == []
