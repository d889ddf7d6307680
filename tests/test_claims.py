"""Tests of frontline.claims: merging figure mentions into claims."""

from __future__ import annotations

import time

import numpy as np
import pandas as pd
import pytest

from frontline.claims import DISAGREEMENT_COLUMNS, build_claims, disagreement, empty_claims
from frontline.vocab import CATEGORIES, TABLE_COLUMNS

# --- helpers ----------------------------------------------------------------------------------


def figure(
    doc_id: str = "d1",
    start: int = 0,
    *,
    category: str = "killed",
    value: int = 10,
    side: str | None = "ukraine",
    claimed_by: str = "article",
    period: tuple[str | None, str | None] = ("2022-03-01", "2022-03-01"),
    **extra: object,
) -> dict[str, object]:
    """One figures-table row; the figure_id follows the contract "<doc_id>:<start>"."""
    row: dict[str, object] = {
        "doc_id": doc_id,
        "figure_id": f"{doc_id}:{start}",
        "category": category,
        "value": value,
        "value_low": pd.NA,
        "value_high": pd.NA,
        "qualifier": "exact",
        "subject": "",
        "side": side,
        "claimed_by": claimed_by,
        "period_start": period[0],
        "period_end": period[1],
        "period_words": "",
        "sentence": "",
        "start": start,
        "end": start + 5,
        "number_text": str(value),
    }
    row.update(extra)
    return row


def figures_frame(*rows: dict[str, object]) -> pd.DataFrame:
    """A figures table in contract column order with datetime periods."""
    frame = pd.DataFrame(list(rows), columns=list(TABLE_COLUMNS["figures"]))
    return frame.assign(
        period_start=pd.to_datetime(frame["period_start"]),
        period_end=pd.to_datetime(frame["period_end"]),
        value_low=frame["value_low"].astype("Int64"),
        value_high=frame["value_high"].astype("Int64"),
    )


def day(text: str) -> pd.Timestamp:
    return pd.Timestamp(text)


def synthetic_figures(n: int, seed: int = 0, *, days: int = 365) -> pd.DataFrame:
    """A large figures table with realistic key cardinalities, built vectorised."""
    rng = np.random.default_rng(seed)
    docs = rng.integers(0, max(n // 8, 1), n)
    doc_ids = pd.Series(docs).map("d{:06d}".format)
    start = pd.Timestamp("2022-01-01") + pd.to_timedelta(rng.integers(0, days, n), unit="D")
    span = pd.to_timedelta(rng.choice([0, 0, 0, 1, 6], n), unit="D")
    frame = pd.DataFrame(
        {
            "doc_id": doc_ids,
            "figure_id": doc_ids + ":" + pd.Series(np.arange(n)).astype(str),
            "category": rng.choice(list(CATEGORIES), n),
            "value": rng.integers(1, 5000, n),
            "side": rng.choice(["russia", "ukraine", "civilians", "separatists", "unknown", "usa"], n),
            "claimed_by": rng.choice(["article", "JFO", "DPR", "Pentagon", ""], n),
            "period_start": start,
            "period_end": start + span,
        }
    )
    undated = rng.random(n) < 0.05
    frame.loc[undated, ["period_start", "period_end"]] = pd.NaT
    return frame


# --- contract ---------------------------------------------------------------------------------


def test_columns_and_dtypes_follow_the_contract() -> None:
    claims = build_claims(figures_frame(figure()))
    assert tuple(claims.columns) == TABLE_COLUMNS["claims"]
    assert claims["value_best"].dtype == "Int64"
    assert claims["n_mentions"].dtype == "int64"
    assert str(claims["period_start"].dtype).startswith("datetime64")


@pytest.mark.parametrize("frame", [pd.DataFrame(), figures_frame()])
def test_empty_input_gives_empty_frame_with_columns(frame: pd.DataFrame) -> None:
    claims = build_claims(frame)
    assert claims.empty
    assert tuple(claims.columns) == TABLE_COLUMNS["claims"]
    assert empty_claims().dtypes.equals(claims.dtypes)


def test_missing_columns_and_negative_tolerance_raise() -> None:
    with pytest.raises(ValueError, match="lacks columns"):
        build_claims(pd.DataFrame({"doc_id": ["a"], "value": [1]}))
    with pytest.raises(ValueError, match="tolerance_days"):
        build_claims(figures_frame(figure()), tolerance_days=-1)


# --- merging ----------------------------------------------------------------------------------


def test_same_category_side_and_overlapping_period_across_articles_merge() -> None:
    frame = figures_frame(
        figure("a", 10, value=12, claimed_by="JFO", period=("2022-03-01", "2022-03-02")),
        figure("b", 40, value=9, claimed_by="article", period=("2022-03-02", "2022-03-03")),
    )
    claims = build_claims(frame)
    assert len(claims) == 1
    row = claims.iloc[0]
    assert row["claim_id"] == "C0001"
    assert (row["category"], row["side"]) == ("killed", "ukraine")
    assert (row["period_start"], row["period_end"]) == (day("2022-03-01"), day("2022-03-03"))
    assert (row["value_min"], row["value_max"], row["value_best"]) == (9, 12, 9)
    assert (row["n_mentions"], row["n_articles"]) == (2, 2)
    assert row["claimants"] == "JFO; article"
    assert row["mention_ids"] == "a:10; b:40"
    assert row["doc_ids"] == "a; b"


def test_mentions_within_one_article_merge_and_count_one_article() -> None:
    claims = build_claims(figures_frame(figure("a", 1, value=5), figure("a", 90, value=5)))
    row = claims.iloc[0]
    assert [row["n_mentions"], row["n_articles"], row["doc_ids"], row["claimants"]] == [2, 1, "a", "article"]


def test_different_side_or_category_does_not_merge() -> None:
    frame = figures_frame(
        figure("a", 1, side="ukraine"),
        figure("b", 1, side="russia"),
        figure("c", 1, side="ukraine", category="wounded"),
    )
    claims = build_claims(frame)
    assert len(claims) == 3
    assert claims[["category", "side"]].values.tolist() == [
        ["killed", "russia"], ["killed", "ukraine"], ["wounded", "ukraine"],
    ]
    assert claims["claim_id"].tolist() == ["C0001", "C0002", "C0003"]


def test_adjacent_days_merge_only_within_tolerance() -> None:
    frame = figures_frame(
        figure("a", 1, period=("2022-03-01", "2022-03-01")),
        figure("b", 1, period=("2022-03-02", "2022-03-02")),
    )
    assert len(build_claims(frame)) == 2
    assert len(build_claims(frame, tolerance_days=1)) == 1


def test_tolerance_chains_periods_further_apart_than_the_tolerance() -> None:
    frame = figures_frame(
        figure("a", 1, value=3, period=("2022-03-01", "2022-03-01")),
        figure("b", 1, value=4, period=("2022-03-03", "2022-03-03")),
        figure("c", 1, value=5, period=("2022-03-05", "2022-03-05")),
        figure("d", 1, value=6, period=("2022-03-09", "2022-03-09")),
    )
    claims = build_claims(frame, tolerance_days=2)
    assert claims["n_mentions"].tolist() == [3, 1]
    assert claims.iloc[0]["period_end"] == day("2022-03-05")
    assert claims.iloc[0]["mention_ids"] == "a:1; b:1; c:1"


def test_long_period_absorbs_later_mentions_it_contains() -> None:
    frame = figures_frame(
        figure("a", 1, value=300, period=("2022-03-01", "2022-03-10")),
        figure("b", 1, value=20, period=("2022-03-02", "2022-03-03")),
        figure("c", 1, value=30, period=("2022-03-09", "2022-03-09")),
        figure("d", 1, value=40, period=("2022-03-11", "2022-03-11")),
    )
    claims = build_claims(frame)
    assert claims["n_mentions"].tolist() == [3, 1]
    assert claims.iloc[0][["value_min", "value_max", "value_best"]].tolist() == [20, 300, 20]


def test_undated_mentions_group_only_with_undated() -> None:
    frame = figures_frame(
        figure("a", 1, value=100, period=(None, None)),
        figure("b", 1, value=150, period=(None, None)),
        figure("c", 1, value=120, period=("2022-03-01", "2022-03-01")),
    )
    claims = build_claims(frame, tolerance_days=10_000)
    assert len(claims) == 2
    dated, undated = claims.iloc[0], claims.iloc[1]
    assert dated["mention_ids"] == "c:1"
    assert pd.isna(undated["period_start"]) and pd.isna(undated["period_end"])
    assert undated[["n_mentions", "value_best", "value_max"]].tolist() == [2, 100, 150]
    assert undated["claim_id"] == "C0002"


def test_half_open_period_is_a_one_day_period() -> None:
    frame = figures_frame(
        figure("a", 1, period=("2022-03-04", None)),
        figure("b", 1, period=(None, "2022-03-04")),
    )
    claims = build_claims(frame)
    assert len(claims) == 1
    assert (claims.iloc[0]["period_start"], claims.iloc[0]["period_end"]) == (day("2022-03-04"),) * 2


def test_value_best_is_the_minimum() -> None:
    frame = figures_frame(*(figure(d, 1, value=v) for d, v in zip("abcd", [40, 7, 19, 7], strict=True)))
    row = build_claims(frame).iloc[0]
    assert (row["value_best"], row["value_min"], row["value_max"]) == (7, 7, 40)


def test_missing_side_is_unknown_and_blank_claimants_are_skipped() -> None:
    frame = figures_frame(
        figure("a", 1, side=None, claimed_by=""), figure("b", 1, side="  ", claimed_by="OSCE")
    )
    claims = build_claims(frame)
    assert claims[["side", "claimants", "n_mentions"]].iloc[0].tolist() == ["unknown", "OSCE", 2]


def test_claim_ids_follow_category_side_period_order() -> None:
    frame = figures_frame(
        figure("a", 1, category="wounded", period=("2022-03-01", "2022-03-01")),
        figure("b", 1, category="killed", side="russia", period=("2022-03-09", "2022-03-09")),
        figure("c", 1, category="killed", side="russia", period=("2022-03-02", "2022-03-02")),
        figure("d", 1, category="killed", side="russia", period=(None, None)),
    )
    claims = build_claims(frame)
    assert claims["claim_id"].tolist() == ["C0001", "C0002", "C0003", "C0004"]
    assert claims["mention_ids"].tolist() == ["c:1", "b:1", "d:1", "a:1"]


def test_deterministic_and_independent_of_row_order() -> None:
    frame = synthetic_figures(3_000, seed=3)
    first = build_claims(frame, tolerance_days=1).to_csv(index=False)
    again = build_claims(frame, tolerance_days=1).to_csv(index=False)
    shuffled = frame.sample(frac=1.0, random_state=7).reset_index(drop=True)
    assert first == again == build_claims(shuffled, tolerance_days=1).to_csv(index=False)


def test_every_mention_lands_in_exactly_one_claim() -> None:
    frame = synthetic_figures(5_000, seed=4)
    claims = build_claims(frame)
    assert claims["n_mentions"].sum() == len(frame)
    ids = "; ".join(claims["mention_ids"]).split("; ")
    assert sorted(ids) == sorted(frame["figure_id"])
    assert claims["claim_id"].is_unique


# --- disagreement -----------------------------------------------------------------------------


def test_disagreement_lists_spread_claims_widest_relative_spread_first() -> None:
    frame = figures_frame(
        figure("a", 1, value=10, side="russia"),
        figure("b", 1, value=1000, side="russia"),
        figure("a", 2, value=10_000, side="ukraine"),
        figure("b", 2, value=12_000, side="ukraine"),
        figure("a", 3, value=5, category="wounded"),
    )
    result = disagreement(build_claims(frame))
    assert tuple(result.columns) == DISAGREEMENT_COLUMNS
    assert result["side"].tolist() == ["russia", "ukraine"]
    assert result["spread"].tolist() == [990, 2000]
    assert result["relative_spread"].tolist() == pytest.approx([0.99, 2000 / 12_000], abs=1e-6)


def test_disagreement_of_empty_or_agreeing_claims_is_empty() -> None:
    assert tuple(disagreement(empty_claims()).columns) == DISAGREEMENT_COLUMNS
    agreeing = build_claims(figures_frame(figure("a", 1), figure("b", 1)))
    assert disagreement(agreeing).empty


# --- scale ------------------------------------------------------------------------------------


@pytest.mark.parametrize("days", [365, 20_000], ids=["dense-periods", "sparse-periods"])
def test_200k_rows_run(days: int, capsys: pytest.CaptureFixture[str]) -> None:
    frame = synthetic_figures(200_000, seed=1, days=days)
    started = time.perf_counter()
    claims = build_claims(frame)
    elapsed = time.perf_counter() - started
    with capsys.disabled():
        print(f"\nbuild_claims: {len(frame):,} figures -> {len(claims):,} claims in {elapsed:.2f}s")
    assert claims["n_mentions"].sum() == len(frame)


# --- streaming ----------------------------------------------------------------------------------


@pytest.mark.parametrize("batch_rows", [1, 7, 1_000])
def test_claims_running_across_batches_equal_one_batch(batch_rows: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """The reducer folds claims that span many streamed batches exactly as if all rows came at once."""
    import frontline.claims as claims_module

    frame = synthetic_figures(2_000, seed=5, days=40)
    expected = build_claims(frame, tolerance_days=1).to_csv(index=False)
    monkeypatch.setattr(claims_module, "_BATCH_ROWS", batch_rows)
    assert build_claims(frame, tolerance_days=1).to_csv(index=False) == expected


def test_claims_from_parquet_equal_build_claims(tmp_path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from frontline.claims import claims_from_parquet

    frame = synthetic_figures(3_000, seed=6)
    path = tmp_path / "figures.parquet"
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), path)
    streamed = pa.concat_tables(list(claims_from_parquet(path, spill_dir=tmp_path / "spill"))).to_pandas()
    expected = build_claims(frame)
    assert streamed["claim_id"].tolist() == expected["claim_id"].tolist()
    assert streamed["mention_ids"].tolist() == expected["mention_ids"].tolist()
    assert pd.to_datetime(streamed["period_start"]).tolist() == expected["period_start"].tolist()
    assert streamed["n_articles"].tolist() == expected["n_articles"].tolist()


def test_duckdb_memory_limit_can_be_raised_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from frontline.tables import connect_duckdb

    monkeypatch.setenv("FRONTLINE_DUCKDB_MEMORY", "1GB")
    con = connect_duckdb()
    try:
        limit = con.execute("SELECT current_setting('memory_limit')").fetchall()[0][0]
    finally:
        con.close()
    number, unit = limit.split()
    assert unit == "MiB" and 900 < float(number) < 1000  # 1 GB = 953.6 MiB; the default 512 MB is 488.2 MiB


def test_duckdb_prints_no_progress_bar() -> None:
    """A long merge must not write a progress bar into stdout (logs, scripted runs that parse the output)."""
    from frontline.tables import connect_duckdb

    con = connect_duckdb()
    try:
        assert con.execute("SELECT current_setting('enable_progress_bar')").fetchall()[0][0] is False
    finally:
        con.close()
