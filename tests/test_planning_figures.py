"""Figures of the gap analysis, as the web application and reports will show them."""

from __future__ import annotations

import pytest

from ggzregio.i18n import set_language
from ggzregio.inventory.demo import demo_inventory
from ggzregio.planning import GapAnalysis, RegionInput, analyse_gap, compute_plan, load_norm_set
from ggzregio.planning.figures import capacity_figure, category_figure, shares_figure


@pytest.fixture
def gap() -> GapAnalysis:
    plan = compute_plan(load_norm_set("voorbeeldregio-2"), RegionInput(350_000, region_code="R01"))
    return analyse_gap(plan, demo_inventory("R01", 350_000))


def test_shares_stack_to_100_percent_now_and_in_the_scenario(gap: GapAnalysis) -> None:
    fig = shares_figure(gap)
    assert fig.layout.barmode == "stack"
    assert [t.name for t in fig.data] == [
        "Klinisch",
        "Beschermd wonen",
        "Ambulant EPA",
        "Ambulant overig",
    ]
    for column in (0, 1):
        assert sum(t.y[column] for t in fig.data) == pytest.approx(100)
    ambulant_epa = fig.data[2]
    assert ambulant_epa.y[1] == pytest.approx(50)  # voorbeeldregio 2: 19 of 38 million


def test_category_figure_shows_now_scenario_and_neutral(gap: GapAnalysis) -> None:
    fig = category_figure(gap)
    assert [t.name for t in fig.data] == [
        "Nu",
        "Scenario (referentiebudget)",
        "Scenario budgetneutraal",
    ]
    now = fig.data[0]
    assert sum(now.y) == pytest.approx(gap.budget.current_eur / 1e6)
    assert fig.layout.separators == ",."


def test_capacity_figure_has_target_ranges(gap: GapAnalysis) -> None:
    fig = capacity_figure(gap)
    target = fig.data[1]
    labels = list(target.x)
    bw = labels.index("BW-plaatsen (plaatsen)")
    assert target.y[bw] == pytest.approx(113.75)  # 30-35 × 3.5 → mid 113.75
    assert target.error_y.arrayminus[bw] == pytest.approx(113.75 - 105)


def test_figures_follow_the_language(gap: GapAnalysis) -> None:
    set_language("en")
    assert shares_figure(gap).data[0].name == "Clinical"
