"""Language names for the codes documents are kept under."""

from __future__ import annotations

from importer_app.core.languages import language_name


def test_codes_read_as_the_names_cbp_knows() -> None:
    assert [language_name(code) for code in ("vi", "zh", "km", "el", "ug", "ES")] == [
        "Vietnamese", "Chinese", "Khmer", "Greek", "Uyghur", "Spanish"]


def test_a_code_the_table_does_not_hold_prints_as_given() -> None:
    assert language_name("qq") == "qq"
