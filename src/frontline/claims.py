"""Merge figure mentions that describe the same thing into claims.

A *claim* is one quantity (a category, about one side, over one period) however many articles repeat
or contest it. Mentions merge when they share category and side and their periods overlap; periods
within ``tolerance_days`` of each other chain into one claim, and undated mentions (no period at all)
merge only with other undated mentions of the same category and side. Like ACLED when reports
conflict, the best value is the most conservative one: the minimum.

The same merge serves a pandas frame (:func:`build_claims`) and a Parquet figures table read in place
(:func:`claims_from_parquet`, used by the extraction): DuckDB numbers every mention's claim and streams
the mentions sorted by claim, out of core (it spills to disk past its memory limit), and a small reducer
folds that stream into claim rows holding only the claim still open, so a run's memory does not grow
with the corpus.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from frontline.tables import connect_duckdb, to_arrow
from frontline.vocab import TABLE_COLUMNS

CLAIM_COLUMNS: tuple[str, ...] = TABLE_COLUMNS["claims"]
DISAGREEMENT_COLUMNS: tuple[str, ...] = (*CLAIM_COLUMNS, "spread", "relative_spread")
REQUIRED_FIGURE_COLUMNS: tuple[str, ...] = (
    "doc_id", "figure_id", "category", "value", "side", "claimed_by", "period_start", "period_end",
)
SEPARATOR = "; "
UNKNOWN_SIDE = "unknown"
_BATCH_ROWS = 65_536


def build_claims(figures: pd.DataFrame, *, tolerance_days: int = 0) -> pd.DataFrame:
    """One row per claim, columns exactly ``vocab.TABLE_COLUMNS["claims"]``, in claim_id order.

    claim_ids ("C0001", ...) follow the sort by category, side and period_start (undated last), so the
    same mentions always give the same ids and a byte-identical CSV, whatever their row order.
    """
    _check_tolerance(tolerance_days)
    if figures.empty:
        return empty_claims()
    missing = [c for c in REQUIRED_FIGURE_COLUMNS if c not in figures.columns]
    if missing:
        raise ValueError(f"figures table lacks columns {missing}")
    con = connect_duckdb()
    try:
        con.register("figures_input", _typed_mentions(figures))
        frames = list(_claim_frames(con, "figures_input", tolerance_days))
    finally:
        con.close()
    if not frames:
        return empty_claims()
    return pd.concat(frames, ignore_index=True).astype(_claim_dtypes())


def claims_from_parquet(path: Path | str, *, tolerance_days: int = 0,
                        spill_dir: Path | str | None = None) -> Iterator[pa.Table]:
    """The claims of a Parquet figures table, as Arrow tables of the contract, in claim_id order.

    Memory stays under ``tables.DUCKDB_MEMORY_LIMIT`` plus the claim being folded, however many figures
    the table holds.
    """
    _check_tolerance(tolerance_days)
    con = connect_duckdb(spill_dir)
    try:
        source = f"read_parquet('{_sql_text(Path(path))}', file_row_number = true)"
        for frame in _claim_frames(con, source, tolerance_days, row_column="file_row_number"):
            yield to_arrow("claims", frame)
    finally:
        con.close()


def disagreement(claims: pd.DataFrame) -> pd.DataFrame:
    """Claims whose sources give different values, the widest relative spread first.

    ``spread`` = value_max - value_min; ``relative_spread`` = spread / value_max, in (0, 1], so a claim
    reported as both 10 and 1,000 ranks above one reported as 10,000 and 12,000.
    """
    if claims.empty:
        return _empty_frame(DISAGREEMENT_COLUMNS, _disagreement_dtypes())
    vmin = pd.to_numeric(claims["value_min"]).astype("Int64")
    vmax = pd.to_numeric(claims["value_max"]).astype("Int64")
    keep = (vmax > vmin).fillna(False).astype(bool)
    out = claims.loc[keep, list(CLAIM_COLUMNS)].copy()
    spread = (vmax[keep] - vmin[keep]).astype("Int64")
    out["spread"] = spread
    out["relative_spread"] = (spread.astype("float64") / vmax[keep].astype("float64")).round(6)
    out = out.sort_values(
        ["relative_spread", "spread", "claim_id"], ascending=[False, False, True], kind="stable"
    )
    return out.reset_index(drop=True)


def empty_claims() -> pd.DataFrame:
    """The claims table with no rows but the contract's columns and dtypes."""
    return _empty_frame(CLAIM_COLUMNS, _claim_dtypes())


# --- the merge ---------------------------------------------------------------------------------

#: Python's ``str.strip()`` whitespace, so SQL trims text exactly as pandas would.
_WHITESPACE = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())
_ORDER = "lo, hi, figure_id, row_no"  # within one key: period, then figure id, then input order

_NUMBER_SQL = """
CREATE OR REPLACE TEMP TABLE numbered AS
WITH src AS (
    SELECT coalesce(nullif(trim(CAST(category AS VARCHAR), $ws), ''), '') AS category,
           coalesce(nullif(trim(CAST(side AS VARCHAR), $ws), ''), '{unknown}') AS side,
           CAST(period_start AS TIMESTAMP) AS s0, CAST(period_end AS TIMESTAMP) AS e0,
           CAST(value AS BIGINT) AS value,
           coalesce(trim(CAST(figure_id AS VARCHAR), $ws), '') AS figure_id,
           coalesce(trim(CAST(doc_id AS VARCHAR), $ws), '') AS doc_id,
           coalesce(trim(CAST(claimed_by AS VARCHAR), $ws), '') AS claimed_by,
           {row_column} AS row_no
    FROM {source}
), spans AS (  -- a half-open period is a one-day period; a reversed one is read as its span
    SELECT *, least(coalesce(s0, e0), coalesce(e0, s0)) AS lo, greatest(coalesce(s0, e0), coalesce(e0, s0)) AS hi,
           coalesce(s0, e0) IS NULL AS undated
    FROM src
), chained AS (  -- the latest end seen so far in the key, before this mention
    SELECT *, row_number() OVER (PARTITION BY category, side, undated ORDER BY {order}) AS key_row,
           max(hi) OVER (PARTITION BY category, side, undated ORDER BY {order}
                         ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS seen_end
    FROM spans
)
-- a new claim where the key starts or a dated period starts past the tolerance
SELECT category, side, undated, lo, hi, value, figure_id, doc_id, claimed_by, row_no,
       sum(CASE WHEN key_row = 1 THEN 1 WHEN undated THEN 0
                WHEN date_diff('microsecond', seen_end, lo) > $tolerance_us THEN 1 ELSE 0 END)
           OVER (PARTITION BY category, side, undated ORDER BY {order}
                 ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS part_no
FROM chained
"""

_CLAIM_KEY = ("category", "side", "undated", "part_no")
_SORTED_SQL = f"SELECT * FROM numbered ORDER BY {', '.join(_CLAIM_KEY)}, {_ORDER}"
_COUNT_SQL = f"SELECT count(*) FROM (SELECT DISTINCT {', '.join(_CLAIM_KEY)} FROM numbered)"


def _claim_frames(con, source: str, tolerance_days: int, *, row_column: str = "row_no") -> Iterator[pd.DataFrame]:
    """Claims in claim_id order, a frame per streamed batch of mentions.

    DuckDB numbers every mention's claim and streams the mentions sorted by claim (both out of core);
    :class:`_ClaimReducer` folds the stream into claims, holding only the claim still open.
    """
    number = _NUMBER_SQL.format(source=source, row_column=row_column, order=_ORDER, unknown=UNKNOWN_SIDE)
    con.execute(number, {"ws": _WHITESPACE, "tolerance_us": tolerance_days * 86_400 * 10**6}).fetchall()
    n_claims = con.execute(_COUNT_SQL).fetchall()[0][0]
    if n_claims == 0:
        return
    reducer = _ClaimReducer(width=max(4, len(str(n_claims))))
    with con.sql(_SORTED_SQL).to_arrow_reader(batch_size=_BATCH_ROWS) as reader:
        for batch in reader:
            done = reducer.add(batch.to_pandas(date_as_object=False))
            if done is not None:
                yield done
    last = reducer.finish()
    if last is not None:
        yield last


class _ClaimReducer:
    """Folds mentions sorted by claim into claim rows; a claim may run across many batches."""

    def __init__(self, *, width: int):
        self.width = width
        self.emitted = 0
        self.open: _OpenClaim | None = None

    def add(self, rows: pd.DataFrame) -> pd.DataFrame | None:
        """The claims this batch completes (all but its last one, which may go on in the next batch)."""
        codes = _segment_codes(rows, self.open.key if self.open else None)
        first_end = int(np.searchsorted(codes, 1))
        pieces: list[pd.DataFrame] = []
        if self.open is not None and first_end > 0:
            self.open.extend(rows.iloc[:first_end])
            if first_end < len(rows):
                pieces.append(self.open.frame())
                self.open = None
            rows, codes = rows.iloc[first_end:], codes[first_end:]
        elif self.open is not None:
            pieces.append(self.open.frame())
            self.open = None
        if len(rows):
            last_start = int(np.searchsorted(codes, codes[-1]))
            if last_start > 0:
                pieces.append(_complete_claims(rows.iloc[:last_start], codes[:last_start]))
            self.open = _OpenClaim(rows.iloc[last_start:])
        return self._numbered(pieces)

    def finish(self) -> pd.DataFrame | None:
        pieces = [self.open.frame()] if self.open is not None else []
        self.open = None
        return self._numbered(pieces)

    def _numbered(self, pieces: list[pd.DataFrame]) -> pd.DataFrame | None:
        if not pieces:
            return None
        frame = pd.concat(pieces, ignore_index=True)
        ids = range(self.emitted + 1, self.emitted + len(frame) + 1)
        frame.insert(0, "claim_id", [f"C{i:0{self.width}d}" for i in ids])
        self.emitted += len(frame)
        return frame


class _OpenClaim:
    """The claim the stream is still in: its aggregates so far, with the sets its joined columns need."""

    def __init__(self, rows: pd.DataFrame):
        first = rows.iloc[0]
        self.key = tuple(first[c] for c in _CLAIM_KEY)
        self.lo, self.hi = rows["lo"].min(), rows["hi"].max()
        self.values = [rows["value"].min(), rows["value"].max()]
        self.n = len(rows)
        self.ids = [SEPARATOR.join(rows["figure_id"].tolist())]
        self.docs = set(rows["doc_id"].tolist())
        self.claimants = set(rows["claimed_by"].tolist())

    def extend(self, rows: pd.DataFrame) -> None:
        more = _OpenClaim(rows)
        self.lo, self.hi = _nan_min(self.lo, more.lo), _nan_max(self.hi, more.hi)
        self.values = [_nan_min(self.values[0], more.values[0]), _nan_max(self.values[1], more.values[1])]
        self.n += more.n
        self.ids += more.ids
        self.docs |= more.docs
        self.claimants |= more.claimants

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame([{
            "category": self.key[0], "side": self.key[1], "period_start": self.lo, "period_end": self.hi,
            "value_min": self.values[0], "value_max": self.values[1], "value_best": self.values[0],
            "n_mentions": self.n, "n_articles": len(self.docs),
            "claimants": SEPARATOR.join(sorted(c for c in self.claimants if c)),
            "mention_ids": SEPARATOR.join(self.ids),
            "doc_ids": SEPARATOR.join(sorted(d for d in self.docs if d)),
        }])


def _segment_codes(rows: pd.DataFrame, open_key: tuple | None) -> np.ndarray:
    """Claim number of each row within the batch: 0 for rows that continue ``open_key``, then 1, 2, ..."""
    change = np.zeros(len(rows), dtype=bool)
    if len(rows):
        change[0] = open_key is None
    for i, col in enumerate(_CLAIM_KEY):
        values = rows[col].to_numpy()
        change[1:] |= values[1:] != values[:-1]
        if open_key is not None and len(values):
            change[0] |= values[0] != open_key[i]
    return np.cumsum(change)


def _complete_claims(rows: pd.DataFrame, codes: np.ndarray) -> pd.DataFrame:
    """One row per claim of a run of whole claims (vectorised)."""
    n_claims = int(codes[-1] - codes[0]) + 1
    codes = codes - codes[0]
    first = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]])
    grouped = rows.groupby(codes, sort=True)
    value_min = grouped["value"].min()
    return pd.DataFrame({
        "category": rows["category"].to_numpy(dtype=object)[first],
        "side": rows["side"].to_numpy(dtype=object)[first],
        "period_start": grouped["lo"].min().to_numpy(),
        "period_end": grouped["hi"].max().to_numpy(),
        "value_min": value_min.to_numpy(),
        "value_max": grouped["value"].max().to_numpy(),
        "value_best": value_min.to_numpy(),
        "n_mentions": np.diff(np.r_[first, len(codes)]).astype("int64"),
        "n_articles": grouped["doc_id"].nunique().to_numpy(dtype="int64"),
        "claimants": join_unique(codes, rows["claimed_by"].to_numpy(dtype=object), n_claims),
        "mention_ids": _join_contiguous(codes, rows["figure_id"].to_numpy(dtype=object), n_claims),
        "doc_ids": join_unique(codes, rows["doc_id"].to_numpy(dtype=object), n_claims),
    })


def _nan_min(a, b):
    return b if pd.isna(a) else a if pd.isna(b) else min(a, b)


def _nan_max(a, b):
    return b if pd.isna(a) else a if pd.isna(b) else max(a, b)


def _join_contiguous(codes: np.ndarray, values: np.ndarray, n_groups: int) -> np.ndarray:
    """``"; "``-join ``values`` per group of the sorted ``codes``, in their order; "" for no values."""
    out = np.full(n_groups, "", dtype=object)
    if len(codes) == 0:
        return out
    starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]])
    ends = np.r_[starts[1:], len(codes)]
    groups = codes[starts]
    single = ends - starts == 1
    out[groups[single]] = values[starts[single]]
    items = values.tolist()
    multi = ~single
    for g, a, b in zip(groups[multi].tolist(), starts[multi].tolist(), ends[multi].tolist(), strict=True):
        out[g] = SEPARATOR.join(items[a:b])
    return out


def join_unique(codes: np.ndarray, values: np.ndarray, n_groups: int) -> np.ndarray:
    """``"; "``-join the sorted distinct non-empty ``values`` of each group (``codes``: each value's 0-based
    group number, in any order), vectorised over one sort: used for claims and for the charts' daily rows."""
    value_codes, uniques = pd.factorize(values, sort=True)
    order = np.lexsort((value_codes, codes))
    codes, value_codes = codes[order], value_codes[order]
    labels = np.asarray(uniques, dtype=object)
    keep = value_codes >= 0
    keep &= labels[np.maximum(value_codes, 0)] != ""
    keep &= np.r_[True, (codes[1:] != codes[:-1]) | (value_codes[1:] != value_codes[:-1])]
    return _join_contiguous(codes[keep], labels[value_codes[keep]], n_groups)


def _typed_mentions(figures: pd.DataFrame) -> pd.DataFrame:
    """The columns the merge reads, typed the way SQL needs them (dates parsed, values rounded)."""
    texts = {c: figures[c].astype("str") for c in ("category", "side", "figure_id", "doc_id", "claimed_by")}
    return pd.DataFrame({
        **texts,
        "period_start": _dates(figures["period_start"]).to_numpy(),
        "period_end": _dates(figures["period_end"]).to_numpy(),
        "value": _int64(pd.to_numeric(figures["value"], errors="coerce")),
        "row_no": np.arange(len(figures), dtype="int64"),
    })


def _check_tolerance(tolerance_days: int) -> None:
    if tolerance_days < 0:
        raise ValueError(f"tolerance_days must be >= 0, got {tolerance_days}")


def _sql_text(path: Path) -> str:
    return str(path).replace("'", "''")


def _dates(series: pd.Series) -> pd.Series:
    """Datetimes without time zone; unparseable or out-of-range (before 1677, after 2262)
    values become NaT."""
    if pd.api.types.is_datetime64_any_dtype(series):
        out = series
    else:
        out = pd.to_datetime(pd.Series(series, dtype="object"), errors="coerce", format="mixed")
    if getattr(out.dt, "tz", None) is not None:
        out = out.dt.tz_convert(None)
    out = out.where((out >= pd.Timestamp.min) & (out <= pd.Timestamp.max))
    return out.astype("datetime64[ns]")


def _int64(values: pd.Series) -> pd.api.extensions.ExtensionArray:
    """Nullable integers (a mention without a value has no value)."""
    return values.astype("Float64").round().astype("Int64").array


def _claim_dtypes() -> dict[str, str]:
    return {
        "claim_id": "str", "category": "str", "side": "str", "period_start": "datetime64[ns]",
        "period_end": "datetime64[ns]", "value_min": "Int64", "value_max": "Int64", "value_best": "Int64",
        "n_mentions": "int64", "n_articles": "int64", "claimants": "str", "mention_ids": "str",
        "doc_ids": "str",
    }


def _disagreement_dtypes() -> dict[str, str]:
    return {**_claim_dtypes(), "spread": "Int64", "relative_spread": "float64"}


def _empty_frame(columns: tuple[str, ...], dtypes: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=dtypes[c]) for c in columns})
