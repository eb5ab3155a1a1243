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
#: Longest file name accepted (it is stored as the data's source and written to disk, where
#: names are at most 255 bytes).
MAX_NAME: Final = 200


@dataclass(frozen=True)
class Upload:
    """A file's base name and content."""

    name: str
    data: bytes

    @classmethod
    def of(cls, name: str, data: bytes) -> Upload:
        """An upload named ``name`` (its directories dropped); an empty file is refused."""
        base = Path(name or "upload").name
        if len(base) > MAX_NAME or len(base.encode("utf-8")) > MAX_NAME:
            shown = base[:40] + "…"
            raise InputError(
                [Problem(shown, "name_too_long", key="file", values={"max": MAX_NAME})]
            )
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
            if suffix == ".xlsx":
                check_workbook(path, self.name)
            return reader(path)


def check_workbook(path: Path, name: str) -> None:
    """Refuse a file that is not a readable Excel workbook (not a zip, a broken part, XML
    that does not parse) with an :class:`InputError`, before a reader meets it: what the
    workbook library raises for a malformed file differs by the damage."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
        try:
            for sheet in book.worksheets:
                for _ in sheet.iter_rows(values_only=True):
                    pass
        finally:
            book.close()
    except Exception as exc:  # only the workbook library runs here: any failure is the file's
        values: dict[str, object] = {"detail": type(exc).__name__}
        raise InputError([Problem(name, "unreadable", values=values)]) from exc
