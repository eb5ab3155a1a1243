"""Property tests of the input validators of the web layer: typed numbers, API bodies and
uploaded GeoJSON are either accepted as exactly what was meant or refused with an input error,
never anything else."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from ggzregio.errors import InputError
from ggzregio.geo import parse_geojson
from ggzregio.i18n import Language, reset_request_language, set_request_language
from ggzregio.numbers import format_user_number
from ggzregio.web.planning_form import parse_number
from ggzregio.web.schemas import EntryIn, MonitorValueIn


@given(
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12),
    st.sampled_from(["nl", "en"]),
)
def test_typed_numbers_round_trip_in_the_request_language(value: float, language: str) -> None:
    """What a form pre-fills (Dutch ``1.234,5``, English ``1,234.5``) is read back exactly."""
    chosen: Language = "en" if language == "en" else "nl"
    token = set_request_language(chosen)
    try:
        assert parse_number(format_user_number(value), "f") == value
    finally:
        reset_request_language(token)


@given(st.text(max_size=20))
def test_typed_text_is_a_finite_number_or_refused(text: str) -> None:
    try:
        value = parse_number(text, "veld")
    except InputError as exc:
        assert exc.problems[0].key == "veld"
    else:
        assert math.isfinite(value)


@given(
    st.one_of(
        st.none(),
        st.floats(allow_nan=True, allow_infinity=True),
        st.integers(min_value=-(10**13), max_value=10**13),
    )
)
def test_entry_amounts_are_finite_and_not_negative(value: float | None) -> None:
    try:
        entry = EntryIn(key="fact", fte=value)
    except ValidationError:
        assert value is not None
        assert not math.isfinite(value) or value < 0 or value > 1e12
    else:
        assert entry.fte is None or (math.isfinite(entry.fte) and 0 <= entry.fte <= 1e12)


@given(st.integers(), st.floats())
def test_monitor_values_need_a_plausible_year_and_finite_value(year: int, value: float) -> None:
    try:
        item = MonitorValueIn(indicator="fact_teams", year=year, value=value)
    except ValidationError:
        assert not (1990 <= year <= 2100) or not math.isfinite(value) or abs(value) > 1e12
    else:
        assert 1990 <= item.year <= 2100
        assert math.isfinite(item.value)


@pytest.mark.parametrize("typed", ["250.000", "12,5", "12", "true"])
def test_numbers_sent_as_text_are_refused_not_misread(typed: str) -> None:
    """Lax parsing read ``"250.000"`` as 250; a JSON number must be a JSON number."""
    with pytest.raises(ValidationError):
        MonitorValueIn.model_validate({"indicator": "fact_teams", "year": 2024, "value": typed})
    with pytest.raises(ValidationError):
        EntryIn.model_validate({"key": "fact", "fte": typed})


def test_unknown_fields_are_refused() -> None:
    with pytest.raises(ValidationError):
        EntryIn(key="fact", fte=1, sneaky=True)  # type: ignore[call-arg]


@given(
    st.recursive(
        st.none() | st.booleans() | st.floats() | st.text(max_size=5),
        lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=8), c, max_size=3),
        max_leaves=12,
    )
)
def test_any_json_is_a_collection_or_an_input_error(doc: object) -> None:
    try:
        collection = parse_geojson(json.dumps(doc), "grenzen.geojson")
    except InputError as exc:
        assert all(p.file == "grenzen.geojson" for p in exc.problems)
    else:
        assert collection["type"] == "FeatureCollection"
        assert collection["features"]


def test_geojson_problems_name_the_feature_and_rule() -> None:
    square = [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]
    doc = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"code": "A"},
                "geometry": {"type": "Polygon", "coordinates": square},
            },
            {
                "type": "Feature",
                "properties": {"code": "A"},
                "geometry": {"type": "Polygon", "coordinates": square},
            },
            {
                "type": "Feature",
                "properties": {},
                "geometry": {"type": "Polygon", "coordinates": square},
            },
            {
                "type": "Feature",
                "properties": {"code": "B"},
                "geometry": {"type": "Point", "coordinates": [0, 0]},
            },
        ],
    }
    with pytest.raises(InputError) as caught:
        parse_geojson(json.dumps(doc), "grenzen.geojson")
    rules = {p.rule: p.rows for p in caught.value.problems}
    assert rules == {"geo.duplicate_code": (2,), "geo.no_code": (3,), "geo.bad_geometry": (4,)}
