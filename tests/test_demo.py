"""The synthetic demo data set: deterministic, shipped as generated, realistic in size."""

from __future__ import annotations

import hashlib

from ggzregio.demo import (
    DEMO_AREAS_SHA256,
    DemoShape,
    demo_areas_path,
    demo_csv_text,
    generate_demo_areas,
)
from ggzregio.io.areas import read_areas
from ggzregio.prevalence import ModelSpec, estimate_areas


def test_shipped_file_is_exactly_the_generator_output() -> None:
    shipped = demo_areas_path().read_text(encoding="utf-8")
    assert shipped == demo_csv_text(generate_demo_areas()), (
        "data/demo/demo_areas.csv differs from generate_demo_areas(); regenerate it with "
        "`ggzregio demo-data --out src/ggzregio/data/demo/demo_areas.csv`"
    )


def test_a_changed_demo_comes_with_a_new_demo_version() -> None:
    """Existing demo databases are loaded anew only when DEMO_VERSION changes
    (tests/test_start.py), so the shipped file is pinned to its version."""
    digest = hashlib.sha256(demo_areas_path().read_bytes()).hexdigest()
    assert digest == DEMO_AREAS_SHA256, (
        "data/demo/demo_areas.csv changed: raise DEMO_VERSION in ggzregio/demo.py and set "
        f"DEMO_AREAS_SHA256 = {digest!r}"
    )


def test_generation_is_deterministic_and_seeded() -> None:
    shape = DemoShape(n_regions=5, n_municipalities=20, n_areas=200, inhabitants=800_000)
    a = generate_demo_areas(seed=1, shape=shape)
    assert a.equals(generate_demo_areas(seed=1, shape=shape))
    assert not a.equals(generate_demo_areas(seed=2, shape=shape))


def test_demo_resembles_the_netherlands(model: ModelSpec) -> None:
    areas = read_areas(demo_areas_path(), model)  # the shipped file passes validation
    frame = areas.frame
    assert len(frame) == 4000
    assert frame["municipality_code"].nunique() == 340
    assert frame["region_code"].nunique() == 43
    assert frame["inhabitants"].sum() == 17_000_000
    assert 0.75 < frame["adults"].sum() / frame["inhabitants"].sum() < 0.85
    assert frame["area_code"].str.fullmatch(r"\d{4}").all()
    assert frame["municipality_name"].str.startswith("Voorbeeldgemeente ").all()
    assert frame["region_name"].str.fullmatch(r"Regio \d\d").all()
    # Every urbanity class is well represented.
    counts = estimate_areas(frame, model)["urbanity_class"].value_counts()
    assert set(counts.index) == {1, 2, 3, 4, 5}
    assert counts.min() > 300
    # Expected adults with EPA in care in the order of the national 215,000 (004:1765).
    total = estimate_areas(frame, model)["expected_cases"].sum()
    assert 150_000 < total < 280_000
