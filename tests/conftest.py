"""Shared fixtures: the sample corpus extracted once, and the whole report run on it once."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "raw" / "sample"
NOTEBOOKS = ROOT / "notebooks"


@pytest.fixture(scope="session")
def sample_out(tmp_path_factory) -> Path:
    """A folder with the extraction tables of the sample corpus (as the notebooks extract them)."""
    from frontline import report
    from frontline.pipeline import ensure_extracted

    out = tmp_path_factory.mktemp("sample-tables")
    ensure_extracted(SAMPLE, out, report.extraction_config(), progress=False)
    return out


@pytest.fixture(scope="session")
def sample_report(tmp_path_factory, sample_out):
    """``run_report`` of the committed notebooks on the sample corpus (papermill, then HTML)."""
    from frontline.report import run_report

    reports = tmp_path_factory.mktemp("reports")
    return run_report(SAMPLE, sample_out, reports, notebooks_dir=NOTEBOOKS)
