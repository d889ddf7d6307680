"""Running the per-article function on Dask: a local cluster sized to the machine, or an existing one.

The work unit is a batch of documents; results come back in submission order, so the tables written
are identical to the single-process engine's. At most a few batches are in flight at once, which keeps
memory bounded whatever the corpus size.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager


def local_cluster_size() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def _client(scheduler: str | None):
    from dask.distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler), None
    cluster = LocalCluster(n_workers=local_cluster_size(), threads_per_worker=1, processes=True,
                           dashboard_address=None, silence_logs=40)
    return Client(cluster), cluster


def run_on_dask(batches: Iterable[list], ctx, *, scheduler: str | None = None,
                in_flight_per_worker: int = 2) -> Iterator[dict]:
    """Yield ``process_batch`` results in order, computed on Dask workers."""
    from .pipeline import process_batch

    client, cluster = _client(scheduler)
    try:
        n_workers = max(1, len(client.scheduler_info().get("workers", {})) or local_cluster_size())
        ctx_future = client.scatter(ctx, broadcast=True)
        pending: deque = deque()
        limit = n_workers * in_flight_per_worker
        for batch in batches:
            pending.append(client.submit(process_batch, batch, ctx_future, pure=False))
            if len(pending) >= limit:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


@contextmanager
def shared_cluster(engine: str, scheduler: str | None) -> Iterator[str | None]:
    """The scheduler address every step of a report should use: the given one, or one local cluster
    started for the whole report when the Dask engine is asked for without an address."""
    if engine != "dask" or scheduler:
        yield scheduler
        return
    from dask.distributed import LocalCluster

    cluster = LocalCluster(n_workers=local_cluster_size(), threads_per_worker=1, processes=True,
                           dashboard_address=None, silence_logs=40)
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()
