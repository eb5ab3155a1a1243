"""``ggzregio claims delineate``: counts in the comparison's area format, suppression before
output, a run record, and input with direct identifiers refused with nothing written."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

from ggzregio.claims.synthetic import Shape, generate
from ggzregio.formatting import format_number
from ggzregio.privacy import marker
from tests.conftest import invoke


def test_delineate_writes_protected_counts_and_a_run_record(tmp_path: Path) -> None:
    data = tmp_path / "claims"
    planted = generate(data, Shape(persons=20_000, pc4_areas=60, planted_share=0.03))
    target = tmp_path / "uit" / "telling.csv"
    code, output = invoke("claims", "delineate", str(data), "--year", "2024", "--out", str(target))
    assert code == 0, output
    assert "niet gepubliceerd" in output
    total = int(planted["epa_adults"].sum())
    assert f"{format_number(total, 0, 'nl')} volwassenen met EPA" in output
    table = pd.read_csv(target, dtype={"area_code": str})
    assert list(table.columns) == ["area_code", "year", "observed_cases", "suppressed"]
    shown = table[~table["suppressed"]]
    # Nothing under the threshold is shown, and what is shown is exactly the planted count.
    expected = planted.set_index("pc4")["epa_adults"]
    assert (shown["observed_cases"].astype(int) >= 10).all()
    assert (
        shown.set_index("area_code")["observed_cases"].astype(int) == expected[shown["area_code"]]
    ).all()
    hidden = table[table["suppressed"]]
    assert (hidden["observed_cases"] == marker(10)).all()
    assert len(hidden) != 1  # one hidden area could be derived from the total
    record = json.loads((tmp_path / "uit" / "telling.run.json").read_text(encoding="utf-8"))
    assert record["rule_set"] == "vektis-refined-assumed@1.0"
    assert record["steps"]["areas"] == len(table)
    assert {f["table"] for f in record["inputs"]} == {
        "persons",
        "trajectories",
        "stays",
        "dispensings",
    }
    assert all(len(f["sha256"]) == 64 for f in record["inputs"])
    rules = pd.read_csv(tmp_path / "uit" / "telling.rules.csv")
    assert rules["rule"].tolist()[0] == "specialist_multiyear"


def test_delineate_publishes_rule_counts_per_area_protected(tmp_path: Path) -> None:
    data = tmp_path / "claims"
    planted = generate(data, Shape(persons=30_000, pc4_areas=15, planted_share=0.03))
    target = tmp_path / "telling.csv"
    code, output = invoke("claims", "delineate", str(data), "--year", "2024", "--out", str(target))
    assert code == 0, output
    table = pd.read_csv(target, dtype={"area_code": str})
    rules = pd.read_csv(tmp_path / "telling.rules.csv")
    # Per PC4 and rule: protected cells, never a small count, and visible cells are exact.
    by_rule = pd.read_csv(tmp_path / "telling.area_rules.csv", dtype=str)
    names = rules["rule"].tolist()
    assert list(by_rule.columns) == ["area_code", "year", *names]
    cells = by_rule.set_index("area_code")[names]
    shown = cells != marker(10)
    assert shown.to_numpy().any()
    assert (~shown).to_numpy().any()
    mask = shown.to_numpy()
    values = cells.to_numpy()[mask].astype(int)
    assert (values >= 10).all()
    truth = planted.set_index("pc4").loc[cells.index, names].to_numpy()
    assert (values == truth[mask]).all()
    # A PC4 whose total is hidden shows no rule cell.
    hidden_areas = table.loc[table["suppressed"], "area_code"]
    assert (~shown.loc[hidden_areas]).all().all()


def _tiny(folder: Path, person_id: str, extra: str = "") -> None:
    folder.mkdir()
    (folder / "persons.csv").write_text(
        f"person_id,birth_year,sex,pc4,insurer,insured_from,insured_to{extra and ',' + extra}\n"
        f"{person_id},1970,V,1234,ZV01,2015,{extra and ',x'}\n",
        encoding="utf-8",
    )
    (folder / "trajectories.csv").write_text(
        "person_id,start,end,product,minutes,contacts,diagnosis_group\n"
        f"{person_id},2024-01-01,2024-12-31,specialist,3000,60,x\n",
        encoding="utf-8",
    )
    (folder / "stays.csv").write_text("person_id,start,end,kind\n", encoding="utf-8")
    (folder / "dispensings.csv").write_text("person_id,date,atc,days_supplied\n", encoding="utf-8")


def test_direct_identifiers_are_refused_and_nothing_written(tmp_path: Path) -> None:
    target = tmp_path / "telling.csv"
    _tiny(tmp_path / "bsn", "111222333")
    code, output = invoke(
        "claims", "delineate", str(tmp_path / "bsn"), "--year", "2024", "--out", str(target)
    )
    assert code == 2
    assert "elfproef" in output
    assert "person_id" in output
    _tiny(tmp_path / "naam", "P01", extra="achternaam")
    code, output = invoke(
        "claims", "delineate", str(tmp_path / "naam"), "--year", "2024", "--out", str(target)
    )
    assert code == 2
    assert "achternaam" in output
    assert not target.exists()
    assert not (tmp_path / "telling.run.json").exists()


def test_a_person_twice_is_refused_with_file_rows_and_column(tmp_path: Path) -> None:
    # Today's code would count P01 three times (6 eligible adults for 3 people): refused,
    # nothing written, exit code 2.
    folder = tmp_path / "in"
    _tiny(folder, "P01")
    header, first = (folder / "persons.csv").read_text(encoding="utf-8").splitlines()
    first += "2030"  # (CSV columns without any value are read as text)
    rows = [first, first.replace("P01", "P02"), first, first.replace("P01", "P03"), first]
    (folder / "persons.csv").write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    with (folder / "stays.csv").open("a", encoding="utf-8") as stays:
        stays.write("P02,2024-01-01,2024-03-01,clinical\n")
    with (folder / "dispensings.csv").open("a", encoding="utf-8") as dispensings:
        dispensings.write("P03,2024-02-01,N05AX08,30\n")
    target = tmp_path / "uit" / "telling.csv"
    args = ["claims", "delineate", str(folder), "--year", "2024", "--out", str(target)]
    code, output = invoke(*args)
    assert code == 2, output
    line = " ".join(output.split())  # the console wraps long lines
    assert "bestand persons.csv, kolom 'person_id', rijen 2, 4, 6: komt meer dan eens voor" in line
    assert "1 id's staan op meer dan één rij, 2 rijen te veel" in line
    code, output = invoke("--lang", "en", *args)
    assert code == 2, output
    line = " ".join(output.split())
    assert "file persons.csv, column 'person_id', rows 2, 4, 6: occurs more than once" in line
    assert "2 rows too many" in line
    assert not target.parent.exists()


def test_bad_codes_and_engines_are_refused(tmp_path: Path) -> None:
    _tiny(tmp_path / "in", "P01")
    traj = tmp_path / "in" / "trajectories.csv"
    traj.write_text(
        traj.read_text(encoding="utf-8").replace("specialist", "tandarts"), encoding="utf-8"
    )
    code, output = invoke(
        "claims",
        "delineate",
        str(tmp_path / "in"),
        "--year",
        "2024",
        "--out",
        str(tmp_path / "o.csv"),
    )
    assert code == 2
    assert "tandarts" in output
    assert "basis_chronic" in output
    code, output = invoke(
        "claims",
        "delineate",
        str(tmp_path / "in"),
        "--year",
        "2024",
        "--out",
        "x.csv",
        "--engine",
        "hadoop",
    )
    assert code == 2
    assert "duckdb, spark" in output


def test_synthetic_claims_from_the_command_line(tmp_path: Path) -> None:
    target = tmp_path / "oefen"
    code, output = invoke("claims", "synthetic", str(target), "--persons", "3000", "--areas", "5")
    assert code == 0, output
    assert "SYNTHETISCH" in output
    assert re.search(r"\b\d{1,3}\.\d{3} rijen voor 3\.000 personen", output)  # Dutch format
    assert sorted(p.name for p in target.iterdir()) == [
        "dispensings", "persons", "planted.csv", "stays", "trajectories",
    ]  # fmt: skip
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no partial left
    # A folder that holds something is never written into.
    again, message = invoke("claims", "synthetic", str(target), "--persons", "3000")
    assert again == 2
    assert "niet leeg" in message
