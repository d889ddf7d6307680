"""The explorer's ipywidgets UI: controls wired to :mod:`frontline.explore`, and nothing else.

Every number, row, card and chart the widgets show is computed by ``frontline.explore``; this module
only builds the widgets, reads their values into a :class:`~frontline.explore.Filters` and puts the
results back. :func:`show_explorer` is what ``notebooks/00_explore.ipynb`` calls: the live explorer when a
notebook frontend runs the cell, else (papermill, nbconvert, nbval) the static summary.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

import pandas as pd

from . import explore

#: Most rows a list shows (the status line says how many match).
MAX_ROWS = 500
_STYLE = (
    "<style>.frontline-rows select{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;"
    "font-size:12px}.frontline-head{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;"
    "font-size:12px;white-space:pre;color:#37474f;font-weight:bold;overflow:hidden}</style>"
)
HINT = '<p class="frontline-note">Select a figure or a statement to read it in its article.</p>'


def has_widget_frontend() -> bool:
    """True when the running cell was sent by a notebook frontend that renders widgets.

    JupyterLab, Notebook 7 and VS Code send the cell's id with each execute request; papermill,
    nbconvert and nbval (jupyter_client) send none, and plain Python has no kernel at all.
    """
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    kernel = getattr(get_ipython(), "kernel", None)
    if kernel is None:
        return False
    try:
        parent = kernel.get_parent("shell") or {}
    except Exception:  # noqa: BLE001 - any kernel without parent tracking counts as no frontend
        return False
    return bool((parent.get("metadata") or {}).get("cellId"))


class Explorer:
    """Filter controls over a figures list, a statements list, the article of the selection and the
    timeline, all updated together. ``widget`` is the whole UI; it also displays as itself."""

    def __init__(self, tables: Mapping[str, pd.DataFrame], *, max_rows: int = MAX_ROWS) -> None:
        import ipywidgets as w

        self.tables = tables
        self.max_rows = max_rows
        self.articles = tables.get("articles")
        self.figures = pd.DataFrame()
        self.statements = pd.DataFrame()
        choices = explore.options(tables)
        first, last = explore.date_bounds(tables)
        wide = w.Layout(width="calc(100% - 6px)")  # room for the widgets' own margins

        def multi(key: str, rows: int = 6) -> w.SelectMultiple:
            return w.SelectMultiple(options=choices[key], value=(), rows=rows, layout=wide)

        self.category, self.side = multi("categories"), multi("sides")
        self.claimant, self.speaker = multi("claimants"), multi("speakers")
        self.span = f"{first} to {last}" if first and last else "none"
        self.start = w.DatePicker(description="From", value=None, layout=w.Layout(width="210px"))
        self.end = w.DatePicker(description="To", value=None, layout=w.Layout(width="210px"))
        self.text = w.Text(description="Search", placeholder="words in sentences, quotes, speakers, claimants",
                           continuous_update=False, layout=w.Layout(width="420px"))
        self.reset = w.Button(description="Reset filters", icon="undo", layout=w.Layout(width="150px"))
        self.status = w.HTML()
        self.figure_list = w.Select(options=[], value=None, rows=9, layout=wide)
        self.statement_list = w.Select(options=[], value=None, rows=7, layout=wide)
        self.figure_list.add_class("frontline-rows")
        self.statement_list.add_class("frontline-rows")
        self.figures_title, self.statements_title = w.HTML(), w.HTML()
        self.details = w.HTML(value=HINT, layout=w.Layout(width="calc(100% - 6px)"))
        self.timeline = w.Image(format="png", layout=w.Layout(width="100%", max_width="1000px", height="auto",
                                                               object_fit="contain"))
        self.controls = (self.category, self.side, self.claimant, self.speaker, self.start, self.end, self.text)
        self._busy = False  # True while the explorer itself sets a list's value
        self._resetting = False  # True while the reset button clears the controls (one refresh, at the end)

        def column(label: str, control) -> w.VBox:
            return w.VBox([w.HTML(f"<b>{html.escape(label)}</b>"), control], layout=w.Layout(width="25%"))

        self.widget = w.VBox([
            w.HTML(explore.STYLE + _STYLE),
            w.HBox([column("Category", self.category), column("Side", self.side),
                    column("Claimant (claimed by)", self.claimant), column("Speaker", self.speaker)]),
            w.HBox([self.start, self.end, self.text, self.reset]),
            self.status,
            self.figures_title,
            w.HTML(f'<div class="frontline-head">{html.escape(explore.row_header(explore.FIGURE_ROW_WIDTHS))}</div>'),
            self.figure_list,
            self.statements_title,
            w.HTML(f'<div class="frontline-head">{html.escape(explore.row_header(explore.STATEMENT_ROW_WIDTHS))}'
                   "</div>"),
            self.statement_list,
            self.details,
            self.timeline,
        ], layout=w.Layout(width="100%", max_width="100%", overflow="hidden"))
        for control in self.controls:
            control.observe(self._on_filters, names="value")
        self.reset.on_click(self._on_reset)
        self.figure_list.observe(self._on_figure, names="value")
        self.statement_list.observe(self._on_statement, names="value")
        self.refresh()

    # ---------------------------------------------------------------------------------- state

    @property
    def filters(self) -> explore.Filters:
        """The controls' values as filters."""
        return explore.Filters(categories=self.category.value, sides=self.side.value,
                               claimants=self.claimant.value, speakers=self.speaker.value,
                               start=self.start.value, end=self.end.value, text=self.text.value)

    def refresh(self) -> None:
        """Filter both tables, refill both lists (keeping a selection that still matches), redraw the timeline."""
        from .report import figure_png

        filters = self.filters
        self.figures = explore.filter_figures(self.tables.get("figures"), filters, self.articles)
        self.statements = explore.filter_statements(self.tables.get("statements"), filters, self.articles)
        fig_view = explore.figure_view(self.figures, self.articles).head(self.max_rows)
        st_view = explore.statement_view(self.statements, self.articles).head(self.max_rows)
        self._fill(self.figure_list, fig_view, explore.FIGURE_ROW_WIDTHS, "figure_id")
        self._fill(self.statement_list, st_view, explore.STATEMENT_ROW_WIDTHS, "statement_id")
        self.figures_title.value = _title("Figures", len(self.figures), len(fig_view))
        self.statements_title.value = _title("Statements", len(self.statements), len(st_view))
        self.status.value = (f'<p class="frontline-meta">Filters: {html.escape(explore.describe(filters))} '
                             f"(dates in the tables: {html.escape(self.span)}).</p>")
        if self.figure_list.value is None and self.statement_list.value is None:
            self.details.value = HINT
        self.timeline.value = figure_png(explore.timeline_figure(self.figures, self.statements, filters,
                                                                 articles=self.articles))

    def _fill(self, select, view: pd.DataFrame, widths: Mapping[str, int], id_column: str) -> None:
        kept = select.value
        ids = list(view[id_column])
        self._busy = True
        try:
            select.index = None  # a None index keeps ipywidgets from selecting the first new option
            select.options = list(zip(explore.row_labels(view, widths), ids, strict=True))
            select.value = kept if kept in ids else None
        finally:
            self._busy = False

    def select_figure(self, figure_id: str | None) -> None:
        """Show a figure's article and the other reports of its claim (None clears the selection)."""
        self.figure_list.value = figure_id

    def select_statement(self, statement_id: str | None) -> None:
        """Show a statement's article (None clears the selection)."""
        self.statement_list.value = statement_id

    # ---------------------------------------------------------------------------------- events

    def _on_filters(self, change) -> None:
        if not self._resetting:
            self.refresh()

    def _on_reset(self, button=None) -> None:
        self._resetting = True
        try:
            for control in (self.category, self.side, self.claimant, self.speaker):
                control.value = ()
            self.start.value = self.end.value = None
            self.text.value = ""
        finally:
            self._resetting = False
        self.refresh()

    def _on_figure(self, change) -> None:
        if self._busy:
            return
        if change.new is not None:
            self._clear(self.statement_list)
            self.details.value = explore.figure_details(self.tables, change.new)
        elif self.statement_list.value is None:
            self.details.value = HINT

    def _on_statement(self, change) -> None:
        if self._busy:
            return
        if change.new is not None:
            self._clear(self.figure_list)
            self.details.value = explore.statement_details(self.tables, change.new)
        elif self.figure_list.value is None:
            self.details.value = HINT

    def _clear(self, select) -> None:
        self._busy = True
        try:
            select.value = None
        finally:
            self._busy = False

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)


def _title(name: str, n: int, shown: int) -> str:
    cut = f", the first {shown} shown" if shown < n else ""
    return f"<b>{html.escape(name)}</b> <span class=\"frontline-note\">({n} match{cut})</span>"


def show_explorer(tables: Mapping[str, pd.DataFrame], *, interactive: bool = True) -> Explorer | None:
    """Display the live explorer when ``interactive`` and a widget frontend runs the cell; otherwise the
    static summary and the timeline (deterministic output). Returns the explorer, or None."""
    from IPython.display import HTML, Image, display

    from .report import figure_png

    if interactive and has_widget_frontend():
        explorer = Explorer(tables)
        display(explorer.widget)
        return explorer
    display(HTML(explore.static_summary(tables)))
    png = figure_png(explore.timeline_figure(tables.get("figures"), tables.get("statements"),
                                             articles=tables.get("articles")))
    display(Image(data=png, format="png", metadata={"alt": "figures and statements per day"}))
    return None
