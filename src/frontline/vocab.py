"""Controlled vocabularies and table contracts, in one place (see the gold guidelines).

Every module imports its categories, qualifiers, sides and column lists from here, so the tables
that scoring and later stages read never drift apart.
"""

from __future__ import annotations

CATEGORIES: tuple[str, ...] = (
    "troops",
    "killed",
    "wounded",
    "shelling_incidents",
    "places_shelled",
    "displaced",
    "structures_damaged",
)
QUALIFIERS: tuple[str, ...] = ("exact", "approx", "at_least", "at_most", "range", "vague")
SIDES: tuple[str, ...] = ("russia", "ukraine", "separatists", "belarus", "nato", "civilians", "unknown")
SPEAKER_KINDS: tuple[str, ...] = ("person", "organization", "group", "document")
STATEMENT_KINDS: tuple[str, ...] = ("direct", "partial", "indirect")
LINE_LABELS: tuple[str, ...] = ("title", "body", "boilerplate")
DATE_SOURCES: tuple[str, ...] = ("manifest", "filename", "page", "inferred", "none")
ARTICLE_STATUSES: tuple[str, ...] = ("ok", "empty_body")

#: Column order of every output table: the contract of DESIGN.md.
TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": (
        "doc_id", "title", "published", "date_source", "date_evidence", "outlet", "url", "language",
        "text", "n_words", "status",
    ),
    "lines": ("doc_id", "line_no", "label", "reason", "text"),
    "rejected": ("source", "reason"),
    "figures": (
        "doc_id", "figure_id", "category", "value", "value_low", "value_high", "qualifier", "subject",
        "side", "claimed_by", "period_start", "period_end", "period_words", "sentence", "start", "end",
        "number_text",
    ),
    "statements": (
        "doc_id", "statement_id", "speaker", "speaker_kind", "side", "quote", "kind", "cue", "date",
        "date_words", "attribution", "start", "end",
    ),
    "claims": (
        "claim_id", "category", "side", "period_start", "period_end", "value_min", "value_max",
        "value_best", "n_mentions", "n_articles", "claimants", "mention_ids", "doc_ids",
    ),
}

TABLE_NAMES: tuple[str, ...] = tuple(TABLE_COLUMNS)
