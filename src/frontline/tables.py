"""Arrow schemas of the output tables, and reading and writing them atomically.

The schemas fix every column's type so that batches, engines and reruns give byte-identical files.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from .vocab import TABLE_COLUMNS

_STRING = pa.string()
_INT = pa.int64()
_DATE = pa.date32()

_TYPES: dict[str, pa.DataType] = {
    "line_no": _INT, "n_words": _INT, "value": _INT, "value_low": _INT, "value_high": _INT,
    "start": _INT, "end": _INT, "value_min": _INT, "value_max": _INT, "value_best": _INT,
    "n_mentions": _INT, "n_articles": _INT,
    "published": _DATE, "period_start": _DATE, "period_end": _DATE, "date": _DATE,
}


def schema(table: str) -> pa.Schema:
    return pa.schema([(c, _TYPES.get(c, _STRING)) for c in TABLE_COLUMNS[table]])


def to_arrow(table: str, rows: list[dict] | pd.DataFrame | pa.Table) -> pa.Table:
    """Rows (dicts, a frame or an Arrow table) as an Arrow table of the contract's schema, columns in order."""
    sch = schema(table)
    if isinstance(rows, pa.Table):
        return rows.select(sch.names).cast(sch)
    if isinstance(rows, pd.DataFrame):
        frame = rows.reindex(columns=list(sch.names))
        rows = frame.astype(object).where(frame.notna(), None).to_dict("records")
    arrays = {name: [r.get(name) for r in rows] for name in sch.names}
    return pa.table({f.name: pa.array(arrays[f.name], type=f.type) for f in sch}, schema=sch)


def empty_frame(table: str) -> pd.DataFrame:
    return to_arrow(table, []).to_pandas()


# Arrow's CSV writer (ten times pandas'): strings quoted, integers written as integers even beside nulls.
_CSV_OPTIONS = pacsv.WriteOptions(include_header=False, quoting_style="needed")


class TableWriter:
    """Streams batches of one table into ``<name>.parquet`` and ``<name>.csv`` under temporary names."""

    def __init__(self, out_dir: Path, table: str, suffix: str):
        self.table = table
        self.final = {ext: out_dir / f"{table}.{ext}" for ext in ("parquet", "csv")}
        self.temp = {ext: out_dir / f".{table}.{ext}.{suffix}.tmp" for ext in ("parquet", "csv")}
        self._parquet = pq.ParquetWriter(self.temp["parquet"], schema(table), compression="zstd")
        self._csv = self.temp["csv"].open("wb")
        self._csv.write((",".join(schema(table).names) + "\n").encode())
        self.rows = 0

    def write(self, rows: list[dict] | pd.DataFrame | pa.Table) -> None:
        arrow = to_arrow(self.table, rows)
        if arrow.num_rows == 0:
            return
        self._parquet.write_table(arrow)
        pacsv.write_csv(arrow, self._csv, _CSV_OPTIONS)
        self.rows += arrow.num_rows

    def close(self) -> None:
        if not self._csv.closed:
            self._parquet.close()
            self._csv.close()

    def commit(self) -> None:
        """Move the finished files into place (``os.replace`` is atomic per file)."""
        for ext in ("parquet", "csv"):
            os.replace(self.temp[ext], self.final[ext])

    def abort(self) -> None:
        for path in self.temp.values():
            path.unlink(missing_ok=True)


def write_table(out_dir: Path, table: str, rows: list[dict] | pd.DataFrame, suffix: str = "w") -> int:
    writer = TableWriter(out_dir, table, suffix)
    try:
        writer.write(rows)
        writer.close()
        writer.commit()
    except BaseException:
        writer.close()
        writer.abort()
        raise
    return writer.rows


#: What DuckDB may hold in memory (claims merge, repeated-line counts); past it, it spills to disk.
#: A bigger machine can raise it with the environment variable ``FRONTLINE_DUCKDB_MEMORY`` (e.g. "4GB").
DUCKDB_MEMORY_LIMIT = "512MB"


def connect_duckdb(spill_dir: Path | str | None = None):
    """A private in-memory DuckDB with bounded memory that spills to ``spill_dir`` (else the system's temp)."""
    import tempfile

    import duckdb

    spill = Path(spill_dir) if spill_dir else Path(tempfile.gettempdir()) / "frontline-duckdb"
    limit = os.environ.get("FRONTLINE_DUCKDB_MEMORY", "").strip() or DUCKDB_MEMORY_LIMIT
    con = duckdb.connect(config={"memory_limit": limit, "temp_directory": str(spill)})
    con.execute("SET enable_progress_bar = false")  # a long merge would print one on stdout (logs, scripted runs)
    return con


def read_table(out_dir: Path | str, table: str) -> pd.DataFrame:
    """A table from an output folder (Parquet preferred), or an empty frame of the contract."""
    out = Path(out_dir)
    parquet, csv = out / f"{table}.parquet", out / f"{table}.csv"
    if parquet.exists():
        return pq.read_table(parquet).to_pandas(date_as_object=False)
    if csv.exists():
        return pd.read_csv(csv)
    return empty_frame(table)


def read_tables(out_dir: Path | str, names: Iterable[str] = TABLE_COLUMNS) -> dict[str, pd.DataFrame]:
    return {name: read_table(out_dir, name) for name in names}


class BlockTable:
    """Rows for a DuckDB table, sent a block at a time: they wait in ``pending`` (Python) until ``block_rows``
    of them are there, then go to DuckDB, which keeps them within its memory limit and spills to disk past it.
    A table that never filled a block never opens DuckDB (``spilled`` is False), and its owner can answer from
    ``pending`` alone. With a one-column schema, rows are bare values; otherwise tuples in schema order."""

    def __init__(self, name: str, columns: pa.Schema, block_rows: int, spill_dir: Path | str | None = None):
        self.name = name
        self.columns = columns
        self.block_rows = block_rows
        self.spill_dir = spill_dir
        self.pending: list = []
        self._con = None

    @property
    def spilled(self) -> bool:
        return self._con is not None

    def append(self, row) -> None:
        self.pending.append(row)
        if len(self.pending) >= self.block_rows:
            self.flush()

    def extend(self, rows: Iterable) -> None:
        self.pending.extend(rows)
        if len(self.pending) >= self.block_rows:
            self.flush()

    def flush(self) -> None:
        """Send the pending rows to DuckDB (opening it the first time)."""
        if len(self.columns) == 1:
            values = [self.pending]
        else:
            values = list(zip(*self.pending, strict=True)) or [[] for _ in self.columns]
        block = pa.table([pa.array(v, type=f.type) for v, f in zip(values, self.columns, strict=True)],
                         schema=self.columns)
        if self._con is None:
            self._con = connect_duckdb(self.spill_dir)
            self._con.register("block", block)
            self._con.execute(f"CREATE TEMP TABLE {self.name} AS SELECT * FROM block").fetchall()
        else:
            self._con.register("block", block)
            self._con.execute(f"INSERT INTO {self.name} SELECT * FROM block").fetchall()
        self._con.unregister("block")
        self.pending = []

    def query(self, sql: str, parameters: dict | None = None) -> list[tuple]:
        """The rows ``sql`` selects, every row sent first."""
        self.flush()
        return self._con.execute(sql, parameters or {}).fetchall()

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None
