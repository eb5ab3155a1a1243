"""``ggzregio simulate``: tidy results and figures written; bad input refused, nothing written."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ggzregio.io.results import read_results
from tests.conftest import invoke


def test_simulate_writes_tidy_results_and_compares_plans(tmp_path: Path) -> None:
    target = tmp_path / "sim.parquet"
    code, output = invoke(
        "simulate", "--plan", "baseline-2014", "--plan", "voorbeeldregio-2", "--regions", "RG01",
        "--years", "3", "--draws", "50", "--out", str(target),
    )  # fmt: skip
    assert code == 0, output
    assert "Scenario A = baseline-2014, B = voorbeeldregio-2" in output
    assert "kans A beter" in output
    assert "Aannames" in output
    assert "stay_bw" in output
    yearly = pd.read_parquet(target)
    assert set(yearly["scenario"]) == {"baseline-2014", "voorbeeldregio-2"}
    assert set(yearly["year"]) == {1, 2, 3}
    assert {"p05", "p25", "p50", "p75", "p95", "mean", "unit", "label"} <= set(yearly.columns)
    monthly = pd.read_parquet(tmp_path / "sim.monthly.parquet")
    assert monthly["month"].max() == 36
    comparison = pd.read_parquet(tmp_path / "sim.comparison.parquet")
    assert set(comparison["region_code"]) == {"RG01", "totaal"}
    # Provenance travels with the data.
    result = read_results(target, main_level="yearly")
    assert result.metadata["prevalence_model"] == "trimbos-2017@1.0"
    assert result.metadata["scenarios"] == "baseline-2014@1.1; voorbeeldregio-2@1.0"
    assert "assumptions" in result.metadata


def test_simulate_in_english_as_csv(tmp_path: Path) -> None:
    target = tmp_path / "sim.csv"
    code, output = invoke(
        "--lang", "en", "simulate", "--plan", "voorbeeldregio-1", "--regions", "RG02",
        "--years", "1", "--draws", "1", "--out", str(target),
    )  # fmt: skip
    assert code == 0, output
    assert "Outcomes per scenario" in output
    table = pd.read_csv(target)
    assert "In care: FACT" in set(table["label"])


def test_figures_are_written(tmp_path: Path) -> None:
    folder = tmp_path / "fig"
    code, output = invoke(
        "simulate", "--regions", "RG03", "--years", "2", "--draws", "20", "--figures", str(folder),
    )  # fmt: skip
    assert code == 0, output
    names = sorted(p.name for p in folder.iterdir())
    assert "waaier_blocked_bed_days_RG03.html" in names
    assert "bezetting_voorbeeldregio-1_RG03.html" in names
    assert "wachttijd_RG03.html" in names
    html = (folder / "waaier_stock_fact_RG03.html").read_text(encoding="utf-8")
    assert "90 %-band" in html
    assert '<script src="http' not in html  # plotly.js is embedded: works offline


def test_bad_input_is_refused_and_nothing_written(tmp_path: Path) -> None:
    target = tmp_path / "sim.parquet"
    code, output = invoke("simulate", "--plan", "bestaat-niet", "--out", str(target))
    assert code == 2
    assert "bestaat-niet" in output
    code, output = invoke("simulate", "--regions", "RG99", "--draws", "2", "--out", str(target))
    assert code == 2
    assert "RG99" in output
    params = tmp_path / "p.toml"
    params.write_text("[fact_reach]\nvalue = 0.95\n", encoding="utf-8")
    code, output = invoke(
        "simulate",
        "--params",
        str(params),
        "--regions",
        "RG01",
        "--draws",
        "1",
        "--out",
        str(target),
    )
    assert code == 2
    assert "ambulant_stock" in output
    assert "RG01" in output
    assert not target.exists()
    code, output = invoke("simulate", "--path", "zigzag")
    assert code == 2


def test_show_parameters_lists_sources_and_assumptions() -> None:
    code, output = invoke("simulate", "--show-parameters")
    assert code == 0
    assert "admitted_per_year" in output
    assert "002:104-105" in output
    assert "stay_bw" in output
    assert "aanname" in output
