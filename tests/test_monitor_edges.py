"""The monitor at the edges of real data (issue 20, points 1, 2, 3 and 7): only some regions
report, a target is already met (and may be lost again), a series starts before the baseline,
and the agreement's target is exactly one third."""

from __future__ import annotations

import math
from fractions import Fraction
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ggzregio.errors import InputError
from ggzregio.monitor.benchmark import benchmark
from ggzregio.monitor.catalogue import load_catalogue, load_targets
from ggzregio.monitor.coverage import DEFAULT_MIN_COVERAGE, benchmark_note, progress_note
from ggzregio.monitor.data import (
    NATIONAL,
    MonitorData,
    coverage_table,
    national,
    per_100k,
    with_national,
)
from ggzregio.monitor.progress import log_linear_projection, progress, target_series
from tests.seeds import SEEDS
from tests.web_support import Database, client_for

from .conftest import invoke
from .test_monitor import _data

CATALOGUE = load_catalogue()
TARGET = load_targets(CATALOGUE)["ba-intramural-2020"]


def _partial(reporting: int, regions: int = 43, per_region: float = 120.0) -> MonitorData:
    """``regions`` regions of 400,000 inhabitants; the first ``reporting`` report 120 fte
    (30 per 100,000)."""
    records = []
    for i in range(regions):
        records.append((f"R{i:02d}", 2020, "population", 400_000.0))
        if i < reporting:
            records.append((f"R{i:02d}", 2020, "fact_fte", per_region))
    return _data(records)


# --- 1. partial reporting ----------------------------------------------------------------------


def test_national_rate_uses_the_population_of_the_reporting_regions() -> None:
    """5 of 43 regions report 30 fte per 100,000: the national rate is 30, not 30·5/43 = 3.5."""
    data = _partial(5)
    nl = per_100k(data, with_national(data, min_coverage=0.0)).xs(NATIONAL, level="region_code")
    assert float(nl["fact_fte"].iloc[0]) == pytest.approx(30.0)
    table = benchmark(data, "fact_fte", 2020, min_coverage=0.0).set_index("region_code")
    assert table["national_per_100k"].iloc[0] == pytest.approx(30.0)
    reporting = table.loc[[f"R{i:02d}" for i in range(5)]]
    assert set(reporting["position"]) == {"within"}  # not all "above" a national 3.5
    assert table.loc["R10", "position"] is None  # a region without a value has no position
    assert (table["coverage_regions"] == 5).all()
    assert (table["coverage_regions_total"] == 43).all()
    assert table["coverage_population_share"].iloc[0] == pytest.approx(5 / 43)


def test_below_the_minimum_coverage_no_national_value_and_the_reason() -> None:
    data = _partial(5)
    assert DEFAULT_MIN_COVERAGE == 0.5
    assert national(data)["fact_fte"].isna().all()
    table = benchmark(data, "fact_fte", 2020)
    assert table["national_per_100k"].isna().all()
    assert table["funnel_95_low_per_100k"].isna().all()
    assert table["position"].isna().all()
    assert table["coverage_too_low"].all()
    note = benchmark_note(table, 2020, DEFAULT_MIN_COVERAGE)
    assert "5 van 43" in note
    assert "12 % van de inwoners" in note
    assert "minimum van 50 %" in note


def test_coverage_is_stated_for_every_national_figure() -> None:
    data = _partial(23)
    table = benchmark(data, "fact_fte", 2020)
    assert not table["coverage_too_low"].any()
    assert table["national_per_100k"].iloc[0] == pytest.approx(30.0)
    assert "23 van 43 regio's, 53 % van de inwoners" in benchmark_note(table, 2020, 0.5)
    covered = coverage_table(data).set_index("indicator")
    assert covered.loc["fact_fte", "regions_reporting"] == 23
    assert covered.loc["fact_fte", "national_shown"]
    assert covered.loc["population", "population_share"] == 1.0


@settings(max_examples=40, deadline=None)
@given(
    counts=st.lists(st.one_of(st.none(), st.floats(0, 1e5)), min_size=3, max_size=10),
    populations=st.lists(st.floats(1e3, 1e6), min_size=10, max_size=10),
)
def test_national_rate_is_the_weighted_mean_of_the_reporting_regions(
    counts: list[float | None], populations: list[float]
) -> None:
    records = []
    for i, population in enumerate(populations):
        records.append((f"R{i}", 2020, "population", population))
        if i < len(counts) and counts[i] is not None:
            records.append((f"R{i}", 2020, "fact_fte", float(counts[i])))  # type: ignore[arg-type]
    reported = [(c, populations[i]) for i, c in enumerate(counts) if c is not None]
    data = _data(records)
    nl = per_100k(data, with_national(data, min_coverage=0.0)).xs(NATIONAL, level="region_code")
    if not reported:
        assert "fact_fte" not in nl or nl["fact_fte"].isna().all()
        return
    expected = sum(c for c, _ in reported) / sum(p for _, p in reported) * 100_000
    assert float(nl["fact_fte"].iloc[0]) == pytest.approx(expected, rel=1e-9, abs=1e-9)


def _target_records(
    region: str, values: dict[int, float], population: float = 100_000.0
) -> list[tuple[str, int, str, float]]:
    records = []
    for year, value in values.items():
        records += [
            (region, year, "places_zvw_admission", value),
            (region, year, "places_wlz_stay", 0.0),
            (region, year, "population", population),
        ]
    return records


def test_national_progress_states_its_coverage_and_needs_the_minimum() -> None:
    # Four regions report both years, a fifth only in 2008: raw sums are not comparable.
    records = []
    for i in range(4):
        records += _target_records(f"R{i}", {2008: 100.0, 2014: 70.0})
    records += _target_records("R4", {2008: 100.0})
    records += [("R4", 2014, "population", 100_000.0)]
    data = _data(records)
    raw = progress(data, TARGET).set_index("region_code").loc[NATIONAL]
    assert raw["status"] == "coverage_changed"
    assert raw["baseline_regions_reporting"] == 5
    assert raw["regions_reporting"] == 4
    assert "andere regio's" in progress_note(progress(data, TARGET), 0.5)
    rate = progress(data, TARGET, normalise=True).set_index("region_code").loc[NATIONAL]
    assert rate["baseline"] == pytest.approx(100.0)  # per 100,000 over the reporting regions
    assert rate["latest"] == pytest.approx(70.0)  # not 280 / 500,000 = 56
    assert rate["population_share"] == pytest.approx(0.8)
    # A baseline year reported by one region of five: no national verdict, and the reason.
    few = _data(_target_records("R0", {2008: 100.0, 2014: 70.0}) + [
        (f"R{i}", year, "population", 100_000.0) for i in range(1, 5) for year in (2008, 2014)
    ])  # fmt: skip
    table = progress(few, TARGET)
    row = table.set_index("region_code").loc[NATIONAL]
    assert row["status"] == "low_coverage"
    assert "baseline" not in row or pd.isna(row["baseline"])
    assert "1 van 5" in progress_note(table, 0.5)
    assert target_series(few, TARGET).xs(NATIONAL, level="region_code").isna().all()


def test_no_data_at_all_is_no_error() -> None:
    empty = _data([])
    assert progress(empty, TARGET).empty
    assert coverage_table(empty).empty


# --- 2. targets already met ----------------------------------------------------------------


def test_a_met_target_that_keeps_going_is_met_with_certainty() -> None:
    """−10 % a year from 100 in 2008: below 66.7 from 2012 (65.6) and still falling."""
    data = _data(_target_records("R1", {y: 100 * 0.9 ** (y - 2008) for y in range(2008, 2021)}))
    row = progress(data, TARGET, ["R1"]).iloc[0]
    assert row["status"] == "met"
    assert row["met_year"] == 2012
    assert row["probability_met_by_target"] == 1.0
    for column in ("projected_year", "projected_year_p05", "projected_year_p95"):
        assert row[column] == 2012
        assert math.isfinite(row[column])


def test_a_met_target_that_turned_back_is_shown_as_such() -> None:
    values = {2008: 100.0, 2010: 80.0, 2012: 60.0, 2014: 62.0, 2016: 66.0, 2018: 70.0, 2020: 75.0}
    row = progress(_data(_target_records("R1", values)), TARGET, ["R1"]).iloc[0]
    assert row["status"] == "no_longer_met"
    assert row["met_year"] == 2012


def test_met_only_after_the_target_year_is_not_met_by_it() -> None:
    values = {y: 100 * 0.97 ** (y - 2008) for y in range(2008, 2025)}  # 66.7 crossed in 2022
    row = progress(_data(_target_records("R1", values)), TARGET, ["R1"]).iloc[0]
    assert row["status"] == "met"
    assert row["met_year"] == 2022
    assert row["probability_met_by_target"] == 0.0


def test_projection_of_a_trend_already_past_the_goal_is_not_never() -> None:
    years = np.arange(2016.0, 2021.0)
    values = 60.0 * 0.95 ** (years - 2016)
    projection = log_linear_projection(years, values, 66.7, 2020, direction=-1)
    assert projection is not None
    assert projection.year == 2020  # reached (on the fitted trend) by the last year
    assert projection.probability_by_target == 1.0


# --- 3. series that start before the baseline ------------------------------------------------


def test_met_year_is_never_before_the_baseline_year() -> None:
    """Capacity grew from 2000 to 2010 (SPEC.md §5): 60 in 2000 lies below two thirds of the
    2008 value 92, but the target is first met when the decline after 2008 passes 61.3."""
    values = {y: 60.0 + 4 * (y - 2000) for y in range(2000, 2009)}
    values |= {y: 92.0 - 4 * (y - 2008) for y in range(2009, 2021)}
    row = progress(_data(_target_records("R1", values)), TARGET, ["R1"]).iloc[0]
    assert row["baseline"] == 92.0
    assert row["status"] == "met"
    assert row["met_year"] == 2016  # 92 − 32 = 60 < 61.3; not 2000
    assert row["met_year"] >= TARGET.baseline_year


def test_the_trend_is_fitted_from_the_baseline_year_on() -> None:
    values = {y: 60.0 + 4 * (y - 2000) for y in range(2000, 2009)} | {2009: 90.0, 2010: 88.0}
    row = progress(_data(_target_records("R1", values)), TARGET, ["R1"]).iloc[0]
    assert row["fit_years"] == "2008-2010"
    assert row["trend_pct_per_year"] < 0  # the decline since 2008, not the growth before it


# --- 7. one third, exactly -------------------------------------------------------------------


def test_the_agreement_target_is_exactly_one_third() -> None:
    assert TARGET.relative_change == Fraction(-1, 3)
    assert TARGET.goal(300) == 200.0
    assert TARGET.goal(36_500) == pytest.approx(36_500 * 2 / 3, rel=1e-15)
    assert TARGET.goal(3) == 2.0
    text = (
        Path(__file__).resolve().parents[1] / "src/ggzregio/data/monitor/targets.toml"
    ).read_text(encoding="utf-8")
    assert 'relative_change = "-1/3"' in text
    if SEEDS.is_dir():  # the seed says "een derde" at the cited lines 000:13-21
        seed = next(SEEDS.glob("000_*.txt")).read_text(encoding="utf-8").splitlines()
        assert "een derde" in " ".join(seed[12:21])


def _targets_file(tmp_path: Path, change: str) -> Path:
    path = tmp_path / "doelen.toml"
    path.write_text(
        '[[target]]\nid = "eigen"\nnl = "Eigen doel"\nindicators = ["fact_fte"]\n'
        f"baseline_year = 2020\ntarget_year = 2025\nrelative_change = {change}\n"
        'source = "regio"\n',
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("written", "exact", "goal_of_300"),
    [('"-1/3"', Fraction(-1, 3), 200.0), ("-0.25", Fraction(-1, 4), 225.0),
     ("-0.333", Fraction(-333, 1000), 200.1), ('"1/2"', Fraction(1, 2), 450.0), ("1", 1, 600.0)],
)  # fmt: skip
def test_targets_files_take_fractions_and_decimals(
    tmp_path: Path, written: str, exact: Fraction, goal_of_300: float
) -> None:
    target = load_targets(CATALOGUE, _targets_file(tmp_path, written))["eigen"]
    assert target.relative_change == exact
    assert target.goal(300) == pytest.approx(goal_of_300, rel=1e-15)


@pytest.mark.parametrize("written", ['"een derde"', '"1/0"', '"1e999"', "true", '"-1/3/2"'])
def test_a_change_that_is_no_number_is_refused(tmp_path: Path, written: str) -> None:
    with pytest.raises(InputError) as caught:
        load_targets(CATALOGUE, _targets_file(tmp_path, written))
    assert caught.value.rules() == {"bad_fraction"}


# --- the setting -----------------------------------------------------------------------------


def test_min_coverage_is_a_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    from ggzregio.app.context import Settings

    assert Settings("sqlite://").min_coverage == DEFAULT_MIN_COVERAGE
    assert Settings("sqlite://", min_coverage=0.8).min_coverage == 0.8
    monkeypatch.setenv("GGZREGIO_MIN_COVERAGE", "0.25")
    assert Settings("sqlite://").min_coverage == 0.25
    with pytest.raises(ValueError, match="between 0 and 1"):
        Settings("sqlite://", min_coverage=50)  # a share, not a percentage


def test_cli_states_coverage_and_takes_the_minimum(tmp_path: Path) -> None:
    path = tmp_path / "monitor.csv"
    data = _partial(5)
    data.frame[["region_code", "year", "indicator", "value"]].to_csv(path, index=False)
    args = (
        "monitor",
        "benchmark",
        "--indicator",
        "fact_fte",
        "--year",
        "2020",
        "--data",
        str(path),
    )
    code, output = invoke(*args)
    assert code == 0, output
    assert "Geen landelijke waarde" in output
    assert "5 van 43" in output
    code, output = invoke(*args, "--min-coverage", "0.1")
    assert code == 0, output
    assert "landelijk: 30,0" in output
    assert "5 van 43 regio's, 12 % van de inwoners" in output


# --- the page and the API --------------------------------------------------------------------


def test_page_and_api_state_the_national_coverage(web_db: Database) -> None:
    client = client_for(web_db.url)
    page = client.get("/regio/RG05/monitor")
    assert page.status_code == 200
    assert "43 van 43 regio&#39;s, 100 % van de inwoners" in page.text
    answer = client.get("/api/v1/monitor/progress", params={"region": ["NL", "RG05"]}).json()
    assert answer["metadata"]["min_coverage"] == "0.5"
    national_row = next(r for r in answer["items"] if r["region_code"] == NATIONAL)
    assert national_row["regions_reporting"] == 43
    assert national_row["regions_total"] == 43
    assert national_row["population_share"] == pytest.approx(1.0)
    bench = client.get("/api/v1/monitor/benchmark", params={"indicator": "fact_fte"}).json()
    assert {r["coverage_regions"] for r in bench["items"]} == {43}
    assert bench["metadata"]["min_coverage"] == "0.5"


def test_one_region_reporting_next_year_keeps_the_national_comparison(tmp_path: Path) -> None:
    """A region that enters next year's value first does not take the benchmark away from
    every region page: the page compares in the latest year with enough coverage."""
    from ggzregio.app import monitor as app_monitor
    from ggzregio.app.context import Actor, Context
    from ggzregio.app.setup import load_demo

    ctx = Context.open(f"sqlite:///{tmp_path / 'demo.db'}")
    assert load_demo(ctx)
    with ctx.factory() as db:
        latest = app_monitor.latest_year(ctx, db)
    value = app_monitor.ValueIn("places_bw", latest + 1, 50.0, "definitief", "test")
    app_monitor.enter_values(ctx, Actor(client="test"), "RG01", [value])
    with ctx.factory() as db:
        assert app_monitor.latest_year(ctx, db) == latest + 1
        tables = app_monitor.region_tables(ctx, db, "RG02", app_monitor.DEFAULT_TARGET, "places_bw")
    assert tables.year == latest
    assert not tables.benchmark["coverage_too_low"].astype(bool).any()
    assert set(tables.benchmark["position"].dropna()) - {""}  # positions in the funnel
