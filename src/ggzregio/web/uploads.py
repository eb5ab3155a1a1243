"""Uploaded files: read with a size limit into an :class:`~ggzregio.app.files.Upload` for the
use cases (which read them with the library's own validating readers)."""

from __future__ import annotations

from pathlib import Path

from fastapi import UploadFile

from ggzregio.app.errors import TooLargeError
from ggzregio.app.files import Upload


async def read_upload(upload: UploadFile, limit: int) -> Upload:
    """The file's (base) name and content; refuses files over ``limit`` bytes."""
    name = Path(upload.filename or "upload").name
    data = await upload.read(limit + 1)
    if len(data) > limit:
        raise TooLargeError("too_large", f"{name}: > {limit} bytes")
    return Upload.of(name, data)
