"""One real Spark session (local[2]) per test module, or a clean skip without pyspark or Java."""
from __future__ import annotations

import os
import shutil

import pytest


@pytest.fixture(scope="module")
def spark():
    pytest.importorskip("pyspark", reason="pyspark is not installed: pip install 'marsad[spark]'")
    if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        pytest.skip("Java is not installed (Spark needs a JDK 17+ on PATH or JAVA_HOME)")
    from marsad.scale.spark import session

    spark = session("local[2]", app_name="marsad-tests")
    yield spark
    spark.stop()
