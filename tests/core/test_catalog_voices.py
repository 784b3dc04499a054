"""The catalog speaks in two voices: guidance for the user, and words the bundle gives CBP.

Every information type and deadline rule carries CBP-facing text (``to_cbp``) beside the
user's guidance; every source says whether the bundle may cite it (``kind``), and a primary
source carries what CBP needs to check it (short citation, title, date, URL).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from importer_app.core.catalog import Catalog, CatalogError, load_catalog



Breaker = Callable[[str, str, str], Path]


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(CatalogError) as caught:
        load_catalog(folder)
    return [str(problem) for problem in caught.value.problems]


_USER_VOICE = re.compile(r"\b(you|your|the app|Forms page|tie|add the|case file)\b|\(s\)|[A-Z]{2,3}-\d\d", re.IGNORECASE)


def test_every_row_and_deadline_has_cbp_facing_text_without_instructions(catalog: Catalog) -> None:
    texts = [(row.id, row.to_cbp) for row in catalog.information_types]
    texts += [(rule.id, rule.to_cbp) for rule in catalog.deadlines]
    assert all(text for _, text in texts)
    assert [(key, text) for key, text in texts if _USER_VOICE.search(text)] == []
    assert [(key, text) for key, text in texts if not text.endswith(".")] == []


def test_what_a_request_contends_reads_to_cbp_as_a_clause_without_instructions(catalog: Catalog) -> None:
    """``to_cbp`` completes "CBP's request of <date> contends that ..."; the user's words stay apart."""
    for contention in catalog.contentions.values():
        assert not _USER_VOICE.search(contention.to_cbp), contention.id
        assert contention.to_cbp[:1].islower() and not contention.to_cbp.endswith("."), contention.id
        assert contention.guidance.endswith(".") and contention.guidance != contention.to_cbp


def test_the_cbp_facing_text_is_not_the_guidance(catalog: Catalog) -> None:
    assert all(row.to_cbp != row.guidance for row in catalog.information_types)


def test_primary_sources_carry_a_citation_a_date_and_an_https_address(catalog: Catalog) -> None:
    primary = [s for s in catalog.sources.values() if s.kind == "primary"]
    assert {s.cite for s in primary} >= {"19 CFR 12.43", "19 CFR 151.16", "19 U.S.C. 1307", "UFLPA section 3"}
    for source in primary:
        assert source.cite and source.cite_title and source.published and source.url.startswith("https://")
        assert "2015 edition" not in source.cite_title + source.published
    regulations = [s for s in primary if s.cite.startswith("19 CFR")]
    assert all(s.url.startswith("https://www.ecfr.gov/current/title-19/") for s in regulations)


def test_trade_press_and_law_firm_sources_are_background(catalog: Catalog) -> None:
    for tag in ("S16", "S20", "S27", "S40", "S44", "S51", "S56"):
        assert catalog.sources[tag].kind == "background"


def test_primary_sources_of_citations_are_each_listed_once_in_order(catalog: Catalog) -> None:
    cited = catalog.primary_sources(["S16", "S02", "S01", "S08", "S20-gdlsk", "S02"])
    assert [s.cite for s in cited] == ["19 CFR 12.43", "19 CFR 12.42"]


def test_a_row_without_cbp_facing_text_is_refused_with_its_place(break_catalog: Breaker) -> None:
    folder = break_catalog("information_types.toml", 'to_cbp = "The payment records', 'guidance2 = "The payment records')
    problems = problems_of(folder)
    assert "information_types.toml, SCT-06: `to_cbp` must be a non-empty string" in problems


def test_a_deadline_without_cbp_facing_text_is_refused_with_its_place(break_catalog: Breaker) -> None:
    folder = break_catalog("deadlines.toml", 'to_cbp = "Thirty days after the notice of seizure', 'meaning2 = "x')
    assert "deadlines.toml, DL-09: `to_cbp` must be a non-empty string" in problems_of(folder)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('tag = "S02"\nkind = "primary"', 'tag = "S02"\nkind = "law"', "sources.toml, S02: unknown value 'law' in `kind`"),
        ('url = "https://www.ecfr.gov/current/title-19/section-12.43"', 'url = ""',
         "sources.toml, S02: `url` must be a non-empty string"),
        ('url = "https://www.ecfr.gov/current/title-19/section-12.43"', 'url = "www.ecfr.gov/12.43"',
         "sources.toml, S02: `url` must be an https:// address CBP can open"),
        ('tag = "S16"\nkind = "background"', 'tag = "S16"\nkind = "background"\nurl = "https://example.com"',
         "sources.toml, S16: `cite`, `cite_title`, `url`, `published`, `checked`, `unconfirmed` and `legal_cite` "
         "are for primary sources only"),
        ('tag = "S16"\nkind = "background"', 'tag = "S16"\nkind = "background"\nchecked = 2026-12-06',
         "sources.toml, S16: `cite`, `cite_title`, `url`, `published`, `checked`, `unconfirmed` and `legal_cite` "
         "are for primary sources only"),
        ("unconfirmed = true\nlegal_cite = \"19 C.F.R. § 12.43 (current edition)\"\n", "",
         "sources.toml, S02: a primary source has either `checked` (the day its url was confirmed) or `unconfirmed = true`"),
        ("unconfirmed = true\nlegal_cite = \"19 C.F.R. § 12.43 (current edition)\"\n", "checked = 2026-12-06\nunconfirmed = true\nlegal_cite = \"19 C.F.R. § 12.43 (current edition)\"\n",
         "sources.toml, S02: a primary source has either `checked` (the day its url was confirmed) or `unconfirmed = true`"),
        ("unconfirmed = true\nlegal_cite = \"19 C.F.R. § 12.43 (current edition)\"\n", "checked = \"2026-12-06\"\n",
         "sources.toml, S02: `checked` must be a TOML date (YYYY-MM-DD)"),
        ("unconfirmed = true\nlegal_cite = \"19 C.F.R. § 12.43 (current edition)\"\n", "unconfirmed = true\n",
         "sources.toml, S02: an unconfirmed source needs `legal_cite`, the full citation printed instead of its address"),
        ('tag = "S16"\nkind = "background"', 'tag = "S16"\nkind = "background"\nlegal_cite = "19 U.S.C. § 1307"',
         "sources.toml, S16: `cite`, `cite_title`, `url`, `published`, `checked`, `unconfirmed` and `legal_cite` "
         "are for primary sources only"),
        ('tag = "S16"\nkind = "background"', 'tag = "S16"\nkind = "background"\nread_note = 3',
         "sources.toml, S16: `read_note` must be a non-empty string"),
    ],
)  # fmt: skip
def test_source_kinds_are_checked(break_catalog: Breaker, old: str, new: str, message: str) -> None:
    assert message in problems_of(break_catalog("sources.toml", old, new))


def test_every_primary_url_is_checked_or_marked_unconfirmed(catalog: Catalog) -> None:
    primary = [s for s in catalog.sources.values() if s.kind == "primary"]
    assert all((s.checked is None) == s.unconfirmed for s in primary)
    # The addresses found as stored pages; the current-eCFR ones were not.
    assert {s.tag for s in primary if s.checked} == {"S10", "S12", "S13", "S21", "S33", "S38", "S39", "S57", "S59", "S60", "S81"}
    assert all(s.unconfirmed for s in primary if s.url.startswith("https://www.ecfr.gov/"))
    assert all(s.legal_cite for s in primary if s.unconfirmed)


def test_titles_are_fit_to_show_and_reading_notes_kept_apart(catalog: Catalog) -> None:
    """A source's title shows beside findings in the window and `check`; where and in which
    edition its text was read is a separate note."""
    assert [s.tag for s in catalog.sources.values() if re.search(r"\bread in\b|annual edition|cited to", s.title)] == []
    assert catalog.sources["S02"].title == "19 CFR 12.43, proof of admissibility"
    assert catalog.sources["S02"].read_note == "text read in the 2015 annual edition; cited to the current eCFR"


def test_primary_sources_are_not_read_from_slides_forums_or_law_firm_pages(catalog: Catalog) -> None:
    weak = re.compile(r"pitchsend|slides|lihkg|minervasyte|govregs|lexology|casetext|mondaq|cmtradelaw|strtrade|clarkesposito")
    assert [(s.tag, w) for s in catalog.sources.values() if s.kind == "primary" for w in s.where if weak.search(w)] == []
