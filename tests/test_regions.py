"""Region lookups with validity years and municipal mergers carried through a time series."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from ggzregio.errors import InputError
from ggzregio.regions import validate_lookup, validate_mergers
from tests.conftest import invoke

LOOKUP = pd.DataFrame(
    {
        "municipality_code": ["GM9901", "GM9902", "GM9903", "GM9904", "GM9904"],
        "municipality_name": ["Aa", "Bee", "Cee", "Dee", "Dee"],
        "region_type": ["centrumgemeente"] * 5,
        "region_code": ["BW01", "BW01", "BW02", "BW01", "BW02"],
        "region_name": ["Noord", "Noord", "Zuid", "Noord", "Zuid"],
        "valid_from": ["2015", "2015", "2015", "2015", "2020"],
        "valid_to": ["", "", "", "2019", ""],
    },
    index=pd.RangeIndex(2, 7),
)
MERGERS = pd.DataFrame(
    {
        "year": ["2019", "2019", "2022", "2022"],
        "old_code": ["GM9901", "GM9902", "GM9903", "GM9903"],
        "new_code": ["GM9905", "GM9905", "GM9905", "GM9904"],
        "share": ["1", "1", "0,25", "0,75"],
    },
    index=pd.RangeIndex(2, 6),
)


def test_region_depends_on_the_year() -> None:
    lookup = validate_lookup(LOOKUP, "regio.csv")
    before = lookup.regions(2018, "centrumgemeente").set_index("municipality_code")
    after = lookup.regions(2021, "centrumgemeente").set_index("municipality_code")
    assert before.loc["GM9904", "region_code"] == "BW01"
    assert after.loc["GM9904", "region_code"] == "BW02"


def test_overlapping_periods_are_refused() -> None:
    bad = LOOKUP.copy()
    bad.loc[6, "valid_from"] = "2019"
    with pytest.raises(InputError, match="GM9904"):
        validate_lookup(bad, "regio.csv")


def test_bad_codes_and_types_name_rows() -> None:
    bad = LOOKUP.copy()
    bad.loc[3, "municipality_code"] = "9902"
    bad.loc[4, "region_type"] = "wijkteam"
    with pytest.raises(InputError) as caught:
        validate_lookup(bad, "regio.csv")
    message = str(caught.value)
    assert "rij 3" in message
    assert "rij 4" in message
    assert "wijkteam" in message


def test_unassigned_municipality_is_an_error_not_a_guess() -> None:
    lookup = validate_lookup(LOOKUP, "regio.csv")
    areas = pd.DataFrame({"area_code": ["BU1", "BU2"], "municipality_code": ["GM9901", "GM9999"]})
    with pytest.raises(InputError, match="GM9999"):
        lookup.assign(areas, 2020, "centrumgemeente")
    assigned = lookup.assign(areas.iloc[:1], 2020, "centrumgemeente")
    assert assigned["region_code"].tolist() == ["BW01"]


def test_mergers_carry_counts_forward_and_conserve_them() -> None:
    """GM9901+GM9902 merge into GM9905 in 2019; GM9903 is split in 2022 (1/4 to GM9905, 3/4
    to GM9904). In the municipalities of 2023 every year's total is unchanged."""
    mergers = validate_mergers(MERGERS, "herindeling.csv")
    series = pd.DataFrame(
        {
            "municipality_code": ["GM9901", "GM9902", "GM9903", "GM9904", "GM9905", "GM9904"],
            "year": [2018, 2018, 2018, 2018, 2023, 2023],
            "clients": [100.0, 50.0, 40.0, 10.0, 160.0, 40.0],
        }
    )
    carried = mergers.carry(series, 2023, ["clients"]).set_index(["municipality_code", "year"])
    assert carried.loc[("GM9905", 2018), "clients"] == pytest.approx(100 + 50 + 10)
    assert carried.loc[("GM9904", 2018), "clients"] == pytest.approx(10 + 30)
    assert carried.groupby(level="year")["clients"].sum().tolist() == [200.0, 200.0]
    before_split = mergers.carry(series, 2020, ["clients"]).set_index(["municipality_code", "year"])
    assert before_split.loc[("GM9903", 2018), "clients"] == pytest.approx(40)


def test_shares_must_add_up_to_one() -> None:
    bad = MERGERS.copy()
    bad.loc[5, "share"] = "0,5"
    with pytest.raises(InputError, match=r"herindeling\.csv"):
        validate_mergers(bad, "herindeling.csv")


def test_cli_assign(tmp_path: Path) -> None:
    lookup = tmp_path / "regio.csv"
    LOOKUP.to_csv(lookup, index=False)
    areas = tmp_path / "areas.csv"
    areas.write_text("area_code,municipality_code\nBU99010000,GM9904\n")
    target = tmp_path / "out.csv"
    code, output = invoke(
        "regions", "assign", str(areas), "--lookup", str(lookup), "--year", "2021",
        "--out", str(target),
    )  # fmt: skip
    assert code == 0, output
    assert pd.read_csv(target)["region_code"].tolist() == ["BW02"]
