"""Frontline: conflict news articles in, auditable figures, statements and timelines out."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("frontline")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0"
