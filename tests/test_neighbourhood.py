"""Neighbourhood load (issue 23, point 5): the spread rule on hand-computed cases, ceilings never
exceeded, flags with their reasons, missing indicators kept missing, and small placement counts
protected in the display tables (not derivable from totals either)."""

from __future__ import annotations

import math
import string
import tomllib
from collections.abc import Hashable, Mapping
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ggzregio import i18n
from ggzregio.messages import all_messages
from ggzregio.messages import neighbourhood as catalogue
from ggzregio.neighbourhood import (
    ABOVE_CEILING,
    CORPORATION_RENTAL,
    FAR_ABOVE_MEAN,
    AreaLoad,
    Ceiling,
    LoadRules,
    PlacementCeiling,
    RateCeiling,
    SpreadResult,
    apply_spread,
    areas_from_estimate,
    assess,
    default_rules,
    display_tables,
    spread,
)
from ggzregio.neighbourhood.areas import SpreadRule
from ggzregio.neighbourhood.display import (
    AREA_TABLE,
    HIDDEN_WITH_PLACEMENTS,
    SUPPRESSED_FLAG,
    TOTAL_TABLE,
    UNPLACED_TABLE,
)
from ggzregio.privacy import MARKER
from tests.attacker import narrowest, ranges

DATA = Path(__file__).resolve().parents[1] / "src" / "ggzregio" / "data" / "neighbourhood"


def area(
    code: str,
    adults: int,
    per_1000: float | None = 15.0,
    *,
    planned: int = 0,
    ceiling: Ceiling | None = None,
    indicators: Mapping[str, float | None] | None = None,
) -> AreaLoad:
    expected = None if per_1000 is None else per_1000 * adults / 1000
    return AreaLoad(code, f"Buurt {code}", adults, expected, per_1000, indicators or {},
                    planned, ceiling)  # fmt: skip


def four_areas() -> list[AreaLoad]:
    """A: 2,000 adults, ceiling 10; B: 1,000 adults, ceiling 5, 1 planned (headroom 4);
    C: 3,000 adults, ceiling 2 per 1,000 (= 6); D: no ceiling."""
    return [
        area("A", 2000, ceiling=PlacementCeiling(10)),
        area("B", 1000, planned=1, ceiling=PlacementCeiling(5)),
        area("C", 3000, ceiling=RateCeiling(2.0)),
        area("D", 500),
    ]


# --- the spread -----------------------------------------------------------------------------


def test_spread_by_headroom_by_hand() -> None:
    """7 over headroom 10, 4, 6 (20): shares 3.5, 1.4, 2.1 -> 3, 1, 2 and the one left goes to
    the largest fraction (A, 0.5)."""
    result = spread(7, four_areas(), "headroom")
    assert dict(result.placed) == {"A": 4, "B": 1, "C": 2}
    assert dict(result.headroom) == {"A": 10, "B": 4, "C": 6}
    assert dict(result.excluded) == {"D": "no_ceiling"}
    assert (result.placed_total, result.unplaced) == (7, 0)
    assert result.rule_key == "neighbourhood.rule.headroom"


def test_spread_by_adults_by_hand() -> None:
    """11 by adults 2,000 : 1,000 : 3,000: shares 3.67, 1.83, 5.5 -> 3, 1, 5 and the two left
    go to B (0.83) and A (0.67)."""
    result = spread(11, four_areas(), "adults")
    assert dict(result.placed) == {"A": 4, "B": 2, "C": 5}


def test_spread_by_adults_caps_and_shares_the_rest_again() -> None:
    """15 by adults: C's share 7.5 is above its headroom 6, so C gets 6 and the other 9 are
    shared by A and B as 2,000 : 1,000 -> 6 and 3."""
    result = spread(15, four_areas(), "adults")
    assert dict(result.placed) == {"A": 6, "B": 3, "C": 6}


def test_spread_that_does_not_fit_leaves_the_rest_unplaced() -> None:
    result = spread(25, four_areas(), "headroom")
    assert dict(result.placed) == {"A": 10, "B": 4, "C": 6}
    assert result.unplaced == 5
    after = apply_spread(four_areas(), result)
    assert [a.planned for a in after] == [10, 5, 6, 0]
    assert all(a.headroom in (0, None) for a in after)


def test_spread_by_adults_leaves_out_areas_without_adults() -> None:
    areas = [area("A", 0, ceiling=PlacementCeiling(5)), area("B", 100, ceiling=PlacementCeiling(5))]
    result = spread(8, areas, "adults")
    assert dict(result.excluded) == {"A": "no_adults"}
    assert dict(result.placed) == {"B": 5}
    assert result.unplaced == 3


def test_spread_ties_are_broken_by_area_code_whatever_the_order() -> None:
    """Three equal areas, 2 placements: fractions tie (2/3 each) -> the first two codes."""
    areas = [area(c, 1000, ceiling=PlacementCeiling(5)) for c in ("Z", "M", "A")]
    first = spread(2, areas)
    assert dict(first.placed) == {"A": 1, "M": 1, "Z": 0}
    assert dict(spread(2, list(reversed(areas))).placed) == dict(first.placed)


def test_spread_refuses_bad_input() -> None:
    with pytest.raises(ValueError, match="whole number"):
        spread(-1, four_areas())
    with pytest.raises(ValueError, match="twice"):
        spread(3, [*four_areas(), area("A", 10)])
    with pytest.raises(ValueError, match="spread rule"):
        spread(3, four_areas(), "random")  # type: ignore[arg-type]


ceilings = st.one_of(
    st.none(),
    st.builds(PlacementCeiling, st.integers(0, 40)),
    st.builds(RateCeiling, st.floats(0, 12, allow_nan=False)),
)
area_lists = st.lists(
    st.tuples(st.integers(0, 6000), st.integers(0, 30), ceilings), min_size=0, max_size=12
)


@settings(max_examples=300, deadline=None)
@given(area_lists, st.integers(0, 400), st.sampled_from(["headroom", "adults"]))
def test_spread_never_exceeds_a_ceiling_and_sums(
    specs: list[tuple[int, int, Ceiling | None]], total: int, rule: str
) -> None:
    areas = [
        area(f"BU{i:04d}", adults, planned=planned, ceiling=ceiling)
        for i, (adults, planned, ceiling) in enumerate(specs)
    ]
    result = spread(total, areas, rule)  # type: ignore[arg-type]
    for a in areas:
        got = result.placed.get(a.code, 0)
        assert isinstance(got, int)
        assert got >= 0
        if a.limit is None:
            assert got == 0
            assert result.excluded[a.code] == "no_ceiling"
        else:
            assert got <= (a.headroom or 0)
            assert a.planned + got <= max(a.limit, a.planned)  # never beyond the ceiling
    room = sum(result.headroom.values())
    assert result.placed_total == min(total, room)
    assert result.unplaced == total - min(total, room) >= 0
    shuffled = list(reversed(areas))
    assert dict(spread(total, shuffled, rule).placed) == dict(result.placed)  # type: ignore[arg-type]


# --- the inputs -------------------------------------------------------------------------------


def test_ceilings_in_placements_and_per_1000_adults() -> None:
    assert PlacementCeiling(4).limit(123_456) == 4
    assert RateCeiling(2.0).limit(1500) == 3  # 2.0 × 1.5, exactly
    assert RateCeiling(2.0).limit(1499) == 2  # 2.998: rounded down, never above the rate
    with pytest.raises(TypeError):
        PlacementCeiling(2.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="non-negative"):
        RateCeiling(-1.0)


def test_area_validation() -> None:
    with pytest.raises(ValueError, match="per 1,000"):
        AreaLoad("A", "A", 1000, 20.0, 15.0)  # 15 per 1,000 of 1,000 is 15, not 20
    with pytest.raises(ValueError, match="or none"):
        AreaLoad("A", "A", 1000, 15.0, None)
    with pytest.raises(ValueError, match="negative"):
        area("A", 1000, planned=-1)
    with pytest.raises(ValueError, match="indicator"):
        area("A", 1000, indicators={"x": "veel"})  # type: ignore[dict-item]


def test_missing_indicators_stay_missing_never_zero() -> None:
    a = area("A", 1000, indicators={CORPORATION_RENTAL: float("nan"), "other": None, "z": 0.0})
    assert a.indicators == {CORPORATION_RENTAL: None, "other": None, "z": 0.0}
    b = area("B", 1000, indicators={CORPORATION_RENTAL: 42.5})
    table = display_tables(assess([a, b])).tables[AREA_TABLE].set_index("area_code")
    assert pd.isna(table.at["A", CORPORATION_RENTAL])
    assert table.loc["B", CORPORATION_RENTAL] == 42.5
    assert pd.isna(table.at["B", "other"])  # an indicator the area lacks: missing too
    assert table.loc["A", "z"] == 0.0


def test_areas_from_a_prevalence_estimate() -> None:
    estimate = pd.DataFrame(
        {
            "area_code": ["BU01", "BU02", "BU03"],
            "area_name": ["Noord", "Zuid", None],
            "adults": [1000.4, 2000.0, 500.0],
            "prevalence_per_1000": [15.0, 20.0, np.nan],
            "expected_cases": [15.006, 40.0, np.nan],
            CORPORATION_RENTAL: [30.0, None, "x"],
        }
    )
    areas = areas_from_estimate(
        estimate,
        indicators=[CORPORATION_RENTAL],
        planned={"BU02": 3},
        ceilings={"BU01": RateCeiling(1.0)},
    )
    assert [a.adults for a in areas] == [1000, 2000, 500]
    assert areas[0].indicators[CORPORATION_RENTAL] == 30.0
    assert areas[1].indicators[CORPORATION_RENTAL] is None
    assert areas[2].indicators[CORPORATION_RENTAL] is None  # a CBS marker: missing
    assert areas[2].expected_epa is None
    assert areas[2].load_per_1000 is None
    assert areas[2].name == "BU03"
    assert areas[1].planned == 3
    assert areas[0].limit == 1
    with pytest.raises(ValueError, match="unknown areas"):
        areas_from_estimate(estimate, planned={"BU99": 1})


def test_default_rules_are_marked_as_choices_with_their_reason() -> None:
    rules = default_rules()
    assert (rules.method, rules.ratio, rules.sd_k, rules.min_adults) == ("ratio", 1.5, 2.0, 100)
    assert rules.spread_rule == "headroom"
    data = tomllib.loads((DATA / "rules.toml").read_text(encoding="utf-8"))
    assert data["far_above"]["assumption"] is True
    assert "000:2865-2871" in data["far_above"]["reason"]
    assert "003:458-474" in data["far_above"]["reason"]
    with pytest.raises(ValueError, match="above 1"):
        LoadRules(ratio=1.0)


# --- flags --------------------------------------------------------------------------------------


def three_areas(planned_c: int = 20) -> list[AreaLoad]:
    """Loads 10, 10 and 10 + planned_c per 1,000 (1,000 adults each)."""
    return [
        area("A", 1000, 10.0, ceiling=PlacementCeiling(5)),
        area("B", 1000, 10.0),
        area("C", 1000, 10.0, planned=planned_c, ceiling=PlacementCeiling(12)),
    ]


def test_flags_above_the_ceiling_and_far_above_the_mean_with_reasons() -> None:
    """Mean (10 + 10 + 30) / 3 = 16.67 per 1,000; 1.5 × 16.67 = 25 < 30: C is far above; C has
    20 placements under a ceiling of 12: 8 too many."""
    result = assess(three_areas())
    assert result.region.mean_per_1000 == pytest.approx(50 / 3)
    assert result.region.threshold_per_1000 == pytest.approx(25.0)
    a, b, c = result.areas
    assert a.flags == ()
    assert b.flags == ()
    assert c.flag_codes == (ABOVE_CEILING, FAR_ABOVE_MEAN)
    assert c.excess == 8
    assert c.limit == 12
    assert a.excess == 0
    above, far = c.flags
    assert dict(above.values) == {"placements": 20, "limit": 12, "excess": 8}
    assert far.values["load"] == pytest.approx(30.0)
    assert far.values["ratio"] == 1.5
    assert [n.code for n in b.notes] == ["no_ceiling"]
    assert result.flagged() == (c,)


def test_flag_reason_texts_in_dutch_and_english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(i18n, "MESSAGES", {**i18n.MESSAGES, **catalogue.MESSAGES})
    above, far = assess(three_areas()).areas[2].flags
    assert above.text("nl") == "boven het plafond: 20 plaatsingen, plafond 12 (8 te veel)"
    assert above.text("en") == "above the ceiling: 20 placements, ceiling 12 (8 too many)"
    assert "last 30,0 per 1.000 volwassenen" in far.text("nl")
    assert "gemiddelde van 16,7 (grens 25,0)" in far.text("nl")
    assert "1.5 × the mean of 16.7 (limit 25.0)" in far.text("en")


def test_far_above_by_standard_deviations() -> None:
    """Loads 10, 10, 30: SD = sqrt((2 × 6.67² + 13.33²) / 3) = 9.43; mean + 2 SD = 35.5 (not
    flagged), mean + 1 SD = 26.1 (flagged)."""
    two = assess(three_areas(), LoadRules(method="sd", sd_k=2.0))
    assert two.region.sd_per_1000 == pytest.approx(math.sqrt(800 / 9))
    assert FAR_ABOVE_MEAN not in two.areas[2].flag_codes
    one = assess(three_areas(), LoadRules(method="sd", sd_k=1.0))
    flag = one.areas[2].flags[-1]
    assert flag.key == "neighbourhood.flag.far_above_sd"
    assert flag.values["threshold"] == pytest.approx(50 / 3 + math.sqrt(800 / 9))


def test_rate_ceiling_flag_and_notes_for_areas_not_compared() -> None:
    areas = [
        area("A", 2000, 10.0, planned=5, ceiling=RateCeiling(2.0)),  # 2.5 per 1,000 > 2.0
        area("B", 50, 10.0, planned=3),  # few adults: not compared with the mean
        area("C", 1000, None),  # no estimate
    ]
    result = assess(areas)
    a, b, c = result.areas
    assert a.flags[0].key == "neighbourhood.flag.above_ceiling_rate"
    assert a.flags[0].values["per_1000"] == 2.5
    assert a.excess == 1
    assert "few_adults" in [n.code for n in b.notes]
    assert b.flags == ()
    assert "load_unknown" in [n.code for n in c.notes]
    assert result.region.areas_compared == 2  # C's unknown load is not in the mean
    assert result.region.mean_per_1000 == pytest.approx((20 + 0.5 + 5 + 3) / 2050 * 1000)


# --- small numbers ------------------------------------------------------------------------------


def published_ranges(
    shown: dict[str, pd.DataFrame],
    codes: list[str],
    groups: dict[str, str],
    spread_total: int | None = None,
) -> dict[Hashable, tuple[float, float]]:
    """What a reader makes of the published placement counts and their sums (after a spread:
    each area's count is its entered plus its spread placements, and the reader knows the
    number that was spread = spread placements + unplaced)."""
    areas = shown[AREA_TABLE].set_index("area_code")["placements"]
    cells: dict[Hashable, float | None] = {
        c: None if pd.isna(areas[c]) else float(areas[c]) for c in codes
    }
    relations: list[tuple[dict[Hashable, float], float]] = []
    total = shown[TOTAL_TABLE]["placements"].iloc[0]
    cells["total"] = None if pd.isna(total) else float(total)
    relations.append(({**dict.fromkeys(codes, 1.0), "total": -1.0}, 0.0))
    for label, value in shown["wijk"].set_index("wijk")["placements"].items():
        cells[("wijk", label)] = None if pd.isna(value) else float(value)
        members: dict[Hashable, float] = {c: 1.0 for c in codes if groups[c] == label}
        relations.append(({**members, ("wijk", label): -1.0}, 0.0))
    unknowns: list[Hashable] = []
    if spread_total is not None:
        unplaced = shown[UNPLACED_TABLE]["placements"].iloc[0]
        cells["unplaced"] = None if pd.isna(unplaced) else float(unplaced)
        for c in codes:
            unknowns += [("entered", c), ("spread", c)]
            relations.append(({c: -1.0, ("entered", c): 1.0, ("spread", c): 1.0}, 0.0))
        spread_part: dict[Hashable, float] = {("spread", c): 1.0 for c in codes}
        relations.append(({**spread_part, "unplaced": 1.0}, float(spread_total)))
    found = ranges(cells, relations, unknowns)
    return {k: v for k, v in found.items() if k in cells}


def region(planned: list[int]) -> tuple[list[AreaLoad], dict[str, str]]:
    codes = [f"BU{i:02d}" for i in range(len(planned))]
    areas = [
        area(c, 1000 + 100 * i, 12.0 + i, planned=p, ceiling=PlacementCeiling(30))
        for i, (c, p) in enumerate(zip(codes, planned, strict=True))
    ]
    return areas, {c: f"WK{i % 2}" for i, c in enumerate(codes)}


def test_small_placement_counts_are_hidden_with_everything_that_reveals_them() -> None:
    areas, groups = region([25, 3, 18, 40, 22, 16])
    shown = display_tables(assess(areas), threshold=10, groupings={"wijk": groups})
    table = shown.tables[AREA_TABLE].set_index("area_code")
    assert pd.isna(table.loc["BU01", "placements"])  # 3 < 10
    for column in HIDDEN_WITH_PLACEMENTS:
        assert pd.isna(table.loc["BU01", column]), column
    assert table.loc["BU01", "flags"] == f"{SUPPRESSED_FLAG}:10"
    assert shown.reasons["BU01"][0].key == "flag.suppressed"
    assert bool(shown.masks[AREA_TABLE].loc[1, "placements"])
    # Public figures stay: adults, the expected EPA, the ceiling.
    assert table.loc["BU01", "adults"] == 1100
    assert table.loc["BU01", "limit"] == 30
    assert table.loc["BU01", "expected_epa"] == pytest.approx(14.3)
    # Not derivable: the total minus the shown areas and the wijk sums leaves ≥ 10 open.
    found = published_ranges(shown.tables, list(table.index), groups)
    assert found
    assert narrowest(found) >= 10
    hidden = int(table["placements"].isna().sum())
    assert hidden >= 2 or pd.isna(shown.tables[TOTAL_TABLE]["placements"].iloc[0])
    assert MARKER == "x"  # how a hidden cell reads for people (rendered by the edges)


def test_the_mean_goes_with_the_total_and_the_sd_with_any_hidden_area() -> None:
    areas, groups = region([25, 3, 18, 40, 22, 16])
    total = display_tables(assess(areas), groupings={"wijk": groups}).tables[TOTAL_TABLE]
    if pd.isna(total["placements"].iloc[0]):
        assert pd.isna(total["mean_load_per_1000"].iloc[0])
    else:
        assert total["mean_load_per_1000"].iloc[0] == pytest.approx(
            (sum(a.expected_epa or 0 for a in areas) + 124) / 7500 * 1000
        )
    assert pd.isna(total["sd_load_per_1000"].iloc[0])  # one area is hidden
    big, _ = region([25, 30, 18, 40, 22, 16])
    total = display_tables(assess(big)).tables[TOTAL_TABLE]
    assert total["placements"].iloc[0] == 151
    assert not pd.isna(total["sd_load_per_1000"].iloc[0])  # nothing hidden: all shown


def test_zero_planned_everywhere_shows_no_count() -> None:
    areas, groups = region([0, 0, 0, 0])
    shown = display_tables(assess(areas), groupings={"wijk": groups})
    assert shown.tables[AREA_TABLE]["placements"].isna().all()
    assert shown.tables[TOTAL_TABLE]["placements"].isna().all()


def test_unplaced_placements_are_counts_too() -> None:
    """A spread of 70 over areas with room for 15, 15, 16 and 20 (4 entered in BU3) leaves 4
    unplaced: the unplaced count is hidden, and the number spread minus what is shown cannot
    give it away (nor the small entered count)."""
    areas = [area(f"BU{i}", 1000, 12.0, ceiling=PlacementCeiling(15)) for i in range(2)]
    areas += [area("BU2", 1000, 12.0, ceiling=PlacementCeiling(16))]
    areas += [area("BU3", 1000, 12.0, planned=4, ceiling=PlacementCeiling(24))]
    result = spread(70, areas)
    assert result.unplaced == 4
    placed = apply_spread(areas, result)
    groups = {a.code: "WK" for a in placed}
    shown = display_tables(assess(placed), groupings={"wijk": groups}, spread=result)
    assert pd.isna(shown.tables[UNPLACED_TABLE]["placements"].iloc[0])
    found = published_ranges(shown.tables, [a.code for a in placed], groups, spread_total=70)
    assert narrowest(found) >= 10
    with pytest.raises(ValueError, match="spread"):
        display_tables(assess(areas), spread=result)  # the spread not applied


def test_a_spread_that_fits_shows_its_placements() -> None:
    """Entered 10 in each area (none small), 80 spread: every area and the total shown."""
    areas = [area(f"BU{i}", 1000, 12.0, planned=10, ceiling=PlacementCeiling(40))
             for i in range(4)]  # fmt: skip
    result = spread(80, areas)
    shown = display_tables(assess(apply_spread(areas, result)), spread=result)
    assert shown.tables[AREA_TABLE]["placements"].tolist() == [30, 30, 30, 30]
    assert shown.tables[TOTAL_TABLE]["placements"].iloc[0] == 120
    assert pd.isna(shown.tables[UNPLACED_TABLE]["placements"].iloc[0])  # 0 is below 10 too


def entered_ranges(
    shown: dict[str, pd.DataFrame], codes: list[str], groups: dict[str, str], result: SpreadResult
) -> dict[Hashable, tuple[float, float]]:
    """What a reader makes of the entered counts after a spread when they know every area's
    spread share (recomputed from the public inputs: the review's attack p7/p7b) and the
    number spread: each area's cell is its entered count plus a known share."""
    areas = shown[AREA_TABLE].set_index("area_code")["placements"]
    cells: dict[Hashable, float | None] = {("entered", c): None for c in codes}
    relations: list[tuple[dict[Hashable, float], float]] = []
    for c in codes:
        cells[("spread", c)] = float(result.placed.get(c, 0))  # known to the reader
        cells[c] = None if pd.isna(areas[c]) else float(areas[c])
        relations.append(({c: -1.0, ("entered", c): 1.0, ("spread", c): 1.0}, 0.0))
    total = shown[TOTAL_TABLE]["placements"].iloc[0]
    cells["total"] = None if pd.isna(total) else float(total)
    relations.append(({**dict.fromkeys(codes, 1.0), "total": -1.0}, 0.0))
    for label, value in shown["wijk"].set_index("wijk")["placements"].items():
        cells[("wijk", label)] = None if pd.isna(value) else float(value)
        members: dict[Hashable, float] = {c: 1.0 for c in codes if groups[c] == label}
        relations.append(({**members, ("wijk", label): -1.0}, 0.0))
    unplaced = shown[UNPLACED_TABLE]["placements"].iloc[0]
    cells["unplaced"] = None if pd.isna(unplaced) else float(unplaced)
    spread_part: dict[Hashable, float] = {("spread", c): 1.0 for c in codes}
    relations.append(({**spread_part, "unplaced": 1.0}, float(result.total)))
    found = ranges(cells, relations)
    return {k: v for k, v in found.items() if isinstance(k, tuple) and k[0] == "entered"}


@pytest.mark.parametrize("rule", ["adults", "headroom"])
def test_a_spread_does_not_give_away_small_entered_counts(rule: SpreadRule) -> None:
    """The review's p7/p7b: a reader who recomputes each area's spread share (public inputs
    under ``adults``; under ``headroom`` nearly so) gets entered = cell − share. Every entered
    count below the threshold stays at least the threshold wide, and a large one is shown."""
    planned = [3, 0, 25, 2, 7, 0, 40, 12, 0, 1, 30, 0]
    codes = [f"BU{i:02d}" for i in range(len(planned))]
    areas = [
        area(c, 800 + 150 * i, 12.0, planned=p, ceiling=PlacementCeiling(60 + 10 * (i % 3)))
        for i, (c, p) in enumerate(zip(codes, planned, strict=True))
    ]
    groups = {c: f"WK{i % 3}" for i, c in enumerate(codes)}
    result = spread(300, areas, rule)
    placed = apply_spread(areas, result)
    shown = display_tables(assess(placed), threshold=10, groupings={"wijk": groups},
                           spread=result)  # fmt: skip
    found = entered_ranges(shown.tables, codes, groups, result)
    small = [("entered", c) for c, p in zip(codes, planned, strict=True) if p < 10]
    for key in small:
        low, high = found[key]
        assert high - low >= 10, (key, low, high)
    table = shown.tables[AREA_TABLE].set_index("area_code")["placements"]
    assert table[[c for c, p in zip(codes, planned, strict=True) if p < 10]].isna().all()
    assert table.notna().any()  # the large entered counts are not all hidden with them


def test_far_above_reason_leaves_out_a_hidden_mean() -> None:
    """Loads 12, 13, 70, 40, 35 per 1,000 (mean 34, SD 21.3): C is far above by either rule.
    A and B are small, so the total's parts are hidden but the total and the mean are shown;
    with the SD rule the threshold needs every count, so the reason leaves it out."""
    planned = (("A", 2), ("B", 3), ("C", 60), ("D", 30), ("E", 25))
    areas = [area(c, 1000, 10.0, planned=p) for c, p in planned]
    ratio = display_tables(assess(areas))
    sd = display_tables(assess(areas, LoadRules(method="sd", sd_k=1.0)))
    assert ratio.reasons["C"][0].key == "neighbourhood.flag.far_above_ratio"
    assert sd.reasons["C"][0].key == "neighbourhood.flag.far_above_hidden"
    assert set(sd.reasons["C"][0].values) == {"load"}
    assert pd.isna(sd.tables[TOTAL_TABLE]["threshold_per_1000"].iloc[0])
    assert ratio.tables[TOTAL_TABLE]["mean_load_per_1000"].iloc[0] == pytest.approx(34.0)
    assert ratio.tables[TOTAL_TABLE]["threshold_per_1000"].iloc[0] == pytest.approx(51.0)


def test_a_later_output_without_a_small_area_does_not_give_it_away() -> None:
    """The first output hides BU01 (3) and BU05 (16) and shows the wijk sums and the total;
    a later one without BU01 must not show BU05 and the total both (BU01 = old - new)."""
    areas, groups = region([25, 3, 18, 40, 22, 16])
    first = display_tables(assess(areas), groupings={"wijk": groups})
    shown = first.tables[AREA_TABLE].set_index("area_code")["placements"]
    assert pd.isna(shown["BU01"])
    rest = [a for a in areas if a.code != "BU01"]
    later = display_tables(assess(rest), history=first.facts, unpublished={"BU01": 3})
    again = later.tables[AREA_TABLE].set_index("area_code")["placements"]
    old_total = first.tables[TOTAL_TABLE]["placements"].iloc[0]
    new_total = later.tables[TOTAL_TABLE]["placements"].iloc[0]
    if not (pd.isna(old_total) or pd.isna(new_total)):
        assert old_total - new_total != 3 or again.isna().sum() >= 1
    # Everything both outputs publish, for one attacker: BU01 stays at least 10 wide.
    cells: dict[Hashable, float | None] = {}
    relations: list[tuple[dict[Hashable, float], float]] = []
    for fact in [*first.facts, *later.facts]:
        relations.append((dict(fact.members), fact.value))
        cells.update(dict.fromkeys((k for k, _ in fact.members), None))
    found = ranges(cells | {"BU01": None}, relations)
    low, high = found["BU01"]
    assert high - low >= 10


# --- messages -------------------------------------------------------------------------------------


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_messages_in_both_languages_and_every_key_used_exists() -> None:
    for key, entry in catalogue.MESSAGES.items():
        assert set(entry) == {"nl", "en"}
        assert entry["nl"].strip()
        assert entry["en"].strip()
        assert _fields(entry["nl"]) == _fields(entry["en"]), key
    # One namespace, so no key of another catalogue can clash (all_messages refuses doubles);
    # problems are rule.<rule> (Problem.message), in the same namespace.
    assert all(
        key.startswith(("neighbourhood.", "rule.neighbourhood.")) for key in catalogue.MESSAGES
    )
    assert {k for k in all_messages() if k.startswith("neighbourhood.")} <= set(catalogue.MESSAGES)
    used = {"neighbourhood.rule.headroom", "neighbourhood.rule.adults"}
    result = assess([*three_areas(), area("D", 1000, 10.0, planned=9, ceiling=RateCeiling(1.0))])
    for row in result.areas:
        used.update(f.key for f in (*row.flags, *row.notes))
    used.add(assess(three_areas(), LoadRules(method="sd", sd_k=1.0)).areas[2].flags[-1].key)
    assert used <= set(catalogue.MESSAGES)
    for reason in ("no_ceiling", "no_adults"):
        assert f"neighbourhood.excluded.{reason}" in catalogue.MESSAGES
