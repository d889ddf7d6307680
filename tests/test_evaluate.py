"""Tests of the evaluator: the matching rules of the gold README, and agreement with the reference scorer."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from frontline.evaluate import (
    ERROR_COLUMNS,
    ERROR_TABLES,
    MEASURES,
    check_floors,
    claimant_matches,
    evaluate,
    format_scores,
    load_floors,
    normalize,
    speaker_matches,
    write_evaluation,
)
from frontline.vocab import CATEGORIES, TABLE_COLUMNS

SHARED = Path(os.environ.get("FRONTLINE_SHARED", "/work/shared"))
SCORE_PY = SHARED / "gold" / "score.py"
SEEDS_GOLD = SHARED / "gold" / "seeds"
FLOORS = Path(__file__).parent / "score_floors.json"
FLOOR_MEASURES = (
    "figures_f1", "figures_qualifier_acc", "figures_claimant_acc", "figures_period_acc", "quotes_recall",
    "quotes_precision", "quotes_attribution_acc", "boilerplate_precision", "boilerplate_recall", "title_acc",
    "published_acc",
)
GOLD_COLUMNS = {
    "articles": ("doc_id", "published", "title", "outlet_hint", "language"),
    "lines": ("doc_id", "line_no", "label", "text"),
    "figures": (
        "doc_id", "category", "value", "qualifier", "subject", "side", "claimed_by", "period_start",
        "period_end", "evidence", "required",
    ),
    "quotes": ("doc_id", "speaker", "speaker_aliases", "speaker_kind", "required", "quote_start"),
}
A, B = "000_aaaaaaaaaaaaaaaa", "001_bbbbbbbbbbbbbbbb"

Rows = list[dict]


# ------------------------------------------------------------------------------------------ builders


def write_gold(folder: Path, **tables: Rows) -> Path:
    """Gold CSVs as the annotators write them (only the tables given)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in tables.items():
        columns = [c for c in GOLD_COLUMNS[name] if c != "required" or any("required" in r for r in rows)]
        with (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=columns)
            writer.writeheader()
            writer.writerows({c: r.get(c, "") for c in columns} for r in rows)
    return folder


def write_out(folder: Path, formats: tuple[str, ...] = ("parquet", "csv"), **tables: Rows) -> Path:
    """Output tables as the pipeline writes them (Parquet with CSV beside it)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in tables.items():
        df = pd.DataFrame(rows) if rows else pd.DataFrame(columns=list(TABLE_COLUMNS[name]))
        if "parquet" in formats:
            df.to_parquet(folder / f"{name}.parquet", index=False)
        if "csv" in formats:
            df.to_csv(folder / f"{name}.csv", index=False)
    return folder


def fig(doc: str, category: str, value: int, qualifier: str = "exact", claimed_by: str = "article",
        period_end: str = "2022-02-20", **extra: object) -> dict:
    return {"doc_id": doc, "category": category, "value": value, "qualifier": qualifier,
            "claimed_by": claimed_by, "period_start": period_end, "period_end": period_end,
            "subject": "people", "side": "unknown", "evidence": f"{value} {category}", **extra}


def pred_fig(doc: str, category: str, value: object, qualifier: str = "exact", claimed_by: str = "article",
             period_end: str = "2022-02-20") -> dict:
    return {"doc_id": doc, "category": category, "value": value, "qualifier": qualifier,
            "claimed_by": claimed_by, "period_end": period_end, "sentence": f"Some {value} {category}.",
            "start": 0, "end": 10}


def quote(doc: str, speaker: str, aliases: str, start: str, required: int = 1) -> dict:
    return {"doc_id": doc, "speaker": speaker, "speaker_aliases": aliases, "speaker_kind": "person",
            "required": required, "quote_start": start}


def stmt(doc: str, speaker: str, text: str, kind: str = "direct") -> dict:
    return {"doc_id": doc, "speaker": speaker, "quote": text, "kind": kind, "start": 0, "end": len(text)}


GOLD_ARTICLES = [
    {"doc_id": A, "published": "2022-02-20", "title": "Shelling in Donbas", "language": "en"},
    {"doc_id": B, "published": "2022-02-21", "title": "Troops massed", "language": "en"},
]
GOLD_LINES = [
    {"doc_id": A, "line_no": 1, "label": "boilerplate", "text": "Skip to content"},
    {"doc_id": A, "line_no": 3, "label": "title", "text": "Shelling in Donbas"},
    {"doc_id": A, "line_no": 5, "label": "body", "text": "Two soldiers were killed."},
    {"doc_id": A, "line_no": 6, "label": "boilerplate", "text": "Source link"},
    {"doc_id": B, "line_no": 1, "label": "title", "text": "Troops massed"},
    {"doc_id": B, "line_no": 2, "label": "body", "text": "Five were wounded."},
    {"doc_id": B, "line_no": 4, "label": "boilerplate", "text": "Share this"},
]
GOLD_FIGURES = [
    fig(A, "troops", 100000, "approx", "article"),
    fig(A, "killed", 2, "exact", "Ukrainian Joint Forces Command"),
    fig(B, "wounded", 5, "exact", "Ukrainian army", "2022-02-21"),
    fig(B, "displaced", 30000, "at_least", "Russian state media", "2022-02-21"),
    fig(B, "killed", 10, "vague", "article", "2022-02-21", required=0),
]
GOLD_QUOTES = [
    quote(A, "Sergey Lavrov", "lavrov", "I see no room for compromise here"),
    quote(A, "Dmitry Peskov", "peskov", "We urge you to ask yourself"),
    quote(B, "Volodymyr Zelensky", "zelensky", "We are not afraid of anything"),
    quote(B, "treaty text", "treaty|document", "when one of the parties considers", required=0),
]
GOLD = {"articles": GOLD_ARTICLES, "lines": GOLD_LINES, "figures": GOLD_FIGURES, "quotes": GOLD_QUOTES}


def perfect_prediction(gold: dict[str, Rows]) -> dict[str, Rows]:
    """Output tables that say exactly what the gold says (required figures and quotes only)."""
    return {
        "articles": [{"doc_id": a["doc_id"], "published": a["published"], "title": a["title"]}
                     for a in gold["articles"]],
        "lines": [{"doc_id": r["doc_id"], "line_no": int(r["line_no"]), "label": r["label"],
                   "text": r["text"]} for r in gold["lines"]],
        "figures": [pred_fig(r["doc_id"], r["category"], int(r["value"]), r["qualifier"], r["claimed_by"],
                             r["period_end"])
                    for r in gold["figures"] if str(r.get("required", "1")) != "0"],
        "statements": [stmt(r["doc_id"], r["speaker"], f"“{r['quote_start']} and so on,” they said.")
                       for r in gold["quotes"] if str(r["required"]) == "1"],
    }


def partial_prediction() -> dict[str, Rows]:
    """A prediction with one of each kind of error (the expected numbers are worked out in the tests)."""
    return {
        "articles": [{"doc_id": A, "published": "2022-02-20", "title": "Shelling in Donbas"},
                     {"doc_id": B, "published": "2022-02-20", "title": "Troops massed | Ukraine"}],
        "lines": [
            {"doc_id": A, "line_no": 1, "label": "boilerplate"},
            {"doc_id": A, "line_no": 3, "label": "title"},
            {"doc_id": A, "line_no": 5, "label": "boilerplate"},
            {"doc_id": B, "line_no": 1, "label": "body"},
            {"doc_id": B, "line_no": 2, "label": "body"},
            {"doc_id": B, "line_no": 4, "label": "boilerplate"},
        ],
        "figures": [
            pred_fig(A, "troops", 100000, "exact", ""),  # wrong qualifier; empty claimant = the article
            pred_fig(A, "killed", 2, "exact", "Joint Forces Command", "2022-02-19"),  # wrong period
            pred_fig(B, "wounded", 5, "exact", "the Ukrainian army", "2022-02-21"),
            pred_fig(B, "wounded", 5, "exact", "the Ukrainian army", "2022-02-21"),  # duplicate: spurious
            pred_fig(B, "killed", 10, "vague", "article", "2022-02-21"),  # absorbed by the optional row
            pred_fig(B, "troops", 7),  # spurious
            pred_fig("999_not_in_gold", "troops", 5),  # another article: ignored
            pred_fig(A, "tanks", 12),  # not a scored category: ignored
        ],
        "statements": [
            stmt(A, "Foreign Minister Sergei Lavrov", "“I see no room for compromise here,” he said."),
            stmt(A, "Maria Zakharova", "We urge you to ask yourself the question"),  # misattributed
            stmt(B, "Volodymyr Zelensky", "We are not afraid of anything at all", kind="indirect"),  # ignored
            stmt(B, "Zelensky", "Absolutely false claims"),  # three words: ignored
            stmt(B, "treaty", "when one of the parties considers it necessary", kind="partial"),  # optional
            stmt(B, "Jen Psaki", "This is a sentence nobody annotated"),  # spurious
        ],
    }


def run(tmp_path: Path, pred: dict[str, Rows], gold: dict[str, Rows] | None = None, **kw: object):
    out = write_out(tmp_path / "out", **pred, **kw)
    gold_dir = write_gold(tmp_path / "gold", **(GOLD if gold is None else gold))
    return evaluate(out, gold_dir)


# ------------------------------------------------------------------------------------------ whole runs


def test_perfect_prediction_scores_one(tmp_path: Path) -> None:
    ev = run(tmp_path, perfect_prediction(GOLD))
    for measure in MEASURES:
        assert ev.scores[measure] == 1.0, measure
    assert all(ev.errors[name].empty for name in ERROR_TABLES)
    assert ev.scores["n_gold_figures"] == 4 and ev.scores["n_gold_figures_optional"] == 1
    assert ev.scores["n_gold_quotes"] == 3


@pytest.mark.skipif(not SEEDS_GOLD.exists(), reason=f"seed gold {SEEDS_GOLD} is absent")
def test_perfect_prediction_of_the_seed_gold_scores_one(tmp_path: Path) -> None:
    gold = {name: pd.read_csv(SEEDS_GOLD / f"{name}.csv", dtype=str, keep_default_na=False).to_dict("records")
            for name in GOLD_COLUMNS}
    ev = evaluate(write_out(tmp_path / "out", **perfect_prediction(gold)), SEEDS_GOLD)
    assert {m: ev.scores[m] for m in MEASURES} == dict.fromkeys(MEASURES, 1.0)


def test_empty_prediction_scores_zero(tmp_path: Path) -> None:
    ev = run(tmp_path, {name: [] for name in ("articles", "lines", "figures", "statements")})
    for measure in MEASURES:
        assert ev.scores[measure] == 0.0, measure
    assert len(ev.errors["figures_missed"]) == 4  # required rows only
    assert len(ev.errors["quotes_missed"]) == 3
    assert len(ev.errors["lines_wrong"]) == 3  # the gold boilerplate lines
    assert len(ev.errors["titles_wrong"]) == 2
    assert len(ev.errors["dates_wrong"]) == 2
    assert ev.errors["figures_spurious"].empty and ev.errors["quotes_spurious"].empty


def test_partial_prediction_scores(tmp_path: Path) -> None:
    s = run(tmp_path, partial_prediction()).scores
    # figures: 3 matched, 2 spurious (duplicate, troops=7), 1 missed (displaced); the optional row absorbs
    # killed=10
    assert (s["figures_precision"], s["figures_recall"], s["figures_f1"]) == (0.6, 0.75, 0.667)
    labels = (s["figures_qualifier_acc"], s["figures_claimant_acc"], s["figures_period_acc"])
    assert labels == (0.667, 1.0, 0.667)
    # quotes: 4 scored statements, 3 matched (one by the optional row); 2 of 3 required found, 1 attributed
    assert (s["quotes_precision"], s["quotes_recall"], s["quotes_f1"]) == (0.75, 0.667, 0.75)
    assert s["quotes_attribution_acc"] == 0.5 and s["quotes_end_to_end"] == 0.333
    # lines: boilerplate tp=2 (A1, B4), fp=1 (A5), fn=1 (A6, not predicted); one title line of two
    assert (s["boilerplate_precision"], s["boilerplate_recall"], s["title_acc"]) == (0.667, 0.667, 0.5)
    assert s["published_acc"] == 0.5


# ------------------------------------------------------------------------------------------ figures


def test_duplicate_predicted_figure_counts_once_as_match_and_once_as_spurious(tmp_path: Path) -> None:
    gold = {"figures": [fig(A, "killed", 2)]}
    ev = run(tmp_path, {"figures": [pred_fig(A, "killed", 2), pred_fig(A, "killed", 2)]}, gold)
    assert ev.scores["n_figures_matched"] == 1 and ev.scores["n_figures_spurious"] == 1
    assert (ev.scores["figures_precision"], ev.scores["figures_recall"]) == (0.5, 1.0)
    spurious = ev.errors["figures_spurious"]
    assert spurious[["doc_id", "category", "value"]].values.tolist() == [[A, "killed", 2]]
    assert spurious["sentence"].tolist() == ["Some 2 killed."]


def test_gold_row_is_matched_once(tmp_path: Path) -> None:
    gold = {"figures": [fig(A, "killed", 2, evidence="two soldiers"),
                        fig(A, "killed", 2, evidence="two civilians")]}
    ev = run(tmp_path, {"figures": [pred_fig(A, "killed", 2)]}, gold)
    assert ev.scores["n_figures_matched"] == 1
    assert (ev.scores["figures_precision"], ev.scores["figures_recall"]) == (1.0, 0.5)
    assert ev.errors["figures_missed"]["evidence"].tolist() == ["two civilians"]


def test_match_needs_same_doc_category_and_value(tmp_path: Path) -> None:
    gold = {"articles": GOLD_ARTICLES, "figures": [fig(A, "killed", 2)]}
    pred = [pred_fig(A, "wounded", 2), pred_fig(A, "killed", 3), pred_fig(B, "killed", 2),
            pred_fig(A, "killed", "2.0")]
    ev = run(tmp_path, {"figures": pred}, gold, formats=("csv",))
    assert ev.scores["n_figures_matched"] == 1 and ev.scores["n_figures_spurious"] == 3


def test_optional_gold_rows_absorb_predictions_without_counting(tmp_path: Path) -> None:
    gold = {"figures": [fig(A, "killed", 2), fig(A, "troops", 5000, required=0)]}
    ev = run(tmp_path, {"figures": [pred_fig(A, "killed", 2), pred_fig(A, "troops", 5000)]}, gold)
    assert (ev.scores["figures_precision"], ev.scores["figures_recall"]) == (1.0, 1.0)
    assert ev.scores["n_gold_figures"] == 1 and ev.scores["n_figures_spurious"] == 0
    missing = run(tmp_path / "miss", {"figures": [pred_fig(A, "killed", 2)]}, gold)
    assert missing.scores["figures_recall"] == 1.0 and missing.errors["figures_missed"].empty


def test_required_rows_are_matched_before_optional_ones(tmp_path: Path) -> None:
    gold = {"figures": [fig(A, "killed", 2, required=0), fig(A, "killed", 2)]}
    ev = run(tmp_path, {"figures": [pred_fig(A, "killed", 2)]}, gold)
    assert ev.scores["n_figures_matched"] == 1 and ev.scores["figures_recall"] == 1.0


def test_mislabelled_figures_name_the_field_and_both_values(tmp_path: Path) -> None:
    ev = run(tmp_path, partial_prediction())
    wrong = ev.errors["figures_mislabelled"]
    assert list(wrong.columns) == list(ERROR_COLUMNS["figures_mislabelled"])
    assert wrong[["category", "field", "gold", "predicted"]].values.tolist() == [
        ["troops", "qualifier", "approx", "exact"],
        ["killed", "period_end", "2022-02-20", "2022-02-19"],
    ]
    assert wrong["sentence"].notna().all() and wrong["evidence"].notna().all()


def test_period_end_accepts_a_datetime_column(tmp_path: Path) -> None:
    gold = {"figures": [fig(A, "killed", 2, period_end="2022-02-20")]}
    row = pred_fig(A, "killed", 2) | {"period_end": pd.Timestamp("2022-02-20")}
    assert run(tmp_path, {"figures": [row]}, gold).scores["figures_period_acc"] == 1.0


def test_per_category_scores(tmp_path: Path) -> None:
    s = run(tmp_path, partial_prediction()).scores
    for cat in CATEGORIES:
        assert {f"figures_f1__{cat}", f"figures_precision__{cat}", f"figures_recall__{cat}"} <= s.keys()
    troops = (s["figures_precision__troops"], s["figures_recall__troops"], s["figures_f1__troops"])
    assert troops == (0.5, 1.0, 0.667)
    assert s["figures_f1__killed"] == 1.0
    assert s["figures_f1__wounded"] == 0.667
    assert (s["figures_recall__displaced"], s["figures_f1__displaced"]) == (0.0, 0.0)
    assert s["figures_f1__shelling_incidents"] == 0.0  # nothing to score: no denominator
    assert s["n_gold_figures__killed"] == 1  # the optional killed row is not counted


@pytest.mark.parametrize(
    ("gold", "predicted", "ok"),
    [
        ("article", "", True),
        ("article", None, True),
        ("article", "Reporter", True),
        ("article", "Pentagon", False),
        ("Ukrainian Joint Forces Command", "Joint Forces Command", True),
        ("Ukrainian Joint Forces Command", "Ukrainian army", False),
        ("Ministry of Defence", "the defence ministry", True),
        ("Lloyd Austin", "Austin", True),
        ("Lloyd Austin", "", False),
    ],
)
def test_claimant_rule(gold: str, predicted: str | None, ok: bool) -> None:
    assert claimant_matches(gold, predicted) is ok


# ------------------------------------------------------------------------------------------ quotes


def test_quote_match_ignores_case_punctuation_and_quote_glyphs(tmp_path: Path) -> None:
    gold = {"quotes": [quote(A, "Andrei Rudenko", "rudenko", "Let’s not speculate. At the moment")]}
    for i, text in enumerate(['"LET\'S not speculate -- at the moment, we have no plans," he said.',
                              "‘Let’s NOT speculate… at the moment’ and more"]):
        ev = run(tmp_path / str(i), {"statements": [stmt(A, "Rudenko", text)]}, gold)
        assert ev.scores["quotes_recall"] == 1.0 and ev.scores["quotes_precision"] == 1.0, text
    reworded = [stmt(A, "Rudenko", "Let us not speculate at the moment")]
    other = run(tmp_path / "x", {"statements": reworded}, gold)
    assert other.scores["quotes_recall"] == 0.0


def test_normalize_straightens_quotes_and_drops_punctuation() -> None:
    assert normalize("“Don’t,” he said — NO!") == "don't he said no"
    assert normalize(None) == ""


def test_short_or_indirect_statements_are_ignored(tmp_path: Path) -> None:
    gold = {"quotes": [quote(A, "Sergey Lavrov", "lavrov", "I see no room for compromise")]}
    pred = [stmt(A, "Lavrov", "I see no room for compromise here."),
            stmt(A, "Lavrov", "Absolutely false, really"),  # three words
            stmt(A, "Lavrov", "nobody wants any war at all", kind="indirect")]
    ev = run(tmp_path, {"statements": pred}, gold)
    assert ev.scores["n_pred_quotes"] == 1 and ev.scores["quotes_precision"] == 1.0
    assert ev.errors["quotes_spurious"].empty
    indirect = [stmt(A, "Lavrov", "I see no room for compromise here", kind="indirect")]
    assert run(tmp_path / "i", {"statements": indirect}, gold).scores["quotes_recall"] == 0.0


def test_one_statement_can_satisfy_several_gold_rows(tmp_path: Path) -> None:
    gold = {"quotes": [quote(A, "Zelensky", "zelensky", "We are not afraid of anything"),
                       quote(A, "Zelensky", "zelensky", "we will not give anything"),
                       quote(A, "Zelensky", "zelensky", "not afraid of anything or anyone", required=0)]}
    text = "We are not afraid of anything or anyone, and we will not give anything to anybody."
    ev = run(tmp_path, {"statements": [stmt(A, "Volodymyr Zelensky", text)]}, gold)
    assert (ev.scores["quotes_recall"], ev.scores["quotes_precision"]) == (1.0, 1.0)


def test_optional_quotes_neither_reward_nor_penalise(tmp_path: Path) -> None:
    gold = {"quotes": [quote(A, "Peskov", "peskov", "never attacked anyone in its history", required=0)]}
    pred = [stmt(A, "x", "Russia never attacked anyone in its history")]
    found = run(tmp_path / "f", {"statements": pred}, gold)
    assert found.scores["n_quotes_spurious"] == 0 and found.scores["quotes_precision"] == 1.0
    assert found.scores["quotes_recall"] == 0.0  # no required rows: no denominator
    assert run(tmp_path / "m", {"statements": []}, gold).errors["quotes_missed"].empty


@pytest.mark.parametrize(
    ("aliases", "speaker", "ok"),
    [
        ("lavrov", "Foreign Minister Sergei Lavrov", True),
        ("lavrov", "LAVROV", True),
        ("lavrov", "Zakharova", False),
        ("lavrov", "", False),
        ("defense ministry|defence ministry", "the Belarusian Defence Ministry", True),
        ("protester", "protesters in Minsk", True),  # contains the alias from a word start
        ("kov", "Peskov", False),  # not from a word start
        ("", "anyone", False),
    ],
)
def test_speaker_alias_rule(aliases: str, speaker: str, ok: bool) -> None:
    assert speaker_matches(aliases, speaker) is ok


def test_attribution_uses_aliases_and_lists_misattributions(tmp_path: Path) -> None:
    ev = run(tmp_path, partial_prediction())
    wrong = ev.errors["quotes_misattributed"]
    assert list(wrong.columns) == list(ERROR_COLUMNS["quotes_misattributed"])
    assert wrong[["doc_id", "gold_speaker", "predicted_speaker"]].values.tolist() == [
        [A, "Dmitry Peskov", "Maria Zakharova"]]
    assert wrong["quote"].tolist() == ["We urge you to ask yourself the question"]
    assert ev.errors["quotes_missed"]["quote_start"].tolist() == ["We are not afraid of anything"]
    assert ev.errors["quotes_spurious"]["quote"].tolist() == ["This is a sentence nobody annotated"]


# ------------------------------------------------------------------------------------------ lines and dates


def test_line_and_date_errors_show_the_text(tmp_path: Path) -> None:
    ev = run(tmp_path, partial_prediction())
    lines = ev.errors["lines_wrong"]
    assert lines[["line_no", "gold_label", "predicted_label", "text"]].values.tolist() == [
        [5, "body", "boilerplate", "Two soldiers were killed."], [6, "boilerplate", "missing", "Source link"]]
    titles = ev.errors["titles_wrong"]
    assert titles[["doc_id", "predicted_label", "text", "predicted_title"]].values.tolist() == [
        [B, "body", "Troops massed", "Troops massed | Ukraine"]]
    dates = ev.errors["dates_wrong"]
    assert dates[["doc_id", "gold_published", "predicted_published", "title"]].values.tolist() == [
        [B, "2022-02-21", "2022-02-20", "Troops massed"]]


def test_published_accepts_timestamps(tmp_path: Path) -> None:
    pred = [{"doc_id": A, "published": pd.Timestamp("2022-02-20"), "title": "x"},
            {"doc_id": B, "published": pd.NaT, "title": "y"}]
    ev = run(tmp_path, {"articles": pred}, {"articles": GOLD_ARTICLES}, formats=("parquet",))
    assert ev.scores["published_acc"] == 0.5


# ------------------------------------------------------------------------------------------ missing tables


def test_missing_predicted_tables_score_zero(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    ev = evaluate(tmp_path / "out", write_gold(tmp_path / "gold", **GOLD))
    assert {m: ev.scores[m] for m in MEASURES} == dict.fromkeys(MEASURES, 0.0)
    assert set(ev.errors) == set(ERROR_TABLES)
    assert len(ev.errors["figures_missed"]) == 4


def test_missing_gold_files_skip_their_measures(tmp_path: Path) -> None:
    ev = run(tmp_path, partial_prediction(), {"figures": GOLD_FIGURES})
    assert ev.scores["figures_f1"] == 0.667
    assert not any(k.startswith(("boilerplate", "title", "quotes", "published")) for k in ev.scores)
    assert set(ev.errors) == set(ERROR_TABLES) and ev.errors["quotes_missed"].empty
    assert evaluate(tmp_path / "out", tmp_path / "no_gold").scores == {}


def test_empty_and_headerless_files_are_empty_tables(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "figures.csv").write_text("")
    (out / "statements.parquet").write_bytes(b"")
    (out / "lines.csv").write_text("doc_id,line_no,label\n")
    ev = evaluate(out, write_gold(tmp_path / "gold", **GOLD))
    assert ev.scores["figures_f1"] == 0.0 and ev.scores["quotes_recall"] == 0.0
    assert ev.scores["boilerplate_recall"] == 0.0


def test_tables_without_some_columns_still_score(tmp_path: Path) -> None:
    pred = {"figures": [{"doc_id": A, "category": "killed", "value": 2}],
            "statements": [{"doc_id": A, "quote": "I see no room for compromise here"}]}  # no kind: direct
    ev = run(tmp_path, pred)
    assert ev.scores["n_figures_matched"] == 1 and ev.scores["figures_qualifier_acc"] == 0.0
    assert ev.scores["n_quotes_found"] == 1 and ev.scores["quotes_attribution_acc"] == 0.0


def test_unusable_predicted_value_is_spurious_not_an_error(tmp_path: Path) -> None:
    pred = {"figures": [pred_fig(A, "killed", 2), pred_fig(A, "killed", "many")]}
    ev = run(tmp_path, pred, {"figures": [fig(A, "killed", 2)]}, formats=("csv",))
    assert ev.scores["n_figures_spurious"] == 1 and ev.scores["figures_recall"] == 1.0


def test_parquet_is_preferred_and_csv_is_the_fallback(tmp_path: Path) -> None:
    csv_only = run(tmp_path / "c", partial_prediction(), formats=("csv",)).scores
    parquet_only = run(tmp_path / "p", partial_prediction(), formats=("parquet",)).scores
    assert csv_only == parquet_only
    out = write_out(tmp_path / "both" / "out", formats=("parquet",), **perfect_prediction(GOLD))
    write_out(out, formats=("csv",), **{name: [] for name in ("articles", "lines", "figures", "statements")})
    assert evaluate(out, write_gold(tmp_path / "both" / "gold", **GOLD)).scores["figures_f1"] == 1.0


# ------------------------------------------------------------------------------------------ writing


def test_write_evaluation_is_complete_and_deterministic(tmp_path: Path) -> None:
    ev = run(tmp_path, partial_prediction())
    path = write_evaluation(ev, tmp_path / "eval")
    assert path == tmp_path / "eval" / "evaluation.json"
    first = path.read_bytes()
    data = json.loads(first)
    assert data == ev.scores and list(data) == sorted(data)
    for name in ERROR_TABLES:
        back = pd.read_parquet(tmp_path / "eval" / "errors" / f"{name}.parquet")
        assert list(back.columns) == list(ERROR_COLUMNS[name])
        assert len(back) == len(ev.errors[name])
        assert len(pd.read_csv(tmp_path / "eval" / "errors" / f"{name}.csv")) == len(ev.errors[name])
    csv_before = (tmp_path / "eval" / "errors" / "figures_mislabelled.csv").read_bytes()
    write_evaluation(run(tmp_path / "again", partial_prediction()), tmp_path / "eval")
    assert path.read_bytes() == first
    assert (tmp_path / "eval" / "errors" / "figures_mislabelled.csv").read_bytes() == csv_before


def test_format_scores_is_a_fixed_width_table(tmp_path: Path) -> None:
    scores = run(tmp_path, partial_prediction()).scores
    text = format_scores(scores)
    rows = {line.split()[0]: line for line in text.splitlines() if line.strip()}
    assert rows["figures_f1"].endswith("0.667") and rows["quotes_recall"].endswith("0.667")
    assert len({len(rows[m]) for m in MEASURES}) == 1
    assert rows["troops"].split()[1:] == ["0.500", "1.000", "0.667", "1"]
    assert rows["n_gold_figures"].split() == ["n_gold_figures", "4"]
    assert format_scores({}).splitlines() == ["measure                       score"]


# ------------------------------------------------------------------------------------------ floors


def test_floors_file_has_every_measure_for_every_set() -> None:
    floors = load_floors(FLOORS)
    assert set(floors) == {"seeds", "sample", "sample_b", "sample_c"}
    for name in ("seeds", "sample", "sample_b", "sample_c"):
        assert set(FLOOR_MEASURES) <= set(floors[name])
        assert all(0.0 <= v <= 1.0 for v in floors[name].values())


@pytest.mark.parametrize("name", ["sample", "sample_b", "sample_c"])
def test_bundled_corpora_meet_their_floors(name: str, tmp_path: Path) -> None:
    """The invented corpora, scored against their gold: the second and third were written by other annotators
    and first scored blind (README), so they check that rules tuned on one corpus carry over."""
    from frontline.pipeline import extract

    corpus = Path(__file__).resolve().parents[1] / "data" / "raw" / name
    extract(corpus, tmp_path / "out", progress=False)
    scores = evaluate(tmp_path / "out", corpus / "gold").scores
    assert check_floors(scores, load_floors(FLOORS)[name]) == []


def test_check_floors_reports_each_measure_below_its_floor() -> None:
    floors = {"figures_f1": 0.5, "quotes_recall": 0.5, "title_acc": 0.9, "published_acc": 0.0, "x_acc": 0.2}
    scores = {"figures_f1": 0.4, "quotes_recall": 0.5, "title_acc": 0.8}
    messages = check_floors(scores, floors)
    assert len(messages) == 3
    assert [m.split(":")[0] for m in messages] == ["figures_f1", "title_acc", "x_acc"]
    assert "0.400" in messages[0] and "0.500" in messages[0]
    assert check_floors(scores, {}) == []


def test_load_floors_rejects_a_malformed_file(tmp_path: Path) -> None:
    bad = tmp_path / "floors.json"
    bad.write_text('{"seeds": [1, 2]}')
    with pytest.raises(ValueError):
        load_floors(bad)
    partial = tmp_path / "partial.json"
    partial.write_text('{"seeds": {"figures_f1": 0.25}}')
    assert load_floors(partial) == {"seeds": {"figures_f1": 0.25}, "sample": {}}


# ------------------------------------------------------------------------------------------ reference scorer


def _scenario_quote_edges() -> tuple[dict[str, Rows], dict[str, Rows]]:
    gold = {"quotes": GOLD_QUOTES + [quote(A, "Lavrov", "lavrov", "no room for compromise", required=0)],
            "articles": GOLD_ARTICLES}
    pred = {"statements": partial_prediction()["statements"] + [
        stmt(A, "Lavrov", "I see NO room for compromise here!"),  # duplicate of a matched statement
        stmt(B, "Zelensky", "“We are not afraid of anything,” he said", kind="partial"),
        stmt(B, None, "nan kind statement of enough words", kind=None),
    ]}
    return pred, gold


def _scenario_figures_only() -> tuple[dict[str, Rows], dict[str, Rows]]:
    return {"figures": partial_prediction()["figures"]}, GOLD


def _scenario_no_required_column() -> tuple[dict[str, Rows], dict[str, Rows]]:
    figures = [{k: v for k, v in r.items() if k != "required"} for r in GOLD_FIGURES[:4]]
    return partial_prediction(), {"figures": figures, "lines": GOLD_LINES}


def _scenario_seeds_perturbed() -> tuple[dict[str, Rows], dict[str, Rows]]:
    gold = {name: pd.read_csv(SEEDS_GOLD / f"{name}.csv", dtype=str, keep_default_na=False).to_dict("records")
            for name in GOLD_COLUMNS}
    pred = perfect_prediction(gold)
    pred["figures"] = pred["figures"][::2] + [pred_fig("004_7b84d3c831185d49", "killed", 2)] * 3
    statements = pred["statements"]
    pred["statements"] = [s | {"speaker": "someone"} if i % 3 == 0 else s for i, s in enumerate(statements)]
    pred["statements"] = pred["statements"][1:] + [stmt("002_7f49537567ae0b10", "x", "four words said here")]
    pred["lines"] = [r | {"label": "body"} if r["line_no"] % 4 == 0 else r for r in pred["lines"]]
    pred["articles"][0]["published"] = "2022-01-01"
    return pred, gold


SCENARIOS: dict[str, Callable[[], tuple[dict[str, Rows], dict[str, Rows]]]] = {
    "perfect": lambda: (perfect_prediction(GOLD), GOLD),
    "empty": lambda: ({n: [] for n in ("articles", "lines", "figures", "statements")}, GOLD),
    "partial": lambda: (partial_prediction(), GOLD),
    "quote_edges": _scenario_quote_edges,
    "figures_only": _scenario_figures_only,
    "no_required_column": _scenario_no_required_column,
    "seeds_perturbed": _scenario_seeds_perturbed,
}


def _reference_scores(out: Path, gold: Path) -> dict[str, float]:
    done = subprocess.run([sys.executable, str(SCORE_PY), str(out), str(gold), "--json"],
                          capture_output=True, text=True, check=True)
    result = json.loads(done.stdout)
    assert not [k for k in result if k.endswith("_error")], result
    return {k: v for k, v in result.items() if isinstance(v, int | float) and not isinstance(v, bool)}


@pytest.mark.skipif(not SCORE_PY.exists(), reason=f"reference scorer {SCORE_PY} is absent (no shared gold)")
@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_agrees_with_the_reference_scorer(tmp_path: Path, scenario: str) -> None:
    pred, gold = SCENARIOS[scenario]()
    out = write_out(tmp_path / "out", **pred)
    gold_dir = write_gold(tmp_path / "gold", **gold)
    reference = _reference_scores(out, gold_dir)
    ours = evaluate(out, gold_dir).scores
    assert reference, "the reference scorer gave no measures"
    assert {k: ours.get(k) for k in reference} == reference
