"""Counted nouns: "1 item", "3 items", never "item(s)"."""

from __future__ import annotations

from importer_app.core.plural import counted, noun, verb


def test_one_is_singular_and_every_other_count_plural() -> None:
    assert [counted(n, "item") for n in (0, 1, 2, 1200)] == ["0 items", "1 item", "2 items", "1,200 items"]
    assert counted(1, "entry", "entries") == "1 entry" and counted(3, "entry", "entries") == "3 entries"
    assert noun(2, "Exhibit") == "Exhibits" and verb(1, "is", "are") == "is" and verb(4, "is", "are") == "are"
