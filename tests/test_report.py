"""The HTML report: self-contained pages (no network), the index, and failing notebooks."""

from __future__ import annotations

import argparse
import base64
import functools
import re
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from frontline import report
from frontline.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "raw" / "sample"
NOTEBOOKS = ROOT / "notebooks"
SUITE = report.SUITE

# A 1x1 transparent PNG.
PIXEL = base64.b64encode(
    bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478"
                  "9c63000100000500010d0a2db40000000049454e44ae426082")
).decode()
NETWORK_TAG = re.compile(r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*[\"']?\s*(?:https?:)?//",
                         re.IGNORECASE)


def tiny_notebook(*sources: str, title: str = "Tiny") -> nbformat.NotebookNode:
    nb = new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    cells = [new_markdown_cell(f"# {title}\n\nA formula $x^2$ that needs a math renderer.",
                               id="title"),
             new_code_cell("corpus = 'data/raw/sample'\nout = 'data/processed/sample'", id="parameters",
                           metadata={"tags": ["parameters"]})]
    cells += [new_code_cell(src, id=f"cell{i}") for i, src in enumerate(sources)]
    nb.cells = cells
    return nb


# ---------------------------------------------------------------------------------------------- fast


def test_export_html_has_no_network_resources(tmp_path):
    nb = tiny_notebook("print('hello')")
    nb.cells[-1].outputs = [
        new_output("display_data", data={"image/png": PIXEL, "text/plain": "<Figure>"}),
        new_output("display_data", data={"text/html": '<script src="https://cdn.example.org/x.js"></script>'
                                                      '<b>kept</b>'}),
    ]
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    ipynb = tmp_path / "tiny.ipynb"
    nbformat.write(nb, str(ipynb))
    page = tmp_path / "tiny.html"
    removed = report.export_html(ipynb, page)
    markup = page.read_text(encoding="utf-8")
    assert report.external_resources(markup) == []
    assert not NETWORK_TAG.search(markup)
    assert removed == ["<script src=https://cdn.example.org/x.js>"]
    assert "require.js" not in markup and "mathjax" not in markup.lower() and "mermaid" not in markup.lower()
    assert re.search(r'<img [^>]*src="data:image/png;base64,', markup)
    assert "<b>kept</b>" in markup
    assert "print(&#39;hello&#39;)" not in markup and "print('hello')" not in markup  # code hidden
    assert 'href="index.html"' in markup
    report.export_html(ipynb, page, show_code=True)
    assert "hello" in page.read_text(encoding="utf-8")


def test_external_resources_finds_fetching_tags_only():
    markup = ('<a href="https://example.org">a link is fine</a><img src="data:image/png;base64,AA">'
              '<link rel="stylesheet" href="//fonts.example.org/x.css"><script src="http://x.org/y.js"></script>'
              '<script>var u = "https://not-fetched.example.org";</script>')
    found = report.external_resources(markup)
    assert found == ["<link href=//fonts.example.org/x.css>", "<script src=http://x.org/y.js>"]
    stripped, removed = report.strip_external_resources(markup)
    assert removed == found and report.external_resources(stripped) == []
    assert "a link is fine" in stripped and "not-fetched" in stripped


def test_write_index_links_every_notebook(tmp_path):
    (tmp_path / "01_a.html").write_text("a")
    (tmp_path / "01_a.ipynb").write_text("{}")
    result = report.ReportResult(
        reports_dir=tmp_path, provenance=[("corpus", "data/raw/sample"), ("window", "none")],
        notebooks=[
            report.NotebookRun("01_a.ipynb", "A", "ok", tmp_path / "01_a.ipynb", tmp_path / "01_a.html", 1.0),
            report.NotebookRun("02_b.ipynb", "B <b>", "not run"),
        ])
    index = report.write_index(tmp_path, [result])
    page = index.read_text(encoding="utf-8")
    assert 'href="01_a.html"' in page and 'href="01_a.ipynb"' in page
    assert "02_b" in page and "not run" in page and "B &lt;b&gt;" in page
    assert "data/raw/sample" in page
    assert report.external_resources(page) == []


def test_failure_message_names_the_source_cell():
    from papermill.exceptions import PapermillExecutionError

    source = tiny_notebook("x = 1", "raise ValueError('boom')\n# second line")
    executed = tiny_notebook("x = 1", "raise ValueError('boom')\n# second line")
    executed.cells.insert(2, new_code_cell("corpus = '/abs'", metadata={"tags": ["injected-parameters"]}))
    error = PapermillExecutionError(4, 3, executed.cells[4].source, "ValueError", "boom", [])
    for at in (4, 0):  # the marker cells papermill adds to a failed notebook before writing it
        executed.cells.insert(at, new_markdown_cell("error", metadata={"tags": ["papermill-error-cell-tag"]}))
    message, short = report._failure_message("tiny.ipynb", error, executed, source)
    assert message == 'notebook tiny.ipynb failed in cell 3 (execution count 3): "raise ValueError(\'boom\')": ' \
                      "ValueError: boom"
    assert short.startswith("cell 3")


def test_validate_parameters_lists_every_problem(tmp_path):
    nb_path = tmp_path / "01_x.ipynb"
    nbformat.write(tiny_notebook("pass"), str(nb_path))
    problems = report.validate_parameters([nb_path], {
        "window_start": "yesterday", "categories": ["tanks"], "colour": "red", "corpus": str(tmp_path / "nope"),
        "engine": "spark"})
    text = "\n".join(problems)
    assert len(problems) == 6  # categories is also unknown to this notebook
    for word in ("window_start", "tanks", "colour", "nope", "spark"):
        assert word in text


def test_kernel_manager_runs_this_interpreter():
    manager = report._kernel_manager_class()(kernel_name="python3")
    assert manager.kernel_spec.argv[0] == sys.executable
    assert manager.kernel_spec.argv[1:3] == ["-m", "ipykernel_launcher"]


def sweep_notebooks(folder: Path) -> Path:
    """Two tiny notebooks; the first fails when its parameter ``fail`` is true."""
    folder.mkdir()
    first = tiny_notebook("assert not fail, 'asked to fail'", title="First")
    first.cells[1].source += "\nfail = False\nwindow_start = None\nwindow_end = None"
    nbformat.write(first, str(folder / "01_first.ipynb"))
    nbformat.write(tiny_notebook("x = 1", title="Second"), str(folder / "02_second.ipynb"))
    return folder


def test_sweep_file_problems_are_all_listed_before_any_run(tmp_path, capsys):
    notebooks = sweep_notebooks(tmp_path / "notebooks")
    sweep = tmp_path / "runs.yaml"
    sweep.write_text("- name: a\n- name: a\n  colour: red\n- window_start: yesterday\n"
                     "- name: 'b c'\n  fail: true\n", encoding="utf-8")
    with pytest.raises(report.ReportError) as caught:
        report.load_sweep(sweep, {"corpus": str(SAMPLE)}, notebooks)
    text = str(caught.value)
    for expected in ("used twice", "'colour'", "yesterday", "'b c'", "run 3: needs a name", "no run started"):
        assert expected in text
    sweep.write_text("runs: [{name: fine, window_start: 2031-03-01, fail: true}]\n", encoding="utf-8")
    runs = report.load_sweep(sweep, {"corpus": str(SAMPLE)}, notebooks)
    assert runs == [report.SweepRun("fine", {"window_start": "2031-03-01", "fail": True})]
    args = build_parser().parse_args(["report", "--params", str(tmp_path / "missing.yaml"), "--reports",
                                      str(tmp_path / "r")])
    assert report.main(args) == 2
    assert "cannot read the sweep file" in capsys.readouterr().err


def test_only_failed_needs_params(capsys):
    assert report.main(build_parser().parse_args(["report", "--only-failed"])) == 2
    assert "--params" in capsys.readouterr().err


def test_parameters_from_cli_options():
    args = build_parser().parse_args(["report", "--period-start", "2031-03-01", "--actors", "x.csv",
                                      "--text-col", "body"])
    assert report.parameters_from_args(args) == {
        "window_start": "2031-03-01", "actors": ["x.csv"], "columns": {"text": "body"}}


# ---------------------------------------------------------------------------------------------- slow


@pytest.mark.slow
def test_report_runs_every_notebook(sample_report):
    assert sample_report.ok, sample_report.message
    names = [nb.name for nb in sample_report.notebooks]
    assert names == sorted(p.name for p in NOTEBOOKS.glob("*.ipynb"))
    assert set(SUITE) <= set(names)
    assert all(nb.status == "ok" and nb.html and nb.html.exists() for nb in sample_report.notebooks)


@pytest.mark.slow
def test_index_links_all_notebooks(sample_report):
    page = sample_report.index.read_text(encoding="utf-8")
    for nb in sample_report.notebooks:
        assert f'href="{nb.html.name}"' in page
        assert f'href="{nb.ipynb.name}"' in page
    assert "data/raw/sample" in page and "frontline version" in page
    assert page.count('class="status-ok"') == len(sample_report.notebooks)


@pytest.mark.slow
def test_html_pages_are_self_contained(sample_report):
    for nb in sample_report.notebooks:
        markup = nb.html.read_text(encoding="utf-8")
        assert report.external_resources(markup) == [], nb.name
        assert not NETWORK_TAG.search(markup), nb.name
        assert "open_run(" not in markup, f"{nb.name}: code shown though hidden by default"
        if nb.name in SUITE and nb.name != "00_explore.ipynb":  # the explorer's static summary has no itables
            assert "_itables_" in markup and "injectModule" in markup, f"{nb.name}: table library not inlined"


@pytest.mark.slow
def test_html_contains_the_charts_and_tables(sample_report):
    from frontline.charts import CHARTS

    pages = {nb.html.stem: nb.html.read_text(encoding="utf-8") for nb in sample_report.notebooks}
    timelines = pages["04_timelines"]
    assert len(re.findall(r'<img [^>]*src="data:image/png;base64,', timelines)) >= len(CHARTS)
    for table_id in ("claims", "disagreements"):
        assert f'id="frontline-{table_id}"' in timelines
    expected = {
        "01_clean": ("removed-per-article", "removal-reasons", "removed-lines", "rejected", "titles", "date-sources"),
        "02_figures": ("category-counts", "hard-figures", "figures"),
        "03_statements": ("per-speaker", "per-side", "quotes-to-check", "quotes"),
        "05_evaluate": ("scores", "category-scores", "error-overview", "errors-figures_missed"),
    }
    for page, ids in expected.items():
        for table_id in ids:
            assert f'id="frontline-{table_id}"' in pages[page], f"{page}: no table {table_id}"
    assert "Parameters and provenance" in pages["01_clean"]
    figures = sample_report.reports_dir / "figures"
    for name in CHARTS:
        assert (figures / f"{name}.png").is_file() and (figures / f"{name}.svg").is_file()


@pytest.mark.slow
def test_failing_notebook_stops_the_run_and_keeps_its_html(tmp_path, sample_out, monkeypatch, capsys):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    nbformat.write(tiny_notebook("x = 1", "y = 2\nraise RuntimeError('deliberate failure')", title="Fails"),
                   str(notebooks / "01_fails.ipynb"))
    nbformat.write(tiny_notebook("z = 3", title="After"), str(notebooks / "02_after.ipynb"))
    reports = tmp_path / "reports"
    monkeypatch.setattr(report, "run_report", functools.partial(report.run_report, notebooks_dir=notebooks))
    args: argparse.Namespace = build_parser().parse_args(
        ["report", "--corpus", str(SAMPLE), "--out", str(sample_out), "--reports", str(reports)])
    code = report.main(args)
    err = capsys.readouterr().err
    assert code == 1
    assert "01_fails.ipynb" in err and "cell 3" in err and "y = 2" in err
    assert "RuntimeError: deliberate failure" in err
    page = (reports / "01_fails.html").read_text(encoding="utf-8")
    assert "deliberate failure" in page and "This notebook failed" in page
    assert "The cell that failed" in page and re.search(r"raise\W.{0,80}RuntimeError", page)  # code hidden otherwise
    assert not (reports / "02_after.html").exists()
    index = (reports / "index.html").read_text(encoding="utf-8")
    assert 'href="01_fails.html"' in index and "failed" in index and "not run" in index
    assert "deliberate failure" in index


@pytest.mark.slow
def test_show_code_keeps_the_code(sample_report, tmp_path):
    executed = next(nb.ipynb for nb in sample_report.notebooks if nb.name == "02_figures.ipynb")
    page = tmp_path / "02.html"
    report.export_html(Path(executed), page, show_code=True)
    markup = page.read_text(encoding="utf-8")
    assert "open_run" in markup and "hard_figures" in markup
    assert report.external_resources(markup) == []


@pytest.mark.slow
def test_sweep_keeps_going_after_a_failure_and_reruns_only_failed(tmp_path, sample_out):
    notebooks = sweep_notebooks(tmp_path / "notebooks")
    sweep = tmp_path / "runs.yaml"
    sweep.write_text("- name: good\n- name: broken\n  fail: true\n- name: early\n  window_end: 2031-03-10\n",
                     encoding="utf-8")
    reports = tmp_path / "reports"
    base = {"corpus": str(SAMPLE), "out": str(sample_out)}
    results = report.run_sweep(sweep, reports, base=base, jobs=2, notebooks_dir=notebooks)
    status = {r.name: r.status for r in results}
    assert status == {"good": "ok", "broken": "failed", "early": "ok"}
    broken = next(r for r in results if r.name == "broken")
    assert "01_first.ipynb" in broken.message and "asked to fail" in broken.message
    assert (reports / "broken" / "01_first.html").is_file() and not (reports / "broken" / "02_second.html").exists()
    assert (reports / "_tables").is_dir()  # "early" has its own window, so its own extraction
    index = (reports / "index.html").read_text(encoding="utf-8")
    for name in ("good", "broken", "early"):
        assert f'href="{name}/01_first.html"' in index
    good_page = reports / "good" / "01_first.html"
    stamp = good_page.stat().st_mtime_ns

    sweep.write_text("- name: good\n- name: broken\n- name: early\n  window_end: 2031-03-10\n", encoding="utf-8")
    again = report.run_sweep(sweep, reports, base=base, only_failed=True, notebooks_dir=notebooks)
    assert {r.name: (r.status, r.skipped) for r in again} == {
        "good": ("ok", True), "broken": ("ok", False), "early": ("ok", True)}
    assert good_page.stat().st_mtime_ns == stamp
    index = (reports / "index.html").read_text(encoding="utf-8")
    assert 'href="broken/02_second.html"' in index and 'href="good/01_first.html"' in index


def test_notebook_runs_show_progress_only_to_a_person(monkeypatch):
    """open_run asks for a progress bar only when a live frontend sent the cell (never under papermill/nbval)."""
    import frontline.explorer_widgets as widgets

    assert report._live_notebook() is False  # pytest: no kernel at all
    monkeypatch.setattr(widgets, "has_widget_frontend", lambda: True)
    assert report._live_notebook() is True
