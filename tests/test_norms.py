"""Norm sets as cited data and user scenarios: what a regiegroep reads and edits."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ggzregio.categories import CATEGORIES, data_text
from ggzregio.errors import InputError
from ggzregio.planning import copy_norm_set, load_norm_set, parse_norm_set, shipped_norm_sets
from ggzregio.planning.norms import planning_reference
from ggzregio.planning.scenario_file import (
    ChangeValue,
    apply_changes,
    norm_set_data,
    norm_set_from_data,
    norm_set_toml,
)
from ggzregio.ranges import Range
from tests.seeds import SEEDS

SHIPPED = ["baseline-2014", "continuation", "voorbeeldregio-1", "voorbeeldregio-2"]


def test_four_norm_sets_are_shipped_in_order() -> None:
    assert shipped_norm_sets() == SHIPPED


@pytest.mark.parametrize("set_id", SHIPPED)
def test_every_figure_carries_a_seed_citation(set_id: str) -> None:
    ns = load_norm_set(set_id)
    cite = re.compile(r"^00\d:\d+")
    assert cite.match(ns.budget_cite)
    for item in ns.capacity.values():
        assert cite.match(item.cite), item.key
    for spending in ns.spending.values():
        assert cite.match(spending.cite), spending.category
        for alternative in spending.alternatives:
            assert cite.match(alternative.cite)


def test_cited_lines_exist_in_the_seed() -> None:
    """Spot-check that the cited lines say what the data says (when the seeds are present)."""
    seed = next(SEEDS.glob("004_*.txt"), None)
    if seed is None:
        pytest.skip("seed texts not available")
    lines = seed.read_text(encoding="utf-8").splitlines()
    assert "4 teams per 100.000" in lines[1277 - 1]
    assert "IHT-team van 12 fte" in lines[1286 - 1]
    assert "60 á 70 klinische plaatsen" in lines[1297 - 1]
    assert "Klinisch 12 38 %" in lines[1343 - 1]
    assert "Klinisch 15 38 % 8 20 %" in lines[1454 - 1]
    assert "40 fte op een wijkomvang van 20.000" in lines[1388 - 1]


def test_voorbeeldregio_1_values() -> None:
    ns = load_norm_set("voorbeeldregio-1")
    fact = ns.capacity["fact"]
    assert (fact.per_100k, fact.fte_per_unit) == (Range(4, 4), 15)
    assert ns.capacity["clinical"].per_100k == Range(60, 70)
    assert ns.capacity["clinical_short_stay"].per_100k == Range(30, 40)
    assert ns.capacity["bw"].per_100k == Range(60, 70)
    vip = ns.capacity["vip"]
    assert vip.catchment == 150_000
    assert vip.per_100k is not None
    assert vip.per_100k.low == pytest.approx(2 / 3)
    assert ns.capacity["peer_support"].per_100k == Range(15, 15)


def test_seed_disagreements_are_kept_with_the_reading_used() -> None:
    baseline = load_norm_set("baseline-2014")
    clinical = baseline.spending["clinical"]
    assert clinical.amount_meur == 15
    assert [(a.amount_meur, a.cite) for a in clinical.alternatives] == [(12, "004:1343")]
    assert baseline.basis == "amounts"
    # Printed share 18 % for BW is kept next to the amount 6 of 38 that is used.
    assert baseline.spending["bw"].share == 0.18
    assert baseline.shares()["bw"] == pytest.approx(6 / 38)


@pytest.mark.parametrize("set_id", SHIPPED)
def test_shares_add_up_to_100_percent(set_id: str) -> None:
    ns = load_norm_set(set_id)
    assert set(ns.spending) == set(CATEGORIES)
    assert sum(ns.shares().values()) == pytest.approx(1.0)


def test_budget_is_38_million_per_100k() -> None:
    assert planning_reference().budget_per_100k_eur == 38_000_000
    for set_id in ("baseline-2014", "voorbeeldregio-1", "voorbeeldregio-2"):
        assert load_norm_set(set_id).total_per_100k() == pytest.approx(38_000_000)


def test_continuation_assumptions_are_flagged() -> None:
    # One basis with the baseline (Tabel 1's amounts): 5 of 38 plus the seed's 3 points
    # (004:1178-1180); everything but the ambulant EPA shift is an assumption (issue 20).
    ns = load_norm_set("continuation")
    assert ns.basis == "amounts"
    assert ns.shares()["ambulant_epa"] == pytest.approx(5 / 38 + 0.03)
    assert ns.spending["ambulant_epa"].amount_meur == pytest.approx(5 + 0.03 * 38)
    assert all(ns.spending[c].assumption for c in ("clinical", "bw", "ambulant_other"))
    assert not ns.spending["ambulant_epa"].assumption
    assert all(item.assumption for item in ns.capacity.values())


def test_an_increment_needs_its_baseline() -> None:
    text = _shipped_text("voorbeeldregio-1").replace("baseline_per_100k = 18\n", "")
    assert _rules(text) == {"missing_key"}


def test_unit_costs_derived_from_the_baseline() -> None:
    costs = planning_reference().unit_costs
    assert costs.fte_eur == pytest.approx(95_000)  # 38 M / 400 fte
    assert costs.clinical_place_eur == pytest.approx(150_000)  # 15 M / 100 places
    assert costs.bw_place_eur == pytest.approx(60_000)  # 6 M / 100 places


def _shipped_text(set_id: str) -> str:
    return data_text("norms", f"{set_id}.toml")


def _rules(text: str) -> set[str]:
    with pytest.raises(InputError) as caught:
        parse_norm_set(text, "mijn.toml")
    return caught.value.rules()


def test_invalid_scenario_lists_every_problem_with_key() -> None:
    text = _shipped_text("voorbeeldregio-1")
    text = text.replace("per_100k = [60, 70]", "per_100k = [70, 60]", 1)
    text = text.replace("fte_per_unit = 15", "fte_per_unit = -15")
    text = text.replace('unit = "places"', 'unit = "bedden"', 1)
    text += '\n[capacity.fact2]\nunit = "teams"\nper_100k = 1\nfte_per_unit = 10\ncolour = "x"\n'
    with pytest.raises(InputError) as caught:
        parse_norm_set(text, "mijn.toml")
    message = str(caught.value)
    assert "sleutel 'capacity.fact.fte_per_unit'" in message
    assert "sleutel 'capacity.fact2.colour'" in message
    assert {"negative_value", "bad_choice", "unknown_key"} <= caught.value.rules()
    assert "bestand mijn.toml" in message


def test_range_low_above_high_is_refused() -> None:
    text = _shipped_text("voorbeeldregio-2").replace("[30, 35]", "[35, 30]")
    assert _rules(text) == {"bad_range"}


def test_shares_must_add_up_when_they_are_the_basis() -> None:
    text = _shipped_text("voorbeeldregio-1").replace('basis = "amounts"', 'basis = "shares"')
    assert _rules(text.replace("share = 0.125", "share = 0.25")) == {"shares_sum"}


def test_toml_syntax_error_is_clear() -> None:
    assert _rules("id = \n") == {"toml_syntax"}


def test_part_may_not_exceed_whole() -> None:
    text = _shipped_text("voorbeeldregio-1").replace("per_100k = [30, 40]", "per_100k = [30, 80]")
    assert _rules(text) == {"part_exceeds_total"}


def test_unknown_norm_set_names_the_shipped_ones() -> None:
    with pytest.raises(InputError) as caught:
        load_norm_set("voorbeeldregio-9")
    assert "voorbeeldregio-1" in str(caught.value)


def test_copy_makes_a_valid_scenario_with_changes(tmp_path: Path) -> None:
    target = tmp_path / "mijn-regio.toml"
    changes = {"capacity.fact.per_100k": "5", "capacity.bw.per_100k": "[50, 55]"}
    scenario = copy_norm_set("voorbeeldregio-1", target, "mijn-regio", changes)
    assert scenario.kind == "scenario"
    assert scenario.based_on == "voorbeeldregio-1@1.1"
    loaded = load_norm_set(target)
    assert loaded.capacity["fact"].per_100k == Range(5, 5)
    assert loaded.capacity["bw"].per_100k == Range(50, 55)
    # Everything not changed is the same as the source, including citations and readings.
    source = load_norm_set("voorbeeldregio-1")
    assert loaded.capacity["iht"] == source.capacity["iht"]
    assert loaded.spending == source.spending
    doc = tomllib.loads(target.read_text(encoding="utf-8"))
    assert doc["id"] == "mijn-regio"


def test_invalid_copy_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "fout.toml"
    with pytest.raises(InputError):
        copy_norm_set("voorbeeldregio-1", target, "fout", {"capacity.fact.per_100k": "-1"})
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


@given(
    st.floats(min_value=0.01, max_value=1000, allow_nan=False),
    st.floats(min_value=0.01, max_value=1000, allow_nan=False),
)
def test_scenario_data_round_trips_through_toml(low: float, width: float) -> None:
    """A scenario is data: typed changes apply as they are, the document exports to TOML and
    reads back as the same document and the same norm set (issue 18, point 5)."""
    base = norm_set_data("voorbeeldregio-1")
    changes: dict[str, ChangeValue] = {
        "capacity.fact.per_100k": [low, low + width],
        "budget.per_100k_eur": low * 1000,
    }
    data = apply_changes(base, changes, "test", new_id="mijn-regio")
    assert base["id"] == "voorbeeldregio-1"  # the original is not changed
    norms = norm_set_from_data(data, "test")
    assert norms.capacity["fact"].per_100k.low == low
    assert norms.based_on == "voorbeeldregio-1"
    text = norm_set_toml(data)
    assert tomllib.loads(text) == data
    again = parse_norm_set(text, "export.toml")
    assert again.capacity == norms.capacity
    assert again.budget_per_100k_eur == norms.budget_per_100k_eur


def test_typed_changes_are_not_parsed_from_text() -> None:
    """A text where a number belongs is refused by the schema, never read as TOML."""
    base = norm_set_data("voorbeeldregio-1")
    data = apply_changes(base, {"capacity.fact.per_100k": "[5, 6]"}, "api")
    with pytest.raises(InputError) as caught:
        norm_set_from_data(data, "api")
    assert "capacity.fact.per_100k" in caught.value.report()
    with pytest.raises(InputError) as refused:
        apply_changes(base, {"schema": 2, "id.x": 1}, "api")
    assert refused.value.rules() == {"unknown_key"}
