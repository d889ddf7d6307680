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


#: Dask settings of the clusters Frontline starts. The workers' statistical profiler samples every
#: task's stack 100 times a second; on this pure-Python work it cost about a tenth of the workers' time
#: (docs/benchmarks.md), and nobody reads those profiles in a batch run.
LOCAL_CLUSTER_CONFIG = {"distributed.worker.profile.enabled": False}


def start_local_cluster():
    """One worker process per core (up to 8), one thread each: the work holds the GIL."""
    import dask
    from dask.distributed import LocalCluster

    with dask.config.set(LOCAL_CLUSTER_CONFIG):
        return LocalCluster(n_workers=local_cluster_size(), threads_per_worker=1, processes=True,
                            dashboard_address=None, silence_logs=40)


def _client(scheduler: str | None):
    from dask.distributed import Client

    if scheduler:
        return Client(scheduler), None
    cluster = start_local_cluster()
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
    cluster = start_local_cluster()
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()
