"""Errors that reach the user: bad input is refused with file, rows, column and rule."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ggzregio.i18n import t

#: How many row numbers a message lists before it says "and N more".
MAX_ROWS_SHOWN = 10


@dataclass(frozen=True)
class Problem:
    """One broken rule in one input file.

    ``rows`` are row numbers as a person sees them: in CSV and Excel the header is row 1,
    so the first data row is row 2; in Parquet the first record is row 1.
    """

    file: str
    rule: str
    column: str | None = None
    rows: tuple[int, ...] = ()
    values: dict[str, object] = field(default_factory=dict)
    #: For settings files (TOML): the dotted key, e.g. ``capacity.fact.per_100k``.
    key: str | None = None
    #: For workbooks: the sheet the rows are on.
    sheet: str | None = None
    #: How many rows break the rule when ``rows`` names only the first of them (a scan of
    #: millions of rows fetches a few); ``None``: ``rows`` are all of them.
    row_count: int | None = None

    def message(self) -> str:
        """The problem as one line of text in the active language."""
        parts = [f"{t('problem.file')} {self.file}"]
        if self.sheet is not None:
            parts.append(f"{t('problem.sheet')} '{self.sheet}'")
        if self.key is not None:
            parts.append(f"{t('problem.key')} '{self.key}'")
        if self.column is not None:
            parts.append(f"{t('problem.column')} '{self.column}'")
        if self.rows:
            parts.append(format_rows(self.rows, self.row_count))
        return ", ".join(parts) + ": " + t(f"rule.{self.rule}", **self.values)


def format_rows(rows: Sequence[int], count: int | None = None) -> str:
    """'rij 5' / 'rijen 5, 7, 9 en 12 meer'; ``count`` is how many rows there are in all when
    ``rows`` holds only the first."""
    total = max(len(rows), count or 0)
    shown = ", ".join(str(r) for r in rows[:MAX_ROWS_SHOWN])
    label = t("problem.row") if total == 1 else t("problem.rows")
    text = f"{label} {shown}"
    listed = min(len(rows), MAX_ROWS_SHOWN)
    if total > listed:
        text += " " + t("problem.more", n=total - listed)
    return text


def sample_values(values: Sequence[object], limit: int = 3) -> str:
    """A short, quoted list of example offending values for a message."""
    unique: list[str] = []
    for v in values:
        text = repr(v) if isinstance(v, str) else str(v)
        if text not in unique:
            unique.append(text)
        if len(unique) == limit:
            break
    return ", ".join(unique)


class GgzregioError(Exception):
    """Base class of errors meant for the user rather than the developer."""


class InputError(GgzregioError):
    """Input was refused. Carries every problem found, so the user can fix them in one go."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(self.report())

    def report(self) -> str:
        """All problems, one per line, under a header saying nothing was written."""
        lines = [t("problem.header")]
        lines.extend(f"  - {p.message()}" for p in self.problems)
        return "\n".join(lines)

    def rules(self) -> set[str]:
        """The set of rule keys broken (handy in tests and the API)."""
        return {p.rule for p in self.problems}
