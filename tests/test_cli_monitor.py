"""``ggzregio monitor`` as a regional adviser uses it."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import invoke


def test_indicators_and_targets_are_listed() -> None:
    code, output = invoke("monitor", "indicators")
    assert code == 0, output
    assert "places_zvw_admission" in output
    code, output = invoke("monitor", "targets")
    assert "ba-intramural-2020" in output
    assert "-33,3 %" in output


def test_progress_on_the_demo(tmp_path: Path) -> None:
    target = tmp_path / "voortgang.json"
    code, output = invoke(
        "monitor", "progress", "--indicator", "places_zvw_admission", "--region", "RG05",
        "--out", str(target),
    )  # fmt: skip
    assert code == 0, output
    assert "SYNTHETISCHE" in output
    assert "NL" in output
    assert "RG05" in output
    doc = json.loads(target.read_text(encoding="utf-8"))
    rows = doc["tables"]["ba-intramural-2020"]
    assert [r["region_code"] for r in rows] == ["NL", "RG05"]
    assert doc["metadata"]["WAARSCHUWING"].startswith("LET OP")


def test_indicator_without_target_names_the_targets() -> None:
    code, output = invoke("monitor", "progress", "--indicator", "fact_fte")
    assert code == 2
    assert "ba-intramural-2020" in output


def test_year_on_year_like_tabel_1() -> None:
    code, output = invoke(
        "monitor", "yoy", "--indicator", "places_zvw_admission", "--from", "2012", "--to", "2014"
    )
    assert code == 0, output
    assert "-5,6 %" in output
    assert "-7,2 %" in output


def test_benchmark_with_similar_regions() -> None:
    code, output = invoke(
        "monitor", "benchmark", "--indicator", "fact_fte", "--year", "2024", "--similar-to", "RG05"
    )
    assert code == 0, output
    assert "Context, geen ranglijst" in output
    assert "Afstand" in output


def test_substitution_and_figures(tmp_path: Path) -> None:
    code, output = invoke("monitor", "substitution", "--from", "2012", "--to", "2024")
    assert code == 0, output
    assert "Δ Wmo" in output
    folder = tmp_path / "fig"
    code, output = invoke("monitor", "figures", str(folder), "--region", "RG05")
    assert code == 0, output
    names = sorted(p.name for p in folder.iterdir())
    assert "substitutie.html" in names
    assert "intensiteit.html" in names
    assert "trend_ba-intramural-2020.html" in names
    assert any(n.startswith("funnel_") for n in names)
    assert any(n.startswith("regios_") for n in names)


def test_import_refuses_bad_file_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text("region_code,year,indicator,value\nR1,2020,fact_fte,-1\n", encoding="utf-8")
    out = tmp_path / "uit.csv"
    code, output = invoke("monitor", "import", str(path), "--out", str(out))
    assert code == 2
    assert "mag niet negatief zijn" in output
    assert not out.exists()


def test_template_and_import_round_trip(tmp_path: Path) -> None:
    template = tmp_path / "monitor.xlsx"
    assert invoke("monitor", "template", str(template), "--demo")[0] == 0
    regions = tmp_path / "regios.csv"
    regions.write_text(
        "region_code\n" + "\n".join(f"RG{i:02d}" for i in range(1, 44)) + "\n", encoding="utf-8"
    )
    code, output = invoke("monitor", "import", str(template), "--regions", str(regions))
    assert code == 0, output
    assert "43 regio's" in output
