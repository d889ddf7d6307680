"""The notebook suite as a report: helpers the notebooks call, and ``frontline report``.

Two halves:

* **In a notebook** — :func:`open_run` (resolve the parameters' paths, reuse or run the extraction,
  load the tables), :func:`show_provenance`, :func:`interactive_tables`, :func:`show_table` and
  :func:`show_charts` display what :mod:`frontline.summaries` computes, deterministically (no
  timestamps, no absolute paths, fixed table ids and figure sizes) so committed outputs can be
  checked by nbval.
* **The runner** — :func:`run_report` extracts once, executes every notebook in order with papermill
  (parameters injected, working directory the project root, kernel = this interpreter), exports each
  to a self-contained HTML page (no CDN: a template without require.js/MathJax/Mermaid, itables in
  offline mode) and writes ``index.html``. A failing notebook stops the run; its executed notebook and
  partial HTML are kept and linked as failed.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import datetime as dt
import html
import io
import json
import logging
import os
import re
import sys
import time
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import paths, summaries

TEMPLATES = Path(__file__).with_name("templates")
NOTEBOOK_TEMPLATE = "frontline_notebook.html.j2"
INDEX_TEMPLATE = "index.html.j2"
#: Tag of the cell that loads the itables library: its (large, constant) output is not compared by
#: nbval and is dropped from the committed notebooks.
BUNDLE_TAG = "frontline-tables-library"
#: Most rows an interactive table shows; the rest are counted, not shown.
MAX_ROWS = 2000
FIGURE_SIZE = (10.0, 4.5)
FIGURE_DPI = 100
#: The report's own notebooks (in notebooks/), whose committed outputs ``python -m frontline.report`` refreshes.
SUITE = ("00_explore.ipynb", "01_clean.ipynb", "02_figures.ipynb", "03_statements.ipynb", "04_timelines.ipynb",
         "05_evaluate.ipynb")
#: Parameters every notebook may declare, with the runner's defaults.
COMMON_PARAMETERS = ("corpus", "out", "gold", "window_start", "window_end", "actors", "columns", "engine",
                     "scheduler", "figures_dir", "outlets")


# ============================================================================================ notebooks


@dataclass
class Run:
    """An extraction run as a notebook sees it."""

    corpus: str                     # as shown to readers (relative to the project root)
    out: str
    window: tuple[dt.date, dt.date] | None
    summary: dict
    tables: dict
    corpus_path: Path = field(repr=False, default=Path("."))
    out_path: Path = field(repr=False, default=Path("."))


def extraction_config(window_start: str | None = None, window_end: str | None = None,
                      actors: Sequence[str] = (), columns: Mapping[str, str] | None = None):
    """The :class:`~frontline.pipeline.ExtractConfig` of notebook parameters.

    ``frontline report`` and every notebook build it with this one function, so the notebooks find the
    tables the report extracted (same fingerprint) and do not extract again. ``columns`` names the
    columns of a table corpus (``{"text": "body"}``), as ``--text-col`` does.
    """
    from .ingest import ColumnMap
    from .pipeline import ExtractConfig

    window = summaries.parse_window(window_start, window_end)
    return ExtractConfig(window=window, actor_tables=tuple(str(paths.resolve(a)) for a in actors or ()),
                         columns=ColumnMap(**dict(columns or {})))


def open_run(corpus: str, out: str, *, window_start: str | None = None, window_end: str | None = None,
             actors: Sequence[str] = (), columns: Mapping[str, str] | None = None, engine: str = "pandas",
             scheduler: str | None = None, outlets: Sequence[str] = ()) -> Run:
    """Resolve ``corpus`` and ``out`` from the project root, extract unless the tables are current, load them.

    Log records and warnings of the extraction are kept out of the notebook (rejected inputs are in the
    ``rejected`` table), so a notebook shows the same output whether it extracted or reused the tables.
    """
    from .pipeline import ensure_extracted, load_tables

    corpus_path, out_path = paths.resolve(corpus), paths.resolve(out)
    if not corpus_path.exists():
        raise FileNotFoundError(f"corpus {corpus!r} not found (relative paths are taken from the project root, "
                                "the folder holding pyproject.toml)")
    config = extraction_config(window_start, window_end, actors, columns)
    with _quiet():
        summary = ensure_extracted(corpus_path, out_path, config, engine=engine, scheduler=scheduler,
                                   progress=_live_notebook())
    tables = summaries.filter_outlets(load_tables(out_path), outlets)
    return Run(corpus=paths.display(corpus_path), out=paths.display(out_path), window=config.window,
               summary=summary, tables=tables, corpus_path=corpus_path, out_path=out_path)


def _live_notebook() -> bool:
    """A progress bar only for a person at a notebook (JupyterLab): papermill and nbval runs stay
    deterministic, with no bar in the committed outputs."""
    from .explorer_widgets import has_widget_frontend

    return has_widget_frontend()


@contextlib.contextmanager
def _quiet():
    logger = logging.getLogger("frontline")
    handler = logging.NullHandler()
    old_propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.removeHandler(handler)
        logger.propagate = old_propagate


def provenance_html(rows: Iterable[tuple[str, str]], title: str = "Parameters and provenance") -> str:
    body = "".join(f"<tr><th>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>" for k, v in rows)
    return f'<div class="frontline-box"><h4>{html.escape(title)}</h4><table>{body}</table></div>'


def show_provenance(run: Run, **extra: Any) -> None:
    """Display the parameters-and-provenance box (corpus, window, version, counts, extra parameters)."""
    rows = summaries.provenance(run.summary, corpus=run.corpus, out=run.out, window=run.window, extra=extra)
    _display_html(_BOX_STYLE + provenance_html(rows))


_BOX_STYLE = (
    "<style>.frontline-box{border:1px solid #90a4ae;border-radius:4px;background:#f5f7f8;padding:8px 14px;"
    "margin:8px 0;font-size:13px}.frontline-box h4{margin:2px 0 6px 0}"
    ".frontline-box table{margin:0!important}.frontline-box tr{background:none!important}"
    ".frontline-box th,.frontline-box td{text-align:left!important;padding:1px 14px 1px 0!important;"
    "vertical-align:top}.frontline-note{color:#455a64;font-style:italic}</style>"
)
#: Tables: text left, numbers right, long text wrapped in a readable width (JupyterLab's CSS right-aligns
#: every cell of an output table).
_TABLE_STYLE = (
    "<style>.jp-RenderedHTMLCommon table.dataTable td,.jp-RenderedHTMLCommon table.dataTable th"
    "{text-align:left;vertical-align:top;white-space:nowrap}"
    ".jp-RenderedHTMLCommon table.dataTable td.dt-type-numeric,"
    ".jp-RenderedHTMLCommon table.dataTable th.dt-type-numeric{text-align:right}"
    ".jp-RenderedHTMLCommon table.dataTable td.frontline-long{white-space:normal;min-width:22em;max-width:44em}"
    "</style>"
)
LONG_TEXT = 40  # a column with values longer than this many characters is wrapped
ONE_PAGE = 25  # tables of at most this many rows are shown whole, without paging


def setup_notebook() -> None:
    """Deterministic display settings: Agg backend, fixed figure size and DPI, SVG ids without randomness."""
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams.update({
        "figure.figsize": FIGURE_SIZE, "figure.dpi": FIGURE_DPI, "savefig.dpi": FIGURE_DPI,
        "svg.hashsalt": "frontline", "svg.fonttype": "path",
    })
    import pandas as pd

    pd.set_option("display.max_columns", 50)
    pd.set_option("display.width", 160)


def interactive_tables() -> None:
    """Load the interactive-table library into the page, offline: its JavaScript and CSS are inlined in
    this cell's output, so the exported HTML needs neither a kernel nor the network."""
    import itables

    setup_notebook()
    itables.init_notebook_mode(all_interactive=False, connected=False)
    _display_html(_TABLE_STYLE)


def table_html(frame, name: str, *, limit: int = MAX_ROWS, caption: str | None = None) -> str:
    """An interactive (searchable, sortable) table of at most ``limit`` rows, with a stable id."""
    import itables

    shown, cut = summaries.bounded(frame, limit)
    table_id = "frontline-" + re.sub(r"[^A-Za-z0-9_-]+", "-", name).strip("-")
    long = _long_text_columns(shown)
    options = {"table_id": table_id, "maxBytes": 0, "display_logo_when_loading": False,
               "showIndex": False, "classes": "display compact", "scrollX": True}
    if len(shown) <= ONE_PAGE:
        options["paging"] = False
    else:
        options.update(pageLength=10, lengthMenu=[10, 25, 50, 100])
    if long:
        options["columnDefs"] = [{"targets": long, "className": "frontline-long"}]
    out = itables.to_html_datatable(shown, caption=caption, **options)
    note = f"{len(frame)} rows" if not cut else f"{len(frame)} rows: the first {len(shown)} are shown, {cut} cut"
    return out + f'<p class="frontline-note">{html.escape(note)}.</p>'


def _long_text_columns(frame) -> list[int]:
    """Positions of the text columns holding values longer than LONG_TEXT (wrapped, not cut)."""
    import pandas as pd

    found = []
    for i, col in enumerate(frame.columns):
        values = frame[col]
        if len(values) and (values.dtype == object or pd.api.types.is_string_dtype(values)):
            if values.astype(str).str.len().max() > LONG_TEXT:
                found.append(i)
    return found


def show_table(frame, name: str, *, limit: int = MAX_ROWS, caption: str | None = None) -> None:
    """Display :func:`table_html` (``name`` must be unique in the notebook)."""
    _display_html(table_html(frame, name, limit=limit, caption=caption))


def _display_html(markup: str) -> None:
    from IPython.display import HTML, display

    display(HTML(markup))


def figure_png(fig) -> bytes:
    """The figure as PNG bytes without metadata (deterministic for the same drawing)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=FIGURE_DPI, metadata={"Software": None})
    return buf.getvalue()


@dataclass
class Chart:
    name: str
    caption: str
    files: list[str]
    png: bytes = field(repr=False, default=b"")


def draw_charts(tables: Mapping[str, Any], figures_dir: Path | str, *, window=None) -> list[Chart]:
    """Draw every chart of ``frontline.charts.CHARTS`` and save each as PNG and SVG in ``figures_dir``."""
    from . import charts as chart_module

    out_dir = paths.resolve(figures_dir)
    drawn = []
    for name, fig in chart_module.draw_all(tables, window=window).items():
        files = chart_module.save_figure(fig, out_dir, name)
        caption = str(getattr(fig, "frontline_caption", "") or "")
        drawn.append(Chart(name=name, caption=caption, files=[paths.display(f) for f in files],
                           png=figure_png(fig)))
    return drawn


def show_charts(tables: Mapping[str, Any], figures_dir: Path | str, *, window=None) -> list[Chart]:
    """Draw, save and display every chart with its caption and the files written."""
    from IPython.display import Image, display

    drawn = draw_charts(tables, figures_dir, window=window)
    for chart in drawn:
        _display_html(f"<h3>{html.escape(chart.name.replace('_', ' '))}</h3>")
        display(Image(data=chart.png, format="png", metadata={"alt": chart.caption or chart.name}))
        files = ", ".join(chart.files)
        _display_html(f'<p class="frontline-caption">{html.escape(chart.caption)}</p>'
                      f'<p class="frontline-note">Saved as {html.escape(files)}.</p>')
    return drawn


def evaluate_run(run: Run, gold: str | None):
    """Scores and error tables of the run's tables against ``gold`` (None or a missing folder: no scores)."""
    from .evaluate import Evaluation, evaluate

    if not gold or not paths.resolve(gold).is_dir():
        _display_html(f'<p class="frontline-note">No gold folder ({html.escape(str(gold))}): nothing to score.</p>')
        return Evaluation()
    with _quiet():
        return evaluate(run.out_path, paths.resolve(gold))


def show_error_tables(evaluation, figures) -> None:
    """Each error table under a heading that says what its rows mean, figure errors with a likely cause."""
    errors = summaries.explain_figure_errors(summaries.sorted_errors(evaluation.errors), figures)
    for name in [*summaries.ERROR_EXPLANATIONS, *sorted(set(errors) - set(summaries.ERROR_EXPLANATIONS))]:
        if name not in errors:
            continue
        explanation = summaries.ERROR_EXPLANATIONS.get(name, "")
        _display_html(f"<h3>{html.escape(name.replace('_', ' '))}</h3>"
                      f'<p class="frontline-note">{html.escape(explanation)}.</p>')
        show_table(errors[name], f"errors-{name}")


# ============================================================================================ the runner


@dataclass
class NotebookRun:
    name: str                       # file name, e.g. "02_figures.ipynb"
    title: str = ""
    status: str = "not run"         # "ok", "failed" or "not run"
    ipynb: Path | None = None
    html: Path | None = None
    seconds: float | None = None
    error: str = ""


@dataclass
class ReportResult:
    reports_dir: Path
    notebooks: list[NotebookRun]
    provenance: list[tuple[str, str]]
    index: Path | None = None
    message: str = ""
    name: str = ""
    warnings: list[str] = field(default_factory=list)
    skipped: bool = False           # a sweep run kept from the previous sweep (--only-failed)

    @property
    def ok(self) -> bool:
        return all(nb.status == "ok" for nb in self.notebooks) and not self.message

    @property
    def status(self) -> str:
        return "ok" if self.ok else "failed"


class ReportError(RuntimeError):
    """A report could not start (bad parameters, missing notebooks)."""


def _kernel_manager_class(log_path: Path | None = None):
    """A kernel manager that always starts this interpreter's ipykernel.

    No kernelspec has to be installed (a fresh ``pip install -e .`` works) and a ``python3`` kernelspec
    of another environment in the user's Jupyter folders cannot be picked up by mistake. The kernel's
    own log (its stderr: start-up notices, crashes) goes to ``log_path`` when given.
    """
    from jupyter_client.kernelspec import KernelSpec
    from jupyter_client.manager import AsyncKernelManager

    class CurrentEnvKernelManager(AsyncKernelManager):
        @property
        def kernel_spec(self):
            if self._kernel_spec is None:
                self._kernel_spec = KernelSpec(
                    argv=[sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                    display_name="Python 3 (frontline)", language="python", resource_dir=str(TEMPLATES),
                    metadata={},
                )
            return self._kernel_spec

        async def _async_launch_kernel(self, kernel_cmd, **kw):
            if log_path is None:
                return await super()._async_launch_kernel(kernel_cmd, **kw)
            with open(log_path, "ab") as handle:
                kw["stderr"] = handle
                return await super()._async_launch_kernel(kernel_cmd, **kw)

    return CurrentEnvKernelManager


def find_notebooks(notebooks_dir: Path | str) -> list[Path]:
    folder = paths.resolve(notebooks_dir)
    found = sorted(p for p in folder.glob("*.ipynb") if not p.name.startswith("."))
    if not found:
        raise ReportError(f"no notebooks in {paths.display(folder)}")
    return found


def declared_parameters(notebook: Path) -> dict[str, str]:
    """Names and default values (as source text) of a notebook's ``parameters`` cell."""
    import papermill

    with _papermill_quiet():
        return {name: p["default"] for name, p in papermill.inspect_notebook(str(notebook)).items()}


@contextlib.contextmanager
def _papermill_quiet():
    logger = logging.getLogger("papermill")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def notebook_title(nb) -> str:
    """The first markdown heading of a notebook."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return ""


def validate_parameters(notebooks: Sequence[Path], parameters: Mapping[str, Any]) -> list[str]:
    """Every problem with ``parameters`` at once (unknown names, bad dates, unknown categories or sides)."""
    problems = []
    declared: set[str] = set()
    for nb in notebooks:
        declared |= set(declared_parameters(nb))
    for name in sorted(set(parameters) - declared - set(COMMON_PARAMETERS)):
        problems.append(f"unknown parameter {name!r}: the notebooks declare {sorted(declared)}")
    try:
        summaries.parse_window(parameters.get("window_start"), parameters.get("window_end"))
    except ValueError as exc:
        problems.append(str(exc))
    from .vocab import CATEGORIES

    for key in ("categories", "sides", "actors", "outlets"):
        value = parameters.get(key)
        if value is not None and not isinstance(value, (list, tuple)):
            problems.append(f"{key} must be a list, got {value!r}")
    unknown = sorted(set(parameters.get("categories") or ()) - set(CATEGORIES))
    if isinstance(parameters.get("categories"), (list, tuple)) and unknown:
        problems.append(f"unknown categories {unknown}: use {list(CATEGORIES)}")
    for key in ("corpus", "gold"):
        value = parameters.get(key)
        if value and not paths.resolve(value).exists():
            problems.append(f"{key} {value!r} does not exist")
    engine = parameters.get("engine")
    if engine is not None and engine not in ("pandas", "dask"):
        problems.append(f"engine must be 'pandas' or 'dask', got {engine!r}")
    return problems


def _failure_message(name: str, exc: Exception, executed, source) -> tuple[str, str]:
    """"notebook X failed in cell N ("first line"): Error: value" and the short form for the index."""
    from papermill.exceptions import PapermillExecutionError
    from papermill.execute import remove_error_markers

    if executed is not None:  # papermill inserted two marker cells; cell_index counts without them
        executed = remove_error_markers(copy.deepcopy(executed))
    if not isinstance(exc, PapermillExecutionError):
        text = f"{type(exc).__name__}: {exc}".strip()
        return f"notebook {name} failed: {text}", text
    index = exc.cell_index
    cell_id = None
    if executed is not None and 0 <= index < len(executed.cells):
        cell_id = executed.cells[index].get("id")
    original = None
    if source is not None and cell_id:
        original = next((i for i, c in enumerate(source.cells) if c.get("id") == cell_id), None)
    if original is None and executed is not None:
        injected = [i for i, c in enumerate(executed.cells[:index])
                    if "injected-parameters" in c.get("metadata", {}).get("tags", [])]
        original = index - len(injected)
    first = next((ln for ln in (exc.source or "").splitlines() if ln.strip()), "")
    evalue = (exc.evalue or "").strip().splitlines()
    short = f"{exc.ename}: {evalue[0]}" if evalue else exc.ename
    where = f"cell {original}" + (f" (execution count {exc.exec_count})" if exc.exec_count else "")
    return f'notebook {name} failed in {where}: "{first.strip()}": {short}', f'{where}: "{first.strip()}": {short}'


def execute_notebook(source: Path, output: Path, parameters: Mapping[str, Any], *, cwd: Path,
                     timeout: int | None = 1800, kernel_log: Path | None = None) -> None:
    """Run one notebook with papermill in this interpreter's kernel (raises on a failing cell)."""
    import papermill

    with _papermill_quiet():
        papermill.execute_notebook(
            str(source), str(output), parameters=dict(parameters), kernel_name="python3", language="python",
            cwd=str(cwd), progress_bar=False, log_output=False, start_timeout=120, execution_timeout=timeout,
            kernel_manager_class=_kernel_manager_class(kernel_log),
        )


_EXTERNAL = re.compile(
    r"<(script|link|img|iframe|source|embed|audio|video)\b[^>]*?\b(?:src|href)\s*=\s*[\"']?\s*(?:https?:)?//[^>]*>"
    r"(?:\s*</\1>)?",
    re.IGNORECASE,
)


def external_resources(markup: str) -> list[str]:
    """Tags whose src/href would fetch from the network (script, link, img, iframe, media)."""
    from html.parser import HTMLParser

    found: list[str] = []

    class _Finder(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag not in ("script", "link", "img", "iframe", "source", "embed", "audio", "video", "object"):
                return
            for key, value in attrs:
                if key in ("src", "href", "data") and value and re.match(r"\s*(?:https?:)?//", value, re.I):
                    found.append(f"<{tag} {key}={value}>")

    _Finder(convert_charrefs=True).feed(markup)
    return found


def strip_external_resources(markup: str) -> tuple[str, list[str]]:
    """Remove tags that would load from the network; returns the page and what was removed."""
    removed = external_resources(markup)
    return (_EXTERNAL.sub("", markup) if removed else markup), removed


def export_html(ipynb: Path, html_path: Path, *, show_code: bool = False, status: str = "ok") -> list[str]:
    """Export an executed notebook to one self-contained HTML page; returns what had to be stripped."""
    import nbformat
    from nbconvert import HTMLExporter

    nb = nbformat.read(str(ipynb), as_version=4)
    title = notebook_title(nb) or ipynb.stem
    nb.metadata["title"] = title
    if not show_code:  # the failing cell's code is shown even when code is hidden
        for i in reversed(range(len(nb.cells))):
            cell = nb.cells[i]
            if cell.cell_type == "code" and any(o.output_type == "error" for o in cell.get("outputs", [])):
                fence = "~~~~" if "```" in cell.source else "```"
                nb.cells.insert(i, nbformat.v4.new_markdown_cell(
                    f"**The cell that failed:**\n\n{fence}python\n{cell.source}\n{fence}"))
    exporter = HTMLExporter(template_name="lab", extra_template_paths=[str(TEMPLATES)],
                            exclude_input=not show_code, exclude_input_prompt=not show_code,
                            exclude_output_prompt=True)
    exporter.template_file = NOTEBOOK_TEMPLATE
    body, _ = exporter.from_notebook_node(nb, resources={"frontline_status": status,
                                                         "metadata": {"name": title}})
    body, removed = strip_external_resources(body)
    html_path.write_text(body, encoding="utf-8")
    return removed


def write_index(reports_dir: Path, results: Sequence[ReportResult]) -> Path:
    """``index.html`` linking every notebook page of every run, with each run's provenance box."""
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                             keep_trailing_newline=True)
    runs = []
    for result in results:
        notebooks = []
        for nb in result.notebooks:
            notebooks.append({
                "name": Path(nb.name).stem, "title": nb.title, "status": nb.status, "error": nb.error,
                "seconds": nb.seconds,
                "html": _relative(nb.html, reports_dir) if nb.html and nb.html.exists() else None,
                "ipynb": _relative(nb.ipynb, reports_dir) if nb.ipynb and nb.ipynb.exists() else None,
            })
        runs.append({"name": result.name, "status": result.status, "provenance": result.provenance,
                     "notebooks": notebooks, "message": result.message})
    page = env.get_template(INDEX_TEMPLATE).render(runs=runs, title=results[0].name if len(results) == 1 else "")
    index = reports_dir / "index.html"
    index.write_text(page, encoding="utf-8")
    return index


def _relative(path: Path, base: Path) -> str:
    return path.resolve().relative_to(base.resolve()).as_posix()


def run_report(
    corpus: str | Path,
    out: str | Path,
    reports_dir: str | Path,
    *,
    notebooks_dir: str | Path = "notebooks",
    gold: str | Path | None = None,
    show_code: bool = False,
    parameters: Mapping[str, Any] | None = None,
    engine: str = "pandas",
    scheduler: str | None = None,
    name: str = "",
    write_index_page: bool = True,
) -> ReportResult:
    """Extract once, execute every notebook of ``notebooks_dir`` in name order, export HTML, write the index.

    Paths are relative to the project root (absolute ones are used as they are). ``parameters``
    override the notebooks' defaults (``window_start``, ``categories``, ...); each notebook receives
    only the parameters its ``parameters`` cell declares. The run stops at the first failing notebook;
    ``result.message`` then names the notebook, the cell and the error.
    """
    root = paths.project_root()
    reports = paths.resolve(reports_dir)
    reports.mkdir(parents=True, exist_ok=True)
    notebooks = find_notebooks(notebooks_dir)
    if gold is None:
        default_gold = Path(corpus) / "gold"
        gold = default_gold if paths.resolve(default_gold).is_dir() else None
    params: dict[str, Any] = {
        "corpus": str(corpus), "out": str(out), "gold": None if gold is None else str(gold),
        "engine": engine, "scheduler": scheduler, "figures_dir": str(reports / "figures"),
    }
    params.update(parameters or {})
    problems = validate_parameters(notebooks, params)
    if problems:
        raise ReportError("bad parameters:\n  " + "\n  ".join(problems))

    (reports / "kernel.log").write_bytes(b"")
    runs = [NotebookRun(name=nb.name) for nb in notebooks]
    result = ReportResult(reports_dir=reports, notebooks=runs, provenance=[], name=name)
    try:
        config = extraction_config(params.get("window_start"), params.get("window_end"),
                                   params.get("actors") or (), params.get("columns"))
        from .pipeline import ensure_extracted

        with _quiet():
            summary = ensure_extracted(paths.resolve(params["corpus"]), paths.resolve(params["out"]), config,
                                       engine=params["engine"], scheduler=params["scheduler"], progress=False)
    except Exception as exc:  # noqa: BLE001 - reported like a failing notebook
        result.message = f"extraction failed: {type(exc).__name__}: {exc}"
        result.provenance = [("corpus", paths.display(paths.resolve(params["corpus"])))]
        if write_index_page:
            result.index = write_index(reports, [result])
        return result
    shown_keys = sorted(set(params) - {"corpus", "out", "figures_dir", "engine", "window_start", "window_end"})
    extra = {k: params[k] for k in shown_keys if params[k] not in (None, [], (), {})}
    if extra.get("gold"):
        extra["gold"] = paths.display(paths.resolve(extra["gold"]))
    result.provenance = summaries.provenance(
        summary, corpus=paths.display(paths.resolve(params["corpus"])),
        out=paths.display(paths.resolve(params["out"])), window=config.window, extra=extra)

    import nbformat

    for source, nb_run in zip(notebooks, runs, strict=True):
        declared = declared_parameters(source)
        injected = {k: v for k, v in params.items() if k in declared}
        ipynb = reports / source.name
        html_path = reports / f"{source.stem}.html"
        source_nb = nbformat.read(str(source), as_version=4)
        nb_run.title = notebook_title(source_nb)
        nb_run.ipynb = ipynb
        started = time.perf_counter()
        failure: Exception | None = None
        try:
            execute_notebook(source, ipynb, injected, cwd=root, kernel_log=reports / "kernel.log")
        except Exception as exc:  # noqa: BLE001 - any failure is reported with the notebook's name
            failure = exc
        nb_run.seconds = round(time.perf_counter() - started, 2)
        nb_run.status = "failed" if failure else "ok"
        executed = nbformat.read(str(ipynb), as_version=4) if ipynb.exists() else None
        if failure is not None:
            result.message, nb_run.error = _failure_message(source.name, failure, executed, source_nb)
        if executed is not None:
            try:
                removed = export_html(ipynb, html_path, show_code=show_code, status=nb_run.status)
            except Exception as exc:  # noqa: BLE001 - a broken export must not hide the run's status
                nb_run.status = "failed"
                nb_run.error = (nb_run.error + "; " if nb_run.error else "") + f"HTML export failed: {exc}"
                result.message = result.message or f"notebook {source.name}: HTML export failed: {exc}"
            else:
                nb_run.html = html_path
                result.warnings += [f"{source.name}: removed network resource {r}" for r in removed]
        if failure is not None or nb_run.status == "failed":
            break
    if write_index_page:
        result.index = write_index(reports, [result])
    return result


# ============================================================================================ command line


def parameters_from_args(args: argparse.Namespace) -> dict[str, Any]:
    """Notebook parameters from ``frontline report`` options (window, actor tables, corpus columns)."""
    params: dict[str, Any] = {}
    if getattr(args, "period_start", None):
        params["window_start"] = args.period_start.isoformat()
    if getattr(args, "period_end", None):
        params["window_end"] = args.period_end.isoformat()
    if getattr(args, "actors", None):
        params["actors"] = list(args.actors)
    columns = {col: getattr(args, f"{col}_col") for col in ("id", "text", "title", "date", "url", "outlet")
               if getattr(args, f"{col}_col", col) != col}
    if columns:
        params["columns"] = columns
    return params


def main(args: argparse.Namespace) -> int:
    """``frontline report``: 0 when every notebook ran, 1 when one failed, 2 for bad options.

    With ``--engine dask`` and no ``--scheduler``, one local cluster serves the extraction and every
    notebook (and every run of a sweep), instead of one per notebook.
    """
    from .scale import shared_cluster

    with shared_cluster(args.engine, args.scheduler) as address:
        args.scheduler = address
        return _main(args)


def _main(args: argparse.Namespace) -> int:
    if getattr(args, "params", None):
        return _main_sweep(args)
    if getattr(args, "only_failed", False):
        print("frontline report: --only-failed reruns the failed runs of a sweep: give --params too.",
              file=sys.stderr)
        return 2
    try:
        result = run_report(
            args.corpus, args.out, args.reports, gold=args.gold, show_code=args.show_code,
            parameters=parameters_from_args(args), engine=args.engine, scheduler=args.scheduler,
        )
    except ReportError as exc:
        print(f"frontline report: {exc}", file=sys.stderr)
        return 2
    _print_result(result)
    index = _shown(result.index) if result.index else ""
    if not result.ok:
        print(f"frontline report: {result.message}", file=sys.stderr)
        print(f"partial report: {index}", file=sys.stderr)
        return 1
    print(f"report: {index}")
    return 0


def _print_result(result: ReportResult, prefix: str = "") -> None:
    for warning in result.warnings:
        print(f"warning: {prefix}{warning}", file=sys.stderr)
    for nb in result.notebooks:
        took = f" ({nb.seconds:.1f} s)" if nb.seconds is not None else ""
        print(f"{nb.status:>8}  {prefix}{nb.name}{took}")


def _main_sweep(args: argparse.Namespace) -> int:
    base = {"corpus": args.corpus, "out": args.out, "gold": args.gold, "engine": args.engine,
            "scheduler": args.scheduler, **parameters_from_args(args)}
    try:
        results = run_sweep(args.params, args.reports, base=base, jobs=args.jobs, only_failed=args.only_failed,
                            show_code=args.show_code)
    except ReportError as exc:
        print(f"frontline report: {exc}", file=sys.stderr)
        return 2
    failed = [r for r in results if not r.ok]
    for result in results:
        if result.skipped:
            print(f"    kept  {result.name}/ (ok in the previous sweep)")
            continue
        _print_result(result, prefix=f"{result.name}/")
    for result in failed:
        print(f"frontline report: run {result.name!r}: {result.message}", file=sys.stderr)
    index = _shown(paths.resolve(args.reports) / "index.html")
    print(f"report: {index} ({len(results) - len(failed)} of {len(results)} runs ok)")
    return 1 if failed else 0


# ============================================================================================ sweeps

SWEEP_STATE = "sweep.json"
_RUN_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


@dataclass
class SweepRun:
    """One run of a sweep: a name (its folder under the reports folder) and its parameters."""

    name: str
    parameters: dict[str, Any]


def load_sweep(path: str | Path, base: Mapping[str, Any] | None = None,
               notebooks_dir: str | Path = "notebooks") -> list[SweepRun]:
    """Read and check a sweep file; every problem of every run is reported at once (ReportError).

    The file is YAML: a list of runs, or ``{runs: [...]}``; each run is a mapping with a ``name`` and
    the parameters it overrides (``window_start``, ``categories``, ``corpus``...). Dates may be written
    as YAML dates or strings.
    """
    import yaml

    file = paths.resolve(path)
    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ReportError(f"cannot read the sweep file {path}: {exc.strerror or exc}") from exc
    except yaml.YAMLError as exc:
        raise ReportError(f"{path} is not valid YAML: {exc}") from exc
    if isinstance(data, dict) and set(data) == {"runs"}:
        data = data["runs"]
    if not isinstance(data, list) or not data:
        raise ReportError(f"{path}: expected a list of runs (each a mapping with a name), or {{runs: [...]}}")
    notebooks = find_notebooks(notebooks_dir)
    problems: list[str] = []
    runs: list[SweepRun] = []
    seen: set[str] = set()
    for i, entry in enumerate(data, start=1):
        where = f"run {i}"
        if not isinstance(entry, dict):
            problems.append(f"{where}: expected a mapping of parameters, got {entry!r}")
            continue
        name = entry.get("name")
        if not isinstance(name, str) or not _RUN_NAME.match(name):
            problems.append(f"{where}: needs a name of letters, digits, '.', '_' or '-' (got {name!r})")
            name = f"#{i}"
        elif name in seen:
            problems.append(f"{where}: the name {name!r} is used twice")
        else:
            where = f"run {name!r}"
        seen.add(name)
        params = {k: _plain_parameter(v) for k, v in entry.items() if k != "name"}
        merged = {**(base or {}), **params}
        problems += [f"{where}: {p}" for p in validate_parameters(notebooks, merged)]
        runs.append(SweepRun(name=name, parameters=params))
    if problems:
        raise ReportError(f"{path}: {len(problems)} problem(s), no run started:\n  " + "\n  ".join(problems))
    return runs


def _plain_parameter(value: Any) -> Any:
    """YAML values as notebook literals (dates become ISO strings)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_plain_parameter(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain_parameter(v) for k, v in value.items()}
    return value


def _run_kwargs(run: SweepRun, base: Mapping[str, Any], reports: Path, notebooks_dir, show_code: bool) -> dict:
    """run_report's arguments for one run; runs with the same corpus and configuration share one table folder."""
    from .pipeline import corpus_fingerprint

    params = {**base, **run.parameters}
    corpus = params.pop("corpus")
    gold = params.pop("gold", None)
    engine = params.pop("engine", "pandas") or "pandas"
    scheduler = params.pop("scheduler", None)
    out = run.parameters.get("out")
    params.pop("out", None)
    if out is None:
        config = extraction_config(params.get("window_start"), params.get("window_end"), params.get("actors") or (),
                                   params.get("columns"))
        base_config = extraction_config(base.get("window_start"), base.get("window_end"), base.get("actors") or (),
                                        base.get("columns"))
        same = paths.resolve(corpus) == paths.resolve(base["corpus"]) and config == base_config
        out = base["out"] if same else str(reports / "_tables" / corpus_fingerprint(paths.resolve(corpus), config))
    return {"corpus": corpus, "out": out, "reports_dir": str(reports / run.name),
            "notebooks_dir": str(paths.resolve(notebooks_dir)), "gold": gold, "show_code": show_code,
            "parameters": params, "engine": engine, "scheduler": scheduler, "name": run.name}


def _run_one(kwargs: dict) -> ReportResult:
    """One run of a sweep (in a worker process); an unexpected error becomes a failed result."""
    try:
        return run_report(**kwargs)
    except Exception as exc:  # noqa: BLE001 - one failing run must not stop the others
        return ReportResult(reports_dir=paths.resolve(kwargs["reports_dir"]), notebooks=[], provenance=[],
                            name=kwargs["name"], message=f"{type(exc).__name__}: {exc}")


def run_sweep(
    params_file: str | Path,
    reports_dir: str | Path,
    *,
    base: Mapping[str, Any],
    jobs: int = 1,
    only_failed: bool = False,
    notebooks_dir: str | Path = "notebooks",
    show_code: bool = False,
) -> list[ReportResult]:
    """Run every run of a sweep file into ``reports_dir/<name>/`` and write an index across runs.

    All runs are checked before any starts. Tables are extracted once per corpus and configuration, then
    up to ``jobs`` runs execute in parallel (separate processes); a failing run does not stop the others.
    ``only_failed`` reruns only the runs that did not succeed in the previous sweep (``sweep.json``).
    """
    from .pipeline import ensure_extracted

    if jobs < 1:
        raise ReportError(f"--jobs must be at least 1, got {jobs}")
    reports = paths.resolve(reports_dir)
    base = {"gold": None, "engine": "pandas", "scheduler": None, **base}
    runs = load_sweep(params_file, base, notebooks_dir)
    previous = _read_sweep_state(reports) if only_failed else {}
    if only_failed and not previous:
        raise ReportError(f"--only-failed: no previous sweep in {paths.display(reports)} ({SWEEP_STATE} missing)")
    todo = [r for r in runs if not (only_failed and previous.get(r.name, {}).get("status") == "ok"
                                    and previous[r.name].get("parameters") == r.parameters)]
    reports.mkdir(parents=True, exist_ok=True)
    kwargs = {r.name: _run_kwargs(r, base, reports, notebooks_dir, show_code) for r in todo}
    failed_extraction: dict[str, str] = {}
    done_outs: dict[str, str] = {}
    for name, kw in kwargs.items():  # shared extraction, once per table folder, before runs start
        params = kw["parameters"]
        key = str(paths.resolve(kw["out"]))
        if key not in done_outs:
            try:
                with _quiet():
                    ensure_extracted(paths.resolve(kw["corpus"]), paths.resolve(kw["out"]),
                                     extraction_config(params.get("window_start"), params.get("window_end"),
                                                       params.get("actors") or (), params.get("columns")),
                                     engine=kw["engine"], scheduler=kw["scheduler"], progress=False)
                done_outs[key] = ""
            except Exception as exc:  # noqa: BLE001 - reported as this run's failure
                done_outs[key] = f"extraction failed: {type(exc).__name__}: {exc}"
        if done_outs[key]:
            failed_extraction[name] = done_outs[key]
    results: dict[str, ReportResult] = {}
    for name, message in failed_extraction.items():
        results[name] = ReportResult(reports_dir=reports / name, notebooks=[], provenance=[], name=name,
                                     message=message)
    pending = [kw for name, kw in kwargs.items() if name not in failed_extraction]
    if jobs == 1 or len(pending) <= 1:
        for kw in pending:
            results[kw["name"]] = _run_one(kw)
    else:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
            for result in pool.map(_run_one, pending):
                results[result.name] = result
    ordered = []
    for run in runs:
        if run.name in results:
            ordered.append(results[run.name])
        else:
            kept = _result_from_state(previous[run.name], reports)
            kept.skipped = True
            ordered.append(kept)
    _write_sweep_state(reports, runs, ordered)
    write_index(reports, ordered)
    return ordered


def _read_sweep_state(reports: Path) -> dict[str, dict]:
    file = reports / SWEEP_STATE
    if not file.is_file():
        return {}
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return {}
    return {r["name"]: r for r in data.get("runs", []) if isinstance(r, dict) and "name" in r}


def _write_sweep_state(reports: Path, runs: Sequence[SweepRun], results: Sequence[ReportResult]) -> None:
    entries = []
    for run, result in zip(runs, results, strict=True):
        entries.append({
            "name": run.name, "parameters": run.parameters, "status": result.status, "message": result.message,
            "provenance": [list(row) for row in result.provenance],
            "notebooks": [{"name": nb.name, "title": nb.title, "status": nb.status, "seconds": nb.seconds,
                           "error": nb.error,
                           "ipynb": _relative(nb.ipynb, reports) if nb.ipynb else None,
                           "html": _relative(nb.html, reports) if nb.html else None}
                          for nb in result.notebooks],
        })
    (reports / SWEEP_STATE).write_text(json.dumps({"runs": entries}, indent=2) + "\n", encoding="utf-8")


def _result_from_state(entry: Mapping[str, Any], reports: Path) -> ReportResult:
    notebooks = [NotebookRun(name=nb["name"], title=nb.get("title", ""), status=nb.get("status", "not run"),
                             ipynb=reports / nb["ipynb"] if nb.get("ipynb") else None,
                             html=reports / nb["html"] if nb.get("html") else None,
                             seconds=nb.get("seconds"), error=nb.get("error", ""))
                 for nb in entry.get("notebooks", [])]
    return ReportResult(reports_dir=reports / entry["name"], notebooks=notebooks,
                        provenance=[tuple(row) for row in entry.get("provenance", [])], name=entry["name"],
                        message=entry.get("message", ""))


def _shown(path: Path) -> str:
    """A path for the terminal: relative to the project root when inside it."""
    try:
        return path.resolve().relative_to(paths.project_root()).as_posix()
    except ValueError:
        return str(path)


# ============================================================================================ maintenance


def freeze_notebooks(notebooks: Sequence[str | Path] | None = None) -> list[Path]:
    """Execute notebooks with their default parameters and store the outputs in them (default: SUITE).

    The outputs are what nbval checks: papermill's timing metadata is dropped, and the constant output of
    the cell that loads the table library (tagged ``frontline-tables-library``) is not stored.
    """
    import nbformat

    written = []
    root = paths.project_root()
    sources = [paths.resolve(n) for n in notebooks] if notebooks else [paths.resolve("notebooks") / n for n in SUITE]
    for source in sources:
        target = source.with_suffix(".tmp.ipynb")
        try:
            execute_notebook(source, target, {}, cwd=root, kernel_log=Path(os.devnull))
            nb = nbformat.read(str(target), as_version=4)
        finally:
            target.unlink(missing_ok=True)
        nb.metadata.pop("papermill", None)
        for cell in nb.cells:
            cell.metadata.pop("papermill", None)
            cell.metadata.pop("execution", None)
            if BUNDLE_TAG in cell.metadata.get("tags", []):
                cell.outputs = []
        nbformat.write(nb, str(source))
        written.append(source)
    return written


if __name__ == "__main__":  # python -m frontline.report [NOTEBOOK ...]: refresh committed notebooks' outputs
    for path in freeze_notebooks(sys.argv[1:]):
        print(f"outputs stored in {paths.display(path)}")
