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


# --- the share of corporation-owned rental housing and other area indicators ----------------


def _with_column(name: str, header: str, values: list[str], tmp_path: Path) -> Path:
    """A fixture with one more column (first row: the municipality, then the buurten)."""
    source = FIXTURES / name
    delimiter = ";" if name.startswith("kwb") else ","
    lines = source.read_text().splitlines()
    lines[0] += f"{delimiter}{header}"
    for i, value in enumerate(values, start=1):
        lines[i] += f"{delimiter}{value}"
    target = tmp_path / name
    target.write_text("\n".join(lines) + "\n")
    return target


@pytest.mark.parametrize(
    ("name", "header"),
    [("kwb_2019.csv", "p_wcorpw"), ("kerncijfers_2024_opendata.csv", "InBezitWoningcorporatie_43")],
)
def test_corporation_rental_arrives_with_the_area_table(
    name: str, header: str, tmp_path: Path, model: ModelSpec
) -> None:
    """StatLine ``InBezitWoningcorporatie`` / kwb ``p_wcorpw`` become
    ``pct_corporation_rental`` as published; a secret value stays missing, never 0."""
    found = read_cbs(_with_column(name, header, ["30", "45", "12", "."], tmp_path))
    assert found.matched["corporation_rental"].lower() == header.lower()
    table = found.frame.set_index("area_code")
    assert table.loc["BU99010000", "pct_corporation_rental"] == pytest.approx(45)
    assert table.loc["BU99010001", "pct_corporation_rental"] == pytest.approx(12)
    assert pd.isna(table.loc["BU99010002", "pct_corporation_rental"])
    assert "pct_corporation_rental" not in found.missing  # not a model input


def test_without_the_column_the_table_has_no_indicator() -> None:
    assert "pct_corporation_rental" not in read_cbs(FIXTURES / "kwb_2019.csv").frame


def test_indicator_file_reads_dutch_numbers_and_keeps_missing_missing(tmp_path: Path) -> None:
    from ggzregio.cbs import read_area_indicators

    path = tmp_path / "indicatoren.csv"
    path.write_text(
        "area_code;naam;pct_corporation_rental;huurwoningen\n"
        "BU01;Noord;12,5;1.200\nBU02;Zuid;;800\nBU03;West;x;-99997\n"
    )
    found = read_area_indicators(path)
    assert found.names == ("pct_corporation_rental", "huurwoningen")
    assert found.skipped == ("naam",)  # a text column is no indicator
    assert found.values["BU01"] == {"pct_corporation_rental": 12.5, "huurwoningen": 1200.0}
    assert found.values["BU02"]["pct_corporation_rental"] is None
    assert found.values["BU03"] == {"pct_corporation_rental": None, "huurwoningen": None}
    assert read_area_indicators(path, ("huurwoningen",)).names == ("huurwoningen",)


def test_indicator_file_errors_name_file_row_column_and_rule(tmp_path: Path) -> None:
    from ggzregio.cbs import read_area_indicators

    path = tmp_path / "fout.csv"
    path.write_text("area_code;huurwoningen\nBU01;12\nBU02;veel\nBU01;3\n")
    with pytest.raises(InputError) as caught:
        read_area_indicators(path)
    message = str(caught.value)
    assert "fout.csv" in message
    assert "huurwoningen" in message
    assert "rij 3" in message
    assert "geen getal" in message
    path.write_text("area_code;huurwoningen\nBU01;12\nBU01;3\n")
    with pytest.raises(InputError, match="BU01"):
        read_area_indicators(path)
    with pytest.raises(InputError, match="onbekend"):
        read_area_indicators(path, ("onbekend",))
    path.write_text("naam;huurwoningen\nNoord;12\n")
    with pytest.raises(InputError, match="area_code"):
        read_area_indicators(path)


def test_an_indicator_name_must_be_a_plain_column_name(tmp_path: Path) -> None:
    from ggzregio.cbs import read_area_indicators

    path = tmp_path / "namen.csv"
    path.write_text("area_code;=HYPERLINK(1)\nBU01;12\n")
    with pytest.raises(InputError, match="kleine letters"):
        read_area_indicators(path)
