"""The portal rules (forms/portal/portal.toml) and the portal sheet built from them."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from pathlib import Path

import pytest
from case_kit import CaseKit

from importer_app.core import vocab
from importer_app.core.catalog import Catalog
from importer_app.core.datafiles import forms_dir
from importer_app.core.portal import ROUTE_SETTING, clean, default_volume_mb, portal_sheet, route_of
from importer_app.core.portal_rules import PortalRules, PortalRulesError, load_portal_rules


@pytest.fixture(scope="module")
def rules(catalog: Catalog) -> PortalRules:
    return load_portal_rules(catalog)


def test_every_regime_has_the_portals_request_type(rules: PortalRules) -> None:
    assert set(rules.request_types) == set(vocab.REGIMES)
    assert rules.request_types["caatsa-exception"] == "Request CAATSA Exception Review"
    assert rules.request_types["modification-request"] == "Request Modification"
    assert rules.mandatory_since == dt.date(2026, 1, 21)


def test_what_was_not_found_is_recorded_as_unknown_with_the_date_looked(rules: PortalRules) -> None:
    """No upload limit or field length was found: none is invented."""
    uploads = rules.uploads
    assert (uploads.file_types, uploads.max_file_mb, uploads.max_total_mb, uploads.max_files) == (None, None, None, None)
    assert set(uploads.unknown) == {"file_types", "max_file_mb", "max_total_mb", "max_files"}
    assert uploads.looked == dt.date(2026, 12, 6)
    assert set(rules.field_unknown) == {"names", "max_length"}
    assert all(field.max_length is None for field in rules.fields)
    assert (rules.spaces, rules.max_extensions, rules.no_extension_past_due) == ("unknown", 2, True)
    assert rules.citation == ("S82",)


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    path = tmp_path / "portal.toml"
    shutil.copy(forms_dir() / "portal" / "portal.toml", path)
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(("old", "new", "message"), [
    ('unknown = ["file_types", "max_file_mb", "max_total_mb", "max_files"]',
     'unknown = ["file_types", "max_file_mb", "max_total_mb", "max_files"]\nmax_file_mb = 25',
     "uploads: `max_file_mb` must be either given or listed in `unknown`, not both"),
    ('unknown = ["file_types", "max_file_mb", "max_total_mb", "max_files"]',
     'unknown = ["file_types", "max_total_mb", "max_files"]',
     "uploads: `max_file_mb` must be either given or listed in `unknown`, not neither"),
    ('unknown = ["file_types", "max_file_mb", "max_total_mb", "max_files"]',
     'unknown = ["max_file_mb", "max_total_mb", "max_files"]\nfile_types = ["PDF"]',
     "uploads: `file_types` must be a list of lowercase extensions"),
    ('unknown = ["file_types", "max_file_mb", "max_total_mb", "max_files"]',
     'unknown = ["file_types", "max_total_mb", "max_files"]\nmax_file_mb = 0',
     "uploads: `max_file_mb` must be a number above 0"),
    ('regime = "modification-request"', 'regime = "modification"',
     "request_type 6: `regime` must be one of wro, finding"),
    ('regime = "modification-request"', 'regime = "wro"', "a second request type for the regime 'wro'"),
    ('regime = "modification-request"', 'regime = "wro"', "request_type: no request type for the regime 'modification-request'"),
    ('source = "entry_number"', 'source = "entry"', "field entry-number: `source` must be one of entry_number"),
    ('source = "entry_number"', 'source = "entry_number"\nmax_length = 11',
     "field entry-number: `max_length` is given while [field_list] lists it as unknown"),
    ('source = "entry_number"', 'source = "entry_number"\nlength = 11', "field entry-number: unknown key `length`"),
    ('source = "entry_number"', 'source = "entry_number"\nmax_length = 0',
     "field entry-number: `max_length` must be a whole number of 1 or more"),
    ('spaces = "unknown"', 'spaces = "maybe"', "characters: `spaces` must be one of allowed, refused, unknown"),
    ('allowed = "letters-digits"', 'allowed = "ascii"', "characters: `allowed` must be \"letters-digits\""),
    ('max_requests = 2', 'max_requests = -1', "extensions: `max_requests` must be a whole number"),
    ('not_when_past_due = true', 'not_when_past_due = "yes"', "extensions: `not_when_past_due` must be true or false"),
    ('mandatory_since = 2026-01-21', 'mandatory_since = "January 21"', "portal: `mandatory_since` must be a TOML date"),
    ('url = "https://flportal.cbp.gov/s/login/"', 'url = ""', "portal: `url` must be a non-empty string"),
    ('[portal]\nname', '[portal]\nowner = "CBP"\nname', "portal: unknown key `owner`"),
    ('citation = ["S82"]\n\n[characters]', 'citation = ["S99"]\n\n[characters]',
     "portal: citation 'S99' does not resolve in forms/catalog/sources.toml"),
    ('label = "Request Modification"\ncitation = ["S82"]', 'label = ""\ncitation = []',
     "request_type 6: `citation` must be a non-empty list of source tags"),
    ('id = "entry-number"', 'id = "Entry Number"', "field Entry Number: `id` must be lowercase letters, digits and -"),
    ('id = "detention-number"', 'id = "entry-number"', "field entry-number: duplicate id 'entry-number'"),
    ('unknown = ["names", "max_length"]', 'unknown = ["names", "width"]', "unknown value 'width' in `unknown`"),
    ('regimes = ["wro", "finding", "modification-request"]', 'regimes = "wro"', "field order: `regimes` must be a list"),
])
def test_a_broken_portal_file_is_refused_with_the_item_at_fault(
        catalog: Catalog, tmp_path: Path, old: str, new: str, message: str) -> None:
    with pytest.raises(PortalRulesError) as refused:
        load_portal_rules(catalog, _broken(tmp_path, old, new))
    assert any(message in str(problem) for problem in refused.value.problems), refused.value


def test_a_missing_table_or_file_is_refused(catalog: Catalog, tmp_path: Path) -> None:
    with pytest.raises(PortalRulesError, match="the file is missing"):
        load_portal_rules(catalog, tmp_path / "portal.toml")
    (tmp_path / "bad.toml").write_text("[portal\n", encoding="utf-8")
    with pytest.raises(PortalRulesError, match="not valid TOML"):
        load_portal_rules(catalog, tmp_path / "bad.toml")
    (tmp_path / "empty.toml").write_text("[[field]]\nid = 1\n", encoding="utf-8")
    with pytest.raises(PortalRulesError) as refused:
        load_portal_rules(catalog, tmp_path / "empty.toml")
    text = str(refused.value)
    assert "the [portal] table is missing" in text and "no [[request_type]] entries" in text
    assert "field 1: `label` must be a non-empty string" in text


@pytest.mark.parametrize(("value", "keep", "expected"), [
    ("ABC-1234567-8", True, "ABC12345678"),
    ("Acme Apparel  Inc.", True, "Acme Apparel Inc"),
    ("Acme Apparel Inc.", False, "AcmeApparelInc"),
    ("Công ty Dệt May Sài Gòn", True, "Cong ty Det May Sai Gon"),
    ("新疆 Cotton 棉花", True, "Cotton"),
    ("6105.10.0010 6110.20.2079", True, "6105100010 6110202079"),
])
def test_clean_keeps_only_letters_and_digits(value: str, keep: bool, expected: str) -> None:
    assert clean(value, keep_spaces=keep) == expected


def test_the_sheet_of_a_wro_case(kit: CaseKit, rules: PortalRules) -> None:
    case = kit.complete("wro", order_reference="WRO-2026-07 (Delta)", hts=("6105.10.0010",))
    sheet = portal_sheet(case, rules, importer_number="12-3456789")
    assert sheet.request_type == "Request Withhold Release Order (WRO) Admissibility Review"
    assert [(f.label, f.value, f.length, f.original) for f in sheet.fields] == [
        ("Entry number", "ABC12345678", 11, "ABC-1234567-8"),
        ("Detention number", "20262704000123", 14, "2026-2704-000123"),
        ("Port code", "2704", 4, "2704"),
        ("Importer of record", "Acme Apparel Inc", 16, "Acme Apparel Inc."),
        ("Importer number", "123456789", 9, "12-3456789"),
        ("Withhold Release Order or Finding", "WRO202607 Delta", 15, "WRO-2026-07 (Delta)"),
        ("Merchandise", "Mens cotton knit shirts", 23, "Men's cotton knit shirts"),
        ("HTS number", "6105100010", 10, "6105.10.0010"),
        ("Country of origin", "VN", 2, "VN"),
    ]
    assert not any(f.too_long for f in sheet.fields) and sheet.uploads == ()
    assert sheet.notes[0] == "Fields accept letters and digits only: each value is shown as it must be typed."
    assert any("whether a space is accepted" in note for note in sheet.notes)
    assert any("upload limits were not found (looked 2026-12-06): the file types it accepts, the largest file,"
               " the largest submission, the number of files" in note for note in sheet.notes)
    assert sheet.to_json()["format"] == "importer-app-portal/1"


def test_known_limits_are_checked_and_set_the_volume_size(kit: CaseKit, rules: PortalRules, tmp_path: Path) -> None:
    """Once CBP publishes its limits, a line of data makes the sheet check them and the bundle follow them."""
    known = dataclasses.replace(
        rules, spaces="refused", no_extension_past_due=False,
        fields=tuple(dataclasses.replace(f, max_length=8) if f.id == "importer" else f for f in rules.fields),
        field_unknown=("names",),
        uploads=dataclasses.replace(rules.uploads, file_types=("pdf",), max_file_mb=0.001, max_total_mb=0.002,
                                    max_files=2, unknown=()))
    files = []
    for number, size in enumerate((500, 1500, 900), start=1):
        path = tmp_path / f"bundle-vol{number}.{'pdf' if number < 3 else 'zip'}"
        path.write_bytes(b"x" * size)
        files.append(path)
    sheet = portal_sheet(kit.complete("uflpa-exception"), known, files=files)
    assert [(u.position, u.size, u.problems) for u in sheet.uploads] == [
        (1, 500, ()),
        (2, 1500, ("larger than the portal's 1 kB per file",)),
        (3, 900, ("not a file type the portal accepts (pdf)", "beyond the portal's 2 files per submission",
                  "the files together are 2.9 kB, over the portal's 2 kB")),
    ]
    importer = next(f for f in sheet.fields if f.label == "Importer of record")
    assert (importer.value, importer.length, importer.max_length, importer.too_long) == ("AcmeApparelInc", 14, 8, True)
    assert not any("space" in note or "length limits" in note or "upload limits" in note for note in sheet.notes)
    assert sheet.notes[-1] == "An extension of a task can be requested at most 2 times."
    assert default_volume_mb(known, "portal") == 0.001
    assert default_volume_mb(known, "letter") is None
    assert default_volume_mb(rules, "portal") is None


def test_the_route_is_the_portal_unless_the_case_says_letter() -> None:
    assert route_of({}) == "portal"
    assert route_of({ROUTE_SETTING: "letter"}) == "letter"
    assert route_of({ROUTE_SETTING: "fax"}) == "portal"


def test_a_modification_request_has_no_entry_fields(kit: CaseKit, rules: PortalRules) -> None:
    sheet = portal_sheet(kit.complete("modification-request", order_reference="Finding 2025-3"), rules)
    assert [f.label for f in sheet.fields] == [
        "Importer of record", "Withhold Release Order or Finding", "Merchandise", "Country of origin"]
