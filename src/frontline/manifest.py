"""``frontline manifest``: a manifest template for a folder of texts, with inferred dates to review.

A person knows when their articles appeared better than any rule; the template shows what Frontline
would infer, and why, so correcting it is quick.
"""

from __future__ import annotations

import csv
from pathlib import Path

from .clean import clean_article, repeated_line_keys
from .ingest import Document, iter_corpus, read_manifest
from .pipeline import ExtractConfig, published_date

TEMPLATE_COLUMNS = ("doc_id", "published", "title", "outlet", "url", "language", "date_source", "date_evidence")


def manifest_rows(corpus: Path, config: ExtractConfig | None = None) -> list[dict[str, str]]:
    """One row per readable article: existing manifest values kept, missing dates inferred."""
    config = config or ExtractConfig()
    docs = [item for item in iter_corpus(corpus, config.columns) if isinstance(item, Document)]
    repeated = repeated_line_keys((d.raw for d in docs), config.clean)
    existing, _ = read_manifest(corpus) if corpus.is_dir() else ({}, [])
    rows = []
    for doc in docs:
        cleaned = clean_article(doc.raw, title_hint=doc.title, repeated=repeated, options=config.clean)
        published, source, evidence = published_date(doc, cleaned, config.window)
        known = existing.get(doc.doc_id, {})
        rows.append({
            "doc_id": doc.doc_id,
            "published": published.isoformat() if published else "",
            "title": known.get("title") or cleaned.title,
            "outlet": known.get("outlet", ""),
            "url": known.get("url", ""),
            "language": known.get("language") or cleaned.language,
            "date_source": source,
            "date_evidence": evidence,
        })
    return rows


def write_manifest_template(corpus: Path, output: Path | None = None, config: ExtractConfig | None = None) -> Path:
    output = output or (corpus / "manifest.template.csv" if corpus.is_dir() else corpus.with_suffix(".manifest.csv"))
    rows = manifest_rows(corpus, config)
    with output.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=TEMPLATE_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return output
