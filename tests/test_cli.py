"""The command line as a policy adviser uses it: exit codes, messages, files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

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
