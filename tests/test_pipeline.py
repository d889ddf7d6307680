"""The extraction run end to end: tables, rejections, determinism, atomic writes, engines."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from frontline.cli import main as cli_main
from frontline.pipeline import ExtractConfig, ensure_extracted, extract, load_tables
from frontline.vocab import TABLE_COLUMNS

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "raw" / "sample"

ARTICLE = """Skip to content

Kardonian army reports heavy shelling | Kardonia

The Kardonian army said on Sunday that two of its soldiers had been killed and 12 wounded in the last 24 hours.

“We will hold every village,” General Ilse Varga told reporters in Lirovo.

Separatists opened fire on about 40 settlements along the front line, the army said.

Comments (1)
  • reader
    “Fake news,” says me. 500 people agree.
"""


def _corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "b_copy.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    (corpus / "manifest.csv").write_text("doc_id,published,outlet\na,2031-03-09,Wire\n", encoding="utf-8")
    return corpus


def _digest(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.suffix in (".parquet", ".csv")
    }


def test_extract_writes_every_table_and_lists_rejections(tmp_path):
    out = tmp_path / "out"
    summary = extract(_corpus(tmp_path), out)
    tables = load_tables(out)
    assert set(TABLE_COLUMNS) <= set(tables)
    for name, columns in TABLE_COLUMNS.items():
        assert list(tables[name].columns) == list(columns), name
        assert (out / f"{name}.csv").is_file()
    assert summary["counts"]["articles"] == 1 and summary["counts"]["rejected"] == 3
    names = tables["rejected"]["source"].map(lambda s: Path(s).name)
    reasons = dict(zip(names, tables["rejected"]["reason"], strict=True))
    assert reasons == {"b_copy.txt": "duplicate of a", "empty.txt": "empty file",
                       "image.txt": "binary file: looks like a PNG image"}
    article = tables["articles"].iloc[0]
    assert article["title"] == "Kardonian army reports heavy shelling"
    assert article["published"] == pd.Timestamp("2031-03-09") and article["date_source"] == "manifest"
    assert "Fake news" not in article["text"] and "Skip to content" not in article["text"]
    assert json.loads((out / "run.json").read_text())["counts"]["rejected"] == 3


def test_figures_and_statements_point_into_the_clean_text(tmp_path):
    out = tmp_path / "out"
    extract(_corpus(tmp_path), out)
    tables = load_tables(out)
    text = tables["articles"].iloc[0]["text"]
    for row in tables["figures"].itertuples():
        assert text[row.start:row.end] == row.number_text
        assert text[row.start:row.end] in row.sentence
    found = {(r.category, r.value) for r in tables["figures"].itertuples()}
    assert {("killed", 2), ("wounded", 12), ("places_shelled", 40)} <= found
    assert 500 not in {r.value for r in tables["figures"].itertuples()}  # the comment section is gone
    killed = tables["figures"].query("category == 'killed'").iloc[0]
    assert killed["period_start"] == pd.Timestamp("2031-03-08") and killed["period_end"] == pd.Timestamp("2031-03-09")
    quotes = tables["statements"].query("kind != 'indirect'")
    assert any("Varga" in s for s in quotes["speaker"])


def test_rerun_gives_byte_identical_tables(tmp_path):
    corpus = _corpus(tmp_path)
    extract(corpus, tmp_path / "one")
    extract(corpus, tmp_path / "two")
    assert _digest(tmp_path / "one") == _digest(tmp_path / "two")


def test_ensure_extracted_reuses_tables_until_the_corpus_changes(tmp_path):
    corpus, out = _corpus(tmp_path), tmp_path / "out"
    first = ensure_extracted(corpus, out)
    mtime = (out / "figures.parquet").stat().st_mtime_ns
    second = ensure_extracted(corpus, out)
    assert second["fingerprint"] == first["fingerprint"]
    assert (out / "figures.parquet").stat().st_mtime_ns == mtime
    (corpus / "new.txt").write_text("A new headline\n\nThree civilians were wounded on Monday.\n", encoding="utf-8")
    third = ensure_extracted(corpus, out)
    assert third["fingerprint"] != first["fingerprint"] and third["counts"]["articles"] == 2


def test_window_bounds_filename_dates(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "2031-03-05_report.txt").write_text(ARTICLE, encoding="utf-8")
    extract(corpus, tmp_path / "in", ExtractConfig(window=(dt.date(2031, 3, 1), dt.date(2031, 3, 31))))
    article = load_tables(tmp_path / "in")["articles"].iloc[0]
    assert article["date_source"] == "filename" and article["published"] == pd.Timestamp("2031-03-05")


def test_date_line_of_the_page_dates_the_article_even_as_boilerplate(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    page = ("Varenia masses troops near the border\nBy Jane Roe \u00b7 14 April 2033 \u00b7 4 min read\n\n"
            "About 1,200 troops arrived on Wednesday, officials said.\n\nShelling hit two villages since Monday.\n")
    (corpus / "report.txt").write_text(page, encoding="utf-8")
    (corpus / "live.txt").write_text(page.replace("By Jane Roe \u00b7 14 April 2033 \u00b7 4 min read",
                                                  "Last updated: Fri 15 Apr 2033 17.40"), encoding="utf-8")
    extract(corpus, tmp_path / "out", progress=False)
    articles = load_tables(tmp_path / "out")["articles"].set_index("doc_id")
    assert articles.loc["report", "date_source"] == "page"
    assert articles.loc["report", "published"] == pd.Timestamp("2033-04-14")
    assert "14 April 2033" in articles.loc["report", "date_evidence"]
    assert "Jane Roe" not in articles.loc["report", "text"]
    assert articles.loc["live", "published"] == pd.Timestamp("2033-04-15")
    assert articles.loc["live", "date_evidence"].startswith("last-updated line")


def test_cli_extract(tmp_path, capsys):
    code = cli_main(["extract", "--corpus", str(_corpus(tmp_path)), "--out", str(tmp_path / "cli")])
    assert code == 3  # three inputs rejected
    assert "1 articles, 3 rejected" in capsys.readouterr().out


def test_killed_run_leaves_previous_tables_whole(tmp_path):
    """Kill a run midway: the folder holds either the old complete tables or the new ones, never a mix."""
    corpus = tmp_path / "big"
    corpus.mkdir()
    for i in range(3000):
        (corpus / f"doc{i:05d}.txt").write_text(ARTICLE.replace("40", str(40 + i)), encoding="utf-8")
    out = tmp_path / "out"
    small = tmp_path / "small"
    small.mkdir()
    (small / "a.txt").write_text(ARTICLE, encoding="utf-8")
    extract(small, out)
    before = _digest(out)
    code = (f"import sys; sys.path.insert(0, {str(ROOT / 'src')!r});"
            f"from frontline.pipeline import extract; extract({str(corpus)!r}, {str(out)!r})")
    proc = subprocess.Popen([sys.executable, "-c", code])
    time.sleep(4)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    after = _digest(out)
    assert after == before or load_tables(out)["articles"].shape[0] == 3000
    assert load_tables(out)["articles"].shape[0] in (1, 3000)
    extract(small, out)  # the next run clears what the killed one left behind
    assert not [p.name for p in out.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.slow
def test_dask_engine_gives_identical_tables(tmp_path):
    corpus = SAMPLE if SAMPLE.is_dir() else _corpus(tmp_path)
    extract(corpus, tmp_path / "pandas", ExtractConfig(batch_size=3))
    extract(corpus, tmp_path / "dask", ExtractConfig(batch_size=3), engine="dask")
    assert _digest(tmp_path / "pandas") == _digest(tmp_path / "dask")


def test_unknown_engine_is_an_error(tmp_path):
    with pytest.raises(ValueError, match="unknown engine"):
        extract(_corpus(tmp_path), tmp_path / "x", engine="spark")


def test_environment_variable_ci_silences_progress(monkeypatch):
    from frontline.pipeline import _show_progress

    monkeypatch.setenv("CI", "true")
    assert _show_progress(None) is False
    assert _show_progress(True) is True


def test_progress_bar_counts_articles_against_the_first_pass_total(tmp_path, capsys):
    """Articles done, rate and time left: the total comes from the first pass; a duplicate counts as done."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    body = "The army said on Sunday that {n} soldiers had been wounded near the border.\n"
    for name, n in (("a", 3), ("b", 4), ("c", 3)):
        (corpus / f"{name}.txt").write_text("Title here\n\n" + body.format(n=n), encoding="utf-8")
    extract(corpus, tmp_path / "out", progress=True)
    bar = capsys.readouterr().err
    assert "3/3" in bar and "article/s" in bar  # c.txt duplicates a.txt: a rejection, also done


SHARED = ROOT.parent / "shared"


@pytest.mark.skipif(not (SHARED / "corpus" / "seeds").is_dir(), reason="../shared (seed articles) absent")
def test_seed_dates_with_the_manifest_withheld_are_never_wrong(tmp_path):
    import csv
    import shutil

    corpus = tmp_path / "seeds"
    corpus.mkdir()
    for path in (SHARED / "corpus" / "seeds").glob("*.txt"):
        shutil.copy(path, corpus / path.name)
    truth = {r["doc_id"]: r["published"] for r in csv.DictReader((SHARED / "corpus" / "seeds" / "manifest.csv").open())}
    extract(corpus, tmp_path / "out", ExtractConfig(window=(dt.date(2022, 1, 1), dt.date(2022, 3, 31))), progress=False)
    articles = load_tables(tmp_path / "out")["articles"]
    dated = articles[articles["date_source"].isin(["page", "inferred"])]
    assert len(dated) >= 1
    for row in dated.itertuples():
        assert row.published.date().isoformat() == truth[row.doc_id], row.date_evidence
    assert set(articles["date_source"]) <= {"page", "inferred", "none"}


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["extract", "--corpus", "/no/such/folder", "--out", "x"], "does not exist"),
        (["extract", "--corpus", ".", "--out", "x", "--period-start", "2031-03-10", "--period-end", "2031-03-01"],
         "is after"),
        (["evaluate", "--corpus", ".", "--gold", "/no/gold"], "gold folder"),
        (["extract", "--corpus", ".", "--out", "x", "--actors", "/no/actors.csv"], "actor table"),
    ],
)
def test_bad_options_are_refused_before_any_work(argv, message, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert cli_main(argv) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "x").exists()


def test_fingerprint_changes_with_the_librarys_code(tmp_path, monkeypatch):
    """Cached tables are not reused once a rule changes, even when the version number stays the same."""
    from frontline import pipeline

    corpus = _corpus(tmp_path)
    before = pipeline.corpus_fingerprint(corpus)
    monkeypatch.setattr(pipeline, "_code_digest", lambda: "edited")
    assert pipeline.corpus_fingerprint(corpus) != before
