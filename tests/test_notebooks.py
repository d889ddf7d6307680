"""The notebook suite: thin notebooks with plain-literal parameters, executed by papermill on the sample."""

from __future__ import annotations

import ast
from pathlib import Path

import nbformat
import pytest

from frontline import report

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"

EXPECTED = report.SUITE


def load(name: str) -> nbformat.NotebookNode:
    return nbformat.read(str(NOTEBOOKS / name), as_version=4)


def test_the_five_notebooks_exist():
    assert set(EXPECTED) <= {p.name for p in NOTEBOOKS.glob("*.ipynb")}


@pytest.mark.parametrize("name", EXPECTED)
def test_parameters_cell_holds_plain_literals(name):
    nb = load(name)
    code = [c for c in nb.cells if c.cell_type == "code"]
    first = code[0]
    assert "parameters" in first.metadata.get("tags", []), "first code cell must be tagged parameters"
    tree = ast.parse(first.source)
    names = set()
    for node in tree.body:
        assert isinstance(node, ast.Assign) and len(node.targets) == 1, ast.unparse(node)
        ast.literal_eval(node.value)  # raises unless a plain literal
        names.add(node.targets[0].id)
    assert {"corpus", "out", "window_start", "window_end", "engine", "scheduler"} <= names
    assert "open_run(" in code[1].source and "show_provenance(" in code[1].source


@pytest.mark.parametrize("name", EXPECTED)
def test_notebooks_hold_no_logic(name):
    """Library calls only: no definitions, loops or branches in a notebook."""
    for cell in load(name).cells:
        if cell.cell_type != "code":
            continue
        for node in ast.walk(ast.parse(cell.source)):
            assert not isinstance(node, (ast.FunctionDef, ast.ClassDef, ast.For, ast.While, ast.If, ast.Lambda)), (
                f"{name}: logic belongs in frontline.summaries: {ast.unparse(node)[:60]}")


@pytest.mark.parametrize("name", EXPECTED)
def test_committed_outputs_are_deterministic(name):
    """Committed outputs carry no timestamps, absolute paths or memory addresses (nbval compares them)."""
    nb = load(name)
    assert "papermill" not in nb.metadata
    text = nbformat.writes(nb)
    assert "/work/" not in text and "/tmp/" not in text and "/home/" not in text
    assert " at 0x" not in text
    for cell in nb.cells:
        if cell.cell_type == "code" and "frontline-tables-library" in cell.metadata.get("tags", []):
            assert "nbval-ignore-output" in cell.metadata["tags"]
            assert not cell.outputs


@pytest.mark.slow
def test_papermill_runs_every_notebook_on_the_sample(sample_report, sample_out):
    """Executed notebooks exist, raised nothing, got the injected parameters and show their tables."""
    for table in ("articles", "lines", "figures", "statements", "claims", "rejected"):
        assert (sample_out / f"{table}.parquet").is_file()
    runs = {run.name: run for run in sample_report.notebooks}
    assert set(EXPECTED) <= set(runs)
    for run in sample_report.notebooks:
        assert run.status == "ok", run.error
    for run in (runs[name] for name in EXPECTED):
        nb = nbformat.read(str(run.ipynb), as_version=4)
        injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
        assert injected and str(sample_out) in injected[0].source
        outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
        assert not [o for o in outputs if o.output_type == "error"]
        html = "".join(o.get("data", {}).get("text/html", "") for o in outputs)
        assert 'id="frontline-' in html, f"{run.name} shows no table"
        assert "Parameters and provenance" in html
