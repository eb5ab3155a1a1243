"""Claims input foundation: identifiers refused, the rule set as data, and synthetic claims whose
planted EPA population a direct reading of the rule semantics finds exactly."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ggzregio.claims.rules import RuleSet, default_rules, load_rules
from ggzregio.claims.schema import identifier_columns, identifier_problems, passes_eleven_test
from ggzregio.claims.synthetic import Shape, generate
from ggzregio.errors import InputError


def test_eleven_test_finds_citizen_service_numbers() -> None:
    values = [
        "111222333",
        "123456782",
        "12345678",
        "000000000",
        "P0000000001",
        "1234567890",
        111222333,
    ]
    assert passes_eleven_test(values).tolist() == [True, True, False, False, False, False, True]
    # 8 digits are read with a leading zero: 012345672 -> 0+8+14+18+20+20+18+14-2 = 110 = 10 x 11.
    assert passes_eleven_test(["12345672", "12345674"]).tolist() == [True, False]


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(alphabet="0123456789 \tP", max_size=12),
            st.from_regex(r"[ \t]?[0-9]{8,9}[ \t]?", fullmatch=True),
        ),
        min_size=1,
        max_size=60,
    )
)
def test_engine_eleven_test_agrees_with_the_reference(values: list[str]) -> None:
    # The in-engine test (guarded for speed) flags exactly what the plain Python test flags.
    import ibis

    from ggzregio.claims.pipeline import duckdb_connection
    from ggzregio.claims.run import bsn_like

    table = ibis.memtable(pd.DataFrame({"i": range(len(values)), "person_id": values}))
    query = table.mutate(b=bsn_like(table["person_id"])).order_by("i")
    flagged = duckdb_connection().to_pandas(query)["b"]
    assert flagged.tolist() == passes_eleven_test(values).tolist()


def test_identifier_columns_and_ids_are_refused() -> None:
    names = ["person_id", "BSN", "Geboorte_datum", "birth_year", "Achternaam", "pc4", "street-name"]
    assert identifier_columns(names) == ["BSN", "Geboorte_datum", "Achternaam", "street-name"]
    problems = identifier_problems(
        "persons.csv", ["person_id", "naam"], ["P01", "111222333", "P02"]
    )
    assert [p.rule for p in problems] == ["claims.identifier_column", "claims.bsn_like_id"]
    assert problems[1].rows == (3,)  # second record = row 3 of the CSV
    assert "elfproef" in problems[1].message()


def test_default_rules_are_honest_about_assumptions() -> None:
    rules = default_rules()
    assert rules.min_age == 18
    assert [r.id for r in rules.rules] == [
        "specialist_multiyear", "long_stay", "basis_chronic", "antipsychotics_without_contact",
    ]  # fmt: skip
    assert "niet gepubliceerd" in rules.honesty["nl"]
    assumed = {r.id for r in rules.rules if r.assumption}
    assert assumed == {"specialist_multiyear", "long_stay", "antipsychotics_without_contact"}


def test_bad_rule_file_names_every_problem(tmp_path: Path) -> None:
    path = tmp_path / "regels.yaml"
    path.write_text(
        "schema: ggzregio-claims-rules/1\nid: x\nversion: '1'\nrules:\n"
        "  - {id: a, kind: stays, stay_kinds: [hotel], min_days: 10, assumption: true}\n"
        "  - {id: a, kind: dispensings, atc_prefixes: [N05A], assumption: true}\n"
        "  - {id: c, kind: trajectories, products: [specialist], min_minutes_in_year: 1,"
        " min_years_with_care: 3, window_years: 2, typo: 1}\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        load_rules(path)
    found = {(p.key, p.rule) for p in caught.value.problems}
    assert ("rules[0].stay_kinds", "bad_choice") in found
    assert ("rules[1].id", "claims.duplicate_rule") in found
    assert ("rules[1].min_days_supplied", "missing_key") in found
    assert ("rules[2].typo", "unknown_key") in found
    assert ("rules[2].min_years_with_care", "claims.years_exceed_window") in found
    assert ("rules[2].cite", "missing_source") in found


def _read(folder: Path, table: str) -> pd.DataFrame:
    return pd.concat([pd.read_parquet(p) for p in sorted((folder / table).glob("*.parquet"))])


def reference_counts(folder: Path, year: int, rules: RuleSet) -> pd.DataFrame:
    """A plain reading of the rule semantics (docs/claims.md) with pandas: first matching rule
    per adult insured in ``year``, counted per PC4. Small data only; the oracle for the tests."""
    persons = _read(folder, "persons")
    insured = (persons["insured_from"] <= year) & (persons["insured_to"].fillna(9999) >= year)
    adults = persons[insured & (year - persons["birth_year"] >= rules.min_age)].set_index(
        "person_id"
    )
    start, end = pd.Timestamp(f"{year}-01-01"), pd.Timestamp(f"{year}-12-31")
    traj = _read(folder, "trajectories")
    traj["end"] = traj["end"].fillna(end)
    stays = _read(folder, "stays")
    disp = _read(folder, "dispensings")
    active = traj[(traj["start"] <= end) & (traj["end"] >= start)]
    matched: dict[str, str] = {}
    for rule in rules.rules:
        if rule.kind == "trajectories":
            own = traj[traj["product"].isin(rule["products"])]
            in_year = own[(own["start"] <= end) & (own["end"] >= start)]
            minutes = in_year.groupby("person_id")["minutes"].sum()
            first_year = year - rule["window_years"] + 1
            years = set()
            for y in range(first_year, year + 1):
                s, e = pd.Timestamp(f"{y}-01-01"), pd.Timestamp(f"{y}-12-31")
                years |= {
                    (pid, y) for pid in own[(own["start"] <= e) & (own["end"] >= s)]["person_id"]
                }
            count = pd.Series([pid for pid, _ in years]).value_counts()
            ok = minutes[minutes >= rule["min_minutes_in_year"]].index
            hit = set(ok) & set(count[count >= rule["min_years_with_care"]].index)
        elif rule.kind == "stays":
            own = stays[stays["kind"].isin(rule["stay_kinds"])].copy()
            own["end"] = own["end"].fillna(end)
            own = own[(own["start"] <= end) & (own["end"] >= start)]
            hit = set(own[(own["end"] - own["start"]).dt.days >= rule["min_days"]]["person_id"])
        else:
            own = disp[disp["atc"].str.startswith(tuple(rule["atc_prefixes"]))]
            own = own[(own["date"] >= start) & (own["date"] <= end)]
            days = own.groupby("person_id")["days_supplied"].sum()
            hit = set(days[days >= rule["min_days_supplied"]].index)
            if rule["without_ggz_contact"]:
                hit -= set(active["person_id"])
        for pid in hit & set(adults.index):
            matched.setdefault(pid, rule.id)
    found = pd.DataFrame({"person_id": list(matched), "rule": list(matched.values())})
    found["pc4"] = adults.loc[found["person_id"], "pc4"].to_numpy()
    return found.groupby(["pc4", "rule"]).size().unstack(fill_value=0)


def test_synthetic_claims_plant_a_known_population(tmp_path: Path) -> None:
    shape = Shape(
        persons=30_000, pc4_areas=25, chunk_persons=12_000, planted_share=0.03, near_miss_share=0.05
    )
    planted = generate(tmp_path, shape)
    assert sorted(p.name for p in (tmp_path / "persons").iterdir()) == [
        "part-00000.parquet", "part-00001.parquet", "part-00002.parquet",
    ]  # fmt: skip
    assert (tmp_path / "planted.csv").exists()
    found = reference_counts(tmp_path, shape.year, default_rules())
    expected = planted.set_index("pc4")[list(found.columns)]
    assert found.sort_index().equals(expected.sort_index().astype(found.dtypes.iloc[0]))
    assert planted["epa_adults"].sum() == found.to_numpy().sum()
    # Identifiers: the generated pseudonyms never pass the eleven-test.
    ids = pd.read_parquet(tmp_path / "persons" / "part-00000.parquet")["person_id"]
    assert not passes_eleven_test(ids.to_numpy()).any()
    # Near misses exist, so the reference had something to reject.
    traj = _read(tmp_path, "trajectories")
    assert (traj["product"] == "specialist").sum() > 2 * planted["specialist_multiyear"].sum()
    assert np.isclose(
        planted["antipsychotics_without_contact"].sum() / planted["epa_adults"].sum(),
        0.08,
        atol=0.03,
    )


def test_pipeline_on_duckdb_finds_the_planted_population(tmp_path: Path) -> None:
    from ggzregio.claims.pipeline import delineate, duckdb_connection

    shape = Shape(
        persons=40_000, pc4_areas=30, chunk_persons=15_000, planted_share=0.03, near_miss_share=0.05
    )
    planted = generate(tmp_path, shape)
    counts = delineate(
        duckdb_connection(), tmp_path, default_rules(), shape.year, with_eligible=True
    )
    expected = planted.set_index("pc4").sort_index()
    got = counts.per_area.set_index("pc4").sort_index()
    assert got.equals(expected[got.columns].astype("int64"))
    # Per rule: every planted person matches exactly one rule, so matched == added.
    assert counts.per_rule["added"].tolist() == [
        int(planted[r].sum()) for r in counts.per_rule["rule"]
    ]
    assert counts.per_rule["matched"].tolist() == counts.per_rule["added"].tolist()
    # The same counts as the plain pandas reading of the semantics.
    reference = reference_counts(tmp_path, shape.year, default_rules())
    assert int(reference.to_numpy().sum()) == int(got["epa_adults"].sum())
    assert counts.eligible is not None
    assert 0 < counts.eligible < shape.persons


def test_repeated_persons_are_found_across_parquet_parts(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    from ggzregio.claims.pipeline import duckdb_connection
    from ggzregio.claims.run import check_input

    folder = tmp_path / "claims"
    generate(folder, Shape(persons=3_000, pc4_areas=5))
    check_input(duckdb_connection(), folder)  # the synthetic set holds each person once
    first = pq.read_table(folder / "persons" / "part-00000.parquet")
    # Records 2 and 3 of the first part again, in a new part: 2 persons, 2 rows too many.
    pq.write_table(first.slice(1, 2), folder / "persons" / "part-99999.parquet")
    with pytest.raises(InputError) as refused:
        check_input(duckdb_connection(), folder)
    problems = refused.value.problems
    assert {p.rule for p in problems} == {"claims.duplicate_key"}
    assert [(p.file, p.column, p.rows) for p in problems] == [
        ("persons/part-00000.parquet", "person_id", (2, 3)),  # Parquet: first record = row 1
        ("persons/part-99999.parquet", "person_id", (1, 2)),
    ]
    assert problems[0].values == {"n": 2, "ids": 2, "shown": 2}
    assert "komt meer dan eens voor" in problems[0].message()


def test_pc4_codes_are_four_digits(tmp_path: Path) -> None:
    planted = generate(tmp_path, Shape(persons=3_000, pc4_areas=9000, chunk_persons=3_000))
    codes = pd.read_parquet(tmp_path / "persons" / "part-00000.parquet")["pc4"]
    assert codes.str.fullmatch(r"[1-9][0-9]{3}").all()
    assert planted["pc4"].str.len().eq(4).all()


def test_rule_masks_give_first_rule_matches_and_additions() -> None:
    from ggzregio.claims.pipeline import summarise

    rules = load_rules(None)
    names = [r.id for r in rules.rules]
    # People per PC4 and mask (bit i = rule i matches); mask -1: all eligible adults per PC4.
    by_mask = pd.DataFrame(
        {
            "pc4": ["1011", "1011", "2022", "2022", "1011", "2022", "3033"],
            "mask": [0b0011, 0b0010, 0b0001, 0b1100, -1, -1, -1],
            "n": [5, 4, 7, 2, 100, 50, 20],
        }
    )
    counts = summarise(by_mask, rules, 2024)
    area = counts.per_area.set_index("pc4")
    assert area.loc["1011", names].tolist() == [5, 4, 0, 0]  # both rules: the first counts
    assert area.loc["2022", names].tolist() == [7, 0, 2, 0]
    assert area.loc["3033", "epa_adults"] == 0  # adults, no EPA: listed with zero
    assert counts.per_rule["matched"].tolist() == [12, 9, 2, 2]
    assert counts.per_rule["added"].tolist() == [12, 4, 2, 0]
    assert counts.eligible == 170


def test_a_rule_file_holds_at_most_62_rules() -> None:
    from ggzregio.claims.rules import parse_rules

    rule = {"kind": "stays", "stay_kinds": ["bw"], "min_days": 365, "assumption": True}
    doc = {
        "schema": "ggzregio-claims-rules/1",
        "id": "many",
        "version": "1",
        "rules": [{**rule, "id": f"r{i}"} for i in range(63)],
    }
    with pytest.raises(InputError) as caught:
        parse_rules(doc, "veel.yaml")
    assert [p.rule for p in caught.value.problems] == ["claims.too_many_rules"]
    doc["rules"] = doc["rules"][:62]
    assert len(parse_rules(doc, "veel.yaml").rules) == 62
