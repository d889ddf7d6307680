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
from contextlib import nullcontext
from dataclasses import asdict, dataclass, field, replace
from importlib import metadata
from pathlib import Path

from . import dates
from .actors import ActorTable, load_actors
from .clean import (
    CleanOptions,
    CleanResult,
    LineKeyCount,
    article_line_keys,
    clean_article,
    count_words,
    page_lines,
)
from .ingest import (
    ACTORS_NAME,
    ColumnMap,
    Document,
    DuplicateCheck,
    Pending,
    Rejection,
    content_key,
    decode,
    drop_duplicates,
    iter_inputs,
    manifest_warnings,
)
from .scale import dask_client
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
    n_inputs: int = 0  # inputs the first pass read (each becomes an article or a rejection): the progress total


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


def process_batch(items: list[Pending | Document | Rejection], ctx: Context) -> dict:
    """The batch's rows as Arrow tables of the contract (built where the batch ran, so a Dask worker sends
    compact columns back), plus ``rejected``: the inputs that gave no article, in input order."""
    from .tables import to_arrow

    rows = batch_rows(items, ctx)
    rejected = rows.pop("rejected")
    return {name: to_arrow(name, table_rows) for name, table_rows in rows.items()} | {"rejected": rejected}


def batch_rows(items: list[Pending | Document | Rejection], ctx: Context) -> dict[str, list[dict]]:
    """Every article's rows, table by table, each input decoded first; an input that cannot be read, or an
    article whose extraction raises, is listed in ``rejected`` with its reason."""
    out: dict[str, list[dict]] = {name: [] for name in (*EXTRACTED_TABLES, "rejected")}
    for item in items:
        try:
            doc = decode(item) if isinstance(item, Pending) else item
            if isinstance(doc, Rejection):
                out["rejected"].append({"source": doc.source, "reason": doc.reason})
                continue
            rows = process_document(doc, ctx)
        except Exception as exc:  # noqa: BLE001 - one bad input must not stop the run
            log.exception("failed on %s", item.source)
            out["rejected"].append({"source": item.source, "reason": f"extraction failed: {exc!r}"})
            continue
        for name, table_rows in rows.items():
            out[name].extend(table_rows)
    return out


@dataclass(frozen=True)
class FirstLook:
    """What the first pass needs of one document, computed where it is decoded (a Dask worker, or here)."""

    doc_id: str
    source: str
    key: bytes  # its content_key, for the duplicate check
    line_keys: tuple[int, ...]  # its short lines, for the count of lines repeated across the corpus
    day: dt.date | None  # a date the corpus gives it (manifest, table, file name), for the date window


def first_look(items: list[Pending], options: CleanOptions) -> list[FirstLook | None]:
    """Each input's :class:`FirstLook`, or None when it cannot be read (the second pass says why)."""
    looks: list[FirstLook | None] = []
    for item in items:
        try:
            doc = decode(item)
        except Exception:  # noqa: BLE001 - the second pass meets it again and lists it with its reason
            doc = None
        if not isinstance(doc, Document):
            looks.append(None)
            continue
        day = _iso(doc.published) or dates.date_from_filename(Path(doc.source.split(":")[0]).name)
        looks.append(FirstLook(doc.doc_id, doc.source, content_key(doc.raw),
                               tuple(article_line_keys(doc.raw, options)), day))
    return looks


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _map(function, batches: Iterable[list], shared, client) -> Iterator:
    """``function(batch, shared)`` of each batch in order: here, or on the Dask workers of ``client``."""
    if client is None:
        return (function(batch, shared) for batch in batches)
    from .scale import map_in_order

    return map_in_order(client, function, batches, shared)


WINDOW_MARGIN_DAYS = 90


def build_context(
    corpus: Path, config: ExtractConfig, duplicates: DuplicateCheck | None = None, client=None,
    spill_dir: Path | None = None,
) -> Context:
    """Corpus-wide knowledge, from a first light pass: the actor table, lines repeated across articles, and
    (when no window is configured) a window around the dates the corpus already knows, which bounds date
    inference and supplies the year a text leaves out. ``duplicates``, when given, is told of every document;
    ``spill_dir`` is where the count of repeated lines spills past DuckDB's memory limit.

    Inputs are decoded and looked at on the Dask workers of ``client`` when there is one: this process
    only reads the corpus and counts keys, so the pass does not hold the workers back."""
    extra = [str(corpus / ACTORS_NAME)] if corpus.is_dir() else []
    actors = load_actors(*extra, *config.actor_tables)
    known: list[dt.date] = []  # the earliest and the latest known date only: memory stays flat
    n_inputs = 0

    def pending() -> Iterator[Pending]:
        nonlocal n_inputs
        for item in iter_inputs(corpus, config.columns):
            n_inputs += 1
            if isinstance(item, Pending):
                yield item

    line_keys = LineKeyCount(spill_dir)
    position = 0
    try:
        for looks in _map(first_look, _chunks(pending(), config.batch_size), config.clean, client):
            for look in looks:
                if look is not None:
                    if duplicates is not None:
                        duplicates.add(position, look.key, look.doc_id, look.source)
                    line_keys.add(look.line_keys)
                    if look.day:
                        known[:] = [min([look.day, *known]), max([look.day, *known])]
                position += 1
        repeated = line_keys.repeated(config.clean.repeat_min_docs)
    finally:
        line_keys.close()
    window = config.window
    if window is None and known:
        margin = dt.timedelta(days=WINDOW_MARGIN_DAYS)
        window = (min(known) - margin, max(known) + margin)
    return Context(config=config, actors=actors, repeated=repeated, window=window, n_inputs=n_inputs)


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
    try:
        with dask_client(scheduler) if engine == "dask" else nullcontext() as client:
            counts, t_context, t_claims = _extract_tables(corpus, out, config, client, _show_progress(progress),
                                                      first_pass_on_cluster=scheduler is not None)
    finally:
        log.removeHandler(run_log)
        run_log.close()
    elapsed = time.perf_counter() - started
    summary = {
        "corpus": _display(corpus),
        "parameters": _config_dict(config) | {"engine": engine, "scheduler": scheduler or ""},
        "versions": _versions(),
        "counts": counts,
        "warnings": warnings,
        "timings_seconds": {"context": round(t_context, 3), "claims": round(t_claims, 3), "total": round(elapsed, 3)},
    }
    _write_json_atomic(out / "run.json", summary)
    return summary


def _extract_tables(
    corpus: Path, out: Path, config: ExtractConfig, client, progress: bool, *, first_pass_on_cluster: bool = False
) -> tuple[dict, float, float]:
    """Both passes over the corpus and the claims merge, every table written under a temporary name and moved
    into place at the end; returns the row counts and the seconds of the first pass and of the merge.

    The second pass always runs on the cluster when there is one; the first pass only on a cluster of its own
    (``--scheduler``): a local cluster shares this machine's cores, and there shipping every article to a worker
    costs this process about as much as decoding it itself (docs/benchmarks.md)."""
    from .claims import claims_from_parquet

    started = time.perf_counter()
    suffix = f"{os.getpid()}"
    spill = out / f".spill.{suffix}.tmp"  # where DuckDB spills past its memory limit (first pass, claims)
    duplicates = DuplicateCheck(spill)
    writers = {name: TableWriter(out, name, suffix) for name in (*EXTRACTED_TABLES, "rejected", "claims")}
    n_docs = 0
    try:
        ctx = build_context(corpus, config, duplicates, client if first_pass_on_cluster else None, spill)
        repeats = duplicates.reasons()
        t_context = time.perf_counter() - started
        stream = drop_duplicates(iter_inputs(corpus, config.columns), repeats)
        for result in _run_batches(_chunks(stream, config.batch_size), ctx, client, progress):
            n_docs += result["articles"].num_rows
            for row in result["rejected"]:
                log.warning("rejected %s: %s", row["source"], row["reason"])
            writers["rejected"].write(result["rejected"])
            for name in EXTRACTED_TABLES:
                writers[name].write(result[name])
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
        duplicates.close()
        shutil.rmtree(spill, ignore_errors=True)
    counts = {"inputs": n_docs + writers["rejected"].rows, "articles": n_docs, "rejected": writers["rejected"].rows,
              **{name: writers[name].rows for name in ("lines", "figures", "statements", "claims")}}
    return counts, t_context, t_claims


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


def _run_batches(batches: Iterable[list], ctx: Context, client, progress: bool) -> Iterator[dict]:
    results = _map(process_batch, batches, ctx, client)
    if not progress:
        yield from results
        return
    from tqdm.auto import tqdm  # a widget in a notebook, a text bar in a terminal

    with tqdm(total=ctx.n_inputs or None, unit="article", desc="extract") as bar:
        for result in results:
            bar.update(result["articles"].num_rows + len(result["rejected"]))
            yield result


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
