"""Whatever a spreadsheet export puts in a case description, the loader answers with our
error (every problem located) or a case: never a crash."""

from __future__ import annotations

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from importer_app.core.description import parse_description
from importer_app.core.description_keys import TABLE_KEYS
from importer_app.core.errors import DescriptionError

KEYS = sorted({key for table in TABLE_KEYS.values() for key in table} | {"format", "frm", "tier", "x"})
VALUES = st.one_of(
    st.text(alphabet=string.printable + "éœ中", max_size=12).map(lambda s: '"' + s.replace("\\", "/").replace('"', "'").replace("\n", " ").replace("\r", " ") + '"'),
    st.integers(-5, 20000).map(str),
    st.floats(allow_nan=False, allow_infinity=False, width=32).map(repr),
    st.sampled_from(["2026-10-02", "2026-13-40", "true", "[]", '["a", "b"]', "[1, 2]", '"wro"', '"processor"',
                     '"purchase_order"', '"VN"', '"gin"', '"spinner"', '"entity:gin"', '"SCT-15"']),
)
LINES = st.one_of(
    st.tuples(st.sampled_from(KEYS), VALUES).map(lambda kv: f"{kv[0]} = {kv[1]}"),
    st.sampled_from(["[shipment]", "[[entities]]", "[[links]]", "[[documents]]", "[[not_applicable]]", "[other]",
                     'format = "importer-app-case/1"', "", "# comment", "[[shipment]]", "= broken"]),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LINES, max_size=40))
def test_any_description_gives_a_case_or_located_problems(lines: list[str]) -> None:
    text = "\n".join(lines)
    try:
        parse_description(text, "case.toml", file_exists=lambda p: p.endswith(".pdf"), known_requirements={"SCT-15"})
    except DescriptionError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.file == "case.toml" and problem.message
            assert problem.line is not None or problem.key or "missing" in problem.message or "format" in problem.message


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_never_crashes_the_loader(text: str) -> None:
    try:
        parse_description(text, "case.toml")
    except DescriptionError as error:
        assert all(p.message for p in error.problems)
