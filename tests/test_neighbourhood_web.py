"""The neighbourhood load through every edge: access per role on every new route, the spread
through the API on a hand-computed case, no placement count below the threshold in the page,
the API, CSV, Excel or JSON nor derivable from them (before and after a change), missing
indicators shown as missing, and placements kept out of the region's readable edit history."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Hashable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from ggzregio.web.app import route_table
from tests.attacker import narrowest, ranges
from tests.conftest import invoke
from tests.web_support import (
    BACKENDS,
    EDITOR,
    VIEWER,
    client_for,
    demo_database,
    login,
    new_database,
    token_for,
)

THRESHOLD = 10
API = "/api/v1/regions/{code}/neighbourhood"


@pytest.fixture(params=BACKENDS)
def fresh(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, TestClient]]:
    """A database of its own with the demo loaded (the tests enter placements)."""
    for database in new_database(request.param, tmp_path):
        demo_database(database.url)
        yield database.url, client_for(database.url)


def _headers(url: str, email: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token_for(url, email)}"}


def _areas(client: TestClient, code: str = "RG01") -> list[dict[str, Any]]:
    found = client.get(f"/api/v1/regions/{code}/areas", params={"size": 500}).json()["items"]
    return list(found)


def _load(client: TestClient, headers: dict[str, str], year: int = 2026) -> dict[str, Any]:
    response = client.get(API.format(code="RG01"), params={"year": year}, headers=headers)
    assert response.status_code == 200, response.text
    return dict(response.json())


def _put(client: TestClient, headers: dict[str, str], what: str, body: dict[str, Any]) -> int:
    response = client.put(f"{API.format(code='RG01')}/{what}", json=body, headers=headers)
    assert response.status_code == 200, response.text
    return int(response.json()["changed"])


# --- access ----------------------------------------------------------------------------------


def _new_routes(client: TestClient) -> list[tuple[str, str, str | None]]:
    return [
        r
        for r in route_table(client.app)  # type: ignore[arg-type]
        if "draagkracht" in r[1] or "neighbourhood" in r[1]
    ]


def _concrete(path: str, code: str) -> str:
    values = {"code": code, "fmt": "csv"}
    return re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), "x"), path)


def test_access_per_role_on_every_new_route(fresh: tuple[str, TestClient]) -> None:
    """Members only: viewers read (protected), editors of the region also write; another
    region's editor and anonymous visitors get nothing."""
    url, client = fresh
    routes = _new_routes(client)
    assert len(routes) >= 9
    for method, path, level in routes:
        expected = "viewer" if method == "GET" else "editor"
        assert level == expected, f"{method} {path}: {level}"
    editor, viewer = _headers(url, EDITOR), _headers(url, VIEWER)  # RG01 editor, RG02 viewer
    for method, path, level in routes:
        anonymous = client.request(method, _concrete(path, "RG01"), json={})
        assert anonymous.status_code == (401 if path.startswith("/api/") else 303), path
        for who, code, refused in (
            (editor, "RG02", True),
            (viewer, "RG01", True),
            (viewer, "RG02", level == "editor"),
            (editor, "RG01", False),
        ):
            response = client.request(method, _concrete(path, code), json={}, headers=who)
            assert (response.status_code == 403) == refused, (method, path, code, response.text)
            assert response.status_code < 500, (method, path, code, response.text[:300])


# --- the spread ------------------------------------------------------------------------------


def test_spread_through_the_api_on_a_hand_computed_case(fresh: tuple[str, TestClient]) -> None:
    """Every area has 20 entered placements (nothing small to hide); three have a ceiling
    of 120, 60 and 80, so headroom 100, 40 and 60. Spreading 75 by headroom: shares 37.5, 15
    and 22.5, rounded down 37, 15, 22; the one left goes to the largest fraction, a tie of
    0.5 won by the larger headroom: 38, 15, 22. The areas then hold 58, 35 and 42."""
    url, client = fresh
    editor = _headers(url, EDITOR)
    codes = [str(a["area_code"]) for a in _areas(client)]
    _put(client, editor, "placements", {"year": 2026, "placements": dict.fromkeys(codes, 20)})
    a, b, c = codes[:3]
    ceilings = {
        a: {"kind": "placements", "value": 120},
        b: {"kind": "placements", "value": 60, "agreed_on": "2026-11-02", "agreed_by": "raad"},
        c: {"kind": "placements", "value": 80},
    }
    _put(client, editor, "ceilings", {"ceilings": ceilings})
    body = {"year": 2026, "total": 75, "rule": "headroom"}
    suggested = client.post(f"{API.format(code='RG01')}/spread", json=body, headers=editor)
    assert suggested.status_code == 200, suggested.text
    expected = {a: 58, b: 35, c: 42}
    for answer in (suggested.json(), None):
        if answer is None:  # adopted: stored, and what every member reads from then on
            stored = client.post(
                f"{API.format(code='RG01')}/spread", json={**body, "store": True}, headers=editor
            )
            assert stored.status_code == 200, stored.text
            answer = _load(client, _headers(url, EDITOR))
        rows = {r["area_code"]: r for r in answer["areas"]}
        assert {k: rows[k]["placements"] for k in expected} == expected
        assert all(rows[k]["placements"] == 20 for k in codes[3:])
        assert rows[a]["headroom"] == 62
        assert rows[b]["headroom"] == 25
        spread = answer["spread"]
        assert spread["total"] == 75
        assert spread["rule"] == "headroom"
        assert "grootste-restmethode" in spread["rule_text"]
        assert answer["total"][0]["placements"] == 20 * len(codes) + 75
    assert suggested.json()["spread"]["kind"] == "suggested"
    assert _load(client, editor)["spread"]["kind"] == "adopted"


# --- small numbers ---------------------------------------------------------------------------


class _Tables(HTMLParser):
    """The tables of a page: per ``data-name`` the header texts and the rows of cell texts."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, tuple[list[str], list[list[str]]]] = {}
        self._name: str | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._name = dict(attrs).get("data-name") or None
            if self._name:
                self.tables[self._name] = ([], [])
        elif tag == "tr" and self._name:
            self.tables[self._name][1].append([])
        elif tag in ("td", "th") and self._name:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._name = None
        elif tag in ("td", "th") and self._name and self._cell is not None:
            header, rows = self.tables[self._name]
            text = "".join(self._cell).strip()
            (header if tag == "th" else rows[-1]).append(text)
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _page_placements(client: TestClient) -> list[str]:
    parser = _Tables()
    parser.feed(client.get("/regio/RG01/draagkracht?jaar=2026").text)
    header, rows = parser.tables["draagkracht"]
    column = header.index("Geplande plaatsingen")
    return [r[column] for r in rows if r]


def _shown(value: object) -> bool:
    """A placement cell shows no count below the threshold: hidden, or at least 10."""
    if value is None or value in ("x", ""):
        return True
    return float(str(value).replace(".", "")) >= THRESHOLD


def _published(answer: dict[str, Any]) -> list[tuple[str, Hashable, float | None]]:
    """(table, key, value) of every placement cell of an API answer."""
    out: list[tuple[str, Hashable, float | None]] = []
    for row in answer["areas"]:
        out.append(("area", str(row["area_code"]), row["placements"]))
    for row in answer["municipalities"]:
        out.append(("municipality", str(row["municipality"]), row["placements"]))
    for row in answer["total"]:
        out.append(("total", "total", row["placements"]))
    return out


def test_no_small_placement_count_in_any_format_nor_derivable(
    fresh: tuple[str, TestClient], tmp_path: Path
) -> None:
    url, client = fresh
    editor = _headers(url, EDITOR)
    areas = _areas(client)
    codes = [str(a["area_code"]) for a in areas]
    municipality = {str(a["area_code"]): str(a["municipality_code"]) for a in areas}
    planned = {codes[0]: 3, codes[1]: 25, codes[2]: 12, codes[5]: 40, codes[9]: 11}
    _put(client, editor, "placements", {"year": 2026, "placements": planned})
    before = _load(client, editor)
    _put(client, editor, "placements", {"year": 2026, "placements": {codes[1]: 31}})
    after = _load(client, editor)

    # The API: no visible count below 10; with a hidden count, everything derived is hidden.
    for answer in (before, after):
        assert all(_shown(v) for _, _, v in _published(answer))
        for row in answer["areas"]:
            if "placements" in row["hidden"]:
                for column in ("placements_per_1000", "load_per_1000", "headroom", "excess"):
                    assert row[column] is None
                    assert column in row["hidden"]
                assert row["flags"] == f"suppressed:{THRESHOLD}"
        assert answer["areas"][0]["placements"] is None  # the 3

    # The attacker: every area's count is an unknown (the changed one before and after);
    # every visible cell of both answers is a relation between them.
    def unknown(code: str, when: str) -> Hashable:
        return ("area", code, when) if code == codes[1] else ("area", code)

    cells: dict[Hashable, float | None] = {}
    relations: list[tuple[dict[Hashable, float], float]] = []
    for when, answer in (("before", before), ("after", after)):
        for table, key, value in _published(answer):
            if table == "area":
                cell = unknown(str(key), when)
                if value is not None or cell not in cells:
                    cells[cell] = None if value is None else float(value)
                continue
            if value is not None:
                inside = [c for c in codes if table == "total" or municipality[c] == key]
                relations.append(({unknown(c, when): 1.0 for c in inside}, float(value)))
    found = ranges(cells, relations)
    assert found[("area", codes[0])][1] - found[("area", codes[0])][0] >= THRESHOLD
    assert narrowest(found) >= THRESHOLD

    # The page (a viewer of the region), the downloads and the command line's export.
    viewer = client_for(url)
    _make_viewer_of_rg01(url)
    login(viewer, "lezer-rg01@voorbeeld.nl", "geheim-wachtwoord")
    page = viewer.get("/regio/RG01/draagkracht?jaar=2026").text
    assert 'name="placements.' not in page  # the entry form is for editors only
    placements = _page_placements(viewer)
    assert placements
    assert all(_shown(v) for v in placements)
    assert "x" in placements
    csv = viewer.get("/regio/RG01/draagkracht/download.csv?jaar=2026")
    assert csv.status_code == 200
    lines = [line.split(",") for line in csv.text.strip().splitlines()]
    column = lines[0].index("placements")
    assert all(_shown(line[column]) for line in lines[1:])
    xlsx = viewer.get("/regio/RG01/draagkracht/download.xlsx?jaar=2026")
    book = load_workbook(io.BytesIO(xlsx.content), read_only=True)
    checked = 0
    for sheet in book.worksheets:
        rows = list(sheet.iter_rows(values_only=True))
        for i, row in enumerate(rows):
            if "placements" in row:
                at = list(row).index("placements")
                values = [r[at] for r in rows[i + 1 :] if len(r) > at and r[at] is not None]
                assert all(_shown(v) for v in values)
                checked += len(values)
                break
    assert checked >= len(codes)
    target = tmp_path / "draagkracht.json"
    code, output = invoke(
        "draagkracht", "export", "RG01", "--out", str(target), "--year", "2026",
        "--database-url", url,
    )  # fmt: skip
    assert code == 0, output
    exported = json.loads(target.read_text(encoding="utf-8"))
    for table, rows_ in exported["tables"].items():
        assert all(_shown(r.get("placements")) for r in rows_), table


def _make_viewer_of_rg01(url: str) -> None:
    from tests.web_support import add_user

    add_user(url, "lezer-rg01@voorbeeld.nl", {"RG01": "viewer"})


def test_placements_stay_out_of_the_readable_edit_history(fresh: tuple[str, TestClient]) -> None:
    url, client = fresh
    editor = _headers(url, EDITOR)
    code = str(_areas(client)[0]["area_code"])
    assert _put(client, editor, "placements", {"year": 2026, "placements": {code: 3}}) == 1
    assert _put(client, editor, "ceilings", {"ceilings": {code: {"kind": "placements",
                                                                 "value": 12}}}) == 2  # fmt: skip
    history = client.get("/api/v1/regions/RG01/history", headers=editor).json()["items"]
    entities = {h["entity"] for h in history}
    assert "neighbourhood_ceiling" in entities
    assert "neighbourhood_placement" not in entities


# --- indicators ------------------------------------------------------------------------------


def test_missing_indicators_are_shown_as_missing(fresh: tuple[str, TestClient]) -> None:
    """A half-empty column with Dutch numbers: blank cells and CBS markers stay missing
    (null in the API, '–' on the page), never 0."""
    url, client = fresh
    editor = _headers(url, EDITOR)
    codes = [str(a["area_code"]) for a in _areas(client)]
    text = "area_code;pct_corporation_rental;huurwoningen\n"
    text += f"{codes[0]};12,5;1.200\n{codes[1]};;800\n{codes[2]};.;\nBU00000000;5;5\n"
    response = client.post(
        f"{API.format(code='RG01')}/indicators",
        files={"file": ("indicatoren.csv", io.BytesIO(text.encode()))},
        headers=editor,
    )
    assert response.status_code == 201, response.text
    assert response.json() == {"indicators": ["pct_corporation_rental", "huurwoningen"], "areas": 3}
    rows = {r["area_code"]: r for r in _load(client, editor)["areas"]}
    assert rows[codes[0]]["pct_corporation_rental"] == 12.5
    assert rows[codes[0]]["huurwoningen"] == 1200
    assert rows[codes[1]]["pct_corporation_rental"] is None
    assert rows[codes[2]]["pct_corporation_rental"] is None
    assert rows[codes[2]]["huurwoningen"] is None
    assert rows[codes[3]]["huurwoningen"] is None  # not in the file
    assert "pct_corporation_rental" not in rows[codes[1]]["hidden"]  # missing, not hidden
    login(client, EDITOR)
    parser = _Tables()
    parser.feed(client.get("/regio/RG01/draagkracht?jaar=2026").text)
    header, page_rows = parser.tables["draagkracht"]
    column = header.index("% corporatiehuur")
    shown = {r[0]: r[column] for r in page_rows if r}
    assert shown[codes[0]] == "12,5"
    assert shown[codes[1]] == "–"
    assert shown[codes[2]] == "–"

    bad = f"area_code;huurwoningen\n{codes[0]};12\n{codes[1]};veel\n"
    refused = client.post(
        f"{API.format(code='RG01')}/indicators",
        files={"file": ("fout.csv", io.BytesIO(bad.encode()))},
        headers=editor,
    )
    assert refused.status_code == 422
    message = refused.json()["errors"][0]["message"]
    assert "fout.csv" in message
    assert "huurwoningen" in message
    assert "rij 3" in message


# --- the editors' form -----------------------------------------------------------------------


def test_the_editors_form_reads_dutch_numbers(fresh: tuple[str, TestClient]) -> None:
    url, client = fresh
    codes = [str(a["area_code"]) for a in _areas(client)]
    login(client, EDITOR)
    page = client.get("/regio/RG01/draagkracht?jaar=2027")
    assert f'name="placements.{codes[0]}"' in page.text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token
    form = {
        "csrf_token": token.group(1),
        f"placements.{codes[0]}": "1.200",
        f"kind.{codes[0]}": "per_1000_adults",
        f"ceiling.{codes[0]}": "2,5",
        "agreed_on": "2026-10-01",
        "agreed_by": "gemeenteraad",
    }
    saved = client.post("/regio/RG01/draagkracht?jaar=2027", data=form)
    assert saved.status_code == 303, saved.text[:500]
    rows = {r.area_code: r for r in _entry_rows(url, 2027)}
    assert rows[codes[0]].placements == 1200
    ceiling = rows[codes[0]].ceiling
    assert ceiling is not None
    assert (ceiling.kind, ceiling.value, ceiling.agreed_by) == (
        "per_1000_adults",
        2.5,
        "gemeenteraad",
    )
    refused = client.post(
        "/regio/RG01/draagkracht?jaar=2027", data={**form, f"placements.{codes[0]}": "2,5"}
    )
    assert refused.status_code == 422
    assert f"placements.{codes[0]}" in refused.text
    assert 'value="2,5"' in refused.text  # what was typed is shown again
    assert _entry_rows(url, 2027)[0].placements == 1200  # nothing changed


def _entry_rows(url: str, year: int) -> list[Any]:
    from ggzregio.app import neighbourhood as nb
    from ggzregio.app.context import Context

    ctx = Context.open(url)
    try:
        with ctx.factory() as db:
            return nb.entry_rows(ctx, db, "RG01", year)
    finally:
        ctx.engine.dispose()


# --- the review's findings (F1, F4, F6, F11) ---------------------------------------------------


def _spread_shares(url: str, year: int) -> dict[str, int]:
    """The adopted spread's placements per area, as stored (what the attacker recomputes)."""
    from ggzregio.app.context import Context
    from ggzregio.storage import neighbourhood as store
    from ggzregio.storage.neighbourhood_models import SPREAD

    ctx = Context.open(url)
    try:
        with ctx.factory() as db:
            return dict(store.placements(db, "RG01", year, SPREAD))
    finally:
        ctx.engine.dispose()


@pytest.mark.parametrize("rule", ["adults", "headroom"])
def test_an_adopted_spread_does_not_give_away_small_entered_counts(
    fresh: tuple[str, TestClient], rule: str
) -> None:
    """The review's p7 (rule adults: the share is recomputable from the total, the adults and
    the ceilings, so entered = cell − share) and p7b (rule headroom: the cell is affine in the
    entered count). The attacker knows every area's share and the number spread; every
    entered count below the threshold keeps a range at least the threshold wide."""
    url, client = fresh
    editor = _headers(url, EDITOR)
    areas = _areas(client)
    codes = [str(a["area_code"]) for a in areas]
    municipality = {str(a["area_code"]): str(a["municipality_code"]) for a in areas}
    limits = {c: (1000 if rule == "adults" else 40 + 20 * (i % 3)) for i, c in enumerate(codes)}
    ceilings = {c: {"kind": "placements", "value": v} for c, v in limits.items()}
    _put(client, editor, "ceilings", {"ceilings": ceilings})
    pattern = [3, 0, 2, 25, 7, 0, 12, 1, 0, 40, 5, 0]
    secret = {c: pattern[i % len(pattern)] for i, c in enumerate(codes)}
    _put(client, editor, "placements", {"year": 2026, "placements": secret})
    body = {"year": 2026, "total": 2000 if rule == "adults" else 3000, "rule": rule, "store": True}
    adopted = client.post(f"{API.format(code='RG01')}/spread", json=body, headers=editor)
    assert adopted.status_code == 200, adopted.text
    answer = _load(client, editor)
    shares = _spread_shares(url, 2026)
    cells: dict[Hashable, float | None] = {}
    relations: list[tuple[dict[Hashable, float], float]] = []
    for table, key, value in _published(answer):
        if table == "area":
            cells[("cell", key)] = value
            cells[("share", key)] = float(shares.get(str(key), 0))  # known to the reader
            cells[("entered", key)] = None
            members: dict[Hashable, float] = {
                ("cell", key): -1.0,
                ("entered", key): 1.0,
                ("share", key): 1.0,
            }
            relations.append((members, 0.0))
        elif value is not None:
            inside = [c for c in codes if table == "total" or municipality[c] == key]
            relations.append(({("entered", c): 1.0 for c in inside}, float(value) - sum(
                shares.get(c, 0) for c in inside)))  # fmt: skip
    found = ranges(cells, relations)
    for code, entered in secret.items():
        if entered < THRESHOLD:
            low, high = found[("entered", code)]
            assert high - low >= THRESHOLD, (code, entered, low, high)
    rows = {r["area_code"]: r for r in answer["areas"]}
    assert all(rows[c]["placements"] is None for c, n in secret.items() if n < THRESHOLD)


def test_texts_with_control_characters_are_refused(fresh: tuple[str, TestClient]) -> None:
    """A NUL in a ceiling's agreed_by gave a 500 on PostgreSQL: refused with 422 (a NUL
    already by the web's guard for every route; other control characters naming the field),
    through the API, the editors' form and the use case itself; nothing is stored."""
    from ggzregio.app import neighbourhood as nb
    from ggzregio.app.context import Actor, Context
    from ggzregio.errors import InputError
    from ggzregio.storage.neighbourhood import StoredCeiling

    url, client = fresh
    editor = _headers(url, EDITOR)
    code = str(_areas(client)[0]["area_code"])
    for text in ("gem\x00eente", "raad\x1b", "raad\x07", "raad\n"):
        ceiling = {"kind": "placements", "value": 25, "agreed_by": text}
        refused = client.put(f"{API.format(code='RG01')}/ceilings",
                             json={"ceilings": {code: ceiling}}, headers=editor)  # fmt: skip
        assert refused.status_code == 422, refused.text
        if "\x00" not in text:
            assert "agreed_by" in refused.text, refused.text
    ctx = Context.open(url)
    try:
        nb_ceiling = StoredCeiling("placements", 25.0, None, "gem\x00eente")
        with pytest.raises(InputError) as caught:
            nb.set_ceilings(ctx, Actor(), "RG01", {code: nb_ceiling})
        assert caught.value.problems[0].column == "agreed_by"
        assert caught.value.problems[0].key == code
    finally:
        ctx.engine.dispose()
    refused = client.put(f"{API.format(code='RG01')}/placements", headers=editor,
                         json={"year": 2026, "placements": {"10\x0002": 3}})  # fmt: skip
    assert refused.status_code == 422, refused.text
    login(client, EDITOR)
    page = client.get("/regio/RG01/draagkracht?jaar=2026")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token
    form = {"csrf_token": token.group(1), f"kind.{code}": "placements",
            f"ceiling.{code}": "30", "agreed_by": "gem\x1beente"}  # fmt: skip
    saved = client.post("/regio/RG01/draagkracht?jaar=2026", data=form)
    assert saved.status_code == 422, saved.text[:300]
    assert "agreed_by" in saved.text
    nul = client.post("/regio/RG01/draagkracht?jaar=2026", data={**form, "agreed_by": "a\x00"})
    assert nul.status_code == 422
    assert all(r.ceiling is None for r in _entry_rows(url, 2026))  # nothing stored
    fine = client.post("/regio/RG01/draagkracht?jaar=2026", data={**form, "agreed_by": "raad"})
    assert fine.status_code == 303


def test_numbers_sent_as_strings_are_refused(fresh: tuple[str, TestClient]) -> None:
    url, client = fresh
    editor = _headers(url, EDITOR)
    code = str(_areas(client)[0]["area_code"])
    base = API.format(code="RG01")
    bodies = [
        ("put", "ceilings", {"ceilings": {code: {"kind": "placements", "value": "250.000"}}}),
        ("put", "placements", {"year": 2026, "placements": {code: "15"}}),
        ("put", "placements", {"year": "2026", "placements": {code: 15}}),
        ("post", "spread", {"year": 2026, "total": "75"}),
        ("post", "spread", {"year": 2026, "total": 75, "store": "true"}),
    ]
    for method, what, body in bodies:
        answer = getattr(client, method)(f"{base}/{what}", json=body, headers=editor)
        assert answer.status_code == 422, (what, body, answer.text)
    assert all(r.ceiling is None and r.placements is None for r in _entry_rows(url, 2026))
    body = {"ceilings": {code: {"kind": "placements", "value": 250}}}
    stored = client.put(f"{base}/ceilings", headers=editor, json=body)
    assert stored.status_code == 200, stored.text


def test_the_editor_sees_a_small_suggested_spread(fresh: tuple[str, TestClient]) -> None:
    """The review's F11: placements 15 and 3, a suggested spread of 5 gave the editor a 409.
    The editor sees the suggestion with their own entries; others get no suggestion."""
    url, client = fresh
    editor = _headers(url, EDITOR)
    codes = [str(a["area_code"]) for a in _areas(client)]
    _put(client, editor, "placements", {"year": 2026, "placements": {codes[0]: 15, codes[1]: 3}})
    login(client, EDITOR)
    page = client.get("/regio/RG01/draagkracht?jaar=2026&spreiding=5")
    assert page.status_code == 200, page.text[:500]
    assert "kunnen nu niet" not in page.text
    ceilings = {c: {"kind": "placements", "value": 30} for c in codes[:3]}
    _put(client, editor, "ceilings", {"ceilings": ceilings})
    page = client.get("/regio/RG01/draagkracht?jaar=2026&spreiding=5")
    assert page.status_code == 200, page.text[:500]
    # headroom 15, 27, 30: shares 1.04, 1.88, 2.08 → 1, 1, 2 and the one left to 1.88
    suggested = re.findall(r'<td data-name="suggested">([^<]*)</td>', page.text)
    assert suggested[:3] == ["1", "2", "2"]
    assert set(suggested[3:]) == {""}  # no ceiling: no part in the spread
    viewer = client_for(url)
    _make_viewer_of_rg01(url)
    login(viewer, "lezer-rg01@voorbeeld.nl", "geheim-wachtwoord")
    seen = viewer.get("/regio/RG01/draagkracht?jaar=2026&spreiding=5")
    assert seen.status_code == 200
    assert 'data-name="suggested"' not in seen.text


def test_the_number_to_spread_can_come_from_the_projection(
    fresh: tuple[str, TestClient],
) -> None:
    """The page offers the projection's yearly moves from BW and long stay into ordinary
    homes as the number to spread (issue 23, point 5), the API gives it with its band, and
    following the page's link shows the suggestion."""
    url, client = fresh
    outflow = client.get(f"{API.format(code='RG01')}/outflow", headers=_headers(url, EDITOR))
    assert outflow.status_code == 200, outflow.text
    found = outflow.json()
    assert 0 < found["low"] <= found["total"] <= found["high"]
    assert found["scenario"] == "voorbeeldregio-1"
    editor = client_for(url)
    login(editor, EDITOR)
    page = editor.get("/regio/RG01/draagkracht")
    link = re.search(r'href="(/regio/RG01/draagkracht\?[^"]*spreiding=(\d+)[^"]*)"', page.text)
    assert link, "the page offers the projected number"
    assert int(link.group(2)) == found["total"]
    suggested = editor.get(link.group(1).replace("&amp;", "&"))
    assert suggested.status_code == 200
    assert "Voorstel" in suggested.text


def test_a_ceiling_of_many_placements_is_not_held_to_the_rate_bound() -> None:
    """A ceiling of 1.200 placements (a large buurt) was refused because the bound of a rate
    per 1,000 adults was applied to counts as well (found typing it on the page)."""
    from ggzregio.app import neighbourhood as nb
    from ggzregio.errors import InputError

    assert nb.check_ceiling("placements", 1200, "1003", "formulier").value == 1200
    with pytest.raises(InputError):
        nb.check_ceiling("per_1000_adults", 1200, "1003", "formulier")
