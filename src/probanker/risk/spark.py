"""A Spark session for the risk engine: local mode here, a cluster in production.

Local mode (``local[*]``) needs Java 17; ``SPARK_REMOTE`` (Spark Connect, e.g.
``sc://spark-master:15002``) or ``PROBANKER_SPARK_MASTER`` (e.g. ``yarn``,
``spark://host:7077``) point the same batch at a cluster, with the lake on
object storage (``PROBANKER_LAKE=s3a://bucket/lake``; the cluster brings the
S3 connector and credentials). Settings from STACK_NOTES.md: a temporary
warehouse folder, no UI, few shuffle partitions on one machine.
"""

from __future__ import annotations

import os
import tempfile
from typing import Any

_SESSION: Any = None


def spark_session() -> Any:
    """The process's Spark session (created once)."""
    global _SESSION
    if _SESSION is not None:
        return _SESSION
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:  # pragma: no cover — depends on the installation
        raise RuntimeError(
            "Spark n'est pas installé : uv sync --extra spark (Java 17 requis en mode local)."
        ) from exc
    remote = os.environ.get("SPARK_REMOTE")
    if remote:
        _SESSION = SparkSession.builder.remote(remote).getOrCreate()
        return _SESSION
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    master = os.environ.get("PROBANKER_SPARK_MASTER", "local[*]")
    warehouse = tempfile.mkdtemp(prefix="probanker-spark-")
    builder = (
        SparkSession.builder.master(master)
        .appName("probanker-risk")
        .config("spark.sql.warehouse.dir", warehouse)
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
    )
    if master.startswith("local"):
        builder = builder.config("spark.sql.shuffle.partitions", "4").config(
            "spark.driver.memory", os.environ.get("PROBANKER_SPARK_MEMORY", "4g")
        )
    _SESSION = builder.getOrCreate()
    _SESSION.sparkContext.setLogLevel("ERROR")
    return _SESSION
