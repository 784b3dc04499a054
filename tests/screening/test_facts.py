"""The check learns whether every entity was screened against current lists (ORG-02) and what was hit."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from screening_files import REALISTIC_UFLPA, REALISTIC_WRO, snapshot

from importer_app.core.model import Entity
from importer_app.screening import (
    MAX_AGE_DAYS,
    Freshness,
    Snapshot,
    screen,
    screening_facts,
)

IMPORTED = dt.datetime(2026, 10, 1, 23, 30, tzinfo=dt.UTC)
ENTITIES = (
    Entity(id="importer", name="Harborline Apparel Inc.", role="importer", country="US"),
    Entity(id="smelter", name="Hoshine Silicon", role="processor", country="CN"),
    Entity(id="weaver", name="Textile", role="processor", country="VN"),
)


def _lists(confirmed: dt.datetime = IMPORTED) -> dict[str, Snapshot]:
    return {"uflpa": snapshot("uflpa", REALISTIC_UFLPA, confirmed=confirmed),
            "wro": snapshot("wro", REALISTIC_WRO, confirmed=confirmed)}


def test_no_list_ever_imported_is_none() -> None:
    facts = screening_facts(screen(ENTITIES, {}), {}, dt.date(2026, 10, 2))

    assert facts.freshness is Freshness.NONE
    assert facts.missing_lists == ("uflpa", "wro")
    assert [status.freshness for status in facts.lists] == [Freshness.NONE, Freshness.NONE]
    assert facts.hits == ()


@pytest.mark.parametrize(("days", "freshness"), [(0, Freshness.CURRENT), (MAX_AGE_DAYS, Freshness.CURRENT),
                                                 (MAX_AGE_DAYS + 1, Freshness.STALE)])
def test_lists_are_current_for_thirty_days_after_import(days: int, freshness: Freshness) -> None:
    lists = _lists()
    today = IMPORTED.date() + dt.timedelta(days=days)

    facts = screening_facts(screen(ENTITIES, lists), lists, today)

    assert facts.freshness is freshness
    assert facts.missing_lists == ()
    assert [status.age_days for status in facts.lists] == [days, days]
    assert {status.oldest_age_days for status in facts.entities} == {days}
    assert {status.lists for status in facts.entities} == {("uflpa", "wro")}


def test_every_entity_is_reported_with_its_hits_and_whether_it_could_be_screened() -> None:
    lists = _lists()

    facts = screening_facts(screen(ENTITIES, lists), lists, IMPORTED.date())

    importer, smelter, weaver = facts.entities
    assert (importer.entity_id, importer.hits, importer.screenable) == ("importer", (), True)
    assert [hit.list_id for hit in smelter.hits] == ["uflpa", "wro"]
    assert weaver.screenable is False  # "Textile" alone says nothing about who the company is
    assert facts.hits == smelter.hits
    assert all(status.snapshot_ids == ("uflpa-test", "wro-test") for status in facts.entities)


def test_a_single_list_imported_is_current_but_the_other_is_missing() -> None:
    lists = {"uflpa": snapshot("uflpa", REALISTIC_UFLPA, confirmed=IMPORTED)}

    facts = screening_facts(screen(ENTITIES, lists), lists, IMPORTED.date())

    assert (facts.freshness, facts.missing_lists) == (Freshness.CURRENT, ("wro",))


def test_a_screening_against_a_replaced_version_is_stale() -> None:
    old = _lists()
    result = screen(ENTITIES, old)
    newer = {**old, "wro": snapshot("wro", REALISTIC_WRO, confirmed=IMPORTED, sha256="f" * 64)}

    assert screening_facts(result, newer, IMPORTED.date()).freshness is Freshness.STALE


def test_a_list_imported_after_the_screening_makes_it_stale() -> None:
    only_uflpa = {"uflpa": snapshot("uflpa", REALISTIC_UFLPA, confirmed=IMPORTED)}
    result = screen(ENTITIES, only_uflpa)

    assert screening_facts(result, _lists(), IMPORTED.date()).freshness is Freshness.STALE


def test_re_importing_an_unchanged_list_makes_an_old_screening_current_again() -> None:
    lists = _lists()
    result = screen(ENTITIES, lists)
    later = IMPORTED + dt.timedelta(days=45)
    confirmed = {list_id: dataclasses.replace(s, confirmed_at=later) for list_id, s in lists.items()}

    assert screening_facts(result, lists, later.date()).freshness is Freshness.STALE
    assert screening_facts(result, confirmed, later.date()).freshness is Freshness.CURRENT
