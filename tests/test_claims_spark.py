"""The same claims pipeline on Apache Spark (PySpark in local mode) gives identical counts."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from ggzregio.claims.pipeline import delineate, duckdb_connection, spark_connection
from ggzregio.claims.rules import default_rules
from ggzregio.claims.run import check_input
from ggzregio.claims.synthetic import Shape, generate
from ggzregio.errors import InputError
from tests.conftest import invoke

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        shutil.which("java") is None, reason="Spark needs Java (scripts/_env.sh installs it)"
    ),
]


@pytest.fixture(scope="module")
def claims(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, pd.DataFrame]:
    folder = tmp_path_factory.mktemp("claims")
    planted = generate(
        folder, Shape(persons=20_000, pc4_areas=30, planted_share=0.03, near_miss_share=0.05)
    )
    return folder, planted


def test_spark_and_duckdb_give_identical_counts(claims: tuple[Path, pd.DataFrame]) -> None:
    folder, planted = claims
    on_spark = delineate(spark_connection(2), folder, default_rules(), 2024, with_eligible=True)
    on_duckdb = delineate(duckdb_connection(), folder, default_rules(), 2024, with_eligible=True)
    spark_areas = on_spark.per_area.sort_values("pc4").reset_index(drop=True)
    duck_areas = on_duckdb.per_area.sort_values("pc4").reset_index(drop=True)
    pd.testing.assert_frame_equal(spark_areas, duck_areas)
    pd.testing.assert_frame_equal(on_spark.per_rule, on_duckdb.per_rule)
    assert on_spark.eligible == on_duckdb.eligible
    assert int(spark_areas["epa_adults"].sum()) == int(planted["epa_adults"].sum())


def test_cli_runs_on_spark(claims: tuple[Path, pd.DataFrame], tmp_path: Path) -> None:
    folder, _ = claims
    target = tmp_path / "telling.csv"
    code, output = invoke(
        "claims",
        "delineate",
        str(folder),
        "--year",
        "2024",
        "--out",
        str(target),
        "--engine",
        "spark",
    )
    assert code == 0, output
    assert '"engine": "spark"' in (tmp_path / "telling.run.json").read_text(encoding="utf-8")


def test_spark_refuses_a_person_twice(claims: tuple[Path, pd.DataFrame], tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    folder = tmp_path / "claims"
    shutil.copytree(claims[0], folder)
    first = pq.read_table(folder / "persons" / "part-00000.parquet")
    pq.write_table(first.slice(0, 1), folder / "persons" / "part-99999.parquet")
    with pytest.raises(InputError) as refused:
        check_input(spark_connection(2), folder)
    assert [(p.rule, p.file, p.column, p.rows) for p in refused.value.problems] == [
        ("claims.duplicate_key", "persons/part-00000.parquet", "person_id", (1,)),
        ("claims.duplicate_key", "persons/part-99999.parquet", "person_id", (1,)),
    ]
