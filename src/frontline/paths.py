"""Paths relative to the project root, so notebooks behave the same in JupyterLab, papermill and nbval."""

from __future__ import annotations

import os
from pathlib import Path


def project_root(start: Path | str | None = None) -> Path:
    """The nearest folder above ``start`` (default: cwd) holding pyproject.toml, else ``start``.

    ``FRONTLINE_ROOT`` overrides the search (useful when the package is installed elsewhere).
    """
    env = os.environ.get("FRONTLINE_ROOT")
    if env:
        return Path(env).resolve()
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "pyproject.toml").is_file() and (folder / "src" / "frontline").is_dir():
            return folder
    return here


def resolve(path: Path | str, root: Path | None = None) -> Path:
    """An absolute path: relative ones are taken from the project root."""
    p = Path(path).expanduser()
    return p if p.is_absolute() else (root or project_root()) / p


def display(path: Path | str, root: Path | None = None) -> str:
    """A path as shown to readers: relative to the project root when inside it (no absolute paths in outputs)."""
    p = Path(path).resolve()
    base = (root or project_root()).resolve()
    try:
        return p.relative_to(base).as_posix()
    except ValueError:
        return p.name
