"""The shipped data files are true to the seeds (issue 20, point 11).

Convention of every data file under ``src/ggzregio/data`` (TOML and YAML):

- a table's ``cite`` or ``source`` (or ``<key>_cite`` for one key) gives the ``seed:line`` a
  number comes from;
- a number the seeds do not give is an *assumption*: its whole table says ``assumption = true``
  (a norm-set entry, a claims rule, a simulation parameter), or the key is named in the table's
  ``assumptions = [...]`` list, with a comment or ``note`` saying how it was chosen;
- a table holding only numbers (``{ "2013" = -0.056 }``) takes the marks of the table around it.

What can be checked mechanically is checked here: every ``seed:line`` reference in a data file
(comments included) points at lines that exist and are not blank; every number is covered by a
citation or an assumption mark; and the figures corrected in issue 20 say what the cited lines
say. Whether a cited table's number is really in the cited text is checked by the spot checks at
the end, not in general.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from ggzregio.planning import compute_plan, load_norm_set
from ggzregio.planning.capacity import RegionInput
from ggzregio.reference import national_reference
from tests.seeds import SEEDS

DATA = Path(__file__).resolve().parents[1] / "src" / "ggzregio" / "data"

DATA_FILES = sorted(
    p for p in DATA.rglob("*") if p.suffix in {".toml", ".yaml", ".yml"} and p.is_file()
)
#: ``004:1140-1142`` or ``004:1763``; the seeds are numbered 000-004.
REFERENCE = re.compile(r"(?<![\d.])(00\d):(\d{1,5})(?:\s*[-–]\s*(\d{1,5}))?(?!\d)")
CITE_KEYS = {"cite", "source"}
#: Keys that hold identifiers or layout, not reference figures.
STRUCTURAL = {"version", "schema"}
#: Files edited by another helper in the same issue: numbers they carry without a mark, as
#: (file, dotted key). The lead removes an entry once the file is marked (see the report).
KNOWN_UNMARKED: set[tuple[str, str]] = set()


def _seed_lines() -> dict[str, list[str]]:
    if not SEEDS.is_dir():
        pytest.skip(f"seed texts not available at {SEEDS} (an installed package without shared/)")
    out: dict[str, list[str]] = {}
    for path in SEEDS.glob("00*_*.txt"):
        out[path.name[:3]] = path.read_text(encoding="utf-8").splitlines()
    return out


@cache
def _load(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text) if path.suffix in {".yaml", ".yml"} else tomllib.loads(text)


def _references(text: str) -> Iterator[tuple[str, int, int]]:
    for match in REFERENCE.finditer(text):
        first = int(match.group(2))
        last = int(match.group(3)) if match.group(3) else first
        yield match.group(1), first, last


def _cited_text(cite: str) -> str:
    seeds = _seed_lines()
    return "\n".join(
        "\n".join(seeds[seed][first - 1 : last]) for seed, first, last in _references(cite)
    )


def _is_number(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return True
    return isinstance(value, list) and bool(value) and all(_is_number(v) for v in value)


def _has_seed_cite(table: Mapping[str, Any], key: str | None = None) -> bool:
    names = CITE_KEYS if key is None else {f"{key}_cite"}
    return any(isinstance(table.get(name), str) and any(_references(table[name])) for name in names)


def _unmarked(node: Any, path: str, inherited: bool) -> Iterator[str]:
    """Dotted keys of numbers with neither a citation nor an assumption mark."""
    if isinstance(node, list):
        for i, item in enumerate(node):
            if isinstance(item, dict):
                yield from _unmarked(item, f"{path}[{i}]", False)
        return
    if not isinstance(node, dict):
        return
    covered = inherited or _has_seed_cite(node) or node.get("assumption") is True
    assumed = set(node.get("assumptions", []))
    for key, value in node.items():
        dotted = f"{path}.{key}" if path else str(key)
        if isinstance(value, dict):
            only_numbers = all(_is_number(v) for v in value.values())
            marked = key in assumed or (covered and only_numbers)
            yield from _unmarked(value, dotted, marked)
        elif isinstance(value, list) and not _is_number(value):
            yield from _unmarked(value, dotted, False)
        elif (
            _is_number(value)
            and key not in STRUCTURAL
            and not (covered or key in assumed or _has_seed_cite(node, str(key)))
        ):
            yield dotted


def _name(path: Path) -> str:
    return path.relative_to(DATA).as_posix()


def test_the_data_files_are_found() -> None:
    names = {_name(p) for p in DATA_FILES}
    assert {"monitor/demo.toml", "norms/continuation.toml", "claims/rules-default.yaml"} <= names
    assert {"monitor/targets.toml", "monitor/indicators.toml"} <= names


@pytest.mark.parametrize("path", DATA_FILES, ids=_name)
def test_every_citation_points_at_existing_seed_lines(path: Path) -> None:
    seeds = _seed_lines()
    text = path.read_text(encoding="utf-8")
    wrong = []
    for seed, first, last in _references(text):
        lines = seeds.get(seed)
        if lines is None or not 1 <= first <= last <= len(lines):
            wrong.append(f"{seed}:{first}-{last} (seed has {len(lines or [])} lines)")
        elif not any(line.strip() for line in lines[first - 1 : last]):
            wrong.append(f"{seed}:{first}-{last} (blank lines)")
    assert not wrong, f"{_name(path)}: {wrong}"


@pytest.mark.parametrize("path", DATA_FILES, ids=_name)
def test_every_number_is_cited_or_marked_as_an_assumption(path: Path) -> None:
    name = _name(path)
    unmarked = [k for k in _unmarked(_load(path), "", False) if (name, k) not in KNOWN_UNMARKED]
    assert not unmarked, f"{name}: numbers without a citation or assumption mark: {unmarked}"


def test_assumption_lists_name_keys_that_exist() -> None:
    """An ``assumptions`` entry that names no key of its table marks nothing (a typo)."""

    def walk(node: Any, path: str) -> Iterator[str]:
        if isinstance(node, list):
            for i, item in enumerate(node):
                yield from walk(item, f"{path}[{i}]")
        elif isinstance(node, dict):
            for key in node.get("assumptions", []):
                if key not in node:
                    yield f"{path}.assumptions: {key}"
            for key, value in node.items():
                yield from walk(value, f"{path}.{key}")

    wrong = [w for p in DATA_FILES for w in walk(_load(p), _name(p))]
    assert not wrong


# --- the corrections of issue 20, point 11, against the cited text -------------------------


def test_claims_delineation_cites_the_lines_that_describe_it() -> None:
    rules = _load(DATA / "claims" / "rules-default.yaml")
    assert "004:1757-1765" in rules["cite"]
    text = _cited_text(rules["cite"])
    assert "afbakeningsmethode" in text
    assert "declaratiegegevens van Vektis" in text
    chronic = next(r for r in rules["rules"] if r["id"] == "basis_chronic")
    assert "004:1763" in chronic["cite"]
    assert "generalistische basis GGZ" in _cited_text("004:1763")


def test_demo_quality_of_life_cites_the_line_with_6_2() -> None:
    levels = _load(DATA / "monitor" / "demo.toml")["levels"]
    assert levels["qol_grade_2016"] == 6.2
    assert "(6,2)" in _cited_text(levels["cite"])
    assert "(6,2)" in _cited_text("004:979")


def test_demo_justice_spending_gives_the_seeds_59_percent() -> None:
    """004:1140-1142: clinical + BW is 56 % of spending without Justice, 59 % with it."""
    text = _cited_text("004:1140-1142")
    assert "(56 %)" in text
    assert "59 %" in text
    lv = _load(DATA / "monitor" / "demo.toml")["levels"]
    total = sum(v for k, v in lv.items() if k.startswith("spend_") and k != "spend_justice_2014")
    institutional = lv["spend_zvw_intramural_2014"] + lv["spend_wlz_2014"] + lv["spend_wmo_bw_2014"]
    justice = lv["spend_justice_2014"]
    assert total == 38
    # On the seed's printed 56 % the share with Justice is 59 %.
    assert round((0.56 * total + justice) / (total + justice), 2) == 0.59
    # On Tabel 1's amounts (21 of 38 = 55.3 %) Justice adds the same three points.
    without = institutional / total
    with_justice = (institutional + justice) / (total + justice)
    assert with_justice - without == pytest.approx(0.03, abs=0.002)


def test_demo_uncited_anchors_are_marked_as_assumptions() -> None:
    lv = _load(DATA / "monitor" / "demo.toml")["levels"]
    named = set(lv["assumptions"])
    assert {k for k in lv if k.startswith("places_") and k.endswith("_2008")} <= named
    assert {"bw_growth_2008_2014", "traj_1800_6000_2014", "traj_lt_1800_2014"} <= named
    # The one trajectory total the seed gives is cited, not assumed.
    assert "traj_gt_6000_2014" not in named
    assert "30.000 zorgtrajecten" in _cited_text("002:300")


def test_continuation_shows_the_seeds_three_point_shift_on_one_basis() -> None:
    """004:1178-1180: ambulant EPA rises by about 3 points; BW stays (004:1176-1177)."""
    assert "3 procentpunt" in _cited_text("004:1178-1180")
    baseline, continuation = load_norm_set("baseline-2014"), load_norm_set("continuation")
    assert continuation.basis == baseline.basis == "amounts"
    before, after = baseline.shares(), continuation.shares()
    assert after["ambulant_epa"] - before["ambulant_epa"] == pytest.approx(0.03)
    assert after["clinical"] - before["clinical"] == pytest.approx(-0.03)
    assert after["bw"] == pytest.approx(before["bw"])
    assert after["ambulant_other"] == pytest.approx(before["ambulant_other"])
    assert continuation.total_per_100k() == pytest.approx(38_000_000)
    assert continuation.spending["bw"].assumption


def test_ambulant_support_is_an_increment_on_the_baseline() -> None:
    """004:1302-1306: BW reduction *frees* 30-40 fte; today about 3,000 fte (004:1102-1105)."""
    assert "3000 fte aan ambulante" in _cited_text("004:1102-1105")
    assert "30 à 40 fte per 100.000" in _cited_text("004:1302-1306")
    baseline = load_norm_set("baseline-2014").capacity["ambulant_support"]
    assert baseline.per_100k is not None
    assert baseline.per_100k.mid == 18
    # 3,000 fte / (216,000 / 0.013 inhabitants) × 100,000 = 18.1.
    per_100k = 3000 / (216_000 / 0.013) * 100_000
    assert per_100k == pytest.approx(18, abs=0.5)
    vr1 = load_norm_set("voorbeeldregio-1").capacity["ambulant_support"]
    assert vr1.increment
    assert vr1.baseline_per_100k == baseline.per_100k
    line = compute_plan(load_norm_set("voorbeeldregio-1"), RegionInput(100_000)).line(
        "ambulant_support"
    )
    assert line is not None
    assert line.units is not None
    assert (line.units.low, line.units.high) == (48, 58)


def test_national_reference_keeps_both_readings_and_the_model_base() -> None:
    text = _cited_text("004:1553-1557")
    assert "216.000" in text
    assert "281.000" in text
    assert "215.000" in _cited_text("004:1764-1765")
    ref = national_reference()
    groups = ref.care_persons_under_18 + ref.care_persons_18_64 + ref.care_persons_65_plus
    assert groups == ref.care_persons_sum_of_age_groups == 217_000
    assert ref.care_persons == 216_000
    assert ref.population_persons_printed == 281_000
    assert ref.population_persons_from_share == round(216_000 / (1 - ref.not_in_care_share), -3)
    assert (ref.model_base_adults, ref.model_base_year) == (215_000, 2014)
    assert ref.citations["model_base"] == "004:1764-1765"


def test_demo_monitor_series_add_three_points_for_justice_in_2014() -> None:
    """End to end through the generator: the synthetic national spending of 2014."""
    import numpy as np

    from ggzregio.monitor.demo import national_series

    years = list(range(2008, 2025))
    series = national_series(years, np.full(len(years), 17_000_000.0))
    t14 = years.index(2014)
    institutional = sum(
        series[c][t14] for c in ("spend_zvw_intramural", "spend_wlz", "spend_wmo_bw")
    )
    others = ("spend_zvw_ambulant_epa", "spend_wmo_ambulant", "spend_zvw_ambulant_other")
    total = institutional + sum(series[c][t14] for c in others)
    justice = series["spend_justice"][t14]
    shift = (institutional + justice) / (total + justice) - institutional / total
    assert shift == pytest.approx(0.03, abs=0.002)
