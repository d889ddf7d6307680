"""Tests of frontline.charts: aggregations value by value; every chart on small, empty, one-day input."""

from __future__ import annotations

import os

os.environ.setdefault("MPLBACKEND", "Agg")

from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402

import matplotlib.text  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from frontline import charts  # noqa: E402
from frontline.vocab import SIDES, TABLE_COLUMNS  # noqa: E402

# --- helpers: build the three tables ------------------------------------------------------------


def figure(
    doc_id: str = "d1",
    start: int = 0,
    *,
    category: str = "killed",
    value: int = 10,
    side: str = "ukraine",
    claimed_by: str = "article",
    qualifier: str = "exact",
    period: tuple[str | None, str | None] = ("2022-03-01", "2022-03-01"),
    low: int | None = None,
    high: int | None = None,
) -> dict[str, object]:
    return {
        "doc_id": doc_id, "figure_id": f"{doc_id}:{start}", "category": category, "value": value,
        "value_low": low, "value_high": high, "qualifier": qualifier, "subject": "", "side": side,
        "claimed_by": claimed_by, "period_start": period[0], "period_end": period[1], "period_words": "",
        "sentence": "", "start": start, "end": start + 5, "number_text": str(value),
    }


def figures_frame(*rows: dict[str, object]) -> pd.DataFrame:
    frame = pd.DataFrame(list(rows), columns=list(TABLE_COLUMNS["figures"]))
    return frame.assign(
        period_start=pd.to_datetime(frame["period_start"]), period_end=pd.to_datetime(frame["period_end"]),
        value_low=pd.array(frame["value_low"].tolist(), dtype="Int64"),
        value_high=pd.array(frame["value_high"].tolist(), dtype="Int64"),
    )


def statement(
    doc_id: str = "d1",
    n: int = 0,
    *,
    speaker: str = "Volodymyr Zelensky",
    side: str = "ukraine",
    quote: str = "We will defend our country and our people",
    date: str | None = "2022-03-01",
) -> dict[str, object]:
    return {
        "doc_id": doc_id, "statement_id": f"{doc_id}:s{n}", "speaker": speaker, "speaker_kind": "person",
        "side": side, "quote": quote, "kind": "direct", "cue": "said", "date": date, "date_words": "",
        "attribution": "", "start": n * 10, "end": n * 10 + 8,
    }


def statements_frame(*rows: dict[str, object]) -> pd.DataFrame:
    frame = pd.DataFrame(list(rows), columns=list(TABLE_COLUMNS["statements"]))
    return frame.assign(date=pd.to_datetime(frame["date"]))


def article(
    doc_id: str = "d1", published: str | None = "2022-03-01", outlet: str = "Reuters"
) -> dict[str, object]:
    return {
        "doc_id": doc_id, "title": f"Title {doc_id}", "published": published, "date_source": "manifest",
        "date_evidence": "", "outlet": outlet, "url": "", "language": "en", "text": "", "n_words": 100,
        "status": "ok",
    }


def articles_frame(*rows: dict[str, object]) -> pd.DataFrame:
    frame = pd.DataFrame(list(rows), columns=list(TABLE_COLUMNS["articles"]))
    return frame.assign(published=pd.to_datetime(frame["published"]))


def small_tables(days: int = 5, seed: int = 0) -> dict[str, pd.DataFrame]:
    """A handful of articles over ``days`` days with every category, sides, claimants and speakers."""
    rng = np.random.default_rng(seed)
    dates = [f"{d:%Y-%m-%d}" for d in pd.date_range("2022-02-20", periods=days)]
    arts, figs, sts = [], [], []
    for i in range(6):
        doc, date = f"doc{i}", dates[i % days]
        arts.append(article(doc, date, outlet=["Reuters", "TASS", "BBC"][i % 3]))
        for k, cat in enumerate(["killed", "wounded", "shelling_incidents", "places_shelled", "troops"]):
            side = ["ukraine", "russia", "civilians", "separatists"][(i + k) % 4]
            value = 150_000 if cat == "troops" else int(rng.integers(1, 30))
            qualifier = ["exact", "approx", "at_least", "at_most", "range", "vague"][(i + k) % 6]
            ranged = qualifier == "range" and cat == "troops"
            low, high = (value - 10_000, value + 10_000) if ranged else (None, None)
            figs.append(figure(doc, k * 100, category=cat, value=value, side=side, qualifier=qualifier,
                               claimed_by=["article", "Pentagon", "JFO"][i % 3], period=(date, date),
                               low=low, high=high))
        for k, (speaker, side) in enumerate([("Volodymyr Zelensky", "ukraine"), ("Dmitry Peskov", "russia")]):
            sts.append(statement(doc, k, speaker=speaker, side=side, date=date,
                                 quote=f"Statement number {i} by {speaker} about the situation at the front"))
    return {
        "articles": articles_frame(*arts),
        "figures": figures_frame(*figs),
        "statements": statements_frame(*sts),
    }


def texts(fig: Figure) -> list[str]:
    return [t.get_text() for t in fig.findobj(matplotlib.text.Text)]


def caption(fig: Figure) -> str:
    return str(getattr(fig, "frontline_caption", ""))


def legend_labels(fig: Figure) -> list[str]:
    return [t.get_text() for legend in fig.legends for t in legend.get_texts()]


ALL_CHARTS: list[tuple[str, Callable[..., Figure]]] = list(charts.CHARTS.items())


# --- aggregation: figures -----------------------------------------------------------------------


def test_daily_figures_sums_per_date_and_side() -> None:
    frame = figures_frame(
        figure("a", 1, value=5, side="ukraine", period=("2022-03-01", "2022-03-01")),
        figure("b", 1, value=7, side="ukraine", period=("2022-02-28", "2022-03-01")),
        figure("b", 2, value=2, side="russia", period=("2022-03-01", "2022-03-01")),
        figure("c", 1, value=4, side="ukraine", period=("2022-03-02", "2022-03-02")),
        figure("c", 2, value=99, category="wounded", period=("2022-03-02", "2022-03-02")),
    )
    daily = charts.daily_figures(frame, "killed")
    assert tuple(daily.columns) == charts.DAILY_FIGURE_COLUMNS
    assert daily.values.tolist() == [
        [pd.Timestamp("2022-03-01"), "russia", 2, 1, "b"],
        [pd.Timestamp("2022-03-01"), "ukraine", 12, 2, "a; b"],
        [pd.Timestamp("2022-03-02"), "ukraine", 4, 1, "c"],
    ]


def test_daily_figures_counts_a_repeated_figure_once_unless_asked() -> None:
    frame = figures_frame(
        figure("a", 1, value=5), figure("b", 9, value=5), figure("c", 3, value=5, claimed_by="JFO"),
        figure("c", 4, value=6),
    )
    deduped = charts.daily_figures(frame, ["killed"])
    assert deduped[["value", "n_mentions", "doc_ids"]].iloc[0].tolist() == [11, 4, "a; b; c"]
    summed = charts.daily_figures(frame, ["killed"], dedupe=False)
    assert summed["value"].tolist() == [21]


def test_daily_figures_by_claimant_window_span_and_weeks() -> None:
    frame = figures_frame(
        figure("a", 1, value=5, claimed_by="JFO", period=("2022-03-01", "2022-03-01")),
        figure("b", 1, value=3, claimed_by="", period=("2022-03-03", "2022-03-03")),
        figure("c", 1, value=900, period=("2022-01-01", "2022-03-03")),
        figure("d", 1, value=8, period=(None, "2022-03-09")),
        figure("e", 1, value=1, period=(None, None)),
    )
    by_claimant = charts.daily_figures(frame, "killed", by="claimed_by", max_span_days=7)
    assert by_claimant[["date", "group", "value"]].values.tolist() == [
        [pd.Timestamp("2022-03-01"), "JFO", 5],
        [pd.Timestamp("2022-03-03"), "unknown", 3],
        [pd.Timestamp("2022-03-09"), "article", 8],
    ]
    windowed = charts.daily_figures(frame, "killed", window=("2022-03-02", "2022-03-03"))
    assert windowed["value"].tolist() == [903]
    weekly = charts.daily_figures(frame, "killed", freq="W", max_span_days=7)
    assert weekly[["date", "value"]].values.tolist() == [
        [pd.Timestamp("2022-02-28"), 8], [pd.Timestamp("2022-03-07"), 8],
    ]


def test_daily_figures_rejects_unknown_categories_and_handles_empty() -> None:
    with pytest.raises(ValueError, match="unknown categories"):
        charts.daily_figures(figures_frame(figure()), "dead")
    for frame in (pd.DataFrame(), figures_frame()):
        empty = charts.daily_figures(frame, "killed")
        assert empty.empty and tuple(empty.columns) == charts.DAILY_FIGURE_COLUMNS


def test_troop_points_groups_minor_claimants_and_keeps_ranges() -> None:
    frame = figures_frame(
        figure("a", 1, category="troops", value=100_000, claimed_by="Pentagon", period=("2022-02-01", None)),
        figure("b", 1, category="troops", value=130_000, claimed_by="Pentagon", qualifier="range",
               low=120_000, high=140_000, period=("2022-02-03", "2022-02-03")),
        figure("c", 1, category="troops", value=150_000, claimed_by="UK MoD",
               period=("2022-02-05", "2022-02-05")),
        figure("d", 1, category="troops", value=5_000, claimed_by="", period=(None, None)),
    )
    points = charts.troop_points(frame, top=1)
    assert tuple(points.columns) == charts.TROOP_COLUMNS
    assert points["claimant"].tolist() == ["Pentagon", "Pentagon", "other claimants"]
    assert points["value"].tolist() == [100_000, 130_000, 150_000]
    assert points["value_low"].tolist()[1] == 120_000 and pd.isna(points["value_low"].iloc[0])
    marks = charts.collapse_troop_points(pd.concat([points, points]), "W")
    assert marks["n"].tolist() == [2, 2, 2]
    assert marks["date"].tolist() == [pd.Timestamp("2022-01-31")] * 3


# --- aggregation: statements and articles -----------------------------------------------------


def test_daily_statements_counts_statements_and_speakers() -> None:
    frame = statements_frame(
        statement("a", 0, speaker="Putin", side="russia"),
        statement("a", 1, speaker="Peskov", side="russia"),
        statement("b", 0, speaker="Peskov", side="russia"),
        statement("b", 1, speaker="", side="ukraine"),
        statement("c", 0, speaker="Zelensky", date="2022-03-02"),
        statement("c", 1, speaker="Zelensky", date=None),
    )
    daily = charts.daily_statements(frame)
    assert daily.to_dict("records") == [
        {"date": pd.Timestamp("2022-03-01"), "group": "russia", "n_statements": 3, "n_speakers": 2,
         "doc_ids": "a; b"},
        {"date": pd.Timestamp("2022-03-01"), "group": "ukraine", "n_statements": 1, "n_speakers": 0,
         "doc_ids": "b"},
        {"date": pd.Timestamp("2022-03-02"), "group": "ukraine", "n_statements": 1, "n_speakers": 1,
         "doc_ids": "c"},
    ]


def test_top_speakers_ranks_and_takes_latest_quote() -> None:
    frame = statements_frame(
        statement("a", 0, speaker="Peskov", side="russia", quote="old words", date="2022-03-01"),
        statement("b", 0, speaker="Peskov", side="russia", quote="new words here", date="2022-03-04"),
        statement("b", 1, speaker="Peskov", side="unknown", quote="middle", date="2022-03-02"),
        statement("c", 0, speaker="Zelensky", quote="only one", date="2022-03-03"),
        statement("c", 1, speaker="Biden", side="usa", quote="also one", date="2022-03-03"),
        statement("d", 0, speaker="", quote="nobody", date="2022-03-03"),
    )
    top = charts.top_speakers(frame, top=2)
    assert top.to_dict("records") == [
        {"speaker": "Peskov", "n_statements": 3, "side": "russia", "first_date": pd.Timestamp("2022-03-01"),
         "last_date": pd.Timestamp("2022-03-04"), "first_quote": "old words", "last_quote": "new words here"},
        {"speaker": "Biden", "n_statements": 1, "side": "usa", "first_date": pd.Timestamp("2022-03-03"),
         "last_date": pd.Timestamp("2022-03-03"), "first_quote": "also one", "last_quote": "also one"},
    ]
    assert charts.snippet_words("one two three four five six seven") == "one two three four five six …"
    assert charts.snippet_words("short quote") == "short quote"


def test_daily_articles_by_outlet_and_window() -> None:
    frame = articles_frame(
        article("a", "2022-03-01", "Reuters"), article("b", "2022-03-01", "Reuters"),
        article("c", "2022-03-01", ""), article("d", "2022-03-05", "TASS"), article("e", None, "TASS"),
    )
    daily = charts.daily_articles(frame, by="outlet", window=(None, "2022-03-04"))
    assert daily.values.tolist() == [
        [pd.Timestamp("2022-03-01"), "Reuters", 2], [pd.Timestamp("2022-03-01"), "unknown", 1],
    ]
    assert charts.daily_articles(frame)["n_articles"].tolist() == [3, 1]


def test_speaker_dots_count_per_speaker_bin_and_side() -> None:
    rows = pd.DataFrame({
        "date": pd.to_datetime(["2022-03-01", "2022-03-01", "2022-03-02", "2022-03-09"]),
        "group": ["russia", "russia", "russia", "ukraine"], "speaker": ["P", "P", "P", "Z"],
    })
    dots = charts.speaker_dots(rows, "W", order=["Z", "P"])
    assert dots[["speaker", "date", "n", "y"]].values.tolist() == [
        ["P", pd.Timestamp("2022-02-28"), 3, 1], ["Z", pd.Timestamp("2022-03-07"), 1, 0],
    ]


# --- dates and colours --------------------------------------------------------------------------


def test_choose_freq_and_bin_dates() -> None:
    short = pd.Series(pd.date_range("2022-01-01", periods=121))
    assert charts.choose_freq(short) == "D"
    assert charts.choose_freq(pd.Series(pd.date_range("2022-01-01", periods=122))) == "W"
    assert charts.choose_freq(pd.Series(pd.to_datetime(["2014-01-01", "2022-01-01"]))) == "M"
    assert charts.choose_freq(pd.Series([], dtype="datetime64[ns]")) == "D"
    dates = pd.Series(pd.to_datetime(["2022-03-02", "2022-03-06", "2022-03-07"]))
    monday, next_monday = pd.Timestamp("2022-02-28"), pd.Timestamp("2022-03-07")
    assert charts.bin_dates(dates, "W").tolist() == [monday, monday, next_monday]
    assert charts.bin_dates(dates, "M").tolist() == [pd.Timestamp("2022-03-01")] * 3
    with pytest.raises(ValueError):
        charts.bin_dates(dates, "Q")


def test_window_mask_is_inclusive_and_open_ended() -> None:
    dates = charts.as_dates(pd.Series(["2022-03-01 13:00", "2022-03-05", None]))
    assert charts.window_mask(dates, ("2022-03-01", "2022-03-05")).tolist() == [True, True, False]
    assert charts.window_mask(dates, ("2022-03-02", None)).tolist() == [False, True, False]
    assert charts.window_mask(dates, None).tolist() == [True, True, False]


def test_side_colors_fixed_for_vocabulary_and_deterministic_for_new_sides() -> None:
    assert charts.side_colors(["russia"])["russia"] == charts.side_colors(["ukraine", "russia"])["russia"]
    assert set(charts.SIDE_COLORS) == set(SIDES)
    new = charts.side_colors(["ukraine", "usa", "uk", "france", "other"])
    assert new == charts.side_colors(["ukraine", "usa", "uk", "france", "other"])
    assert len(set(new.values())) == len(new)
    assert new["other"] == charts.OTHER_COLOR
    assert list(new) == ["ukraine", "usa", "uk", "france", "other"]


# --- charts -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "chart"), ALL_CHARTS)
def test_chart_on_small_tables(name: str, chart: Callable[..., Figure]) -> None:
    tables = small_tables()
    fig = chart(tables[charts.CHART_INPUTS[name]])
    assert isinstance(fig, Figure)
    assert fig._suptitle is not None and fig._suptitle.get_text()
    cap = caption(fig)
    assert f"{charts.CHART_INPUTS[name]} table" in cap and "rows from" in cap and "articles" in cap
    assert cap.split()[0] == "Shows"
    assert any(cap[:40] in t for t in texts(fig)), "caption drawn on the figure"
    assert charts.NO_DATA not in texts(fig)
    for ax in fig.axes:
        assert ax.get_ylabel()
    assert fig.axes[-1].get_xlabel()
    fig.canvas.draw()


@pytest.mark.parametrize(("name", "chart"), ALL_CHARTS)
@pytest.mark.parametrize(
    "make_empty", [lambda t: t.iloc[:0], lambda t: pd.DataFrame()], ids=["no-rows", "no-columns"]
)
def test_chart_on_empty_input_says_no_data(
    name: str, chart: Callable[..., Figure], make_empty: Callable[[pd.DataFrame], pd.DataFrame]
) -> None:
    fig = chart(make_empty(small_tables()[charts.CHART_INPUTS[name]]))
    assert charts.NO_DATA in texts(fig)
    assert caption(fig) and fig._suptitle.get_text()
    fig.canvas.draw()


@pytest.mark.parametrize(("name", "chart"), ALL_CHARTS)
def test_chart_outside_window_says_no_data(name: str, chart: Callable[..., Figure]) -> None:
    fig = chart(small_tables()[charts.CHART_INPUTS[name]], window=("2030-01-01", "2030-02-01"))
    assert charts.NO_DATA in texts(fig)
    assert "outside the window" in caption(fig)


@pytest.mark.parametrize(("name", "chart"), ALL_CHARTS)
def test_chart_on_a_single_day(name: str, chart: Callable[..., Figure]) -> None:
    fig = chart(small_tables(days=1)[charts.CHART_INPUTS[name]])
    assert charts.NO_DATA not in texts(fig)
    lo, hi = fig.axes[0].get_xlim()
    assert hi - lo >= 2, "a single day is padded so it reads as a day"
    fig.canvas.draw()


def test_long_span_switches_to_weeks() -> None:
    tables = small_tables()
    figs = tables["figures"].copy()
    figs.loc[0, ["period_start", "period_end"]] = pd.Timestamp("2021-06-01")
    fig = charts.casualties_chart(figs)
    assert "per week" in fig.axes[0].get_ylabel() and "per week" in fig._suptitle.get_text()
    assert "Counted per week" in caption(fig)


def test_casualties_chart_panels_and_legend_limits() -> None:
    rows = [figure(f"d{i}", 1, side=f"side{i:02d}", value=i + 1) for i in range(12)]
    rows.append(figure("x", 1, category="wounded", side="civilians", value=3))
    fig = charts.casualties_chart(figures_frame(*rows))
    assert [ax.get_ylabel().split(":")[0] for ax in fig.axes] == ["killed", "wounded"]
    labels = legend_labels(fig)
    assert len(labels) <= charts.MAX_GROUPS + 1 and "other" in labels
    assert "(people per day)" in fig.axes[0].get_ylabel()


def test_casualties_chart_leaves_out_cumulative_totals_and_says_so() -> None:
    total = figure("b", 1, value=14_000, period=("2014-04-01", "2022-03-01"))
    frame = figures_frame(figure("a", 1, value=5), total)
    fig = charts.casualties_chart(frame)
    heights = [p.get_height() for p in fig.axes[0].patches]
    assert heights == [5]
    assert "1 covering more than 7 days" in caption(fig)


def test_troops_chart_markers_ranges_and_thousands() -> None:
    fig = charts.troops_chart(small_tables()["figures"])
    ax = fig.axes[0]
    fig.canvas.draw()
    ticks = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    assert any("," in t for t in ticks)
    labels = legend_labels(fig)
    assert "hedge (marker)" in labels and "at least" in labels and "range (line = low–high)" in labels
    assert ax.collections, "points drawn"


def test_charts_date_undated_rows_by_article_when_given() -> None:
    tables = small_tables()
    sts = tables["statements"].assign(date=pd.NaT)
    assert charts.NO_DATA in texts(charts.statements_chart(sts))
    fig = charts.statements_chart(sts, articles=tables["articles"])
    assert charts.NO_DATA not in texts(fig)
    assert "dated by their article's publication" in caption(fig)


def test_coverage_caption_counts_undated_and_gaps() -> None:
    frame = articles_frame(article("a", "2022-03-01"), article("b", "2022-03-04"), article("c", None))
    cap = caption(charts.coverage_chart(frame))
    assert "1 undated" in cap and "2 days without articles" in cap and "2 rows from 2 articles" in cap


def test_speakers_timeline_annotates_a_bounded_number() -> None:
    rows = [statement(f"d{i}", k, speaker=f"Speaker {i}", quote="one two three four five six seven eight")
            for i in range(12) for k in range(i + 1)]
    fig = charts.speakers_timeline(statements_frame(*rows), top=10, max_annotations=4)
    snippets = [t for t in texts(fig) if t.startswith("“")]
    assert len(snippets) == 4 and snippets[0].startswith("“one two three four five six …”")
    assert len(fig.axes[0].get_yticks()) == 10
    assert fig.axes[0].get_yticklabels()[0].get_text() == "Speaker 11 (12)"


def test_draw_all_uses_the_registry() -> None:
    tables = small_tables()
    figs = charts.draw_all(tables, window=("2022-02-20", "2022-02-22"))
    assert list(figs) == list(charts.CHARTS)
    assert set(charts.CHART_INPUTS) == set(charts.CHARTS)
    assert all(isinstance(f, Figure) for f in figs.values())
    assert set(charts.draw_all({})) == set(charts.CHARTS)


# --- saving -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "chart"), ALL_CHARTS)
def test_save_figure_is_byte_identical(name: str, chart: Callable[..., Figure], tmp_path: Path) -> None:
    table = small_tables()[charts.CHART_INPUTS[name]]
    fig = chart(table)
    first = charts.save_figure(fig, tmp_path / "one", name)
    assert [p.name for p in first] == [f"{name}.png", f"{name}.svg"]
    assert all(p.stat().st_size > 0 for p in first)
    again = charts.save_figure(fig, tmp_path / "two", name)
    fresh = charts.save_figure(chart(table), tmp_path / "three", name)
    for a, b, c in zip(first, again, fresh, strict=True):
        assert a.read_bytes() == b.read_bytes() == c.read_bytes()
    svg = first[1].read_bytes()
    assert b"<dc:date>" not in svg
    assert b"Software" not in first[0].read_bytes()


def test_charts_draw_when_no_article_has_a_date():
    from frontline import charts as ch

    statements = pd.DataFrame({"doc_id": ["a"], "speaker": ["X"], "side": ["unknown"], "quote": ["q q q q"],
                               "kind": ["direct"], "date": [pd.NaT]})
    articles = pd.DataFrame({"doc_id": ["a"], "published": [pd.NaT], "outlet": ["o"]})
    fig = ch.statements_chart(statements, articles=articles)
    assert fig.frontline_caption
