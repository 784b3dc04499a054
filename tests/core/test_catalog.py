"""The requirement catalog in forms/catalog: what it holds, and how it refuses broken data."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from importer_app.core import vocab
from importer_app.core.catalog import (
    CHECK_IDS,
    LEVELS,
    SCOPES,
    Catalog,
    CatalogError,
    load_catalog,
)
from importer_app.core.errors import AppError

DOMAIN_MD = Path(__file__).resolve().parents[3] / "shared" / "docs" / "domain.md"

EXPECTED_IDS = (
    [f"REG-0{n}" for n in range(1, 7)]
    + [f"PKG-0{n}" for n in range(1, 8)]
    + [f"SCT-{n:02d}" for n in range(1, 21)]
    + ["SCT-21"]  # the app's own: internal transfer records, asked instead of sale papers
    + ["ORG-01", "ORG-02", "ORG-03"]
    + [f"DD-0{n}" for n in range(1, 7)]
    + ["SCM-01"]
    + [f"LAB-0{n}" for n in range(1, 6)]
    + [f"IND-{n:02d}" for n in range(1, 12)]  # the ILO indicators an order names (indicators.toml)
    + ["CAA-01", "MOD-01", "MOD-02"]
)

Breaker = Callable[[str, str, str], Path]


# ---------------------------------------------------------------- what the catalog holds


def test_the_catalog_has_a_version_and_an_as_of_date(catalog: Catalog) -> None:
    assert catalog.version == "2026.2"
    assert catalog.as_of == dt.date(2026, 12, 6)


def test_every_information_type_of_domain_md_section_b_is_in_the_catalog(catalog: Catalog) -> None:
    assert [row.id for row in catalog.information_types if not row.commodity] == EXPECTED_IDS


def test_every_document_type_of_the_vocabulary_is_described_with_keywords(catalog: Catalog) -> None:
    assert set(catalog.document_types) == set(vocab.DOCUMENT_TYPES)
    for doc_type in catalog.document_types.values():
        assert doc_type.name and doc_type.description
        assert doc_type.keywords or doc_type.id == "other"


def test_the_deadline_rules_are_dl_01_to_dl_10_and_the_deemed_exclusion_protest(catalog: Catalog) -> None:
    # DL-11 is domain.md's allegation rule, which no case records.
    assert [rule.id for rule in catalog.deadlines] == [f"DL-{n:02d}" for n in range(1, 11)] + ["DL-12"]


def test_every_citation_resolves_to_a_source_in_forms(catalog: Catalog) -> None:
    cited = [tag for row in catalog.information_types for tag in row.citation]
    cited += [tag for rule in catalog.deadlines for tag in rule.citation]
    cited += [tag for check in catalog.checks.values() for tag in check.citation]
    assert cited
    for tag in cited:
        base, _, part = tag.partition("-")
        source = catalog.sources[base]
        assert source.title and source.where and source.date
        assert not part or part in source.parts, tag
        assert f"[{base}]" in catalog.cite([tag]) and (not part or part not in catalog.cite([tag]))


def test_every_source_tag_used_in_domain_md_resolves(catalog: Catalog) -> None:
    if not DOMAIN_MD.is_file():
        pytest.skip(f"domain.md is not at {DOMAIN_MD}")
    tags = set(re.findall(r"\[(S\d\d(?:-[a-z0-9-]+)?)\]", DOMAIN_MD.read_text(encoding="utf-8")))
    assert len(tags) > 58
    for tag in tags:
        base, _, part = tag.partition("-")
        assert base in catalog.sources, tag
        assert not part or part in catalog.sources[base].parts, tag


def test_citations_read_as_titles_with_their_tags_and_never_a_part_key(catalog: Catalog) -> None:
    text = catalog.cite(["S02", "S20-gdlsk", "S20-alston"])
    assert text == (
        "19 CFR 12.43, proof of admissibility [S02]; "
        "Summaries of the CBP UFLPA Operational Guidance for Importers (2022, Pub. 1793-0522) [S20]"
    )


def test_levels_follow_domain_md_where_it_is_explicit(catalog: Catalog) -> None:
    row = catalog.information_type
    assert row("REG-01").level == "required" and row("REG-01").regimes == {"wro", "finding"}
    assert row("REG-05").level_for("uflpa-exception") == "required"
    assert row("REG-05").level_for("wro") == "recommended"
    assert row("SCT-06").level == "expected"
    assert row("SCT-19").level == "supporting"
    assert row("SCT-20").level == "recommended"
    exception_rows = {r.id for r in catalog.information_types if r.id.startswith(("DD-", "SCM-", "LAB-"))}
    # DD-06 (remediation plans) is a WRO and modification item in domain.md, not an exception one.
    assert exception_rows - {"DD-06"} <= {r.id for r in catalog.information_types if "uflpa-exception" in r.regimes}


def test_a_caatsa_exception_asks_for_tracing_labor_and_a_signed_statement(catalog: Catalog) -> None:
    """22 U.S.C. 9241a(b): clear and convincing evidence; CBP's CAATSA ruling asked for the workers'
    identification, recruitment and payroll records."""
    caatsa = {r.id: r.level_for("caatsa-exception") for r in catalog.information_types if r.applies_to("caatsa-exception")}
    assert caatsa["CAA-01"] == "required" and catalog.information_type("CAA-01").satisfied_by == "sign-off"
    assert {"LAB-01": "expected", "LAB-02": "recommended", "LAB-03": "expected", "LAB-04": "expected"}.items() <= caatsa.items()
    assert {f"SCT-{n:02d}" for n in range(1, 21)} <= caatsa.keys()
    assert not caatsa.keys() & {"REG-01", "REG-02", "REG-03", "REG-04", "REG-06", "ORG-01", "PKG-07"}
    assert "S80" in catalog.information_type("CAA-01").citation


def test_a_modification_request_asks_for_what_cbp_fact_sheet_names(catalog: Catalog) -> None:
    """Refuting each indicator, remediation controls, an unannounced independent audit, maps with
    every facility (domain.md D.10); not the transaction records of one entry."""
    mod = {r.id: r.level_for("modification-request") for r in catalog.information_types
           if r.applies_to("modification-request")}
    assert mod == {
        "PKG-02": "recommended", "PKG-03": "recommended", "PKG-04": "recommended", "PKG-05": "expected",
        "PKG-06": "recommended", "SCT-01": "expected", "SCT-02": "expected", "ORG-02": "recommended",
        "DD-01": "recommended", "DD-05": "recommended", "DD-06": "recommended", "LAB-05": "expected",
        "MOD-01": "expected", "MOD-02": "expected",
    }


def test_items_nothing_can_prove_by_document_are_provided_or_advice(catalog: Catalog) -> None:
    kinds = {row.id: row.satisfied_by for row in catalog.information_types}
    assert {k for k, v in kinds.items() if v == "case-data"} == {"PKG-01", "PKG-02", "SCT-01", "SCT-02", "SCT-16"}
    assert {k for k, v in kinds.items() if v == "bundle"} == {"PKG-03", "PKG-04"}
    assert {k for k, v in kinds.items() if v in ("origin", "location")} == {"ORG-01", "ORG-03"}
    assert {k for k, v in kinds.items() if v in ("inquiries", "sign-off")} == {"REG-05", "REG-06", "CAA-01"}
    assert {k for k, v in kinds.items() if v == "practice"} == {"PKG-06", "PKG-07"}


def test_information_type_lookup_refuses_an_unknown_id(catalog: Catalog) -> None:
    with pytest.raises(KeyError):
        catalog.information_type("XYZ-99")


def test_the_catalog_vocabularies_match_the_engine(catalog: Catalog) -> None:
    assert {row.scope for row in catalog.information_types} == set(SCOPES)
    assert {row.level for row in catalog.information_types} == set(LEVELS)
    assert set(catalog.checks) == CHECK_IDS


# ---------------------------------------------------------------- refusing broken data


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(CatalogError) as caught:
        load_catalog(folder)
    assert isinstance(caught.value, AppError)
    assert str(folder) in str(caught.value)
    return [str(problem) for problem in caught.value.problems]


def test_a_missing_file_is_named(catalog_copy: Path) -> None:
    (catalog_copy / "deadlines.toml").unlink()
    assert problems_of(catalog_copy) == [f"deadlines.toml: the file is missing from {catalog_copy}"]


def test_a_file_that_is_not_toml_is_named_with_the_parser_message(catalog_copy: Path) -> None:
    (catalog_copy / "checks.toml").write_text("[[check]\nid = ", encoding="utf-8")
    [problem] = problems_of(catalog_copy)
    assert problem.startswith("checks.toml: not valid TOML: ")
    assert "line 1" in problem


def test_a_missing_meta_file_reports_only_that(catalog_copy: Path) -> None:
    (catalog_copy / "catalog.toml").unlink()
    assert problems_of(catalog_copy) == [f"catalog.toml: the file is missing from {catalog_copy}"]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('version = "2026.2"', 'version = ""', "catalog.toml: `version` must be a non-empty string"),
        ("as_of = 2026-12-06", 'as_of = "2026-12-06"', "catalog.toml: `as_of` must be a TOML date (YYYY-MM-DD)"),
        ("as_of = 2026-12-06", "as_of = 2026-12-06T10:00:00", "catalog.toml: `as_of` must be a TOML date (YYYY-MM-DD)"),
        ('version = "2026.2"', 'version = "2026.2"\nverison = "x"', "catalog.toml: unknown key `verison` (did you mean 'version'?)"),
    ],
)
def test_the_version_and_as_of_date_are_checked(break_catalog: Breaker, old: str, new: str, message: str) -> None:
    assert problems_of(break_catalog("catalog.toml", old, new)) == [message]


def test_an_unknown_document_type_is_located_with_a_hint(break_catalog: Breaker) -> None:
    folder = break_catalog("information_types.toml", 'documents = ["commercial_invoice"]', 'documents = ["comercial_invoice"]')
    assert problems_of(folder) == [
        "information_types.toml, SCT-05: unknown value 'comercial_invoice' in `documents` (did you mean 'commercial_invoice'?)"
    ]


def test_an_unknown_regime_is_located(break_catalog: Breaker) -> None:
    folder = break_catalog("information_types.toml", 'regimes = ["uflpa-exception"]\nlevel = "required"\ndocuments = ["due_diligence_policy"]',
                           'regimes = ["uflpa"]\nlevel = "required"\ndocuments = ["due_diligence_policy"]')  # fmt: skip
    [problem] = problems_of(folder)
    assert problem.startswith("information_types.toml, REG-04: unknown value 'uflpa' in `regimes`")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('scope = "case"\nregimes = ["wro", "finding"]\nlevel = "required"\ndocuments = ["consignee_statement_1243"]',
         'scope = "case"\nregimes = ["wro", "finding"]\nlevel = "mandatory"\ndocuments = ["consignee_statement_1243"]',
         "information_types.toml, REG-03: unknown value 'mandatory' in `level`"),
        ('scope = "case"\nregimes = ["wro", "finding"]\nlevel = "required"\ndocuments = ["consignee_statement_1243"]',
         'scope = "cases"\nregimes = ["wro", "finding"]\nlevel = "required"\ndocuments = ["consignee_statement_1243"]',
         "information_types.toml, REG-03: unknown value 'cases' in `scope` (did you mean 'case'?)"),
        ('satisfied_by = "bundle"\ncitation = ["S18"]', 'satisfied_by = "generated"\ncitation = ["S18"]',
         "information_types.toml, PKG-03: unknown value 'generated' in `satisfied_by`"),
        ('roles = ["manufacturer", "processor"]\nregimes = ["wro", "finding", "uflpa-applicability", "uflpa-exception", "caatsa-exception"]\nlevel = "expected"\ndocuments = ["production_record"]',
         'roles = ["maker"]\nregimes = ["wro", "finding", "uflpa-applicability", "uflpa-exception", "caatsa-exception"]\nlevel = "expected"\ndocuments = ["production_record"]',
         "information_types.toml, SCT-11: unknown value 'maker' in `roles`"),
        ('fields = ["detention_number",', 'fields = ["detention_no",',
         "information_types.toml, PKG-01: unknown value 'detention_no' in `fields` (did you mean 'detention_number'?)"),
        ('finding_kind = "translation"', 'finding_kind = "language"',
         "information_types.toml, PKG-05: unknown value 'language' in `finding_kind`"),
    ],
)  # fmt: skip
def test_unknown_words_are_located(break_catalog: Breaker, old: str, new: str, message: str) -> None:
    [problem] = problems_of(break_catalog("information_types.toml", old, new))
    assert problem.startswith(message)


def test_a_missing_citation_is_refused(break_catalog: Breaker) -> None:
    folder = break_catalog("information_types.toml", 'citation = ["S54"]', "citation = []")
    assert problems_of(folder) == ["information_types.toml, SCT-20: `citation` must not be empty"]


@pytest.mark.parametrize(
    ("new", "message"),
    [
        ('citation = ["S99"]', "citation 'S99' does not resolve: no source S99 in sources.toml"),
        ('citation = ["S54-nowhere"]', "citation 'S54-nowhere' does not resolve: source S54 has no part 'nowhere'"),
        ('citation = ["Morgan Lewis"]', "citation 'Morgan Lewis' is not a source tag like S02 or S20-gdlsk"),
    ],
)
def test_an_unresolved_citation_is_refused(break_catalog: Breaker, new: str, message: str) -> None:
    folder = break_catalog("information_types.toml", 'citation = ["S54"]', new)
    assert problems_of(folder) == [f"information_types.toml, SCT-20: {message}"]


def test_unresolved_citations_of_deadlines_and_checks_are_refused(catalog_copy: Path, break_catalog: Breaker) -> None:
    break_catalog("deadlines.toml", 'citation = ["S07", "S92"]', 'citation = ["S77", "S92"]')
    break_catalog("checks.toml", 'citation = ["S27", "S13"]', 'citation = ["S27", "S88"]')
    assert problems_of(catalog_copy) == [
        "deadlines.toml, DL-09: citation 'S77' does not resolve: no source S77 in sources.toml",
        "checks.toml, reference-mismatch: citation 'S88' does not resolve: no source S88 in sources.toml",
    ]


def test_a_duplicate_id_is_refused(break_catalog: Breaker) -> None:
    folder = break_catalog("information_types.toml", 'id = "SCT-06"', 'id = "SCT-05"')
    assert "information_types.toml, SCT-05: duplicate id 'SCT-05'" in problems_of(folder)


def test_a_duplicate_source_tag_is_refused(break_catalog: Breaker) -> None:
    folder = break_catalog("sources.toml", 'tag = "S02"', 'tag = "S01"')
    assert "sources.toml, S01: duplicate tag 'S01'" in problems_of(folder)


def test_an_unknown_key_is_refused_with_a_hint(break_catalog: Breaker) -> None:
    folder = break_catalog("information_types.toml", 'guidance = "Add the complete list', 'guidence = "Add the complete list')
    problems = problems_of(folder)
    assert "information_types.toml, SCT-13: unknown key `guidence` (did you mean 'guidance'?)" in problems
    assert "information_types.toml, SCT-13: `guidance` must be a non-empty string" in problems


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        ("sources.toml", 'tag = "S02"', 'tag = "S2"', "sources.toml, S2: `tag` must be S and two digits, e.g. S02"),
        ("sources.toml", 'date = "2015"', "date = 2015", "sources.toml, S01: `date` must be a non-empty string"),
        ("sources.toml", "[source.parts]\nafslaw", "[source.parts]\nbad = 1\nafslaw", "sources.toml, S20: `parts` must be a table of strings"),
        ("sources.toml", 'where = ["repository 18F/allregs, html/sections/19CFR12.42.html"]', 'where = "x"', "sources.toml, S01: `where` must be a list of strings"),
        ("document_types.toml", "proves_production = true", 'proves_production = "yes"', "document_types.toml, production_record: `proves_production` must be true or false"),
        ("deadlines.toml", "offset = 60", "offset = -60", "deadlines.toml, DL-06: `offset` must be a whole number of zero or more"),
        ("deadlines.toml", "offset = 60", "offset = true", "deadlines.toml, DL-06: `offset` must be a whole number of zero or more"),
        ("deadlines.toml", 'unit = "months"', 'unit = "weeks"', "deadlines.toml, DL-04: unknown value 'weeks' in `unit`"),
        ("deadlines.toml", 'start = "date_of_importation"', 'start = "importation"', "deadlines.toml, DL-04: unknown value 'importation' in `start`"),
        ("deadlines.toml", 'start = "date_of_detention"', 'start = "port_code"', "deadlines.toml, DL-02: unknown value 'port_code' in `start`"),
        ("deadlines.toml", 'acts = "cbp"', 'acts = "port"', "deadlines.toml, DL-01: unknown value 'port' in `acts`"),
        ("deadlines.toml", 'advisory_in = ["wro"]', 'advisory_in = ["wro", "uflpa"]', "deadlines.toml, DL-03: unknown value 'uflpa' in `advisory_in`"),
        ("deadlines.toml", 'advisory_in = ["wro"]\n', "", "deadlines.toml, DL-03: `advisory_in` and `advisory_note` go together"),
        ("checks.toml", 'id = "link-cycle"', 'id = "loop"', "checks.toml, loop: unknown value 'loop' in `id`"),
        ("checks.toml", 'severity = "missing"', 'severity = "error"', "checks.toml, no-importer: unknown value 'error' in `severity`"),
        ("checks.toml", 'basis = "PKG-04"', 'basis = "PKG-99"', "checks.toml, reference-mismatch: `basis` 'PKG-99' is not an information type"),
        ("document_types.toml", 'id = "timecard"', 'id = "timesheet"', "document_types.toml, timesheet: unknown value 'timesheet' in `id`"),
    ],
)  # fmt: skip
def test_values_of_the_wrong_kind_are_located(break_catalog: Breaker, file: str, old: str, new: str, message: str) -> None:
    problems = problems_of(break_catalog(file, old, new))
    assert any(problem.startswith(message) for problem in problems), problems


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('item = "IND-01"', 'item = "IND-1"', "indicators.toml, abuse-of-vulnerability: `item` must be IND- and two digits, e.g. IND-01"),
        ('item = "IND-01"', 'item = "LAB-05"', "indicators.toml, abuse-of-vulnerability: item id 'LAB-05' is already an information type"),
        ('item = "IND-02"', 'item = "IND-01"', "indicators.toml, IND-01: item id 'IND-01' is given to two indicators"),
        ('id = "isolation"', 'id = "loneliness"', "indicators.toml: indicator 'isolation' of the vocabulary is not described"),
        ('citation = ["S30", "S32", "S31", "S50"]', 'citation = ["S30", "S99"]', "indicators.toml, debt-bondage: citation 'S99' does not resolve"),
        ('documents = ["timecard", "audit_report"]', 'documents = ["clock_card"]', "indicators.toml, excessive-overtime: unknown value 'clock_card' in `documents`"),
    ],
)  # fmt: skip
def test_a_broken_indicator_is_located(break_catalog: Breaker, old: str, new: str, message: str) -> None:
    problems = problems_of(break_catalog("indicators.toml", old, new))
    assert any(problem.startswith(message) for problem in problems), problems


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('start_else = "DL-03"', 'start_else = "DL-13"', "deadlines.toml, DL-12: `start_else` 'DL-13' is not a deadline rule"),
        ('start = "date_deemed_excluded"\n', "", "deadlines.toml, DL-12: `start_else` needs `start`: the date it stands in for"),
        ('superseded_by = ["date_of_exclusion_notice"]', 'superseded_by = ["exclusion"]', "deadlines.toml, DL-12: unknown value 'exclusion' in `superseded_by`"),
        ('after = "The 180 days to protest the deemed', 'before = "The 180 days to protest the deemed', "deadlines.toml, DL-12: `after` must be a non-empty string"),
    ],
)  # fmt: skip
def test_a_broken_deemed_exclusion_rule_is_located(break_catalog: Breaker, old: str, new: str, message: str) -> None:
    problems = problems_of(break_catalog("deadlines.toml", old, new))
    assert any(problem.startswith(message) for problem in problems), problems


def test_a_check_the_engine_runs_must_be_described(break_catalog: Breaker) -> None:
    folder = break_catalog("checks.toml", 'id = "link-cycle"', 'id = "entity-not-connected"')
    problems = problems_of(folder)
    assert "checks.toml: check 'link-cycle' that the engine runs is not described" in problems


def test_every_vocabulary_document_type_must_be_described(break_catalog: Breaker) -> None:
    folder = break_catalog("document_types.toml", 'id = "timecard"', 'id = "timesheet"')
    assert "document_types.toml: document type 'timecard' of the vocabulary is not described" in problems_of(folder)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('scope = "foreign_document"', 'scope = "foreign_document"\ndocuments = ["other"]',
         "PKG-05: a foreign_document item takes no `documents`: any translation counts"),
        ('documents = ["export_declaration"]', "documents = []",
         "SCT-10: `documents` must list the document types that satisfy this item"),
        ('documents = ["export_declaration"]', 'documents = ["export_declaration"]\nfields = ["port_code"]',
         "SCT-10: `fields` is only for satisfied_by = case-data"),
        ('satisfied_by = "bundle"\ncitation = ["S18"]', 'satisfied_by = "bundle"\nfields = ["port_code"]\ncitation = ["S18"]',
         "PKG-03: `fields` is only for satisfied_by = case-data"),
        ('scope = "case"\nregimes = ["wro", "finding", "uflpa-applicability", "uflpa-exception", "caatsa-exception", "modification-request"]\nlevel = "recommended"\nsatisfied_by = "bundle"\ncitation = ["S18"]',
         'scope = "link"\nregimes = ["wro", "finding", "uflpa-applicability", "uflpa-exception", "caatsa-exception", "modification-request"]\nlevel = "recommended"\nsatisfied_by = "bundle"\ncitation = ["S18"]',
         "PKG-03: satisfied_by = bundle items must have scope = case"),
        ('satisfied_by = "bundle"\ncitation = ["S18"]', 'satisfied_by = "bundle"\ndocuments = ["other"]\ncitation = ["S18"]',
         "PKG-03: satisfied_by = bundle items take no `documents`"),
        ("cross_border = true\nregimes", 'cross_border = true\nroles = ["exporter"]\nregimes',
         "SCT-10: `roles` and `supplier_roles` do not apply to scope 'link'"),
        ('roles = ["raw_material_producer", "manufacturer", "processor"]\nregimes = ["wro", "finding"]',
         'roles = ["raw_material_producer", "manufacturer", "processor"]\nsupplier_roles = ["exporter"]\nregimes = ["wro", "finding"]',
         "REG-02: `supplier_roles` only applies to scope = entity"),
        ('supplier_roles = ["raw_material_producer"]', "supplier_roles = []",
         "SCT-12: an entity item needs `roles` or `supplier_roles`"),
        ('supplier_roles = ["raw_material_producer"]', 'roles = ["processor"]',
         "SCT-12: `downstream_roles` needs `supplier_roles` (whose goods are followed)"),
        ('level_by_contention = { named-producer = "expected",', 'level_by_contention = { named-producers = "expected",',
         "SCT-17: unknown contention 'named-producers' in `level_by_contention` (did you mean 'named-producer'?)"),
        ('level_by_contention = { named-producer = "expected",', 'level_by_contention = { named-producer = "vital",',
         "SCT-17: unknown level 'vital' in `level_by_contention`"),
        ('level_by_contention = { commingled = "expected",', 'level_by_contention = { comingled = "expected",',
         "SCT-12: unknown contention 'comingled' in `level_by_contention` (did you mean 'commingled'?)"),
        ('roles = ["raw_material_producer", "manufacturer", "processor"]\nregimes = ["wro", "finding"]', 'regimes = ["wro", "finding"]',
         "REG-02: a production_country item needs `roles` (whose countries count)"),
        ('scope = "link"\ncross_border = true', 'scope = "case"\ncross_border = true',
         "SCT-10: `cross_border` only applies to scope = link"),
        ("level_by_regime = { uflpa-exception = \"required\" }\n# UFLPA s.3(b)(1)(B)",
         "level_by_regime = { uflpa-exception = \"vital\" }\n# UFLPA s.3(b)(1)(B)",
         "REG-05: unknown level 'vital' in `level_by_regime`"),
        ('level_by_regime = { uflpa-exception = "required" }\ndocuments = ["code_of_conduct"',
         'level_by_regime = { allegation = "required" }\ndocuments = ["code_of_conduct"',
         "DD-01: `level_by_regime` names 'allegation', which is not in `regimes`"),
        ('part_of = "SCT-09"\ncitation = ["S16"]\nguidance = "Ask the supplier for the packing list',
         'part_of = "SCT-99"\ncitation = ["S16"]\nguidance = "Ask the supplier for the packing list',
         "SCT-07: `part_of` 'SCT-99' is not a top-level item"),
        ('documents = ["bill_of_lading"]', 'documents = ["export_declaration"]',
         "SCT-08: `part_of` 'SCT-09' must have the same scope and accept all of its documents"),
    ],
)  # fmt: skip
def test_combinations_the_engine_would_ignore_are_refused(break_catalog: Breaker, old: str, new: str, message: str) -> None:
    problems = problems_of(break_catalog("information_types.toml", old, new))
    assert f"information_types.toml, {message}" in problems, problems


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('id = "commingled"', 'id = "Commingled"', "Commingled: `id` must be lower-case letters, digits and hyphens, e.g. commingled"),
        ('id = "commingled"', 'id = "named-producer"', "named-producer: 'named-producer' is read from the order; a request cannot contend it"),
        ('citation = ["S02", "S13", "S14"]', 'citation = ["S02", "S99"]', "other-origin: citation 'S99' does not resolve"),
        ('label = "From another producer or region"\n', "", "other-origin: `label` must be a non-empty string"),
    ],
)  # fmt: skip
def test_a_broken_contention_is_located(break_catalog: Breaker, old: str, new: str, message: str) -> None:
    problems = problems_of(break_catalog("contentions.toml", old, new))
    assert any(problem.startswith(f"contentions.toml, {message}") for problem in problems), problems


def test_what_a_request_may_contend_is_data_with_the_words_for_the_user_and_for_cbp(catalog: Catalog) -> None:
    assert list(catalog.contentions) == ["commingled", "other-origin"]
    commingled = catalog.contentions["commingled"]
    assert commingled.label == "Mixed with goods from another source"
    assert commingled.to_cbp == "the goods or their inputs were commingled with goods from another source"
    assert "19 CFR 12.43" in catalog.cite(commingled.citation)
    assert all(contention.citation for contention in catalog.contentions.values())


def test_an_item_part_of_a_part_is_refused(break_catalog: Breaker) -> None:
    folder = break_catalog("information_types.toml", 'part_of = "SCT-09"\ncitation = ["S16"]\nguidance = "Ask the shipper',
                           'part_of = "SCT-07"\ncitation = ["S16"]\nguidance = "Ask the shipper')  # fmt: skip
    assert "information_types.toml, SCT-08: `part_of` 'SCT-07' is not a top-level item" in problems_of(folder)


@pytest.mark.parametrize(
    ("new", "message"),
    [
        ('shares_documents_with = ["DD-99"]', "`shares_documents_with` names 'DD-99', which is not another top-level item"),
        ('shares_documents_with = ["SCT-17"]', "`shares_documents_with` names 'SCT-17', which is not another top-level item"),
        ('shares_documents_with = ["SCT-07"]', "`shares_documents_with` names 'SCT-07', which is not another top-level item"),
        ('shares_documents_with = ["SCT-05"]', "`shares_documents_with` names 'SCT-05', which must have the same scope"
                                              " and accept one of this item's document types"),
        ('shares_documents_with = ["REG-03"]', "`shares_documents_with` names 'REG-03', which must have the same scope"
                                              " and accept one of this item's document types"),
    ],
)  # fmt: skip
def test_sharing_documents_with_an_item_that_cannot_share_is_refused(break_catalog: Breaker, new: str,
                                                                      message: str) -> None:
    anchor = '\ncitation = ["S20-suarez"'
    folder = break_catalog("information_types.toml", f'shares_documents_with = ["SCM-01"]{anchor}', f"{new}{anchor}")
    assert f"information_types.toml, SCT-17: {message}" in problems_of(folder)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('documents = ["consignee_statement_1243"]', 'documents = ["consignee_statement_1243"]\nowners = "same"',
         "REG-03: `owners` and `due_with_payment` only apply to scope = link"),
        ('documents = ["consignee_statement_1243"]', 'documents = ["consignee_statement_1243"]\ndue_with_payment = true',
         "REG-03: `owners` and `due_with_payment` only apply to scope = link"),
        ('documents = ["commercial_invoice"]\nowners = "different"',
         'documents = ["commercial_invoice"]\nowners = "different"\nnot_for_raw_commodity = true',
         "SCT-05: `not_for_raw_commodity` only applies to scope = case"),
        ('documents = ["commercial_invoice"]\nowners = "different"', 'documents = ["commercial_invoice"]\nowners = "mine"',
         "SCT-05: unknown value 'mine' in `owners`"),
    ],
)  # fmt: skip
def test_transfer_keys_on_the_wrong_item_are_refused(break_catalog: Breaker, old: str, new: str, message: str) -> None:
    assert f"information_types.toml, {message}" in problems_of(break_catalog("information_types.toml", old, new))


def test_sharing_documents_is_mutual(catalog: Catalog) -> None:
    assert "REG-04" in catalog.information_type("DD-01").shares_documents_with
    assert "SCT-17" in catalog.information_type("SCM-01").shares_documents_with
    assert catalog.information_type("DD-05").shares_documents_with == frozenset()


def test_a_file_without_entries_is_refused(catalog_copy: Path) -> None:
    (catalog_copy / "checks.toml").write_text("# nothing yet\n", encoding="utf-8")
    problems = problems_of(catalog_copy)
    assert "checks.toml: no [[check]] entries" in problems


def test_an_unknown_top_level_key_is_refused(catalog_copy: Path) -> None:
    with (catalog_copy / "deadlines.toml").open("a", encoding="utf-8") as stream:
        stream.write("\n[[deadlines]]\nid = \"DL-99\"\n")
    assert problems_of(catalog_copy) == ["deadlines.toml: unknown key `deadlines` (did you mean 'deadline'?)"]


def test_entries_that_are_not_tables_are_refused(catalog_copy: Path) -> None:
    (catalog_copy / "checks.toml").write_text('check = ["no-importer"]\n', encoding="utf-8")
    assert "checks.toml: no [[check]] entries" in problems_of(catalog_copy)


def test_an_entry_without_an_id_is_named_by_its_position(break_catalog: Breaker) -> None:
    folder = break_catalog("checks.toml", 'id = "no-importer"\n', "")
    problems = problems_of(folder)
    assert "checks.toml, entry 1: `id` must be a non-empty string" in problems


def test_every_problem_is_reported_at_once(catalog_copy: Path, break_catalog: Breaker) -> None:
    break_catalog("information_types.toml", 'documents = ["commercial_invoice"]', 'documents = ["invoice"]')
    break_catalog("information_types.toml", 'level = "supporting"', 'level = "nice"')
    assert len(problems_of(catalog_copy)) == 2


# ---------------------------------------------------------------- places.toml

_REGION = '''[[region]]
code = "{code}"
name = "Xinjiang Uyghur Autonomous Region"
citation = ["{tag}"]
match = ["xinjiang", "--"]
{places}
'''
_PLACE = '''[[region.place]]
code = "{code}"
name = "{name}"
zh = "鄯善县"
match = [{match}]
'''


def _places(catalog_copy: Path, *, code: str = "CN-XJ", tag: str = "S59", places: str = "") -> list[str]:
    (catalog_copy / "places.toml").write_text(_REGION.format(code=code, tag=tag, places=places), encoding="utf-8")
    return problems_of(catalog_copy)


def test_the_places_of_the_xuar_are_data_with_sources(catalog: Catalog) -> None:
    [region] = catalog.regions
    assert (region.code, region.name) == ("CN-XJ", "Xinjiang Uyghur Autonomous Region")
    assert set(region.citation) == {"S59", "S60", "S61", "S62"}
    places = {place.code: place for place in [*region.latin.values(), *region.han.values()] if place}
    assert len([code for code in places if code.startswith("65") and len(code) == 6]) == 108  # NBS 2023
    assert places["650421"].label == "Shanshan County (鄯善县, Turpan)"
    assert places["659002"].label == "Aral City (阿拉尔市, XPCC 1st Division)"
    assert region.latin[("yiwu", "county")] is places["650522"] and ("yiwu",) not in region.latin


def test_a_broken_places_file_is_refused_with_every_fault(catalog_copy: Path) -> None:
    duplicate = (_PLACE.format(code="650421", name="Shanshan County", match='"shanshan county", "Shanshan  County"')
                 + _PLACE.format(code="650422", name="Toksun County", match='"SHANSHAN county"'))
    problems = _places(catalog_copy, code="Xinjiang", tag="S99", places=duplicate)
    assert problems == [
        "places.toml, Xinjiang: `code` must be an ISO 3166-2 subdivision code like CN-XJ",
        "places.toml, Xinjiang: the phrase '--' of Xinjiang Uyghur Autonomous Region holds no letters or digits",
        "places.toml, Xinjiang: the phrase 'SHANSHAN county' names both Shanshan County and Toksun County",
        "places.toml, Xinjiang: citation 'S99' does not resolve: no source S99 in sources.toml",
    ]


def test_places_that_are_not_tables_are_refused(catalog_copy: Path) -> None:
    problems = _places(catalog_copy, places='place = "Shanshan"')
    assert "places.toml, CN-XJ: `place` must be a list of tables, each written as [[...place]]" in problems


def test_set_out_in_is_only_for_items_the_submission_writes(break_catalog: Breaker) -> None:
    folder = break_catalog("information_types.toml", 'documents = ["consignee_statement_1243"]',
                           'documents = ["consignee_statement_1243"]\nset_out_in = "Set out in exhibit 1."')
    [problem] = problems_of(folder)
    assert problem.startswith("information_types.toml, REG-03:") and "`set_out_in` is only for" in problem
