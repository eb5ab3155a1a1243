"""Atomic file writing: a reader sees the old file or the complete new one, never half a file."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path


@contextlib.contextmanager
def _temporary_beside(target: Path) -> Iterator[Path]:
    """A temporary path in the target's folder (so the final rename stays on one filesystem)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
    finally:
        tmp.unlink(missing_ok=True)


def _file_mode(target: Path) -> int:
    """Mode for the new file: the old file's, else the usual 0o666 less the umask
    (``mkstemp`` creates files readable by the owner only)."""
    if target.exists():
        return target.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_files_atomically(writers: Mapping[Path, Callable[[Path], object]]) -> list[Path]:
    """Write several files so that either all appear or none changes.

    Each callable writes its complete content to the temporary path it is given. Only when
    every file has been written and flushed are they moved into place, one ``os.replace``
    each; if any writer fails, no target is touched.
    """
    with contextlib.ExitStack() as stack:
        staged: list[tuple[Path, Path]] = []
        for target, write in writers.items():
            tmp = stack.enter_context(_temporary_beside(target))
            write(tmp)
            with tmp.open("rb") as fh:
                os.fsync(fh.fileno())
            os.chmod(tmp, _file_mode(target))
            staged.append((tmp, target))
        for tmp, target in staged:
            os.replace(tmp, target)
    return [target for _, target in staged]


def write_text_atomically(target: Path, text: str) -> Path:
    """Write ``text`` (UTF-8) to ``target`` atomically."""
    write_files_atomically({target: lambda tmp: tmp.write_text(text, encoding="utf-8")})
    return target
