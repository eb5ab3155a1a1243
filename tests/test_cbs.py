"""CBS area statistics to the canonical area table: real published column names and markers of
several years (StatLine suffixes _74/_75/_105, _83/_84/_117, _87/_88/_121; kwb short names; PC4)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from ggzregio.cbs import cbs_numbers, match_columns, read_cbs, stem
from ggzregio.errors import InputError
from ggzregio.io.areas import read_areas
from ggzregio.prevalence.estimate import estimate_areas
from ggzregio.prevalence.model import ModelSpec
from tests.conftest import invoke

FIXTURES = Path(__file__).parent / "fixtures" / "cbs"
YEARS = [
    "kerncijfers_2017_statline.csv",
    "kerncijfers_2021_statline.csv",
    "kerncijfers_2024_opendata.csv",
    "kwb_2019.csv",
]


def test_stem_drops_the_year_suffix() -> None:
    assert stem("Omgevingsadressendichtheid_106") == "Omgevingsadressendichtheid"
    assert stem("PersonenPerSoortUitkeringBijstand_74") == "PersonenPerSoortUitkeringBijstand"


@pytest.mark.parametrize("name", YEARS)
def test_every_year_gives_the_same_areas(name: str) -> None:
    """The same neighbourhoods published in different layouts give the same model inputs;
    the first reproduces the worked example of 004:1684-1706 (23.14 %, 5.60 %, 3.45 %,
    3,917 adults)."""
    found = read_cbs(FIXTURES / name).frame.set_index("area_code")
    assert list(found.index) == ["BU99010000", "BU99010001", "BU99010002"]
    centre = found.loc["BU99010000"]
    assert centre["adults"] == pytest.approx(3917)  # 0.7 x 1000 + 1617 + 1000 + 600
    assert centre["pct_single_households"] == pytest.approx(23.14)
    assert centre["pct_wwb"] == pytest.approx(5.60)
    assert centre["pct_ao"] == pytest.approx(3.45)
    assert centre["oad"] == pytest.approx(1234)
    assert centre["municipality_code"] == "GM9901"
    north = found.loc["BU99010001"]
    assert north["adults"] == pytest.approx(770)
    assert north["pct_single_households"] == pytest.approx(40.0)


@pytest.mark.parametrize("name", YEARS)
def test_secret_values_are_missing_never_zero(name: str) -> None:
    found = read_cbs(FIXTURES / name)
    south = found.frame.set_index("area_code").loc["BU99010002"]
    assert pd.isna(south["pct_wwb"])  # '.', -99997 or empty in the file
    assert "pct_wwb" in found.missing
    assert (found.frame["pct_wwb"].fillna(-1) != 0).all()


def test_markers() -> None:
    values = cbs_numbers(pd.Series([".", "-99997", "", "x", "12", "3,5", "-99995"]))
    assert values.isna().tolist() == [True, True, True, True, False, False, True]
    assert values.iloc[5] == pytest.approx(3.5)


def test_urbanity_class_only_where_oad_is_missing() -> None:
    """MateVanStedelijkheid 3 (matig) becomes model class III = 6 - 3, only for OAD gaps."""
    found = read_cbs(FIXTURES / "kerncijfers_2021_statline.csv").frame.set_index("area_code")
    assert found.loc["BU99010001", "urbanity_class"] == 3
    assert pd.isna(found.loc["BU99010000", "urbanity_class"])
    assert found.loc["BU99010000", "area_name"] == "Centrum"  # labelled export: names kept


def test_share_18_24_is_a_stated_assumption() -> None:
    found = read_cbs(FIXTURES / "kwb_2019.csv", share_18_24=0.6).frame.set_index("area_code")
    assert found.loc["BU99010001", "adults"] == pytest.approx(60 + 300 + 250 + 150)
    with pytest.raises(InputError, match="0 en 1"):
        read_cbs(FIXTURES / "kwb_2019.csv", share_18_24=1.5)


def test_levels() -> None:
    municipality = read_cbs(FIXTURES / "kerncijfers_2017_statline.csv", level="gemeente")
    assert municipality.frame["area_code"].tolist() == ["GM9901"]
    district = read_cbs(FIXTURES / "kerncijfers_2017_statline.csv", level="wijk")
    assert district.frame["area_code"].tolist() == ["WK990100"]


def test_pc4_without_benefits_is_refused_with_the_missing_columns() -> None:
    with pytest.raises(InputError) as caught:
        read_cbs(FIXTURES / "pc4_2020.csv")
    assert "pc4_2020.csv" in str(caught.value)
    assert "PersonenPerSoortUitkeringBijstand" in str(caught.value)


def test_text_in_a_number_column_names_file_row_and_column(tmp_path: Path) -> None:
    text = (FIXTURES / "kwb_2019.csv").read_text().replace(";1000;600;100;", ";duizend;600;100;")
    bad = tmp_path / "kwb_bad.csv"
    bad.write_text(text)
    with pytest.raises(InputError) as caught:
        read_cbs(bad)
    message = str(caught.value)
    assert "kwb_bad.csv" in message
    assert "a_inw" in message
    assert "rij 5" in message


def test_two_columns_for_one_variable_is_an_error() -> None:
    with pytest.raises(InputError, match="AantalInwoners_5"):
        match_columns(["WijkenEnBuurten", "AantalInwoners_5", "AantalInwoners_6"], "x.csv")


def test_cli_then_estimate_reproduces_the_worked_example(tmp_path: Path, model: ModelSpec) -> None:
    """CBS file -> area table -> estimate: 14.99 per 1,000 and 59 persons (004:1684-1706)."""
    target = tmp_path / "areas.csv"
    code, output = invoke("cbs", "areas", str(FIXTURES / "kerncijfers_2017_statline.csv"),
                          "--out", str(target))  # fmt: skip
    assert code == 0, output
    assert "niet als nul" in output
    areas = read_areas(target, model, skip_invalid=True)
    result = estimate_areas(areas.frame, model).set_index("area_code")
    assert result.loc["BU99010000", "prevalence_per_1000"] == pytest.approx(14.99, abs=0.005)
    assert round(result.loc["BU99010000", "expected_cases"]) == 59
    assert len(areas.skipped) == 1  # the neighbourhood with secret values, not a zero
