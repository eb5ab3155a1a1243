"""``ggzregio claims delineate``: counts in the comparison's area format, suppression before
output, a run record, and input with direct identifiers refused with nothing written."""

from __future__ import annotations

import json
import re
import shutil
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


# --- reading the input as the schema says ---------------------------------------------------


def _as_csv(parquet: Path, target: Path, persons: str = "*") -> Path:
    """The claims in folder ``parquet`` (synthetic, Parquet parts) as four CSV files in
    ``target``; ``persons`` is the select list for the persons table."""
    import duckdb

    target.mkdir()
    con = duckdb.connect()
    for name in ("persons", "trajectories", "stays", "dispensings"):
        columns = persons if name == "persons" else "*"
        scan = f"SELECT {columns} FROM read_parquet('{parquet / name}/*.parquet')"
        con.execute(f"COPY ({scan}) TO '{target / name}.csv' (HEADER)")
    con.close()
    return target


def _delineated(folder: Path, target: Path) -> tuple[str, str, dict[str, object]]:
    """Run ``claims delineate`` on ``folder``: the counts per PC4, per PC4 and rule, and the
    run record's counts per step."""
    code, output = invoke(
        "claims", "delineate", str(folder), "--year", "2024", "--out", str(target)
    )
    assert code == 0, output
    record = json.loads(target.with_name(target.stem + ".run.json").read_text(encoding="utf-8"))
    by_rule = target.with_name(target.stem + ".area_rules.csv").read_text(encoding="utf-8")
    return target.read_text(encoding="utf-8"), by_rule, record["steps"]


def test_an_optional_column_left_empty_counts_as_absent(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    data = tmp_path / "claims"
    generate(data, Shape(persons=4_000, pc4_areas=5, planted_share=0.03))
    everyone_insured = "* REPLACE (NULL AS insured_to)"
    folders = {
        "kept": _as_csv(data, tmp_path / "kept"),
        "empty": _as_csv(data, tmp_path / "empty", everyone_insured),
        "blank": _as_csv(data, tmp_path / "blank", "* REPLACE ('   ' AS insured_to)"),
        "absent": _as_csv(data, tmp_path / "absent", "* EXCLUDE (insured_to)"),
    }
    # The same in Parquet, with insured_to stored as a column of Parquet's null type.
    nulls = tmp_path / "nulls"
    shutil.copytree(data, nulls)
    for part in (nulls / "persons").glob("*.parquet"):
        table = pq.read_table(part)
        index = table.schema.get_field_index("insured_to")
        pq.write_table(table.set_column(index, "insured_to", pa.nulls(len(table))), part)
    folders["nulls"] = nulls
    header = (tmp_path / "empty" / "persons.csv").read_text(encoding="utf-8").splitlines()[:2]
    assert header[0].endswith(",insured_to")
    assert header[1].endswith(",")  # written empty: an empty CSV column, not the text 'NULL'
    runs = {name: _delineated(folder, tmp_path / f"{name}.csv") for name, folder in folders.items()}
    assert runs["kept"] == _delineated(data, tmp_path / "parquet.csv")  # CSV reads as Parquet
    for name in ("blank", "absent", "nulls"):
        assert runs[name] == runs["empty"], name
    # The column is read: with it empty everyone is still insured, so the people the synthetic
    # set made uninsured in the year (some with the chronic product) count again.
    eligible = {name: run[2]["eligible_adults"] for name, run in runs.items()}
    assert isinstance(eligible["empty"], int)
    assert isinstance(eligible["kept"], int)
    assert eligible["empty"] > eligible["kept"]


def test_values_that_do_not_fit_their_column_name_file_row_and_column(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    _tiny(folder, "P01")
    with (folder / "persons.csv").open("a", encoding="utf-8") as persons:
        persons.write("P02,,M,1234,ZV01,2015,\n")  # row 3: birth_year empty
        persons.write("   ,1980,M,1234,ZV01,2015,\n")  # row 4: person_id blank
    with (folder / "trajectories.csv").open("a", encoding="utf-8") as trajectories:
        trajectories.write("P01,31-12-2024,,specialist,100,2,x\n")  # row 3: not a date
        trajectories.write("P01,2024-02-01,,specialist,3.000,2,x\n")  # row 4: not an integer
    target = tmp_path / "telling.csv"
    args = ["claims", "delineate", str(folder), "--year", "2024", "--out", str(target)]
    code, output = invoke(*args)
    assert code == 2, output
    assert "Traceback" not in output
    line = " ".join(output.split())
    assert "bestand persons.csv, kolom 'person_id', rij 4: waarde ontbreekt" in line
    assert "bestand persons.csv, kolom 'birth_year', rij 3: waarde ontbreekt" in line
    bad_date = "bestand trajectories.csv, kolom 'start', rij 3: geen datum (gevonden: '31-12-2024')"
    assert bad_date in line
    assert "kolom 'minutes', rij 4: geen geheel getal (gevonden: '3.000')" in line
    assert not target.exists()
    # A birth year that is not a year may be a date of birth: never quoted.
    _tiny(tmp_path / "born", "P01")
    persons = tmp_path / "born" / "persons.csv"
    persons.write_text(
        persons.read_text(encoding="utf-8").replace(",1970,", ",1970-05-03,"), encoding="utf-8"
    )
    code, output = invoke("claims", "delineate", str(tmp_path / "born"), "--year", "2024",
                          "--out", str(target))  # fmt: skip
    assert code == 2, output
    assert "kolom 'birth_year', rij 2: geen geheel getal" in " ".join(output.split())
    assert "1970-05-03" not in output
    code, output = invoke("--lang", "en", *args)
    assert code == 2, output
    line = " ".join(output.split())
    assert "file trajectories.csv, column 'start', row 3: not a date (found: '31-12-2024')" in line


def test_header_only_and_empty_files(tmp_path: Path) -> None:
    target = tmp_path / "telling.csv"
    # Stays and dispensings with only a header (and insured_to empty): nothing in them, fine.
    _tiny(tmp_path / "tiny", "P01")
    code, output = invoke("claims", "delineate", str(tmp_path / "tiny"), "--year", "2024",
                          "--out", str(target))  # fmt: skip
    assert code == 0, output
    assert "in 1 PC4-gebieden" in output
    # Persons with only a header: nobody to count, refused.
    _tiny(tmp_path / "nobody", "P01")
    persons = tmp_path / "nobody" / "persons.csv"
    persons.write_text(persons.read_text(encoding="utf-8").splitlines()[0] + "\n")
    code, output = invoke("claims", "delineate", str(tmp_path / "nobody"), "--year", "2024",
                          "--out", str(tmp_path / "o.csv"))  # fmt: skip
    assert code == 2, output
    assert "bestand persons.csv: niemand in deze tabel is in 2024 verzekerd" in " ".join(
        output.split()
    )
    # An empty file (not even a header).
    _tiny(tmp_path / "empty", "P01")
    (tmp_path / "empty" / "stays.csv").write_text("", encoding="utf-8")
    code, output = invoke("claims", "delineate", str(tmp_path / "empty"), "--year", "2024",
                          "--out", str(tmp_path / "o.csv"))  # fmt: skip
    assert code == 2, output
    assert "bestand stays.csv: bestand is leeg" in output
    assert not (tmp_path / "o.csv").exists()


def test_many_empty_values_name_the_first_rows_and_how_many_more(tmp_path: Path) -> None:
    data = tmp_path / "claims"
    generate(data, Shape(persons=3_000, pc4_areas=5))
    folder = _as_csv(data, tmp_path / "csv")
    dispensings = folder / "dispensings.csv"
    lines = dispensings.read_text(encoding="utf-8").splitlines()
    assert lines[0].endswith(",days_supplied")
    dispensings.write_text(
        "\n".join([lines[0], *(line[: line.rindex(",") + 1] for line in lines[1:])]) + "\n",
        encoding="utf-8",
    )
    code, output = invoke("claims", "delineate", str(folder), "--year", "2024", "--out", "x.csv")
    assert code == 2, output
    more = len(lines) - 1 - 10
    assert more > 100
    assert (
        "bestand dispensings.csv, kolom 'days_supplied', rijen 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 "
        f"en {more} meer: waarde ontbreekt" in " ".join(output.split())
    )


def test_parquet_columns_are_read_as_the_schema_says(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    data = tmp_path / "claims"
    generate(data, Shape(persons=3_000, pc4_areas=5))
    before = _delineated(data, tmp_path / "before.csv")
    part = data / "trajectories" / "part-00000.parquet"
    table = pq.read_table(part)
    index = table.schema.get_field_index("minutes")
    minutes = pc.cast(table["minutes"], pa.float64())
    pq.write_table(table.set_column(index, "minutes", minutes), part)  # whole floats: fine
    assert _delineated(data, tmp_path / "floats.csv") == before
    values = minutes.to_pylist()
    values[2] = 12.5
    pq.write_table(table.set_column(index, "minutes", pa.array(values)), part)
    dispensings = data / "dispensings" / "part-00000.parquet"
    other = pq.read_table(dispensings)
    day = other.schema.get_field_index("date")
    numbers = pa.array(range(len(other)), pa.int64())
    pq.write_table(other.set_column(day, "date", numbers), dispensings)
    code, output = invoke("claims", "delineate", str(data), "--year", "2024", "--out", "x.csv")
    assert code == 2, output
    line = " ".join(output.split())
    assert (
        "bestand trajectories/part-00000.parquet, kolom 'minutes', rij 3: geen geheel getal "
        "(gevonden: 12.5)" in line
    )
    assert (
        "bestand dispensings/, kolom 'date': een kolom van het type BIGINT kan geen datum" in line
    )
