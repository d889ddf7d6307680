"""Merge figure mentions that describe the same thing into claims.

A *claim* is one quantity (a category, about one side, over one period) however many articles repeat
or contest it. Mentions merge when they share category and side and their periods overlap; periods
within ``tolerance_days`` of each other chain into one claim, and undated mentions (no period at all)
merge only with other undated mentions of the same category and side. Like ACLED when reports
conflict, the best value is the most conservative one: the minimum.

Everything is vectorised over one sort of the table, so a million mentions take seconds; the only
Python loop builds the joined id strings, and only for claims with more than one mention.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from frontline.vocab import TABLE_COLUMNS

CLAIM_COLUMNS: tuple[str, ...] = TABLE_COLUMNS["claims"]
DISAGREEMENT_COLUMNS: tuple[str, ...] = (*CLAIM_COLUMNS, "spread", "relative_spread")
REQUIRED_FIGURE_COLUMNS: tuple[str, ...] = (
    "doc_id", "figure_id", "category", "value", "side", "claimed_by", "period_start", "period_end",
)
SEPARATOR = "; "
UNKNOWN_SIDE = "unknown"
NS_PER_DAY = 86_400 * 10**9


def build_claims(figures: pd.DataFrame, *, tolerance_days: int = 0) -> pd.DataFrame:
    """One row per claim, columns exactly ``vocab.TABLE_COLUMNS["claims"]``, in claim_id order.

    claim_ids ("C0001", ...) follow the sort by category, side and period_start (undated last), so the
    same mentions always give the same ids and a byte-identical CSV, whatever their row order.
    """
    if tolerance_days < 0:
        raise ValueError(f"tolerance_days must be >= 0, got {tolerance_days}")
    if figures.empty:
        return empty_claims()
    missing = [c for c in REQUIRED_FIGURE_COLUMNS if c not in figures.columns]
    if missing:
        raise ValueError(f"figures table lacks columns {missing}")
    mentions = _sorted_mentions(figures)
    claim_no = _claim_numbers(mentions, tolerance_days * NS_PER_DAY)
    return _aggregate(mentions, claim_no)


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


# --- steps ------------------------------------------------------------------------------------


def _sorted_mentions(figures: pd.DataFrame) -> pd.DataFrame:
    """Clean the columns the merge needs and sort by category, side, dated-first, period, figure_id."""
    start = _dates(figures["period_start"])
    end = _dates(figures["period_end"])
    # A half-open period is a one-day period; a reversed one is read as its span.
    start, end = start.fillna(end), end.fillna(start)
    lo = start.where(start <= end, end)
    hi = end.where(start <= end, start)
    frame = pd.DataFrame(
        {
            "category": _text(figures["category"], ""),
            "side": _text(figures["side"], UNKNOWN_SIDE),
            "undated": lo.isna().to_numpy(),
            "start": lo,
            "end": hi,
            "value": pd.to_numeric(figures["value"], errors="coerce"),
            "figure_id": _text(figures["figure_id"], ""),
            "doc_id": _text(figures["doc_id"], ""),
            "claimed_by": _text(figures["claimed_by"], ""),
        }
    )
    order = np.lexsort(
        (
            _sort_codes(frame["figure_id"]),
            _day_numbers(frame["end"]),
            _day_numbers(frame["start"]),
            frame["undated"].to_numpy(),
            _sort_codes(frame["side"]),
            _sort_codes(frame["category"]),
        )
    )
    return frame.take(order).reset_index(drop=True)


def _claim_numbers(mentions: pd.DataFrame, tolerance_ns: int) -> np.ndarray:
    """0-based claim number per (sorted) mention: a new claim starts when the key changes or the
    period starts more than the tolerance after the latest end seen so far for that key."""
    key_change = np.zeros(len(mentions), dtype=bool)
    key_change[0] = True
    for col in ("category", "side", "undated"):
        values = mentions[col].to_numpy()
        key_change[1:] |= values[1:] != values[:-1]
    key_no = np.cumsum(key_change)
    start_ns = _nanoseconds(mentions["start"])
    end_ns = _nanoseconds(mentions["end"])
    running_end = pd.Series(end_ns).groupby(key_no, sort=False).cummax().to_numpy()
    gap_break = np.zeros(len(mentions), dtype=bool)
    gap_break[1:] = start_ns[1:] - running_end[:-1] > tolerance_ns
    gap_break &= ~mentions["undated"].to_numpy()
    return np.cumsum(key_change | gap_break) - 1


def _aggregate(mentions: pd.DataFrame, claim_no: np.ndarray) -> pd.DataFrame:
    """Reduce the sorted mentions to one row per claim (claim numbers are contiguous and sorted)."""
    n_claims = int(claim_no[-1]) + 1
    first = np.flatnonzero(np.r_[True, claim_no[1:] != claim_no[:-1]])
    grouped = mentions.groupby(claim_no, sort=True)
    value_min = grouped["value"].min()
    docs = _join_unique(claim_no, mentions["doc_id"].to_numpy(dtype=object), n_claims)
    width = max(4, len(str(n_claims)))
    out = pd.DataFrame(
        {
            "claim_id": [f"C{i:0{width}d}" for i in range(1, n_claims + 1)],
            "category": mentions["category"].to_numpy(dtype=object)[first],
            "side": mentions["side"].to_numpy(dtype=object)[first],
            "period_start": grouped["start"].min().to_numpy(),
            "period_end": grouped["end"].max().to_numpy(),
            "value_min": _int64(value_min),
            "value_max": _int64(grouped["value"].max()),
            "value_best": _int64(value_min),
            "n_mentions": np.diff(np.r_[first, len(claim_no)]).astype("int64"),
            "n_articles": grouped["doc_id"].nunique().to_numpy(dtype="int64"),
            "claimants": _join_unique(claim_no, mentions["claimed_by"].to_numpy(dtype=object), n_claims),
            "mention_ids": _join_contiguous(claim_no, mentions["figure_id"].to_numpy(dtype=object), n_claims),
            "doc_ids": docs,
        }
    )
    return out.astype(_claim_dtypes())


# --- helpers ----------------------------------------------------------------------------------


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


def _join_unique(codes: np.ndarray, values: np.ndarray, n_groups: int) -> np.ndarray:
    """``"; "``-join the sorted distinct non-empty ``values`` of each group."""
    value_codes, uniques = pd.factorize(values, sort=True)
    order = np.lexsort((value_codes, codes))
    codes, value_codes = codes[order], value_codes[order]
    keep = value_codes >= 0
    keep &= np.asarray(uniques, dtype=object)[np.maximum(value_codes, 0)] != ""
    new = np.r_[True, (codes[1:] != codes[:-1]) | (value_codes[1:] != value_codes[:-1])]
    keep &= new
    labels = np.asarray(uniques, dtype=object)
    return _join_contiguous(codes[keep], labels[value_codes[keep]], n_groups)


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


def _text(series: pd.Series, default: str) -> pd.Series:
    """Stripped strings, missing or blank ones replaced by ``default``."""
    out = series.astype("str").fillna(default).str.strip()
    return out.mask(out == "", default)


def _sort_codes(series: pd.Series) -> np.ndarray:
    """Integer codes that sort like the strings (cheaper to lexsort than the strings themselves)."""
    return pd.factorize(series, sort=True)[0]


def _nanoseconds(dates: pd.Series) -> np.ndarray:
    return dates.to_numpy(dtype="datetime64[ns]").view("int64")


def _day_numbers(dates: pd.Series) -> np.ndarray:
    """Sortable integers with NaT last."""
    ns = _nanoseconds(dates)
    return np.where(dates.isna().to_numpy(), np.iinfo("int64").max, ns)


def _int64(values: pd.Series) -> pd.api.extensions.ExtensionArray:
    """Nullable integers (a claim whose mentions all lack a value has no value)."""
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
