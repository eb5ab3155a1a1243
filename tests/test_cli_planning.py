"""``ggzregio plan`` and ``ggzregio inventory`` as a regiegroep secretary uses them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ggzregio.io.results import read_results

from .conftest import invoke


def test_scenarios_lists_the_four_norm_sets() -> None:
    code, output = invoke("plan", "scenarios")
    assert code == 0, output
    for set_id in ("baseline-2014", "continuation", "voorbeeldregio-1", "voorbeeldregio-2"):
        assert set_id in output
    assert "60-70" in output


def test_show_states_sources_ranges_and_readings() -> None:
    code, output = invoke("plan", "show", "baseline-2014")
    assert code == 0, output
    assert "004:1343" in output  # the other reading of 'Klinisch'
    assert "Andere lezing" in output
    code, output = invoke("plan", "show", "continuation")
    assert "aannames" in output


def test_compute_known_answers_in_dutch() -> None:
    code, output = invoke(
        "plan", "compute", "--region-inhabitants", "350000", "--scenario", "voorbeeldregio-1"
    )
    assert code == 0, output
    assert "14 teams" in output
    assert "3,5 teams" in output
    assert "2,33 teams" in output
    assert "210-245 plaatsen" in output
    code, output = invoke(
        "plan", "compute", "--region-inhabitants", "350000", "-s", "voorbeeldregio-2"
    )
    assert "17,5 wijkcentra" in output
    assert "700" in output


def test_compute_with_prevalence_scales_and_says_so(tmp_path: Path) -> None:
    areas = tmp_path / "areas.csv"
    assert invoke("demo-data", "--out", str(areas))[0] == 0
    target = tmp_path / "plan.json"
    code, output = invoke(
        "plan", "compute", "-s", "voorbeeldregio-1", "--prevalence", str(areas),
        "--region", "RG01", "--out", str(target),
    )  # fmt: skip
    assert code == 0, output
    assert "index 117,5" in output
    doc = json.loads(target.read_text(encoding="utf-8"))
    assert doc["metadata"]["region_code"] == "RG01"
    factor = float(doc["metadata"]["prevalence_factor"])
    inhabitants = float(doc["metadata"]["inhabitants"])
    fact = next(r for r in doc["tables"]["capacity"] if r["item"] == "fact")
    assert fact["units_mid"] == pytest.approx(4 * factor * inhabitants / 100_000, rel=1e-6)


def test_unknown_region_exits_2_naming_present_ones(tmp_path: Path) -> None:
    areas = tmp_path / "areas.csv"
    invoke("demo-data", "--out", str(areas))
    code, output = invoke(
        "plan", "compute", "-s", "voorbeeldregio-1", "--prevalence", str(areas), "--region", "X"
    )
    assert code == 2
    assert "regio 'X' komt niet voor" in output


def test_copy_then_compute_own_scenario(tmp_path: Path) -> None:
    target = tmp_path / "eigen.toml"
    code, output = invoke(
        "plan", "copy", "voorbeeldregio-1", str(target), "--id", "eigen",
        "--set", "capacity.fact.per_100k=5",
    )  # fmt: skip
    assert code == 0, output
    code, output = invoke("plan", "compute", "--region-inhabitants", "100000", "-s", str(target))
    assert code == 0, output
    assert "eigen@1.0" in output
    assert "5 teams" in output


def test_bad_scenario_exits_2_and_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "fout.toml"
    code, output = invoke(
        "plan", "copy", "voorbeeldregio-1", str(target), "--id", "fout",
        "--set", "spending.bw.share=2",
    )  # fmt: skip
    assert code == 2
    assert "spending.bw.share" in output
    assert not target.exists()


def test_inventory_template_check_and_gap(tmp_path: Path) -> None:
    template = tmp_path / "inventarisatie.xlsx"
    code, output = invoke(
        "inventory", "template", str(template), "--demo", "--region", "RG01",
        "--region-inhabitants", "350000",
    )  # fmt: skip
    assert code == 0, output
    assert "SYNTHETISCHE" in output
    code, output = invoke("inventory", "check", str(template), "--out", str(tmp_path / "inv.csv"))
    assert code == 0, output
    assert "geldig" in output
    out = tmp_path / "kloof.xlsx"
    figures = tmp_path / "fig"
    code, output = invoke(
        "plan", "gap", str(template), "--scenario", "voorbeeldregio-1", "--out", str(out),
        "--figures", str(figures),
    )  # fmt: skip
    assert code == 0, output
    assert "onder doel" in output
    assert "Niet budgetneutraal" in output
    assert "minder dan nu" in output
    tables = read_results(out).tables
    assert set(tables) >= {"gap_items", "gap_categories", "budget"}
    assert sorted(p.name for p in figures.iterdir()) == [
        "plan_aandelen.html",
        "plan_capaciteit.html",
        "plan_categorieen.html",
    ]


def test_empty_inventory_is_refused_with_sheet_and_row(tmp_path: Path) -> None:
    template = tmp_path / "leeg.xlsx"
    invoke("inventory", "template", str(template))
    code, output = invoke("inventory", "check", str(template))
    assert code == 2
    assert "werkblad 'regio'" in output
    assert "rij 2" in output


def test_gap_needs_inhabitants(tmp_path: Path) -> None:
    template = tmp_path / "leeg.xlsx"
    invoke("inventory", "template", str(template), "--demo")
    code, output = invoke("plan", "gap", str(template), "-s", "baseline-2014")
    assert code == 0, output  # the demo inventory states its inhabitants


def test_english_plan_output() -> None:
    code, output = invoke(
        "--lang", "en", "plan", "compute", "--region-inhabitants", "350000", "-s",
        "voorbeeldregio-1",
    )  # fmt: skip
    assert code == 0, output
    assert "Required capacity" in output
    assert "2.33 teams" in output
