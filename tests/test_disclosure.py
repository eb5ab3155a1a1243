"""The disclosure layer against an attacker who combines everything an output publishes.

Each leak class of issue 17 has a regression test that recovers a hidden count exactly with the
code before the layer: partitions (calibration), rules (matched versus added), targets versus
their components, rates next to their respondents, and the marker and flags. The attacker
(tests/attacker.py) works from the published tables and the relations a reader knows, and
must find every hidden cell at least the threshold wide.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ggzregio.claims.pipeline import Counts
from ggzregio.claims.run import _protected
from ggzregio.demo import demo_areas_path
from ggzregio.io.areas import read_areas
from ggzregio.io.results import read_results, write_results
from ggzregio.monitor.catalogue import Target, load_catalogue
from ggzregio.monitor.data import protect_tidy
from ggzregio.monitor.progress import target_series
from ggzregio.prevalence import ModelSpec
from ggzregio.prevalence.calibration import calibrate
from ggzregio.prevalence.estimate import estimate_areas
from ggzregio.prevalence.run import run_calibration
from ggzregio.privacy import Output, audit, protect
from tests.attacker import narrowest, ranges
from tests.test_monitor import _data as _monitor

THRESHOLD = 10
CATALOGUE = load_catalogue()


# --- calibration: deciles and classes partition the same areas ---------------------------


def _calibration_areas(model: ModelSpec) -> object:
    areas = read_areas(demo_areas_path(), model)
    frame = areas.frame.iloc[:300].copy()
    deciles = calibrate(estimate_areas(frame.assign(observed_cases=5), model, "x")).frame
    first = list(deciles.loc[deciles["decile"] == 1, "area_code"])
    observed = pd.Series(5, index=frame["area_code"].to_numpy())
    observed[first] = 0
    observed[first[:2]] = 3  # decile 1 holds 6 people
    return replace(areas, frame=frame.assign(observed_cases=observed.to_numpy()))


def test_calibration_deciles_and_classes_are_protected_together(
    model: ModelSpec, tmp_path: Path
) -> None:
    result, _ = run_calibration(_calibration_areas(model), model, threshold=THRESHOLD)  # type: ignore[arg-type]
    path = tmp_path / "calibratie.csv"
    write_results(result, path)
    back = read_results(path, main_level="decile")  # as a user downloads it
    cells: dict[object, float | None] = {}
    for name in ("decile", "urbanity_class"):
        table = back.tables[name]
        for key, value in zip(table[name], table["observed_cases"], strict=True):
            cells[(name, key)] = None if str(value) == "x" else float(value)
    assert cells[("decile", 1)] is None
    deciles = {k: 1.0 for k in cells if k[0] == "decile"}
    classes = {k: -1.0 for k in cells if k[0] == "urbanity_class"}
    found = ranges(cells, [({**deciles, **classes}, 0.0)])  # both add up to the same total
    assert narrowest(found) >= THRESHOLD


# --- claims: the first rule adds everyone it matches ---------------------------------------


def _claims(added: list[list[int]], extra_matched: list[int]) -> Counts:
    names = [f"r{i + 1}" for i in range(len(added[0]))]
    wide = pd.DataFrame(added, columns=names)
    wide.insert(0, "epa_adults", wide.sum(axis=1))
    wide.insert(0, "year", 2024)
    wide.insert(0, "pc4", [f"{1000 + i}" for i in range(len(added))])
    total_added = wide[names].sum().to_numpy()
    per_rule = pd.DataFrame(
        {"rule": names, "matched": total_added + np.r_[0, extra_matched], "added": total_added}
    )
    return Counts(wide, per_rule, None)


def _claims_attack(counts: Counts) -> dict[object, tuple[float, float]]:
    tables, masks, _ = _protected(counts, THRESHOLD)
    names = list(counts.per_rule["rule"])
    cells: dict[object, float | None] = {}
    for i, row in tables["area_rules"].iterrows():
        for name in names:
            cells[("cell", i, name)] = None if masks["area_rules"].loc[i, name] else row[name]
        hidden = masks["area"].loc[i, "observed_cases"]
        cells[("area", i)] = None if hidden else tables["area"].loc[i, "observed_cases"]
    for j, name in enumerate(names):
        for column in ("matched", "added"):
            hidden = masks["rules"].loc[j, column]
            cells[(column, name)] = None if hidden else tables["rules"].loc[j, column]
    total = int(counts.per_area["epa_adults"].sum())
    relations = []
    for i in tables["area_rules"].index:  # per PC4: the rules add up to its total
        relations.append(({("area", i): 1.0, **{("cell", i, n): -1.0 for n in names}}, 0.0))
    for name in names:  # per rule: the PC4 cells add up to its national additions
        members = {("cell", i, name): 1.0 for i in tables["area_rules"].index}
        relations.append(({("added", name): 1.0, **{k: -v for k, v in members.items()}}, 0.0))
    relations.append(({("matched", names[0]): 1.0, ("added", names[0]): -1.0}, 0.0))
    unknowns = []
    for name in names[1:]:  # later rules match at least what they add
        unknowns.append(("overlap", name))
        relations.append(
            ({("matched", name): 1.0, ("added", name): -1.0, ("overlap", name): -1.0}, 0.0)
        )
    if not tables["area"].attrs["total_hidden"]:  # the run record's total, when shown
        relations.append(({("added", n): 1.0 for n in names}, float(total)))
    return ranges(cells, relations, unknowns)


def test_claims_matched_of_the_first_rule_does_not_reveal_its_additions() -> None:
    # Nationally r2 adds 4. The old pattern hid it with r1's 90 as its partner, left
    # matched(r1) = 90 visible, and the run record's total gave r2 = 554 - 90 - 210 - 250 = 4.
    counts = _claims([[40, 2, 100, 120], [50, 2, 110, 130]], [8, 15, 10])
    found = _claims_attack(counts)
    assert found, "something is hidden"
    assert narrowest(found) >= THRESHOLD


@settings(max_examples=25, deadline=None)
@given(
    st.lists(st.lists(st.integers(0, 30), min_size=3, max_size=3), min_size=2, max_size=6),
    st.lists(st.integers(0, 20), min_size=2, max_size=2),
)
def test_claims_tables_never_narrow_a_hidden_cell(cells: list[list[int]], extra: list[int]) -> None:
    found = _claims_attack(_claims(cells, extra))
    assert narrowest(found) >= THRESHOLD - 1e-6


# --- targets against their components ------------------------------------------------------


TRAJECTORIES = Target(
    id="trajectories",
    nl="Trajecten",
    en="Trajectories",
    indicators=("traj_lt_1800", "traj_1800_6000", "traj_gt_6000"),
    baseline_year=2020,
    target_year=2025,
    source="test",
    relative_change=-0.1,
)


def test_a_target_does_not_reveal_a_hidden_component() -> None:
    records = []
    for i, small in enumerate([4, 50, 60, 70, 80]):
        for year in (2020, 2021):
            records += [
                (f"R{i}", year, "traj_lt_1800", float(small)),
                (f"R{i}", year, "traj_1800_6000", 40.0 + i),
                (f"R{i}", year, "traj_gt_6000", 30.0 + i),
            ]
    data = _monitor(records)
    data.targets = {TRAJECTORIES.id: TRAJECTORIES}  # the targets this monitor publishes
    series = target_series(data, TRAJECTORIES, threshold=THRESHOLD)
    tidy = protect_tidy(data.frame, data, THRESHOLD).set_index(["region_code", "indicator"])
    tidy = tidy[tidy["year"] == 2020]
    cells: dict[object, float | None] = {}
    for (region, indicator), row in tidy.iterrows():
        cells[(region, indicator)] = None if row["suppressed"] else row["value"]
    relations = []
    for region in [f"R{i}" for i in range(5)]:
        total = series.get((region, 2020))
        if total is not None and not np.isnan(total):  # the target is published: a relation
            members = {(region, c): 1.0 for c in TRAJECTORIES.indicators}
            relations.append((members, float(total)))
    national = series.get(("NL", 2020))
    if national is not None and not np.isnan(national):
        relations.append((dict.fromkeys(cells, 1.0), float(national)))
    assert cells[("R0", "traj_lt_1800")] is None
    assert narrowest(ranges(cells, relations)) >= THRESHOLD


# --- rates: a percentage beside its respondents gives its numerator --------------------------


def _paid_work(first: tuple[float, float]) -> pd.DataFrame:
    """The protected series of four regions' paid-work percentage and respondents, the first
    region's given as (percentage, respondents)."""
    records = []
    for i, (pct, n) in enumerate([first, (40.0, 80.0), (55.0, 90.0), (35.0, 60.0)]):
        records += [
            (f"R{i}", 2020, "paid_work_pct", pct),
            (f"R{i}", 2020, "work_respondents", n),
        ]
    data = _monitor(records)
    return protect_tidy(data.frame, data, THRESHOLD).set_index(["region_code", "indicator"])


def test_a_percentage_whose_numerator_is_small_is_hidden() -> None:
    out = _paid_work((12.9, 57.0))
    # 12.9 % of 57 respondents is 7 people: hidden like a count of 7, respondents shown.
    assert out.loc[("R0", "paid_work_pct"), "suppressed"]
    assert np.isnan(out.loc[("R0", "paid_work_pct"), "value"])
    assert not out.loc[("R0", "work_respondents"), "suppressed"]
    # The national rate of the visible others would give the hidden numerator: protected too.
    visible = out[~out["suppressed"] & (out.index.get_level_values(1) == "paid_work_pct")]
    assert len(visible) <= 2


# --- the marker and the flags ----------------------------------------------------------------


def test_every_hidden_cell_looks_the_same(model: ModelSpec) -> None:
    from ggzregio.io.areas import areas_from_frame
    from ggzregio.prevalence.run import run_compare

    areas = read_areas(demo_areas_path(), model)
    frame = areas.frame.iloc[:40].copy()
    frame["municipality_code"] = "GM01"
    observed = np.full(len(frame), 55)
    observed[3] = 4  # primary; its partner is hidden to protect it
    frame = frame.assign(observed_cases=observed, municipality_name="Gemeente")
    result = run_compare(
        areas_from_frame(frame, model, count_columns=("observed_cases",)),
        model,
        ["municipality_code"],
        threshold=THRESHOLD,
    )  # fmt: skip
    shown = result.shown("area")
    hidden = shown[result.tables["area"]["suppressed"]]
    assert len(hidden) >= 2
    for column in ("observed_cases", "ratio", "residual_band", "flag_small_numbers"):
        assert set(hidden[column]) == {"x"}, column  # no '<10', the same for both
    assert set(hidden["flags"]) == {f"suppressed:{THRESHOLD}"}  # one neutral reason for all
    assert "<10" not in shown.to_csv()


# --- the engine itself -----------------------------------------------------------------------


def test_a_reader_who_knows_their_own_value_learns_nothing_more() -> None:
    keys = ["A", "B", "C", "D", "E"]
    output = Output(THRESHOLD)
    output.base(keys, [11.0, 4.0, 100.0, 200.0, 300.0])
    output.cells("region", "n", keys, [[(k, 1.0)] for k in keys])
    output.sums("national", "n", pd.Series(["NL"] * 5), keys)
    public_only = protect(output).hidden
    assert list(public_only[:5]) == [True, True, False, False, False]
    output.knows("A", ["A"])
    assert audit(output, public_only)  # A's editors would get B = (N - visible) - A
    decision = protect(output)
    assert not audit(output, decision.hidden)
    assert decision.hidden[:5].sum() == 3


def test_history_is_part_of_what_a_reader_knows() -> None:
    keys = ["a", "b", "c", "h"]
    output = Output(THRESHOLD)
    output.base(keys, [30.0, 40.0, 50.0, 6.0])
    output.cells("area", "n", keys[:3], [[(k, 1.0)] for k in keys[:3]])  # h left out now
    output.sums("region", "n", pd.Series(["R"] * 3), keys[:3])
    output.cells("unpublished", "n", ["h"], [[("h", 1.0)]], forced=np.array([True]))
    output.prior(dict.fromkeys(keys, 1.0), 126.0)  # the region total published before
    assert audit(output, np.array([False, False, False, False, True]))  # h = 126 - 120
    decision = protect(output)
    assert not audit(output, decision.hidden)
    assert decision.hidden[:4].sum() >= 1


def test_an_output_that_cannot_be_protected_is_refused() -> None:
    from ggzregio.privacy import DisclosureError

    output = Output(THRESHOLD)
    output.base(["a", "b"], [4.0, 40.0])
    output.cells("area", "n", ["a"], [[("a", 1.0)]])
    output.cells("public", "n", ["a+b", "b"], [[("a", 1.0), ("b", 1.0)], [("b", 1.0)]],
                 sensitive=False, suppressible=False)  # fmt: skip
    with pytest.raises(DisclosureError):
        protect(output)


def test_monitor_figures_leave_hidden_values_out() -> None:
    from ggzregio.monitor import figures as mf

    records = []
    for i, small in enumerate([4, 50, 60, 70, 80]):
        records += [
            (f"R{i}", 2020, "traj_lt_1800", float(small)),
            (f"R{i}", 2020, "traj_1800_6000", 40.0 + i),
            (f"R{i}", 2020, "traj_gt_6000", 30.0 + i),
            (f"R{i}", 2020, "population", 100_000.0),
        ]
    data = _monitor(records)
    for figure in (
        mf.intensity_figure(data, "R0"),
        mf.small_multiples(data, "traj_lt_1800", normalise=False),
    ):
        values = {float(v) for trace in figure.data for v in (trace.y or ()) if v == v}
        assert 4.0 not in values  # R0's 4 trajectories
        assert 50.0 not in values  # and its partner


def test_the_calibration_summary_in_the_terminal_hides_what_the_file_hides(
    model: ModelSpec,
) -> None:
    from ggzregio.display import calibration_lines

    result, calibration = run_calibration(_calibration_areas(model), model, threshold=THRESHOLD)  # type: ignore[arg-type]
    first = calibration.by_decile.iloc[0]
    lines = calibration_lines(result)
    decile_1 = next(line for line in lines[1:] if "deciel 1:" in line)
    assert "waargenomen x" in decile_1
    rate = f"{first['observed_per_1000']:.2f}".replace(".", ",")
    assert rate not in decile_1


def test_what_follows_from_a_readers_knowledge_counts_too() -> None:
    # k + a = 20 and a + b + c = 16 are published, b (3) and c (5) hidden. The reader who
    # knows k gets a = 8 and then b + c = 8: both narrower than 10 unless more is hidden.
    output = Output(THRESHOLD)
    output.base(["k", "a", "b", "c"], [12.0, 8.0, 3.0, 5.0])
    output.cells("sum", "n", ["k+a", "a+b+c"], [[("k", 1.0), ("a", 1.0)],
                 [("a", 1.0), ("b", 1.0), ("c", 1.0)]])  # fmt: skip
    output.cells("cell", "n", ["b", "c"], [[("b", 1.0)], [("c", 1.0)]])
    output.knows("R", ["k"])
    assert audit(output, np.array([False, False, True, True]))
    decision = protect(output)
    assert not audit(output, decision.hidden)
    assert decision.hidden[:2].any()


def test_a_percentage_whose_other_category_is_small_is_hidden() -> None:
    out = _paid_work((96.0, 120.0))
    # 96 % of 120 respondents leaves 4.8 people without paid work: hidden like a count.
    assert out.loc[("R0", "paid_work_pct"), "suppressed"]
    visible = out[~out["suppressed"]]
    for (region, indicator), row in visible.iterrows():
        if indicator == "paid_work_pct":
            n = out.loc[(region, "work_respondents"), "value"]
            assert n * (100 - row["value"]) / 100 >= THRESHOLD


def test_the_reason_stays_in_the_result_but_never_leaves_it(
    model: ModelSpec, tmp_path: Path
) -> None:
    from ggzregio.io.areas import areas_from_frame
    from ggzregio.prevalence.run import run_compare
    from ggzregio.privacy import PRIMARY, SECONDARY

    areas = read_areas(demo_areas_path(), model)
    frame = areas.frame.iloc[:40].assign(municipality_code="GM01", municipality_name="G")
    observed = np.full(len(frame), 55)
    observed[3] = 4
    frame = frame.assign(observed_cases=observed)
    result = run_compare(
        areas_from_frame(frame, model, count_columns=("observed_cases",)),
        model,
        ["municipality_code"],
        threshold=THRESHOLD,
    )
    reasons = result.reasons["area"]
    assert reasons[str(frame["area_code"].iloc[3])] == PRIMARY
    assert (reasons == SECONDARY).sum() >= 1
    for suffix in (".csv", ".json", ".xlsx", ".parquet"):
        written = write_results(result, tmp_path / f"out{suffix}")
        for path in written:
            if suffix in (".csv", ".json"):
                assert "secondary" not in path.read_text(encoding="utf-8").lower()
        back = read_results(tmp_path / f"out{suffix}")
        assert not back.reasons
