"""Observed versus expected at the edges: areas suppressed at the source, the source's own
regional total, and exact Poisson limits for 0 and missing counts (issue 20, points 4 and 6)."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ggzregio.display import compare_summary
from ggzregio.errors import InputError
from ggzregio.io.areas import AreaTable, areas_from_frame
from ggzregio.io.observed import attach_observed
from ggzregio.labels import flag_text
from ggzregio.poisson import poisson_count_limits
from ggzregio.prevalence import ModelSpec
from ggzregio.prevalence.compare import poisson_ratio_interval
from ggzregio.prevalence.run import run_compare
from ggzregio.tableview import Column, table_view
from tests.attacker import ranges

#: The town's observed count and the small villages' (true ratio 1: they add up to expected).
TOWN = 100
VILLAGES = [4, 6, 7, 9, 10, 12]  # below 10 suppressed at the source ("x")


def _areas(model: ModelSpec, villages: int = len(VILLAGES)) -> AreaTable:
    """A rural region R9: one town (≈100 expected) and small villages (≈8 expected each)."""
    n = villages + 1
    frame = pd.DataFrame(
        {
            "area_code": ["T1"] + [f"D{i}" for i in range(villages)],
            "municipality_code": ["GM01"] + ["GM02"] * villages,
            "region_code": ["R9"] * n,
            "adults": [6700] + [454] * villages,
            "urbanity_class": [3] + [5] * villages,
            "pct_single_households": [23.14] * n,
            "pct_wwb": [5.6] * n,
            "pct_ao": [3.45] * n,
        }
    )
    return areas_from_frame(frame, model)


def _observed(tmp_path: Path, rows: list[str], header: str = "area_code,observed_cases") -> Path:
    path = tmp_path / "observed.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def _village_rows() -> list[str]:
    return [f"D{i},{'x' if n < 10 else n}" for i, n in enumerate(VILLAGES)]


def test_a_rural_region_with_suppressed_villages_states_what_its_ratio_covers(
    model: ModelSpec, tmp_path: Path
) -> None:
    areas = _areas(model)
    path = _observed(tmp_path, [f"T1,{TOWN}", *_village_rows()])
    result = run_compare(attach_observed(areas, path, keep_unknown=True), model)
    region = result.tables["region_code"].iloc[0]
    area = result.tables["area"].set_index("area_code")
    expected = area["expected_cases"]
    # The region keeps every area, adults and expected case (today the suppressed villages
    # vanish from the region altogether).
    assert region["n_areas"] == 7
    assert region["adults"] == 6700 + 6 * 454
    assert region["expected_cases"] == pytest.approx(expected.sum())
    # Its observed total and ratio cover only the areas whose count is known, and say so.
    known = ["T1", "D4", "D5"]
    assert region["areas_compared"] == 3
    assert region["adults_compared"] == 6700 + 2 * 454
    assert region["expected_compared"] == pytest.approx(expected[known].sum())
    assert region["observed_cases"] == TOWN + 10 + 12
    assert region["ratio"] == pytest.approx(122 / expected[known].sum())
    # That ratio is biased upwards (the villages left out are the small ones): 1.05 for a
    # true 1.00 - which the note and the flag say.
    true_ratio = (TOWN + sum(VILLAGES)) / expected.sum()
    assert true_ratio == pytest.approx(1.0, abs=0.005)
    assert region["ratio"] == pytest.approx(1.048, abs=0.002)
    assert "partial" in region["flags"].split(";")
    assert "areas_compared" in flag_text(region["flags"])
    assert result.notes["coverage"] == "compare.coverage_note"
    assert result.metadata["areas_not_compared"] == "4"
    # The villages are not compared: missing, never 0, with the reason.
    for code in ("D0", "D1", "D2", "D3"):
        row = area.loc[code]
        assert pd.isna(row["observed_cases"])
        assert pd.isna(row["ratio"])
        assert pd.isna(row["ratio_ci95_low"])
        assert pd.isna(row["ratio_ci95_high"])
        assert row["flags"] == "not_compared"
        assert "niet vergeleken" in flag_text(row["flags"])
    municipality = result.tables["municipality_code"].set_index("municipality_code")
    assert municipality.loc["GM02", "areas_compared"] == 2
    assert municipality.loc["GM02", "observed_cases"] == 22


def test_a_source_total_for_the_region_is_used_and_the_difference_stated(
    model: ModelSpec, tmp_path: Path
) -> None:
    areas = _areas(model)
    total = TOWN + sum(VILLAGES)
    rows = [f"T1,{TOWN}", *_village_rows(), f"totaal,{total}"]
    path = _observed(tmp_path, [f"{r},R9" for r in rows], "area_code,observed_cases,region_code")
    result = run_compare(attach_observed(areas, path, keep_unknown=True), model)
    region = result.tables["region_code"].iloc[0]
    expected = result.tables["area"]["expected_cases"].sum()
    assert region["observed_basis"] == "source_total"
    assert region["observed_cases"] == total
    assert region["observed_source_rest"] == total - (TOWN + 10 + 12)  # 26: the villages
    assert region["areas_compared"] == 7
    assert region["ratio"] == pytest.approx(total / expected)
    assert region["ratio"] == pytest.approx(1.0, abs=0.005)  # unbiased
    assert "source_total" in region["flags"].split(";")
    total_row = result.tables["total"].iloc[0]
    assert total_row["observed_cases"] == total
    # The source totals repeated on the area rows never leave the comparison.
    assert not [c for c in result.tables["area"].columns if "source" in c]


def test_a_total_of_the_whole_file_without_region_column(model: ModelSpec, tmp_path: Path) -> None:
    areas = _areas(model)
    total = TOWN + sum(VILLAGES)
    path = _observed(tmp_path, [f"T1,{TOWN}", *_village_rows(), f"Totaal,{total}"])
    result = run_compare(attach_observed(areas, path, keep_unknown=True), model)
    assert result.tables["total"].iloc[0]["observed_cases"] == total
    assert result.tables["total"].iloc[0]["observed_basis"] == "source_total"
    # The area table has one region: the file's total is that region's.
    region = result.tables["region_code"].iloc[0]
    assert region["observed_basis"] == "source_total"
    assert region["observed_cases"] == total
    assert region["areas_compared"] == 7


def test_source_totals_that_cannot_be_right_are_refused(model: ModelSpec, tmp_path: Path) -> None:
    areas = _areas(model)
    below = _observed(tmp_path, [f"T1,{TOWN}", *_village_rows(), "totaal,50"])
    with pytest.raises(InputError) as info:
        attach_observed(areas, below, keep_unknown=True)
    assert info.value.problems[0].rule == "total_below_areas"
    twice = _observed(tmp_path, [f"T1,{TOWN}", *_village_rows(), "totaal,148", "total,149"])
    with pytest.raises(InputError) as info:
        attach_observed(areas, twice, keep_unknown=True)
    assert info.value.problems[0].rule == "duplicate_total"
    header = "area_code,observed_cases,region_code"
    elsewhere = _observed(tmp_path, [f"T1,{TOWN},R9", "totaal,148,R1"], header)
    with pytest.raises(InputError) as info:
        attach_observed(areas, elsewhere, keep_unknown=True, skip_invalid=False)
    assert info.value.problems[0].rule == "total_region_unknown"


def test_by_default_suppressed_areas_are_left_out_as_before(
    model: ModelSpec, tmp_path: Path
) -> None:
    """Fitting and calibration need counts: without ``keep_unknown`` the areas suppressed at
    the source are left out and reported, and a source total row is no error."""
    path = _observed(tmp_path, [f"T1,{TOWN}", *_village_rows(), "totaal,148"])
    joined = attach_observed(_areas(model), path)
    assert list(joined.frame["area_code"]) == ["T1", "D4", "D5"]
    assert joined.frame["observed_cases"].dtype == np.int64
    assert len(joined.skipped) == 4


def test_a_municipality_without_any_known_count_has_no_observed_total_not_zero(
    model: ModelSpec, tmp_path: Path
) -> None:
    path = _observed(tmp_path, [f"T1,{TOWN}", *[f"D{i},x" for i in range(len(VILLAGES))]])
    result = run_compare(attach_observed(_areas(model), path, keep_unknown=True), model)
    gm02 = result.tables["municipality_code"].set_index("municipality_code").loc["GM02"]
    assert pd.isna(gm02["observed_cases"])
    assert pd.isna(gm02["ratio"])
    assert pd.isna(gm02["ratio_ci95_low"])
    assert gm02["areas_compared"] == 0
    assert gm02["flags"] == "not_compared"


# --- privacy ---------------------------------------------------------------------------------


def _two_regions(model: ModelSpec, tmp_path: Path, village: str) -> tuple[AreaTable, Path]:
    frame = pd.DataFrame(
        {
            "area_code": ["A1", "A2", "A3", "A4", "S1", "B1", "B2", "B3"],
            "municipality_code": ["M1", "M1", "M2", "M2", "M2", "M3", "M3", "M4"],
            "region_code": ["R1"] * 5 + ["R2"] * 3,
            "adults": [2000, 1800, 2500, 900, 300, 3000, 1500, 2200],
            "urbanity_class": [3] * 8,
            "pct_single_households": [23.14] * 8,
            "pct_wwb": [5.6] * 8,
            "pct_ao": [3.45] * 8,
        }
    )
    areas = areas_from_frame(frame, model)
    rows = ["A1,30,R1", "A2,25,R1", "A3,40,R1", "A4,12,R1", f"S1,{village},R1"]
    rows += ["B1,50,R2", "B2,20,R2", "B3,33,R2", "totaal,111,R1"]  # R1: 107 known + 4 in S1
    return areas, _observed(tmp_path, rows, "area_code,observed_cases,region_code")


def _cell(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)  # type: ignore[arg-type]


def test_a_regional_total_minus_the_shown_areas_does_not_reveal_the_suppressed_ones(
    model: ModelSpec, tmp_path: Path
) -> None:
    """The village S1 (4 people, suppressed at the source) is in R1's source total (111):
    whatever the comparison shows, a reader who subtracts the shown areas of R1 from its
    total (and combines every other table) cannot narrow S1's 4 to less than 10 wide."""
    areas, path = _two_regions(model, tmp_path, "x")
    result = run_compare(attach_observed(areas, path, keep_unknown=True), model, threshold=10)
    area = result.tables["area"].set_index("area_code")
    municipality = result.tables["municipality_code"].set_index("municipality_code")
    region = result.tables["region_code"].set_index("region_code")
    total = result.tables["total"].iloc[0]
    cells: dict[object, float | None] = {}
    known_areas = [c for c in area.index if c != "S1"]
    for code in known_areas:
        cells[("area", code)] = _cell(area.loc[code, "observed_cases"])
    for code in municipality.index:
        cells[("municipality", code)] = _cell(municipality.loc[code, "observed_cases"])
    for code in region.index:
        cells[("region", code)] = _cell(region.loc[code, "observed_cases"])
        cells[("rest", code)] = _cell(region.loc[code, "observed_source_rest"])
    cells["total"] = _cell(total["observed_cases"])
    cells["total_rest"] = _cell(total["observed_source_rest"])
    # What every reader knows: the sums, and that R1's rest is what its total adds.
    relations = []
    for code in municipality.index:
        members = [c for c in known_areas if area.loc[c, "municipality_code"] == code]
        relations.append(
            ({("municipality", code): 1.0, **{("area", c): -1.0 for c in members}}, 0.0)
        )
    for code in region.index:
        members = [c for c in known_areas if area.loc[c, "region_code"] == code]
        rest = {("rest", code): -1.0} if ("rest", code) in cells and code == "R1" else {}
        relations.append(
            ({("region", code): 1.0, **{("area", c): -1.0 for c in members}, **rest}, 0.0)
        )
    relations.append(({"total": 1.0, **{("region", c): -1.0 for c in region.index}}, 0.0))
    relations.append(({"total_rest": 1.0, ("rest", "R1"): -1.0}, 0.0))
    if cells[("rest", "R2")] is None:  # R2 has no source total: no rest at all
        cells.pop(("rest", "R2"))
    assert cells[("rest", "R1")] is None  # 4 < 10: hidden
    found = ranges(cells, relations)
    low, high = found[("rest", "R1")]
    assert high - low >= 10
    for key, (lo, hi) in found.items():
        assert hi - lo >= 10, key


def test_coverage_columns_do_not_depend_on_any_count(model: ModelSpec, tmp_path: Path) -> None:
    """The new columns tell only which areas are compared (public: the source marks them) and
    their adults and expected cases (public): they are the same whatever the hidden counts."""
    columns = ["n_areas", "areas_compared", "adults_compared", "expected_compared"]
    seen = []
    for a4 in (3, 12):
        areas, path = _two_regions(model, tmp_path, "x")
        text = path.read_text().replace("A4,12,R1", f"A4,{a4},R1").replace("111", str(99 + a4))
        path.write_text(text)
        result = run_compare(attach_observed(areas, path, keep_unknown=True), model)
        seen.append({lv: result.tables[lv][columns] for lv in ("municipality_code", "region_code")})
    for level in seen[0]:
        pd.testing.assert_frame_equal(seen[0][level], seen[1][level])


# --- Poisson limits and other numeric edges -------------------------------------------------


def test_exact_limits_for_zero_and_missing_counts() -> None:
    low, high = poisson_count_limits([0.0, np.nan, -1.0, np.inf])
    assert low[0] == 0.0
    assert high[0] == pytest.approx(-math.log(0.025))  # chi2(0.975; 2) / 2 = 3.689
    assert np.isnan(low[1:]).all()
    assert np.isnan(high[1:]).all()
    scalar_low, scalar_high = poisson_count_limits(0)
    assert np.shape(scalar_low) == ()
    assert float(scalar_high) == pytest.approx(3.68888, abs=1e-5)


def test_ratio_interval_missing_where_observed_or_expected_is_missing_or_zero() -> None:
    low, high = poisson_ratio_interval([np.nan, 5, 5, 5, 0], [10.0, 0.0, np.nan, -2.0, 4.0])
    assert np.isnan(low[:4]).all()
    assert np.isnan(high[:4]).all()
    assert low[4] == 0.0
    assert high[4] == pytest.approx(3.68888 / 4, abs=1e-5)


@settings(max_examples=200, deadline=None)
@given(
    counts=st.lists(st.one_of(st.floats(0, 1e5), st.just(float("nan"))), min_size=1, max_size=20),
    level=st.floats(0.5, 0.999),
)
def test_limits_are_never_negative_and_hold_the_count(counts: list[float], level: float) -> None:
    low, high = poisson_count_limits(counts, level)
    given_counts = np.asarray(counts)
    ok = ~np.isnan(given_counts)
    assert (np.isnan(low) == ~ok).all()
    assert (np.isnan(high) == ~ok).all()
    assert (low[ok] >= 0).all()
    assert (low[ok] <= given_counts[ok] + 1e-9).all()
    assert (high[ok] >= given_counts[ok]).all()


def test_a_ratio_without_expected_cases_is_missing_and_shown_as_a_dash(
    model: ModelSpec, tmp_path: Path
) -> None:
    frame = pd.DataFrame(
        {
            "area_code": ["E0", "N1"],
            "municipality_code": ["M1", "M1"],
            "region_code": ["R1", "R1"],
            "adults": [0, 4000],
            "urbanity_class": [3, 3],
            "pct_single_households": [23.14, 23.14],
            "pct_wwb": [5.6, 5.6],
            "pct_ao": [3.45, 3.45],
            "observed_cases": [12, 60],
        }
    )
    areas = areas_from_frame(frame, model, count_columns=("observed_cases",))
    result = run_compare(areas, model)
    area = result.tables["area"].set_index("area_code")
    ratio = area.loc["E0", "ratio"]
    limits = area.loc["E0", ["ratio_ci95_low", "ratio_ci95_high"]].astype(float)
    assert pd.isna(ratio)
    assert limits.isna().all()
    view = table_view("t", "t", result.shown("area"), [Column("ratio", "col.ratio", 2)])
    assert view.rows[0][0][0] == "–"
    _, _, rows, _ = compare_summary(result, 10)
    assert all("inf" not in cell and "nan" not in cell for row in rows for cell in row)


def test_a_missing_count_is_shown_as_a_dash_everywhere() -> None:
    """A count column holds pandas' missing value where a count is unknown: a dash for
    people, never an error or 'nan'."""
    from ggzregio.formatting import format_number, format_shown

    assert format_shown(pd.NA) == "–"
    assert format_number(pd.NA) == "–"  # type: ignore[arg-type]
    frame = pd.DataFrame({"observed_cases": pd.array([12, None], dtype="Int64")})
    view = table_view("t", "t", frame, [Column("observed_cases", "col.observed_cases", 0)])
    assert [row[0][0] for row in view.rows] == ["12", "–"]


def test_the_terminal_summary_compares_like_with_like_and_says_what_is_covered(
    model: ModelSpec, tmp_path: Path
) -> None:
    path = _observed(tmp_path, [f"T1,{TOWN}", *_village_rows()])
    result = run_compare(attach_observed(_areas(model), path, keep_unknown=True), model)
    _, _, rows, notes = compare_summary(result, 10)
    region = result.tables["region_code"].iloc[0]
    from ggzregio.formatting import format_number

    assert rows[0][1] == format_number(region["expected_compared"], 0)  # 116, not 148
    assert rows[0][2] == "122"
    assert any("areas_compared" in note for note in notes)
    assert "4 gebied(en) niet vergeleken" in " ".join(notes)
    assert rows[0][-1] == "3 van 7"


def _api_rows(client: object, headers: dict[str, str], level: str) -> list[dict[str, object]]:
    response = client.get(  # type: ignore[attr-defined]
        "/api/v1/regions/RG01/comparison", params={"level": level, "size": 500}, headers=headers
    )
    assert response.status_code == 200, response.text
    return list(response.json()["items"])


def test_the_web_comparison_keeps_an_area_without_a_stored_count(tmp_path: Path) -> None:
    """An area whose count was suppressed at the source when imported (so none is stored) stays
    in the region's comparison, not compared, and the region says how many areas it covers
    (today the area vanished from the region, with its adults and expected cases)."""
    from ggzregio.storage import repository as repo
    from ggzregio.storage.database import make_engine, session_factory, transaction
    from tests.web_support import EDITOR, client_for, demo_database, new_database, token_for

    for database in new_database("sqlite", tmp_path):
        demo_database(database.url)
        factory = session_factory(make_engine(database.url))
        with transaction(factory) as db:
            observed = repo.observed_frame(db, "RG01")
            gone = str(observed.loc[0, "area_code"])
            repo.replace_observed(db, "RG01", observed.iloc[1:], "test")
            n_areas = repo.area_count(db, "RG01")
            region = db.get(repo.Region, "RG01")
            assert region is not None
            region.revision += 1
        client = client_for(database.url)
        headers = {"Authorization": f"Bearer {token_for(database.url, EDITOR)}"}

        areas = {str(r["area_code"]): r for r in _api_rows(client, headers, "area")}
        assert len(areas) == n_areas
        assert areas[gone]["observed_cases"] is None
        assert areas[gone]["flags"] == "not_compared"
        total = _api_rows(client, headers, "total")[0]
        assert total["n_areas"] == n_areas
        assert total["areas_compared"] == n_areas - 1


def test_the_web_import_refuses_a_total_row_it_cannot_store(tmp_path: Path) -> None:
    """A source total in an observed upload is refused by name (the web does not store totals
    yet), rather than silently dropped; nothing is replaced."""
    from ggzregio.storage import repository as repo
    from ggzregio.storage.database import make_engine, session_factory
    from tests.web_support import EDITOR, client_for, demo_database, new_database, token_for

    for database in new_database("sqlite", tmp_path):
        demo_database(database.url)
        factory = session_factory(make_engine(database.url))
        with factory() as db:
            before = repo.observed_frame(db, "RG01")
        pairs = zip(before["area_code"], before["observed_cases"], strict=True)
        rows = "\n".join(f"{code},{int(n)}" for code, n in pairs)
        body = f"area_code,observed_cases\n{rows}\ntotaal,{int(before['observed_cases'].sum())}\n"
        client = client_for(database.url)
        headers = {"Authorization": f"Bearer {token_for(database.url, EDITOR)}"}
        refused = client.post(
            "/api/v1/regions/RG01/observed",
            files={"file": ("waarnemingen.csv", body.encode(), "text/csv")},
            headers=headers,
        )
        assert refused.status_code == 422, refused.text
        assert "totaalrij" in refused.text
        with factory() as db:
            assert repo.observed_frame(db, "RG01").equals(before)
