"""Reading corpora: every input becomes a document or a rejection with a plain reason."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from frontline import ingest
from frontline.ingest import (
    ColumnMap,
    Document,
    Rejection,
    decode_bytes,
    drop_duplicates,
    duplicate_reasons,
    html_to_text,
    iter_corpus,
    manifest_warnings,
    normalise_text,
    read_manifest,
    text_from_bytes,
)

ARTICLE = "Border troops dig in\n\nThe Varenian army said on Sunday that 12 soldiers had been wounded.\n"


def _folder(tmp_path, files: dict[str, bytes | str]):
    for name, content in files.items():
        path = tmp_path / name
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
    return tmp_path


def _split(items):
    docs = [i for i in items if isinstance(i, Document)]
    rejected = [i for i in items if isinstance(i, Rejection)]
    return docs, rejected


def test_folder_of_texts_gives_doc_ids_from_file_names(tmp_path):
    _folder(tmp_path, {"b.txt": ARTICLE, "a.txt": ARTICLE.replace("12", "13")})
    docs, rejected = _split(list(iter_corpus(tmp_path)))
    assert [d.doc_id for d in docs] == ["a", "b"]
    assert rejected == []


def test_manifest_supplies_metadata_and_reports_problems(tmp_path):
    _folder(tmp_path, {
        "a.txt": ARTICLE,
        "manifest.csv": "file,published,outlet,colour\na.txt,2031-03-02,Wire,red\nzzz,2031-03-40,X,blue\n",
    })
    docs, _ = _split(list(iter_corpus(tmp_path)))
    assert docs[0].published == "2031-03-02" and docs[0].outlet == "Wire"
    warnings = " ".join(manifest_warnings(tmp_path))
    assert "extra columns" in warnings and "colour" in warnings
    assert "bad date" in warnings and "unknown doc_ids" in warnings and "zzz" in warnings


def test_manifest_without_key_column_is_ignored_with_a_warning(tmp_path):
    _folder(tmp_path, {"a.txt": ARTICLE, "manifest.csv": "published\n2031-01-01\n"})
    rows, warnings = read_manifest(tmp_path)
    assert rows == {} and "neither a doc_id nor a file column" in warnings[0]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"   \n\t\n  ", "only whitespace"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG image"),
        (bytes(range(1, 9)) * 500, "binary file"),
    ],
)
def test_unreadable_files_are_rejected_with_a_reason(tmp_path, content, reason):
    _folder(tmp_path, {"bad.txt": content, "good.txt": ARTICLE})
    docs, rejected = _split(list(iter_corpus(tmp_path)))
    assert [d.doc_id for d in docs] == ["good"]
    assert len(rejected) == 1 and reason in rejected[0].reason


@pytest.mark.parametrize("encoding", ["cp1251", "utf-16", "utf-16-le", "latin-1", "utf-8-sig"])
def test_encodings_are_decoded(encoding):
    text = {
        "cp1251": "Войска стоят у границы, сообщили в министерстве обороны страны сегодня утром.",
        "latin-1": "Le ministère a dit que les réfugiés arrivés à la frontière étaient épuisés.",
    }.get(encoding, "Troops “massed” near the border — officials said.")
    decoded, how = decode_bytes(text.encode(encoding))
    assert decoded is not None, how
    assert decoded.lstrip("\ufeff") == text


def test_mojibake_is_repaired():
    broken = "Russia’s army said".encode().decode("latin-1").encode("utf-8")
    text, _ = text_from_bytes(broken + b"\n")
    assert text.strip() == "Russia’s army said"


def test_html_page_saved_as_text_is_extracted():
    page = ("<!DOCTYPE html><html><head><title>T</title><script>var x=1;</script></head><body>"
            "<h1>Shelling resumes</h1><p>Officials said 12 villages were hit.</p></body></html>")
    text, how = text_from_bytes(page.encode())
    assert "HTML page" in how
    assert "Officials said 12 villages were hit." in text and "var x" not in text
    assert "Shelling resumes" in html_to_text(page)


def test_nul_bytes_and_missing_line_breaks_do_not_stop_reading(tmp_path):
    _folder(tmp_path, {"nul.txt": b"Troops massed\x00 near the border.", "one.txt": ("word " * 20000).encode()})
    docs, rejected = _split(list(iter_corpus(tmp_path)))
    assert {d.doc_id for d in docs} == {"nul", "one"} and not rejected
    assert "\x00" not in next(d for d in docs if d.doc_id == "nul").raw


def test_unreadable_file_is_rejected(tmp_path, monkeypatch):
    _folder(tmp_path, {"locked.txt": ARTICLE, "ok.txt": ARTICLE + "More."})
    real_read = Path.read_bytes

    def deny(self):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", deny)
    docs, rejected = _split(list(iter_corpus(tmp_path)))
    assert [d.doc_id for d in docs] == ["ok"]
    assert rejected[0].reason == "unreadable: Permission denied"


def test_non_text_files_in_a_folder_are_listed(tmp_path):
    _folder(tmp_path, {"a.txt": ARTICLE, "photo.jpg": b"\xff\xd8\xff"})
    _, rejected = _split(list(iter_corpus(tmp_path)))
    assert rejected and "only .txt files" in rejected[0].reason


def test_duplicates_under_other_names_are_rejected(tmp_path):
    _folder(tmp_path, {"a.txt": ARTICLE, "copy.txt": ARTICLE.replace("\n\n", "\n\n  ")})
    docs, rejected = _split(list(drop_duplicates(iter_corpus(tmp_path), duplicate_reasons(iter_corpus(tmp_path)))))
    assert [d.doc_id for d in docs] == ["a"]
    assert rejected[0].reason == "duplicate of a"


def test_jsonl_with_a_broken_line(tmp_path):
    path = tmp_path / "c.jsonl"
    lines = [json.dumps({"id": "x1", "text": ARTICLE, "date": "2031-03-02"}), "{broken", json.dumps([1, 2]),
             json.dumps({"id": "x2", "body": ARTICLE})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, rejected = _split(list(iter_corpus(path)))
    assert [d.doc_id for d in docs] == ["x1"] and docs[0].published == "2031-03-02"
    reasons = [r.reason for r in rejected]
    assert any("broken JSON" in r for r in reasons) and any("not an object" in r for r in reasons)
    assert any("no 'text' field" in r for r in reasons)


def test_csv_and_parquet_with_configurable_columns(tmp_path):
    frame = pd.DataFrame({"key": ["p1", "p2"], "body": [ARTICLE, ARTICLE + "More."], "when": ["2031-03-05", "bad"]})
    frame.to_csv(tmp_path / "c.csv", index=False)
    frame.to_parquet(tmp_path / "c.parquet")
    columns = ColumnMap(id="key", text="body", date="when")
    for name in ("c.csv", "c.parquet"):
        docs, rejected = _split(list(iter_corpus(tmp_path / name, columns)))
        assert [d.doc_id for d in docs] == ["p1", "p2"] and not rejected
        assert docs[0].published == "2031-03-05" and docs[1].published == ""
        assert "unparseable date" in docs[1].notes[0]


def test_missing_corpus_and_wrong_suffix(tmp_path):
    assert "not found" in next(iter_corpus(tmp_path / "nope")).reason
    (tmp_path / "x.docx").write_bytes(b"PK")
    assert "not a corpus" in next(iter_corpus(tmp_path / "x.docx")).reason


def test_a_folder_of_table_files_is_one_dataset(tmp_path):
    for part in range(3):
        frame = pd.DataFrame({"id": [f"p{part}a", f"p{part}b"], "text": [ARTICLE + str(part), ARTICLE + f"x{part}"]})
        frame.to_parquet(tmp_path / f"part-{part:04d}.parquet")
    (tmp_path / "notes.md").write_text("not data", encoding="utf-8")
    docs, rejected = _split(list(iter_corpus(tmp_path)))
    assert [d.doc_id for d in docs] == ["p0a", "p0b", "p1a", "p1b", "p2a", "p2b"]
    assert "not part of the dataset" in rejected[0].reason


def test_csv_in_a_legacy_encoding_is_streamed(tmp_path):
    text = "Войска стоят у границы, сообщили в министерстве обороны страны сегодня утром."
    (tmp_path / "c.csv").write_bytes(f"id,text\nr1,\"{text}\"\n".encode("cp1251"))
    docs, rejected = _split(list(iter_corpus(tmp_path / "c.csv")))
    assert not rejected and docs[0].raw.strip() == text


# ---------------------------------------------------------------- ftfy fast path

_FTFY_ALPHABET = [*"ab cd\n\t&<>;#x2019amp", *"‘’“”–—…", "â€™", "Ã©", "é", "\u00a0", "Â", "\x85", "\x1b[0m", "ﬁ",
                  "Ａ", "e\u0301", "&amp;", "&#8217;", "\u2028", "\x0b", "\r\n", "\x00", "🧐", "⚠️", "ðŸ§",
                  "â\u0080\u0099", "\u2500", "\ufeff", "\u206a"]


def _ftfy_everywhere(text: str) -> str:
    import ftfy

    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    return ftfy.fix_text(text, normalization="NFC", fix_line_breaks=False, uncurl_quotes=False)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_FTFY_ALPHABET), max_size=40).map("".join))
def test_normalise_text_equals_ftfy_on_the_whole_text(text):
    """Skipping ftfy on lines it would not change must never change the result (mojibake, entities, "<" rule)."""
    assert normalise_text(text) == _ftfy_everywhere(text)


@pytest.mark.parametrize("text", [
    "He said \u201cno\u201d \u2014 twice\u2026\n", "caf\u00c3\u00a9 \u00e2\u20ac\u2122s\n", "a &amp; b\n<p>\n&amp;\n",
    "plain\nlines\n", "ﬁne Ｗidth\n",
])
def test_normalise_text_keeps_ftfy_fixes(text):
    assert normalise_text(text) == _ftfy_everywhere(text)


# ---------------------------------------------------------------- duplicates, found out of core


def _reference_duplicates(docs: list[tuple[str, str]]) -> dict[int, tuple[str, str]]:
    """The rule, kept in memory: the first copy stays; a later copy of its text, or of its id, is rejected."""
    kept_text: dict[str, str] = {}
    kept_ids: set[str] = set()
    found = {}
    for position, (doc_id, text) in enumerate(docs):
        folded = " ".join(text.split()).lower()
        if folded in kept_text:
            found[position] = (f"s{position}", f"duplicate of {kept_text[folded]}")
        elif doc_id in kept_ids:
            found[position] = (f"s{position}", f"duplicate doc_id {doc_id}")
        else:
            kept_text[folded] = doc_id
            kept_ids.add(doc_id)
    return found


def _check(docs: list[tuple[str, str]]) -> dict[int, tuple[str, str]]:
    check = ingest.DuplicateCheck()
    for position, (doc_id, text) in enumerate(docs):
        check.add(position, ingest.content_key(text), doc_id, f"s{position}")
    return check.reasons()


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("abc"), st.sampled_from(["x", "X ", "y", " y\n", "z"])), max_size=12),
       st.sampled_from([1, 2, 5, 100_000]))
def test_duplicate_check_follows_the_rule_in_memory_and_in_duckdb(docs, block):
    """Judged in corpus order whether the keys stayed in Python (one block) or went to DuckDB (many blocks)."""
    previous = ingest._DUPLICATE_BLOCK
    ingest._DUPLICATE_BLOCK = block
    try:
        assert _check(docs) == _reference_duplicates(docs)
    finally:
        ingest._DUPLICATE_BLOCK = previous


def test_a_copy_of_a_rejected_document_is_not_its_duplicate(monkeypatch):
    """b is rejected for a's id, so its text was never kept: a later c with b's text is the first of it."""
    docs = [("a", "one text"), ("a", "other text"), ("c", "other  TEXT")]
    for block in (1, 100):
        monkeypatch.setattr(ingest, "_DUPLICATE_BLOCK", block)
        assert _check(docs) == {1: ("s1", "duplicate doc_id a")}


def test_drop_duplicates_keeps_an_article_that_moved_between_the_passes(tmp_path, caplog):
    _folder(tmp_path, {"a.txt": ARTICLE, "b.txt": ARTICLE})
    reasons = duplicate_reasons(iter_corpus(tmp_path))
    assert reasons == {1: (str(tmp_path / "b.txt"), "duplicate of a")}
    (tmp_path / "a0.txt").write_text(ARTICLE + "Another paragraph here.\n", encoding="utf-8")  # sorts between them
    docs, rejected = _split(list(drop_duplicates(iter_corpus(tmp_path), reasons)))
    assert [d.doc_id for d in docs] == ["a", "a0", "b"] and not rejected
    assert "corpus changed during the run" in caplog.text
