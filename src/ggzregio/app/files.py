"""Files handed to a use case (an upload, a file chosen on the command line): read by the
library's own validating readers under their original name, so messages name the file the
user chose."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Final, TypeVar

from ggzregio.errors import InputError, Problem

T = TypeVar("T")
ALLOWED: Final = frozenset({".csv", ".xlsx", ".parquet", ".json", ".geojson", ".gpkg", ".txt"})


@dataclass(frozen=True)
class Upload:
    """A file's base name and content."""

    name: str
    data: bytes

    @classmethod
    def of(cls, name: str, data: bytes) -> Upload:
        """An upload named ``name`` (its directories dropped); an empty file is refused."""
        base = Path(name or "upload").name
        if not data:
            raise InputError([Problem(base, "empty_file")])
        return cls(base, data)

    def read(self, reader: Callable[[Path], T]) -> T:
        """Write the content to a temporary file of the same name and ``reader`` it."""
        suffix = Path(self.name).suffix.lower()
        if suffix not in ALLOWED:
            raise InputError([Problem(self.name, "unsupported_format", values={"suffix": suffix})])
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / self.name
            path.write_bytes(self.data)
            return reader(path)
