"""Charts of the figures, statements and articles tables over time.

Two layers: aggregation functions (pure, return DataFrames, tested value by value) and chart functions
(take a table, return a :class:`matplotlib.figure.Figure`). Charts are built on ``Figure`` directly,
not pyplot, so drawing fifty of them in a notebook leaks no global state and no backend is chosen here.

Every chart has a title, unit-bearing axis labels, concise dates, the seaborn "colorblind" palette and a
caption (drawn under the axes and kept as ``fig.frontline_caption``) naming the source table, columns,
row and article counts and what was left out. The layout is computed once when a chart is built and
then frozen, so every save of a chart is byte-identical (see ``_freeze_layout``). Long date spans are
binned per week or month so a 50,000-article corpus reads as well as five articles; empty windows give
a figure that says so.

The numbers are *reported* figures: bars add up what articles say, once per distinct report, and are
not verified counts.
"""

from __future__ import annotations

import textwrap
import zlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import matplotlib as mpl
import matplotlib.colors as mcolors
import matplotlib.dates as mdates
import matplotlib.ticker as mticker
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from frontline.claims import join_unique
from frontline.vocab import CATEGORIES, SIDES, TABLE_COLUMNS

Window = tuple[Any, Any] | None

NO_DATA = "no data in this window"
OTHER = "other"
UNKNOWN = "unknown"
WEEKLY_AFTER_DAYS = 120
MONTHLY_AFTER_DAYS = 3 * 365
MAX_GROUPS = 7
DENSE_POINTS = 800
FREQ_UNITS: dict[str, str] = {"D": "day", "W": "week", "M": "month"}
BAR_WIDTH_DAYS: dict[str, float] = {"D": 0.8, "W": 6.0, "M": 26.0}
DAILY_FIGURE_COLUMNS: tuple[str, ...] = ("date", "group", "value", "n_mentions", "doc_ids")
DAILY_STATEMENT_COLUMNS: tuple[str, ...] = ("date", "group", "n_statements", "n_speakers", "doc_ids")
DAILY_ARTICLE_COLUMNS: tuple[str, ...] = ("date", "group", "n_articles")
SPEAKER_COLUMNS: tuple[str, ...] = (
    "speaker", "n_statements", "side", "first_date", "last_date", "first_quote", "last_quote",
)
TROOP_COLUMNS: tuple[str, ...] = (
    "date", "value", "value_low", "value_high", "qualifier", "claimant", "doc_id", "figure_id",
)
DEDUPE_KEY: tuple[str, ...] = ("category", "group", "side", "period_start", "period_end", "value")

#: Marker per hedge, as the legend explains them (● ◆ ▲ ▼ | ○).
QUALIFIER_MARKERS: dict[str, tuple[str, bool, str]] = {
    "exact": ("o", True, "exact"),
    "approx": ("D", True, "approximate (“about”)"),
    "at_least": ("^", True, "at least"),
    "at_most": ("v", True, "at most"),
    "range": ("|", True, "range (line = low–high)"),
    "vague": ("o", False, "vague (“thousands”)"),
}

_PALETTE: list[str] = [mcolors.to_hex(c) for c in sns.color_palette("colorblind", 10)]
_SIDE_PALETTE_INDEX: dict[str, int] = {
    "ukraine": 0, "russia": 3, "separatists": 1, "belarus": 4, "nato": 9, "civilians": 2, "unknown": 7,
}
#: Fixed colours for the vocabulary's sides; any other side gets a spare colour (see side_colors).
SIDE_COLORS: dict[str, str] = {s: _PALETTE[_SIDE_PALETTE_INDEX[s]] for s in SIDES if s in _SIDE_PALETTE_INDEX}
_SPARE_COLORS: tuple[str, ...] = (_PALETTE[5], _PALETTE[6], _PALETTE[8])
_RANK_COLORS: tuple[str, ...] = tuple(c for i, c in enumerate(_PALETTE) if i != 7)
OTHER_COLOR = "#c7c7c7"
CAPTION_CHARS = 165
CAPTION_POINTS = 7.0
FIG_WIDTH = 10.0


# --- colours ----------------------------------------------------------------------------------


def side_colors(sides: Iterable[str]) -> dict[str, str]:
    """Colour per side: fixed for vocab.SIDES, "other" grey, and unknown sides a colour chosen by a
    hash of the name (stable across charts) among those not already taken in this chart."""
    names = list(dict.fromkeys(sides))
    out = {s: SIDE_COLORS[s] for s in names if s in SIDE_COLORS}
    if OTHER in names:
        out[OTHER] = OTHER_COLOR
    pool = list(_SPARE_COLORS) + [c for s, c in SIDE_COLORS.items() if s != UNKNOWN]
    for name in sorted(n for n in names if n not in out):
        first = zlib.crc32(name.encode("utf-8")) % len(_SPARE_COLORS)
        walk = pool[first:] + pool[:first]
        out[name] = next((c for c in walk if c not in out.values()), walk[0])
    return {n: out[n] for n in names}


def rank_colors(names: Iterable[str]) -> dict[str, str]:
    """Colour per name in the given (ranked) order; "other" grey. For claimants and outlets."""
    out: dict[str, str] = {}
    i = 0
    for name in dict.fromkeys(names):
        if name == OTHER or name.startswith(f"{OTHER} "):
            out[name] = OTHER_COLOR
        else:
            out[name] = _RANK_COLORS[i % len(_RANK_COLORS)]
            i += 1
    return out


# --- dates ------------------------------------------------------------------------------------


def as_dates(values: pd.Series) -> pd.Series:
    """Calendar days (datetime64[ns], midnight, no time zone); unparseable or out-of-range (before
    1677, after 2262) values become NaT. Strings may mix formats ("2022-03-01", "2022-03-01 13:00")."""
    out = values if pd.api.types.is_datetime64_any_dtype(values) else _parse_dates(values)
    if getattr(out.dt, "tz", None) is not None:
        out = out.dt.tz_convert(None)
    out = out.where((out >= pd.Timestamp.min) & (out <= pd.Timestamp.max))
    return out.astype("datetime64[ns]").dt.normalize()


def _parse_dates(values: pd.Series) -> pd.Series:
    return pd.to_datetime(pd.Series(values, dtype="object"), errors="coerce", format="mixed")


def window_mask(dates: pd.Series, window: Window) -> pd.Series:
    """True for dated rows inside the inclusive (start, end) window; either end may be None."""
    mask = dates.notna()
    if window is None:
        return mask
    start, end = window
    if start is not None:
        mask &= dates >= pd.Timestamp(start).normalize()
    if end is not None:
        mask &= dates <= pd.Timestamp(end).normalize()
    return mask


def choose_freq(dates: pd.Series) -> str:
    """"D" for spans up to 120 days, "W" up to three years, else "M": keeps bars countable."""
    dated = dates.dropna()
    if dated.empty:
        return "D"
    span = (dated.max() - dated.min()).days
    if span > MONTHLY_AFTER_DAYS:
        return "M"
    return "W" if span > WEEKLY_AFTER_DAYS else "D"


def bin_dates(dates: pd.Series, freq: str) -> pd.Series:
    """Start of each date's bin: the day, the Monday of its week, or the first of its month."""
    if freq == "D":
        return dates
    if freq == "W":
        return dates - pd.to_timedelta(dates.dt.day_of_week, unit="D")
    if freq == "M":
        return dates - pd.to_timedelta(dates.dt.day - 1, unit="D")
    raise ValueError(f"freq must be one of {sorted(FREQ_UNITS)}, got {freq!r}")


# --- aggregation ------------------------------------------------------------------------------


def daily_figures(
    figures: pd.DataFrame,
    categories: str | Sequence[str],
    *,
    by: str = "side",
    window: Window = None,
    freq: str = "D",
    dedupe: bool = True,
    max_span_days: int | None = None,
) -> pd.DataFrame:
    """Reported figures of ``categories`` summed per date (period_end, else period_start) and group.

    Columns: date, group (the ``by`` column), value (sum), n_mentions, doc_ids. With ``dedupe`` an
    identical figure (same category, group, side, period and value) repeated by several articles or
    sentences adds its value once; n_mentions and doc_ids still count every mention. ``max_span_days``
    leaves out figures whose period is longer (cumulative totals would swamp daily counts).
    """
    rows, _ = _select_figures(figures, categories, by=by, window=window, max_span_days=max_span_days)
    return _aggregate_figures(rows, freq=freq, dedupe=dedupe)


def daily_statements(
    statements: pd.DataFrame, *, by: str = "side", window: Window = None, freq: str = "D"
) -> pd.DataFrame:
    """Statements per date and group: date, group, n_statements, n_speakers, doc_ids."""
    rows, _ = _select_statements(statements, window=window, by=by)
    if rows.empty:
        return _empty(DAILY_STATEMENT_COLUMNS, {"date": "datetime64[ns]", "n_statements": "int64",
                                                "n_speakers": "int64"})
    rows = rows.assign(date=bin_dates(rows["date"], freq))
    named = rows.assign(speaker=rows["speaker"].mask(rows["speaker"] == ""))
    g = named.groupby(["date", "group"], sort=True)
    size = g.size()
    out = pd.DataFrame(
        {"n_statements": size, "n_speakers": g["speaker"].nunique(),
         "doc_ids": _joined_doc_ids(g, named["doc_id"], size.index)}
    ).reset_index()
    return out.astype({"n_statements": "int64", "n_speakers": "int64"})[list(DAILY_STATEMENT_COLUMNS)]


def daily_articles(
    articles: pd.DataFrame, *, by: str | None = None, window: Window = None, freq: str = "D"
) -> pd.DataFrame:
    """Articles per publication date (and ``by`` group, e.g. "outlet"): date, group, n_articles."""
    rows, _ = _select_articles(articles, window=window, by=by)
    if rows.empty:
        return _empty(DAILY_ARTICLE_COLUMNS, {"date": "datetime64[ns]", "n_articles": "int64"})
    rows = rows.assign(date=bin_dates(rows["date"], freq))
    out = rows.groupby(["date", "group"], sort=True)["doc_id"].nunique().rename("n_articles").reset_index()
    return out.astype({"n_articles": "int64"})[list(DAILY_ARTICLE_COLUMNS)]


def top_speakers(statements: pd.DataFrame, *, top: int = 8, window: Window = None) -> pd.DataFrame:
    """The ``top`` most-quoted named speakers among dated statements, most quoted first (ties by name).

    Columns: speaker, n_statements, side (their most frequent), first_date, last_date, first_quote,
    last_quote.
    """
    rows, _ = _select_statements(statements, window=window, by="side")
    rows = rows[rows["speaker"] != ""]
    if rows.empty or top <= 0:
        return _empty(SPEAKER_COLUMNS, {"n_statements": "int64", "first_date": "datetime64[ns]",
                                        "last_date": "datetime64[ns]"})
    counts = rows.groupby("speaker").size().rename("n_statements").reset_index()
    counts = counts.sort_values(["n_statements", "speaker"], ascending=[False, True], kind="stable").head(top)
    chosen = rows[rows["speaker"].isin(counts["speaker"])].sort_values(
        ["speaker", "date", "doc_id", "start", "statement_id"], kind="stable"
    )
    g = chosen.groupby("speaker", sort=False)
    side_counts = chosen.groupby(["speaker", "group"]).size().rename("n").reset_index()
    side_counts = side_counts.sort_values(["speaker", "n", "group"], ascending=[True, False, True])
    out = counts.set_index("speaker").assign(
        side=side_counts.drop_duplicates("speaker").set_index("speaker")["group"],
        first_date=g["date"].min(),
        last_date=g["date"].max(),
        first_quote=g["quote"].first(),
        last_quote=g["quote"].last(),
    )
    return out.reset_index().astype({"n_statements": "int64"})[list(SPEAKER_COLUMNS)]


def troop_points(figures: pd.DataFrame, *, top: int = 6, window: Window = None) -> pd.DataFrame:
    """Dated troop estimates, one row each, with claimants beyond the ``top`` most frequent grouped
    as "other claimants". Sorted by date, value, figure_id."""
    rows, _ = _select_figures(figures, "troops", by="claimed_by", window=window)
    if rows.empty:
        return _empty(TROOP_COLUMNS, {"date": "datetime64[ns]", "value": "int64", "value_low": "Int64",
                                      "value_high": "Int64"})
    rows = rows.assign(claimant=rows["group"].mask(rows["group"] == UNKNOWN, "unattributed"))
    keep = _top_names(rows["claimant"], top)
    rows = rows.assign(claimant=rows["claimant"].where(rows["claimant"].isin(keep), f"{OTHER} claimants"))
    rows = rows.sort_values(["date", "value", "figure_id"], kind="stable")
    out = pd.DataFrame(
        {
            "date": rows["date"],
            "value": rows["value"].astype("int64"),
            "value_low": _nullable_int(rows["value_low"]),
            "value_high": _nullable_int(rows["value_high"]),
            "qualifier": rows["qualifier"],
            "claimant": rows["claimant"],
            "doc_id": rows["doc_id"],
            "figure_id": rows["figure_id"],
        }
    )
    return out.reset_index(drop=True)


# --- charts -----------------------------------------------------------------------------------


def shelling_chart(
    figures: pd.DataFrame,
    *,
    window: Window = None,
    articles: pd.DataFrame | None = None,
    max_span_days: int | None = 7,
) -> Figure:
    """Shelling incidents (top) and places shelled (bottom) per day, stacked by the side each figure
    is about. ``articles`` (optional) dates undated figures by their article's publication."""
    panels = (("shelling_incidents", "shelling incidents", "incidents"),
              ("places_shelled", "places shelled", "places"))
    return _figure_panels_chart(
        figures, panels, title="Shelling reported per {unit}, by side", window=window, articles=articles,
        max_span_days=max_span_days,
    )


def casualties_chart(
    figures: pd.DataFrame,
    *,
    window: Window = None,
    articles: pd.DataFrame | None = None,
    max_span_days: int | None = 7,
) -> Figure:
    """Killed (top) and wounded (bottom) per day, stacked by side (soldiers' sides vs civilians)."""
    panels = (("killed", "killed", "people"), ("wounded", "wounded", "people"))
    return _figure_panels_chart(
        figures, panels, title="Killed and wounded reported per {unit}, by side", window=window,
        articles=articles, max_span_days=max_span_days,
    )


def troops_chart(
    figures: pd.DataFrame,
    *,
    window: Window = None,
    articles: pd.DataFrame | None = None,
    top: int = 6,
) -> Figure:
    """Each troop estimate as a point at its date, coloured by claimant, hedge shown by marker and
    ranges as vertical lines; log scale when the estimates span over two orders of magnitude.

    Identical estimates (same claimant, hedge, value and range on the same date, or in the same week
    when there are many) are drawn once, larger the more often they were reported.
    """
    filled = fill_figure_dates(figures, articles)
    rows, counts = _select_figures(filled, "troops", by="claimed_by", window=window)
    points = troop_points(filled, top=top, window=window)
    freq = "D" if len(points) <= DENSE_POINTS else choose_freq(points["date"])
    marks = collapse_troop_points(points, freq)
    where = "date" if freq == "D" else FREQ_UNITS[freq]
    source = "figures table (category = troops; columns value, value_low, value_high, qualifier, claimed_by, "
    source += "period_end, else period_start)"
    caption = _caption(
        f"troop estimates at their {where}: one marker per distinct estimate (claimant, hedge, value, "
        "range), larger when reported more often; colour = who made the claim (claimed_by; \"article\" = the "
        "article's own voice), marker = hedge, vertical line = the reported range",
        source, rows, counts, window, freq=freq, extra="Estimates are not summed.",
    )
    fig, (ax,) = new_figure(1)
    ax.set_ylabel("troops (people)")
    title = "Troop estimates, by claimant"
    if marks.empty:
        return no_data(fig, [ax], title, caption)
    colors = rank_colors(ordered_groups(points["claimant"]))
    color_of = marks["claimant"].map(colors)
    x = _x(marks["date"]) + _dodge(marks["claimant"], list(colors), freq)
    dense = len(marks) > DENSE_POINTS
    base = 22.0 if dense else 48.0
    alpha = 0.55 if dense else 0.9
    n_max = int(marks["n"].max())
    share = np.sqrt(marks["n"].to_numpy() / n_max)
    sizes = base * (0.35 + 0.65 * share) if n_max > 1 else np.full(len(marks), base)
    has_range = marks["value_low"].notna() & marks["value_high"].notna()
    has_range &= (marks["value_high"] > marks["value_low"]).fillna(False).astype(bool)
    if has_range.any():
        r = has_range.to_numpy()
        ax.vlines(x[r], marks.loc[has_range, "value_low"].astype("float64"),
                  marks.loc[has_range, "value_high"].astype("float64"), colors=color_of[has_range].tolist(),
                  linewidth=0.8 if dense else 1.4, alpha=0.3 if dense else 0.6, zorder=2)
    for qualifier, (marker, filled_marker, _) in QUALIFIER_MARKERS.items():
        sel = (marks["qualifier"] == qualifier).to_numpy()
        if not sel.any():
            continue
        c = color_of[sel].tolist()
        area = sizes[sel] * (2.0 if marker == "|" else 1.0)
        kwargs: dict[str, Any] = {"s": area, "alpha": alpha, "zorder": 3}
        if marker == "|":
            kwargs.update(c=c, linewidths=2.0)
        elif filled_marker:
            kwargs.update(c=c, edgecolors="white", linewidths=0.5)
        else:
            kwargs.update(facecolors="none", edgecolors=c, linewidths=1.3)
        ax.scatter(x[sel], marks.loc[sel, "value"].astype("float64"), marker=marker, **kwargs)
    _value_axis(ax, marks)
    date_axis(ax, marks["date"], freq, points=True)
    ax.set_xlabel(xlabel(freq, "date of the estimate (period end)"))
    handles = [Line2D([], [], marker="s", linestyle="", color=c, label=n) for n, c in colors.items()]
    handles += [Line2D([], [], linestyle="", label=" "), Line2D([], [], linestyle="", label="hedge (marker)")]
    handles += _marker_handles(set(marks["qualifier"]))
    fig.legend(handles=handles, title="claimed by (colour)", loc="outside right upper", fontsize=8,
               title_fontsize=8, frameon=False)
    return finish(fig, title, caption)


def collapse_troop_points(points: pd.DataFrame, freq: str = "D") -> pd.DataFrame:
    """One row per distinct estimate per date bin: date, claimant, qualifier, value, value_low,
    value_high, n (mentions). Unknown hedges are drawn as exact."""
    cols = ["date", "claimant", "qualifier", "value", "value_low", "value_high"]
    if points.empty:
        return _empty((*cols, "n"), {"date": "datetime64[ns]", "value": "int64", "value_low": "Int64",
                                     "value_high": "Int64", "n": "int64"})
    known = points["qualifier"].isin(list(QUALIFIER_MARKERS))
    marks = points.assign(date=bin_dates(points["date"], freq),
                          qualifier=points["qualifier"].where(known, "exact"))
    out = marks.groupby(cols, sort=True, dropna=False).size().rename("n").reset_index()
    return out.astype({"n": "int64"})


def statements_chart(
    statements: pd.DataFrame, *, window: Window = None, articles: pd.DataFrame | None = None
) -> Figure:
    """Quoted statements per day, stacked by the speaker's side."""
    filled = fill_statement_dates(statements, articles)
    rows, counts = _select_statements(filled, window=window, by="side")
    freq = choose_freq(rows["date"])
    daily = daily_statements(filled, window=window, freq=freq)
    unit = FREQ_UNITS[freq]
    title = f"Quoted statements per {unit}, by speaker's side"
    caption = _caption(
        f"number of quoted statements (direct, partial and indirect) per {unit}, stacked by the side "
        "of the speaker", "statements table (columns date, side, doc_id)", rows, counts, window, freq=freq,
    )
    fig, (ax,) = new_figure(1)
    ax.set_ylabel(f"statements per {unit}")
    if daily.empty:
        return no_data(fig, [ax], title, caption)
    daily = daily.assign(group=_limit_groups(daily["group"], daily["n_statements"]))
    colors = side_colors(ordered_groups(daily["group"], daily["n_statements"]))
    stacked_bars(ax, daily, "n_statements", freq, colors)
    count_axis(ax)
    date_axis(ax, daily["date"], freq)
    ax.set_xlabel(xlabel(freq, "statement date"))
    _legend(fig, colors, "speaker's side")
    return finish(fig, title, caption)


def speakers_timeline(
    statements: pd.DataFrame,
    *,
    top: int = 8,
    window: Window = None,
    articles: pd.DataFrame | None = None,
    max_annotations: int = 8,
) -> Figure:
    """The ``top`` most-quoted speakers on the y axis, one dot per speaker, side and day (per week or
    month over long spans; bigger = more statements) coloured by side, with the start of each
    speaker's latest quote above their row (at most ``max_annotations`` snippets)."""
    title = "Most-quoted speakers"
    filled = fill_statement_dates(statements, articles)
    rows, counts = _select_statements(filled, window=window, by="side")
    speakers = top_speakers(filled, top=top, window=window)
    shown = rows[rows["speaker"].isin(speakers["speaker"])]
    freq = choose_freq(shown["date"])
    unit = FREQ_UNITS[freq]
    caption = _caption(
        f"the {len(speakers) or top} most-quoted named speakers (statements in brackets); one dot per "
        f"speaker, side and {unit}, bigger when quoted more often, colour = side of the statement; the "
        "text above a row is the start of their latest quote",
        "statements table (columns speaker, side, date, quote)", shown, counts, window, freq=freq,
    )
    fig, (ax,) = new_figure(1, height=1.9 + 0.62 * max(len(speakers), 2))
    if speakers.empty:
        ax.set_ylabel("speaker")
        return no_data(fig, [ax], title, caption)
    dots = speaker_dots(shown, freq, order=list(speakers["speaker"]))
    colors = side_colors(ordered_groups(dots["group"], dots["n"]))
    n_bins = max(_n_bins(dots["date"], freq), 1)
    biggest = float(np.clip(0.85 * 500 / n_bins, 4.0, 11.0)) ** 2
    share = np.sqrt(dots["n"].to_numpy() / dots["n"].max())
    ax.scatter(
        _x(dots["date"]) + (BAR_WIDTH_DAYS[freq] / 2 if freq != "D" else 0.0), dots["y"],
        s=biggest * (0.25 + 0.75 * share), c=dots["group"].map(colors).tolist(),
        alpha=0.6 if len(dots) > DENSE_POINTS else 0.85, edgecolors="white", linewidths=0.4, zorder=3,
    )
    ax.set_yticks(range(len(speakers)))
    ax.set_yticklabels([f"{_shorten(sp, 38)} ({n:,})" for sp, n in zip(speakers["speaker"],
                                                                      speakers["n_statements"], strict=True)])
    ax.set_ylim(len(speakers) - 0.5, -0.75)
    ax.grid(axis="y", color="#eeeeee", linewidth=0.8)
    ax.set_ylabel("speaker (statements)")
    transform = mpl.transforms.blended_transform_factory(ax.transAxes, ax.transData)
    for i, row in enumerate(speakers.head(max_annotations).itertuples(index=False)):
        snippet = f"“{snippet_words(row.last_quote)}” ({row.last_date:%d %b %Y})"
        ax.text(0.005, i - 0.4, snippet, transform=transform, fontsize=7, style="italic", color="#555555",
                va="center", ha="left", clip_on=True)
    date_axis(ax, dots["date"], freq, points=freq == "D")
    ax.set_xlabel(xlabel(freq, "statement date"))
    _legend(fig, colors, "side", marker="o")
    return finish(fig, title, caption)


def speaker_dots(rows: pd.DataFrame, freq: str = "D", *, order: Sequence[str] | None = None) -> pd.DataFrame:
    """Statements per speaker, date bin and side: speaker, date, group, n, y (row of the speaker in
    ``order``, the most quoted first). ``rows`` are selected statements (date, group, speaker)."""
    if rows.empty:
        return _empty(("speaker", "date", "group", "n", "y"), {"date": "datetime64[ns]", "n": "int64",
                                                                "y": "int64"})
    binned = rows.assign(date=bin_dates(rows["date"], freq))
    dots = binned.groupby(["speaker", "date", "group"], sort=True).size().rename("n").reset_index()
    names = list(order) if order is not None else sorted(dots["speaker"].unique())
    row_of = {name: i for i, name in enumerate(names)}
    dots = dots[dots["speaker"].isin(row_of)]
    return dots.assign(y=dots["speaker"].map(row_of).astype("int64"), n=dots["n"].astype("int64"))


def coverage_chart(articles: pd.DataFrame, *, window: Window = None, top: int = 6) -> Figure:
    """Articles per publication day, stacked by outlet, so gaps in coverage are not read as quiet days."""
    rows, counts = _select_articles(articles, window=window, by="outlet")
    freq = choose_freq(rows["date"])
    unit = FREQ_UNITS[freq]
    title = f"Coverage: articles per {unit}"
    daily = daily_articles(articles, by="outlet", window=window, freq=freq)
    empty_bins = _empty_bins(daily["date"], freq)
    caption = _caption(
        f"articles per {unit} by publication date, stacked by outlet; a gap means no articles, not a "
        f"quiet {unit}" + (f" ({empty_bins} {unit}s without articles in the span)" if empty_bins else ""),
        "articles table (columns published, outlet)", rows, counts, window, freq=freq,
    )
    fig, (ax,) = new_figure(1)
    ax.set_ylabel(f"articles per {unit}")
    if daily.empty:
        return no_data(fig, [ax], title, caption)
    daily = daily.assign(group=_limit_groups(daily["group"], daily["n_articles"], top=top))
    colors = rank_colors(ordered_groups(daily["group"], daily["n_articles"]))
    stacked_bars(ax, daily, "n_articles", freq, colors)
    count_axis(ax)
    date_axis(ax, daily["date"], freq)
    ax.set_xlabel(xlabel(freq, "publication date"))
    _legend(fig, colors, "outlet")
    return finish(fig, title, caption)


#: Registry used by the notebook to draw every chart; CHART_INPUTS names the table each one takes.
CHARTS: dict[str, Callable[..., Figure]] = {
    "coverage": coverage_chart,
    "statements": statements_chart,
    "speakers": speakers_timeline,
    "shelling": shelling_chart,
    "casualties": casualties_chart,
    "troops": troops_chart,
}
CHART_INPUTS: dict[str, str] = {
    "coverage": "articles",
    "statements": "statements",
    "speakers": "statements",
    "shelling": "figures",
    "casualties": "figures",
    "troops": "figures",
}


def draw_all(tables: Mapping[str, pd.DataFrame], *, window: Window = None) -> dict[str, Figure]:
    """Every chart in CHARTS from a mapping of table name -> DataFrame (missing tables are empty)."""
    articles = tables.get("articles")
    figs: dict[str, Figure] = {}
    for name, chart in CHARTS.items():
        table = tables.get(CHART_INPUTS[name], pd.DataFrame())
        kwargs: dict[str, Any] = {"window": window}
        if CHART_INPUTS[name] != "articles" and articles is not None:
            kwargs["articles"] = articles
        figs[name] = chart(table, **kwargs)
    return figs


def save_figure(fig: Figure, out_dir: str | Path, name: str) -> list[Path]:
    """Write ``name``.png (dpi 150) and ``name``.svg, byte-identical from one run to the next."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = [out / f"{name}.png", out / f"{name}.svg"]
    with mpl.rc_context({"svg.hashsalt": "frontline", "svg.fonttype": "path"}):
        fig.savefig(paths[0], format="png", dpi=150, metadata={"Software": None})
        fig.savefig(paths[1], format="svg", metadata={"Date": None})
    return paths


def snippet_words(quote: object, n_words: int = 6) -> str:
    """The first ``n_words`` words of a quote, with an ellipsis when cut."""
    words = str(quote if isinstance(quote, str) else "").split()
    text = " ".join(words[:n_words])
    return text + " …" if len(words) > n_words else text


# --- selection (shared by aggregations and captions) -----------------------------------------


def _select_figures(
    figures: pd.DataFrame,
    categories: str | Sequence[str],
    *,
    by: str = "side",
    window: Window = None,
    max_span_days: int | None = None,
) -> tuple[pd.DataFrame, dict[str, int]]:
    """Clean figure rows of ``categories`` with a ``date`` and ``group``; counts of those left out."""
    cats = [categories] if isinstance(categories, str) else list(categories)
    unknown = sorted(set(cats) - set(CATEGORIES))
    if unknown:
        raise ValueError(f"unknown categories {unknown}; expected some of {CATEGORIES}")
    f = _table(figures, "figures")
    if by not in f.columns:
        raise ValueError(f"figures table has no column {by!r} to group by")
    f = f[_labels(f["category"], "").isin(cats)]
    start, end = as_dates(f["period_start"]), as_dates(f["period_end"])
    date = end.fillna(start)
    value = pd.to_numeric(f["value"], errors="coerce")
    counts = {"undated": int(date.isna().sum()), "no_value": int((date.notna() & value.isna()).sum())}
    keep = date.notna() & value.notna()
    if max_span_days is not None:
        long = keep & ((end - start).dt.days > max_span_days).fillna(False).astype(bool)
        counts["long"] = int(long.sum())
        counts["max_span_days"] = max_span_days
        keep &= ~long
    in_window = window_mask(date, window)
    counts["outside"] = int((keep & ~in_window).sum())
    keep &= in_window
    rows = pd.DataFrame(
        {
            "date": date[keep],
            "group": _labels(f.loc[keep, by], UNKNOWN),
            "category": _labels(f.loc[keep, "category"], ""),
            "side": _labels(f.loc[keep, "side"], UNKNOWN),
            "period_start": start[keep],
            "period_end": end[keep],
            "value": value[keep],
            "value_low": f.loc[keep, "value_low"],
            "value_high": f.loc[keep, "value_high"],
            "qualifier": _labels(f.loc[keep, "qualifier"], "exact"),
            "doc_id": _labels(f.loc[keep, "doc_id"], ""),
            "figure_id": _labels(f.loc[keep, "figure_id"], ""),
            "date_from_article": _flag(f, keep),
        }
    )
    return rows.reset_index(drop=True), counts


def _aggregate_figures(rows: pd.DataFrame, *, freq: str, dedupe: bool) -> pd.DataFrame:
    if rows.empty:
        dtypes = {"date": "datetime64[ns]", "value": "int64", "n_mentions": "int64"}
        return _empty(DAILY_FIGURE_COLUMNS, dtypes)
    counted = ~rows.duplicated(list(DEDUPE_KEY)) if dedupe else pd.Series(True, index=rows.index)
    rows = rows.assign(date=bin_dates(rows["date"], freq), counted_value=rows["value"].where(counted, 0))
    g = rows.groupby(["date", "group"], sort=True)
    value = g["counted_value"].sum().round().astype("int64")
    out = pd.DataFrame(
        {"value": value, "n_mentions": g.size().astype("int64"),
         "doc_ids": _joined_doc_ids(g, rows["doc_id"], value.index)}
    ).reset_index()
    return out[list(DAILY_FIGURE_COLUMNS)]


def _joined_doc_ids(groups: pd.core.groupby.DataFrameGroupBy, doc_ids: pd.Series, index: pd.Index) -> pd.Series:
    """The sorted distinct non-empty doc_ids of each group, joined."""
    joined = join_unique(groups.ngroup().to_numpy(), doc_ids.to_numpy(dtype=object), len(index))
    return pd.Series(joined, index=index, dtype="str")


def _select_statements(
    statements: pd.DataFrame, *, window: Window = None, by: str = "side"
) -> tuple[pd.DataFrame, dict[str, int]]:
    s = _table(statements, "statements")
    date = as_dates(s["date"])
    counts = {"undated": int(date.isna().sum())}
    keep = window_mask(date, window)
    counts["outside"] = int((date.notna() & ~keep).sum())
    rows = pd.DataFrame(
        {
            "date": date[keep],
            "group": _labels(s.loc[keep, by], UNKNOWN),
            "speaker": _labels(s.loc[keep, "speaker"], ""),
            "quote": _labels(s.loc[keep, "quote"], ""),
            "doc_id": _labels(s.loc[keep, "doc_id"], ""),
            "statement_id": _labels(s.loc[keep, "statement_id"], ""),
            "start": pd.to_numeric(s.loc[keep, "start"], errors="coerce"),
            "date_from_article": _flag(s, keep),
        }
    )
    return rows.reset_index(drop=True), counts


def _select_articles(
    articles: pd.DataFrame, *, window: Window = None, by: str | None = None
) -> tuple[pd.DataFrame, dict[str, int]]:
    a = _table(articles, "articles")
    date = as_dates(a["published"])
    counts = {"undated": int(date.isna().sum())}
    keep = window_mask(date, window)
    counts["outside"] = int((date.notna() & ~keep).sum())
    group = _labels(a.loc[keep, by], UNKNOWN) if by else pd.Series("all", index=a.index[keep], dtype="str")
    rows = pd.DataFrame({"date": date[keep], "group": group, "doc_id": _labels(a.loc[keep, "doc_id"], "")})
    return rows.reset_index(drop=True), counts


def fill_figure_dates(figures: pd.DataFrame, articles: pd.DataFrame | None) -> pd.DataFrame:
    """Give figures with no period at all their article's publication date (as period_end), flagged
    in a ``date_from_article`` column for the caption."""
    f = _table(figures, "figures")
    if articles is None or f.empty:
        return f
    end = as_dates(f["period_end"])
    undated = end.isna() & as_dates(f["period_start"]).isna()
    fill = as_dates(_publication_dates(f["doc_id"], articles).where(undated))
    return f.assign(period_end=end.fillna(fill), date_from_article=fill.notna())


def fill_statement_dates(statements: pd.DataFrame, articles: pd.DataFrame | None) -> pd.DataFrame:
    """Give undated statements their article's publication date (flagged in ``date_from_article``)."""
    s = _table(statements, "statements")
    if articles is None or s.empty:
        return s
    date = as_dates(s["date"])
    fill = as_dates(_publication_dates(s["doc_id"], articles).where(date.isna()))
    return s.assign(date=date.fillna(fill), date_from_article=fill.notna())


def _publication_dates(doc_ids: pd.Series, articles: pd.DataFrame) -> pd.Series:
    """Each row's article publication date (NaT when unknown); safe when no article has a date."""
    by_doc = _published_by_doc(articles)
    return as_dates(pd.Series(by_doc.reindex(doc_ids.to_numpy()).to_numpy(), index=doc_ids.index))


def _published_by_doc(articles: pd.DataFrame) -> pd.Series:
    a = _table(articles, "articles")
    published = as_dates(a["published"])
    return pd.Series(published.to_numpy(), index=a["doc_id"].to_numpy()).dropna().groupby(level=0).min()


# --- drawing helpers --------------------------------------------------------------------------


def _figure_panels_chart(
    figures: pd.DataFrame,
    panels: Sequence[tuple[str, str, str]],
    *,
    title: str,
    window: Window,
    articles: pd.DataFrame | None,
    max_span_days: int | None,
) -> Figure:
    """Stacked bars by side, one panel per (category, label, noun), sharing dates and legend."""
    cats = [c for c, _, _ in panels]
    filled = fill_figure_dates(figures, articles)
    rows, counts = _select_figures(filled, cats, window=window, max_span_days=max_span_days)
    freq = choose_freq(rows["date"])
    unit = FREQ_UNITS[freq]
    title = title.format(unit=unit)
    labels = " and ".join(label for _, label, _ in panels)
    caption = _caption(
        f"{labels} per {unit} as reported (the sum of distinct figures dated by their period end; a figure "
        "repeated with the same category, side, period and value counts once), stacked by the side the "
        "figure is about",
        f"figures table (categories {', '.join(cats)}; columns value, side, period_start, period_end)",
        rows, counts, window, freq=freq,
    )
    fig, axes = new_figure(len(panels))
    for ax, (_, label, noun) in zip(axes, panels, strict=True):
        ax.set_ylabel(f"{label}: figures reported\n({noun} per {unit})")
    if rows.empty:
        return no_data(fig, axes, title, caption)
    daily = _aggregate_figures(rows.assign(group=rows["side"]), freq=freq, dedupe=True)
    per_cat = {c: _aggregate_figures(rows[rows["category"] == c].assign(group=lambda r: r["side"]),
                                     freq=freq, dedupe=True) for c in cats}
    keep = _top_names(daily["group"], MAX_GROUPS, weights=daily["value"])
    colors = side_colors(ordered_groups(_limit_to(daily["group"], keep), daily["value"]))
    for ax, (cat, label, _) in zip(axes, panels, strict=True):
        d = per_cat[cat]
        if d.empty:
            ax.text(0.5, 0.5, f"no {label} figures in this window", transform=ax.transAxes, ha="center",
                    va="center", color="#777777", fontsize=9)
        else:
            stacked_bars(ax, d.assign(group=_limit_to(d["group"], keep)), "value", freq, colors)
        count_axis(ax)
    date_axis(axes[-1], rows["date"].pipe(bin_dates, freq), freq)
    axes[-1].set_xlabel(xlabel(freq, "date (period end)"))
    fig.align_ylabels(axes)
    _legend(fig, colors, "side")
    return finish(fig, title, caption)


def new_figure(nrows: int, *, height: float | None = None) -> tuple[Figure, list[Axes]]:
    """A figure of ``nrows`` panels sharing the date axis, sized for the report's page width."""
    fig = Figure(figsize=(FIG_WIDTH, height or (2.2 + 2.6 * nrows)), layout="constrained")
    axes = fig.subplots(nrows, 1, sharex=True, squeeze=False)[:, 0]
    for ax in axes:
        ax.spines[["top", "right"]].set_visible(False)
        ax.tick_params(labelsize=8)
        ax.yaxis.label.set_size(9)
        ax.xaxis.label.set_size(9)
    return fig, list(axes)


def finish(fig: Figure, title: str, caption: str) -> Figure:
    """Title, and the caption drawn under the axes in space reserved from the layout."""
    fig.suptitle(title, fontsize=12, fontweight="bold")
    lines = textwrap.wrap(caption, width=CAPTION_CHARS) or [""]
    height = (len(lines) * CAPTION_POINTS * 1.3 + 10) / 72 / fig.get_figheight()
    engine = fig.get_layout_engine()
    if engine is not None and hasattr(engine, "set"):
        engine.set(rect=(0, height, 1, 1 - height))
    fig.text(0.01, 0.008, "\n".join(lines), fontsize=CAPTION_POINTS, color="#444444", ha="left", va="bottom")
    fig.frontline_caption = caption  # type: ignore[attr-defined]
    _freeze_layout(fig)
    return fig


def _freeze_layout(fig: Figure) -> None:
    """Run the constrained layout once and keep it.

    The layout re-runs on every draw and drifts by float noise (1e-13), which is enough to change the
    hashed clip-path ids of an SVG, so a live layout would make each save of the same chart differ.
    Call ``fig.set_layout_engine("constrained")`` to lay out again after editing a chart.
    """
    fig.draw_without_rendering()
    fig.set_layout_engine("none")


def no_data(fig: Figure, axes: Sequence[Axes], title: str, caption: str) -> Figure:
    """A valid, labelled figure that says there is nothing to show."""
    for ax in axes:
        ax.text(0.5, 0.5, NO_DATA, transform=ax.transAxes, ha="center", va="center", fontsize=11,
                color="#777777")
        ax.set_xticks([])
        ax.set_yticks([])
    axes[-1].set_xlabel("date")
    return finish(fig, title, caption)


def stacked_bars(ax: Axes, daily: pd.DataFrame, column: str, freq: str, colors: Mapping[str, str]) -> None:
    """Bars per date stacked in the colour mapping's order (largest group at the bottom)."""
    table = daily.pivot_table(index="date", columns="group", values=column, aggfunc="sum", fill_value=0)
    x = _x(pd.Series(table.index))
    bottom = np.zeros(len(table), dtype="float64")
    align = "center" if freq == "D" else "edge"
    width = BAR_WIDTH_DAYS[freq] if len(table) < 400 else BAR_WIDTH_DAYS[freq] * 1.1
    for group, color in colors.items():
        if group not in table.columns:
            continue
        heights = table[group].to_numpy(dtype="float64")
        ax.bar(x, heights, width=width, bottom=bottom, color=color, align=align, linewidth=0, label=group)
        bottom += heights


def date_axis(ax: Axes, dates: pd.Series, freq: str, *, points: bool = False) -> None:
    """Concise date ticks, day ticks for short spans, and padded limits so one day still reads."""
    lo, hi = dates.min(), dates.max()
    if freq != "D" and not points:
        hi = hi + pd.Timedelta(days=BAR_WIDTH_DAYS[freq] + 1)
    span = (hi - lo).days
    pad = pd.Timedelta(days=max(1.0, 0.03 * span))
    ax.set_xlim(mdates.date2num(lo - pad), mdates.date2num(hi + pad))
    if span + 2 <= 12:
        locator: mdates.DateLocator = mdates.DayLocator()
    else:
        locator = mdates.AutoDateLocator(minticks=4, maxticks=10)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def _value_axis(ax: Axes, marks: pd.DataFrame) -> None:
    """Thousands-separated people; log scale when values span two orders of magnitude."""
    values = pd.concat(
        [marks[c].dropna().astype("float64") for c in ("value", "value_low", "value_high")]
    )
    positive = values[values > 0]
    if len(positive) and positive.max() / positive.min() >= 100:
        ax.set_yscale("log")
        ax.yaxis.set_major_locator(mticker.LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
        ax.yaxis.set_minor_locator(mticker.NullLocator())
    else:
        ax.set_ylim(bottom=0, top=max(float(values.max()) * 1.08, 1.0))
        ax.yaxis.set_major_locator(mticker.MaxNLocator(nbins=6))
    ax.yaxis.set_major_formatter(mticker.StrMethodFormatter("{x:,.0f}"))
    ax.grid(axis="y", color="#e5e5e5", linewidth=0.8)
    ax.set_axisbelow(True)


def count_axis(ax: Axes) -> None:
    """Integer ticks with thousands separators, for counts."""
    ax.yaxis.set_major_locator(mticker.MaxNLocator(nbins=6, integer=True))
    ax.yaxis.set_major_formatter(mticker.StrMethodFormatter("{x:,.0f}"))
    ax.grid(axis="y", color="#e5e5e5", linewidth=0.8)
    ax.set_axisbelow(True)


def _legend(fig: Figure, colors: Mapping[str, str], title: str, *, marker: str | None = None) -> None:
    """Figure legend right of the axes. Bars list top of the stack first, as they are drawn."""
    if marker is None:
        handles: list[Any] = [Patch(facecolor=c, label=g) for g, c in reversed(list(colors.items()))]
    else:
        handles = [Line2D([], [], marker=marker, linestyle="", color=c, label=g) for g, c in colors.items()]
    fig.legend(handles=handles, title=title, loc="outside right upper", fontsize=8, title_fontsize=8,
               frameon=False)


def _marker_handles(present: set[str]) -> list[Line2D]:
    handles = []
    for q, (marker, filled, label) in QUALIFIER_MARKERS.items():
        if present and q not in present:
            continue
        handles.append(Line2D([], [], marker=marker, linestyle="", color="#333333", markersize=7,
                              markerfacecolor="#333333" if filled else "none", markeredgewidth=1.4,
                              label=label))
    return handles


def _caption(
    shows: str,
    source: str,
    rows: pd.DataFrame,
    counts: Mapping[str, int],
    window: Window,
    *,
    freq: str = "D",
    extra: str = "",
) -> str:
    """What the chart shows, where the numbers come from, and what was left out."""
    n_rows = len(rows)
    n_filled = int(rows["date_from_article"].sum()) if "date_from_article" in rows else 0
    n_docs = rows["doc_id"].nunique() if "doc_id" in rows else 0
    parts = [f"Shows {shows}.", f"Source: {source}; {n_rows:,} rows from {n_docs:,} articles"]
    if n_rows:
        parts[-1] += f", dated {rows['date'].min():%Y-%m-%d} to {rows['date'].max():%Y-%m-%d}"
    if window is not None:
        lo, hi = (f"{pd.Timestamp(w):%Y-%m-%d}" if w is not None else "…" for w in window)
        parts[-1] += f"; window {lo} to {hi}"
    parts[-1] += "."
    if n_filled:
        parts.append(f"{n_filled:,} rows without a date of their own are dated by their article's "
                     "publication.")
    left = []
    if counts.get("undated"):
        left.append(f"{counts['undated']:,} undated")
    if counts.get("long"):
        days = counts["max_span_days"]
        left.append(f"{counts['long']:,} covering more than {days} days (cumulative totals)")
    if counts.get("no_value"):
        left.append(f"{counts['no_value']:,} without a value")
    if counts.get("outside"):
        left.append(f"{counts['outside']:,} outside the window")
    if left:
        parts.append("Not shown: " + "; ".join(left) + ".")
    if freq != "D" and n_rows:
        start = "on Mondays" if freq == "W" else "on the 1st"
        parts.append(f"Counted per {FREQ_UNITS[freq]} (starting {start}) because the span is long; the first "
                     "and last may be partial.")
    if extra:
        parts.append(extra)
    return " ".join(parts)


def _dodge(groups: pd.Series, order: Sequence[str], freq: str) -> np.ndarray:
    """Offsets in days spreading groups side by side within their bin (so colours do not hide one
    another); bins longer than a day are filled from their start."""
    rank = groups.map({g: i for i, g in enumerate(order)}).to_numpy(dtype="float64")
    k = max(len(order), 1)
    if freq == "D":
        return 0.6 * ((rank + 0.5) / k - 0.5) if k > 1 else np.zeros(len(groups))
    return BAR_WIDTH_DAYS[freq] * (rank + 0.5) / k


def xlabel(freq: str, what: str) -> str:
    """The date axis label, naming the bin ("week starting") when dates are binned."""
    return what if freq == "D" else f"{what} ({FREQ_UNITS[freq]} starting)"


def _x(dates: pd.Series) -> np.ndarray:
    return mdates.date2num(dates.to_numpy(dtype="datetime64[ns]"))


# --- small pure helpers -----------------------------------------------------------------------


def _table(df: pd.DataFrame | None, name: str) -> pd.DataFrame:
    """The table with any missing contract column added as all-missing (charts accept partial frames)."""
    df = pd.DataFrame() if df is None else df
    missing = [c for c in TABLE_COLUMNS[name] if c not in df.columns]
    return df.assign(**dict.fromkeys(missing, pd.NA)) if missing else df


def _flag(df: pd.DataFrame, keep: pd.Series) -> pd.Series:
    """The ``date_from_article`` flag of the kept rows (False when the dates were not filled)."""
    if "date_from_article" not in df:
        return pd.Series(False, index=df.index[keep], dtype="bool")
    return df.loc[keep, "date_from_article"].astype("bool")


def _labels(values: pd.Series, default: str) -> pd.Series:
    out = values.astype("str").fillna(default).str.strip()
    return out.mask(out == "", default)


def _top_names(names: pd.Series, top: int, *, weights: pd.Series | None = None) -> list[str]:
    """The ``top`` names by total weight (count when no weights), ties broken by name."""
    w = pd.Series(1 if weights is None else weights.to_numpy(), index=names.to_numpy()).groupby(level=0).sum()
    ranked = sorted(w.items(), key=lambda kv: (-kv[1], kv[0]))
    return [name for name, _ in ranked[:top]]


def _limit_groups(groups: pd.Series, weights: pd.Series, *, top: int = MAX_GROUPS) -> pd.Series:
    return _limit_to(groups, _top_names(groups, top, weights=weights))


def _limit_to(groups: pd.Series, keep: Sequence[str]) -> pd.Series:
    return groups.where(groups.isin(list(keep)), OTHER)


def ordered_groups(groups: pd.Series, weights: pd.Series | None = None) -> list[str]:
    """Groups by total weight, largest first, "other" last: the stacking and legend order."""
    names = _top_names(groups, groups.nunique(), weights=weights)
    return [n for n in names if not n.startswith(OTHER)] + [n for n in names if n.startswith(OTHER)]


def _n_bins(dates: pd.Series, freq: str) -> int:
    """Bins from the first to the last (binned) date, inclusive."""
    if dates.empty:
        return 0
    lo, hi = dates.min(), dates.max()
    if freq == "D":
        return (hi - lo).days + 1
    if freq == "W":
        return (hi - lo).days // 7 + 1
    return (hi.year - lo.year) * 12 + hi.month - lo.month + 1


def _empty_bins(dates: pd.Series, freq: str) -> int:
    return _n_bins(dates, freq) - int(dates.nunique()) if len(dates) else 0


def _nullable_int(values: pd.Series) -> pd.Series:
    return pd.to_numeric(values, errors="coerce").astype("Float64").round().astype("Int64")


def _shorten(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _empty(columns: Sequence[str], dtypes: Mapping[str, str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=dtypes.get(c, "str")) for c in columns})


__all__ = [
    "CHARTS", "CHART_INPUTS", "SIDE_COLORS", "as_dates", "bin_dates", "casualties_chart", "choose_freq",
    "collapse_troop_points", "coverage_chart", "daily_articles", "daily_figures", "daily_statements",
    "draw_all", "rank_colors", "save_figure", "shelling_chart", "side_colors", "snippet_words",
    "speaker_dots", "speakers_timeline", "statements_chart", "top_speakers", "troop_points", "troops_chart",
    "window_mask",
]
