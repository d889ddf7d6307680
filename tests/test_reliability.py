"""Bad input and hostile text never crash a run and never vanish silently."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frontline.actors import load_actors
from frontline.cli import main as cli_main
from frontline.ingest import Document
from frontline.pipeline import Context, ExtractConfig, extract, load_tables, process_document

GOOD = "Shelling resumes near Mirsk\n\nThe army said on Monday that three soldiers were wounded near Mirsk.\n"
CTX = Context(config=ExtractConfig(), actors=load_actors(), repeated=frozenset())


def _messy_corpus(tmp_path):
    corpus = tmp_path / "messy"
    corpus.mkdir()
    (corpus / "good.txt").write_text(GOOD, encoding="utf-8")
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "blank.txt").write_text(" \n\t\n", encoding="utf-8")
    (corpus / "photo.txt").write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 8)
    (corpus / "cp1251.txt").write_bytes(
        "Войска\n\nМинистерство обороны заявило, что три солдата были ранены в понедельник утром.\n".encode("cp1251"))
    (corpus / "utf16.txt").write_bytes(GOOD.replace("three", "four").encode("utf-16"))
    (corpus / "utf16le.txt").write_bytes(GOOD.replace("three", "five").encode("utf-16-le"))
    (corpus / "latin1.txt").write_bytes(GOOD.replace("three", "six").replace("Mirsk", "Mérsk").encode("latin-1"))
    (corpus / "page.txt").write_text(
        "<!doctype html><html><body><h1>Strikes hit Dolsk</h1><p>Officials said 12 villages were shelled on "
        "Sunday, the army said.</p></body></html>", encoding="utf-8")
    (corpus / "oneline.txt").write_text(
        "Long " + "The army said two soldiers were wounded. " * 25_000, encoding="utf-8")  # ~1 MB, no line break
    (corpus / "nul.txt").write_bytes(GOOD.replace("three", "seven").encode() + b"\x00\x00tail")
    (corpus / "z_dup.txt").write_text(GOOD, encoding="utf-8")
    (corpus / "manifest.csv").write_text("doc_id,published,extra\ngood,2031-13-01,x\nghost,2031-01-01,y\n",
                                         encoding="utf-8")
    return corpus


def test_messy_folder_finishes_and_lists_every_rejection(tmp_path):
    out = tmp_path / "out"
    summary = extract(_messy_corpus(tmp_path), out, progress=False)
    tables = load_tables(out)
    ids = set(tables["articles"]["doc_id"])
    assert {"good", "cp1251", "utf16", "utf16le", "latin1", "page", "oneline", "nul"} <= ids
    reasons = {r.source.rsplit("/", 1)[-1]: r.reason for r in tables["rejected"].itertuples()}
    assert reasons["empty.txt"] == "empty file"
    assert "whitespace" in reasons["blank.txt"]
    assert "JPEG" in reasons["photo.txt"]
    assert reasons["z_dup.txt"] == "duplicate of good"
    assert summary["counts"]["rejected"] == len(reasons) == 4
    assert any("bad date" in w for w in summary["warnings"]) and any("ghost" in w for w in summary["warnings"])
    log_text = (out / "run.log").read_text(encoding="utf-8")
    assert "empty.txt" in log_text and "duplicate of good" in log_text and "ghost" in log_text
    text = tables["articles"].set_index("doc_id")["text"]
    assert "Министерство" in text["cp1251"] and "Mérsk" in text["latin1"] and "\x00" not in text["nul"]
    assert "12 villages" in text["page"]


def test_cli_exit_code_counts_rejections(tmp_path, capsys):
    code = cli_main(["extract", "--corpus", str(_messy_corpus(tmp_path)), "--out", str(tmp_path / "o")])
    assert code == 3
    assert "4 rejected" in capsys.readouterr().out


def test_a_failing_article_is_rejected_not_fatal(tmp_path, monkeypatch):
    import frontline.figures as figures

    def boom(text, *args, **kwargs):
        if "EXPLODE" in text:
            raise RuntimeError("synthetic failure")
        return original(text, *args, **kwargs)

    original = figures.extract_figures
    monkeypatch.setattr(figures, "extract_figures", boom)
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "ok.txt").write_text(GOOD, encoding="utf-8")
    (corpus / "bad.txt").write_text(GOOD + "EXPLODE now.\n", encoding="utf-8")
    summary = extract(corpus, tmp_path / "o", progress=False)
    tables = load_tables(tmp_path / "o")
    assert list(tables["articles"]["doc_id"]) == ["ok"]
    assert "synthetic failure" in tables["rejected"]["reason"].iloc[0]
    assert summary["counts"]["rejected"] == 1


def test_an_input_whose_decoding_raises_is_rejected_not_fatal(tmp_path, monkeypatch):
    """Decoding runs where the article is processed (a Dask worker): an error there is one rejection."""
    import frontline.pipeline as pipeline

    def fragile(item):
        if item.source.endswith("bad.txt"):
            raise ValueError("synthetic decoding failure")
        return original(item)

    original = pipeline.decode
    monkeypatch.setattr(pipeline, "decode", fragile)
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "ok.txt").write_text(GOOD, encoding="utf-8")
    (corpus / "bad.txt").write_text(GOOD.replace("three", "four"), encoding="utf-8")
    summary = extract(corpus, tmp_path / "o", progress=False)
    tables = load_tables(tmp_path / "o")
    assert list(tables["articles"]["doc_id"]) == ["ok"]
    assert "synthetic decoding failure" in tables["rejected"]["reason"].iloc[0]
    assert summary["counts"] == summary["counts"] | {"inputs": 2, "articles": 1, "rejected": 1}


hostile_text = st.lists(
    st.one_of(
        st.text(st.characters(codec="utf-8"), max_size=8),
        st.sampled_from(list("\"“”‘’'«»\n\n  \t.,;:-–—0123456789") + ["10^400", "1,000,000,000,000,000", " said ",
                                                                       " killed ", " troops ", "\u00a0", "\u200b",
                                                                       " were wounded", "According to "]),
    ),
    max_size=400,
).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=hostile_text, published=st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2090, 12, 31))))
def test_process_document_never_raises_and_offsets_are_sound(raw, published):
    doc = Document(doc_id="h", source="h.txt", raw=raw, published=published.isoformat() if published else "")
    rows = process_document(doc, CTX)
    text = rows["articles"][0]["text"]
    for row in rows["figures"]:
        assert 0 <= row["start"] < row["end"] <= len(text)
        assert text[row["start"]:row["end"]] == row["number_text"]
    for row in rows["statements"]:
        assert 0 <= row["start"] <= row["end"] <= len(text)


def test_a_huge_file_is_rejected_with_its_size_and_the_rest_is_processed(tmp_path):
    corpus = tmp_path / "big"
    corpus.mkdir()
    (corpus / "good.txt").write_text(GOOD, encoding="utf-8")
    with (corpus / "huge.txt").open("w", encoding="utf-8") as handle:
        line = "The army said two soldiers were wounded near the border on Monday.\n"
        for _ in range(50_000_000 // len(line)):
            handle.write(line)
    summary = extract(corpus, tmp_path / "out", progress=False)
    tables = load_tables(tmp_path / "out")
    assert list(tables["articles"]["doc_id"]) == ["good"]
    assert tables["rejected"]["reason"].iloc[0].startswith("too large: 49,99")
    assert summary["counts"]["rejected"] == 1


def test_a_long_run_of_numbers_without_a_full_stop_is_linear():
    import time

    from frontline.figures import extract_figures

    text = "one two three soldiers were killed and " * 2500  # ~100 KB, one "sentence"
    started = time.process_time()
    extract_figures(text[:10_000], CTX.actors, dt.date(2031, 3, 16))
    small = time.process_time() - started
    started = time.process_time()
    rows = extract_figures(text, CTX.actors, dt.date(2031, 3, 16))
    large = time.process_time() - started
    assert rows and all(text[r["start"]:r["end"]] == r["number_text"] for r in rows)
    assert large < max(small, 0.05) * 40  # 10x the text: linear is ~10x, quadratic would be ~100x
