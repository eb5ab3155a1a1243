"""Reading area tables: every dialect we accept, and every rule by which we refuse."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from ggzregio.errors import InputError
from ggzregio.i18n import set_language
from ggzregio.io.areas import read_areas
from ggzregio.prevalence import ModelSpec

from .conftest import HEADER, valid_rows

WriteCsv = Callable[..., Path]


def refused(path: Path, model: ModelSpec, **kwargs: object) -> InputError:
    with pytest.raises(InputError) as info:
        read_areas(path, model, **kwargs)  # type: ignore[arg-type]
    return info.value


# --- accepted dialects ------------------------------------------------------------------


def test_comma_csv_with_decimal_point(write_csv: WriteCsv, model: ModelSpec) -> None:
    areas = read_areas(write_csv(), model)
    assert areas.source.delimiter == ","
    assert areas.source.decimal == "."
    assert list(areas.frame["area_code"]) == ["1011", "1012", "2001", "3001"]
    assert areas.frame["pct_single_households"].iloc[0] == 23.14
    assert areas.frame["adults"].dtype == np.int64


def _dutch(rows: list[str]) -> list[str]:
    """Rows as Dutch Excel writes them: semicolons and decimal commas."""
    return [r.replace(",", ";").replace(".", ",") for r in rows]


def test_semicolon_csv_with_decimal_comma_and_bom(tmp_path: Path, model: ModelSpec) -> None:
    rows = _dutch(valid_rows())
    rows[0] = rows[0].replace(";5000;", ";5.000;")  # thousands grouping, as Excel may write it
    path = tmp_path / "nl.csv"
    text = "\n".join([HEADER.replace(",", ";"), *rows])
    path.write_bytes("\ufeff".encode() + text.encode("utf-8"))
    areas = read_areas(path, model)
    assert areas.source.delimiter == ";"
    assert areas.source.decimal == ","
    first = areas.frame.iloc[0]
    assert first["area_code"] == "1011"  # BOM not glued to the first column name
    assert (first["pct_single_households"], first["pct_wwb"], first["inhabitants"]) == (
        23.14,
        5.60,
        5000,
    )


def test_semicolon_csv_with_decimal_point_is_detected(tmp_path: Path, model: ModelSpec) -> None:
    path = tmp_path / "dots.csv"
    path.write_text("\n".join([HEADER, *valid_rows()]).replace(",", ";"), encoding="utf-8")
    areas = read_areas(path, model)
    assert areas.source.decimal == "."
    assert areas.frame["pct_single_households"].iloc[0] == 23.14


def test_mixed_decimal_separators_refused(tmp_path: Path, model: ModelSpec) -> None:
    rows = [r.replace(",", ";") for r in valid_rows()]
    rows[1] = rows[1].replace("40.00", "40,00")
    path = tmp_path / "mixed.csv"
    path.write_text("\n".join([HEADER.replace(",", ";"), *rows]), encoding="utf-8")
    error = refused(path, model)
    assert error.rules() == {"mixed_decimal"}
    assert "rij 3" in str(error)
    assert "rij 2" in str(error)


def test_tab_delimited_and_column_names_normalised(tmp_path: Path, model: ModelSpec) -> None:
    header = HEADER.replace("pct_wwb", " PCT WWB ").replace("adults", "Adults")
    text = "\n".join([header, *valid_rows()]).replace(",", "\t")
    path = tmp_path / "tab.txt"
    path.write_text(text, encoding="utf-8")
    areas = read_areas(path, model)
    assert "pct_wwb" in areas.frame.columns
    assert "adults" in areas.frame.columns


def test_blank_and_trailing_empty_lines_ignored(write_csv: WriteCsv, model: ModelSpec) -> None:
    rows = valid_rows()
    rows.insert(2, "")
    rows.append(",,,,,,,,,")
    areas = read_areas(write_csv(rows), model)
    assert len(areas.frame) == 4
    assert list(areas.frame.index) == [2, 3, 5, 6]  # row numbers as in the file


def test_excel_and_parquet_input(
    tmp_path: Path, model: ModelSpec, areas_frame: pd.DataFrame
) -> None:
    xlsx = tmp_path / "areas.xlsx"
    areas_frame.to_excel(xlsx, index=False)
    parquet = tmp_path / "areas.parquet"
    areas_frame.to_parquet(parquet, index=False)
    from_csv_like = read_areas(xlsx, model).frame
    from_parquet = read_areas(parquet, model).frame
    assert list(from_csv_like["area_code"]) == ["1011", "1012", "2001", "3001"]
    pd.testing.assert_frame_equal(
        from_csv_like.reset_index(drop=True),
        from_parquet.reset_index(drop=True),
        check_dtype=False,
    )


def test_excel_text_cells_with_decimal_comma(
    tmp_path: Path, model: ModelSpec, areas_frame: pd.DataFrame
) -> None:
    frame = areas_frame.astype({"pct_wwb": object})
    frame.loc[0, "pct_wwb"] = "5,60"
    path = tmp_path / "text.xlsx"
    frame.to_excel(path, index=False)
    assert read_areas(path, model).frame["pct_wwb"].iloc[0] == 5.60


def test_extra_columns_pass_through(write_csv: WriteCsv, model: ModelSpec) -> None:
    path = write_csv([r + ",x" for r in valid_rows()], header=HEADER + ",wijk")
    assert list(read_areas(path, model).frame["wijk"]) == ["x"] * 4


# --- refusals: one test per rule -----------------------------------------------------------


def test_missing_file(tmp_path: Path, model: ModelSpec) -> None:
    assert refused(tmp_path / "nope.csv", model).rules() == {"file_not_found"}


def test_unsupported_extension(tmp_path: Path, model: ModelSpec) -> None:
    path = tmp_path / "areas.dbf"
    path.write_text("x", encoding="utf-8")
    assert refused(path, model).rules() == {"unsupported_format"}


@pytest.mark.parametrize("content", ["", "   \n\n"])
def test_empty_file(tmp_path: Path, model: ModelSpec, content: str) -> None:
    path = tmp_path / "empty.csv"
    path.write_text(content, encoding="utf-8")
    error = refused(path, model)
    assert error.rules() == {"empty_file"}
    assert "empty.csv" in str(error)
    assert "leeg" in str(error)


def test_header_only(write_csv: WriteCsv, model: ModelSpec) -> None:
    assert refused(write_csv([]), model).rules() == {"no_rows"}


def test_not_utf8(write_csv: WriteCsv, model: ModelSpec) -> None:
    path = write_csv([r.replace("Dorp", "Dörp") for r in valid_rows()], encoding="latin-1")
    error = refused(path, model)
    assert error.rules() == {"encoding"}
    assert "regel 4" in str(error)


def test_missing_required_column(write_csv: WriteCsv, model: ModelSpec) -> None:
    header = HEADER.replace(",pct_wwb", "")
    rows = [",".join(r.split(",")[:8] + r.split(",")[9:]) for r in valid_rows()]
    error = refused(write_csv(rows, header=header), model)
    assert error.rules() == {"missing_column"}
    assert "kolom 'pct_wwb'" in str(error)
    assert "areas.csv" in str(error)


def test_missing_urbanity_columns(write_csv: WriteCsv, model: ModelSpec) -> None:
    header = HEADER.replace(",oad", "")
    rows = [",".join(r.split(",")[:6] + r.split(",")[7:]) for r in valid_rows()]
    assert refused(write_csv(rows, header=header), model).rules() == {"missing_urbanity"}


def test_non_numeric_value(write_csv: WriteCsv, model: ModelSpec) -> None:
    rows = valid_rows()
    rows[2] = rows[2].replace(",1.00,", ",een,")
    error = refused(write_csv(rows), model)
    assert error.rules() == {"non_numeric"}
    problem = error.problems[0]
    assert (problem.column, problem.rows) == ("pct_wwb", (4,))
    assert "'een'" in str(error)


def test_comma_decimal_in_comma_csv_is_non_numeric(write_csv: WriteCsv, model: ModelSpec) -> None:
    rows = valid_rows()
    rows[0] = rows[0].replace("23.14", '"23,14"')
    error = refused(write_csv(rows), model)
    assert error.rules() == {"non_numeric"}
    assert error.problems[0].rows == (2,)


def test_decimal_option_overrides_detection(write_csv: WriteCsv, model: ModelSpec) -> None:
    quoted = [
        ",".join(f'"{f.replace(".", ",")}"' if "." in f else f for f in r.split(","))
        for r in valid_rows()
    ]
    areas = read_areas(write_csv(quoted), model, decimal=",")
    assert areas.frame["pct_single_households"].iloc[0] == pytest.approx(23.14)
    assert areas.source.decimal == ","


def test_percentage_out_of_range(write_csv: WriteCsv, model: ModelSpec) -> None:
    rows = valid_rows()
    rows[0] = rows[0].replace("23.14", "123.14")
    rows[3] = rows[3].replace(",6.00", ",-0.5")
    error = refused(write_csv(rows), model)
    assert error.rules() == {"percentage_range"}
    assert {(p.column, p.rows) for p in error.problems} == {
        ("pct_single_households", (2,)),
        ("pct_ao", (5,)),
    }


@pytest.mark.parametrize(("value", "rule"), [("-5", "negative"), ("3917.5", "non_integer")])
def test_adults_negative_or_not_whole(
    write_csv: WriteCsv, model: ModelSpec, value: str, rule: str
) -> None:
    rows = valid_rows()
    rows[0] = rows[0].replace(",3917,", f",{value},")
    error = refused(write_csv(rows), model)
    assert error.rules() == {rule}
    assert error.problems[0].column == "adults"
    assert error.problems[0].rows == (2,)


def test_oad_negative(write_csv: WriteCsv, model: ModelSpec) -> None:
    rows = valid_rows()
    rows[1] = rows[1].replace(",2600,", ",-1,")
    error = refused(write_csv(rows), model)
    assert error.rules() == {"negative"}
    assert error.problems[0].column == "oad"


def test_adults_exceed_inhabitants(write_csv: WriteCsv, model: ModelSpec) -> None:
    rows = valid_rows()
    rows[0] = rows[0].replace(",5000,", ",3000,")
    assert refused(write_csv(rows), model).rules() == {"adults_exceed_inhabitants"}


def test_duplicate_area_code(write_csv: WriteCsv, model: ModelSpec) -> None:
    rows = valid_rows()
    rows[3] = rows[3].replace("3001,", "1011,", 1)
    error = refused(write_csv(rows), model)
    assert error.rules() == {"duplicate_code"}
    assert error.problems[0].rows == (2, 5)
    assert "'1011'" in str(error)


def test_missing_values_refused_by_default(write_csv: WriteCsv, model: ModelSpec) -> None:
    rows = valid_rows()
    rows[1] = rows[1].replace(",8.00,", ",,")
    error = refused(write_csv(rows), model)
    assert error.rules() == {"missing_value"}
    assert "rij 3" in str(error)
    assert "pct_wwb" in str(error)


def test_skip_invalid_skips_and_reports_each_row(write_csv: WriteCsv, model: ModelSpec) -> None:
    rows = valid_rows()
    rows[1] = rows[1].replace(",8.00,", ",,")
    rows[2] = rows[2].replace(",1600,", ",-3,")
    areas = read_areas(write_csv(rows), model, skip_invalid=True)
    assert list(areas.frame["area_code"]) == ["1011", "3001"]
    assert [s.row for s in areas.skipped] == [3, 4]
    assert "pct_wwb" in areas.skipped[0].message()
    assert "adults" in areas.skipped[1].message()


def test_skip_invalid_does_not_hide_duplicates(write_csv: WriteCsv, model: ModelSpec) -> None:
    rows = valid_rows()
    rows[3] = rows[3].replace("3001,", "1011,", 1)
    assert refused(write_csv(rows), model, skip_invalid=True).rules() == {"duplicate_code"}


def test_all_rows_invalid_with_skip(write_csv: WriteCsv, model: ModelSpec) -> None:
    rows = [r.replace(",R1,", ",R1,-").replace(",R2,", ",R2,-") for r in valid_rows()]
    assert refused(write_csv(rows), model, skip_invalid=True).rules() == {"no_valid_rows"}


def test_wrong_number_of_fields(write_csv: WriteCsv, model: ModelSpec) -> None:
    rows = valid_rows()
    rows[0] = rows[0] + ",1,2"
    error = refused(write_csv(rows), model)
    assert error.rules() == {"field_count"}
    assert error.problems[0].rows == (2,)


def test_urbanity_class_rules(tmp_path: Path, model: ModelSpec, areas_frame: pd.DataFrame) -> None:
    frame = areas_frame.assign(urbanity_class=[3, 5, 1, 5])
    path = tmp_path / "both.csv"
    frame.to_csv(path, index=False)
    assert len(read_areas(path, model).frame) == 4  # consistent: accepted
    frame.loc[1, "urbanity_class"] = 2
    frame.to_csv(path, index=False)
    assert refused(path, model).rules() == {"urbanity_mismatch"}
    frame = frame.drop(columns=["oad"]).assign(urbanity_class=[3, 7, 1, 5])
    frame.to_csv(path, index=False)
    assert refused(path, model).rules() == {"urbanity_class_range"}


def test_inconsistent_region_names(
    tmp_path: Path, model: ModelSpec, areas_frame: pd.DataFrame
) -> None:
    frame = areas_frame.assign(region_name=["Noord", "Zuid", "Noord", "Oost"])
    path = tmp_path / "names.csv"
    frame.to_csv(path, index=False)
    error = refused(path, model)
    assert error.rules() == {"inconsistent_name"}
    assert "'R1'" in str(error)


def test_unknown_group_column(write_csv: WriteCsv, model: ModelSpec) -> None:
    error = refused(write_csv(), model, group_columns=["wijk"])
    assert error.rules() == {"unknown_group_column"}


def test_all_problems_reported_together(write_csv: WriteCsv, model: ModelSpec) -> None:
    rows = valid_rows()
    rows[0] = rows[0].replace("23.14", "123")
    rows[1] = rows[1].replace(",3000,", ",-3000,")
    error = refused(write_csv(rows), model)
    assert error.rules() == {"percentage_range", "negative"}


def test_messages_in_english(write_csv: WriteCsv, model: ModelSpec) -> None:
    rows = valid_rows()
    rows[0] = rows[0].replace("23.14", "123")
    set_language("en")
    error = refused(write_csv(rows), model)
    assert "file areas.csv, column 'pct_single_households', row 2: percentage must be" in str(error)


def test_excel_sheet_option(tmp_path: Path, model: ModelSpec, areas_frame: pd.DataFrame) -> None:
    path = tmp_path / "book.xlsx"
    with pd.ExcelWriter(path) as writer:
        pd.DataFrame({"note": ["voorblad"]}).to_excel(writer, sheet_name="info", index=False)
        areas_frame.to_excel(writer, sheet_name="gebieden", index=False)
    assert refused(path, model).rules() == {"missing_column", "missing_urbanity"}
    assert len(read_areas(path, model, sheet="gebieden").frame) == 4
    assert refused(path, model, sheet="nope").rules() == {"unreadable"}
