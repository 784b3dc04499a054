"""Country names for the codes a case keeps, as the bundle prints them to CBP."""

from __future__ import annotations

import pytest

from importer_app.core.countries import _names, country_in_prose, country_name, country_names


@pytest.mark.parametrize(("code", "name"), [
    ("VN", "Vietnam"), ("US", "United States"), ("CN", "China"), ("KH", "Cambodia"), ("MY", "Malaysia"),
    ("vn", "Vietnam"), (" TW ", "Taiwan"),
    # the time zone table's sorting forms and abbreviations are spelled as letters to CBP spell them
    ("GB", "United Kingdom"), ("KR", "South Korea"), ("AS", "American Samoa"), ("KN", "Saint Kitts and Nevis"),
    ("BA", "Bosnia and Herzegovina"), ("CI", "Côte d'Ivoire"),
])
def test_a_code_reads_as_its_country(code: str, name: str) -> None:
    assert country_name(code) == name


def test_a_code_the_table_does_not_hold_prints_as_given() -> None:
    assert country_name("XK") == "XK"


def test_names_are_listed_once_and_sorted_by_name() -> None:
    assert country_names(["US", "VN", "us", "CN", "XK"]) == ["China", "United States", "Vietnam", "XK"]
    assert country_names(["US", "VN", "PH"], prose=True) == ["the Philippines", "the United States", "Vietnam"]


@pytest.mark.parametrize(("code", "prose"), [
    ("US", "the United States"), ("GB", "the United Kingdom"), ("PH", "the Philippines"),
    ("NL", "the Netherlands"), ("MH", "the Marshall Islands"), ("CF", "the Central African Republic"),
    ("VN", "Vietnam"), ("CN", "China"), ("VU", "Vanuatu"), ("XK", "XK"),
])
def test_inside_a_sentence_a_name_takes_its_article(code: str, prose: str) -> None:
    assert country_in_prose(code) == prose


def test_every_code_of_the_table_has_a_readable_name() -> None:
    names = {code: name for code, (name, _) in _names().items()}
    assert len(names) == 249
    assert all(len(code) == 2 and code.isupper() for code in names)
    assert not [name for name in names.values() if "&" in name or name.startswith("St ") or "(UK)" in name or "." in name
                and not name.startswith("U.S.")]
