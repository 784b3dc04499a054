"""Every size a user reads is in decimal units (1 MB = 1,000,000 bytes), as the limits are."""

from __future__ import annotations

import pytest

from importer_app.core.byte_sizes import GB, KB, MB, size_against, size_text


def test_the_units_are_decimal() -> None:
    assert (KB, MB, GB) == (1_000, 1_000_000, 1_000_000_000)


@pytest.mark.parametrize(("size", "text"), [
    (0, "0 bytes"),
    (1, "1 byte"),
    (999, "999 bytes"),
    (1_000, "1 kB"),
    (1_500, "1.5 kB"),
    (70_000, "70 kB"),
    (999_400, "999 kB"),
    (999_999, "1 MB"),  # not "1000 kB"
    (1_048_576, "1.05 MB"),  # a MiB is not a MB
    (3_000_000, "3 MB"),
    (3_154_303, "3.15 MB"),
    (12_345_678, "12.3 MB"),
    (123_456_789, "123 MB"),
    (1_100_000_000, "1.1 GB"),
])
def test_a_size_reads_in_three_figures_at_most(size: int, text: str) -> None:
    assert size_text(size) == text


def test_a_size_over_a_limit_that_rounds_to_it_shows_its_bytes() -> None:
    assert size_against(3_000_417, 3 * MB) == "3 MB (3,000,417 bytes)"
    assert size_against(3_154_303, 3 * MB) == "3.15 MB"
    assert size_against(3 * MB, 3 * MB) == "3 MB"
