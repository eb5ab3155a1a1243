"""The flow model's own assumptions, each on a case small enough to check on paper (issue 20.5).

(a) a crisis still pending for IHT from an earlier month that is re-routed to a clinic is not
counted again as a fresh arrival at the clinic; (b) the uncertainty of a region's prevalence is
the PC4 residual spread aggregated over the region's areas plus a stated regional deviation,
not a fixed share of the spread of single areas.
"""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from ggzregio.errors import InputError
from ggzregio.prevalence import ModelSpec
from ggzregio.simulation import run as sim_run
from ggzregio.simulation.calibration import Calibration
from ggzregio.simulation.model import SERVICE_NAMES, simulate
from ggzregio.simulation.parameters import default_parameters, draw, load_parameters
from ggzregio.simulation.queueing import wait_scalar

#: Every probability the model reads, all zero unless a case sets it.
PROBABILITIES = (
    "death", "recovery", "renege", "referral_ambulant", "referral_fact", "iht_share",
    "step_up", "bw_referral", "fact_to_ambulant", "iht_to_fact", "iht_to_short",
    "short_to_long", "short_to_bw", "short_to_fact", "short_to_ambulant", "short_to_home",
    "long_to_bw", "long_to_fact", "bw_to_fact",
    *(f"crisis_{k}" for k in ("untreated", "ambulant", "fact", "bw")),
    *(f"complete_{s}" for s in SERVICE_NAMES),
    *(f"exit_{s}" for s in SERVICE_NAMES),
)  # fmt: skip


def _hand_calibration(stocks: dict[str, float], untreated: float, new_cases: float, **p: float):  # type: ignore[no-untyped-def]
    probabilities = {k: np.array([p.get(k, 0.0)]) for k in PROBABILITIES}
    return Calibration(
        n=1,
        stocks=np.array([[stocks.get(s, 0.0)] for s in SERVICE_NAMES]),
        untreated=np.array([untreated]),
        new_cases=np.array([new_cases]),
        housing=np.zeros(1),
        ambulant_capacity=np.zeros(1),
        probabilities=probabilities,
        in_care=np.array([sum(stocks.values())]),
    )


def test_iht_backlog_rerouted_to_the_clinic_is_not_a_new_arrival() -> None:
    """A crisis that waited for IHT and is then admitted to a clinic arrived once.

    100 people outside care, 16 % a month have a crisis (16 requests; 16 new cases a month keep
    the 100), half to IHT (8) and half to short stay (8). IHT: 8 places, all taken, half of
    them finish each month (to FACT); FACT is full and nobody leaves it, so whoever finishes
    IHT stays (blocked) and IHT frees nothing. Short stay: 30 places, empty, nobody leaves;
    its waiting-time formula uses mu = 0.5 a month (the exit rates only enter the waiting
    times here, FACT's is 0.1). No deaths, recovery or giving up.

    Month 1: 4 IHT episodes ready to move out, so IHT counts on 4 places: of the 8 IHT crises 4
    go to the clinic (re-routed in the month they arose: arrivals at the clinic 8 + 4 = 12) and
    4 stay pending, since the 4 moving out are blocked by FACT. The clinic admits 12.
    Month 2: 2 more finish IHT (half of the 4 not yet pending), so 6 are ready to move out.
    Pending for IHT: the 4 from month 1 and the 8 new crises, 12 for 6 places: half of each
    moves to the clinic, 2 + 4 = 6 people (``iht_overflow``). The clinic's arrivals are its 8
    own crises and the 4 of this month's IHT crises: 12, as in month 1. The 2 from month 1
    arrived in month 1 and are not counted again (the old model counted 14).
    """
    cal = _hand_calibration(
        {"fact": 10.0, "iht": 8.0},
        untreated=100.0,
        new_cases=16.0,
        crisis_untreated=0.16,
        iht_share=0.5,
        complete_iht=0.5,
        iht_to_fact=1.0,
        exit_short=0.5,
        exit_fact=0.1,
    )
    months = 2
    places = np.zeros((months, 1, 6))
    places[:, 0, :] = [0.0, 10.0, 8.0, 30.0, 0.0, 0.0]
    follow = np.zeros((3, 1))
    traj = simulate(cal, places, places[0], np.zeros(1, dtype=np.int64), follow, precise=True)

    assert traj["iht_overflow"][:, 0] == pytest.approx([4.0, 6.0])
    assert traj["admissions_short"][:, 0] == pytest.approx([12.0, 14.0])
    assert traj["stock_short"][:, 0] == pytest.approx([12.0, 26.0])
    assert traj["backlog_iht"][:, 0] == pytest.approx([4.0, 6.0])
    for month in range(months):
        wait, people, beyond = wait_scalar(0.0, traj["admissions_short"][month, 0], 30, 12.0, 0.5)
        assert traj["wait_months_short"][month, 0] == pytest.approx(wait, rel=1e-12)
        assert traj["waiting_short"][month, 0] == pytest.approx(people, rel=1e-12)
        assert traj["beyond_treeknorm_short"][month, 0] == pytest.approx(beyond, rel=1e-12)
    # What counting the 2 carried-over crises again would have given (arrival rate 14).
    inflated = wait_scalar(0.0, 14.0, 30, 14.0, 0.5)[1]
    assert traj["waiting_short"][1, 0] < 0.9 * inflated


def test_residual_variance_of_the_published_intervals(model: ModelSpec) -> None:
    """The variance of the PC4 residual distribution, from the quantile function by hand.

    The quantile function is linear between the published points (004:1727-1735); the
    outermost bands are continued to probabilities 0 and 1: below, from -6.3 at 5 % to -7.8
    at 2.5 % is -1.5 per 2.5 points, so -9.3 at 0; above, 8.3 at 95 % to 11.1 at 97.5 % is
    +2.8, so 13.9 at 100 %. The median is interpolated between -1.7 (37.5 %) and 0.6 (62.5 %):
    -0.55. On each band the residual is uniform, so its mean is (a + b) / 2 and its mean
    square (a^2 + ab + b^2) / 3, weighted by the band's probability.
    """
    points = [
        (0.0, -9.3), (0.025, -7.8), (0.05, -6.3), (0.125, -4.4), (0.25, -2.8), (0.375, -1.7),
        (0.5, -0.55), (0.625, 0.6), (0.75, 2.1), (0.875, 4.7), (0.95, 8.3), (0.975, 11.1),
        (1.0, 13.9),
    ]  # fmt: skip
    mean = square = 0.0
    for (p0, a), (p1, b) in itertools.pairwise(points):
        mean += (p1 - p0) * (a + b) / 2
        square += (p1 - p0) * (a * a + a * b + b * b) / 3
    assert mean == pytest.approx(-0.02375)
    assert sim_run.residual_variance(model) == pytest.approx(square - mean**2)
    assert sim_run.residual_variance(model) == pytest.approx(19.0337, abs=1e-4)


def test_effective_number_of_areas_from_the_area_table() -> None:
    """Region A: areas of 1,000, 1,000 and 2,000 adults: (4,000)^2 / (1 + 1 + 4) million =
    16 / 6 = 2.67 areas. Region B: four areas of 500: 4 areas. Without the area table the
    region table's ``n_areas`` is used (areas of equal size)."""
    regions_table = pd.DataFrame(
        {
            "region_code": ["A", "B"],
            "region_name": ["Een", "Twee"],
            "n_areas": [3, 4],
            "inhabitants": [5_000.0, 2_500.0],
            "adults": [4_000.0, 2_000.0],
            "expected_cases": [60.0, 30.0],
        }
    )
    areas = pd.DataFrame(
        {
            "region_code": ["A", "A", "A", "B", "B", "B", "B"],
            "adults": [1e3, 1e3, 2e3, *[500.0] * 4],
        }
    )
    with_areas = sim_run.regions_from_table(regions_table, areas=areas)
    assert [r.effective_areas for r in with_areas] == pytest.approx([16 / 6, 4.0])
    without = sim_run.regions_from_table(regions_table)
    assert [r.effective_areas for r in without] == [3.0, 4.0]


def test_regional_prevalence_spread_narrows_with_the_number_of_areas(model: ModelSpec) -> None:
    """A region of 100 equal areas: variance 19.03 / 100 + 1.0^2 (the stated regional
    deviation, parameters.toml ``prevalence_regional_sd``) = 1.190, a standard deviation of
    1.091 per 1,000 adults; of one area: sqrt(19.03 + 1) = 4.476. At 16 per 1,000 and 100,000
    adults that is 1,600 +- 109 and +- 448 adults with EPA in care. The old model gave both
    the same spread: half the spread of single PC4 areas (about +- 200).
    """
    params = default_parameters()
    assert params["prevalence_regional_sd"].value == 1.0
    assert params["prevalence_regional_sd"].assumption
    assert "prevalence_spread" not in params.parameters
    draws = 40_000
    regions = [
        sim_run.Region("R100", "Honderd", 125_000, 100_000, 1_600, effective_areas=100.0),
        sim_run.Region("R1", "Een", 125_000, 100_000, 1_600, effective_areas=1.0),
    ]
    expected_sd = [
        math.sqrt(sim_run.residual_variance(model) / n + 1.0) * 100 for n in (100.0, 1.0)
    ]
    assert expected_sd == pytest.approx([109.1, 447.6], abs=0.1)
    assert sim_run.regional_sd(100.0, model, 1.0) == pytest.approx(1.0910, abs=1e-4)
    tau = np.full(draws, 1.0)
    in_care = sim_run._prevalence_draws(regions, model, tau, np.random.default_rng(5))
    assert in_care.shape == (2, draws)
    assert in_care.mean(axis=1) == pytest.approx([1_600, 1_600], rel=0.01)
    assert in_care.std(axis=1) == pytest.approx(expected_sd, rel=0.02)
    # One draw is the point projection: the expected count itself.
    assert sim_run._prevalence_draws(regions, model, tau[:1], np.random.default_rng(5))[
        :, 0
    ] == pytest.approx([1_600, 1_600])


def test_demo_regions_get_a_regional_not_an_area_spread(model: ModelSpec) -> None:
    """The demo's regions hold 30-160 effective areas: their prevalence draws spread by a few
    per cent, far less than single areas do (a standard deviation of 4.4 per 1,000 on about
    16 per 1,000, over 25 %)."""
    from ggzregio.demo import DEMO_LABEL, demo_areas_path
    from ggzregio.io.areas import read_areas
    from ggzregio.prevalence.run import run_estimate

    estimate = run_estimate(read_areas(demo_areas_path(), model), model, data_label=DEMO_LABEL)
    regions = sim_run.regions_from_table(
        estimate.tables["region_code"], areas=estimate.tables["area"]
    )
    assert min(r.effective_areas for r in regions) > 20
    params = default_parameters()
    par = draw(params, 2_000, np.random.default_rng(2))
    in_care = sim_run._prevalence_draws(
        regions, model, par["prevalence_regional_sd"], np.random.default_rng(3)
    )
    expected = np.array([r.in_care for r in regions])[:, None]
    relative_sd = (in_care / expected).std(axis=1)
    assert np.all(relative_sd < 0.12)
    assert np.all(relative_sd > 0.03)


def test_a_negative_regional_spread_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "spreiding.toml"
    path.write_text("[prevalence_regional_sd]\nvalue = -0.5\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_parameters(path)
    found = {(p.key, p.rule) for p in caught.value.problems}
    assert ("prevalence_regional_sd.value", "negative_value") in found
