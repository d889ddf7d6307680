"""The extraction run: corpus in, contract tables out (``frontline extract``).

Each article goes through one pure function, :func:`process_document`, so the same code runs on a
single article (unit tests), batch by batch in one process (``engine="pandas"``) or on a Dask
cluster (``engine="dask"``). Batches are written in corpus order, so every engine writes the same
bytes.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import platform
import shutil
import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace
from importlib import metadata
from pathlib import Path

from . import dates
from .actors import ActorTable, load_actors
from .clean import CleanOptions, CleanResult, clean_article, count_words, page_lines, repeated_line_keys
from .ingest import ACTORS_NAME, ColumnMap, Document, Rejection, drop_duplicates, iter_corpus, manifest_warnings
from .tables import TableWriter
from .vocab import TABLE_COLUMNS

log = logging.getLogger("frontline")

EXTRACTED_TABLES = ("articles", "lines", "figures", "statements")


@dataclass(frozen=True)
class ExtractConfig:
    """Everything that changes the tables; recorded in run.json."""

    window: tuple[dt.date, dt.date] | None = None
    clean: CleanOptions = field(default_factory=CleanOptions)
    columns: ColumnMap = field(default_factory=ColumnMap)
    actor_tables: tuple[str, ...] = ()
    batch_size: int = 256
    claims_tolerance_days: int = 0


@dataclass(frozen=True)
class Context:
    """What every article's processing needs besides the article (shipped to workers once)."""

    config: ExtractConfig
    actors: ActorTable
    repeated: frozenset[int]
    window: tuple[dt.date, dt.date] | None = None  # the configured window, else one derived from known dates
    n_documents: int = 0  # documents the first pass read (duplicates included): the progress bar's total


def published_date(
    doc: Document, cleaned: CleanResult, window: tuple[dt.date, dt.date] | None
) -> tuple[dt.date | None, str, str]:
    """Publication date, its source and its evidence, in order of trust: manifest, file name, the page's
    date line, inference from the text, and last a "last updated" line (published that day or before)."""
    given = _iso(doc.published)
    if given:
        return given, "manifest", "given by the corpus"
    from_name = dates.date_from_filename(Path(doc.source.split(":")[0]).name if ":" in doc.source else doc.source)
    if from_name is None:
        from_name = dates.date_from_filename(doc.doc_id)
    if from_name and (window is None or window[0] <= from_name <= window[1]):
        return from_name, "filename", f"timestamp in the file name {doc.doc_id}"
    stamp = dates.page_date(page_lines(cleaned), window)
    if stamp is not None and not stamp.updated:
        return stamp.date, "page", f"date line of the page: '{stamp.line}'"
    inferred, evidence = dates.infer_published(cleaned.text, window=window)
    if inferred:
        return inferred, "inferred", evidence
    if stamp is not None:
        return stamp.date, "page", f"last-updated line of the page: '{stamp.line}' ({evidence})"
    return None, "none", evidence


def _iso(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def process_document(doc: Document, ctx: Context) -> dict[str, list[dict]]:
    """All rows one article contributes to each table."""
    from .figures import extract_figures
    from .statements import extract_statements

    cleaned = clean_article(doc.raw, title_hint=doc.title, repeated=ctx.repeated, options=ctx.config.clean)
    text = cleaned.text
    published, date_source, evidence = published_date(doc, cleaned, ctx.window or ctx.config.window)
    article = {
        "doc_id": doc.doc_id, "title": cleaned.title or doc.title, "published": published,
        "date_source": date_source, "date_evidence": evidence, "outlet": doc.outlet, "url": doc.url,
        "language": doc.language or cleaned.language, "text": text, "n_words": count_words(text),
        "status": "ok" if text.strip() else "empty_body",
    }
    lines = [
        {"doc_id": doc.doc_id, "line_no": ln.line_no, "label": ln.label, "reason": ln.reason, "text": ln.text[:200]}
        for ln in cleaned.lines
    ]
    figures = [
        {"doc_id": doc.doc_id, "figure_id": f"{doc.doc_id}:{row['start']}", **row}
        for row in extract_figures(text, ctx.actors, published)
    ]
    statements = []
    for st in extract_statements(text, ctx.actors):
        anchor = st.start - st.context_start if st.context_start <= st.start < st.context_end else None
        context = text[st.context_start:st.context_end]
        period = dates.resolve_period(context, published, anchor=anchor) if published else None
        statements.append({
            "doc_id": doc.doc_id, "statement_id": f"{doc.doc_id}:{st.start}", "speaker": st.speaker,
            "speaker_kind": st.speaker_kind, "side": st.side, "quote": st.quote, "kind": st.kind, "cue": st.cue,
            "date": period.end if period else None, "date_words": period.words if period else "",
            "attribution": st.attribution, "start": st.start, "end": st.end,
        })
    return {"articles": [article], "lines": lines, "figures": figures, "statements": statements}


def process_batch(docs: list[Document], ctx: Context) -> dict:
    """The batch's rows as Arrow tables of the contract (built where the batch ran, so a Dask worker
    sends compact columns back), plus ``failed``: the articles whose extraction raised."""
    from .tables import to_arrow

    rows = batch_rows(docs, ctx)
    failed = rows.pop("failed", [])
    return {name: to_arrow(name, table_rows) for name, table_rows in rows.items()} | {"failed": failed}


def batch_rows(docs: list[Document], ctx: Context) -> dict[str, list[dict]]:
    """Every article's rows, table by table; an article whose extraction raises is listed in ``failed``."""
    out: dict[str, list[dict]] = {name: [] for name in EXTRACTED_TABLES}
    for doc in docs:
        try:
            rows = process_document(doc, ctx)
        except Exception as exc:  # noqa: BLE001 - one bad article must not stop the run
            log.exception("failed on %s", doc.source)
            out.setdefault("failed", []).append({"source": doc.source, "reason": f"extraction failed: {exc!r}"})
            continue
        for name, table_rows in rows.items():
            out[name].extend(table_rows)
    return out


def _batches(items: Iterator[Document | Rejection], size: int, rejected: list[dict]) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for item in items:
        if isinstance(item, Rejection):
            rejected.append({"source": item.source, "reason": item.reason})
            log.warning("rejected %s: %s", item.source, item.reason)
            continue
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


WINDOW_MARGIN_DAYS = 90


def build_context(corpus: Path, config: ExtractConfig) -> Context:
    """Corpus-wide knowledge, from a first light pass: the actor table, lines repeated across articles, and
    (when no window is configured) a window around the dates the corpus already knows, which bounds date
    inference and supplies the year a text leaves out."""
    extra = [str(corpus / ACTORS_NAME)] if corpus.is_dir() else []
    actors = load_actors(*extra, *config.actor_tables)
    known: list[dt.date] = []  # the earliest and the latest known date only: memory stays flat
    n_documents = 0

    def raws():
        nonlocal n_documents
        for item in iter_corpus(corpus, config.columns):
            if isinstance(item, Document):
                n_documents += 1
                day = _iso(item.published) or dates.date_from_filename(Path(item.source.split(":")[0]).name)
                if day:
                    known[:] = [min([day, *known]), max([day, *known])]
                yield item.raw

    repeated = repeated_line_keys(raws(), config.clean)
    window = config.window
    if window is None and known:
        margin = dt.timedelta(days=WINDOW_MARGIN_DAYS)
        window = (min(known) - margin, max(known) + margin)
    return Context(config=config, actors=actors, repeated=repeated, window=window, n_documents=n_documents)


def _versions() -> dict[str, str]:
    names = ("frontline", "pandas", "pyarrow", "ftfy", "charset-normalizer", "python-dateutil", "dask")
    found = {}
    for name in names:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    found["python"] = platform.python_version()
    return found


def extract(
    corpus: Path | str,
    out: Path | str,
    config: ExtractConfig | None = None,
    *,
    engine: str = "pandas",
    scheduler: str | None = None,
    progress: bool | None = None,
) -> dict:
    """Run the whole extraction and write the tables; returns the run summary (also in run.json)."""
    from .claims import claims_from_parquet

    if engine not in ("pandas", "dask"):
        raise ValueError(f"unknown engine {engine!r}: use 'pandas' or 'dask'")
    config = config or ExtractConfig()
    corpus, out = Path(corpus), Path(out)
    out.mkdir(parents=True, exist_ok=True)
    _remove_stale_temporaries(out)
    run_log = _attach_run_log(out)
    warnings = manifest_warnings(corpus)
    for warning in warnings:
        log.warning("%s", warning)
    started = time.perf_counter()
    ctx = build_context(corpus, config)
    t_context = time.perf_counter() - started

    suffix = f"{os.getpid()}"
    spill = out / f".spill.{suffix}.tmp"  # where DuckDB spills while it merges claims past its memory limit
    writers = {name: TableWriter(out, name, suffix) for name in (*EXTRACTED_TABLES, "rejected", "claims")}
    rejected: list[dict] = []
    seen: dict[str, str] = {}
    n_docs = 0
    try:
        stream = drop_duplicates(iter_corpus(corpus, config.columns), seen)
        batches = _batches(stream, config.batch_size, rejected)
        for result in _run_batches(batches, ctx, engine, scheduler, _show_progress(progress)):
            n_docs += result["articles"].num_rows
            rejected.extend(result.pop("failed"))
            for name in EXTRACTED_TABLES:
                writers[name].write(result[name])
        writers["rejected"].write(rejected)
        writers["figures"].close()
        t_claims = time.perf_counter()
        claims = claims_from_parquet(writers["figures"].temp["parquet"], spill_dir=spill,
                                     tolerance_days=config.claims_tolerance_days)
        for table in _fixed_size(claims, CLAIMS_ROW_GROUP):
            writers["claims"].write(table)
        t_claims = time.perf_counter() - t_claims
        for writer in writers.values():
            writer.close()
        for writer in writers.values():
            writer.commit()
    except BaseException:
        for writer in writers.values():
            writer.close()
            writer.abort()
        raise
    finally:
        shutil.rmtree(spill, ignore_errors=True)
        log.removeHandler(run_log)
        run_log.close()
    elapsed = time.perf_counter() - started
    summary = {
        "corpus": _display(corpus),
        "parameters": _config_dict(config) | {"engine": engine, "scheduler": scheduler or ""},
        "versions": _versions(),
        "counts": {"inputs": n_docs + len(rejected), "articles": n_docs, "rejected": len(rejected),
                   **{name: writers[name].rows for name in ("lines", "figures", "statements", "claims")}},
        "warnings": warnings,
        "timings_seconds": {"context": round(t_context, 3), "claims": round(t_claims, 3), "total": round(elapsed, 3)},
    }
    _write_json_atomic(out / "run.json", summary)
    return summary


def _attach_run_log(out: Path) -> logging.Handler:
    """Every rejection and warning of the run, in ``run.log`` beside the tables."""
    handler = logging.FileHandler(out / "run.log", mode="w", encoding="utf-8")
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    log.addHandler(handler)
    if log.level == logging.NOTSET or log.level > logging.WARNING:
        log.setLevel(logging.WARNING)
    return handler


CLAIMS_ROW_GROUP = 65_536


def _fixed_size(tables: Iterable, rows: int) -> Iterator:
    """Arrow tables of exactly ``rows`` rows (the last one shorter) from tables of any size, so the
    Parquet row groups written never depend on how the input happened to be cut."""
    import pyarrow as pa

    pending: list = []
    held = 0
    for table in tables:
        pending.append(table)
        held += table.num_rows
        while held >= rows:
            joined = pa.concat_tables(pending)
            yield joined.slice(0, rows)
            pending, held = [joined.slice(rows)], joined.num_rows - rows
    if held:
        yield pa.concat_tables(pending)


def _remove_stale_temporaries(out: Path) -> None:
    """Temporary files of a run that was killed: never read, so safe to drop before a new run."""
    for name in (*EXTRACTED_TABLES, "rejected", "claims", "run.json"):
        for path in out.glob(f".{name}.*.tmp"):
            path.unlink(missing_ok=True)
    for path in out.glob(".spill.*.tmp"):
        shutil.rmtree(path, ignore_errors=True)


def _show_progress(progress: bool | None) -> bool:
    if progress is not None:
        return progress
    return not os.environ.get("CI") and os.isatty(2)


def _run_batches(batches, ctx: Context, engine: str, scheduler: str | None, progress: bool):
    if engine == "pandas":
        results = (process_batch(b, ctx) for b in batches)
    else:
        from .scale import run_on_dask

        results = run_on_dask(batches, ctx, scheduler=scheduler)
    if not progress:
        yield from results
        return
    from tqdm.auto import tqdm  # a widget in a notebook, a text bar in a terminal

    with tqdm(total=ctx.n_documents or None, unit="article", desc="extract") as bar:
        for result in results:
            bar.update(result["articles"].num_rows + len(result["failed"]))
            yield result
        bar.total = bar.n  # duplicates were counted in the total but never extracted


def _display(path: Path) -> str:
    from .paths import display

    return display(path)


def _config_dict(config: ExtractConfig) -> dict:
    data = asdict(replace(config))
    if config.window:
        data["window"] = [d.isoformat() for d in config.window]
    return data


def _write_json_atomic(path: Path, data: dict) -> None:
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temp.write_text(json.dumps(data, indent=2, sort_keys=True, default=str) + "\n", encoding="utf-8")
    os.replace(temp, path)


def load_tables(out: Path | str) -> dict:
    """The tables of an extraction run as pandas frames (plus ``rejected`` and ``claims``)."""
    from .tables import read_tables

    return read_tables(out, TABLE_COLUMNS)


def corpus_fingerprint(corpus: Path | str, config: ExtractConfig | None = None) -> str:
    """Hash of the corpus bytes, the configuration, the package version and its code: the extraction cache key."""
    import hashlib

    path = Path(corpus)
    digest = hashlib.sha256()
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for file in files:
        digest.update(file.relative_to(path if path.is_dir() else path.parent).as_posix().encode())
        try:
            with file.open("rb") as handle:
                for chunk in iter(lambda h=handle: h.read(1 << 20), b""):
                    digest.update(chunk)
        except OSError:
            digest.update(b"<unreadable>")
    digest.update(json.dumps(_config_dict(config or ExtractConfig()), sort_keys=True, default=str).encode())
    digest.update(_versions()["frontline"].encode())
    digest.update(_code_digest().encode())
    return digest.hexdigest()[:16]


def _code_digest() -> str:
    """Hash of the library's own source: an edited rule invalidates cached tables even at the same version
    (an editable install keeps its version number while its code changes)."""
    import hashlib

    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def ensure_extracted(corpus: Path | str, out: Path | str, config: ExtractConfig | None = None, **kwargs) -> dict:
    """Extract unless ``out`` already holds tables of this very corpus, configuration and version."""
    out = Path(out)
    key = corpus_fingerprint(corpus, config)
    run_file = out / "run.json"
    if run_file.is_file():
        try:
            previous = json.loads(run_file.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            previous = {}
        if previous.get("fingerprint") == key and all((out / f"{t}.parquet").exists() for t in EXTRACTED_TABLES):
            return previous
    summary = extract(corpus, out, config, **kwargs)
    summary["fingerprint"] = key
    _write_json_atomic(run_file, summary)
    return summary
