"""The ambulantisering monitor: catalogue, import rules, progress, projections, year-on-year,
benchmark, substitution — with hand-computed answers and invariants."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ggzregio.errors import InputError
from ggzregio.monitor.benchmark import benchmark, similar_regions
from ggzregio.monitor.catalogue import Target, load_catalogue, load_targets
from ggzregio.monitor.data import (
    NATIONAL,
    MonitorData,
    national,
    per_100k,
)
from ggzregio.monitor.demo import generate_demo_monitor
from ggzregio.monitor.importing import read_monitor, read_tidy, write_wide_template
from ggzregio.monitor.progress import log_linear_projection, progress, substitution, year_on_year

CATALOGUE = load_catalogue()


@pytest.fixture(scope="module")
def demo() -> MonitorData:
    return generate_demo_monitor()


def _data(records: list[tuple[str, int, str, float]]) -> MonitorData:
    frame = pd.DataFrame.from_records(
        records, columns=["region_code", "year", "indicator", "value"]
    )
    frame["unit"] = ""
    frame["source"] = "test"
    frame["status"] = "final"
    return MonitorData(frame, CATALOGUE)


def test_catalogue_covers_the_monitor_of_spec_section_5() -> None:
    for code in (
        "places_zvw_admission", "places_wlz_stay", "places_awbz_c", "places_justice", "places_bw",
        "traj_lt_1800", "traj_1800_6000", "traj_gt_6000", "fact_teams", "fact_teams_certified",
        "fact_fte", "iht_teams", "vip_teams", "spend_zvw_intramural", "spend_wlz", "spend_wmo_bw",
        "spend_wmo_ambulant", "spend_justice", "waiting_persons", "waiting_beyond_norm_pct",
        "qol_grade", "paid_work_pct", "lonely_pct", "qol_respondents", "population",
    ):  # fmt: skip
        assert code in CATALOGUE, code
    assert CATALOGUE["qol_grade"].direction == "higher_better"
    assert CATALOGUE["qol_grade"].weight == "qol_respondents"
    assert {i.funding for i in CATALOGUE.values() if i.unit == "eur"} == {
        "Zvw", "Wlz", "Wmo", "Justitie",
    }  # fmt: skip


def test_users_extend_the_catalogue_and_targets(tmp_path: Path) -> None:
    extra = tmp_path / "eigen.toml"
    extra.write_text(
        '[[indicator]]\ncode = "peer_fte"\ngroup = "teams"\nkind = "count"\nunit = "fte"\n'
        'direction = "higher_better"\nnl = "Fte ervaringsdeskundigen"\nsource = "eigen"\n',
        encoding="utf-8",
    )
    catalogue = load_catalogue(extra)
    assert catalogue["peer_fte"].name() == "Fte ervaringsdeskundigen"
    targets_file = tmp_path / "doelen.toml"
    targets_file.write_text(
        '[[target]]\nid = "peer"\nnl = "Meer ervaringsdeskundigen"\nindicators = ["peer_fte"]\n'
        'baseline_year = 2020\ntarget_year = 2025\nrelative_change = 0.5\nsource = "regio"\n',
        encoding="utf-8",
    )
    targets = load_targets(catalogue, targets_file)
    assert targets["peer"].goal(10) == 15


def test_duplicate_indicator_is_refused(tmp_path: Path) -> None:
    extra = tmp_path / "dubbel.toml"
    extra.write_text(
        '[[indicator]]\ncode = "fact_fte"\ngroup = "teams"\nkind = "count"\nunit = "fte"\n'
        'nl = "x"\nsource = "y"\n',
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        load_catalogue(extra)
    assert caught.value.rules() == {"duplicate_indicator"}


def test_agreement_target_is_data() -> None:
    target = load_targets(CATALOGUE)["ba-intramural-2020"]
    assert target.indicators == ("places_zvw_admission", "places_wlz_stay")
    assert (target.baseline_year, target.target_year) == (2008, 2020)
    assert target.goal(300) == 200.0  # exactly one third less (000:15, 'een derde')


def _series(values: dict[int, float], region: str = "R1") -> MonitorData:
    records = [(region, y, "places_zvw_admission", v) for y, v in values.items()]
    records += [(region, y, "places_wlz_stay", 0.0) for y in values]
    records += [(region, y, "population", 100_000.0) for y in values]
    return _data(records)


def test_progress_hand_computed() -> None:
    """100 places in 2008 falling 5 % a year: the one-third target (66.67) lies on the fitted
    trend at 2008 + ln(2/3)/ln(0.95) ≈ 2015.9; by 2014 the value is 100·0.95⁶ = 73.5, the
    linear path 100 − 33.33·6/12 = 83.33, so the region is ahead."""
    data = _series({y: 100 * 0.95 ** (y - 2008) for y in range(2008, 2015)})
    target = load_targets(CATALOGUE)["ba-intramural-2020"]
    row = progress(data, target, ["R1"]).iloc[0]
    assert row["baseline"] == pytest.approx(100)
    assert row["goal"] == pytest.approx(200 / 3)
    assert row["latest"] == pytest.approx(100 * 0.95**6)
    assert row["path_value"] == pytest.approx(100 - 100 / 3 * 6 / 12)
    assert row["status"] == "ahead"
    expected_year = 2008 + math.log(2 / 3) / math.log(0.95)
    assert row["projected_year"] == pytest.approx(expected_year)
    # An exact exponential leaves no residual: the interval collapses on the point.
    assert row["projected_year_p05"] == pytest.approx(expected_year, abs=1e-6)
    assert row["probability_met_by_target"] == 1.0
    assert row["trend_pct_per_year"] == pytest.approx(-5.0)


def test_behind_and_never_on_a_rising_trend() -> None:
    data = _series({y: 100 * 1.01 ** (y - 2008) for y in range(2008, 2016)})
    target = load_targets(CATALOGUE)["ba-intramural-2020"]
    row = progress(data, target, ["R1"]).iloc[0]
    assert row["status"] == "behind"
    assert row["projected_year"] == math.inf
    assert row["probability_met_by_target"] == 0.0


def test_met_target_reports_the_year() -> None:
    data = _series({2008: 100.0, 2012: 80.0, 2016: 60.0, 2020: 55.0})
    target = load_targets(CATALOGUE)["ba-intramural-2020"]
    row = progress(data, target, ["R1"]).iloc[0]
    assert row["status"] == "met"
    assert row["met_year"] == 2016


def test_outcome_target_to_a_level() -> None:
    target = Target("t", "t", "t", ("qol_grade",), 2016, 2030, "x", target_value=7.8)
    records = [("R1", y, "qol_grade", 6.2 + 0.1 * (y - 2016)) for y in range(2016, 2021)]
    records += [("R1", y, "qol_respondents", 100.0) for y in range(2016, 2021)]
    row = progress(_data(records), target, ["R1"]).iloc[0]
    assert row["goal"] == 7.8
    assert row["path_value"] == pytest.approx(6.2 + 1.6 * 4 / 14)
    assert row["status"] == "behind"  # 6.6 against a path of 6.657


def test_projection_needs_three_points() -> None:
    assert log_linear_projection(np.array([2020.0, 2021.0]), np.array([5.0, 4.0]), 3, 2025) is None


def test_year_on_year_hand_computed() -> None:
    data = _series({2012: 1000.0, 2013: 944.0, 2014: 876.032})
    table = year_on_year(data, ["places_zvw_admission"])
    row = table[table["region_code"] == "R1"].iloc[0]
    assert row["2012-2013"] == pytest.approx(-5.6)
    assert row["2013-2014"] == pytest.approx(-7.2)


def test_demo_reproduces_tabel_1_nationally(demo: MonitorData) -> None:
    """002:228-236: Zvw −5,6 % / −7,2 %; AWBZ-B −3,8 % / −4,4 %; AWBZ-C 0,0 % / −4,4 %."""
    table = year_on_year(
        demo, ["places_zvw_admission", "places_wlz_stay", "places_awbz_c"], 2012, 2014
    )
    nl = table[table["region_code"] == NATIONAL].set_index("indicator")
    assert nl.loc["places_zvw_admission", "2012-2013"] == pytest.approx(-5.6, abs=0.01)
    assert nl.loc["places_zvw_admission", "2013-2014"] == pytest.approx(-7.2, abs=0.01)
    assert nl.loc["places_wlz_stay", "2012-2013"] == pytest.approx(-3.8, abs=0.01)
    assert nl.loc["places_wlz_stay", "2013-2014"] == pytest.approx(-4.4, abs=0.01)
    assert nl.loc["places_awbz_c", "2012-2013"] == pytest.approx(0.0, abs=0.01)
    assert nl.loc["places_awbz_c", "2013-2014"] == pytest.approx(-4.4, abs=0.01)


def test_demo_national_totals_follow_spec(demo: MonitorData) -> None:
    nat = national(demo)
    stay = nat["places_zvw_admission"] + nat["places_wlz_stay"]
    assert 0.80 < stay[2014] / stay[2008] < 0.87  # "roughly one sixth below 2008"
    assert nat["places_bw"][2014] / nat["places_bw"][2008] == pytest.approx(1.5, abs=0.02)
    total = nat[
        ["places_zvw_admission", "places_wlz_stay", "places_awbz_c", "places_justice", "places_bw"]
    ].sum(axis=1)
    assert total[2010] > total[2008]  # places still grew to 2010
    assert nat["traj_gt_6000"][2014] == pytest.approx(30_000)
    assert nat["fact_teams"][2015] == pytest.approx(300)
    assert nat["waiting_persons"][2022] == pytest.approx(80_000)
    assert set(demo.frame["status"]) == {"final", "provisional"}
    assert demo.synthetic


def test_demo_is_deterministic() -> None:
    a, b = generate_demo_monitor(), generate_demo_monitor()
    pd.testing.assert_frame_equal(a.frame, b.frame)


@settings(max_examples=40, deadline=None)
@given(
    counts=st.lists(st.floats(0, 1e5), min_size=2, max_size=8),
    populations=st.lists(st.floats(1e3, 1e6), min_size=8, max_size=8),
)
def test_normalisation_and_aggregation_commute(
    counts: list[float], populations: list[float]
) -> None:
    records = []
    for i, count in enumerate(counts):
        records += [
            (f"R{i}", 2020, "fact_fte", count),
            (f"R{i}", 2020, "population", populations[i]),
        ]
    data = _data(records)
    regional = per_100k(data)
    nat_of_rates = (regional["fact_fte"] * data.wide()["population"]).sum() / data.wide()[
        "population"
    ].sum()
    rate_of_nat = per_100k(
        data, national(data).assign(region_code=NATIONAL).set_index("region_code", append=True)
    )
    assert float(rate_of_nat["fact_fte"].iloc[0]) == pytest.approx(
        float(nat_of_rates), rel=1e-9, abs=1e-9
    )


@settings(max_examples=40, deadline=None)
@given(values=st.lists(st.floats(0, 1e4), min_size=1, max_size=30))
def test_ranks_are_a_permutation(values: list[float]) -> None:
    records = []
    for i, v in enumerate(values):
        records += [
            (f"R{i:02d}", 2020, "fact_fte", v),
            (f"R{i:02d}", 2020, "population", 100_000.0),
        ]
    table = benchmark(_data(records), "fact_fte", 2020)
    assert sorted(table["rank"].tolist()) == list(range(1, len(values) + 1))
    assert set(table["quartile"].dropna()) <= {1, 2, 3, 4}
    # Fewer than four regions (a year only one region has entered): no quartiles, no error.
    assert table["quartile"].notna().all() == (len(values) >= 4)


def test_benchmark_of_a_year_without_population_has_no_scores() -> None:
    records = [("R0", 2030, "fact_fte", 12.0), ("R1", 2020, "population", 100_000.0)]
    table = benchmark(_data(records), "fact_fte", 2030)
    assert table["quartile"].isna().all()


@settings(max_examples=60, deadline=None)
@given(values=st.lists(st.integers(0, 40), min_size=1, max_size=20))
def test_suppression_leaves_nothing_derivable(values: list[int]) -> None:
    from ggzregio.monitor.protection import protect_monitor

    records = [(f"R{i}", 2020, "waiting_persons", float(v)) for i, v in enumerate(values)]
    protection = protect_monitor(_data(records), {}, 10)
    hidden = np.array([protection.value_hidden(f"R{i}", 2020, "waiting_persons")
                       for i in range(len(values))])  # fmt: skip
    small = np.array(values) < 10
    assert (hidden | ~small).all()  # every small count is hidden
    national_hidden = protection.value_hidden("NL", 2020, "waiting_persons")
    if hidden.any() and not national_hidden:
        # The hidden regions add up to the national total minus the visible ones: each hidden
        # value can lie anywhere in [0, that sum], which must be at least the threshold wide;
        # and a region knowing its own value must still have that for the others.
        assert hidden.sum() >= 2
        sums = np.array(values)[hidden]
        assert sums.sum() >= 10
        for own in np.flatnonzero(hidden):
            others = np.flatnonzero(hidden)
            others = others[others != own]
            rest = sum(values[i] for i in others)
            assert len(others) >= 2
            assert rest >= 10


def test_benchmark_hides_small_sensitive_counts() -> None:
    records = []
    for i, n in enumerate([5, 40, 60, 80, 100]):
        records += [
            (f"R{i}", 2020, "waiting_persons", float(n)),
            (f"R{i}", 2020, "population", 100_000.0),
        ]
    table = benchmark(_data(records), "waiting_persons", 2020)
    hidden = table[table["suppressed"]]
    # R1 hidden too (R0 = total − others), and R2, since R1 knows its own value.
    assert set(hidden["region_code"]) == {"R0", "R1", "R2"}
    assert hidden["value"].isna().all()
    assert hidden["rank"].isna().all()


def test_funnel_position() -> None:
    records = []
    for i, v in enumerate([100.0, 100.0, 100.0, 300.0]):
        records += [(f"R{i}", 2020, "fact_fte", v), (f"R{i}", 2020, "population", 100_000.0)]
    table = benchmark(_data(records), "fact_fte", 2020).set_index("region_code")
    assert table.loc["R3", "position"] == "above"
    assert table.loc["R0", "position"] == "below"  # 100 against a national 150 per 100,000
    assert table.loc["R0", "national_per_100k"] == pytest.approx(150)


def test_similar_regions_are_nearest_neighbours() -> None:
    features = pd.DataFrame(
        {
            "log_population": [12.0, 12.1, 13.5, 12.05],
            "urbanity": [3.0, 3.1, 1.0, 2.9],
            "prevalence_index": [100.0, 102.0, 130.0, 99.0],
        },
        index=pd.Index(["A", "B", "C", "D"], name="region_code"),
    )
    similar = similar_regions(features, "A", k=2)
    assert list(similar["region_code"]) == ["D", "B"]


def test_substitution_hand_computed() -> None:
    records = []
    for year, inst, amb in ((2012, 10e6, 2e6), (2020, 7e6, 4e6)):
        records += [
            ("R1", year, "spend_zvw_intramural", inst),
            ("R1", year, "spend_zvw_ambulant_epa", amb),
            ("R1", year, "population", 200_000.0),
        ]
    row = substitution(_data(records), 2012, 2020).set_index("region_code").loc["R1"]
    assert row["delta_institutional_per_100k"] == pytest.approx(-1.5e6)
    assert row["delta_ambulant_per_100k"] == pytest.approx(1e6)
    assert row["ambulant_per_institutional_euro"] == pytest.approx(2 / 3)
    assert row["delta_zvw_per_100k"] == pytest.approx(-0.5e6)


def _write(tmp_path: Path, lines: list[str], name: str = "m.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_tidy_import_refuses_every_broken_rule(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        [
            "region_code,year,indicator,value,status",
            "R1,2020,fact_fte,12.5,final",
            "R9,2020,fact_fte,3,final",
            "R1,2020,fact_ftee,3,final",
            "R1,2020,fact_fte,4,final",
            "R1,1890,places_bw,4,final",
            "R1,2021,places_bw,-4,final",
            "R1,2021,paid_work_pct,140,final",
            "R1,2022,places_bw,veel,final",
            "R1,2023,places_bw,3,misschien",
        ],
    )
    with pytest.raises(InputError) as caught:
        read_tidy(path, CATALOGUE, {"R1": "Regio 1"})
    rules = caught.value.rules()
    assert rules == {
        "unknown_region_code", "unknown_indicator", "duplicate_series_value", "year_range",
        "negative", "rate_bounds", "non_numeric", "bad_status",
    }  # fmt: skip
    message = str(caught.value)
    assert "rij 3" in message  # R9
    assert "kolom 'indicator'" in message


def test_dutch_headers_days_and_status(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        [
            "regio;jaar;indicator;waarde;eenheid;status",
            "R1;2020;places_bw;730;dagen;voorlopig",
            "R1;2020;fact_fte;12,5;;definitief",
        ],
    )
    data = read_tidy(path, CATALOGUE)
    values = data.frame.set_index("indicator")
    assert values.loc["places_bw", "value"] == 2.0  # 365 days = 1 place (002:225)
    assert values.loc["places_bw", "status"] == "provisional"
    assert values.loc["fact_fte", "value"] == 12.5


def test_wide_template_round_trip(tmp_path: Path, demo: MonitorData) -> None:
    small = MonitorData(demo.frame[demo.frame["year"] >= 2022], demo.catalogue)
    path = write_wide_template(small, CATALOGUE, tmp_path / "monitor.xlsx")
    back = read_monitor(path, CATALOGUE)
    merged = back.wide().join(small.wide().add_suffix("_orig"))
    for code in ("places_bw", "fact_fte", "qol_grade"):
        assert np.allclose(merged[code], merged[f"{code}_orig"], equal_nan=True)


def test_wide_template_unknown_column_is_refused(tmp_path: Path) -> None:
    path = write_wide_template(None, CATALOGUE, tmp_path / "leeg.xlsx")
    book = pd.read_excel(path, sheet_name=None)
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for name, sheet in book.items():
            if name == "teams":
                sheet = pd.DataFrame(
                    {"region_code": ["R1"], "year": [2020], "fact_fte": [1.0], "factfte": [2.0]}
                )
            sheet.to_excel(writer, sheet_name=name, index=False)
    with pytest.raises(InputError) as caught:
        read_monitor(path, CATALOGUE)
    assert "werkblad 'teams'" in str(caught.value)
    assert caught.value.rules() == {"unknown_indicator"}


def test_export_hides_small_sensitive_counts_and_their_rates() -> None:
    from ggzregio.monitor.data import protect_tidy

    records = []
    for i, n in enumerate([4, 50, 60, 70]):
        records += [
            (f"R{i}", 2020, "qol_respondents", float(n)),
            (f"R{i}", 2020, "qol_grade", 6.0 + i / 10),
            (f"R{i}", 2020, "fact_fte", 3.0),  # not sensitive: always shown
        ]
    data = _data(records)
    out = protect_tidy(data.frame, data, 10).set_index(["region_code", "indicator"])
    assert out.loc[("R0", "qol_respondents"), "suppressed"]
    assert out.loc[("R1", "qol_respondents"), "suppressed"]  # secondary
    assert out.loc[("R0", "qol_grade"), "suppressed"]  # its weight is hidden
    assert np.isnan(out.loc[("R0", "qol_grade"), "value"])
    assert out.loc[("R2", "qol_respondents"), "suppressed"]  # R1 knows its own 50
    assert not out.loc[("R3", "qol_grade"), "suppressed"]
    assert not out.loc[("R0", "fact_fte"), "suppressed"]
