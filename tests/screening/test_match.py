"""Screening finds the listed companies a case names, and does not cry wolf on common words."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from screening_files import REALISTIC_UFLPA, REALISTIC_WRO, listed, snapshot

from importer_app.cli.main import main
from importer_app.core.model import Entity
from importer_app.screening import HitKey, ScreeningResult, Snapshot, screen
from importer_app.store.casefile import CaseFile

LISTS = {"uflpa": snapshot("uflpa", REALISTIC_UFLPA), "wro": snapshot("wro", REALISTIC_WRO)}


def _entity(name: str, name_local: str = "", entity_id: str = "e1") -> Entity:
    return Entity(id=entity_id, name=name, role="supplier", country="CN", name_local=name_local)


def _hits(name: str, name_local: str = "", lists: dict[str, Snapshot] = LISTS) -> list[tuple[str, str]]:
    result = screen([_entity(name, name_local)], lists)
    return [(hit.list_id, hit.listed.name) for hit in result.hits]


def _one(entities: list[Entity], *names: str) -> ScreeningResult:
    return screen(entities, {"uflpa": snapshot("uflpa", listed("uflpa", *names))})


def test_a_trading_name_finds_the_listed_company_on_both_lists() -> None:
    assert _hits("Hoshine Silicon") == [
        ("uflpa", "Xinjiang Hoshine Silicon Industry (Shanshan) Co., Ltd"),
        ("wro", "Hoshine Silicon Industry Co. Ltd."),
    ]


@pytest.mark.parametrize("word", ["Silicon", "Textile", "Cotton", "Trading", "Textile Co., Ltd.", "Xinjiang"])
def test_a_single_generic_word_is_never_a_candidate(word: str) -> None:
    result = screen([_entity(word)], LISTS)

    assert result.hits == ()
    assert not result.entities[0].names[0].screenable


@pytest.mark.parametrize("name", ["Textile Trading Co., Ltd.", "Xinjiang Cotton Spinning", "Saigon Knitting"])
def test_generic_words_together_do_not_match_companies_that_share_them(name: str) -> None:
    assert _hits(name) == []


def test_a_chinese_script_name_finds_its_romanised_listing() -> None:
    result = screen([_entity("TM Textiles", "新疆天棉纺织有限公司")], LISTS)

    hit, = result.hits
    assert (hit.listed.name, hit.case_field, hit.case_name) == (
        "Xinjiang Tianmian Textile Co., Ltd.", "name_local", "新疆天棉纺织有限公司")
    assert "read as “xinjiang tianmian textile”" in hit.why
    assert result.entities[0].names[1].compared == "xinjiang tianmian textile"


def test_an_other_name_of_the_entity_is_screened_too() -> None:
    entity = Entity("mill", "Northwind Fabrics LLC", "processor", "VN", aliases=("Hoshine Silicon",))
    result = screen([entity], LISTS)

    assert {(hit.case_field, hit.case_name) for hit in result.hits} == {("alias", "Hoshine Silicon")}
    assert [name.field for name in result.entities[0].names] == ["name", "alias"]


def test_the_demo_case_has_no_candidate_hits_against_realistic_lists(demo_entities: tuple[Entity, ...]) -> None:
    result = screen(demo_entities, LISTS)

    assert [(h.entity_id, h.matched_name) for h in result.hits] == []
    assert all(name.screenable for record in result.entities for name in record.names)


@pytest.mark.parametrize(
    ("case", "found", "because"),
    [
        ("Hoshin Silicon Industry", "Xinjiang Hoshine Silicon Industry (Shanshan) Co., Ltd", "“hoshin” as “hoshine”"),
        ("Zhongrui Chemical", "Xinjiang Zhong Rui Chemical Co., Ltd.", "Every word of “Zhongrui Chemical”"),
        ("Grand Vast Group Trading Co., Ltd.", "Grand Vast Group", "Every word of the listed name “Grand Vast Group”"),
        ("Shanshan Hoshine Silicon", "Xinjiang Hoshine Silicon Industry (Shanshan) Co., Ltd", "the place “shanshan”"),
        ("HOSHINE SILICON INDUSTRY CO LTD", "Hoshine Silicon Industry Co. Ltd.", "is the same as"),
        ("Hetian Fengda Clothing Company Limited", "Hetian Fengda Apparel Co., Ltd.", "is the same as"),
        ("Hotan Pettiwell Textiles", "Hotan Pettiwell Textile Co., Ltd.", "is the same as"),
    ],
)
def test_variants_of_a_listed_name_are_candidates(case: str, found: str, because: str) -> None:
    hits = screen([_entity(case)], LISTS).hits

    assert found in [hit.listed.name for hit in hits]
    assert because in next(hit.why for hit in hits if hit.listed.name == found)


@pytest.mark.parametrize(
    ("case", "listed_name", "is_candidate"),
    [
        # WORD_MIN 87: a dropped letter, or a changed one in a word of 8+ letters, is a typo
        # worth a look ...
        ("Hoshin Silicon", "Hoshine Silicon Industry Co., Ltd.", True),
        ("Crestline Garment", "Crestlane Garment Co., Ltd.", True),
        ("Tianmian Textile", "Tianmain Textile Co., Ltd.", True),
        # ... but a changed letter in a shorter word makes another brand, even when long
        # generic words make the whole names 94% alike; words under 5 letters must be exact.
        ("Chengle Logistics", "Chengde Logistics Co., Ltd.", False),
        ("Delta Garment", "Della Garment Co., Ltd.", False),
        ("Lam Textile", "Lan Textile Co., Ltd.", False),
        # Every distinctive word must be found: a shared brand word is not enough.
        ("Hoshine Textile", "Hoshine Silicon Industry Co., Ltd.", False),
        ("Kestrel Delta Spinning JSC", "Kashgar Delta Cotton Spinning Co., Ltd.", False),
        # A single distinctive word is compared whole, not looked for inside longer names.
        ("Hoshine", "Hoshine Silicon Industry Co., Ltd.", False),
        ("Hoshine Group", "Hoshine Co., Ltd.", True),
        # NAME_MIN 90 on the whole name run together: one letter off in a long name.
        ("Pettibone Creek Farms LLC", "Pettibone Creek Farm Co.", True),
        ("Pettibone Creek Farms LLC", "Pettigrew Creek Farms Co.", False),
    ],
)
def test_thresholds(case: str, listed_name: str, is_candidate: bool) -> None:
    assert bool(_one([_entity(case)], listed_name).hits) is is_candidate


def test_an_alias_match_names_the_alias_and_keys_on_the_main_name() -> None:
    hit, = screen([_entity("Akesu Jinhua Co., Ltd.")], LISTS).hits

    assert (hit.matched_name, hit.matched_alias, hit.kind) == ("Akesu Jinhua", True, "same_name")
    assert hit.key == HitKey("uflpa", "aksu jinhua textile", "e1")


def test_accents_and_vietnamese_legal_forms_are_folded() -> None:
    hit, = _one([_entity("Lam Thuy Knitting", "Công ty TNHH Dệt Kim Lam Thủy")], "Det Kim Lam Thuy Co., Ltd.").hits

    assert hit.case_field == "name_local"
    assert hit.score == 100


def test_the_hit_key_survives_a_re_punctuated_listing_and_round_trips_as_text() -> None:
    before, = _one([_entity("Hoshine Silicon", entity_id="tier-3|a")], "Hoshine Silicon Industry Co., Ltd").hits
    after, = _one([_entity("Hoshine Silicon", entity_id="tier-3|a")], "HOSHINE SILICON INDUSTRY CO. LTD.").hits

    assert before.key == after.key
    assert HitKey.from_text(before.key.as_text()) == before.key
    with pytest.raises(ValueError):
        HitKey.from_text("ofac|someone|e1")


def test_one_entity_listed_under_two_sections_is_one_hit_with_both_listings() -> None:
    first, second = listed("uflpa", "Xinjiang Tianmian Textile Co., Ltd.", "Xinjiang Tianmian Textile Co. Ltd.")
    sections = [dataclasses.replace(first, section="2(d)(2)(B)(i)"),
                dataclasses.replace(second, section="2(d)(2)(B)(v)")]

    hit, = screen([_entity("Tianmian Textile")], {"uflpa": snapshot("uflpa", sections)}).hits

    assert [listing.section for listing in hit.listings] == ["2(d)(2)(B)(i)", "2(d)(2)(B)(v)"]


def test_screening_without_lists_records_the_names_and_finds_nothing() -> None:
    result = screen([_entity("Hoshine Silicon")], {})

    assert (result.snapshots, result.hits) == ((), ())
    assert result.entities[0].names[0].compared == "hoshine silicon"


@pytest.fixture(scope="module")
def demo_entities(tmp_path_factory: pytest.TempPathFactory) -> tuple[Entity, ...]:
    folder = tmp_path_factory.mktemp("demo")
    case = folder / "demo.tcase"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("IMPORTER_APP_HOME", str(folder / "home"))
        assert main(["demo", str(case), "--force"]) == 0
    return _load(case)


def _load(case: Path) -> tuple[Entity, ...]:
    entities = CaseFile.open(case, readonly=True).load().entities
    assert len(entities) >= 6
    return entities
