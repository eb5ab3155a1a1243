"""The flow model: calibration to the national shares, conservation, steady state, Little's law,
waiting against a discrete-event reference (ciw), scenario comparison and parameter files."""

from __future__ import annotations

from pathlib import Path

import ciw
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ggzregio.errors import InputError
from ggzregio.planning.scenario_file import load_norm_set
from ggzregio.prevalence import ModelSpec
from ggzregio.simulation.calibration import calibrate
from ggzregio.simulation.compare import TOTAL, compare
from ggzregio.simulation.model import SERVICE_NAMES, population, simulate
from ggzregio.simulation.outputs import quantiles
from ggzregio.simulation.parameters import default_parameters, draw, load_parameters
from ggzregio.simulation.queueing import (
    TREEKNORM_MONTHS,
    erlang_c,
    erlang_c_exact,
    wait_scalar,
    waiting,
)
from ggzregio.simulation.run import (
    Region,
    Settings,
    build_scenario,
    residual_quantile_function,
    run_simulation,
)

#: A region with the national average EPA care prevalence of the demo (1,280 adults with EPA
#: in care per 100,000 inhabitants), 400,000 inhabitants in about 80 PC4 areas (the demo's
#: regions hold 30-160 effective areas; this sets the spread of its prevalence draws).
REGION = Region("RX", "Regio X", 400_000, 320_000, 5_120, 100.0, effective_areas=80.0)
#: Baseline places for 400,000 inhabitants: FACT 2 teams x 225 clients per 100,000, no IHT,
#: 60 short-stay and 40 long-stay clinical places and 100 BW places per 100,000.
BASELINE = [2 * 225 * 4.0, 0.0, 60 * 4.0, 40 * 4.0, 100 * 4.0]


def _calibrated(capacity: list[float] | None = None, **values: float) -> tuple:
    params = default_parameters().with_values(**values) if values else default_parameters()
    par = draw(params, 1, np.random.default_rng(0))
    cap = np.array(capacity or BASELINE, dtype=float)[:, None]
    cal = calibrate(np.array([REGION.in_care]), cap, par, [REGION.code])
    return cal, cap, par


def _run(cal, now: np.ndarray, target: np.ndarray, months: int, follow=(1.0, 0.5, 0.5)):  # type: ignore[no-untyped-def]
    weights = np.clip(np.arange(1, months + 1) / 60, 0, 1)
    places = np.zeros((months, 1, 6))
    places[:, 0, 1:] = now[:, 0] + (target - now[:, 0]) * weights[:, None]
    base = np.zeros((1, 6))
    base[0, 1:] = now[:, 0]
    follow_arr = np.array(follow, dtype=float)[:, None]
    return simulate(cal, places, base, np.zeros(1, dtype=np.int64), follow_arr, precise=True)


def test_baseline_reproduces_the_national_shares() -> None:
    cal, cap, _ = _calibrated()
    stocks = dict(zip(SERVICE_NAMES, cal.stocks[:, 0], strict=True))
    people = cal.population[0]
    # 25 % of people with EPA are not in GGZ care (004:1555-1557).
    assert cal.untreated[0] / people == pytest.approx(0.25)
    # About 25 % of people with EPA in care use FACT (004:1090-1092).
    assert stocks["fact"] / REGION.in_care == pytest.approx(0.25)
    # 10-12 % live in an institution or sheltered housing (002:104-108; 004:1084-1085):
    # not forced by the calibration, it follows from ~100 clinical and ~100 BW places per 100,000.
    institution = (stocks["short"] + stocks["long"] + stocks["bw"]) / people
    assert 0.10 <= institution <= 0.12
    # FACT caseload per team in the baseline (2 teams per 100,000; 004:1099-1100: "ruim 200").
    assert 150 <= stocks["fact"] / 8 <= 250
    # About 15 % admitted per year (002:104-105): one year of the unchanged baseline.
    traj = _run(cal, cap, cap[:, 0], 12)
    assert traj["admissions_short"].sum() / people == pytest.approx(0.15, rel=1e-6)


def test_unchanged_plan_keeps_its_steady_state() -> None:
    cal, cap, _ = _calibrated()
    traj = _run(cal, cap, cap[:, 0], 120)
    for i, name in enumerate(SERVICE_NAMES):
        assert np.allclose(traj[f"stock_{name}"], cal.stocks[i, 0], rtol=1e-9)
    assert np.allclose(traj["untreated"], cal.untreated[0], rtol=1e-9)
    assert np.all(traj["blocked_clinical"] == 0)
    assert np.all(traj["waiting_outside"] == 0)


def test_people_are_conserved_every_month_when_the_plan_changes() -> None:
    cal, cap, _ = _calibrated()
    target = np.array([4 * 200 * 4, 15 * 4, 35 * 4, 30 * 4, 65 * 4])  # voorbeeldregio 1
    traj = _run(cal, cap, target, 120)
    total = population(traj)[:, 0]
    flows = traj.new_cases[0] - traj["deaths"][:, 0] - traj["recovered"][:, 0]
    assert np.allclose(np.diff(total), flows[1:], rtol=0, atol=1e-8)
    assert total[0] - cal.population[0] == pytest.approx(flows[0], abs=1e-8)
    # The plan changes things: beds are blocked when BW shrinks faster than the outflow.
    assert traj["blocked_clinical"][-1, 0] > 0
    assert traj["stock_iht"][-1, 0] > 0


def test_littles_law_at_a_new_steady_state() -> None:
    """More places everywhere: after 40 years occupancy = admissions x mean stay per service."""
    cal, cap, _ = _calibrated()
    traj = _run(cal, cap, cap[:, 0] * 1.5, 480, follow=(0.0, 0.0, 0.0))
    p = cal.probabilities
    for i, name in enumerate(SERVICE_NAMES):
        if name == "iht":
            continue
        stay = 1 / p[f"exit_{name}"][0]
        occupancy = traj[f"stock_{name}"][-1, 0]
        assert occupancy == pytest.approx(traj[f"admissions_{name}"][-1, 0] * stay, rel=1e-6)
        assert occupancy == pytest.approx(traj[f"stock_{name}"][-13, 0], rel=1e-6), name
        assert cal.stocks[i, 0] > 0


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scale=st.lists(st.floats(0.3, 2.0), min_size=5, max_size=5))
def test_any_plan_conserves_people_and_respects_capacity(scale: list[float]) -> None:
    cal, cap, _ = _calibrated()
    target = cap[:, 0] * np.array(scale)
    traj = _run(cal, cap, target, 84)
    total = population(traj)[:, 0]
    flows = traj.new_cases[0] - traj["deaths"][:, 0] - traj["recovered"][:, 0]
    assert np.allclose(np.diff(total), flows[1:], atol=1e-7)
    weights = np.clip(np.arange(1, 85) / 60, 0, 1)
    places = cap[:, 0] + (target - cap[:, 0]) * weights[:, None]
    for k, name in enumerate(SERVICE_NAMES[1:]):
        stock = traj[f"stock_{name}"][:, 0]
        admitted = traj[f"admissions_{name}"][:, 0]
        assert np.all(stock >= -1e-9)
        # Nobody is admitted into a full service (reduction goes by attrition).
        assert np.all(stock[admitted > 1e-9] <= places[admitted > 1e-9, k] + 1e-6)


def test_erlang_c_table_matches_the_exact_formula() -> None:
    rng = np.random.default_rng(3)
    c = np.exp(rng.uniform(0, np.log(1e5), 20_000))
    rho = rng.uniform(0.01, 0.99, 20_000)
    assert np.max(np.abs(erlang_c(c, rho) - erlang_c_exact(c, c * rho))) < 2e-3
    # Known values: C(1, rho) = rho; C(2, 0.8) = 2 x 0.8^2 / (1 + 0.8) = 0.7111.
    assert erlang_c(np.array([1.0]), np.array([0.5]))[0] == pytest.approx(0.5, abs=1e-3)
    assert erlang_c(np.array([2.0]), np.array([0.8]))[0] == pytest.approx(0.7111, abs=1e-3)


@pytest.mark.slow
@pytest.mark.parametrize(("lam", "mu", "c"), [(4.0, 1.0, 5), (18.0, 1.0, 20)])
def test_waiting_agrees_with_a_discrete_event_simulation(lam: float, mu: float, c: int) -> None:
    """Poisson arrivals, exponential stays: the mean wait agrees with ciw within 6 %."""
    waits = []
    for seed in range(4):
        network = ciw.create_network(
            arrival_distributions=[ciw.dists.Exponential(rate=lam)],
            service_distributions=[ciw.dists.Exponential(rate=mu)],
            number_of_servers=[c],
        )
        ciw.seed(seed)
        sim = ciw.Simulation(network)
        sim.simulate_until_max_time(6_000)
        waits += [r.waiting_time for r in sim.get_all_records() if r.arrival_date > 500]
    reference = np.array(waits)
    wait, people, _ = wait_scalar(0.0, 0.0, float(c), lam, mu)
    assert wait == pytest.approx(reference.mean(), rel=0.06)
    assert people == pytest.approx(lam * reference.mean(), rel=0.06)  # Little
    # The tail: P(wait > 1) = C exp(-(c mu - lam)).
    tail = erlang_c(np.array([float(c)]), np.array([lam / (c * mu)]))[0] * np.exp(-(c * mu - lam))
    assert tail == pytest.approx((reference > 1.0).mean(), abs=0.02)


def test_backlog_wait_and_treeknorm() -> None:
    # 300 waiting, 100 admitted a month: 3 months' backlog, under 14 weeks (3.22 months).
    wait, people, beyond = waiting(
        np.array([300.0, 500.0]), np.array([100.0, 100.0]), np.array([1e5, 1e5]),
        np.array([100.0, 100.0]), np.array([0.05, 0.05]),
    )  # fmt: skip
    assert wait[0] == pytest.approx(3.0, abs=1e-6)
    assert beyond[0] == pytest.approx(0.0, abs=1e-9)
    assert wait[1] == pytest.approx(5.0, abs=1e-6)
    assert beyond[1] == 1.0  # everyone who joins waits 5 months > treeknorm
    assert people[1] == pytest.approx(500.0)
    assert pytest.approx(14 * 7 / 30.4375) == TREEKNORM_MONTHS


def test_residual_quantiles_are_the_published_intervals(model: ModelSpec) -> None:
    probs, values = residual_quantile_function(model)
    assert probs[0] == pytest.approx(0.025)
    assert values[0] == -7.8
    assert probs[-1] == pytest.approx(0.975)
    assert values[-1] == 11.1
    assert np.all(np.diff(values) > 0)


def test_quantiles_match_numpy() -> None:
    values = np.random.default_rng(1).normal(size=(3, 4, 501))
    got = quantiles(values)
    expected = np.percentile(values, [5, 25, 50, 75, 95], axis=-1)
    assert np.allclose(got[..., 1:], np.moveaxis(expected, 0, -1))
    assert np.allclose(got[..., 0], values.mean(axis=-1))


@pytest.fixture(scope="module")
def two_plans(model: ModelSpec):  # type: ignore[no-untyped-def]
    params = default_parameters()
    regions = [REGION, Region("RY", "Regio Y", 250_000, 200_000, 3_000, 90.0, effective_areas=50.0)]
    scenarios = [
        build_scenario(load_norm_set(name), regions, params)
        for name in ("baseline-2014", "voorbeeldregio-1", "baseline-2014")
    ]
    scenarios[2] = type(scenarios[2])("kopie", "kopie", "1", scenarios[2].now, scenarios[2].target)
    result = run_simulation(regions, scenarios, params, model, Settings(years=5, draws=200))
    return result


def test_comparison_is_paired(two_plans) -> None:  # type: ignore[no-untyped-def]
    table = compare(two_plans)
    same = table[(table["scenario_a"] == "baseline-2014") & (table["scenario_b"] == "kopie")]
    # The same plan on the same draws: no difference at all, never better.
    assert np.allclose(same[["difference_p05", "difference_p50", "difference_p95"]], 0.0)
    assert (same["probability_a_better"] == 0).all()
    vr1 = table[
        (table["scenario_a"] == "baseline-2014") & (table["scenario_b"] == "voorbeeldregio-1")
    ]
    total = vr1[vr1["region_code"] == TOTAL].set_index("outcome")
    # Fewer beds and IHT as gatekeeper: fewer admissions than the baseline in every draw.
    assert total.loc["admissions_short", "probability_a_better"] == 0.0
    assert total.loc["admissions_short", "difference_p05"] > 0
    # BW shrinking faster than people can leave it: beds blocked under voorbeeldregio 1 only.
    assert total.loc["blocked_bed_days", "b_p50"] > 0 == total.loc["blocked_bed_days", "a_p50"]


def test_same_seed_same_result(two_plans, model: ModelSpec) -> None:  # type: ignore[no-untyped-def]
    again = run_simulation(
        two_plans.regions, two_plans.scenarios[:1], two_plans.parameters, model, two_plans.settings
    )
    first = two_plans.summaries["baseline-2014"].yearly
    assert np.array_equal(
        again.summaries["baseline-2014"].yearly["p50"], first["p50"], equal_nan=True
    )
    assert two_plans.metadata["parameters"].startswith("parameters.toml@")
    assert "stay_bw=36" in two_plans.metadata["assumptions"]


def test_parameter_file_changes_only_what_it_names(tmp_path: Path) -> None:
    path = tmp_path / "mijn.toml"
    path.write_text("[stay_bw]\nvalue = 48\nrange = [36, 60]\n", encoding="utf-8")
    params = load_parameters(path)
    assert params["stay_bw"].value == 48
    assert params["stay_bw"].dist == "uniform"
    assert params["stay_long"] == default_parameters()["stay_long"]
    assert params.version == "1.0+mijn.toml"


def test_bad_parameter_file_names_every_problem(tmp_path: Path) -> None:
    path = tmp_path / "fout.toml"
    path.write_text(
        "[stay_bw]\nvalue = 0.5\n[iht_share]\nvalue = 1.4\n[onbekend]\nvalue = 1\n"
        "[stay_long]\nvalue = 30\nrange = [40, 50]\n[funding]\nbw = { wmo = 0.5 }\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        load_parameters(path)
    found = {(p.key, p.rule) for p in caught.value.problems}
    assert ("stay_bw.value", "stay_below_month") in found
    assert ("iht_share.value", "share_range") in found
    assert ("onbekend", "unknown_key") in found
    assert ("stay_long.range", "value_outside_range") in found
    assert ("funding.bw", "shares_sum") in found
    assert all(p.file == "fout.toml" for p in caught.value.problems)


def test_parameters_that_cannot_balance_are_refused_with_the_region() -> None:
    with pytest.raises(InputError) as caught:
        _calibrated(fact_reach=0.9)
    problem = caught.value.problems[0]
    assert problem.rule == "simulation.cannot_balance"
    assert problem.values["regions"] == "RX"
    assert "RX" in problem.message()


def test_moves_into_ordinary_homes_are_part_of_fact_and_ambulant_admissions() -> None:
    """``to_housing`` (BW and long stay to an ordinary home, the number a neighbourhood takes
    in) is never negative and never more than what FACT and regular ambulant care admit, in a
    steady plan and in one that halves BW and long stay; in the steady plan people do move."""
    cal, cap, _ = _calibrated()
    now = cap
    fewer = cap * np.array([[1.2], [1.0], [1.0], [0.5], [0.5]])
    for target in (now[:, 0], fewer[:, 0]):
        traj = _run(cal, now, target, 36)
        home = traj["to_housing"]
        assert (home >= 0).all()
        assert (home <= traj["admissions_fact"] + traj["admissions_ambulant"] + 1e-9).all()
    assert _run(cal, now, now[:, 0], 36)["to_housing"].sum() > 0
