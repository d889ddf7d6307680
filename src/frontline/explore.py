"""The explorer's logic as plain functions: filters, row tables, highlighted paragraphs, cards and the timeline.

``notebooks/00_explore.ipynb`` wires ipywidgets to these functions (see :mod:`frontline.explorer_widgets`);
nothing here imports a widget or a display, so every behaviour is tested on plain frames, and a
papermill run shows the same selections as a static summary (:func:`static_summary`).

Every function takes the contract tables (``vocab.TABLE_COLUMNS``; missing columns are treated as
empty) and returns a new frame, an HTML string or a matplotlib :class:`~matplotlib.figure.Figure`, in a
fixed order, so the same tables always give the same output. All HTML is escaped: article text, titles
and names can hold any character.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from . import charts
from .claims import SEPARATOR
from .summaries import clean_text, ensure_columns, iso_text
from .vocab import CATEGORIES

Tables = Mapping[str, pd.DataFrame]

#: Columns the free-text search looks in (every word must appear in one of them, case-insensitive).
FIGURE_TEXT_COLUMNS: tuple[str, ...] = ("sentence", "subject", "claimed_by", "number_text", "doc_id")
STATEMENT_TEXT_COLUMNS: tuple[str, ...] = ("quote", "speaker", "cue", "doc_id")
#: The rows a reader scans, in reading order; the last column is the id a selection returns.
FIGURE_VIEW_COLUMNS: tuple[str, ...] = (
    "date", "category", "value", "qualifier", "side", "claimed_by", "sentence", "doc_id", "figure_id",
)
STATEMENT_VIEW_COLUMNS: tuple[str, ...] = (
    "date", "speaker", "side", "kind", "quote", "doc_id", "statement_id",
)
OTHER_REPORT_COLUMNS: tuple[str, ...] = (
    "claim_id", "figure_id", "doc_id", "title", "published", "outlet", "value", "qualifier", "claimed_by",
    "sentence",
)
#: Fixed-width columns of the one-line rows of the explorer's lists (monospace).
FIGURE_ROW_WIDTHS: dict[str, int] = {
    "date": 10, "category": 18, "value": 9, "qualifier": 9, "side": 11, "claimed_by": 24, "sentence": 90,
}
STATEMENT_ROW_WIDTHS: dict[str, int] = {"date": 10, "speaker": 26, "side": 11, "kind": 8, "quote": 110}
NONE_LABEL = "(none)"
STATIC_ROWS = 15

#: Styles of the cards and tables (inlined, so the exported HTML page needs no stylesheet).
STYLE = (
    "<style>.frontline-card{border:1px solid #90a4ae;border-radius:4px;padding:8px 12px;margin:6px 0;"
    "background:#fff}.frontline-card h4{margin:2px 0 4px 0;font-size:14px}"
    ".frontline-meta{color:#455a64;font-size:12px;margin:0 0 6px 0}"
    ".frontline-paragraph{line-height:1.5;margin:4px 0}"
    ".frontline-paragraph mark{background:#ffe066;padding:0 1px}"
    ".frontline-note{color:#455a64;font-style:italic}"
    ".frontline-small{font-size:12px;border-collapse:collapse}"
    ".frontline-small th,.frontline-small td{text-align:left!important;vertical-align:top;padding:2px 8px 2px 0}"
    ".frontline-small td:first-child{white-space:nowrap}"
    ".frontline-reports{margin:2px 0 6px 0;padding-left:20px;font-size:12px;line-height:1.45}"
    ".frontline-card,.frontline-reports,.frontline-meta{white-space:normal;overflow-wrap:anywhere}"
    "</style>"
)


# ============================================================================================ filters


@dataclass(frozen=True)
class Filters:
    """What the explorer's controls select; an empty choice (or None) keeps every row.

    ``categories`` and ``claimants`` (``claimed_by``) select figures; ``speakers`` select statements;
    ``sides``, the inclusive ``start``/``end`` dates and ``text`` (every word, case-insensitive) select
    both. A row without a date is left out only when a date bound is set.
    """

    categories: tuple[str, ...] = ()
    sides: tuple[str, ...] = ()
    claimants: tuple[str, ...] = ()
    speakers: tuple[str, ...] = ()
    start: dt.date | None = None
    end: dt.date | None = None
    text: str = ""

    def __post_init__(self) -> None:
        for name in ("categories", "sides", "claimants", "speakers"):
            object.__setattr__(self, name, _choice(getattr(self, name)))
        object.__setattr__(self, "start", _day(self.start))
        object.__setattr__(self, "end", _day(self.end))
        object.__setattr__(self, "text", " ".join(str(self.text or "").split()))

    @property
    def window(self) -> tuple[dt.date | None, dt.date | None] | None:
        """The date bounds as a charts window (None when open on both sides)."""
        return None if self.start is None and self.end is None else (self.start, self.end)

    def is_empty(self) -> bool:
        return self == Filters()


def _choice(values: Iterable[str] | str | None) -> tuple[str, ...]:
    if values is None:
        return ()
    if isinstance(values, str):
        values = [values]
    return tuple(dict.fromkeys(str(v).strip() for v in values))


def _day(value) -> dt.date | None:
    """A calendar day from a date, datetime, Timestamp or ISO string; None for anything else."""
    if value is None or value == "":
        return None
    try:
        stamp = pd.Timestamp(value)
    except (TypeError, ValueError):
        return None
    return None if pd.isna(stamp) else stamp.date()


def describe(filters: Filters) -> str:
    """The filters in words, for captions and the status line."""
    parts = []
    for f in fields(filters):
        value = getattr(filters, f.name)
        if f.name in ("start", "end") or not value:
            continue
        shown = ", ".join(v or NONE_LABEL for v in value) if isinstance(value, tuple) else f"“{value}”"
        parts.append(f"{f.name} {shown}")
    if filters.window:
        lo = filters.start.isoformat() if filters.start else "…"
        hi = filters.end.isoformat() if filters.end else "…"
        parts.append(f"dates {lo} to {hi}")
    return "; ".join(parts) if parts else "no filters"


def figure_dates(figures: pd.DataFrame, articles: pd.DataFrame | None = None) -> pd.Series:
    """The date a figure is shown at: its period end, else its period start, else (when ``articles`` is
    given) its article's publication date — as the charts date it."""
    f = charts.fill_figure_dates(ensure_columns(figures, "figures"), articles)
    return charts.as_dates(f["period_end"]).fillna(charts.as_dates(f["period_start"]))


def statement_dates(statements: pd.DataFrame, articles: pd.DataFrame | None = None) -> pd.Series:
    """A statement's date, else (when ``articles`` is given) its article's publication date."""
    s = charts.fill_statement_dates(ensure_columns(statements, "statements"), articles)
    return charts.as_dates(s["date"])


def filter_figures(figures: pd.DataFrame, filters: Filters, articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """The figures the filters select (categories, sides, claimants, dates, text), in table order."""
    f = ensure_columns(figures, "figures")
    keep = _chosen(f["category"], filters.categories) & _chosen(f["side"], filters.sides)
    keep &= _chosen(f["claimed_by"], filters.claimants)
    keep &= _in_window(figure_dates(f, articles), filters)
    keep &= _has_words(f, FIGURE_TEXT_COLUMNS, filters.text)
    return f[keep.to_numpy()].reset_index(drop=True)


def filter_statements(statements: pd.DataFrame, filters: Filters,
                      articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """The statements the filters select (sides, speakers, dates, text), in table order."""
    s = ensure_columns(statements, "statements")
    keep = _chosen(s["side"], filters.sides) & _chosen(s["speaker"], filters.speakers)
    keep &= _in_window(statement_dates(s, articles), filters)
    keep &= _has_words(s, STATEMENT_TEXT_COLUMNS, filters.text)
    return s[keep.to_numpy()].reset_index(drop=True)


def _chosen(values: pd.Series, choice: tuple[str, ...]) -> pd.Series:
    if not choice:
        return pd.Series(True, index=values.index)
    return clean_text(values).isin(choice)


def _in_window(dates: pd.Series, filters: Filters) -> pd.Series:
    if filters.window is None:
        return pd.Series(True, index=dates.index)
    return charts.window_mask(dates, filters.window)


def _has_words(frame: pd.DataFrame, columns: Sequence[str], text: str) -> pd.Series:
    keep = pd.Series(True, index=frame.index)
    if not text:
        return keep
    haystack = pd.Series("", index=frame.index)
    for col in columns:
        haystack = haystack + " " + clean_text(frame[col])
    haystack = haystack.str.casefold()
    for word in text.casefold().split():
        keep &= haystack.str.contains(word, regex=False)
    return keep


# ============================================================================================ choices


def options(tables: Tables) -> dict[str, list[tuple[str, str]]]:
    """The choices of each control as (label with count, value) pairs.

    Categories come in vocabulary order, the others alphabetically (case-insensitive); counts are rows
    of the whole tables (sides count figures and statements). A blank value is offered as "(none)".
    """
    f, s = ensure_columns(tables.get("figures"), "figures"), ensure_columns(tables.get("statements"), "statements")
    return {
        "categories": _counted(clean_text(f["category"]), order=CATEGORIES),
        "sides": _counted(pd.concat([clean_text(f["side"]), clean_text(s["side"])], ignore_index=True)),
        "claimants": _counted(clean_text(f["claimed_by"])),
        "speakers": _counted(clean_text(s["speaker"])),
    }


def _counted(values: pd.Series, order: Sequence[str] = ()) -> list[tuple[str, str]]:
    counts = values.value_counts()
    rank = {name: i for i, name in enumerate(order)}
    names = sorted(counts.index, key=lambda n: (rank.get(n, len(rank)), n.casefold(), n))
    return [(f"{n or NONE_LABEL} ({int(counts[n])})", n) for n in names]


def date_bounds(tables: Tables) -> tuple[dt.date | None, dt.date | None]:
    """The first and last date of the figures and statements (as the explorer dates them)."""
    articles = tables.get("articles")
    dates = pd.concat([figure_dates(tables.get("figures"), articles),
                       statement_dates(tables.get("statements"), articles)], ignore_index=True).dropna()
    if dates.empty:
        return None, None
    return dates.min().date(), dates.max().date()


# ============================================================================================ row tables


def figure_view(figures: pd.DataFrame, articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """The figures as a reader scans them (FIGURE_VIEW_COLUMNS), by date (undated last), article, offset."""
    f = ensure_columns(figures, "figures")
    out = pd.DataFrame({
        "date": figure_dates(f, articles),
        "category": clean_text(f["category"]),
        "value": pd.to_numeric(f["value"], errors="coerce").astype("Float64").round().astype("Int64"),
        "qualifier": clean_text(f["qualifier"]),
        "side": clean_text(f["side"]),
        "claimed_by": clean_text(f["claimed_by"]),
        "sentence": clean_text(f["sentence"]),
        "doc_id": clean_text(f["doc_id"]),
        "figure_id": clean_text(f["figure_id"]),
        "_start": pd.to_numeric(f["start"], errors="coerce"),
    })
    return _by_date(out, list(FIGURE_VIEW_COLUMNS))


def statement_view(statements: pd.DataFrame, articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """The statements as a reader scans them (STATEMENT_VIEW_COLUMNS), by date, article, offset."""
    s = ensure_columns(statements, "statements")
    out = pd.DataFrame({
        "date": statement_dates(s, articles),
        "speaker": clean_text(s["speaker"]),
        "side": clean_text(s["side"]),
        "kind": clean_text(s["kind"]),
        "quote": clean_text(s["quote"]),
        "doc_id": clean_text(s["doc_id"]),
        "statement_id": clean_text(s["statement_id"]),
        "_start": pd.to_numeric(s["start"], errors="coerce"),
    })
    return _by_date(out, list(STATEMENT_VIEW_COLUMNS))


def _by_date(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    frame = frame.sort_values(["date", "doc_id", "_start", columns[-1]], kind="stable", na_position="last")
    frame = frame.assign(date=frame["date"].map(iso_text))
    return frame.reset_index(drop=True)[columns]


def row_labels(view: pd.DataFrame, widths: Mapping[str, int]) -> list[str]:
    """One fixed-width line per row (for a monospace list): each column cut or padded to its width,
    numbers right-aligned with thousands separators, line breaks flattened."""
    if view.empty:
        return []
    parts = []
    for col, width in widths.items():
        numeric = pd.api.types.is_numeric_dtype(view[col])
        cells = [_number(v) for v in view[col]] if numeric else clean_text(view[col])
        parts.append([_cell(c, width, right=numeric) for c in cells])
    return ["  ".join(cells).rstrip() for cells in zip(*parts, strict=True)]


def row_header(widths: Mapping[str, int]) -> str:
    """The column names over :func:`row_labels`' lines."""
    return "  ".join(_cell(col.replace("_", " "), w) for col, w in widths.items()).rstrip()


def _cell(value: str, width: int, *, right: bool = False) -> str:
    flat = " ".join(value.split())
    if len(flat) > width:
        flat = flat[: width - 1] + "…"
    return flat.rjust(width) if right else flat.ljust(width)


def table_html(frame: pd.DataFrame, table_id: str, *, limit: int | None = None) -> str:
    """A small static HTML table (escaped), at most ``limit`` rows, with a note of how many exist."""
    shown = frame if limit is None else frame.head(limit)
    body = shown.to_html(index=False, escape=True, border=0, table_id=table_id, classes="frontline-small",
                         na_rep="")
    note = f"{len(frame)} rows" if len(shown) == len(frame) else f"{len(frame)} rows, the first {len(shown)} shown"
    return body + f'<p class="frontline-note">{html.escape(note)}.</p>'


# ============================================================================================ highlighting


def span_of(text: str, start, end) -> tuple[int, int] | None:
    """``(start, end)`` as integers clamped to the text, swapped when reversed; None when either is missing
    or not a number."""
    lo, hi = _offset(start), _offset(end)
    if lo is None or hi is None:
        return None
    n = len(text)
    lo, hi = min(max(lo, 0), n), min(max(hi, 0), n)
    return (lo, hi) if lo <= hi else (hi, lo)


def _offset(value) -> int | None:
    try:
        if value is None or pd.isna(value):
            return None
        return int(value)
    except (TypeError, ValueError, OverflowError):
        return None


def paragraph_of(text: str, start, end) -> tuple[int, int]:
    """Offsets ``(from, to)`` of the paragraph (line of ``articles.text``) holding ``text[start:end]``;
    a span across paragraphs gets all of them. Unusable offsets give the first paragraph."""
    text = text if isinstance(text, str) else ""
    s, e = span_of(text, start, end) or (0, 0)
    lo = text.rfind("\n", 0, s) + 1
    hi = text.find("\n", e - 1 if e > s else e)  # the line of the span's last character
    return lo, len(text) if hi == -1 else max(hi, lo)


def highlight_html(text: str, start, end) -> str:
    """The paragraph holding ``text[start:end]``, HTML-escaped, with the span in ``<mark>``.

    Safe for any text (markup in the article is shown, never interpreted); bad offsets never raise: they
    give the first paragraph without a mark.
    """
    text = text if isinstance(text, str) else ""
    span = span_of(text, start, end)
    lo, hi = paragraph_of(text, start, end)
    s, e = span if span else (lo, lo)
    s, e = min(max(s, lo), hi), min(max(e, lo), hi)
    marked = f"<mark>{_escape(text[s:e])}</mark>" if e > s else ""
    return f'<p class="frontline-paragraph">{_escape(text[lo:s])}{marked}{_escape(text[e:hi])}</p>'


def _escape(text: str) -> str:
    return html.escape(text, quote=True).replace("\n", "<br>")


# ============================================================================================ cards


def article_card(tables: Tables, doc_id: str, start, end) -> str:
    """HTML card of an article: title, date, outlet and the paragraph with ``[start, end)`` highlighted."""
    a = ensure_columns(tables.get("articles"), "articles")
    rows = a[clean_text(a["doc_id"]) == str(doc_id)]
    if rows.empty:
        note = f"Article {doc_id} is not in the articles table."
        return f'<div class="frontline-card"><p class="frontline-note">{html.escape(note)}</p></div>'
    row = rows.iloc[0]
    title = _plain(row["title"]) or "(no title)"
    meta = [iso_text(row["published"]) or "date unknown", _plain(row["outlet"]) or "outlet unknown", str(doc_id)]
    url = _plain(row["url"])
    link = ""
    if url.lower().startswith(("http://", "https://")):
        link = f' · <a href="{html.escape(url, quote=True)}" target="_blank" rel="noopener noreferrer">source</a>'
    return (
        f'<div class="frontline-card"><h4>{html.escape(title)}</h4>'
        f'<p class="frontline-meta">{html.escape(" · ".join(meta))}{link}</p>'
        f"{highlight_html(_plain(row['text'], strip=False), start, end)}</div>"
    )


def _plain(value, *, strip: bool = True) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value).strip() if strip else str(value)


def claim_of(claims: pd.DataFrame, figure_id: str) -> pd.Series | None:
    """The claims row whose mention_ids hold ``figure_id`` (None when no claim does)."""
    c = ensure_columns(claims, "claims")
    ids = clean_text(c["mention_ids"]).str.split(SEPARATOR)
    hit = ids.map(lambda members: str(figure_id) in members)
    found = c[hit.to_numpy(dtype=bool)]
    return None if found.empty else found.iloc[0]


def other_reports(tables: Tables, figure_id: str) -> pd.DataFrame:
    """The other mentions of the claim ``figure_id`` belongs to (claims.mention_ids), with their article's
    title, date and outlet (OTHER_REPORT_COLUMNS), by date, article and offset. Empty when alone."""
    claim = claim_of(tables.get("claims"), figure_id)
    empty = pd.DataFrame({c: pd.Series(dtype="object") for c in OTHER_REPORT_COLUMNS})
    if claim is None:
        return empty
    others = [m for m in _plain(claim["mention_ids"]).split(SEPARATOR) if m and m != str(figure_id)]
    f = ensure_columns(tables.get("figures"), "figures")
    f = f[clean_text(f["figure_id"]).isin(others)]
    if f.empty:
        return empty
    a = ensure_columns(tables.get("articles"), "articles")
    meta = pd.DataFrame({"doc_id": clean_text(a["doc_id"]), "title": clean_text(a["title"]),
                         "published": a["published"].map(iso_text), "outlet": clean_text(a["outlet"])})
    meta = meta.drop_duplicates("doc_id")
    out = pd.DataFrame({
        "claim_id": _plain(claim["claim_id"]),
        "figure_id": clean_text(f["figure_id"]),
        "doc_id": clean_text(f["doc_id"]),
        "value": pd.to_numeric(f["value"], errors="coerce").astype("Float64").round().astype("Int64"),
        "qualifier": clean_text(f["qualifier"]),
        "claimed_by": clean_text(f["claimed_by"]),
        "sentence": clean_text(f["sentence"]),
        "_start": pd.to_numeric(f["start"], errors="coerce"),
    }).merge(meta, on="doc_id", how="left")
    out = out.fillna({"title": "", "published": "", "outlet": ""})
    out = out.sort_values(["published", "doc_id", "_start", "figure_id"], kind="stable", na_position="last")
    return out.reset_index(drop=True)[list(OTHER_REPORT_COLUMNS)]


def figure_details(tables: Tables, figure_id: str) -> str:
    """What selecting a figure shows: its article card, then the other reports of the same claim."""
    f = ensure_columns(tables.get("figures"), "figures")
    rows = f[clean_text(f["figure_id"]) == str(figure_id)]
    if rows.empty:
        return f'<p class="frontline-note">Figure {html.escape(str(figure_id))} is not in the figures table.</p>'
    row = rows.iloc[0]
    what = " · ".join(x for x in (_plain(row["category"]), _number(row["value"]),
                                  _plain(row["qualifier"]), f"side {_plain(row['side']) or 'unknown'}",
                                  f"claimed by {_plain(row['claimed_by']) or 'unknown'}") if x)
    card = article_card(tables, _plain(row["doc_id"]), row["start"], row["end"])
    return f'<p class="frontline-meta"><b>Figure</b> {html.escape(what)}</p>{card}{reports_html(tables, figure_id)}'


def reports_html(tables: Tables, figure_id: str) -> str:
    """The other reports of a figure's claim, one line each (value, hedge, claimant, article, sentence),
    under the claim's range and claimants."""
    claim = claim_of(tables.get("claims"), figure_id)
    if claim is None:
        return '<p class="frontline-note">This figure belongs to no claim.</p>'
    others = other_reports(tables, figure_id)
    lo, hi = _number(claim["value_min"]), _number(claim["value_max"])
    spread = lo if lo == hi else f"{lo} to {hi}"
    head = (f"Claim {_plain(claim['claim_id'])}: {_plain(claim['n_mentions'])} mentions in "
            f"{_plain(claim['n_articles'])} articles, values {spread}, claimed by "
            f"{_plain(claim['claimants']) or 'nobody named'}.")
    if others.empty:
        return f'<p class="frontline-meta">{html.escape(head)} No other report.</p>'
    items = []
    for row in others.itertuples(index=False):
        source = ", ".join(x for x in (row.outlet, row.published, row.doc_id) if x)
        items.append(
            f"<li><b>{html.escape(_number(row.value))}</b> {html.escape(row.qualifier.replace('_', ' '))} · "
            f"claimed by {html.escape(row.claimed_by or 'unknown')} · <i>{html.escape(row.title or '(no title)')}"
            f"</i> ({html.escape(source)}): “{html.escape(row.sentence)}”</li>"
        )
    return (f'<p class="frontline-meta">{html.escape(head)} Other reports:</p>'
            f'<ul class="frontline-reports">{"".join(items)}</ul>')


def _number(value) -> str:
    number = pd.to_numeric(pd.Series([value], dtype="object"), errors="coerce").iloc[0]
    return "" if pd.isna(number) else f"{int(round(float(number))):,}"


def statement_details(tables: Tables, statement_id: str) -> str:
    """What selecting a statement shows: speaker, side and date, then its article card."""
    s = ensure_columns(tables.get("statements"), "statements")
    rows = s[clean_text(s["statement_id"]) == str(statement_id)]
    if rows.empty:
        return (f'<p class="frontline-note">Statement {html.escape(str(statement_id))} is not in the '
                "statements table.</p>")
    row = rows.iloc[0]
    what = " · ".join(x for x in (_plain(row["speaker"]) or "speaker unknown",
                                  f"side {_plain(row['side']) or 'unknown'}", _plain(row["kind"]),
                                  iso_text(row["date"])) if x)
    card = article_card(tables, _plain(row["doc_id"]), row["start"], row["end"])
    return f'<p class="frontline-meta"><b>Statement</b> {html.escape(what)}</p>{card}'


# ============================================================================================ timeline


def timeline_figure(figures: pd.DataFrame, statements: pd.DataFrame, filters: Filters | None = None, *,
                    articles: pd.DataFrame | None = None) -> Figure:
    """The selected figures (mentions per day, by category) above the selected statements (per day, by
    the speaker's side), on one date axis; per week or month over long spans. ``filters`` are applied
    (so the chart matches the explorer's tables whether or not the frames are filtered already)."""
    filters = filters or Filters()
    f = charts.fill_figure_dates(filter_figures(figures, filters, articles), articles)
    s = charts.fill_statement_dates(filter_statements(statements, filters, articles), articles)
    f_dates = charts.as_dates(f["period_end"]).fillna(charts.as_dates(f["period_start"]))
    s_dates = charts.as_dates(s["date"])
    freq = charts.choose_freq(pd.concat([f_dates, s_dates], ignore_index=True))
    unit = charts.FREQ_UNITS[freq]
    present = [c for c in CATEGORIES if c in set(clean_text(f["category"]))]
    per_cat = charts.daily_figures(f, present, by="category", freq=freq, dedupe=False)
    per_side = charts.daily_statements(s, freq=freq)
    title = f"Figures and statements matching the filters, per {unit}"
    caption = _timeline_caption(filters, unit, len(f), int(f_dates.isna().sum()), len(s), int(s_dates.isna().sum()))
    fig, axes = charts.new_figure(2, height=5.6)
    axes[0].set_ylabel(f"figure mentions\nper {unit}")
    axes[1].set_ylabel(f"statements\nper {unit}")
    if per_cat.empty and per_side.empty:
        return charts.no_data(fig, axes, title, caption)
    _panel(axes[0], per_cat, "n_mentions", freq, charts.rank_colors(present), "category", "figures")
    sides = charts.ordered_groups(per_side["group"], per_side["n_statements"]) if len(per_side) else []
    _panel(axes[1], per_side, "n_statements", freq, charts.side_colors(sides), "speaker's side", "statements")
    binned = pd.concat([per_cat["date"], per_side["date"]], ignore_index=True)
    charts.date_axis(axes[1], binned, freq)
    axes[1].set_xlabel(charts.xlabel(freq, "date (figures: period end; statements: statement date)"))
    fig.align_ylabels(axes)
    return charts.finish(fig, title, caption)


def _panel(ax: Axes, daily: pd.DataFrame, column: str, freq: str, colors: Mapping[str, str], title: str,
           noun: str) -> None:
    charts.count_axis(ax)
    if daily.empty:
        ax.text(0.5, 0.5, f"no {noun} match", transform=ax.transAxes, ha="center", va="center",
                color="#777777", fontsize=9)
        return
    charts.stacked_bars(ax, daily, column, freq, colors)
    handles = [Patch(facecolor=c, label=g) for g, c in reversed(list(colors.items()))]
    ax.legend(handles=handles, title=title, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8,
              title_fontsize=8, frameon=False)


def _timeline_caption(filters: Filters, unit: str, n_figures: int, undated_figures: int, n_statements: int,
                      undated_statements: int) -> str:
    parts = [
        f"Shows the figure mentions (top, stacked by category; a figure repeated by several articles counts "
        f"each time) and the statements (bottom, stacked by the speaker's side) per {unit} that the filters "
        f"select ({describe(filters)}).",
        f"Source: figures table (period_end, else period_start, else the article's publication date) and "
        f"statements table (date, else publication); {n_figures:,} figures and {n_statements:,} statements.",
    ]
    left = [f"{n:,} undated {what}" for n, what in ((undated_figures, "figures"), (undated_statements, "statements"))
            if n]
    if left:
        parts.append("Not shown: " + "; ".join(left) + ".")
    return " ".join(parts)


# ============================================================================================ static summary


def static_summary(tables: Tables, filters: Filters | None = None, *, rows: int = STATIC_ROWS) -> str:
    """The explorer as one static HTML page, for runs without a live widget frontend (papermill,
    nbconvert, nbval): the controls' choices, the first ``rows`` figures and statements the filters
    select, and one example selection (the figure reported by the most articles) with its article and
    the other reports of its claim."""
    filters = filters or Filters()
    articles = tables.get("articles")
    figures = filter_figures(tables.get("figures"), filters, articles)
    statements = filter_statements(tables.get("statements"), filters, articles)
    lo, hi = date_bounds(tables)
    choice_rows = "".join(
        f"<tr><th>{html.escape(name)}</th><td>{html.escape('; '.join(lab for lab, _ in choices) or 'none')}</td></tr>"
        for name, choices in options(tables).items()
    )
    dates = f"{lo.isoformat()} to {hi.isoformat()}" if lo and hi else "no dated rows"
    choice_rows += f"<tr><th>dates</th><td>{html.escape(dates)}</td></tr>"
    parts = [
        STYLE,
        "<h3>Explorer (static summary)</h3>",
        '<p class="frontline-note">No live widget frontend in this run (papermill, nbconvert or nbval), so the '
        "explorer is shown as a summary. Open the notebook in JupyterLab and run all cells for the controls.</p>",
        f'<p class="frontline-meta">Filters: {html.escape(describe(filters))}.</p>',
        "<h4>Choices of the controls (rows in the tables)</h4>",
        f'<table class="frontline-small" id="frontline-explore-choices">{choice_rows}</table>',
        f"<h4>Figures ({len(figures)})</h4>",
        table_html(figure_view(figures, articles), "frontline-explore-figures", limit=rows),
        f"<h4>Statements ({len(statements)})</h4>",
        table_html(statement_view(statements, articles), "frontline-explore-statements", limit=rows),
    ]
    example = most_reported(tables, figures)
    if example:
        parts += ["<h4>Example selection: the figure reported by the most articles</h4>",
                  figure_details(tables, example)]
    return "".join(parts)


def most_reported(tables: Tables, figures: pd.DataFrame) -> str | None:
    """The id of the figure among ``figures`` whose claim spans the most articles (then mentions, then the
    earliest claim and mention); None when there are no figures."""
    f = ensure_columns(figures, "figures")
    if f.empty:
        return None
    c = ensure_columns(tables.get("claims"), "claims")
    members = pd.DataFrame({"claim_id": clean_text(c["claim_id"]),
                            "figure_id": clean_text(c["mention_ids"]).str.split(SEPARATOR),
                            "n_articles": pd.to_numeric(c["n_articles"], errors="coerce").fillna(0),
                            "n_mentions": pd.to_numeric(c["n_mentions"], errors="coerce").fillna(0)})
    members = members.explode("figure_id")
    members = members[members["figure_id"].isin(set(clean_text(f["figure_id"])))]
    if members.empty:
        return str(clean_text(f["figure_id"]).iloc[0])
    members = members.sort_values(["n_articles", "n_mentions", "claim_id", "figure_id"],
                                  ascending=[False, False, True, True], kind="stable")
    return str(members["figure_id"].iloc[0])


__all__ = [
    "FIGURE_VIEW_COLUMNS", "OTHER_REPORT_COLUMNS", "STATEMENT_VIEW_COLUMNS", "STYLE", "Filters", "article_card",
    "claim_of", "date_bounds", "describe", "figure_dates", "figure_details", "figure_view", "filter_figures",
    "filter_statements", "highlight_html", "most_reported", "options", "other_reports", "paragraph_of",
    "reports_html", "row_header", "row_labels", "span_of", "statement_dates", "statement_details",
    "statement_view", "static_summary", "table_html", "timeline_figure",
]
