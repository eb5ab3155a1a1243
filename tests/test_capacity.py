"""Capacity and budget for a region: the seed's example regions worked out by hand."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ggzregio.formatting import format_compact
from ggzregio.planning import RegionInput, Rounding, compute_plan, load_norm_set
from ggzregio.planning.capacity import CapacityLine, Plan, whole
from ggzregio.planning.norms import Range

SETS = ["baseline-2014", "continuation", "voorbeeldregio-1", "voorbeeldregio-2"]


def plan_for(set_id: str, inhabitants: float = 350_000, factor: float = 1.0) -> Plan:
    return compute_plan(load_norm_set(set_id), RegionInput(inhabitants, prevalence_factor=factor))


def line(plan: Plan, key: str) -> CapacityLine:
    found = plan.line(key)
    assert found is not None, key
    return found


def test_voorbeeldregio_1_for_350000_inhabitants() -> None:
    """4 teams × 3.5 = 14 FACT teams of 15 fte = 210 fte; 1 IHT per 100,000 = 3.5 teams;
    1 VIP per 150,000 = 2.33 teams; 60-70 × 3.5 = 210-245 clinical and BW places."""
    plan = plan_for("voorbeeldregio-1")
    fact = line(plan, "fact")
    assert fact.units == Range(14, 14)
    assert fact.fte == Range(210, 210)
    assert fact.whole_units == 14
    assert fact.caseload == Range(2800, 2800)
    iht = line(plan, "iht")
    assert iht.units == Range(3.5, 3.5)
    assert iht.fte == Range(42, 42)
    vip = line(plan, "vip")
    assert vip.units is not None
    assert round(vip.units.mid, 2) == 2.33
    assert line(plan, "clinical").units == Range(210, 245)
    assert line(plan, "clinical_short_stay").units == Range(105, 140)
    assert line(plan, "bw").units == Range(210, 245)
    assert line(plan, "peer_support").fte == Range(52.5, 52.5)
    assert plan.neighbourhoods == 17.5


def test_voorbeeldregio_2_for_350000_inhabitants() -> None:
    plan = plan_for("voorbeeldregio-2")
    centres = line(plan, "neighbourhood_centre")
    assert centres.units == Range(17.5, 17.5)
    assert centres.fte == Range(700, 700)
    assert plan.neighbourhoods == 17.5
    assert line(plan, "clinical").units == Range(140, 140)
    assert line(plan, "bw").units == Range(105, 122.5)
    # Half of spending goes to the neighbourhood provision: 19 of 38 million.
    assert plan.spending_eur()["ambulant_epa"] == pytest.approx(19e6 * 3.5)
    # 40 fte per 20,000 is half of the 400 fte per 100,000 total GGZ capacity, priced at
    # 38 M / 400 fte, i.e. € 95,000 per fte: the implied cost per fte agrees.
    assert plan.cost_per_fte is not None
    assert plan.cost_per_fte.mid == pytest.approx(95_000)


def test_derivation_is_stated() -> None:
    plan = plan_for("voorbeeldregio-1")
    fact = line(plan, "fact")
    assert "4 teams per 100.000 × 350.000 / 100.000 = 14 teams" in fact.derivation
    assert "14 × 15 fte = 210 fte" in fact.derivation
    assert "naar boven afgerond" in fact.derivation
    assert "1 per 150.000 inwoners" in line(plan, "vip").derivation


def test_fact_reach_of_the_baseline_is_about_a_quarter() -> None:
    """2 teams × 200-250 clients against 1,500-1,800 people with EPA per 100,000: 22-33 %,
    around the seed's ~25 % of people with EPA reached by FACT/ACT (004:1091)."""
    plan = plan_for("baseline-2014", 100_000)
    assert plan.reach is not None
    assert plan.reach.low == pytest.approx(400 / 1800)
    assert plan.reach.high == pytest.approx(500 / 1500)


def test_prevalence_factor_scales_epa_services_not_the_budget() -> None:
    plain, higher = plan_for("voorbeeldregio-1"), plan_for("voorbeeldregio-1", factor=1.2)
    assert line(higher, "fact").units.mid == pytest.approx(14 * 1.2)
    assert higher.epa_population.mid == pytest.approx(plain.epa_population.mid * 1.2)
    assert higher.total_eur == pytest.approx(plain.total_eur)
    assert higher.neighbourhoods == plain.neighbourhoods
    assert "prevalentiefactor" in line(higher, "fact").derivation
    # The neighbourhood centre is sized by inhabitants, not by prevalence (004:1417-1418).
    centres = line(plan_for("voorbeeldregio-2", factor=1.2), "neighbourhood_centre")
    assert centres.units == Range(17.5, 17.5)


@pytest.mark.parametrize(("rule", "expected"), [("up", 4), ("nearest", 4), ("down", 3)])
def test_rounding_rule_for_whole_teams(rule: Rounding, expected: int) -> None:
    plan = compute_plan(load_norm_set("voorbeeldregio-1"), RegionInput(350_000), rule)
    assert line(plan, "iht").whole_units == expected


def test_whole_ignores_float_noise() -> None:
    assert whole(14.000000000001, "up") == 14
    assert whole(2.5, "nearest") == 3


def test_bad_region_input_is_refused() -> None:
    with pytest.raises(ValueError, match="inhabitants"):
        RegionInput(0)
    with pytest.raises(ValueError, match="prevalence"):
        RegionInput(100_000, prevalence_factor=float("nan"))


def test_compact_numbers_in_dutch_and_english() -> None:
    assert format_compact(3.5, 2, "nl") == "3,5"
    assert format_compact(7 / 3, 2, "nl") == "2,33"
    assert format_compact(14.0, 2, "nl") == "14"
    assert format_compact(1234.5, 1, "en") == "1,234.5"


@settings(max_examples=40, deadline=None)
@given(
    set_id=st.sampled_from(SETS),
    inhabitants=st.floats(1_000, 2_000_000),
    k=st.floats(0.1, 10),
    factor=st.floats(0.5, 2),
)
def test_results_scale_linearly_with_inhabitants(
    set_id: str, inhabitants: float, k: float, factor: float
) -> None:
    a = plan_for(set_id, inhabitants, factor)
    b = plan_for(set_id, inhabitants * k, factor)
    for line_a, line_b in zip(a.capacity, b.capacity, strict=True):
        for attr in ("units", "fte", "caseload", "eur"):
            value_a, value_b = getattr(line_a, attr), getattr(line_b, attr)
            assert (value_a is None) == (value_b is None)
            if value_a is not None:
                assert value_b.low == pytest.approx(value_a.low * k, rel=1e-9)
                assert value_b.high == pytest.approx(value_a.high * k, rel=1e-9)
    assert b.total_eur == pytest.approx(a.total_eur * k, rel=1e-9)
    assert b.neighbourhoods == pytest.approx(a.neighbourhoods * k, rel=1e-9)
    # Shares and reach do not depend on size.
    if a.reach is not None and b.reach is not None:
        assert b.reach.mid == pytest.approx(a.reach.mid, rel=1e-9)


@settings(max_examples=40, deadline=None)
@given(set_id=st.sampled_from(SETS), inhabitants=st.floats(1_000, 2_000_000))
def test_spending_shares_add_up_to_100_percent(set_id: str, inhabitants: float) -> None:
    plan = plan_for(set_id, inhabitants)
    assert sum(s.share for s in plan.spending) == pytest.approx(1.0)
    assert sum(s.eur for s in plan.spending) == pytest.approx(plan.total_eur)
    assert plan.total_eur == pytest.approx(38e6 * inhabitants / 100_000)
