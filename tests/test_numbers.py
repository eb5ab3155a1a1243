"""Numbers typed by people (issue 17, point 7): one parser for CLI options, web forms and the
text cells of uploaded files, following the active language. In Dutch ``250.000`` is two
hundred and fifty thousand and ``12,5`` twelve and a half; what is not valid in the language is
refused with a message showing how it was read, never guessed."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from babel.numbers import format_decimal
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from ggzregio.i18n import Language, set_language
from ggzregio.inventory.demo import demo_inventory
from ggzregio.inventory.excel import (
    CHECKLIST_SHEET,
    REGION_SHEET,
    read_inventory_excel,
    write_inventory_excel,
)
from ggzregio.io.areas import read_areas
from ggzregio.io.tables import detect_decimal, parse_numbers
from ggzregio.numbers import (
    LOCALES,
    NumberError,
    format_user_number,
    parse_number_texts,
    parse_user_integer,
    parse_user_number,
)
from ggzregio.prevalence import ModelSpec
from tests.conftest import invoke

# --- known answers --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("nl", "250.000", 250_000),
        ("nl", "12,5", 12.5),
        ("nl", "1.234,5", 1234.5),
        ("nl", "1.234.567,89", 1_234_567.89),
        ("nl", "-3,5", -3.5),
        ("nl", " 42 ", 42),
        ("nl", "250 000", 250_000),  # a space as thousands grouping
        ("nl", "250\u00a0000", 250_000),  # no-break space
        ("nl", "1\u202f234,5", 1234.5),  # narrow no-break space
        ("nl", "\u22125", -5),  # minus sign U+2212
        ("nl", "0,5", 0.5),
        ("nl", "1000", 1000),
        ("en", "250,000", 250_000),
        ("en", "12.5", 12.5),
        ("en", "1,234.5", 1234.5),
        ("en", "-0.25", -0.25),
    ],
)
def test_known_answers(language: Language, text: str, expected: float) -> None:
    assert parse_user_number(text, language=language) == expected


def test_integer_quantities_follow_the_language() -> None:
    assert parse_user_integer("350.000", language="nl") == 350_000
    assert parse_user_integer("350,000", language="en") == 350_000
    assert parse_user_number("350.000", language="nl", integer=True) == 350_000


def test_the_active_language_is_used_when_none_is_given() -> None:
    assert parse_user_number("250.000") == 250_000
    set_language("en")
    assert parse_user_number("250,000") == 250_000
    assert parse_user_number("12.5") == 12.5


# --- refusals ------------------------------------------------------------------------------


def _refused(text: str, language: Language, **options: object) -> NumberError:
    with pytest.raises(NumberError) as caught:
        parse_user_number(text, language=language, **options)  # type: ignore[arg-type]
    return caught.value


@pytest.mark.parametrize(
    ("text", "rule", "shown"),
    [
        # Babel strict: a point in Dutch groups thousands, so '12.5' is not a Dutch number;
        # both readings are offered rather than one being picked.
        ("12.5", "number_format", "bedoelt u 12,5 of 125?"),
        ("1,234.5", "number_format", "bedoelt u 1.234,5 of 1,2345?"),
        ("1.23", "number_format", "bedoelt u 1,23 of 123?"),
        ("1,2,3", "number_malformed", "geen geldig getal in het Nederlands"),
        ("abc", "number_invalid", "'abc' is geen getal"),
        ("", "number_empty", "geen getal ingevuld"),
        ("   ", "number_empty", "geen getal ingevuld"),
        ("inf", "number_invalid", "'inf' is geen getal"),
        ("nan", "number_invalid", "'nan' is geen getal"),
        ("1e5", "number_invalid", "'1e5' is geen getal"),
        ("1_000", "number_invalid", "'1_000' is geen getal"),
        ("9" * 400, "number_too_large", "te groot"),
    ],
)
def test_dutch_refusals_show_the_text_and_the_readings(text: str, rule: str, shown: str) -> None:
    error = _refused(text, "nl")
    assert error.rule == rule
    assert shown in error.detail
    assert error.rules() == {rule}


def test_english_refusals_are_in_english() -> None:
    set_language("en")
    error = _refused("12,5", "en")
    assert error.detail == (
        "'12,5' is not a valid number in English (point for decimals, comma for thousands); "
        "did you mean 12.5 or 125?"
    )


def test_a_fraction_is_not_an_integer_and_the_message_shows_the_reading() -> None:
    error = _refused("2,5", "nl", integer=True)
    assert error.rule == "number_not_integer"
    assert error.detail == "'2,5' is geen geheel getal (gelezen als 2,5)"
    assert _refused("350,5", "nl", integer=True).detail == (
        "'350,5' is geen geheel getal (gelezen als 350,5)"
    )


@pytest.mark.parametrize(
    ("language", "text", "reading", "alternative"),
    [("nl", "350,000", "350", "350.000"), ("en", "350.000", "350", "350,000")],
)
def test_the_other_languages_thousands_are_refused_for_counts(
    language: Language, text: str, reading: str, alternative: str
) -> None:
    """Reading '350,000' inhabitants as 350 in Dutch would plan for a thousandth of the region;
    for a count it is refused with both readings. For a plain amount the language decides."""
    error = _refused(text, language, integer=True)
    assert error.rule == "number_ambiguous"
    assert f"schrijf {reading}, of {alternative} als u dat bedoelt" in error.detail
    assert parse_user_number(text, language=language) == 350


def test_bounds_are_checked_and_shown_in_the_language() -> None:
    assert _refused("0", "nl", minimum=1).detail == "'0' is kleiner dan 1"
    assert _refused("12.000", "nl", maximum=10_000).detail == "'12.000' is groter dan 10.000"


def test_a_refusal_names_the_field_and_form() -> None:
    error = _refused("12.5", "nl", field="capacity.fact.per_100k", source="formulier")
    (problem,) = error.problems
    assert (problem.file, problem.key) == ("formulier", "capacity.fact.per_100k")
    assert "sleutel 'capacity.fact.per_100k'" in problem.message()
    bare = _refused("12.5", "nl", field="--region-inhabitants")
    assert str(bare).startswith("--region-inhabitants: '12.5' is geen geldig getal")


# --- properties -----------------------------------------------------------------------------

LANGUAGES = st.sampled_from(["nl", "en"])
FINITE = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15)


@given(FINITE, LANGUAGES)
def test_babel_formatted_numbers_parse_back(value: float, language: Language) -> None:
    """Formatting in the language (Babel, with grouping and every decimal) and parsing gives
    the number back."""
    text = format_decimal(
        Decimal(repr(value)), locale=LOCALES[language], decimal_quantization=False
    )
    assert parse_user_number(text, language=language) == value


@given(st.integers(min_value=-(10**15), max_value=10**15), LANGUAGES)
def test_babel_formatted_integers_parse_back_as_integers(value: int, language: Language) -> None:
    text = format_decimal(value, locale=LOCALES[language])
    assert parse_user_integer(text, language=language) == value


@given(FINITE, LANGUAGES)
def test_pre_filled_form_values_parse_back(value: float, language: Language) -> None:
    assert parse_user_number(format_user_number(value, language), language=language) == value


@given(st.text(alphabet="0123456789.,-+ \u00a0", max_size=12), LANGUAGES)
def test_file_cells_and_typed_numbers_follow_one_grammar(text: str, language: Language) -> None:
    """The vectorised parser of file cells accepts and refuses exactly what the Babel-based
    parser of typed numbers does, with the same value."""
    decimal = "," if language == "nl" else "."
    values, bad = parse_number_texts(pd.Series([text], dtype=object), decimal)
    try:
        expected = parse_user_number(text, language=language)
    except NumberError:
        assert bad[0]
    else:
        assert not bad[0]
        assert values[0] == expected


@given(st.text(max_size=15), LANGUAGES)
def test_any_text_is_a_finite_number_or_a_number_error(text: str, language: Language) -> None:
    try:
        value = parse_user_number(text, language=language)
    except NumberError as exc:
        detail = exc.detail
        assert detail
    else:
        assert np.isfinite(value)


# --- cells of uploaded files ----------------------------------------------------------------


def test_text_cells_use_the_same_rules_as_typed_numbers() -> None:
    cells = pd.Series(["250.000", "12,5", "1.234,5", "12.5", "1 234,5", "1e5", "inf"], dtype=object)
    parsed = parse_numbers(cells, ",")
    assert list(parsed.values[:3]) == [250_000, 12.5, 1234.5]
    assert parsed.values[4] == 1234.5
    assert list(parsed.bad) == [False, False, False, True, False, True, True]
    english = parse_numbers(pd.Series(["250,000", "1,234.5", "12,5"], dtype=object), ".")
    assert list(english.values[:2]) == [250_000, 1234.5]
    assert list(english.bad) == [False, False, True]


def test_count_cells_refuse_the_other_conventions_thousands() -> None:
    cells = pd.Series(["350,000", "350.000", "350"], dtype=object)
    assert list(parse_numbers(cells, ",", integer=True).bad) == [True, False, False]
    assert list(parse_numbers(cells, ".", integer=True).bad) == [False, True, False]


def test_only_unambiguous_cells_decide_the_decimal_separator() -> None:
    ambiguous = {"x": pd.Series(["1.500", "250,000", "5000"], dtype=object)}
    assert detect_decimal(ambiguous, ",", "f.xlsx") == ","
    assert detect_decimal(ambiguous, ".", "f.xlsx") == "."
    english = {"x": pd.Series(["1,234.5", "250,000"], dtype=object)}
    assert detect_decimal(english, ",", "f.xlsx") == "."


def test_hand_typed_excel_text_cells_follow_the_language(
    tmp_path: Path, model: ModelSpec, areas_frame: pd.DataFrame
) -> None:
    """An area table in Excel with counts typed as text the Dutch way ('3.917' adults) is read
    as 3917, not as 3.917 (refused as not whole) as before."""
    frame = areas_frame.astype({"adults": object, "inhabitants": object})
    frame.loc[0, "adults"] = "3.917"
    frame.loc[0, "inhabitants"] = "5.000"
    path = tmp_path / "tekst.xlsx"
    frame.to_excel(path, index=False)
    first = read_areas(path, model).frame.iloc[0]
    assert (first["adults"], first["inhabitants"]) == (3917, 5000)


def _inventory(
    tmp_path: Path, checklist: dict[tuple[str, int], object], inhabitants: object
) -> Path:
    path = write_inventory_excel(demo_inventory("R01", 100_000), tmp_path / "inv.xlsx")
    book = load_workbook(path)
    for sheet_name, edits in (
        (CHECKLIST_SHEET, checklist),
        (REGION_SHEET, {("inhabitants", 3): inhabitants}),
    ):
        sheet = book[sheet_name]
        rows = {sheet.cell(r, 1).value: r for r in range(1, sheet.max_row + 1)}
        for (code, column), value in edits.items():
            sheet.cell(rows[code], column).value = value
    book.save(path)
    return path


def test_inventory_text_cells_typed_the_english_way(tmp_path: Path) -> None:
    """With --lang en, '250,000' euros and '350,000' inhabitants typed as text are thousands
    (they were read with a decimal comma as 250 and 350)."""
    set_language("en")
    path = _inventory(tmp_path, {("fact", 5): "2,300,000", ("iht", 5): "250,000"}, "350,000")
    back = read_inventory_excel(path)
    assert back.entry("fact").eur == 2_300_000
    assert back.entry("iht").eur == 250_000
    assert back.inhabitants == 350_000


def test_inventory_text_cells_typed_the_dutch_way(tmp_path: Path) -> None:
    """Already so before (the template defaulted to a decimal comma); kept as a guard."""
    path = _inventory(tmp_path, {("fact", 3): "12,5", ("iht", 5): "250.000"}, "350.000")
    back = read_inventory_excel(path)
    assert (back.entry("fact").fte, back.entry("iht").eur, back.inhabitants) == (
        12.5,
        250_000,
        350_000,
    )


# --- command line --------------------------------------------------------------------------


def _figures(output: str) -> list[str]:
    """The capacity and spending figures of a plan as printed (header line left out)."""
    return re.findall(r"\d[\d.,]*", output.split("\n", 1)[1])


def test_cli_reads_dutch_inhabitants_as_thousands() -> None:
    code, grouped = invoke(
        "plan", "compute", "--region-inhabitants", "350.000", "--scenario", "voorbeeldregio-1"
    )
    assert code == 0, grouped
    assert "350.000 inwoners" in grouped
    _, plain = invoke(
        "plan", "compute", "--region-inhabitants", "350000", "--scenario", "voorbeeldregio-1"
    )
    assert _figures(grouped) == _figures(plain)
    assert "FACT-teams" in grouped
    assert "14 teams" in grouped  # 4 per 100,000 for 350,000 inhabitants


def test_cli_reads_english_inhabitants_with_lang_en() -> None:
    code, output = invoke(
        "--lang", "en", "plan", "compute", "--region-inhabitants", "350,000", "-s",
        "voorbeeldregio-1",
    )  # fmt: skip
    assert code == 0, output
    assert "350,000 inhabitants" in output
    assert "14 teams" in output


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (["--region-inhabitants", "350,000"], "gelezen als 350"),
        (["--region-inhabitants", "350,5"], "geen geheel getal"),
        (["--region-inhabitants", "veel"], "'veel' is geen getal"),
        (["--region-inhabitants", "0"], "kleiner dan 1"),
    ],
)
def test_cli_refuses_bad_numbers_naming_the_option(args: list[str], shown: str) -> None:
    code, output = invoke("plan", "compute", *args, "--scenario", "voorbeeldregio-1")
    assert code == 2
    flat = " ".join(output.replace("│", " ").split())
    assert "--region-inhabitants" in flat
    assert shown in flat


def test_cli_other_quantities_use_the_parser(tmp_path: Path) -> None:
    template = tmp_path / "inv.xlsx"
    code, output = invoke(
        "inventory", "template", str(template), "--demo", "--region-inhabitants", "250.000"
    )
    assert code == 0, output
    assert read_inventory_excel(template).inhabitants == 250_000
    code, output = invoke("simulate", "--draws", "2,5", "--regions", "RG01")
    assert code == 2
    assert "geen geheel getal" in " ".join(output.replace("│", " ").split())


def test_cli_set_values_are_toml_and_grouping_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "s.toml"
    code, output = invoke(
        "plan", "copy", "voorbeeldregio-1", str(target), "--id", "s",
        "--set", "capacity.iht.catchment=250.000",
    )  # fmt: skip
    assert code == 2
    flat = " ".join(output.replace("│", " ").split())
    assert "schrijf 250000" in flat
    assert not target.exists()
