"""Optional live download of the CBS *Kerncijfers wijken en buurten* through the CBS open data
API (package ``cbsodata``, extra ``cbs``), for the buurten of chosen municipalities, written
as the CSV that :func:`ggzregio.cbs.read_cbs` reads; and of their buurt boundaries from PDOK's
WFS *CBS Wijken en Buurten* (OGC WFS 2.0 ``GetFeature``, GeoJSON in RD New), written as the
GeoJSON that :func:`ggzregio.boundaries.read_boundaries` reads. Never needed: both can be
downloaded by hand (StatLine; PDOK's download of the *Wijk- en buurtkaart*); offline, the
command says so and names the manual download.

Table identifiers are data with their source: each was checked on the table's StatLine page
(``https://www.cbs.nl/nl-nl/cijfers/detail/<id>``); ``--table`` takes any other."""

from __future__ import annotations

import json
import re
import urllib.parse
import urllib.request
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
#: A function that fetches the body of a URL (the PDOK WFS); the tests pass a recorded one.
FetchUrl = Callable[[str], bytes]
#: PDOK's WFS of the CBS Wijk- en buurtkaart per year (``wijkenbuurten:buurten`` layer with
#: ``buurtcode``, ``buurtnaam``, ``gemeentecode`` and ``water`` = ``JA``/``NEE``).
PDOK_WFS: Final = "https://service.pdok.nl/cbs/wijkenbuurten/{year}/wfs/v1_0"
PDOK_DOWNLOADS: Final = "https://service.pdok.nl/cbs/wijkenbuurten/{year}/atom/index.xml"
#: Features per WFS page (the service's limit is higher; pages keep answers small).
PAGE_SIZE: Final = 1000
_TIMEOUT_S: Final = 60


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
    codes = _codes(municipalities)
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
        values: dict[str, object] = {"table": chosen, "values": ", ".join(codes)}
        raise InputError([Problem(chosen, "cbs.download_empty", values=values)])
    frame = pd.DataFrame(rows)
    write_text_atomically(target, frame.to_csv(index=False))
    return target, len(frame), chosen


def _urlopen(url: str) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": "ggzregio"})
    with urllib.request.urlopen(request, timeout=_TIMEOUT_S) as answer:
        body: bytes = answer.read()
    return body


def boundaries_url(year: int, municipalities: Sequence[str], start: int = 0) -> str:
    """The WFS ``GetFeature`` request for the buurten of ``municipalities`` (one page)."""
    equal = "".join(
        "<fes:PropertyIsEqualTo><fes:ValueReference>gemeentecode</fes:ValueReference>"
        f"<fes:Literal>{code}</fes:Literal></fes:PropertyIsEqualTo>"
        for code in municipalities
    )
    condition = f"<fes:Or>{equal}</fes:Or>" if len(municipalities) > 1 else equal
    query = {
        "service": "WFS",
        "version": "2.0.0",
        "request": "GetFeature",
        "typeNames": "wijkenbuurten:buurten",
        "outputFormat": "application/json",
        "srsName": "EPSG:28992",
        "count": str(PAGE_SIZE),
        "startIndex": str(start),
        "filter": f'<fes:Filter xmlns:fes="http://www.opengis.net/fes/2.0">{condition}</fes:Filter>',
    }
    return f"{PDOK_WFS.format(year=year)}?{urllib.parse.urlencode(query)}"


def download_buurt_boundaries(
    municipalities: Iterable[str], target: Path, *, year: int, fetch: FetchUrl | None = None
) -> tuple[Path, int]:
    """Download the buurt boundaries of ``municipalities`` (GM codes) from PDOK to ``target``
    (GeoJSON in RD New, written atomically; land only, the water parts left out); returns the
    file and its feature count. Offline, or when PDOK refuses, an :class:`InputError` says so
    and names the manual download."""
    codes = _codes(municipalities)
    getter = fetch or _urlopen
    features: list[dict[str, Any]] = []
    start = 0
    while True:
        url = boundaries_url(year, codes, start)
        try:
            page = json.loads(getter(url))
        except (OSError, ConnectionError) as exc:
            raise _pdok_offline(year, exc) from exc
        except ValueError as exc:  # not JSON: an error page
            raise _pdok_offline(year, exc) from exc
        found = page.get("features") if isinstance(page, dict) else None
        if not isinstance(found, list):
            raise _pdok_offline(year, ValueError("features"))
        features.extend(found)
        if len(found) < PAGE_SIZE:
            break
        start += PAGE_SIZE
    land = [f for f in features if str((f.get("properties") or {}).get("water", "NEE")) != "JA"]
    if not land:
        values: dict[str, object] = {"table": f"PDOK {year}", "values": ", ".join(codes)}
        raise InputError([Problem(f"PDOK {year}", "cbs.download_empty", values=values)])
    document = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}},
        "features": land,
    }
    write_text_atomically(target, json.dumps(document, ensure_ascii=False))
    return target, len(land)


def _codes(municipalities: Iterable[str]) -> list[str]:
    codes = [c.strip().upper() for c in municipalities if c.strip()]
    bad = [c for c in codes if not _MUNICIPALITY.match(c)]
    if bad or not codes:
        values: dict[str, object] = {"values": ", ".join(bad) or "-"}
        raise InputError([Problem("--municipalities", "regions.bad_municipality", values=values)])
    return codes


def _pdok_offline(year: int, exc: BaseException) -> InputError:
    values: dict[str, object] = {
        "detail": type(exc).__name__,
        "url": PDOK_DOWNLOADS.format(year=year),
    }
    return InputError([Problem(f"PDOK {year}", "cbs.pdok_offline", values=values)])


def _offline(table: str, exc: BaseException) -> InputError:
    values: dict[str, object] = {"table": table, "detail": type(exc).__name__}
    return InputError([Problem(table, "cbs.offline", values=values)])
