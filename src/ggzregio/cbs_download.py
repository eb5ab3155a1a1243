"""Optional live download of the CBS *Kerncijfers wijken en buurten* through the CBS open data
API (package ``cbsodata``, extra ``cbs``), for the buurten of chosen municipalities, written
as the CSV that :func:`ggzregio.cbs.read_cbs` reads. Never needed: the same table can be
downloaded by hand from StatLine; offline, the command says so and names the table.

Table identifiers are data with their source: each was checked on the table's StatLine page
(``https://www.cbs.nl/nl-nl/cijfers/detail/<id>``); ``--table`` takes any other."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, Final

import pandas as pd

from ggzregio.errors import InputError, Problem
from ggzregio.extras import require
from ggzregio.io.atomic import write_text_atomically

#: StatLine table of the Kerncijfers wijken en buurten per year (checked on StatLine).
KWB_TABLES: Final[dict[int, str]] = {2018: "84286NED", 2023: "85618NED", 2024: "85984NED"}
_MUNICIPALITY: Final = re.compile(r"^GM\d{4}$")
#: A function that fetches the rows of a table with an OData filter (``cbsodata.get_data``).
Fetch = Callable[[str, str], list[dict[str, Any]]]


def _cbsodata_fetch(table: str, filters: str) -> list[dict[str, Any]]:
    cbsodata = require("cbsodata", "cbs")
    rows: list[dict[str, Any]] = cbsodata.get_data(table, filters=filters)
    return rows


def table_for(year: int | None, table: str | None) -> str:
    """The StatLine table of ``year`` (or ``table`` as given)."""
    if table:
        return table
    if year in KWB_TABLES:
        return KWB_TABLES[year]
    known = ", ".join(f"{y}: {t}" for y, t in sorted(KWB_TABLES.items()))
    raise InputError([Problem("--year", "cbs.unknown_year", values={"year": year, "known": known})])


def _filter(municipalities: Sequence[str]) -> str:
    """OData: each municipality with its wijken and buurten (key ``WijkenEnBuurten``,
    ``GM0344``, ``WK034401``, ``BU03440100``)."""
    return " or ".join(
        f"startswith(WijkenEnBuurten,'{prefix}{code[2:]}')"
        for code in municipalities
        for prefix in ("GM", "WK", "BU")
    )


def download_kwb(
    municipalities: Iterable[str],
    target: Path,
    *,
    year: int | None = None,
    table: str | None = None,
    fetch: Fetch | None = None,
) -> tuple[Path, int, str]:
    """Download the table's rows of ``municipalities`` (GM codes) to ``target`` (CSV, written
    atomically); returns the file, its row count and the table. Offline, or when CBS refuses,
    an :class:`InputError` says so and points to the manual download."""
    codes = [c.strip().upper() for c in municipalities if c.strip()]
    bad = [c for c in codes if not _MUNICIPALITY.match(c)]
    if bad or not codes:
        values: dict[str, object] = {"values": ", ".join(bad) or "-"}
        raise InputError([Problem("--municipalities", "regions.bad_municipality", values=values)])
    chosen = table_for(year, table)
    getter = fetch or _cbsodata_fetch
    try:
        rows = getter(chosen, _filter(codes))
    except (OSError, ConnectionError) as exc:
        raise _offline(chosen, exc) from exc
    except Exception as exc:  # requests' errors and CBS's answers (not found, refused)
        if type(exc).__module__.startswith(("requests", "urllib3")):
            raise _offline(chosen, exc) from exc
        raise
    if not rows:
        values = {"table": chosen, "values": ", ".join(codes)}
        raise InputError([Problem(chosen, "cbs.download_empty", values=values)])
    frame = pd.DataFrame(rows)
    write_text_atomically(target, frame.to_csv(index=False))
    return target, len(frame), chosen


def _offline(table: str, exc: BaseException) -> InputError:
    values: dict[str, object] = {"table": table, "detail": type(exc).__name__}
    return InputError([Problem(table, "cbs.offline", values=values)])
