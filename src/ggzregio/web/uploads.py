"""Uploaded files: size limit, saved to a temporary file with the original name (so messages
name the file the user chose) and read by the library's own validating readers."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from fastapi import UploadFile

from ggzregio.errors import InputError, Problem
from ggzregio.web.problems import ProblemError

T = TypeVar("T")
ALLOWED = {".csv", ".xlsx", ".parquet", ".json", ".geojson", ".txt"}


async def read_upload(upload: UploadFile, limit: int) -> tuple[str, bytes]:
    """The file's (base) name and content; refuses files over ``limit`` bytes."""
    name = Path(upload.filename or "upload").name
    data = await upload.read(limit + 1)
    if len(data) > limit:
        raise ProblemError(413, "too_large", f"{name}: > {limit} bytes")
    if not data:
        raise InputError([Problem(name, "empty_file")])
    return name, data


async def read_uploaded(upload: UploadFile, limit: int, read: Callable[[Path], T]) -> tuple[str, T]:
    """Read an uploaded file with one of the library's readers; returns its name too."""
    name, data = await read_upload(upload, limit)
    return name, with_temp_file(name, data, read)


def with_temp_file(name: str, data: bytes, read: Callable[[Path], T]) -> T:
    """Write ``data`` to a temporary file called ``name`` and ``read`` it."""
    suffix = Path(name).suffix.lower()
    if suffix not in ALLOWED:
        raise InputError([Problem(name, "unsupported_format", values={"suffix": suffix})])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        return read(path)
