"""The explorer: filters, highlighting, cards, other reports, timeline, static summary, widgets and notebook."""

from __future__ import annotations

import ast
import datetime as dt
import html
import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from matplotlib.figure import Figure

from frontline import explore
from frontline.claims import build_claims
from frontline.explore import Filters
from frontline.vocab import TABLE_COLUMNS

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "00_explore.ipynb"

TEXT_A = (
    "KOSTRIN, March 2 — Shelling killed 3 civilians overnight, the governor said.\n"
    "“We will rebuild,” said Mira Olenska <b>&</b> her aides.\n"
    "About 2,000 troops arrived on Monday."
)
TEXT_B = "Officials said 3 civilians died in Kostrin.\nNo other damage was reported."


def _offsets(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def _frame(table: str, rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows)
    for col in TABLE_COLUMNS[table]:
        if col not in frame.columns:
            frame[col] = None
    return frame[list(TABLE_COLUMNS[table])]


@pytest.fixture
def tables() -> dict[str, pd.DataFrame]:
    """Two articles, four figures (two of them one claim across both articles), three statements."""
    k_a, k_b = _offsets(TEXT_A, "3"), _offsets(TEXT_B, "3")
    t_a = _offsets(TEXT_A, "2,000")
    articles = _frame("articles", [
        {"doc_id": "a", "title": "Shelling <hits> Kostrin", "published": pd.Timestamp("2031-03-02"),
         "outlet": "Ledger", "url": "https://example.org/a", "text": TEXT_A},
        {"doc_id": "b", "title": "Kostrin counts its dead", "published": pd.Timestamp("2031-03-04"),
         "outlet": "", "url": "javascript:alert(1)", "text": TEXT_B},
    ])
    day = pd.Timestamp("2031-03-02")
    figures = _frame("figures", [
        {"doc_id": "a", "figure_id": f"a:{k_a[0]}", "category": "killed", "value": 3, "qualifier": "exact",
         "side": "civilians", "claimed_by": "governor", "period_start": day, "period_end": day,
         "sentence": TEXT_A.splitlines()[0], "start": k_a[0], "end": k_a[1], "number_text": "3"},
        {"doc_id": "a", "figure_id": f"a:{t_a[0]}", "category": "troops", "value": 2000, "qualifier": "approx",
         "side": "varenia", "claimed_by": "article", "period_start": pd.Timestamp("2031-03-01"),
         "period_end": pd.Timestamp("2031-03-01"), "sentence": TEXT_A.splitlines()[2], "start": t_a[0],
         "end": t_a[1], "number_text": "2,000"},
        {"doc_id": "b", "figure_id": f"b:{k_b[0]}", "category": "killed", "value": 3, "qualifier": "exact",
         "side": "civilians", "claimed_by": "Officials", "period_start": day, "period_end": day,
         "sentence": TEXT_B.splitlines()[0], "start": k_b[0], "end": k_b[1], "number_text": "3"},
        {"doc_id": "b", "figure_id": "b:99", "category": "wounded", "value": 5, "qualifier": "exact",
         "side": "civilians", "claimed_by": "", "period_start": pd.NaT, "period_end": pd.NaT,
         "sentence": "Five were hurt.", "start": 99, "end": 100, "number_text": "five"},
    ])
    q = _offsets(TEXT_A, "We will rebuild,")
    statements = _frame("statements", [
        {"doc_id": "a", "statement_id": f"a:{q[0]}", "speaker": "Mira Olenska", "side": "kardonia",
         "quote": "We will rebuild,", "kind": "direct", "cue": "said", "date": day, "start": q[0], "end": q[1]},
        {"doc_id": "a", "statement_id": "a:0", "speaker": "governor", "side": "kardonia",
         "quote": "Shelling killed 3 civilians overnight", "kind": "indirect", "cue": "said", "date": day,
         "start": 19, "end": 56},
        {"doc_id": "b", "statement_id": "b:0", "speaker": "", "side": "unknown", "quote": "3 civilians died",
         "kind": "indirect", "cue": "said", "date": pd.NaT, "start": 15, "end": 31},
    ])
    claims = build_claims(figures)
    return {"articles": articles, "figures": figures, "statements": statements, "claims": claims,
            "lines": _frame("lines", []), "rejected": _frame("rejected", [])}


def _ids(frame: pd.DataFrame, column: str = "figure_id") -> list[str]:
    return sorted(frame[column])


# ============================================================================================ filters


def test_no_filters_keep_everything(tables):
    assert len(explore.filter_figures(tables["figures"], Filters())) == 4
    assert len(explore.filter_statements(tables["statements"], Filters())) == 3


def test_each_control_filters_its_tables(tables):
    figures, statements = tables["figures"], tables["statements"]
    killed = explore.filter_figures(figures, Filters(categories=["killed"]))
    assert set(killed["category"]) == {"killed"} and len(killed) == 2
    assert len(explore.filter_statements(statements, Filters(categories=["killed"]))) == 3  # figures only
    assert set(explore.filter_figures(figures, Filters(sides=["varenia"]))["category"]) == {"troops"}
    assert _ids(explore.filter_statements(statements, Filters(sides=["unknown"])), "statement_id") == ["b:0"]
    assert len(explore.filter_figures(figures, Filters(claimants=("governor",)))) == 1
    assert len(explore.filter_figures(figures, Filters(claimants=("",)))) == 1  # the blank claimant is a choice
    assert list(explore.filter_statements(statements, Filters(speakers=["Mira Olenska"]))["speaker"]) == [
        "Mira Olenska"]
    assert len(explore.filter_figures(figures, Filters(speakers=["Mira Olenska"]))) == 4  # statements only


def test_date_range_is_inclusive_and_drops_undated_rows_only_when_set(tables):
    figures = tables["figures"]
    on_second = explore.filter_figures(figures, Filters(start=dt.date(2031, 3, 2), end="2031-03-02"))
    assert set(on_second["category"]) == {"killed"}
    assert len(explore.filter_figures(figures, Filters(start="2031-03-01"))) == 3  # the undated one left out
    assert len(explore.filter_figures(figures, Filters(end=pd.Timestamp("2031-03-01")))) == 1
    undated = explore.filter_statements(tables["statements"], Filters(start="2031-03-04"))
    assert undated.empty
    dated_by_article = explore.filter_statements(tables["statements"], Filters(start="2031-03-04"),
                                                 tables["articles"])
    assert list(dated_by_article["statement_id"]) == ["b:0"]  # falls back on the publication date


def test_text_search_needs_every_word_case_insensitively(tables):
    figures, statements = tables["figures"], tables["statements"]
    assert _ids(explore.filter_figures(figures, Filters(text="KOSTRIN"))) == sorted(
        [tables["figures"]["figure_id"][0], tables["figures"]["figure_id"][2]])
    assert len(explore.filter_figures(figures, Filters(text="kostrin governor"))) == 1
    assert list(explore.filter_statements(statements, Filters(text="  rebuild  "))["speaker"]) == ["Mira Olenska"]
    assert len(explore.filter_figures(figures, Filters(text="(3"))) == 0  # plain text, not a regex


def test_combined_filters_and_empty_result(tables):
    both = Filters(categories=["killed"], sides=["civilians"], claimants=["Officials"], start="2031-03-02",
                   text="died")
    assert _ids(explore.filter_figures(tables["figures"], both)) == [tables["figures"]["figure_id"][2]]
    none = explore.filter_figures(tables["figures"], Filters(categories=["troops"], sides=["civilians"]))
    assert none.empty and list(none.columns) == list(TABLE_COLUMNS["figures"])
    assert explore.filter_statements(tables["statements"], Filters(text="no such words")).empty


def test_filters_accept_missing_tables_and_columns():
    assert explore.filter_figures(None, Filters(categories=["killed"])).empty
    partial = pd.DataFrame({"category": ["killed", "troops"], "side": ["civilians", None]})
    assert len(explore.filter_figures(partial, Filters(categories=["killed"], text=""))) == 1


def test_filters_normalise_their_values():
    f = Filters(categories=["killed", "killed"], sides="civilians", start="2031-03-02", end="not a date",
                text="  two   words ")
    assert f.categories == ("killed",) and f.sides == ("civilians",)
    assert f.start == dt.date(2031, 3, 2) and f.end is None and f.text == "two words"
    assert f.window == (dt.date(2031, 3, 2), None)
    assert Filters().is_empty() and Filters().window is None
    assert explore.describe(Filters()) == "no filters"
    assert "categories killed" in explore.describe(f) and "dates 2031-03-02 to …" in explore.describe(f)


def test_options_are_sorted_with_counts(tables):
    opts = explore.options(tables)
    assert opts["categories"] == [("troops (1)", "troops"), ("killed (2)", "killed"), ("wounded (1)", "wounded")]
    assert [v for _, v in opts["sides"]] == ["civilians", "kardonia", "unknown", "varenia"]
    assert ("civilians (3)", "civilians") in opts["sides"] and ("kardonia (2)", "kardonia") in opts["sides"]
    assert opts["claimants"][0] == ("(none) (1)", "")
    assert [v for _, v in opts["speakers"]] == ["", "governor", "Mira Olenska"]
    assert explore.date_bounds(tables) == (dt.date(2031, 3, 1), dt.date(2031, 3, 4))
    assert explore.date_bounds({}) == (None, None)


def test_views_are_sorted_and_row_labels_fixed_width(tables):
    view = explore.figure_view(tables["figures"], tables["articles"])
    assert list(view.columns) == list(explore.FIGURE_VIEW_COLUMNS)
    assert list(view["date"]) == ["2031-03-01", "2031-03-02", "2031-03-02", "2031-03-04"]
    labels = explore.row_labels(view, {"date": 10, "value": 6, "sentence": 12})
    assert labels[0].startswith("2031-03-01   2,000  About 2,000…")
    header = explore.row_header({"date": 10, "claimed_by": 12})
    assert header == "date        claimed by"
    assert explore.row_labels(view.iloc[:0], {"date": 10}) == []
    st = explore.statement_view(tables["statements"])
    assert list(st["statement_id"])[-1] == "b:0"  # undated last


# ============================================================================================ highlighting


def _marked(markup: str) -> str:
    return html.unescape(re.search(r"<mark>(.*?)</mark>", markup, re.S).group(1))


def test_highlight_marks_exactly_the_span_in_its_paragraph():
    start, end = _offsets(TEXT_A, "2,000 troops")
    markup = explore.highlight_html(TEXT_A, start, end)
    assert _marked(markup) == TEXT_A[start:end]
    plain = html.unescape(re.sub(r"</?mark>|</?p[^>]*>", "", markup))
    assert plain == TEXT_A.splitlines()[2]
    assert explore.paragraph_of(TEXT_A, start, end) == (TEXT_A.rindex("\n") + 1, len(TEXT_A))


def test_highlight_escapes_any_text():
    start, end = _offsets(TEXT_A, "<b>&</b>")
    markup = explore.highlight_html(TEXT_A, start, end)
    assert "<b>" not in markup and "&lt;b&gt;&amp;&lt;/b&gt;" in markup
    assert _marked(markup) == "<b>&</b>"
    evil = 'x"><script>alert(1)</script>'
    markup = explore.highlight_html(evil, 0, len(evil))
    assert "<script>" not in markup and "&quot;" in markup


def test_highlight_at_paragraph_edges():
    first = TEXT_A.splitlines()[0]
    assert _marked(explore.highlight_html(TEXT_A, 0, 8)) == "KOSTRIN,"  # text start
    markup = explore.highlight_html(TEXT_A, 0, len(first))  # whole first paragraph, up to the newline
    assert _marked(markup) == first and "<br>" not in markup
    second = TEXT_A.index("\n") + 1
    assert explore.paragraph_of(TEXT_A, second, second + 3) == (second, TEXT_A.index("\n", second))
    assert _marked(explore.highlight_html(TEXT_A, len(TEXT_A) - 7, len(TEXT_A))) == "Monday."  # text end
    across = explore.highlight_html(TEXT_A, len(first) - 10, second + 5)  # a span over two paragraphs
    assert "<br>" in across and _marked(across).replace("<br>", "\n") == TEXT_A[len(first) - 10:second + 5]
    assert explore.paragraph_of(TEXT_A, len(first), len(first) + 1) == (0, len(first))  # span = the newline


@pytest.mark.parametrize("start,end", [
    (None, None), (float("nan"), 5), (pd.NA, 3), (-10, 4), (5, 10_000), (40, 10), ("x", 3), (3, 3),
    (10**30, 10**31), (2.0, 6.0),
])
def test_bad_offsets_do_not_raise(start, end):
    markup = explore.highlight_html(TEXT_A, start, end)
    assert markup.startswith('<p class="frontline-paragraph">') and markup.endswith("</p>")
    lo, hi = explore.paragraph_of(TEXT_A, start, end)
    assert 0 <= lo <= hi <= len(TEXT_A)


def test_highlight_of_missing_or_empty_text():
    assert explore.highlight_html(None, 0, 3) == '<p class="frontline-paragraph"></p>'
    assert explore.highlight_html("", 0, 3) == '<p class="frontline-paragraph"></p>'
    assert explore.span_of("abc", 5, -1) == (0, 3)
    assert explore.span_of("abc", None, 1) is None


# ============================================================================================ cards


def test_article_card_shows_title_date_outlet_and_highlight(tables):
    fig = tables["figures"].iloc[0]
    card = explore.article_card(tables, "a", fig["start"], fig["end"])
    assert "Shelling &lt;hits&gt; Kostrin" in card and "2031-03-02 · Ledger · a" in card
    assert _marked(card) == "3" and 'href="https://example.org/a"' in card
    other = explore.article_card(tables, "b", 0, 9)
    assert "outlet unknown" in other and "javascript:" not in other and _marked(other) == "Officials"
    assert "not in the articles table" in explore.article_card(tables, "nope", 0, 1)
    assert "not in the articles table" in explore.article_card({}, "a", 0, 1)


def test_other_reports_come_from_the_claim(tables):
    first, second = tables["figures"]["figure_id"][0], tables["figures"]["figure_id"][2]
    others = explore.other_reports(tables, first)
    assert list(others.columns) == list(explore.OTHER_REPORT_COLUMNS)
    assert list(others["figure_id"]) == [second]
    assert others.iloc[0][["doc_id", "title", "published", "outlet"]].tolist() == [
        "b", "Kostrin counts its dead", "2031-03-04", ""]
    assert list(explore.other_reports(tables, second)["figure_id"]) == [first]
    assert explore.other_reports(tables, tables["figures"]["figure_id"][1]).empty  # a claim of its own
    assert explore.other_reports(tables, "no-such-figure").empty
    assert explore.other_reports({}, first).empty


def test_details_of_a_figure_and_a_statement(tables):
    first = tables["figures"]["figure_id"][0]
    details = explore.figure_details(tables, first)
    assert "killed · 3 · exact · side civilians · claimed by governor" in details
    assert "Other reports" in details and "Kostrin counts its dead" in details
    assert "No other report" in explore.figure_details(tables, tables["figures"]["figure_id"][1])
    st = explore.statement_details(tables, tables["statements"]["statement_id"][0])
    assert "Mira Olenska · side kardonia · direct · 2031-03-02" in st and _marked(st) == "We will rebuild,"
    assert "not in the figures table" in explore.figure_details(tables, "x")
    assert "not in the statements table" in explore.statement_details(tables, "x")


# ============================================================================================ timeline


def test_timeline_figure_on_small_frames(tables):
    fig = explore.timeline_figure(tables["figures"], tables["statements"], Filters(categories=["killed"]),
                                  articles=tables["articles"])
    assert isinstance(fig, Figure) and len(fig.axes) == 2
    assert fig._suptitle.get_text() == "Figures and statements matching the filters, per day"
    assert "categories killed" in fig.frontline_caption
    assert "2 figures and 3 statements" in fig.frontline_caption  # figures filtered, statements not by category
    top_legend = fig.axes[0].get_legend()
    assert [t.get_text() for t in top_legend.get_texts()] == ["killed"]


@pytest.mark.parametrize("kind", ["none", "no-columns", "contract"])
def test_timeline_figure_on_empty_frames(kind, tables):
    frames = {"none": (None, None), "no-columns": (pd.DataFrame(), pd.DataFrame()),
              "contract": (tables["figures"].iloc[:0], tables["statements"].iloc[:0])}
    fig = explore.timeline_figure(*frames[kind])
    assert isinstance(fig, Figure)
    texts = [t.get_text() for ax in fig.axes for t in ax.texts]
    assert "no data in this window" in texts


def test_timeline_with_only_one_panel_filled(tables):
    fig = explore.timeline_figure(tables["figures"], tables["statements"], Filters(speakers=["nobody"]))
    assert "no statements match" in [t.get_text() for t in fig.axes[1].texts]


# ============================================================================================ static summary


def test_static_summary_is_escaped_complete_and_deterministic(tables):
    summary = explore.static_summary(tables)
    assert summary == explore.static_summary(tables)
    for table_id in ("frontline-explore-choices", "frontline-explore-figures", "frontline-explore-statements"):
        assert f'id="{table_id}"' in summary
    assert "Figures (4)" in summary and "Statements (3)" in summary
    assert "Example selection" in summary and "<mark>3</mark>" in summary
    assert "<hits>" not in summary and "&lt;hits&gt;" in summary
    assert "2031-03-01 to 2031-03-04" in summary


def test_static_summary_of_empty_tables():
    summary = explore.static_summary({})
    assert "Figures (0)" in summary and "no dated rows" in summary and "Example selection" not in summary


def test_static_summary_limits_rows(tables):
    summary = explore.static_summary(tables, Filters(categories=["killed"]), rows=1)
    assert "Figures (2)" in summary and "2 rows, the first 1 shown" in summary


def test_static_summary_on_the_sample(sample_out):
    from frontline.pipeline import load_tables

    sample = load_tables(sample_out)
    summary = explore.static_summary(sample)
    assert f"Figures ({len(sample['figures'])})" in summary and "<mark>" in summary
    example = explore.most_reported(sample, sample["figures"])
    claim = explore.claim_of(sample["claims"], example)
    assert claim is not None and claim["n_articles"] == sample["claims"]["n_articles"].max()


# ============================================================================================ widgets


def test_explorer_builds_and_updates_without_a_frontend(tables):
    from frontline.explorer_widgets import HINT, Explorer

    ex = Explorer(tables)
    assert len(ex.figure_list.options) == 4 and len(ex.statement_list.options) == 3
    assert ex.figure_list.value is None and ex.details.value == HINT
    assert bytes(ex.timeline.value).startswith(b"\x89PNG")
    ex.category.value = ("killed",)
    assert len(ex.figures) == 2 and len(ex.figure_list.options) == 2 and len(ex.statement_list.options) == 3
    assert "2 match" in ex.figures_title.value and "categories killed" in ex.status.value
    ex.speaker.value = ("Mira Olenska",)
    assert list(ex.statements["speaker"]) == ["Mira Olenska"]
    ex.text.value = "Officials"
    assert [v for _, v in ex.figure_list.options] == [tables["figures"]["figure_id"][2]]
    assert ex.statement_list.options == ()
    ex.reset.click()
    assert len(ex.figures) == 4 and len(ex.statements) == 3 and ex.filters.is_empty()


def test_explorer_selection_shows_the_article(tables):
    from frontline.explorer_widgets import HINT, Explorer

    ex = Explorer(tables)
    first = tables["figures"]["figure_id"][0]
    ex.select_figure(first)
    assert "<mark>3</mark>" in ex.details.value and "Other reports" in ex.details.value
    ex.start.value = dt.date(2031, 3, 2)  # the selection still matches: kept
    assert ex.figure_list.value == first and "<mark>3</mark>" in ex.details.value
    ex.select_statement(tables["statements"]["statement_id"][0])
    assert ex.figure_list.value is None and "We will rebuild," in _marked(ex.details.value)
    ex.side.value = ("unknown",)  # the selected statement no longer matches: cleared
    assert ex.statement_list.value is None and ex.details.value == HINT


def test_explorer_on_empty_tables():
    from frontline.explorer_widgets import Explorer

    ex = Explorer({})
    assert ex.figure_list.options == () and bytes(ex.timeline.value).startswith(b"\x89PNG")


def test_frontend_detection(monkeypatch):
    import IPython

    from frontline import explorer_widgets

    assert explorer_widgets.has_widget_frontend() is False  # no kernel under pytest

    class Kernel:
        def __init__(self, parent):
            self.parent = parent

        def get_parent(self, channel="shell"):
            return self.parent

    class Shell:
        def __init__(self, parent):
            self.kernel = Kernel(parent)

    monkeypatch.setattr(IPython, "get_ipython", lambda: Shell({"metadata": {"cellId": "abc"}}))
    assert explorer_widgets.has_widget_frontend() is True
    monkeypatch.setattr(IPython, "get_ipython", lambda: Shell({"metadata": {}, "header": {}}))  # papermill, nbval
    assert explorer_widgets.has_widget_frontend() is False


def test_show_explorer_degrades_to_the_static_summary(tables, monkeypatch):
    from frontline import explorer_widgets

    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj, **kw: shown.append(obj))
    assert explorer_widgets.show_explorer(tables) is None
    assert "Explorer (static summary)" in shown[0].data and shown[1].format == "png"
    monkeypatch.setattr(explorer_widgets, "has_widget_frontend", lambda: True)
    shown.clear()
    assert explorer_widgets.show_explorer(tables, interactive=False) is None
    assert "static summary" in shown[0].data
    shown.clear()
    explorer = explorer_widgets.show_explorer(tables)
    assert explorer is not None and shown == [explorer.widget]


# ============================================================================================ notebook


def _code_cells() -> list:
    return [c for c in nbformat.read(str(NOTEBOOK), as_version=4).cells if c.cell_type == "code"]


def test_notebook_parameters_cell():
    first = _code_cells()[0]
    assert "parameters" in first.metadata.get("tags", [])
    values = {}
    for node in ast.parse(first.source).body:
        assert isinstance(node, ast.Assign), ast.unparse(node)
        values[node.targets[0].id] = ast.literal_eval(node.value)
    assert values["out"] == "data/processed/sample" and values["corpus"] == "data/raw/sample"
    assert values["interactive"] is True


def test_notebook_holds_no_logic_and_calls_the_library():
    cells = _code_cells()
    for cell in cells:
        for node in ast.walk(ast.parse(cell.source)):
            assert not isinstance(node, (ast.FunctionDef, ast.ClassDef, ast.For, ast.While, ast.If, ast.Lambda))
    assert "report.open_run(" in cells[1].source
    assert "show_explorer(run.tables, interactive=interactive)" in cells[-1].source


def test_notebook_outputs_are_committed_and_deterministic():
    nb = nbformat.read(str(NOTEBOOK), as_version=4)
    assert "papermill" not in nb.metadata and "widgets" not in nb.metadata
    text = nbformat.writes(nb)
    assert "/work/" not in text and "/tmp/" not in text and "/home/" not in text and " at 0x" not in text
    assert "application/vnd.jupyter.widget-view+json" not in text  # no widget model ids
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    markup = "".join(o.get("data", {}).get("text/html", "") for o in outputs)
    assert "Parameters and provenance" in markup and "Explorer (static summary)" in markup
    assert not [o for o in outputs if o.output_type in ("error", "stream")]
