"""Reading a corpus: folders of .txt files, or .jsonl / .csv / .parquet tables of articles.

Every input becomes either a :class:`Document` or a :class:`Rejection` with a plain reason; nothing
is dropped silently. Reading is a generator, so a corpus of any size streams through in batches.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import hashlib
import html
import json
import logging
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

import ftfy
import pandas as pd

log = logging.getLogger(__name__)

TABLE_SUFFIXES = (".jsonl", ".csv", ".parquet")
MANIFEST_NAME = "manifest.csv"
ACTORS_NAME = "actors.csv"
MAX_FILE_BYTES = 20_000_000  # larger inputs are not articles; reject rather than stall a batch


@dataclass(frozen=True)
class ColumnMap:
    """Column names of a table corpus (``--text-col`` etc. on the command line)."""

    id: str = "id"
    text: str = "text"
    title: str = "title"
    date: str = "date"
    url: str = "url"
    outlet: str = "outlet"
    language: str = "language"


@dataclass(frozen=True)
class Document:
    doc_id: str
    source: str
    raw: str
    title: str = ""
    published: str = ""  # as given by manifest or table, not yet parsed
    outlet: str = ""
    url: str = ""
    language: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Rejection:
    source: str
    reason: str


@dataclass(frozen=True)
class Pending:
    """An input read but not yet decoded: a file's bytes with its manifest entry, or a table row.

    Decoding (character sets, HTML, mojibake) costs far more than reading, so the process that reads the
    corpus hands inputs on as they are and :func:`decode` runs where the article is processed: on a Dask
    worker, or in the same process.
    """

    source: str
    data: bytes | None = None  # a .txt file's bytes
    meta: dict[str, str] = field(default_factory=dict)  # its manifest entry
    row: dict | None = None  # a table row (only the columns ``columns`` names)
    columns: ColumnMap = ColumnMap()
    fallback_id: str = ""  # a row's id when it has none


def decode(item: Pending) -> Document | Rejection:
    """The document an input holds, or why it cannot be read."""
    if item.row is not None:
        return _row_document(item.row, item.columns, item.source, item.fallback_id)
    text, how = text_from_bytes(item.data or b"")
    if text is None:
        return Rejection(item.source, how)
    meta = item.meta
    return Document(
        doc_id=Path(item.source).name.removesuffix(".txt"), source=item.source, raw=text,
        title=meta.get("title", ""), published=meta.get("published", ""), outlet=meta.get("outlet", ""),
        url=meta.get("url", ""), language=meta.get("language", ""), notes=(how,),
    )


# ---------------------------------------------------------------- decoding

_BINARY_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or Office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
    (b"RIFF", "a RIFF media file"),
)
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def decode_bytes(data: bytes) -> tuple[str | None, str]:
    """Text and how it was decoded, or ``(None, reason)`` when the bytes are not readable text."""
    for magic, what in _BINARY_MAGIC:
        if data.startswith(magic):
            return None, f"binary file: looks like {what}"
    if data.startswith(b"\xef\xbb\xbf"):
        return _try_decode(data[3:], "utf-8", "utf-8 with BOM")
    if data.startswith(_UTF16_BOMS):
        return _try_decode(data, "utf-16", "utf-16 with BOM")
    if b"\x00" in data[:4096]:
        guess = _guess_utf16(data)
        if guess:
            return _try_decode(data, guess, f"{guess} without BOM")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _detect_charset(data)


def _try_decode(data: bytes, encoding: str, how: str) -> tuple[str | None, str]:
    try:
        return data.decode(encoding), how
    except UnicodeDecodeError as exc:
        return None, f"undecodable: declared {how} but byte {exc.start} is invalid"


def _guess_utf16(data: bytes) -> str | None:
    sample = data[:4096]
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) / 2 or 1
    if odd_nuls / half > 0.3 and even_nuls / half < 0.05:
        return "utf-16-le"
    if even_nuls / half > 0.3 and odd_nuls / half < 0.05:
        return "utf-16-be"
    return None


_PREFERRED = ("utf_8", "cp1252", "latin_1", "iso8859_15", "cp1251", "koi8_r", "koi8_u", "cp1250", "iso8859_2")


def _detect_charset(data: bytes) -> tuple[str | None, str]:
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data[:200_000]))
    if not matches:
        return None, "undecodable: no text encoding fits these bytes"
    best = min(matches, key=lambda m: m.chaos)
    # Near-ties are common on short texts; Western encodings are the likelier in a news corpus.
    near = [m for m in matches if m.chaos <= best.chaos + 0.02]
    best = min(near, key=lambda m: (_PREFERRED.index(m.encoding) if m.encoding in _PREFERRED else 99, m.chaos))
    try:
        text = data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        return None, f"undecodable: detected {best.encoding} but decoding failed"
    return text, f"{best.encoding} (detected)"


def looks_binary(text: str) -> bool:
    """Control characters are rare in articles; many of them mean a binary file."""
    sample = text[:20_000]
    if not sample:
        return False
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    return controls / len(sample) > 0.05


# ---------------------------------------------------------------- HTML saved as text

_HTML_SIGNS = re.compile(r"<(!doctype html|html[\s>]|head[\s>]|body[\s>])", re.IGNORECASE)
_BLOCK_TAGS = frozenset("p div br h1 h2 h3 h4 h5 h6 li tr section article header footer blockquote title".split())
_SKIP_TAGS = frozenset("script style noscript svg template".split())


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _SKIP_TAGS:
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS and self._skip:
            self._skip -= 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def looks_like_html(text: str) -> bool:
    return bool(_HTML_SIGNS.search(text[:5000]))


def html_to_text(markup: str) -> str:
    """Block-level text of an HTML page, one block per paragraph (scripts and styles dropped)."""
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    text = html.unescape("".join(parser.parts))
    lines = [re.sub(r"[ \t]+", " ", ln).strip() for ln in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


_FTFY_CONFIG = ftfy.TextFixerConfig(normalization="NFC", fix_line_breaks=False, uncurl_quotes=False, explain=False)

# Characters no ftfy fix touches: printable ASCII except "&" (HTML entities), tab, the typographic marks of
# English news, and emoji (social-media posts quoted in live blogs). Mojibake always contains a decoded lead byte
# of a single-byte code page (Latin-1 letters and symbols, box drawing), never only these.
_NEEDS_FTFY = re.compile(
    r"[^\t\n\x20-\x25\x27-\x7e\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u2600-\u27bf\ufe0f\U0001f300-\U0001faff]"
)


def normalise_text(text: str) -> str:
    """Fix mojibake and line endings; keep every line so line numbers match the raw file.

    ftfy costs about a millisecond per article, mostly on lines it leaves as they are; lines made only of
    characters it never changes skip it, which gives the same text as ftfy on the whole (tested)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    if not _NEEDS_FTFY.search(text):
        return text
    return _ftfy_lines(text)


def _ftfy_lines(text: str) -> str:
    """``ftfy.fix_text`` segment by segment, as it works itself, calling it only on lines that need it."""
    config = _FTFY_CONFIG
    out: list[str] = []
    pos = 0
    while pos < len(text):
        end = text.find("\n", pos) + 1 or len(text)
        segment = text[pos:end]
        if config.unescape_html == "auto" and "<" in segment:
            config = config._replace(unescape_html=False)  # ftfy's own rule: sticky from the first "<" on
        needs = len(segment) > config.max_decode_length or _NEEDS_FTFY.search(segment)
        out.append(ftfy.fix_text(segment, config) if needs else segment)
        pos = end
    return "".join(out)


def text_from_bytes(data: bytes) -> tuple[str | None, str]:
    """Raw bytes to article text, or ``(None, reason)``."""
    if not data:
        return None, "empty file"
    if len(data) > MAX_FILE_BYTES:
        return None, f"too large: {len(data):,} bytes (limit {MAX_FILE_BYTES:,})"
    text, how = decode_bytes(data)
    if text is None:
        return None, how
    if looks_binary(text):
        return None, "binary file: too many control characters for text"
    if looks_like_html(text):
        text = html_to_text(text)
        how += "; HTML page, text extracted"
    text = normalise_text(text)
    if not text.strip():
        return None, "no text: only whitespace"
    return text, how


# ---------------------------------------------------------------- manifest

def read_manifest(folder: Path) -> tuple[dict[str, dict[str, str]], list[str]]:
    """Manifest rows keyed by doc_id, and warnings about rows that could not be used."""
    path = folder / MANIFEST_NAME
    if not path.is_file():
        return {}, []
    warnings: list[str] = []
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    except Exception as exc:  # noqa: BLE001 - a broken manifest must not stop the run
        return {}, [f"manifest.csv unreadable ({type(exc).__name__}: {exc}); ignored"]
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    key = "doc_id" if "doc_id" in frame.columns else "file" if "file" in frame.columns else None
    if key is None:
        return {}, ["manifest.csv has neither a doc_id nor a file column; ignored"]
    known = {"doc_id", "file", "published", "title", "outlet", "url", "language"}
    extra = sorted(set(frame.columns) - known)
    if extra:
        warnings.append(f"manifest.csv: extra columns ignored: {', '.join(extra)}")
    rows: dict[str, dict[str, str]] = {}
    for record in frame.to_dict("records"):
        doc_id = Path(str(record[key]).strip()).name.removesuffix(".txt")
        if not doc_id:
            continue
        published = str(record.get("published", "")).strip()
        if published and parse_iso_date(published) is None:
            warnings.append(f"manifest.csv: {doc_id}: bad date {published!r} ignored")
            published = ""
        rows[doc_id] = {
            "published": published,
            **{c: str(record.get(c, "")).strip() for c in ("title", "outlet", "url", "language")},
        }
    return rows, warnings


def parse_iso_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


# ---------------------------------------------------------------- corpus readers

def iter_corpus(corpus: Path | str, columns: ColumnMap = ColumnMap()) -> Iterator[Document | Rejection]:
    """Documents and rejections of a corpus, streamed in a deterministic order."""
    for item in iter_inputs(corpus, columns):
        yield decode(item) if isinstance(item, Pending) else item


def iter_inputs(corpus: Path | str, columns: ColumnMap = ColumnMap()) -> Iterator[Pending | Rejection]:
    """The inputs of a corpus, read but not decoded (see :class:`Pending`), in a deterministic order."""
    path = Path(corpus)
    if _is_table_folder(path):
        yield from _iter_table_folder(path, columns)
    elif path.is_dir():
        yield from _iter_folder(path)
    elif path.suffix.lower() == ".jsonl":
        yield from _iter_jsonl(path, columns)
    elif path.suffix.lower() == ".csv":
        yield from _iter_csv(path, columns)
    elif path.suffix.lower() == ".parquet":
        yield from _iter_parquet(path, columns)
    elif not path.exists():
        yield Rejection(str(path), "corpus not found")
    else:
        yield Rejection(str(path), f"not a corpus: expected a folder or .jsonl/.csv/.parquet, got {path.name}")


def manifest_warnings(corpus: Path | str) -> list[str]:
    path = Path(corpus)
    if not path.is_dir():
        return []
    rows, warnings = read_manifest(path)
    ids = {p.name.removesuffix(".txt") for p in path.glob("*.txt")}
    unknown = sorted(set(rows) - ids)
    if unknown:
        warnings.append(f"manifest.csv: rows for unknown doc_ids ignored: {', '.join(unknown[:20])}")
    return warnings


def _iter_folder(folder: Path) -> Iterator[Pending | Rejection]:
    manifest, _ = read_manifest(folder)
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() == ".txt")
    others = sorted(
        p for p in folder.iterdir()
        if p.is_file() and p.suffix.lower() != ".txt" and p.name not in (MANIFEST_NAME, ACTORS_NAME)
        and not p.name.startswith(".")
    )
    for path in others:
        kind = path.suffix or "no suffix"
        yield Rejection(str(path), f"not an article: only .txt files are read from a folder ({kind})")
    for path in files:
        yield _read_text_file(path, manifest.get(path.name.removesuffix(".txt"), {}))


def _read_text_file(path: Path, meta: dict[str, str]) -> Pending | Rejection:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return Rejection(str(path), f"too large: {size:,} bytes (limit {MAX_FILE_BYTES:,})")
        data = path.read_bytes()
    except OSError as exc:
        return Rejection(str(path), f"unreadable: {exc.strerror or exc}")
    return Pending(str(path), data=data, meta=meta)


@lru_cache(maxsize=64)
def _names(columns: ColumnMap) -> tuple[str, ...]:
    return tuple(getattr(columns, f.name) for f in dataclasses.fields(columns))


def _row(record: dict, columns: ColumnMap, source: str, fallback_id: str) -> Pending:
    """A table row as an input, with only the columns an article is made of (a wide table ships no more)."""
    wanted = {k: record[k] for k in _names(columns) if k in record}
    return Pending(source, row=wanted, columns=columns, fallback_id=fallback_id)


def _row_document(record: dict, columns: ColumnMap, source: str, fallback_id: str) -> Document | Rejection:
    raw = record.get(columns.text)
    if raw is None or (isinstance(raw, float) and pd.isna(raw)):
        return Rejection(source, f"no {columns.text!r} field")
    if not isinstance(raw, str):
        raw = str(raw)
    text = normalise_text(html_to_text(raw) if looks_like_html(raw) else raw)
    if not text.strip():
        return Rejection(source, "no text: only whitespace")

    def field_(name: str) -> str:
        value = record.get(name)
        return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value).strip()

    doc_id = field_(columns.id) or fallback_id
    published = field_(columns.date)
    parsed = _parse_any_date(published)
    return Document(
        doc_id=_safe_id(doc_id), source=source, raw=text, title=field_(columns.title),
        published=parsed.isoformat() if parsed else "", outlet=field_(columns.outlet),
        url=field_(columns.url), language=field_(columns.language),
        notes=(() if parsed or not published else (f"unparseable date {published!r} ignored",)),
    )


def _parse_any_date(value: str) -> dt.date | None:
    if not value:
        return None
    iso = parse_iso_date(value)
    if iso:
        return iso
    try:
        stamp = pd.to_datetime(value, utc=True)
    except (ValueError, TypeError, OverflowError):
        return None
    return None if pd.isna(stamp) else stamp.date()


def _safe_id(value: str) -> str:
    return re.sub(r"[^\w.\-]+", "_", value).strip("_") or "doc"


def _iter_jsonl(path: Path, columns: ColumnMap) -> Iterator[Pending | Rejection]:
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield Rejection(str(path), f"unreadable: {exc.strerror or exc}")
        return
    with handle:
        for line_no, line in enumerate(handle, start=1):
            source = f"{path}:{line_no}"
            if not line.strip():
                continue
            try:
                record = json.loads(line.decode("utf-8-sig"))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                yield Rejection(source, f"broken JSON line: {exc}")
                continue
            if not isinstance(record, dict):
                yield Rejection(source, "JSON line is not an object")
                continue
            yield _row(record, columns, source, f"{path.stem}_{line_no:06d}")


def _is_table_folder(path: Path) -> bool:
    if not path.is_dir() or any(path.glob("*.txt")):
        return False
    return any(p.suffix.lower() in TABLE_SUFFIXES for p in path.iterdir())


def _iter_table_folder(folder: Path, columns: ColumnMap) -> Iterator[Pending | Rejection]:
    """A dataset split over many files (``part-0000.parquet``, ``2022-02.jsonl`` ...), read file by file."""
    for path in sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")):
        if path.suffix.lower() in TABLE_SUFFIXES:
            yield from iter_inputs(path, columns)
        elif path.name not in (MANIFEST_NAME, ACTORS_NAME):
            yield Rejection(str(path), f"not part of the dataset: expected .jsonl/.csv/.parquet, got {path.name}")


def _csv_encoding(path: Path) -> tuple[str | None, str]:
    """The encoding of a CSV file, judged from its first 64 KB (the file itself is then streamed)."""
    with path.open("rb") as handle:
        head = handle.read(65536)
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig", "utf-8 with BOM"
    if head.startswith(_UTF16_BOMS):
        return "utf-16", "utf-16 with BOM"
    try:
        head.decode("utf-8")
        return "utf-8", "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start > len(head) - 4:
            return "utf-8", "utf-8"  # a character cut at the end of the sample
    from charset_normalizer import from_bytes

    best = from_bytes(head).best()
    return (best.encoding, f"{best.encoding} (detected)") if best else (None, "undecodable: no text encoding fits")


def _iter_csv(path: Path, columns: ColumnMap) -> Iterator[Pending | Rejection]:
    try:
        encoding, how = _csv_encoding(path)
    except OSError as exc:
        yield Rejection(str(path), f"unreadable: {exc.strerror or exc}")
        return
    if encoding is None:
        yield Rejection(str(path), how)
        return
    csv.field_size_limit(MAX_FILE_BYTES)
    try:
        yield from _csv_rows(path, encoding, columns)
    except (UnicodeDecodeError, csv.Error) as exc:
        yield Rejection(str(path), f"CSV could not be read past this point: {exc}")


def _csv_rows(path: Path, encoding: str, columns: ColumnMap) -> Iterator[Pending | Rejection]:
    with path.open("r", encoding=encoding, newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames is None or columns.text not in reader.fieldnames:
            yield Rejection(str(path), f"CSV has no {columns.text!r} column")
            return
        for row_no, record in enumerate(reader, start=1):
            yield _row(record, columns, f"{path}:row {row_no}", f"{path.stem}_{row_no:06d}")


def _iter_parquet(path: Path, columns: ColumnMap) -> Iterator[Pending | Rejection]:
    import pyarrow.parquet as pq

    try:
        dataset = pq.ParquetFile(path)
    except Exception as exc:  # noqa: BLE001 - any unreadable file is a rejection
        yield Rejection(str(path), f"unreadable parquet: {exc}")
        return
    row_no = 0
    for batch in dataset.iter_batches(batch_size=1000):
        for record in batch.to_pylist():
            row_no += 1
            yield _row(record, columns, f"{path}:row {row_no}", f"{path.stem}_{row_no:06d}")


# ---------------------------------------------------------------- duplicates

def content_key(text: str) -> bytes:
    """128-bit hash of the text with whitespace and case folded: the same article saved twice."""
    folded = " ".join(text.split()).lower()  # str.split and re's \s agree on what whitespace is
    return hashlib.blake2b(folded.encode("utf-8", "surrogatepass"), digest_size=16).digest()


#: Documents whose keys are held in Python before they go to DuckDB (about 100 bytes each).
_DUPLICATE_BLOCK = 100_000


class DuplicateCheck:
    """Which documents repeat an earlier one: the same text up to case and spacing, or the same doc_id.

    Told about every document of the corpus in order (the extraction's first pass), it keeps their keys in
    DuckDB a block at a time, so its memory does not grow with the corpus; only the documents that share a
    key or an id with another come back, and are judged in corpus order as a reader would: the first copy
    stays, later copies are rejected.
    """

    def __init__(self, spill_dir: Path | str | None = None):
        import pyarrow as pa

        from .tables import BlockTable

        columns = pa.schema([("pos", pa.uint64()), ("key", pa.binary()), ("doc_id", pa.string()),
                             ("source", pa.string())])
        self._docs = BlockTable("docs", columns, _DUPLICATE_BLOCK, spill_dir)

    def add(self, position: int, key: bytes, doc_id: str, source: str) -> None:
        """One document: its position in the input stream, its :func:`content_key`, its id and its source."""
        self._docs.append((position, key, doc_id, source))

    def reasons(self) -> dict[int, tuple[str, str]]:
        """``{position: (source, reason)}`` of the documents to reject."""
        try:
            candidates = self._candidates()
        finally:
            self.close()
        kept_keys: dict[bytes, str] = {}
        kept_ids: set[str] = set()
        found: dict[int, tuple[str, str]] = {}
        for position, key, doc_id, source in candidates:
            if key in kept_keys:
                found[position] = (source, f"duplicate of {kept_keys[key]}")
            elif doc_id in kept_ids:
                found[position] = (source, f"duplicate doc_id {doc_id}")
            else:
                kept_keys[key] = doc_id
                kept_ids.add(doc_id)
        return found

    def close(self) -> None:
        self._docs.close()

    def _candidates(self) -> list[tuple[int, bytes, str, str]]:
        """The documents that share their key or their id with another one, in corpus order."""
        if not self._docs.spilled:
            block = self._docs.pending
            keys = Counter(entry[1] for entry in block)
            ids = Counter(entry[2] for entry in block)
            return sorted(entry for entry in block if keys[entry[1]] > 1 or ids[entry[2]] > 1)
        rows = self._docs.query(
            "SELECT pos, key, doc_id, source FROM docs"
            " WHERE key IN (SELECT key FROM docs GROUP BY key HAVING count(*) > 1)"
            " OR doc_id IN (SELECT doc_id FROM docs GROUP BY doc_id HAVING count(*) > 1) ORDER BY pos"
        )
        return [(int(pos), bytes(key), doc_id, source) for pos, key, doc_id, source in rows]


def duplicate_reasons(items: Iterable[Document | Rejection]) -> dict[int, tuple[str, str]]:
    """:meth:`DuplicateCheck.reasons` of a stream of documents (positions count the documents only)."""
    check = DuplicateCheck()
    documents = (item for item in items if isinstance(item, Document))
    for position, doc in enumerate(documents):
        check.add(position, content_key(doc.raw), doc.doc_id, doc.source)
    return check.reasons()


def drop_duplicates(
    items: Iterable[Document | Pending | Rejection], reasons: dict[int, tuple[str, str]]
) -> Iterator[Document | Pending | Rejection]:
    """Pass a stream through, turning the inputs that ``reasons`` (found by a first pass over the same stream)
    names into rejections. Positions count the inputs that are not rejections already.

    An input whose source is not the one the first pass saw at its position is kept, with a warning: the
    corpus changed between the passes, and dropping an article for another one's sake would lose it.
    """
    position = 0
    for item in items:
        if not isinstance(item, Rejection):
            found = reasons.get(position)
            position += 1
            if found is not None:
                source, reason = found
                if source == item.source:
                    yield Rejection(item.source, reason)
                    continue
                log.warning("corpus changed during the run: %s was not at its first-pass position", item.source)
        yield item
