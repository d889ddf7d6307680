#!/usr/bin/env python3
"""Speed and memory of the full extraction, on corpora recombined from the sample's paragraphs.

Builds corpora of 1,000, 10,000 and 100,000 articles (JSON lines; no real text is stored: every
paragraph comes from the bundled sample, shuffled with a fixed seed), runs `frontline extract` on each
with each engine in a fresh process, and prints articles per second, MB per second, peak memory and the
speed-up of 2 Dask workers over one process. Then, on figures tables of 1 and 5 million rows (the
largest run's figures repeated under new ids), the claims merge (DuckDB, out of core) and the six charts:
seconds and peak memory, each in a fresh process. Also times every extraction function on hostile text
(1 MB inputs) to show that no regular expression is super-linear.

usage: scripts/benchmark.py [--sizes 1000 10000 100000] [--engines pandas dask] [--repeat 3] [--out DIR]
Corpora up to 10,000 articles run three times per engine, interleaved, and the median run is reported.
Targets (issue 8): >= 1,000 articles/s per core; peak memory flat in corpus size (< 1 GB at 100,000);
2 workers >= 1.6x one process. Results are recorded in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "raw" / "sample"

RUNNER = r"""
import json, resource, sys, time
from frontline.pipeline import ExtractConfig, extract
corpus, out, engine = sys.argv[1], sys.argv[2], sys.argv[3]
t = time.perf_counter()
summary = extract(corpus, out, ExtractConfig(batch_size=500), engine=engine, progress=False)
elapsed = time.perf_counter() - t
peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": elapsed, "peak_mb": peak_kb / 1024, "counts": summary["counts"]}))
"""


def sample_paragraphs() -> tuple[list[str], list[str]]:
    """Headlines and body paragraphs of the sample corpus, cleaned (so boilerplate is not multiplied)."""
    from frontline.clean import clean_article, repeated_line_keys

    raws = [p.read_text(encoding="utf-8") for p in sorted(SAMPLE.glob("*.txt"))]
    repeated = repeated_line_keys(raws)
    titles, paragraphs = [], []
    for raw in raws:
        cleaned = clean_article(raw, repeated=repeated)
        titles.append(cleaned.title)
        paragraphs.extend(p for p in cleaned.text.split("\n") if len(p.split()) > 6)
    return titles, paragraphs


TABLE_RUNNER = r"""
import json, resource, sys, time
import pyarrow.parquet as pq
task, figures_path, out = sys.argv[1], sys.argv[2], sys.argv[3]
t = time.perf_counter()
if task == "claims":
    from frontline.claims import claims_from_parquet
    rows = sum(b.num_rows for b in claims_from_parquet(figures_path, spill_dir=out))
else:
    from frontline import charts
    from frontline.tables import read_tables
    tables = read_tables(out)
    tables["figures"] = pq.read_table(figures_path).to_pandas(date_as_object=False)
    rows = len(charts.draw_all(tables))
elapsed = time.perf_counter() - t
peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": elapsed, "peak_mb": peak_kb / 1024, "rows": rows}))
"""


def repeated_figures(source: Path, target: Path, n_rows: int) -> int:
    """A figures table of about ``n_rows`` rows: ``source`` repeated, each copy under new doc and figure ids."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    table = pq.read_table(source)
    copies = max(1, round(n_rows / max(table.num_rows, 1)))
    with pq.ParquetWriter(target, table.schema, compression="zstd") as writer:
        for i in range(copies):
            tag = pa.scalar(f"~{i}")
            copy = table.set_column(0, "doc_id", pc.binary_join_element_wise(table["doc_id"], tag, ""))
            copy = copy.set_column(1, "figure_id", pc.binary_join_element_wise(table["figure_id"], tag, ""))
            writer.write_table(copy)
    return copies * table.num_rows


def run_table_task(task: str, figures: Path, out: Path) -> dict:
    proc = subprocess.run([sys.executable, "-c", TABLE_RUNNER, task, str(figures), str(out)],
                          capture_output=True, text=True, env=dict(os.environ, CI="true"), check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def build_corpus(path: Path, n: int, seed: int = 7) -> int:
    """A JSON-lines corpus of ``n`` recombined articles; returns its size in bytes."""
    titles, paragraphs = sample_paragraphs()
    rng = random.Random(seed)
    start = 0
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            body = rng.sample(paragraphs, k=min(len(paragraphs), rng.randint(8, 16)))
            text = rng.choice(titles) + "\n\n" + "\n\n".join(body) + "\n"
            day = 1 + (start + i) % 28
            record = {"id": f"bench{i:07d}", "text": text, "date": f"2031-03-{day:02d}", "outlet": f"outlet{i % 7}"}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path.stat().st_size


def run_extract(corpus: Path, out: Path, engine: str) -> dict:
    env = dict(os.environ, CI="true")
    proc = subprocess.run([sys.executable, "-c", RUNNER, str(corpus), str(out), engine],
                          capture_output=True, text=True, env=env, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def median_run(runs: list[dict]) -> dict:
    """The run of median duration (the machine is noisy: one run can be 20% off)."""
    return sorted(runs, key=lambda r: r["seconds"])[(len(runs) - 1) // 2]


def hostile_inputs() -> dict[str, str]:
    mb = 1 << 20
    return {
        "digits and commas": ("1,000," * (mb // 6))[:mb],
        "number words": ("one two three " * (mb // 14))[:mb],
        "quote marks": ("\u201c\"\u201d'" * (mb // 4))[:mb],
        "unbalanced quotes in paragraphs": ("\u201cHe said \n" * (mb // 10))[:mb],
        "whitespace": (" \t\u00a0" * (mb // 3))[:mb],
        "huge numbers": ("10^400 1,000,000,000,000,000 " * (mb // 30))[:mb],
        "one long sentence": ("soldiers were killed and " * (mb // 25))[:mb],
    }


def time_hostile() -> list[tuple[str, str, float]]:
    """Seconds per MB of each extraction function on each hostile input."""
    from frontline import dates, numbers
    from frontline.actors import load_actors
    from frontline.clean import clean_article
    from frontline.figures import extract_figures
    from frontline.statements import extract_statements

    actors = load_actors(SAMPLE / "actors.csv")
    import datetime as dt

    published = dt.date(2031, 3, 16)
    functions = {
        "clean_article": lambda t: clean_article(t),
        "find_numbers": numbers.find_numbers,
        "find_time_expressions": lambda t: dates.find_time_expressions(t, published),
        "extract_figures": lambda t: extract_figures(t, actors, published),
        "extract_statements": lambda t: extract_statements(t, actors),
    }
    from frontline import statements

    rows = []
    for label, text in hostile_inputs().items():
        for name, fn in functions.items():
            statements._LAST[0] = None  # no reuse of the previous function's analysis of the same text
            t = time.perf_counter()
            fn(text)
            rows.append((label, name, (time.perf_counter() - t) / (len(text.encode()) / (1 << 20))))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--engines", nargs="+", default=["pandas", "dask"])
    parser.add_argument("--out", type=Path, default=None, help="working folder (default: a temporary one)")
    parser.add_argument("--table-sizes", type=int, nargs="*", default=[1_000_000, 5_000_000],
                        help="figures-table sizes for the claims and charts timings (none: skip)")
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs per engine for the smaller corpora; the median is reported (default 3)")
    parser.add_argument("--repeat-up-to", type=int, default=10_000,
                        help="largest corpus that is run --repeat times (larger ones run once)")
    parser.add_argument("--skip-hostile", action="store_true")
    args = parser.parse_args()

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    work = args.out or Path(tempfile.mkdtemp(prefix="frontline-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    header = ("articles", "engine", "MB", "seconds", "art/s", "MB/s", "peak MB", "figures")
    print(" ".join(f"{h:>{w}}" for h, w in zip(header, (9, 7, 7, 8, 8, 6, 8, 8), strict=True)))
    results: dict[tuple[int, str], dict] = {}
    pairs: dict[int, list[float]] = {}
    for size in args.sizes:
        corpus = work / f"corpus_{size}.jsonl"
        n_bytes = build_corpus(corpus, size)
        repeats = args.repeat if size <= args.repeat_up_to else 1
        runs: dict[str, list[dict]] = {engine: [] for engine in args.engines}
        for _ in range(repeats):  # engines interleaved, so a slow spell of the machine hits both
            for engine in args.engines:
                runs[engine].append(run_extract(corpus, work / f"out_{size}_{engine}", engine))
            if "pandas" in runs and "dask" in runs:
                pairs.setdefault(size, []).append(runs["pandas"][-1]["seconds"] / runs["dask"][-1]["seconds"])
        for engine, engine_runs in runs.items():
            res = results[(size, engine)] = median_run(engine_runs)
            mb = n_bytes / (1 << 20)
            spread = "" if repeats == 1 else (
                f"  (median of {repeats}: {min(r['seconds'] for r in engine_runs):.1f}"
                f"-{max(r['seconds'] for r in engine_runs):.1f} s)")
            print(f"{size:>9} {engine:>7} {mb:>7.1f} {res['seconds']:>8.2f} {size / res['seconds']:>8.0f} "
                  f"{mb / res['seconds']:>6.2f} {res['peak_mb']:>8.0f} {res['counts']['figures']:>8}{spread}")
    for size in args.sizes:
        if (size, "pandas") in results and (size, "dask") in results:
            speedup = results[(size, "pandas")]["seconds"] / results[(size, "dask")]["seconds"]
            ratios = sorted(pairs.get(size, []))
            each = f" (run by run: {', '.join(f'{r:.2f}' for r in ratios)})" if len(ratios) > 1 else ""
            print(f"speed-up of Dask ({os.cpu_count()} workers) over one process at {size}: {speedup:.2f}x{each}")
    runs = [size for size in args.sizes if (size, "pandas") in results]
    if args.table_sizes and runs:
        out = work / f"out_{max(runs)}_pandas"
        print("\nfigures tables repeated from the largest run: claims merge and charts")
        for n_rows in args.table_sizes:
            figures = work / f"figures_{n_rows}.parquet"
            rows = repeated_figures(out / "figures.parquet", figures, n_rows)
            for task in ("claims", "charts"):
                res = run_table_task(task, figures, out)
                print(f"  {rows:>10,} figures  {task:<7} {res['seconds']:>7.1f} s  peak {res['peak_mb']:>6.0f} MB")
    if not args.skip_hostile:
        print("\nhostile text, seconds per MB (linear-time check):")
        for label, name, per_mb in time_hostile():
            print(f"  {label:<32} {name:<22} {per_mb:8.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
