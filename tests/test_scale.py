"""The Dask engine: same tables as one process, on a local cluster or an existing scheduler."""

from __future__ import annotations

import hashlib
from pathlib import Path

import dask
import pytest
from dask.distributed import Client

from frontline.pipeline import ExtractConfig, extract
from frontline.scale import local_cluster_size, shared_cluster

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "raw" / "sample"
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.parquet"))} | {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.csv"))}


def test_shared_cluster_passes_through_without_dask():
    with shared_cluster("pandas", None) as address:
        assert address is None
    with shared_cluster("dask", "tcp://127.0.0.1:1") as address:
        assert address == "tcp://127.0.0.1:1"


@pytest.mark.slow
def test_one_cluster_serves_several_runs_with_identical_tables(tmp_path):
    corpora = [SAMPLE] + ([SEEDS] if SEEDS.is_dir() else [])
    with shared_cluster("dask", None) as address:
        assert address.startswith("tcp://127.0.0.1")
        with Client(address) as client:  # the workers' statistical profiler is off (it slowed them by about a tenth)
            profiling = client.run(lambda: dask.config.get("distributed.worker.profile.enabled"))
        assert profiling and not any(profiling.values())
        for i, corpus in enumerate(corpora):
            config = ExtractConfig(batch_size=2)
            extract(corpus, tmp_path / f"pandas{i}", config, progress=False)
            extract(corpus, tmp_path / f"dask{i}", config, engine="dask", scheduler=address, progress=False)
            assert _digest(tmp_path / f"pandas{i}") == _digest(tmp_path / f"dask{i}")


def test_local_cluster_is_sized_to_the_machine():
    assert 1 <= local_cluster_size() <= 8


@pytest.mark.slow
def test_local_cluster_writes_the_same_bytes_and_lists_rejections_in_input_order(tmp_path):
    """A local cluster (no --scheduler): inputs decoded on the workers, rejections (an empty file, a copy)
    listed in input order, every table byte-identical to one process's."""
    import shutil

    corpus = tmp_path / "corpus"
    shutil.copytree(SAMPLE, corpus, ignore=shutil.ignore_patterns("gold"))
    first = sorted(corpus.glob("*.txt"))[0]
    shutil.copy(first, corpus / "zz_copy.txt")
    (corpus / "0_empty.txt").write_bytes(b"")
    config = ExtractConfig(batch_size=5)
    one = extract(corpus, tmp_path / "pandas", config, progress=False)
    many = extract(corpus, tmp_path / "dask", config, engine="dask", progress=False)
    assert one["counts"] == many["counts"] and one["counts"]["rejected"] == 2
    assert _digest(tmp_path / "pandas") == _digest(tmp_path / "dask")
    rejected = (tmp_path / "dask" / "rejected.csv").read_text(encoding="utf-8").splitlines()[1:]
    assert "0_empty.txt" in rejected[0] and "zz_copy.txt" in rejected[1] and f"duplicate of {first.stem}" in rejected[1]
