"""Small pure functions from the contract tables to the tables a reader of the notebooks sees.

The notebooks hold no logic: every table they show is computed here, so it is unit-tested like the
rest of the library. Each function takes frames (as :func:`frontline.pipeline.load_tables` gives them,
or empty frames of the contract) and returns a new frame in a fixed, sorted order, so an executed
notebook shows the same output for the same tables.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping

import pandas as pd

from .vocab import CATEGORIES, SIDES, TABLE_COLUMNS

#: Cues of reported speech: a figure in such a sentence that the article claims in its own voice was
#: probably said by someone the extractor did not find.
REPORTED_SPEECH = re.compile(
    r"[\"“”«»]|\b(?:said|says|say|told|tells|according to|reported|reports|claimed|claims|stated|states|"
    r"announced|added|estimated|estimates|alleged|insisted|warned|wrote|confirmed|quoted)\b",
    re.IGNORECASE,
)
#: Values of a statement's ``attribution`` (see frontline.statements) meaning the speaker was not named
#: next to the quote, and what each means for a reader.
INDIRECT_ATTRIBUTION: dict[str, str] = {
    "pronoun": "speaker found only through a pronoun (he, she, they)",
    "previous_paragraph": "speaker taken from the paragraph before",
    "continuation": "speaker carried over from an earlier sentence of the quote",
}
ARTICLE_VOICE = frozenset({"", "article", "none", "nan"})


# ---------------------------------------------------------------------------------------------- helpers


def clean_text(series: pd.Series) -> pd.Series:
    """Strings with missing values as ""."""
    return series.astype("object").where(series.notna(), "").astype(str).str.strip()


def ensure_columns(frame: pd.DataFrame | None, table: str) -> pd.DataFrame:
    """The frame with every contract column of ``table`` (missing ones empty)."""
    frame = pd.DataFrame() if frame is None else frame
    columns = TABLE_COLUMNS.get(table, ())
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        frame = frame.assign(**{c: pd.Series([None] * len(frame), index=frame.index, dtype="object")
                                for c in missing})
    return frame


def iso_text(value) -> str:
    """A date (or date-like text) as YYYY-MM-DD; "" when missing."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, (dt.date, pd.Timestamp)):
        return value.strftime("%Y-%m-%d")
    return str(value)[:10]


def bounded(frame: pd.DataFrame, limit: int = 2000) -> tuple[pd.DataFrame, int]:
    """The first ``limit`` rows and how many were cut (tables shown in a page stay small)."""
    if limit < 0:
        raise ValueError("limit must be >= 0")
    cut = max(0, len(frame) - limit)
    return (frame.head(limit) if cut else frame), cut


def parse_window(window_start: str | dt.date | None, window_end: str | dt.date | None,
                 ) -> tuple[dt.date, dt.date] | None:
    """The extraction window of notebook parameters, exactly as ``frontline report`` builds it.

    Either bound may be None (open); both None means no window. Same rule as the CLI's
    ``--period-start``/``--period-end`` so the notebooks reuse the tables the command extracted.
    """
    start, end = _date_or_none(window_start, "window_start"), _date_or_none(window_end, "window_end")
    if start is None and end is None:
        return None
    window = (start or dt.date(1900, 1, 1), end or dt.date(2999, 12, 31))
    if window[0] > window[1]:
        raise ValueError(f"window_start {window[0]} is after window_end {window[1]}")
    return window


def _date_or_none(value, name: str) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise ValueError(f"{name} is not a date (YYYY-MM-DD): {value!r}") from exc


def window_text(window: tuple[dt.date, dt.date] | None) -> str:
    if window is None:
        return "none given (date inference bounded by the corpus's known dates ± 90 days)"
    lo = "open" if window[0] == dt.date(1900, 1, 1) else window[0].isoformat()
    hi = "open" if window[1] == dt.date(2999, 12, 31) else window[1].isoformat()
    return f"{lo} to {hi}"


def chart_window(window: tuple[dt.date, dt.date] | None, figures: pd.DataFrame,
                 ) -> tuple[dt.date, dt.date] | None:
    """The window to draw: the extraction window with open ends closed at the figures' own dates."""
    if window is None:
        return None
    lo, hi = window
    dates = pd.to_datetime(ensure_columns(figures, "figures")["period_end"], errors="coerce").dropna()
    if lo == dt.date(1900, 1, 1):
        lo = dates.min().date() if len(dates) else hi
    if hi == dt.date(2999, 12, 31):
        hi = dates.max().date() if len(dates) else lo
    return (lo, hi) if lo <= hi else (hi, lo)


def provenance(summary: Mapping, *, corpus: str, out: str, window: tuple[dt.date, dt.date] | None,
               extra: Mapping[str, object] | None = None) -> list[tuple[str, str]]:
    """Rows of the parameters-and-provenance box: no timestamps, no absolute paths.

    ``summary`` is the run summary (``run.json``) that :func:`frontline.pipeline.ensure_extracted` returns.
    """
    counts = summary.get("counts", {}) if summary else {}
    versions = summary.get("versions", {}) if summary else {}
    rows = [
        ("corpus", corpus),
        ("tables", out),
        ("window", window_text(window)),
        ("frontline version", str(versions.get("frontline", "unknown"))),
    ]
    parameters = summary.get("parameters", {}) if summary else {}
    if parameters.get("engine"):
        rows.append(("engine", str(parameters["engine"])))
    order = ("inputs", "articles", "rejected", "lines", "figures", "statements", "claims")
    shown = [f"{counts[k]} {k}" for k in order if k in counts]
    if shown:
        rows.append(("counts", ", ".join(shown)))
    for warning in summary.get("warnings", []) if summary else []:
        rows.append(("warning", str(warning)))
    for key, value in (extra or {}).items():
        rows.append((str(key), _plain(value)))
    return rows


def _plain(value) -> str:
    if value is None:
        return "none"
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value) if value else "all"
    return str(value)


# ---------------------------------------------------------------------------------------------- 01 clean


def removed_per_article(lines: pd.DataFrame, articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per article: how many lines were kept, removed as boilerplate, and why (most frequent first)."""
    lines = ensure_columns(lines, "lines")
    cols = ["doc_id", "title", "lines", "body", "boilerplate", "removed_share", "why_removed"]
    if lines.empty:
        return pd.DataFrame(columns=cols)
    frame = lines.assign(doc_id=clean_text(lines["doc_id"]), label=clean_text(lines["label"]),
                         reason=clean_text(lines["reason"]))
    counts = pd.crosstab(frame["doc_id"], frame["label"])
    for label in ("title", "body", "boilerplate"):
        if label not in counts.columns:
            counts[label] = 0
    removed = frame[frame["label"] == "boilerplate"]
    reasons = (
        removed.groupby(["doc_id", "reason"]).size().rename("n").reset_index()
        .sort_values(["doc_id", "n", "reason"], ascending=[True, False, True], kind="stable")
    )
    why = reasons.groupby("doc_id", sort=True).apply(
        lambda g: "; ".join(f"{r} ×{n}" for r, n in zip(g["reason"], g["n"], strict=True)), include_groups=False
    ) if len(reasons) else pd.Series(dtype=str)
    out = pd.DataFrame({
        "doc_id": counts.index.astype(str),
        "lines": counts.sum(axis=1).to_numpy(),
        "body": counts["body"].to_numpy(),
        "boilerplate": counts["boilerplate"].to_numpy(),
    })
    out["removed_share"] = (out["boilerplate"] / out["lines"].where(out["lines"] > 0)).round(3).fillna(0.0)
    out["why_removed"] = out["doc_id"].map(why).fillna("")
    titles = _titles_by_doc(articles)
    out.insert(1, "title", out["doc_id"].map(titles).fillna(""))
    return out.sort_values("doc_id", kind="stable").reset_index(drop=True)[cols]


def _titles_by_doc(articles: pd.DataFrame | None) -> dict[str, str]:
    if articles is None or articles.empty:
        return {}
    a = ensure_columns(articles, "articles")
    return dict(zip(clean_text(a["doc_id"]), clean_text(a["title"]), strict=True))


def removal_reasons(lines: pd.DataFrame) -> pd.DataFrame:
    """Every reason a line was removed, with how many lines and articles it removed (most lines first)."""
    lines = ensure_columns(lines, "lines")
    cols = ["reason", "lines", "articles", "example"]
    removed = lines[clean_text(lines["label"]) == "boilerplate"]
    if removed.empty:
        return pd.DataFrame(columns=cols)
    removed = removed.assign(reason=clean_text(removed["reason"]), text=clean_text(removed["text"]),
                             doc_id=clean_text(removed["doc_id"]))
    removed = removed.sort_values(["reason", "doc_id", "line_no"], kind="stable")
    grouped = removed.groupby("reason", sort=True)
    out = pd.DataFrame({
        "lines": grouped.size(),
        "articles": grouped["doc_id"].nunique(),
        "example": grouped["text"].first().str.slice(0, 80),
    }).reset_index()
    return out.sort_values(["lines", "reason"], ascending=[False, True], kind="stable").reset_index(drop=True)[cols]


def removed_lines(lines: pd.DataFrame) -> pd.DataFrame:
    """The removed lines themselves, in article and line order (for the searchable table)."""
    lines = ensure_columns(lines, "lines")
    removed = lines[clean_text(lines["label"]) == "boilerplate"]
    cols = ["doc_id", "line_no", "reason", "text"]
    return removed.sort_values(["doc_id", "line_no"], kind="stable").reset_index(drop=True)[cols]


def titles(articles: pd.DataFrame, lines: pd.DataFrame) -> pd.DataFrame:
    """Each article's title, the raw line it came from and the rule that chose it."""
    articles, lines = ensure_columns(articles, "articles"), ensure_columns(lines, "lines")
    cols = ["doc_id", "title", "line_no", "raw_line", "rule"]
    title_lines = lines[clean_text(lines["label"]) == "title"].sort_values(["doc_id", "line_no"], kind="stable")
    first = title_lines.drop_duplicates("doc_id").set_index("doc_id")
    out = pd.DataFrame({"doc_id": clean_text(articles["doc_id"]), "title": clean_text(articles["title"])})
    out["line_no"] = out["doc_id"].map(first["line_no"]).astype("Int64")
    out["raw_line"] = out["doc_id"].map(first["text"]).fillna("")
    out["rule"] = out["doc_id"].map(first["reason"]).fillna("no title line found")
    return out.sort_values("doc_id", kind="stable").reset_index(drop=True)[cols]


def date_sources(articles: pd.DataFrame) -> pd.DataFrame:
    """Each article's publication date, where it came from (manifest, file name, page, inferred, none) and why."""
    a = ensure_columns(articles, "articles")
    out = pd.DataFrame({
        "doc_id": clean_text(a["doc_id"]),
        "published": a["published"].map(iso_text),
        "date_source": clean_text(a["date_source"]),
        "date_evidence": clean_text(a["date_evidence"]),
        "status": clean_text(a["status"]),
    })
    return out.sort_values("doc_id", kind="stable").reset_index(drop=True)


def date_source_counts(articles: pd.DataFrame) -> pd.DataFrame:
    """How many articles got their date from each source, in order of trust."""
    from .vocab import DATE_SOURCES

    a = ensure_columns(articles, "articles")
    counts = clean_text(a["date_source"]).value_counts()
    order = list(DATE_SOURCES) + sorted(set(counts.index) - set(DATE_SOURCES))
    return pd.DataFrame({"date_source": order, "articles": [int(counts.get(s, 0)) for s in order]})


def rejected_inputs(rejected: pd.DataFrame) -> pd.DataFrame:
    r = ensure_columns(rejected, "rejected")
    out = pd.DataFrame({"source": clean_text(r["source"]), "reason": clean_text(r["reason"])})
    return out.sort_values(["source", "reason"], kind="stable").reset_index(drop=True)


# ---------------------------------------------------------------------------------------------- 02 figures


def filter_rows(frame: pd.DataFrame, table: str, categories: Iterable[str] | None = None,
                sides: Iterable[str] | None = None) -> pd.DataFrame:
    """Rows of ``table`` (figures or claims) of the chosen categories and sides (empty or None: all).

    Categories must be those of the vocabulary; sides may be any (an actor table can name its own).
    """
    f = ensure_columns(frame, table)
    keep = pd.Series(True, index=f.index)
    categories, sides = list(categories or []), list(sides or [])
    unknown = sorted(set(categories) - set(CATEGORIES))
    if unknown:
        raise ValueError(f"unknown categories {unknown}: use {list(CATEGORIES)}")
    if categories:
        keep &= clean_text(f["category"]).isin(categories)
    if sides:
        keep &= clean_text(f["side"]).isin(sides)
    return f[keep].reset_index(drop=True)


def filter_outlets(tables: dict[str, pd.DataFrame], outlets: Iterable[str] | None) -> dict[str, pd.DataFrame]:
    """The tables restricted to the articles of the chosen outlets (empty or None: all).

    Claims are rebuilt from the kept figures, so the ledger only merges what those outlets reported.
    """
    chosen = [o for o in (outlets or []) if str(o).strip()]
    if not chosen:
        return tables
    from .claims import build_claims

    articles = tables["articles"]
    wanted = {str(o).strip().lower() for o in chosen}
    keep_ids = set(articles.loc[articles["outlet"].fillna("").str.strip().str.lower().isin(wanted), "doc_id"])
    out = dict(tables)
    for name in ("articles", "lines", "figures", "statements"):
        out[name] = tables[name][tables[name]["doc_id"].isin(keep_ids)].reset_index(drop=True)
    out["claims"] = build_claims(out["figures"])
    return out


def filter_figures(figures: pd.DataFrame, categories: Iterable[str] | None = None,
                   sides: Iterable[str] | None = None) -> pd.DataFrame:
    """Figures of the chosen categories and sides (an empty or None choice keeps all)."""
    return filter_rows(figures, "figures", categories, sides)


def figure_table(figures: pd.DataFrame) -> pd.DataFrame:
    """The figures a reader checks: value, hedge, side, claimant, period and the sentence, in text order."""
    f = ensure_columns(figures, "figures")
    out = pd.DataFrame({
        "doc_id": clean_text(f["doc_id"]),
        "category": clean_text(f["category"]),
        "value": pd.to_numeric(f["value"], errors="coerce").astype("Int64"),
        "number_text": clean_text(f["number_text"]),
        "qualifier": clean_text(f["qualifier"]),
        "subject": clean_text(f["subject"]),
        "side": clean_text(f["side"]),
        "claimed_by": clean_text(f["claimed_by"]),
        "period": [_period(s, e) for s, e in zip(f["period_start"], f["period_end"], strict=True)],
        "sentence": clean_text(f["sentence"]),
        "start": pd.to_numeric(f["start"], errors="coerce").astype("Int64"),
    })
    return out.sort_values(["doc_id", "start", "category"], kind="stable", na_position="last").reset_index(drop=True)


def _period(start, end) -> str:
    s, e = iso_text(start), iso_text(end)
    if not s and not e:
        return ""
    return s if s == e or not e else (e if not s else f"{s} to {e}")


def category_counts(figures: pd.DataFrame) -> pd.DataFrame:
    """Per category (all seven, in vocabulary order): mentions, articles, sides, smallest and largest value."""
    f = ensure_columns(figures, "figures")
    frame = pd.DataFrame({"category": clean_text(f["category"]), "doc_id": clean_text(f["doc_id"]),
                          "side": clean_text(f["side"]), "value": pd.to_numeric(f["value"], errors="coerce")})
    rows = []
    extra = sorted(set(frame["category"]) - set(CATEGORIES))
    for cat in (*CATEGORIES, *extra):
        part = frame[frame["category"] == cat]
        sides = part["side"].value_counts()
        rows.append({
            "category": cat, "mentions": len(part), "articles": part["doc_id"].nunique(),
            "sides": "; ".join(f"{s} {n}" for s, n in sorted(sides.items(), key=lambda kv: (-kv[1], kv[0]))),
            "smallest": part["value"].min() if len(part) else None,
            "largest": part["value"].max() if len(part) else None,
        })
    out = pd.DataFrame(rows)
    for col in ("smallest", "largest"):
        out[col] = pd.to_numeric(out[col], errors="coerce").round().astype("Int64")
    return out


def category_side_counts(figures: pd.DataFrame) -> pd.DataFrame:
    """Mentions per category (rows, vocabulary order) and side (columns, vocabulary order)."""
    f = ensure_columns(figures, "figures")
    table = pd.crosstab(clean_text(f["category"]), clean_text(f["side"]))
    rows = [*CATEGORIES, *sorted(set(table.index) - set(CATEGORIES))]
    cols = [*SIDES, *sorted(set(table.columns) - set(SIDES))]
    table = table.reindex(index=rows, columns=cols, fill_value=0).astype("int64")
    table.index.name, table.columns.name = "category", None
    return table.reset_index()


def hard_figures(figures: pd.DataFrame) -> pd.DataFrame:
    """Figures the extractor was least sure of, with every reason, the most doubtful first.

    Reasons: the side is unknown; the article is the claimant although the sentence reports speech
    (someone said it, but the speaker was not found); a vague qualifier (dozens, several); a range;
    no period could be resolved.
    """
    table = figure_table(figures)
    cols = ["doubts", "why", *table.columns]
    if table.empty:
        return pd.DataFrame(columns=cols)
    reasons = [[] for _ in range(len(table))]
    checks = [
        (table["side"].isin(["", "unknown"]), "side unknown"),
        (table["claimed_by"].str.lower().isin(ARTICLE_VOICE) & table["sentence"].str.contains(REPORTED_SPEECH),
         "claimed by the article, but inside reported speech"),
        (table["qualifier"] == "vague", "vague quantity"),
        (table["qualifier"] == "range", "a range, value is its low end"),
        (table["period"] == "", "no period resolved"),
    ]
    for mask, reason in checks:
        for i in mask.fillna(False).to_numpy().nonzero()[0]:
            reasons[i].append(reason)
    table.insert(0, "why", ["; ".join(r) for r in reasons])
    table.insert(0, "doubts", [len(r) for r in reasons])
    out = table[table["doubts"] > 0]
    return out.sort_values(["doubts", "doc_id", "start"], ascending=[False, True, True], kind="stable",
                           na_position="last").reset_index(drop=True)[cols]


def doubt_counts(hard: pd.DataFrame) -> pd.DataFrame:
    """How many figures each doubt concerns (from :func:`hard_figures`)."""
    if hard.empty:
        return pd.DataFrame(columns=["why", "figures"])
    reasons = hard["why"].str.split("; ").explode()
    counts = reasons.value_counts()
    out = pd.DataFrame({"why": counts.index, "figures": counts.to_numpy()})
    return out.sort_values(["figures", "why"], ascending=[False, True], kind="stable").reset_index(drop=True)


# ---------------------------------------------------------------------------------------------- 03 statements


def _statements(statements: pd.DataFrame) -> pd.DataFrame:
    s = ensure_columns(statements, "statements")
    return pd.DataFrame({
        "doc_id": clean_text(s["doc_id"]), "statement_id": clean_text(s["statement_id"]),
        "speaker": clean_text(s["speaker"]), "speaker_kind": clean_text(s["speaker_kind"]),
        "side": clean_text(s["side"]),
        "kind": clean_text(s["kind"]), "quote": clean_text(s["quote"]), "cue": clean_text(s["cue"]),
        "attribution": clean_text(s["attribution"]), "date": s["date"].map(iso_text),
        "start": pd.to_numeric(s["start"], errors="coerce").astype("Int64"),
        "end": pd.to_numeric(s["end"], errors="coerce").astype("Int64"),
    })


def statements_per_speaker(statements: pd.DataFrame) -> pd.DataFrame:
    """Per speaker: kind, side, how many statements (direct, partial, indirect) in how many articles."""
    s = _statements(statements)
    cols = ["speaker", "speaker_kind", "side", "statements", "direct", "partial", "indirect", "articles"]
    if s.empty:
        return pd.DataFrame(columns=cols)
    s["speaker"] = s["speaker"].replace("", "(no speaker found)")
    g = s.groupby("speaker", sort=True)
    out = pd.DataFrame({
        "speaker_kind": g["speaker_kind"].agg(_most_common),
        "side": g["side"].agg(_most_common),
        "statements": g.size(),
        **{k: g["kind"].agg(lambda x, k=k: int((x == k).sum())) for k in ("direct", "partial", "indirect")},
        "articles": g["doc_id"].nunique(),
    }).reset_index()
    out = out.sort_values(["statements", "speaker"], ascending=[False, True], kind="stable")
    return out.reset_index(drop=True)[cols]


def _most_common(values: pd.Series) -> str:
    counts = values[values != ""].value_counts()
    if counts.empty:
        return ""
    top = counts.max()
    return sorted(counts[counts == top].index)[0]


def statements_per_side(statements: pd.DataFrame) -> pd.DataFrame:
    """Statements per side (vocabulary order) and kind, with the number of distinct speakers."""
    s = _statements(statements)
    s["side"] = s["side"].replace("", "unknown")
    rows = []
    for side in (*SIDES, *sorted(set(s["side"]) - set(SIDES))):
        part = s[s["side"] == side]
        rows.append({"side": side, "statements": len(part),
                     **{k: int((part["kind"] == k).sum()) for k in ("direct", "partial", "indirect")},
                     "speakers": part.loc[part["speaker"] != "", "speaker"].nunique()})
    return pd.DataFrame(rows)


def quotes_with_context(statements: pd.DataFrame, articles: pd.DataFrame, width: int = 160) -> pd.DataFrame:
    """Every statement with the article text around it (``width`` characters each side), in text order."""
    s = _statements(statements)
    texts = dict(zip(clean_text(ensure_columns(articles, "articles")["doc_id"]),
                     clean_text(ensure_columns(articles, "articles")["text"]), strict=True))
    context = []
    for doc, start, end in zip(s["doc_id"], s["start"], s["end"], strict=True):
        text = texts.get(doc, "")
        if not text or pd.isna(start) or pd.isna(end):
            context.append("")
            continue
        lo, hi = max(0, int(start) - width), min(len(text), int(end) + width)
        context.append(("…" if lo > 0 else "") + " ".join(text[lo:hi].split()) + ("…" if hi < len(text) else ""))
    s["context"] = context
    cols = ["doc_id", "speaker", "side", "kind", "quote", "cue", "attribution", "date", "context", "start"]
    return s.sort_values(["doc_id", "start"], kind="stable", na_position="last").reset_index(drop=True)[cols]


def quotes_to_check(statements: pd.DataFrame, articles: pd.DataFrame | None = None,
                    width: int = 160) -> pd.DataFrame:
    """Quotes a reader most needs to check: no speaker found, then speakers found only indirectly
    (through a pronoun, the paragraph before, or carried over: not named next to the quote)."""
    table = quotes_with_context(statements, articles if articles is not None else pd.DataFrame(), width)
    cols = ["check", *table.columns]
    if table.empty:
        return pd.DataFrame(columns=cols)
    no_speaker = table["speaker"] == ""
    indirect = ~no_speaker & table["attribution"].isin(list(INDIRECT_ATTRIBUTION))
    check = table["attribution"].map(INDIRECT_ATTRIBUTION).where(indirect, "")
    check[no_speaker] = "no speaker found"
    table.insert(0, "check", check)
    out = table[no_speaker | indirect].copy()
    order = {"no speaker found": 0, **{v: i + 1 for i, v in enumerate(INDIRECT_ATTRIBUTION.values())}}
    out["_order"] = out["check"].map(order)
    out = out.sort_values(["_order", "doc_id", "start"], kind="stable", na_position="last")
    return out.drop(columns="_order").reset_index(drop=True)[cols]


def attribution_counts(statements: pd.DataFrame) -> pd.DataFrame:
    """How each statement's speaker was found (the ``attribution`` rule), most used first."""
    s = _statements(statements)
    counts = s["attribution"].replace("", "(none)").value_counts()
    out = pd.DataFrame({"attribution": counts.index, "statements": counts.to_numpy()})
    return out.sort_values(["statements", "attribution"], ascending=[False, True], kind="stable").reset_index(drop=True)


# ---------------------------------------------------------------------------------------------- 04 timelines


def claims_ledger(claims: pd.DataFrame) -> pd.DataFrame:
    """The claims with readable periods, in claim_id order."""
    c = ensure_columns(claims, "claims")
    out = pd.DataFrame({
        "claim_id": clean_text(c["claim_id"]), "category": clean_text(c["category"]), "side": clean_text(c["side"]),
        "period": [_period(s, e) for s, e in zip(c["period_start"], c["period_end"], strict=True)],
        "value_best": pd.to_numeric(c["value_best"], errors="coerce").astype("Int64"),
        "value_min": pd.to_numeric(c["value_min"], errors="coerce").astype("Int64"),
        "value_max": pd.to_numeric(c["value_max"], errors="coerce").astype("Int64"),
        "n_mentions": pd.to_numeric(c["n_mentions"], errors="coerce").astype("Int64"),
        "n_articles": pd.to_numeric(c["n_articles"], errors="coerce").astype("Int64"),
        "claimants": clean_text(c["claimants"]), "doc_ids": clean_text(c["doc_ids"]),
    })
    return out.sort_values("claim_id", kind="stable").reset_index(drop=True)


def disagreements(claims: pd.DataFrame) -> pd.DataFrame:
    """Claims whose sources give different values, widest relative spread first (see claims.disagreement)."""
    from .claims import disagreement

    c = ensure_columns(claims, "claims")
    if c.empty:
        return pd.DataFrame(columns=["claim_id", "category", "side", "period", "value_min", "value_max",
                                     "spread", "relative_spread", "claimants", "doc_ids"])
    d = disagreement(c)
    out = claims_ledger(d).drop(columns=["value_best", "n_mentions", "n_articles"])
    out.insert(6, "spread", pd.to_numeric(d["spread"], errors="coerce").astype("Int64").to_numpy())
    out.insert(7, "relative_spread", d["relative_spread"].to_numpy())
    return out


# ---------------------------------------------------------------------------------------------- 05 evaluate


def score_table(scores: Mapping[str, float]) -> pd.DataFrame:
    """The headline measures (evaluate.MEASURES order) as rows of measure, area and score."""
    from .evaluate import MEASURES

    rows = [{"area": m.split("_", 1)[0], "measure": m, "score": round(float(scores[m]), 3)}
            for m in MEASURES if m in scores]
    return pd.DataFrame(rows, columns=["area", "measure", "score"])


def category_scores(scores: Mapping[str, float]) -> pd.DataFrame:
    """Figures precision, recall and F1 per category (all seven), with the number of gold figures."""
    rows = []
    for cat in CATEGORIES:
        rows.append({"category": cat,
                     **{m: round(float(scores.get(f"figures_{m}__{cat}", 0.0)), 3)
                        for m in ("precision", "recall", "f1")},
                     "gold": int(scores.get(f"n_gold_figures__{cat}", 0))})
    return pd.DataFrame(rows)


def count_table(scores: Mapping[str, float]) -> pd.DataFrame:
    """The counts behind the rates (n_* keys), sorted by name."""
    keys = sorted(k for k in scores if k.startswith("n_") and "__" not in k)
    return pd.DataFrame({"count": keys, "value": [int(scores[k]) for k in keys]})


#: What each error table says and why such an error usually happens (for the reader of 05_evaluate).
ERROR_EXPLANATIONS: dict[str, str] = {
    "figures_missed": "gold figures no extracted figure matched (same article, category and value): the number "
                      "was not read, was given another category, or was read with another value",
    "figures_spurious": "extracted figures no gold figure matched: a number that is not a count of this kind "
                        "(a distance, an age, a hypothetical), or one with the wrong category or value",
    "figures_mislabelled": "matched figures with a wrong qualifier, claimant or period: compare the gold and "
                           "predicted columns with the evidence",
    "quotes_missed": "gold quotations no statement contains: the quote was not found or was cut",
    "quotes_spurious": "statements of four words or more that match no gold quotation",
    "quotes_misattributed": "matched quotations whose speaker contains none of the gold aliases",
    "lines_wrong": "raw lines labelled differently from gold (boilerplate kept or article text removed)",
    "titles_wrong": "articles whose title differs from gold",
    "dates_wrong": "articles whose publication date differs from gold",
}


def error_overview(errors: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per error table: how many rows, and what such an error means."""
    names = [*ERROR_EXPLANATIONS, *sorted(set(errors) - set(ERROR_EXPLANATIONS))]
    return pd.DataFrame({
        "errors": names,
        "rows": [len(errors[n]) if n in errors else 0 for n in names],
        "what it means": [ERROR_EXPLANATIONS.get(n, "") for n in names],
    })


def sorted_errors(errors: Mapping[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Each error table sorted by its columns (doc_id first), so the notebook output is stable."""
    out = {}
    for name in sorted(errors):
        frame = errors[name].copy()
        keys = [c for c in ("doc_id", "line_no", "category", "value", "start", "quote_start", "field")
                if c in frame.columns]
        if keys and not frame.empty:
            frame = frame.sort_values(keys, kind="stable", key=_sort_key).reset_index(drop=True)
        out[name] = frame
    return out


def _sort_key(series: pd.Series) -> pd.Series:
    numeric = pd.to_numeric(series, errors="coerce")
    if numeric.notna().all():
        return numeric
    return series.astype("object").where(series.notna(), "").astype(str)


def explain_figure_errors(errors: Mapping[str, pd.DataFrame], figures: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The figure error tables with a ``likely cause`` column, from what else was extracted or annotated.

    A missed gold figure whose value was extracted in the same article under another category was
    *mis-categorised*; one whose category was extracted with other values was *read with another
    value*; otherwise the number was *not extracted*. A spurious figure whose value gold has under
    another category in the same article is the mirror case.
    """
    f = ensure_columns(figures, "figures")
    pred = pd.DataFrame({"doc_id": clean_text(f["doc_id"]), "category": clean_text(f["category"]),
                         "value": pd.to_numeric(f["value"], errors="coerce")})
    out = dict(errors)
    missed = errors.get("figures_missed")
    if missed is not None:
        causes = []
        for doc, cat, value in zip(clean_text(missed["doc_id"]), clean_text(missed["category"]),
                                   pd.to_numeric(missed["value"], errors="coerce"), strict=True):
            same_doc = pred[pred["doc_id"] == doc]
            other_cat = sorted(set(same_doc.loc[same_doc["value"] == value, "category"]) - {cat})
            same_cat = same_doc.loc[same_doc["category"] == cat, "value"].dropna()
            if other_cat:
                causes.append("extracted as " + ", ".join(other_cat))
            elif len(same_cat):
                values = ", ".join(str(int(v)) for v in sorted(set(same_cat))[:5])
                causes.append(f"{cat} extracted with other values: {values}")
            else:
                causes.append("number not extracted" if len(same_doc) else "no figure extracted in this article")
        out["figures_missed"] = missed.assign(**{"likely cause": causes})
    spurious = errors.get("figures_spurious")
    if spurious is not None:
        gold_missed = missed if missed is not None else pd.DataFrame(columns=["doc_id", "category", "value"])
        gm = pd.DataFrame({"doc_id": clean_text(gold_missed["doc_id"]), "category": clean_text(gold_missed["category"]),
                           "value": pd.to_numeric(gold_missed["value"], errors="coerce")})
        causes = []
        for doc, cat, value in zip(clean_text(spurious["doc_id"]), clean_text(spurious["category"]),
                                   pd.to_numeric(spurious["value"], errors="coerce"), strict=True):
            other = sorted(set(gm.loc[(gm["doc_id"] == doc) & (gm["value"] == value), "category"]) - {cat})
            causes.append("gold has it as " + ", ".join(other) if other
                          else "not a figure gold counts (or a figure repeated more often than gold has it)")
        out["figures_spurious"] = spurious.assign(**{"likely cause": causes})
    wrong = errors.get("figures_mislabelled")
    if wrong is not None:
        columns = {c: clean_text(wrong[c]) if c in wrong.columns else pd.Series("", index=wrong.index)
                   for c in ("field", "gold", "predicted", "sentence")}
        causes = [_mislabel_cause(*row) for row in zip(*columns.values(), strict=True)]
        out["figures_mislabelled"] = wrong.assign(**{"likely cause": causes})
    return out


def _mislabel_cause(field: str, gold: str, predicted: str, sentence: str) -> str:
    if field == "claimed_by":
        if predicted.lower() in ARTICLE_VOICE and REPORTED_SPEECH.search(sentence):
            return "the sentence reports speech, but its speaker was not found"
        if predicted.lower() in ARTICLE_VOICE:
            return "the claimant is named outside this sentence"
        return "another speaker was taken as the claimant"
    if field == "period_end":
        try:
            days = (dt.date.fromisoformat(predicted[:10]) - dt.date.fromisoformat(gold[:10])).days
        except ValueError:
            return "no period resolved" if not predicted else "period not comparable"
        return f"period ends {abs(days)} day(s) {'late' if days > 0 else 'early'}: check the time words"
    if field == "qualifier":
        return f"hedge read as {predicted or 'nothing'} where gold has {gold}"
    return ""
