"""Result files: every format round-trips, Excel is formatted, writes are atomic."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from ggzregio.io.areas import areas_from_frame
from ggzregio.io.results import ResultSet, output_paths, read_results, write_results
from ggzregio.prevalence import ModelSpec
from ggzregio.prevalence.run import run_estimate


@pytest.fixture
def result(model: ModelSpec, areas_frame: pd.DataFrame) -> ResultSet:
    frame = areas_frame.copy()
    frame.loc[0, "area_code"] = "0101"  # leading zero must survive every format
    return run_estimate(areas_from_frame(frame, model), model)


def assert_same(a: ResultSet, b: ResultSet) -> None:
    assert list(a.tables) == list(b.tables)
    for level in a.tables:
        left, right = a.tables[level], b.tables[level]
        assert list(left.columns) == list(right.columns), level
        for column in left.columns:
            lv, rv = left[column].to_numpy(), right[column].to_numpy()
            if pd.api.types.is_numeric_dtype(left[column].dtype):
                np.testing.assert_allclose(rv.astype(float), lv.astype(float), rtol=1e-15)
            else:
                assert [str(v) for v in lv] == [str(v) for v in rv], (level, column)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".parquet", ".json"])
def test_round_trip_every_format(result: ResultSet, tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"out{suffix}"
    written = write_results(result, path)
    assert path in written
    back = read_results(path)
    assert_same(result, back)
    assert back.tables["area"]["area_code"].iloc[0] == "0101"
    if suffix != ".csv":
        assert back.metadata["model"] == "trimbos-2017@1.0"


def test_csv_and_parquet_write_one_file_per_level(result: ResultSet, tmp_path: Path) -> None:
    written = write_results(result, tmp_path / "out.csv")
    assert sorted(p.name for p in written) == [
        "out.csv",
        "out.municipality_code.csv",
        "out.region_code.csv",
        "out.total.csv",
    ]
    paths = output_paths(tmp_path / "x.parquet", list(result.tables), "parquet")
    assert paths["region_code"].name == "x.region_code.parquet"


def test_format_option_wins_over_extension(result: ResultSet, tmp_path: Path) -> None:
    written = write_results(result, tmp_path / "out", "json")
    assert [p.name for p in written] == ["out.json"]


def test_excel_has_a_sheet_per_level_and_an_info_sheet(result: ResultSet, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "out.xlsx"
    write_results(result, path)
    book = load_workbook(path)
    assert book.sheetnames == ["gebieden", "gemeenten", "regio's", "totaal", "toelichting"]
    areas = book["gebieden"]
    assert areas.freeze_panes == "A2"
    header = [c.value for c in areas[1]]
    col = header.index("prevalence_per_1000") + 1
    assert areas.cell(row=2, column=col).number_format == "0.00"
    info = {row[0].value: row[1].value for row in book["toelichting"].iter_rows(min_row=2)}
    assert info["model"] == "trimbos-2017@1.0"
    assert "geen betrouwbaarheidsintervallen" in info["intervals"]


def test_failed_write_leaves_nothing_behind(
    result: ResultSet, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old content", encoding="utf-8")
    original = pd.DataFrame.to_csv
    calls = {"n": 0}

    def failing_to_csv(self: pd.DataFrame, *args: object, **kwargs: object) -> object:
        calls["n"] += 1
        if calls["n"] == 3:  # the third level fails half-way through the result set
            raise OSError("disk full")
        return original(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(pd.DataFrame, "to_csv", failing_to_csv)
    with pytest.raises(OSError, match="disk full"):
        write_results(result, target)
    assert target.read_text(encoding="utf-8") == "old content"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


def test_written_files_get_normal_permissions(result: ResultSet, tmp_path: Path) -> None:
    import os

    umask = os.umask(0o022)
    try:
        written = write_results(result, tmp_path / "out.json")
    finally:
        os.umask(umask)
    assert written[0].stat().st_mode & 0o777 == 0o644


def test_excel_refuses_more_rows_than_a_sheet_holds(
    result: ResultSet, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ggzregio.errors import InputError
    from ggzregio.io import results

    monkeypatch.setattr(results, "EXCEL_MAX_ROWS", 3)
    with pytest.raises(InputError) as info:
        write_results(result, tmp_path / "out.xlsx")
    assert info.value.rules() == {"too_many_rows_excel"}
    assert list(tmp_path.iterdir()) == []
