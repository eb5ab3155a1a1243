"""The command line as a policy adviser uses it: exit codes, messages, files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from ggzregio.cli import app
from ggzregio.io.results import read_results

from .conftest import valid_rows

runner = CliRunner()
WriteCsv = Callable[..., Path]


def test_estimate_writes_file_and_prints_summary(write_csv: WriteCsv, tmp_path: Path) -> None:
    out = tmp_path / "res.xlsx"
    result = runner.invoke(app, ["prevalence", "estimate", str(write_csv()), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Verwachte EPA-zorgprevalentie" in result.output
    assert "Totaal" in result.output
    assert "geen betrouwbaarheidsintervallen" in result.output
    tables = read_results(out).tables
    assert set(tables) == {"area", "municipality_code", "region_code", "total"}
    first = tables["area"].iloc[0]
    assert round(first["prevalence_per_1000"], 2) == 14.99


def test_summary_uses_dutch_number_format(write_csv: WriteCsv) -> None:
    result = runner.invoke(app, ["prevalence", "estimate", str(write_csv()), "--by", "area_code"])
    assert result.exit_code == 0, result.output
    assert "14,99" in result.output  # the worked example area, per 1,000
    assert "3.917" in result.output  # its adults, Dutch thousands separator


def test_english_output(write_csv: WriteCsv) -> None:
    result = runner.invoke(
        app, ["--lang", "en", "prevalence", "estimate", str(write_csv()), "--by", "area_code"]
    )
    assert result.exit_code == 0, result.output
    assert "14.99" in result.output
    assert "Expected EPA care prevalence" in result.output


def test_bad_input_exit_code_2_and_nothing_written(write_csv: WriteCsv, tmp_path: Path) -> None:
    rows = valid_rows()
    rows[1] = rows[1].replace("40.00", "140")
    out = tmp_path / "res.csv"
    result = runner.invoke(app, ["prevalence", "estimate", str(write_csv(rows)), "-o", str(out)])
    assert result.exit_code == 2
    assert "pct_single_households" in result.output
    assert "rij 3" in result.output
    assert "er is niets geschreven" in result.output
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [tmp_path / "areas.csv"]


def test_skip_invalid_reports_rows(write_csv: WriteCsv, tmp_path: Path) -> None:
    rows = valid_rows()
    rows[1] = rows[1].replace("40.00", "")
    out = tmp_path / "res.json"
    result = runner.invoke(
        app, ["prevalence", "estimate", str(write_csv(rows)), "-o", str(out), "--skip-invalid"]
    )
    assert result.exit_code == 0, result.output
    assert "Overgeslagen rij 3" in result.output
    assert len(read_results(out).tables["area"]) == 3
    assert read_results(out).metadata["rows_skipped"] == "1"


def test_by_custom_column(write_csv: WriteCsv, tmp_path: Path) -> None:
    from .conftest import HEADER

    path = write_csv(
        [r + f",W{i % 2}" for i, r in enumerate(valid_rows())], header=HEADER + ",wijk"
    )
    out = tmp_path / "res.csv"
    result = runner.invoke(
        app, ["prevalence", "estimate", str(path), "--by", "wijk", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "res.wijk.csv").exists()
    assert not (tmp_path / "res.region_code.csv").exists()


def test_unknown_model_is_bad_input(write_csv: WriteCsv) -> None:
    result = runner.invoke(app, ["prevalence", "estimate", str(write_csv()), "--model", "nope"])
    assert result.exit_code == 2
    assert "unknown model" in result.output


def test_help_explains_the_input(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    result = runner.invoke(app, ["prevalence", "estimate", "--help"])
    assert result.exit_code == 0
    for phrase in ("pct_wwb", "adults", "--skip-invalid", "--by", "exitcode 2"):
        assert phrase in result.output


def test_models_command() -> None:
    result = runner.invoke(app, ["prevalence", "models"])
    assert "trimbos-2017@1.0" in result.output
    shown = runner.invoke(app, ["prevalence", "models", "trimbos-2017"])
    assert "0.9021" in shown.output
    assert "004:1606" in shown.output


def test_demo_command(tmp_path: Path) -> None:
    out = tmp_path / "demo.csv"
    result = runner.invoke(app, ["demo", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "SYNTHETISCHE DEMODATA" in result.output
    assert "Regio 43" in result.output
    tables = read_results(out).tables
    assert len(tables["area"]) == 4000
    assert tables["area"]["data_version"].iloc[0].startswith("ggzregio-demo v1 (SYNTHETISCH")


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.startswith("ggzregio ")


def _observed_file(tmp_path: Path, values: dict[str, str]) -> Path:
    path = tmp_path / "observed.csv"
    lines = ["area_code,observed_cases", *(f"{k},{v}" for k, v in values.items())]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_compare_with_separate_observed_file(write_csv: WriteCsv, tmp_path: Path) -> None:
    observed = _observed_file(tmp_path, {"1011": "55", "1012": "4", "2001": "20", "3001": "130"})
    out = tmp_path / "cmp.json"
    result = runner.invoke(
        app, ["prevalence", "compare", str(write_csv()), str(observed), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "Waargenomen tegen verwachte" in result.output
    assert "onderdrukt" in result.output
    back = read_results(out)
    area = back.tables["area"].set_index("area_code")
    assert pd.isna(area.loc["1012", "observed_cases"])  # JSON: null, listed as hidden
    assert back.mask("area").set_index(area.index).loc["1012", "observed_cases"]
    assert back.metadata["suppression_threshold"] == "10"


def test_compare_combined_file_and_threshold(write_csv: WriteCsv, tmp_path: Path) -> None:
    from .conftest import HEADER

    counts = ["55", "12", "20", "130"]
    path = write_csv(
        [r + f",{c}" for r, c in zip(valid_rows(), counts, strict=True)],
        header=HEADER + ",observed_cases",
    )
    out = tmp_path / "cmp.csv"
    result = runner.invoke(
        app, ["prevalence", "compare", str(path), "--threshold", "15", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert ",x," in text  # the 12 is hidden at threshold 15, with the neutral marker
    assert "<15" not in text
    low = runner.invoke(app, ["prevalence", "compare", str(path), "--threshold", "4"])
    assert low.exit_code == 2


def test_compare_refuses_bad_observed(write_csv: WriteCsv, tmp_path: Path) -> None:
    observed = _observed_file(tmp_path, {"1011": "55", "9999": "4", "2001": "-1", "3001": "1.5"})
    out = tmp_path / "cmp.csv"
    result = runner.invoke(
        app, ["prevalence", "compare", str(write_csv()), str(observed), "-o", str(out)]
    )
    assert result.exit_code == 2
    for text in (
        "observed.csv",
        "gebiedscode komt niet voor",
        "mag niet negatief",
        "geheel aantal",
    ):
        assert text in result.output
    assert not out.exists()
    missing = _observed_file(tmp_path, {"1011": "55", "2001": "20", "3001": "130"})
    result = runner.invoke(app, ["prevalence", "compare", str(write_csv()), str(missing)])
    assert result.exit_code == 2
    assert "ontbreekt een waarneming" in result.output
    skipped = runner.invoke(
        app, ["prevalence", "compare", str(write_csv()), str(missing), "--skip-invalid"]
    )
    assert skipped.exit_code == 0
    assert "Overgeslagen rij 3" in skipped.output


def test_compare_leaves_out_counts_suppressed_at_source(
    write_csv: WriteCsv, tmp_path: Path
) -> None:
    # The area table format of `claims delineate`: a small count arrives as the marker.
    observed = _observed_file(tmp_path, {"1011": "55", "1012": "<10", "2001": "20", "3001": "130"})
    out = tmp_path / "cmp.csv"
    result = runner.invoke(
        app, ["prevalence", "compare", str(write_csv()), str(observed), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "verborgen bij de bron" in result.output
    area = read_results(out).tables["area"]
    # The area stays, not compared: its count is missing (never 0), its region says so.
    row = area.set_index(area["area_code"].astype(str)).loc["1012"]
    assert pd.isna(row["observed_cases"])
    assert row["flags"] == "not_compared"
    # Any other text is still refused.
    bad = _observed_file(tmp_path, {"1011": "55", "1012": "<x", "2001": "20", "3001": "130"})
    refused = runner.invoke(app, ["prevalence", "compare", str(write_csv()), str(bad)])
    assert refused.exit_code == 2


def test_compare_needs_observed(write_csv: WriteCsv) -> None:
    result = runner.invoke(app, ["prevalence", "compare", str(write_csv())])
    assert result.exit_code == 2
    assert "observed_cases" in result.output


def test_compare_writes_figures(tmp_path: Path) -> None:
    from ggzregio.demo import demo_areas_path, write_demo_observed

    observed = write_demo_observed(tmp_path / "obs.csv")
    figures = tmp_path / "fig"
    result = runner.invoke(
        app,
        ["prevalence", "compare", str(demo_areas_path()), str(observed), "--figures", str(figures)],
    )
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in figures.iterdir())
    assert names == sorted(
        f"{n}.{s}" for n in ("trechterplot", "waargenomen_verwacht") for s in ("html", "png", "svg")
    )


def test_fit_and_estimate_with_fitted_model(tmp_path: Path) -> None:
    from ggzregio.demo import demo_areas_path, write_demo_observed

    observed = write_demo_observed(tmp_path / "obs.csv")
    model_file = tmp_path / "regio.toml"
    report = tmp_path / "fit.md"
    result = runner.invoke(
        app,
        [
            "prevalence",
            "fit",
            str(demo_areas_path()),
            str(observed),
            "--out-model",
            str(model_file),
            "--report",
            str(report),
            "--id",
            "regio-demo",
            "--year",
            "2024",
        ],
    )
    assert result.exit_code == 0, result.output
    text = report.read_text(encoding="utf-8")
    for phrase in (
        "R²",
        "Kruisvalidatie-RMSE (k-voudig)",
        "municipality_code",
        "trimbos-2017",
        "95%",
    ):
        assert phrase in text
    out = tmp_path / "est.json"
    again = runner.invoke(
        app,
        [
            "prevalence",
            "estimate",
            str(demo_areas_path()),
            "--model",
            str(model_file),
            "-o",
            str(out),
        ],
    )
    assert again.exit_code == 0, again.output
    assert read_results(out).metadata["model"] == "regio-demo@1"


def test_calibrate_command(tmp_path: Path) -> None:
    from ggzregio.demo import demo_areas_path, write_demo_observed

    observed = write_demo_observed(tmp_path / "obs.csv")
    out = tmp_path / "cal.xlsx"
    result = runner.invoke(
        app, ["prevalence", "calibrate", str(demo_areas_path()), str(observed), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "helling" in result.output
    assert "deciel 10" in result.output
    tables = read_results(out).tables
    assert set(tables) == {"decile", "urbanity_class", "line"}
