"""ggzregio: open planning and monitoring toolkit for regional mental health care (GGZ).

The core is a set of pure, typed functions per domain concept (``ggzregio.prevalence``, ...);
input/output (``ggzregio.io``) and the command line (``ggzregio.cli``) are thin layers around it.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("ggzregio")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0+unknown"

__all__ = ["__version__"]
