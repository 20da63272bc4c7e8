"""The same Ibis code on DuckDB and Spark gives identical indicators and alerts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from probanker.risk import services
from probanker.risk.tests.lake_samples import AS_OF, write_lake

pyspark = pytest.importorskip("pyspark", reason="extra spark absent (uv sync --extra spark)")


@pytest.mark.slow
@pytest.mark.django_db
def test_duckdb_and_spark_agree(tmp_path: Path, settings: Any, manager1: Any) -> None:
    from probanker.banking.tests.factories import ContractFactory

    a = ContractFactory()
    b = ContractFactory()
    write_lake(tmp_path, (a.pk, a.party_id), (b.pk, b.party_id))
    signals = services.signals_table()
    results = {}
    for engine in ("duckdb", "spark"):
        con = services.connect(engine)
        accounts, clients = services.compute(con, tmp_path, AS_OF, signals)
        results[engine] = (
            accounts.sort_by("account_id").to_pylist(),
            clients.sort_by("party_id").to_pylist(),
        )
    assert results["spark"][0] == results["duckdb"][0]
    assert results["spark"][1] == results["duckdb"][1]
    assert results["duckdb"][0][0]["rejected_30"] == 2


@pytest.mark.slow
def test_day_masks_agree_on_random_histories(tmp_path: Path) -> None:
    """Spark shifts and sums the 64-bit day masks exactly as DuckDB does."""
    from probanker.risk.tests.test_runs import histories, snapshot, write

    write(tmp_path, histories(seed=5))
    on_duckdb = snapshot(services.connect("duckdb"), tmp_path)
    on_spark = snapshot(services.connect("spark"), tmp_path)
    assert on_spark == on_duckdb
    assert max(row["longest_debit_run_90"] for row in on_duckdb.values()) == 90


@pytest.mark.slow
def test_runs_carried_from_a_snapshot_agree(tmp_path: Path) -> None:
    """Runs carried on from an earlier snapshot are the same on Spark as on DuckDB."""
    import datetime as dt

    from probanker.risk import engine
    from probanker.risk.tests.test_runs import AS_OF as END
    from probanker.risk.tests.test_runs import histories, write

    write(tmp_path, histories(seed=5))
    results = {}
    for name in ("duckdb", "spark"):
        con = services.connect(name)
        balances, movements, _ = engine.read_lake(con, tmp_path)
        earlier = END - dt.timedelta(days=20)
        before = engine.account_snapshot(con, balances, movements, engine.Windows(earlier))
        previous = engine.PreviousRuns(earlier, before)
        table = engine.account_snapshot(con, balances, movements, engine.Windows(END), previous)
        results[name] = table.sort_by("account_id").to_pylist()
    assert results["spark"] == results["duckdb"]
    assert max(row["current_debit_run"] for row in results["duckdb"]) == 110  # 90 + 20 days
