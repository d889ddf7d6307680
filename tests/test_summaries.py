"""The tables the notebooks show, computed from small hand-made contract tables."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from frontline import summaries
from frontline.tables import empty_frame, to_arrow
from frontline.vocab import CATEGORIES, SIDES, TABLE_COLUMNS


def frame(table: str, rows: list[dict]) -> pd.DataFrame:
    return to_arrow(table, rows).to_pandas(date_as_object=False)


@pytest.fixture
def lines() -> pd.DataFrame:
    return frame("lines", [
        {"doc_id": "b", "line_no": 1, "label": "boilerplate", "reason": "navigation", "text": "Menu"},
        {"doc_id": "b", "line_no": 2, "label": "title", "reason": "first headline-shaped line", "text": "Big news"},
        {"doc_id": "b", "line_no": 3, "label": "body", "reason": "article text", "text": "It happened."},
        {"doc_id": "a", "line_no": 1, "label": "title", "reason": "first headline-shaped line", "text": "A title"},
        {"doc_id": "a", "line_no": 2, "label": "boilerplate", "reason": "share widget", "text": "Share"},
        {"doc_id": "a", "line_no": 3, "label": "boilerplate", "reason": "navigation", "text": "Home"},
        {"doc_id": "a", "line_no": 4, "label": "boilerplate", "reason": "navigation", "text": "Top"},
        {"doc_id": "a", "line_no": 5, "label": "body", "reason": "article text", "text": "Text."},
    ])


@pytest.fixture
def articles() -> pd.DataFrame:
    return frame("articles", [
        {"doc_id": "b", "title": "Big news", "published": dt.date(2031, 3, 2), "date_source": "filename",
         "date_evidence": "timestamp in the file name b", "text": "It happened.", "status": "ok"},
        {"doc_id": "a", "title": "A title", "published": None, "date_source": "none", "date_evidence": "",
         "text": 'Olenska said: "We will not start now." He added more.', "status": "ok"},
    ])


def figure(**kw) -> dict:
    base = {"doc_id": "a", "figure_id": "a:0", "category": "killed", "value": 2, "qualifier": "exact",
            "subject": "soldiers", "side": "ukraine", "claimed_by": "army", "period_start": dt.date(2031, 3, 1),
            "period_end": dt.date(2031, 3, 1), "sentence": "Two soldiers were killed.", "start": 0, "end": 3,
            "number_text": "Two"}
    return base | kw


def test_removed_per_article_counts_and_reasons(lines, articles):
    out = summaries.removed_per_article(lines, articles)
    assert list(out["doc_id"]) == ["a", "b"]
    a = out.iloc[0]
    assert (a["lines"], a["body"], a["boilerplate"]) == (5, 1, 3)
    assert a["why_removed"] == "navigation ×2; share widget ×1"
    assert a["title"] == "A title"
    assert a["removed_share"] == pytest.approx(0.6)


def test_removed_per_article_of_empty_table():
    out = summaries.removed_per_article(empty_frame("lines"))
    assert out.empty and "why_removed" in out.columns


def test_removal_reasons_sorted_by_lines(lines):
    out = summaries.removal_reasons(lines)
    assert list(out["reason"]) == ["navigation", "share widget"]
    assert list(out["lines"]) == [3, 1]
    assert list(out["articles"]) == [2, 1]
    assert out.loc[0, "example"] == "Home"


def test_removed_lines_in_article_order(lines):
    out = summaries.removed_lines(lines)
    assert list(zip(out["doc_id"], out["line_no"], strict=True)) == [("a", 2), ("a", 3), ("a", 4), ("b", 1)]


def test_titles_and_date_sources(lines, articles):
    t = summaries.titles(articles, lines)
    assert list(t["doc_id"]) == ["a", "b"]
    assert t.loc[0, "raw_line"] == "A title" and t.loc[0, "line_no"] == 1
    d = summaries.date_sources(articles)
    assert list(d["published"]) == ["", "2031-03-02"]
    counts = summaries.date_source_counts(articles)
    assert dict(zip(counts["date_source"], counts["articles"], strict=True)) == {
        "manifest": 0, "filename": 1, "page": 0, "inferred": 0, "none": 1}


def test_rejected_inputs_sorted():
    rejected = frame("rejected", [{"source": "z.txt", "reason": "binary"}, {"source": "a.txt", "reason": "empty"}])
    assert list(summaries.rejected_inputs(rejected)["source"]) == ["a.txt", "z.txt"]


def test_category_counts_lists_every_category():
    figs = frame("figures", [figure(), figure(value=5, doc_id="b", side="civilians"),
                             figure(category="troops", value=1000)])
    out = summaries.category_counts(figs)
    assert list(out["category"]) == list(CATEGORIES)
    killed = out.set_index("category").loc["killed"]
    assert (killed["mentions"], killed["articles"], killed["smallest"], killed["largest"]) == (2, 2, 2, 5)
    assert killed["sides"] == "civilians 1; ukraine 1"
    assert out.set_index("category").loc["wounded", "mentions"] == 0


def test_category_side_counts_in_vocabulary_order():
    figs = frame("figures", [figure(), figure(side="varenia")])
    out = summaries.category_side_counts(figs)
    assert list(out.columns) == ["category", *SIDES, "varenia"]
    assert out.set_index("category").loc["killed", "ukraine"] == 1


def test_hard_figures_gives_every_reason():
    figs = frame("figures", [
        figure(),  # nothing doubtful
        figure(figure_id="a:1", side="unknown", claimed_by="article", qualifier="vague",
               sentence="Dozens were killed, officials said.", start=10, period_start=None, period_end=None),
        figure(figure_id="a:2", claimed_by="article", sentence="Five were killed.", start=20, qualifier="range"),
    ])
    hard = summaries.hard_figures(figs)
    assert len(hard) == 2
    first = hard.iloc[0]
    assert first["doubts"] == 4
    assert "side unknown" in first["why"] and "reported speech" in first["why"]
    assert "vague quantity" in first["why"] and "no period resolved" in first["why"]
    assert hard.iloc[1]["why"] == "a range, value is its low end"
    counts = summaries.doubt_counts(hard)
    assert counts["figures"].sum() == 5


def test_filter_figures_by_category_and_side():
    figs = frame("figures", [figure(), figure(category="troops"), figure(side="civilians")])
    assert len(summaries.filter_figures(figs, ["killed"], [])) == 2
    assert len(summaries.filter_figures(figs, [], ["civilians"])) == 1
    assert len(summaries.filter_figures(figs, None, None)) == 3
    with pytest.raises(ValueError, match="unknown categories"):
        summaries.filter_figures(figs, ["tanks"])


def statement(**kw) -> dict:
    base = {"doc_id": "a", "statement_id": "a:13", "speaker": "Mira Olenska", "speaker_kind": "person",
            "side": "varenia", "quote": "We will not start now.", "kind": "direct", "cue": "said", "date": None,
            "date_words": "", "attribution": "named", "start": 14, "end": 36}
    return base | kw


def test_statements_per_speaker_and_side():
    st = frame("statements", [statement(), statement(kind="indirect", doc_id="b"),
                              statement(speaker="", side="unknown", statement_id="a:50", start=50, end=60)])
    per = summaries.statements_per_speaker(st)
    assert list(per["speaker"]) == ["Mira Olenska", "(no speaker found)"]
    assert per.iloc[0][["statements", "direct", "indirect", "articles"]].tolist() == [2, 1, 1, 2]
    sides = summaries.statements_per_side(st).set_index("side")
    assert sides.loc["varenia", "statements"] == 2 and sides.loc["unknown", "statements"] == 1
    assert list(sides.index[: len(SIDES)]) == list(SIDES)


def test_quotes_with_context_and_to_check(articles):
    st = frame("statements", [
        statement(),
        statement(speaker="", statement_id="a:40", start=40, end=50),
        statement(attribution="pronoun", statement_id="a:38", start=38, end=50),
        statement(attribution="previous_paragraph", statement_id="a:30", start=30, end=50),
    ])
    ctx = summaries.quotes_with_context(st, articles, width=5)
    assert ctx.loc[0, "context"].startswith("…")
    assert "We will not start now" in ctx.loc[0, "context"]
    check = summaries.quotes_to_check(st, articles)
    assert list(check["check"]) == ["no speaker found", summaries.INDIRECT_ATTRIBUTION["pronoun"],
                                    summaries.INDIRECT_ATTRIBUTION["previous_paragraph"]]


def test_claims_ledger_and_disagreements():
    claims = frame("claims", [
        {"claim_id": "C0002", "category": "killed", "side": "civilians", "period_start": dt.date(2031, 3, 1),
         "period_end": dt.date(2031, 3, 2), "value_min": 10, "value_max": 100, "value_best": 10,
         "n_mentions": 2, "n_articles": 2, "claimants": "army; rebels", "mention_ids": "x; y", "doc_ids": "a; b"},
        {"claim_id": "C0001", "category": "troops", "side": "russia", "period_start": dt.date(2031, 3, 1),
         "period_end": dt.date(2031, 3, 1), "value_min": 5, "value_max": 5, "value_best": 5,
         "n_mentions": 1, "n_articles": 1, "claimants": "army", "mention_ids": "z", "doc_ids": "a"},
    ])
    ledger = summaries.claims_ledger(claims)
    assert list(ledger["claim_id"]) == ["C0001", "C0002"]
    assert ledger.loc[1, "period"] == "2031-03-01 to 2031-03-02"
    dis = summaries.disagreements(claims)
    assert list(dis["claim_id"]) == ["C0002"]
    assert dis.loc[0, "spread"] == 90 and dis.loc[0, "relative_spread"] == pytest.approx(0.9)
    assert summaries.disagreements(empty_frame("claims")).empty


def test_score_tables():
    scores = {"figures_f1": 0.5, "quotes_recall": 0.25, "figures_f1__killed": 1.0, "n_gold_figures__killed": 3,
              "n_gold_figures": 10}
    table = summaries.score_table(scores)
    assert list(table["measure"]) == ["figures_f1", "quotes_recall"]
    cats = summaries.category_scores(scores).set_index("category")
    assert cats.loc["killed", "f1"] == 1.0 and cats.loc["killed", "gold"] == 3
    assert summaries.count_table(scores).to_dict("list") == {"count": ["n_gold_figures"], "value": [10]}


def test_explain_figure_errors():
    missed = pd.DataFrame({"doc_id": ["a", "a", "b"], "category": ["killed", "wounded", "troops"],
                           "value": [2, 7, 9], "qualifier": "exact"})
    spurious = pd.DataFrame({"doc_id": ["a"], "category": ["wounded"], "value": [2]})
    figs = frame("figures", [figure(category="wounded", value=2), figure(category="wounded", value=3)])
    out = summaries.explain_figure_errors({"figures_missed": missed, "figures_spurious": spurious}, figs)
    assert list(out["figures_missed"]["likely cause"]) == [
        "extracted as wounded", "wounded extracted with other values: 2, 3", "no figure extracted in this article"]
    assert list(out["figures_spurious"]["likely cause"]) == ["gold has it as killed"]
    wrong = pd.DataFrame({"field": ["claimed_by", "period_end", "qualifier"],
                          "gold": ["army", "2031-03-01", "approx"],
                          "predicted": ["article", "2031-03-03", "exact"],
                          "sentence": ["Two died, the army said.", "x", "y"]})
    explained = summaries.explain_figure_errors({"figures_mislabelled": wrong}, figs)
    assert list(explained["figures_mislabelled"]["likely cause"]) == [
        "the sentence reports speech, but its speaker was not found",
        "period ends 2 day(s) late: check the time words",
        "hedge read as exact where gold has approx"]


def test_error_overview_lists_every_kind():
    over = summaries.error_overview({"figures_missed": pd.DataFrame({"a": [1, 2]})})
    assert over.set_index("errors").loc["figures_missed", "rows"] == 2
    assert set(summaries.ERROR_EXPLANATIONS) <= set(over["errors"])


def test_bounded():
    df = pd.DataFrame({"x": range(10)})
    shown, cut = summaries.bounded(df, 3)
    assert len(shown) == 3 and cut == 7
    assert summaries.bounded(df, 20)[1] == 0


def test_parse_window_matches_the_cli_rule():
    assert summaries.parse_window(None, None) is None
    assert summaries.parse_window("2031-03-01", None) == (dt.date(2031, 3, 1), dt.date(2999, 12, 31))
    with pytest.raises(ValueError, match="window_end"):
        summaries.parse_window(None, "March")
    with pytest.raises(ValueError, match="after"):
        summaries.parse_window("2031-03-02", "2031-03-01")
    assert summaries.window_text(summaries.parse_window("2031-03-01", None)) == "2031-03-01 to open"


def test_chart_window_closes_open_ends_at_the_data():
    figs = frame("figures", [figure(period_end=dt.date(2031, 3, 5))])
    window = summaries.parse_window("2031-03-01", None)
    assert summaries.chart_window(window, figs) == (dt.date(2031, 3, 1), dt.date(2031, 3, 5))
    assert summaries.chart_window(None, figs) is None


def test_provenance_has_no_timestamps_or_absolute_paths():
    summary = {"counts": {"articles": 3, "figures": 7}, "versions": {"frontline": "0.1.0"},
               "parameters": {"engine": "pandas"}, "timings_seconds": {"total": 1.23}, "warnings": []}
    rows = dict(summaries.provenance(summary, corpus="data/raw/sample", out="data/processed/sample",
                                     window=None, extra={"categories": []}))
    assert rows["counts"] == "3 articles, 7 figures"
    assert rows["frontline version"] == "0.1.0"
    assert rows["categories"] == "all"
    assert "1.23" not in " ".join(rows.values())


def test_every_function_accepts_empty_tables():
    empty = {name: empty_frame(name) for name in TABLE_COLUMNS}
    assert summaries.figure_table(empty["figures"]).empty
    assert summaries.hard_figures(empty["figures"]).empty
    assert summaries.statements_per_speaker(empty["statements"]).empty
    assert summaries.quotes_to_check(empty["statements"], empty["articles"]).empty
    assert summaries.claims_ledger(empty["claims"]).empty
    assert summaries.removal_reasons(empty["lines"]).empty
