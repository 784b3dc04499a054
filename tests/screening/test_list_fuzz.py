"""Whatever file a user picks as a list, import answers with a located ListFileError or a
parsed list: never a crash."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from screening_files import WRO_HEADER, uflpa_page, uflpa_table, wro_csv, wro_row

from importer_app.core.errors import ListFileError
from importer_app.screening import parse_list_file

# Only what Windows-1252 can encode: the tests write the file in CBP's encoding.
CP1252 = st.characters(codec="cp1252", exclude_categories=("Cs",))
NAMES = st.text(alphabet=CP1252, max_size=60)
DATES = st.one_of(st.sampled_from(["06/24/2021", "2021-06-24", "", "13/45/2021", "June 21, 2022"]),
                  st.text(alphabet=CP1252, max_size=12))


def _accepts_or_locates(data: bytes, name: str) -> None:
    try:
        parsed = parse_list_file(data, name)
    except ListFileError as error:
        assert error.file == name and str(error).startswith(name)
    else:
        assert all(entity.name for entity in parsed.entities)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(NAMES, DATES, NAMES), max_size=6), st.sampled_from(["cp1252", "utf-8"]),
       st.integers(0, len(WRO_HEADER)))
def test_any_wro_csv_is_parsed_or_refused_with_its_place(rows: list[tuple[str, str, str]], encoding: str,
                                                        drop_column: int) -> None:
    header = tuple(h for i, h in enumerate(WRO_HEADER) if i != drop_column)
    data = wro_csv([wro_row(name, date=date, remarks=remarks) for name, date, remarks in rows],
                   header=header, encoding=encoding)
    _accepts_or_locates(data, "withhold-release-orders-findings.csv")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(NAMES, DATES), max_size=6), st.sampled_from(["2(d)(2)(B)(i)", "2(d)(2)(B)(v)", "", "x"]))
def test_any_uflpa_page_is_parsed_or_refused_with_its_place(rows: list[tuple[str, str]], section: str) -> None:
    _accepts_or_locates(uflpa_page(uflpa_table(section, rows)), "uflpa-entity-list.html")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_crash_the_import(data: bytes) -> None:
    _accepts_or_locates(data, "download.csv")
