"""Score an output folder against a gold folder, by the rules of the gold README ("How a system is scored").

The rules are applied exactly as the reference scorer (``gold/score.py``) applies them, so both give the
same numbers on the same folders; on top of that this module keeps every miss, spurious row and wrong label
as a table a person can read, and splits figures by category.

Rates are rounded to three decimals (as the reference does) and a rate with no denominator is 0.0. Any
table may be missing: a missing gold file skips its measures, a missing or empty predicted table scores 0.
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from frontline.vocab import CATEGORIES

Record = dict[str, Any]

#: Statement kinds that count as quotations; "indirect" (reported speech) is not scored.
SCORED_KINDS: tuple[str, ...] = ("direct", "partial")
#: A predicted statement shorter than this (in normalized words) is a fragment and is ignored.
MIN_QUOTE_WORDS = 4
#: Predicted claimants that mean "the article's own voice".
ARTICLE_VOICE: tuple[str, ...] = ("", "none", "nan", "article", "reporter", "author", "unattributed")
#: The headline measures, in display order (per-category and count keys follow them).
MEASURES: tuple[str, ...] = (
    "boilerplate_precision", "boilerplate_recall", "boilerplate_f1", "title_acc",
    "figures_precision", "figures_recall", "figures_f1",
    "figures_qualifier_acc", "figures_claimant_acc", "figures_period_acc",
    "quotes_precision", "quotes_recall", "quotes_f1", "quotes_attribution_acc", "quotes_end_to_end",
    "published_acc",
)
#: Columns of every error table (fixed, so an empty table still has its shape).
ERROR_COLUMNS: dict[str, tuple[str, ...]] = {
    "figures_missed": (
        "doc_id", "category", "value", "qualifier", "claimed_by", "period_end", "subject", "evidence",
    ),
    "figures_spurious": (
        "doc_id", "category", "value", "qualifier", "claimed_by", "period_end", "sentence", "start", "end",
    ),
    "figures_mislabelled": (
        "doc_id", "category", "value", "field", "gold", "predicted", "evidence", "sentence", "start", "end",
    ),
    "quotes_missed": ("doc_id", "speaker", "speaker_aliases", "quote_start"),
    "quotes_spurious": ("doc_id", "speaker", "kind", "quote", "start", "end"),
    "quotes_misattributed": (
        "doc_id", "gold_speaker", "speaker_aliases", "predicted_speaker", "quote_start", "quote", "start",
        "end",
    ),
    "lines_wrong": ("doc_id", "line_no", "gold_label", "predicted_label", "text"),
    "titles_wrong": ("doc_id", "line_no", "predicted_label", "text", "gold_title", "predicted_title"),
    "dates_wrong": ("doc_id", "gold_published", "predicted_published", "title"),
}
ERROR_TABLES: tuple[str, ...] = tuple(ERROR_COLUMNS)


@dataclass
class Evaluation:
    """Flat scores (rates and counts) and one table per kind of error."""

    scores: dict[str, float] = field(default_factory=dict)
    errors: dict[str, pd.DataFrame] = field(default_factory=dict)


# ---------------------------------------------------------------------------------------------- reading


def read_output_table(out_dir: Path | str, name: str) -> pd.DataFrame | None:
    """The predicted table ``name`` (Parquet when present, else CSV); None when neither exists.

    A zero-byte or header-less file is an empty table, not an error.
    """
    for ext in ("parquet", "csv"):
        path = Path(out_dir) / f"{name}.{ext}"
        if not path.exists():
            continue
        if path.stat().st_size == 0:
            return pd.DataFrame()
        if ext == "parquet":
            return pd.read_parquet(path)
        try:
            return pd.read_csv(path, dtype={"doc_id": str})
        except pd.errors.EmptyDataError:
            return pd.DataFrame()
    return None


def read_gold_table(gold_dir: Path | str, name: str) -> list[dict[str, str]] | None:
    """Rows of ``gold_dir/name.csv`` as strings (like ``csv.DictReader``); None when the file is absent."""
    path = Path(gold_dir) / f"{name}.csv"
    if not path.exists():
        return None
    with path.open(encoding="utf-8-sig", newline="") as f:
        return [{k: ("" if v is None else v) for k, v in row.items()} for row in csv.DictReader(f)]


def _records(table: pd.DataFrame | None) -> list[Record]:
    """Rows of a predicted table as dicts; a missing table has none."""
    return [] if table is None else table.to_dict("records")


# ---------------------------------------------------------------------------------------------- matching


def normalize(text: Any) -> str:
    """Text for matching: NFKC, lower case, curly quotes made straight, punctuation dropped.

    Apostrophes are kept (curly or straight, they become one), as the reference scorer keeps them.
    """
    s = unicodedata.normalize("NFKC", str(text or ""))
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    s = re.sub(r"[^\w' ]+", " ", s.lower())
    return re.sub(r"\s+", " ", s).strip()


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1, rounded to three decimals; 0.0 where there is no denominator."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(p, 3), round(r, 3), round(f, 3)


def rate(num: int, den: int) -> float:
    """A share rounded to three decimals; 0.0 with no denominator."""
    return round(num / den, 3) if den else 0.0


def figure_value(value: Any) -> int | None:
    """A figure's value as an integer (``12``, ``"12"``, ``1.5e6``); None when it is not a number."""
    try:
        if isinstance(value, str) and value.strip().lstrip("-").isdigit():
            return int(value)  # exact, even beyond float precision
        return int(float(value))
    except (TypeError, ValueError, OverflowError):
        return None


def claimant_matches(gold: Any, predicted: Any) -> bool:
    """Whether a predicted ``claimed_by`` names the gold claimant.

    ``article`` (the article's own voice) accepts an empty or generic claimant; any other gold claimant
    needs at least half of its words (the and of aside, at least one) in the predicted one.
    """
    gc, pc = normalize(gold), normalize(predicted)
    if gc == "article":
        return pc in ARTICLE_VOICE
    words = set(gc.split()) - {"the", "of"}
    return bool(pc) and len(words & set(pc.split())) >= max(1, len(words) // 2)


def speaker_matches(aliases: str, speaker: Any) -> bool:
    """Whether a predicted speaker contains one of the ``|``-separated gold aliases, from a word start."""
    spoken = normalize(speaker)
    names = (normalize(a) for a in aliases.split("|"))
    return any(a and re.search(rf"\b{re.escape(a)}", spoken) for a in names)


def _is_required_figure(row: dict[str, str]) -> bool:
    """Gold figures are required unless marked 0 (the column may be absent)."""
    return row.get("required", "1") != "0"


def _is_required_quote(row: dict[str, str]) -> bool:
    """Gold quotes are required only when marked 1."""
    return row.get("required", "1") == "1"


def _doc_ids(*tables: list[dict[str, str]] | None) -> set[str]:
    """The doc_ids of the gold articles scored: predictions for other articles are ignored."""
    return {row["doc_id"] for table in tables for row in table or []}


def _frame(name: str, rows: Iterable[Record]) -> pd.DataFrame:
    """An error table with its fixed columns."""
    return pd.DataFrame(list(rows), columns=list(ERROR_COLUMNS[name]))


def _pick(record: Record, *names: str) -> Record:
    """The named columns of a predicted row (None where the table lacks one)."""
    return {n: record.get(n) for n in names}


# ---------------------------------------------------------------------------------------------- lines


def score_lines(
    predicted: pd.DataFrame | None,
    gold: list[dict[str, str]],
    predicted_articles: pd.DataFrame | None = None,
    gold_articles: list[dict[str, str]] | None = None,
) -> tuple[dict[str, float], dict[str, pd.DataFrame]]:
    """Boilerplate precision/recall over gold lines, and the share of gold title lines labelled title."""
    labels: dict[tuple[str, int], str] = {}
    for r in _records(predicted):
        line_no = figure_value(r.get("line_no"))
        if line_no is not None:
            labels[(str(r.get("doc_id")), line_no)] = str(r.get("label"))
    gold_titles = {a["doc_id"]: a.get("title", "") for a in gold_articles or []}
    pred_titles = {str(r.get("doc_id")): r.get("title") for r in _records(predicted_articles)}
    tp = fp = fn = n_title = title_ok = 0
    wrong, titles_wrong = [], []
    for g in gold:
        gold_no = figure_value(g["line_no"])
        label = labels.get((g["doc_id"], gold_no), "missing") if gold_no is not None else "missing"
        gb, pb = g["label"] == "boilerplate", label == "boilerplate"
        tp += gb and pb
        fp += pb and not gb
        fn += gb and not pb
        if gb != pb:
            wrong.append({"doc_id": g["doc_id"], "line_no": gold_no, "gold_label": g["label"],
                          "predicted_label": label, "text": g.get("text", "")})
        if g["label"] == "title":
            n_title += 1
            title_ok += label == "title"
            if label != "title":
                titles_wrong.append({"doc_id": g["doc_id"], "line_no": gold_no, "predicted_label": label,
                                     "text": g.get("text", ""), "gold_title": gold_titles.get(g["doc_id"]),
                                     "predicted_title": pred_titles.get(g["doc_id"])})
    p, r, f = prf(tp, fp, fn)
    scores = {"boilerplate_precision": p, "boilerplate_recall": r, "boilerplate_f1": f,
              "title_acc": rate(title_ok, n_title), "n_gold_lines": len(gold),
              "n_gold_boilerplate": tp + fn, "n_gold_titles": n_title, "n_lines_wrong": len(wrong)}
    errors = {"lines_wrong": _frame("lines_wrong", wrong),
              "titles_wrong": _frame("titles_wrong", titles_wrong)}
    return scores, errors


# ---------------------------------------------------------------------------------------------- figures


def _figure_key(doc_id: str, category: Any, value: Any) -> tuple[str, str, int] | None:
    value = figure_value(value)
    return None if value is None else (doc_id, str(category), value)


def _mislabels(gold: dict[str, str], pred: Record) -> list[Record]:
    """One row per wrong qualifier, claimant or period of a matched figure."""
    checks = (
        ("qualifier", str(pred.get("qualifier")) == gold.get("qualifier", "")),
        ("claimed_by", claimant_matches(gold.get("claimed_by", ""), pred.get("claimed_by"))),
        ("period_end", str(pred.get("period_end"))[:10] == gold.get("period_end", "")),
    )
    return [
        {"doc_id": gold["doc_id"], "category": gold["category"], "value": figure_value(gold["value"]),
         "field": name, "gold": gold.get(name, ""), "predicted": pred.get(name),
         "evidence": gold.get("evidence", ""), **_pick(pred, "sentence", "start", "end")}
        for name, ok in checks if not ok
    ]


def score_figures(
    predicted: pd.DataFrame | None,
    gold: list[dict[str, str]],
    gold_articles: list[dict[str, str]] | None = None,
) -> tuple[dict[str, float], dict[str, pd.DataFrame]]:
    """Match predicted figures to gold mentions by (doc_id, category, value), each gold row once.

    Required rows are matched first, in gold order, each taking the first unused prediction with its key;
    optional rows (required=0) then absorb what is left without counting either way.
    """
    docs = _doc_ids(gold_articles or gold, gold)
    pools: dict[tuple[str, str, int], list[int]] = {}
    preds: list[Record] = []
    unusable: list[int] = []
    for r in _records(predicted):
        doc_id = str(r.get("doc_id"))
        if doc_id not in docs or r.get("category") not in CATEGORIES:
            continue
        preds.append(r)
        key = _figure_key(doc_id, r.get("category"), r.get("value"))
        if key is None:
            unusable.append(len(preds) - 1)
        else:
            pools.setdefault(key, []).append(len(preds) - 1)
    used: set[int] = set()
    missed, mislabelled = [], []
    tp = qual_ok = claim_ok = period_ok = 0
    cat_tp = dict.fromkeys(CATEGORIES, 0)
    cat_fn = dict.fromkeys(CATEGORIES, 0)
    required = [g for g in gold if _is_required_figure(g)]
    for g in required:
        key = _figure_key(g["doc_id"], g["category"], g["value"])
        pool = pools.get(key, []) if key else []
        if not pool:
            if g["category"] in cat_fn:
                cat_fn[g["category"]] += 1
            missed.append({**{c: g.get(c, "") for c in ERROR_COLUMNS["figures_missed"]},
                           "value": figure_value(g["value"])})
            continue
        i = pool.pop(0)
        used.add(i)
        tp += 1
        if g["category"] in cat_tp:
            cat_tp[g["category"]] += 1
        wrong = _mislabels(g, preds[i])
        mislabelled.extend(wrong)
        fields = {w["field"] for w in wrong}
        qual_ok += "qualifier" not in fields
        claim_ok += "claimed_by" not in fields
        period_ok += "period_end" not in fields
    for g in gold:
        key = _figure_key(g["doc_id"], g["category"], g["value"])
        if not _is_required_figure(g) and key and pools.get(key):
            used.add(pools[key].pop(0))
    spurious = [i for i in range(len(preds)) if i not in used]
    p, r, f = prf(tp, len(spurious), len(missed))
    scores: dict[str, float] = {
        "figures_precision": p, "figures_recall": r, "figures_f1": f,
        "figures_qualifier_acc": rate(qual_ok, tp), "figures_claimant_acc": rate(claim_ok, tp),
        "figures_period_acc": rate(period_ok, tp),
        "n_gold_figures": len(required), "n_gold_figures_optional": len(gold) - len(required),
        "n_pred_figures": len(preds), "n_figures_matched": tp, "n_figures_missed": len(missed),
        "n_figures_spurious": len(spurious), "n_figures_mislabelled": len(mislabelled),
    }
    for cat in CATEGORIES:
        cat_fp = sum(preds[i].get("category") == cat for i in spurious)
        cp, cr, cf = prf(cat_tp[cat], cat_fp, cat_fn[cat])
        scores |= {f"figures_precision__{cat}": cp, f"figures_recall__{cat}": cr, f"figures_f1__{cat}": cf,
                   f"n_gold_figures__{cat}": cat_tp[cat] + cat_fn[cat]}
    spurious_rows = [
        {**_pick(preds[i], *ERROR_COLUMNS["figures_spurious"]), "doc_id": str(preds[i].get("doc_id")),
         "value": figure_value(preds[i].get("value"))}
        for i in spurious
    ]
    errors = {
        "figures_missed": _frame("figures_missed", missed),
        "figures_spurious": _frame("figures_spurious", spurious_rows),
        "figures_mislabelled": _frame("figures_mislabelled", mislabelled),
    }
    return scores, errors


# ---------------------------------------------------------------------------------------------- quotes


def _scored_statements(predicted: pd.DataFrame | None, docs: set[str]) -> list[Record]:
    """Predicted statements that count: in a gold article, direct or partial, four words or more."""
    kept = []
    for r in _records(predicted):
        text = normalize(r.get("quote"))
        doc_id = str(r.get("doc_id"))
        kind = str(r.get("kind", "direct"))
        if doc_id in docs and kind in SCORED_KINDS and len(text.split()) >= MIN_QUOTE_WORDS:
            kept.append({**r, "doc_id": doc_id, "_text": text})
    return kept


def score_quotes(
    predicted: pd.DataFrame | None,
    gold: list[dict[str, str]],
    gold_articles: list[dict[str, str]] | None = None,
) -> tuple[dict[str, float], dict[str, pd.DataFrame]]:
    """Match statements to gold quotations: a statement matches when its text contains the gold start.

    Gold rows (required or not) are taken in order, each preferring a statement not matched yet but falling
    back to one already matched. Recall is over required rows, precision over scored statements (a
    statement matched by any gold row is right), attribution over matched required rows.
    """
    docs = _doc_ids(gold, gold_articles)
    preds = _scored_statements(predicted, docs)
    matched: set[int] = set()
    found = attributed = 0
    missed, misattributed = [], []
    required = [g for g in gold if _is_required_quote(g)]
    for g in gold:
        start = normalize(g.get("quote_start", ""))
        cands = [i for i, pr in enumerate(preds) if pr["doc_id"] == g["doc_id"] and start in pr["_text"]]
        fresh = [i for i in cands if i not in matched]
        hit = (fresh or cands or [None])[0]
        if hit is None:
            if _is_required_quote(g):
                missed.append({c: g.get(c, "") for c in ERROR_COLUMNS["quotes_missed"]})
            continue
        matched.add(hit)
        if not _is_required_quote(g):
            continue
        found += 1
        if speaker_matches(g.get("speaker_aliases", ""), preds[hit].get("speaker")):
            attributed += 1
        else:
            misattributed.append({"doc_id": g["doc_id"], "gold_speaker": g.get("speaker", ""),
                                  "speaker_aliases": g.get("speaker_aliases", ""),
                                  "predicted_speaker": preds[hit].get("speaker"),
                                  "quote_start": g.get("quote_start", ""),
                                  **_pick(preds[hit], "quote", "start", "end")})
    spurious = [i for i in range(len(preds)) if i not in matched]
    p, _, f = prf(len(matched), len(spurious), len(required) - found)
    scores = {
        "quotes_precision": p, "quotes_recall": rate(found, len(required)), "quotes_f1": f,
        "quotes_attribution_acc": rate(attributed, found),
        "quotes_end_to_end": rate(attributed, len(required)),
        "n_gold_quotes": len(required), "n_gold_quotes_optional": len(gold) - len(required),
        "n_pred_quotes": len(preds), "n_quotes_found": found, "n_quotes_missed": len(missed),
        "n_quotes_spurious": len(spurious), "n_quotes_misattributed": len(misattributed),
    }
    spurious_rows = [_pick(preds[i], *ERROR_COLUMNS["quotes_spurious"]) for i in spurious]
    errors = {
        "quotes_missed": _frame("quotes_missed", missed),
        "quotes_spurious": _frame("quotes_spurious", spurious_rows),
        "quotes_misattributed": _frame("quotes_misattributed", misattributed),
    }
    return scores, errors


# ---------------------------------------------------------------------------------------------- dates


def score_dates(
    predicted: pd.DataFrame | None, gold: list[dict[str, str]]
) -> tuple[dict[str, float], dict[str, pd.DataFrame]]:
    """The share of gold articles whose predicted ``published`` (first ten characters) is the gold date."""
    got = {str(r.get("doc_id")): str(r.get("published"))[:10] for r in _records(predicted)}
    wrong = [
        {"doc_id": g["doc_id"], "gold_published": g.get("published", ""),
         "predicted_published": got.get(g["doc_id"]), "title": g.get("title", "")}
        for g in gold if got.get(g["doc_id"]) != g.get("published", "")
    ]
    scores = {"published_acc": rate(len(gold) - len(wrong), len(gold)), "n_gold_articles": len(gold),
              "n_dates_wrong": len(wrong)}
    return scores, {"dates_wrong": _frame("dates_wrong", wrong)}


# ---------------------------------------------------------------------------------------------- API


def evaluate(out_dir: Path | str, gold_dir: Path | str) -> Evaluation:
    """Score the tables in ``out_dir`` against the gold CSVs in ``gold_dir`` (either may lack any table)."""
    pred = {name: read_output_table(out_dir, name) for name in ("articles", "lines", "figures", "statements")}
    gold = {name: read_gold_table(gold_dir, name) for name in ("articles", "lines", "figures", "quotes")}
    ev = Evaluation(errors={name: _frame(name, []) for name in ERROR_TABLES})
    parts = []
    if gold["lines"] is not None:
        parts.append(score_lines(pred["lines"], gold["lines"], pred["articles"], gold["articles"]))
    if gold["figures"] is not None:
        parts.append(score_figures(pred["figures"], gold["figures"], gold["articles"]))
    if gold["quotes"] is not None:
        parts.append(score_quotes(pred["statements"], gold["quotes"], gold["articles"]))
    if gold["articles"] is not None:
        parts.append(score_dates(pred["articles"], gold["articles"]))
    for scores, errors in parts:
        ev.scores.update(scores)
        ev.errors.update(errors)
    return ev


def _plain(value: Any) -> Any:
    """A JSON-ready number (numpy scalars made Python)."""
    return value.item() if hasattr(value, "item") else value


def _storable(df: pd.DataFrame) -> pd.DataFrame:
    """Error tables with mixed-type columns (numbers and text) stored as text, so Parquet accepts them."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object:
            out[col] = out[col].map(lambda v: None if v is None or pd.isna(v) is True else str(v))
    return out


def write_evaluation(ev: Evaluation, out_dir: Path | str) -> Path:
    """Write ``evaluation.json`` (the flat scores, sorted) and ``errors/<name>.csv`` and ``.parquet``."""
    out = Path(out_dir)
    (out / "errors").mkdir(parents=True, exist_ok=True)
    path = out / "evaluation.json"
    scores = {k: _plain(v) for k, v in sorted(ev.scores.items())}
    path.write_text(json.dumps(scores, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    for name in sorted(set(ERROR_TABLES) | set(ev.errors)):
        table = _storable(ev.errors.get(name, _frame(name, []) if name in ERROR_COLUMNS else pd.DataFrame()))
        table.to_csv(out / "errors" / f"{name}.csv", index=False)
        table.to_parquet(out / "errors" / f"{name}.parquet", index=False)
    return path


def format_scores(scores: dict[str, float]) -> str:
    """A fixed-width terminal table: headline measures, figures by category, then counts."""
    lines = [f"{'measure':<28}{'score':>7}"]
    lines += [f"{m:<28}{scores[m]:>7.3f}" for m in MEASURES if m in scores]
    if any(f"figures_f1__{c}" in scores for c in CATEGORIES):
        lines += ["", f"{'figures by category':<22}{'prec':>7}{'recall':>7}{'f1':>7}{'gold':>6}"]
        for c in CATEGORIES:
            vals = [scores.get(f"figures_{m}__{c}", 0.0) for m in ("precision", "recall", "f1")]
            gold = int(scores.get(f"n_gold_figures__{c}", 0))
            lines.append(f"{c:<22}" + "".join(f"{v:>7.3f}" for v in vals) + f"{gold:>6}")
    shown = set(MEASURES) | {k for k in scores if "__" in k}
    rest = sorted(k for k in scores if k not in shown)
    if rest:
        lines.append("")
        for k in rest:
            v = scores[k]
            lines.append(f"{k:<28}{v:>7}" if float(v).is_integer() else f"{k:<28}{v:>7.3f}")
    return "\n".join(lines)


def load_floors(path: Path | str) -> dict[str, dict[str, float]]:
    """The floors file: ``{"seeds": {measure: floor}, "sample": {...}}`` (a set without floors is empty)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise ValueError(f"{path}: expected an object of objects {{set: {{measure: floor}}}}")
    floors = {name: {m: float(v) for m, v in sorted(values.items())} for name, values in data.items()}
    return {"seeds": {}, "sample": {}} | floors


def check_floors(scores: dict[str, float], floors: dict[str, float]) -> list[str]:
    """One message per measure below its floor; a measure not scored fails only a floor above zero."""
    messages = []
    for measure, floor in sorted(floors.items()):
        if measure not in scores:
            if floor > 0:
                messages.append(f"{measure}: not scored (floor {floor:.3f})")
        elif scores[measure] < floor - 1e-9:
            messages.append(f"{measure}: {scores[measure]:.3f} below floor {floor:.3f}")
    return messages
