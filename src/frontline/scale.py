"""Running the per-article function on Dask: a local cluster sized to the machine, or an existing one.

The work unit is a batch of inputs as read (the workers decode them, see ``ingest.Pending``); results come
back in submission order, so the tables written are identical to the single-process engine's. At most a
few batches are in flight at once, which keeps memory bounded whatever the corpus size.
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
#: (docs/benchmarks.md), and nobody reads those profiles in a batch run. The system monitor (the dashboard's
#: CPU, memory and disk graphs) reads /proc twice a second in the scheduler, which shares this process with
#: the reading of the corpus and the writing of the tables; every five seconds is enough.
LOCAL_CLUSTER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.admin.system-monitor.disk": False,
}


def start_local_cluster():
    """One worker process per core (up to 8), one thread each: the work holds the GIL."""
    import dask
    from dask.distributed import LocalCluster

    with dask.config.set(LOCAL_CLUSTER_CONFIG):
        return LocalCluster(n_workers=local_cluster_size(), threads_per_worker=1, processes=True,
                            dashboard_address=None, silence_logs=40)


def _warm_up() -> None:
    """Import the extraction (and compile its patterns) before the first batch arrives."""
    from . import figures, pipeline, statements  # noqa: F401


@contextmanager
def dask_client(scheduler: str | None) -> Iterator:
    """A client of ``scheduler``, or of a local cluster started for this run. Its workers start importing the
    extraction at once, so that their start-up overlaps the first pass over the corpus in this process."""
    from dask.distributed import Client

    with shared_cluster("dask", scheduler) as address, Client(address) as client:
        workers = list(client.scheduler_info().get("workers", {}))
        warming = [client.submit(_warm_up, workers=[w], pure=False) for w in workers]
        yield client
        del warming


def map_in_order(client, function, batches: Iterable[list], shared, *, in_flight_per_worker: int = 2) -> Iterator:
    """``function(batch, shared)`` of every batch, computed on the workers of ``client`` and yielded in order.

    ``shared`` is sent to every worker once. A few batches per worker are in flight at a time, which keeps
    memory bounded whatever the corpus size.
    """
    n_workers = max(1, len(client.scheduler_info().get("workers", {})) or local_cluster_size())
    shared_future = client.scatter(shared, broadcast=True)
    pending: deque = deque()
    limit = n_workers * in_flight_per_worker
    for batch in batches:
        pending.append(client.submit(function, batch, shared_future, pure=False))
        if len(pending) >= limit:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


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
