"""The ``frontline`` command: extract, report, evaluate, manifest."""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys

from .paths import resolve

DEFAULT_CORPUS = "data/raw/sample"
DEFAULT_OUT = "data/processed/sample"
EXIT_SOME_REJECTED = 3  # the run finished, but some inputs could not be read (listed in rejected.csv)


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from exc


def _add_corpus_options(p: argparse.ArgumentParser, *, required: bool) -> None:
    p.add_argument("--corpus", required=required, default=None if required else DEFAULT_CORPUS,
                   help="folder of .txt files (with optional manifest.csv) or a .jsonl/.csv/.parquet file")
    p.add_argument("--period-start", type=_date, help="earliest plausible publication date (bounds inference)")
    p.add_argument("--period-end", type=_date, help="latest plausible publication date")
    p.add_argument("--actors", action="append", default=[], help="extra actor table CSV (alias,name,side,kind)")
    for col in ("id", "text", "title", "date", "url", "outlet"):
        p.add_argument(f"--{col}-col", default=col, help=f"column holding the article {col} (table corpora)")


def _config(args: argparse.Namespace):
    from .ingest import ColumnMap
    from .pipeline import ExtractConfig

    window = None
    if args.period_start or args.period_end:
        window = (args.period_start or dt.date(1900, 1, 1), args.period_end or dt.date(2999, 12, 31))
    columns = ColumnMap(id=args.id_col, text=args.text_col, title=args.title_col, date=args.date_col,
                        url=args.url_col, outlet=args.outlet_col)
    return ExtractConfig(window=window, columns=columns, actor_tables=tuple(args.actors))


def input_problems(args: argparse.Namespace) -> list[str]:
    """Every wrong option value, found before any work starts."""
    problems = []
    if getattr(args, "corpus", None) and not resolve(args.corpus).exists():
        problems.append(f"corpus {args.corpus!r} does not exist (relative paths start at the project root)")
    if getattr(args, "gold", None) and args.command == "evaluate" and not resolve(args.gold).is_dir():
        problems.append(f"gold folder {args.gold!r} does not exist")
    if args.period_start and args.period_end and args.period_start > args.period_end:
        problems.append(f"--period-start {args.period_start} is after --period-end {args.period_end}")
    for table in args.actors:
        if not resolve(table).is_file():
            problems.append(f"actor table {table!r} does not exist")
    return problems


def cmd_extract(args: argparse.Namespace) -> int:
    from .pipeline import extract

    summary = extract(resolve(args.corpus), resolve(args.out), _config(args), engine=args.engine,
                      scheduler=args.scheduler)
    counts = summary["counts"]
    print(f"{counts['articles']} articles, {counts['rejected']} rejected, {counts['figures']} figures, "
          f"{counts['statements']} statements, {counts['claims']} claims -> {args.out}")
    for warning in summary["warnings"]:
        print(f"warning: {warning}", file=sys.stderr)
    if counts["rejected"]:
        print(f"{counts['rejected']} inputs rejected: see rejected.csv and run.log in {args.out}", file=sys.stderr)
        return EXIT_SOME_REJECTED
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from .report import main as report_main

    return report_main(args)


def cmd_evaluate(args: argparse.Namespace) -> int:
    from .evaluate import evaluate, format_scores, write_evaluation
    from .pipeline import extract

    out = resolve(args.out)
    if not args.no_extract:
        extract(resolve(args.corpus), out, _config(args), engine=args.engine, scheduler=args.scheduler,
                progress=False)
    result = evaluate(out, resolve(args.gold))
    path = write_evaluation(result, out)
    print(format_scores(result.scores))
    print(f"scores and error tables written to {path.parent}")
    if args.floors:
        from .evaluate import check_floors, load_floors

        floors = load_floors(resolve(args.floors)).get(args.floors_key, {})
        problems = check_floors(result.scores, floors)
        for problem in problems:
            print(f"BELOW FLOOR: {problem}", file=sys.stderr)
        if problems:
            return 1
    return 0


def cmd_manifest(args: argparse.Namespace) -> int:
    from .manifest import write_manifest_template

    path = write_manifest_template(resolve(args.corpus), resolve(args.output) if args.output else None,
                                   _config(args))
    print(f"manifest template written to {path}: check the inferred dates, then save it as manifest.csv")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="frontline", description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true", help="log every rejected input and warning")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="read a corpus and write the tables")
    _add_corpus_options(p, required=True)
    p.add_argument("--out", required=True, help="output folder for the tables")
    p.add_argument("--engine", choices=("pandas", "dask"), default="pandas")
    p.add_argument("--scheduler", help="address of an existing Dask scheduler (with --engine dask)")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("report", help="run the notebooks with papermill and export HTML")
    _add_corpus_options(p, required=False)
    p.add_argument("--out", default=DEFAULT_OUT, help="output folder for the tables")
    p.add_argument("--reports", default="reports", help="folder for executed notebooks and HTML")
    p.add_argument("--gold", default=None, help="gold folder for the evaluation notebook")
    p.add_argument("--show-code", action="store_true", help="keep code cells in the HTML")
    p.add_argument("--params", help="YAML file of parameter sets (a sweep)")
    p.add_argument("--jobs", type=int, default=1, help="runs of a sweep in parallel")
    p.add_argument("--only-failed", action="store_true", help="rerun only the failed runs of a sweep")
    p.add_argument("--engine", choices=("pandas", "dask"), default="pandas")
    p.add_argument("--scheduler", help="address of an existing Dask scheduler")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("evaluate", help="score extraction against gold annotations")
    _add_corpus_options(p, required=True)
    p.add_argument("--gold", required=True, help="gold folder (articles/lines/figures/quotes.csv)")
    p.add_argument("--out", default="data/processed/evaluation", help="where tables and scores are written")
    p.add_argument("--no-extract", action="store_true", help="score the tables already in --out")
    p.add_argument("--floors", help="JSON of score floors; exit 1 when a score is below its floor")
    p.add_argument("--floors-key", default="sample", help="which set of floors in the file")
    p.add_argument("--engine", choices=("pandas", "dask"), default="pandas")
    p.add_argument("--scheduler")
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("manifest", help="write a manifest template with inferred dates to review")
    _add_corpus_options(p, required=True)
    p.add_argument("--output", help="where to write it (default: manifest.template.csv in the corpus)")
    p.set_defaults(func=cmd_manifest)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.ERROR,
                        format="%(levelname)s %(name)s: %(message)s")
    if args.command != "report":  # the report validates its own parameters, sweeps included
        problems = input_problems(args)
        if problems:
            for problem in problems:
                print(f"frontline {args.command}: {problem}", file=sys.stderr)
            return 2
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
