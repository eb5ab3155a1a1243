"""Number formatting for display through Babel: Dutch by default, English on request; years
never grouped, infinity and not-a-number never raw, euros without cents on totals."""

from __future__ import annotations

import math

import numpy as np
import pytest

from ggzregio.formatting import (
    format_compact,
    format_euro,
    format_number,
    format_shown,
    format_year,
)
from ggzregio.i18n import set_language


@pytest.mark.parametrize(
    ("value", "decimals", "language", "text"),
    [
        (14.988166, 2, "nl", "14,99"),
        (58.7086, 0, "nl", "59"),
        (17_000_000, 0, "nl", "17.000.000"),
        (1234.5, 1, "nl", "1.234,5"),
        (1234.5, 1, "en", "1,234.5"),
        (-0.25, 2, "nl", "-0,25"),
        (float("nan"), 2, "nl", "–"),
        (None, 0, "nl", "–"),
    ],
)
def test_format_number(value: float | None, decimals: int, language: str, text: str) -> None:
    assert format_number(value, decimals, language) == text  # type: ignore[arg-type]


# --- Babel formatting (issue 17, point 8: what people read) -----------------------------------


@pytest.mark.parametrize(
    ("value", "decimals", "language", "text"),
    [
        (14.988166, 2, "en", "14.99"),
        (3917, 0, "nl", "3.917"),
        (3917, 0, "en", "3,917"),
        (1_234_567.891, 2, "en", "1,234,567.89"),
        (1_234_567.891, 2, "nl", "1.234.567,89"),
        (-1234.5, 1, "en", "-1,234.5"),
        (-0.04, 1, "nl", "0,0"),  # a rounded zero has no minus
        (np.float64(2.5), 0, "nl", "2"),  # numpy numbers too (half to even)
        (np.int64(17_000_000), 0, "en", "17,000,000"),
        (math.inf, 0, "nl", "∞"),  # never 'inf'
        (-math.inf, 0, "en", "-∞"),
    ],
)
def test_babel_known_answers(value: float, decimals: int, language: str, text: str) -> None:
    assert format_number(value, decimals, language) == text  # type: ignore[arg-type]


def test_compact_and_shown_in_both_languages() -> None:
    assert format_compact(1234.5, 2, "nl") == "1.234,5"
    assert format_compact(1234.5, 2, "en") == "1,234.5"
    assert format_compact(-0.001, 2, "nl") == "0"
    assert format_compact(math.nan, 2, "nl") == "–"
    assert format_shown("x") == "x"  # a suppression marker as it is
    assert format_shown(None) == "–"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_years_are_never_grouped(language: str) -> None:
    years = [2028, 2028.0, np.int64(2031), np.float64(2109.6), 12028]
    shown = [format_year(y, language) for y in years]  # type: ignore[arg-type]
    assert shown == ["2028", "2028", "2031", "2110", "12028"]
    assert format_year(None, language) == format_year(math.nan, language) == "–"


def test_an_infinite_year_is_a_trend_that_never_gets_there() -> None:
    assert format_year(math.inf, "nl") == "niet op deze trend"
    assert format_year(math.inf, "en") == "not on this trend"
    try:
        set_language("en")
        assert format_year(np.float64("inf")) == "not on this trend"
    finally:
        set_language(None)


def test_euros_are_whole_unless_cents_are_asked_for() -> None:
    assert format_euro(12_345_678.9, 0, "nl") == "€\xa012.345.679"
    assert format_euro(12_345_678.9, 0, "en") == "€12,345,679"
    assert format_euro(-5_054_427, 0, "nl") == "€\xa0-5.054.427"
    assert format_euro(-5_054_427, 0, "en") == "-€5,054,427"
    assert format_euro(12.5, 2, "nl") == "€\xa012,50"  # a small unit price
    assert format_euro(None, 0, "nl") == "–"
