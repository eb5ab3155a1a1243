"""Where the seed texts are (``shared/seeds`` beside the project): for citation checks.

Tried in order: ``GGZREGIO_SEEDS``; ``../shared/seeds`` beside this checkout; and, for a clone
of a local checkout (as CI makes one), ``../shared/seeds`` beside the checkout it was cloned
from. None when no folder is found (an installed package elsewhere): the checks then skip."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _origin() -> Path | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(ROOT), "config", "--get", "remote.origin.url"],
            capture_output=True, text=True, timeout=10, check=False,
        )  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return None
    url = done.stdout.strip().removeprefix("file://")
    return Path(url) if url and Path(url).is_dir() else None


def seeds_folder() -> Path | None:
    """The folder with ``000_*.txt`` ... ``004_*.txt``, or None."""
    candidates = [os.environ.get("GGZREGIO_SEEDS", ""), str(ROOT.parent / "shared" / "seeds")]
    origin = _origin()
    if origin is not None:
        candidates.append(str(origin.resolve().parent / "shared" / "seeds"))
    for candidate in candidates:
        if candidate and any(Path(candidate).glob("00*_*.txt")):
            return Path(candidate)
    return None


SEEDS = seeds_folder() or ROOT.parent / "shared" / "seeds"
