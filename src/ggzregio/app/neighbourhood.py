"""The neighbourhood load (*draagkracht*) of a region: its areas with the expected EPA care
prevalence, area indicators, planned placements and agreed ceilings, assessed, optionally
with a suggested spread, and always shown through the protected display (docs/neighbourhood.md).

Placements are counts of people (planning numbers, treated as sensitive): every output of a
region's placements goes through :func:`ggzregio.neighbourhood.display_tables`, audited
against the facts earlier revisions published (``published_facts``, scope per region and
year). Only the form where editors enter them shows the entered values as they are. Every
change is audited, kept in the edit history and raises the region's revision.

The number to spread is entered by the user: the flow model (:mod:`ggzregio.app.simulation`)
has no yearly outflow into ordinary housing yet (docs/neighbourhood.md, *Next*).
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Final

import pandas as pd
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ggzregio.app.context import Actor, Context
from ggzregio.app.errors import InvalidRequestError
from ggzregio.app.estimates import region_estimates
from ggzregio.app.files import Upload
from ggzregio.app.regions import get_region
from ggzregio.cbs import INDICATORS, cbs_numbers, read_area_indicators
from ggzregio.errors import InputError, Problem
from ggzregio.io.results import ResultSet
from ggzregio.labels import FLAG_TEXT
from ggzregio.neighbourhood import (
    AreaLoad,
    Assessment,
    Ceiling,
    LoadDisplay,
    PlacementCeiling,
    RateCeiling,
    SpreadResult,
    apply_spread,
    areas_from_estimate,
    assess,
    default_rules,
    display_tables,
    spread,
)
from ggzregio.neighbourhood.areas import SPREAD_RULES, SpreadRule
from ggzregio.neighbourhood.display import AREA_TABLE, RESERVED_COLUMNS
from ggzregio.storage import neighbourhood as store
from ggzregio.storage import repository as repo
from ggzregio.storage.database import transaction
from ggzregio.storage.models import Region
from ggzregio.storage.neighbourhood import StoredCeiling
from ggzregio.storage.neighbourhood_models import ENTERED, SPREAD
from ggzregio.text import control_character

CEILING_KINDS: Final = ("placements", "per_1000_adults")
#: Bounds of what a region can enter (refused above: a typing error, not a plan).
MAX_PLACEMENTS: Final = 100_000
MAX_RATE: Final = 1000.0
FIRST_YEAR: Final = 2000
LAST_YEAR: Final = 2100
#: The level whose sums are published besides the areas and the region.
MUNICIPALITY: Final = "municipality"
#: The rule of a text holding a control character (``rule.`` + this: the message).
CONTROL_CHARACTER: Final = "neighbourhood.control_character"
NOTE_TEXT: Final = "note_text"


def default_year() -> int:
    return date.today().year


@dataclass(frozen=True)
class LoadView:
    """What a reader of the region sees: the protected display, the rules, the spread (adopted
    or suggested) and the year, with the area names and municipalities of the areas."""

    region_code: str
    year: int
    years: tuple[int, ...]
    display: LoadDisplay
    assessment_notes: dict[str, tuple[Any, ...]]
    spread_rule: str | None
    spread_total: int | None
    #: ``adopted`` (stored), ``suggested`` (not stored) or None (no spread)
    spread_kind: str | None
    metadata: dict[str, str] = field(default_factory=dict)

    @property
    def threshold(self) -> int:
        return self.display.threshold

    def unplaced(self) -> int | None:
        """The spread's unplaced placements when shown (None: hidden or no spread)."""
        table = self.display.tables.get("unplaced")
        if table is None or bool(self.display.masks["unplaced"]["placements"].iloc[0]):
            return None
        return int(table["placements"].iloc[0])

    def result_set(self) -> ResultSet:
        """The display as a result set for pages, downloads and the API, with the reasons
        and notes in the active language (hidden cells empty, their masks kept)."""
        tables: dict[str, pd.DataFrame] = {}
        for name, table in self.display.tables.items():
            out = table.copy()
            if name == AREA_TABLE:
                codes = out["area_code"].astype(str)
                reasons = [self.display.reasons.get(c, ()) for c in codes]
                notes = [self.assessment_notes.get(c, ()) for c in codes]
                out.insert(list(out.columns).index("flags") + 1, FLAG_TEXT,
                           ["; ".join(f.text() for f in r) for r in reasons])  # fmt: skip
                out.insert(list(out.columns).index("notes") + 1, NOTE_TEXT,
                           ["; ".join(f.text() for f in n) for n in notes])  # fmt: skip
            tables[name] = out
        return ResultSet(tables, dict(self.metadata), dict(self.display.masks))


def _scope(code: str, year: int) -> str:
    """The disclosure history of a region's placements of one year."""
    return f"neighbourhood:{code}:{year}"


def _check_year(year: int, file: str) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        values: dict[str, object] = {"value": year, "low": FIRST_YEAR, "high": LAST_YEAR}
        raise InputError([Problem(file, "bad_parameter", key="year", values=values)])


def _ceiling(stored: StoredCeiling) -> Ceiling:
    if stored.kind == "placements":
        return PlacementCeiling(int(stored.value))
    return RateCeiling(float(stored.value))


def _indicators(db: Session, code: str) -> tuple[pd.DataFrame, list[str]]:
    """Indicator columns per area: those of the area table (the CBS KWB columns of
    :data:`ggzregio.cbs.INDICATORS`) and the imported ones (which win on a shared name)."""
    stored = store.area_values(db, code, tuple(INDICATORS))
    out = pd.DataFrame({"area_code": list(stored)}, dtype=object)
    for name in INDICATORS:
        cells = pd.Series([stored[c][name] for c in out["area_code"]], dtype=object)
        if cells.notna().any():
            out[name] = cbs_numbers(cells).to_numpy()
    imported = store.indicators(db, code)
    names = sorted({n for values in imported.values() for n in values})
    for name in names:
        out[name] = [imported.get(c, {}).get(name) for c in out["area_code"]]
        out[name] = pd.to_numeric(out[name], errors="coerce")
    return out, [c for c in out.columns if c != "area_code"]


def _areas(
    ctx: Context, db: Session, region: Region, year: int
) -> tuple[list[AreaLoad], dict[str, str], dict[str, int], pd.DataFrame]:
    """The region's areas with entered placements of ``year`` (spread rows left out), the
    municipality of each area, the stored placements of areas no longer in the table, and
    the estimate's area table."""
    estimate = region_estimates(ctx, db, region).tables["area"].copy()
    estimate["area_code"] = estimate["area_code"].astype(str)
    indicators, names = _indicators(db, region.code)
    estimate = estimate.drop(columns=[n for n in names if n in estimate])
    table = estimate.merge(indicators, on="area_code", how="left")
    known = set(table["area_code"])
    entered = store.placements(db, region.code, year, ENTERED)
    stored = store.placements(db, region.code, year)
    gone = {c: n for c, n in stored.items() if c not in known}
    ceilings = {c: _ceiling(s) for c, s in store.ceilings(db, region.code).items() if c in known}
    areas = areas_from_estimate(
        table,
        indicators=names,
        planned={c: n for c, n in entered.items() if c in known},
        ceilings=ceilings,
    )
    municipality = {}
    if "municipality_code" in table:
        municipality = {
            str(c): str(m)
            for c, m in zip(table["area_code"], table["municipality_code"], strict=True)
            if pd.notna(m) and str(m)
        }
    return areas, municipality, gone, table


def view(
    ctx: Context,
    db: Session,
    code: str,
    year: int | None = None,
    *,
    suggest: tuple[int, SpreadRule] | None = None,
) -> LoadView:
    """The protected neighbourhood load of region ``code`` for ``year`` (default: the latest
    year with placements, else this year): the adopted spread included, or with ``suggest``
    (number, rule) a suggested spread of that many placements instead (not stored)."""
    region = get_region(db, code)
    years = tuple(store.placement_years(db, code))
    year = year or (years[-1] if years else default_year())
    _check_year(year, "URL")
    threshold = ctx.settings.threshold

    def build() -> LoadView:
        areas, municipality, gone, _ = _areas(ctx, db, region, year)
        rules = default_rules()
        result: SpreadResult | None = None
        kind: str | None = None
        if suggest is not None:
            result, kind = spread(suggest[0], areas, suggest[1]), "suggested"
        else:
            record = store.spread_record(db, code, year)
            if record is not None and record.rule in SPREAD_RULES:
                placed = store.placements(db, code, year, SPREAD)
                placed = {c: n for c, n in placed.items() if c not in gone}
                rule: SpreadRule = "adults" if record.rule == "adults" else "headroom"
                total = max(record.total, sum(placed.values()))
                result, kind = SpreadResult(rule, total, placed, {}, {}), "adopted"
        if result is not None:
            areas = apply_spread(areas, result)
        assessment = assess(areas, rules)
        scope = _scope(code, year)
        with transaction(ctx.factory) as session:
            history = repo.published_facts(session, scope, region.revision)
        display = display_tables(
            assessment,
            threshold=threshold,
            groupings={MUNICIPALITY: municipality} if municipality else None,
            spread=result,
            unpublished=_unpublished(gone),
            history=history,
        )
        try:
            with transaction(ctx.factory) as session:
                repo.remember_facts(session, scope, region.revision, display.facts)
        except IntegrityError:  # another worker stored the same facts first
            pass
        return LoadView(
            region_code=code,
            year=year,
            years=tuple(sorted({*years, year})),
            display=display,
            assessment_notes=_notes(assessment),
            spread_rule=None if result is None else result.rule,
            spread_total=None if result is None else result.total,
            spread_kind=kind,
            metadata=_metadata(region, year, threshold, rules.method, result, kind),
        )

    key = ("neighbourhood", code, region.revision, year, threshold, suggest)
    return ctx.cached(key, build)


def _unpublished(gone: Mapping[str, int]) -> dict[Hashable, int] | None:
    """Stored placements of areas no longer in the area table (earlier outputs showed them)."""
    out: dict[Hashable, int] = {}
    out.update(gone)
    return out or None


def _notes(assessment: Assessment) -> dict[str, tuple[Any, ...]]:
    """The notes per area (public: no ceiling, load unknown, few adults)."""
    return {a.code: a.notes for a in assessment.areas}


def _metadata(
    region: Region,
    year: int,
    threshold: int,
    method: str,
    result: SpreadResult | None,
    kind: str | None,
) -> dict[str, str]:
    out = {
        "region_code": region.code,
        "year": str(year),
        "data_version": region.data_version or "database",
        "threshold": str(threshold),
        "far_above_method": method,
        "rules": "data/neighbourhood/rules.toml (assumptions, 000:2865-2871; 003:458-474)",
    }
    if region.synthetic:
        out["synthetic"] = "true"
    if result is not None and kind is not None:
        out |= {"spread": kind, "spread_rule": result.rule, "spread_total": str(result.total)}
    return out


# --- what editors enter ----------------------------------------------------------------------


@dataclass(frozen=True)
class EntryRow:
    """One area of the editors' form: the entered placements as they are (not protected:
    only for the region's editors, who entered them) and the stored ceiling."""

    area_code: str
    area_name: str
    adults: int
    placements: int | None
    ceiling: StoredCeiling | None
    #: what a suggested spread adds (None: no suggestion, or the area takes no part)
    suggested: int | None = None


def entry_rows(
    ctx: Context,
    db: Session,
    code: str,
    year: int,
    suggest: tuple[int, SpreadRule] | None = None,
) -> list[EntryRow]:
    """The form rows for the region's editors (callers check the role), with ``suggest``
    (number, rule) what a suggested spread of that many placements adds to each area: the
    editors' own view of their numbers, not protected (the display is for everyone else)."""
    region = get_region(db, code)
    areas, _, _, _ = _areas(ctx, db, region, year)
    stored = store.ceilings(db, code)
    placed: Mapping[str, int] = {}
    if suggest is not None:
        placed = spread(suggest[0], areas, suggest[1]).placed
    return [
        EntryRow(
            a.code, a.name, a.adults, a.planned or None, stored.get(a.code), placed.get(a.code)
        )
        for a in areas
    ]


def _known_codes(db: Session, code: str, codes: Sequence[str], file: str) -> None:
    known = set(repo.area_frame(db, code)["area_code"].astype(str)) if codes else set()
    unknown = sorted(set(codes) - known)
    if unknown:
        values: dict[str, object] = {"codes": ", ".join(unknown[:5])}
        raise InputError([Problem(file, "geo.unknown_codes", "area_code", values=values)])


def _changed(db: Session, region: Region, actor: Actor, action: str, detail: str) -> None:
    region.revision += 1  # cached pages and answers show the change; a new history step
    repo.audit(db, action, actor.user_id, region.code, detail, actor.client)


def set_placements(
    ctx: Context,
    actor: Actor,
    code: str,
    year: int,
    values: Mapping[str, int | None],
    file: str = "placements",
) -> int:
    """Set the entered placements of ``year`` of the named areas (None or 0 removes one);
    returns the number of values changed."""
    _check_year(year, file)
    bad = [(c, n) for c, n in values.items() if n is not None and not 0 <= n <= MAX_PLACEMENTS]
    if bad:
        raise InputError([_out_of_range(file, c, n, MAX_PLACEMENTS) for c, n in bad[:20]])
    with transaction(ctx.factory) as db:
        region = get_region(db, code)
        _known_codes(db, code, list(values), file)
        changed = store.set_placements(db, code, year, values, actor.user_id)
        if changed:
            _changed(db, region, actor, "neighbourhood.placements", f"{year}: {changed}")
    return changed


def check_ceiling(kind: str, value: float, area: str, file: str) -> StoredCeiling:
    """A ceiling as typed, checked: a known kind, a number ≥ 0, whole for placements."""
    if kind not in CEILING_KINDS:
        allowed: dict[str, object] = {"value": kind, "allowed": ", ".join(CEILING_KINDS)}
        raise InputError([Problem(file, "bad_choice", "kind", key=area, values=allowed)])
    if kind == "placements" and (value != int(value) or not 0 <= value <= MAX_PLACEMENTS):
        raise InputError([_out_of_range(file, area, value, MAX_PLACEMENTS)])
    if kind != "placements" and not 0 <= value <= MAX_RATE:  # a rate per 1,000 adults
        values: dict[str, object] = {"value": value}
        raise InputError([Problem(file, "value_outside_range", kind, key=area, values=values)])
    return StoredCeiling(kind, float(value))


def check_text(
    value: str, field: str, file: str, *, key: str | None = None, lines: bool = False
) -> str:
    """A text the feature stores, refused when it holds a control character (NUL and the
    like, which PostgreSQL cannot store); tabs and line breaks only where ``lines``."""
    bad = control_character(value, lines=lines)
    if bad is None:
        return value
    values: dict[str, object] = {"code": bad}
    raise InputError([Problem(file, CONTROL_CHARACTER, field, key=key, values=values)])


def _out_of_range(file: str, area: str, value: float, high: int) -> Problem:
    """A count outside 0..``high`` (or not whole), named by its area."""
    values: dict[str, object] = {"value": value, "low": 0, "high": high}
    return Problem(file, "bad_parameter", key=area, values=values)


def set_ceilings(
    ctx: Context,
    actor: Actor,
    code: str,
    values: Mapping[str, StoredCeiling | None],
    file: str = "ceilings",
) -> int:
    """Set or remove (None) the ceilings of the named areas; returns the fields changed."""
    checked: dict[str, StoredCeiling | None] = {}
    for area, ceiling in values.items():
        if ceiling is not None:
            base = check_ceiling(ceiling.kind, ceiling.value, area, file)
            by = check_text(ceiling.agreed_by, "agreed_by", file, key=area)
            ceiling = StoredCeiling(base.kind, base.value, ceiling.agreed_on, by)
        checked[area] = ceiling
    with transaction(ctx.factory) as db:
        region = get_region(db, code)
        _known_codes(db, code, list(checked), file)
        changed = store.set_ceilings(db, code, checked, actor.user_id)
        if changed:
            _changed(db, region, actor, "neighbourhood.ceilings", f"{len(checked)}: {changed}")
    return changed


def adopt_spread(
    ctx: Context, actor: Actor, code: str, year: int, total: int, rule: SpreadRule
) -> LoadView:
    """Spread ``total`` placements of ``year`` over the areas under their ceilings (``rule``)
    and store the result (replacing an earlier spread of that year); returns the new view."""
    _check_year(year, "spread")
    if not 0 <= total <= MAX_PLACEMENTS * 10:
        raise InputError([_out_of_range("spread", "total", total, MAX_PLACEMENTS * 10)])
    with transaction(ctx.factory) as db:
        region = get_region(db, code)
        areas, _, _, _ = _areas(ctx, db, region, year)
        result = spread(total, areas, rule)
        store.adopt_spread(db, code, year, total, rule, result.placed, actor.user_id)
        detail = f"{year}: {total} ({rule})"
        _changed(db, region, actor, "neighbourhood.spread", detail)
    with ctx.factory() as db:
        return view(ctx, db, code, year)


def import_indicators(
    ctx: Context, actor: Actor, code: str, upload: Upload, columns: Sequence[str] = ()
) -> tuple[tuple[str, ...], int]:
    """Store the numeric columns of an area file as indicators of the region's areas (rows
    of other areas, as in a national KWB file, are left out; a file naming none of them is
    refused). Returns the indicator names and the number of areas."""
    check_text(upload.name, "file", upload.name)
    table = upload.read(lambda path: read_area_indicators(path, tuple(columns)))
    for name in table.names:
        check_text(name, "column", upload.name)
    clash = sorted(RESERVED_COLUMNS.intersection(table.names))
    if clash:
        raise InvalidRequestError(
            "neighbourhood.indicator_reserved",
            upload.name,
            file=upload.name,
            values=", ".join(clash),
        )
    with transaction(ctx.factory) as db:
        region = get_region(db, code)
        known = set(repo.area_frame(db, code)["area_code"].astype(str))
        inside = {c: v for c, v in table.values.items() if c in known}
        if not inside:
            sample = ", ".join(list(table.values)[:5])
            raise InvalidRequestError(
                "neighbourhood.no_areas", upload.name, file=upload.name, values=sample
            )
        store.replace_indicators(db, code, inside, table.names, upload.name, actor.user_id)
        detail = f"{upload.name}: {', '.join(table.names)} ({len(inside)})"
        _changed(db, region, actor, "neighbourhood.indicators", detail)
    return table.names, len(inside)
