"""CBS area statistics to the canonical area table.

Reads the *Kerncijfers wijken en buurten* tables of any year (StatLine / open data CSV or
Excel, whose column names carry a per-year numeric suffix such as
``PersonenPerSoortUitkeringBijstand_74``; matched on the stem), the CBS ``kwb-YYYY`` files and
Wijk- en buurtkaart attributes (short names such as ``a_soz_wb``) and the CBS PC4 statistics
(``INWONER``, ``INW_1524`` ...). Derives what the prevalence model needs; every derivation is
listed in :data:`DERIVATIONS` and in ``docs/cbs.md``:

- ``adults`` (18+) from the age bands: the 25-44, 45-64 and 65+ bands in full plus a share of
  the 15-24 band (default 0.7: ages 18-24 are 7 of its 10 years, assuming ages spread evenly
  within the band; ``share_18_24`` changes it);
- ``pct_single_households`` = one-person households / all households x 100;
- ``pct_wwb`` and ``pct_ao`` = persons with a social assistance (bijstand) or disability (AO)
  benefit / inhabitants x 100 (the model's definition: share of inhabitants of any age);
- ``pct_corporation_rental`` (share of dwellings owned by housing corporations, StatLine
  ``InBezitWoningcorporatie``, kwb ``p_wcorpw``) as published, when the file has it: an area
  indicator of the neighbourhood load, not a model input (:data:`INDICATORS`);
- ``oad`` as published; only where it is missing and the CBS urbanity class
  (*mate van stedelijkheid*, 1 = very strongly urban) is published, ``urbanity_class`` =
  6 - that class (the model's classes run the other way: I = not urban).

CBS markers for secret or unknown values (``.``, ``x``, ``-``, ``?``, empty, and the codes
-99995 to -99999) are read as missing, never as zero; a derived value with a missing part is
missing, and the import reports how many areas lack which variable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Final, Literal

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from ggzregio.errors import InputError, Problem
from ggzregio.io.tables import (
    ParsedColumn,
    RawTable,
    SourceInfo,
    choose_decimal,
    normalise_column,
    offending,
    parse_numbers,
    parse_text,
    read_table,
)

Level = Literal["buurt", "wijk", "gemeente", "all"]
DEFAULT_SHARE_18_24: Final = 0.7
#: Text markers CBS uses for secret, unknown or not applicable values.
TEXT_MARKERS: Final = frozenset({"", ".", "x", "X", "-", "?", "..", "nvt"})
#: Numeric marker codes in CBS files (e.g. -99997 = secret), all read as missing.
NUMERIC_MARKER_MAX: Final = -99990.0

#: Source columns per variable: stems of the StatLine names (suffix ``_NN`` dropped) and the
#: short names of the kwb files, the Wijk- en buurtkaart and the PC4 statistics.
COLUMNS: Final[dict[str, tuple[str, ...]]] = {
    "code": (
        "WijkenEnBuurten",
        "Codering",
        "gwb_code_10",
        "gwb_code",
        "BU_CODE",
        "WK_CODE",
        "GM_CODE",
        "buurtcode",
        "wijkcode",
        "gemeentecode",
        "PC4",
        "postcode",
    ),
    "kind": ("SoortRegio", "recs"),
    "area_name": ("regio", "BU_NAAM", "WK_NAAM", "buurtnaam", "wijknaam"),
    "municipality_name": ("Gemeentenaam", "gm_naam", "GM_NAAM"),
    "inhabitants": ("AantalInwoners", "a_inw", "AANT_INW", "INWONER", "aantal_inwoners"),
    "age_15_24": ("k_15Tot25Jaar", "a_15_24", "INW_1524"),
    "age_25_44": ("k_25Tot45Jaar", "a_25_44", "INW_2544"),
    "age_45_64": ("k_45Tot65Jaar", "a_45_64", "INW_4564"),
    "age_65_plus": ("k_65JaarOfOuder", "a_65_oo", "INW_65PL"),
    "households": ("HuishoudensTotaal", "a_hh", "AANTAL_HH", "aantal_huishoudens"),
    "single_households": ("Eenpersoonshuishoudens", "a_1p_hh", "TOTHH_EENP"),
    "wwb": ("PersonenPerSoortUitkeringBijstand", "a_soz_wb"),
    "ao": ("PersonenPerSoortUitkeringAO", "a_soz_ao"),
    "oad": ("Omgevingsadressendichtheid", "ste_oad", "OAD", "omgevingsadressendichtheid"),
    "cbs_urbanity": ("MateVanStedelijkheid", "ste_mvs", "STED", "stedelijkheid"),
    "corporation_rental": ("InBezitWoningcorporatie", "p_wcorpw"),
}
NUMERIC: Final = (
    "inhabitants", "age_15_24", "age_25_44", "age_45_64", "age_65_plus", "households",
    "single_households", "wwb", "ao", "oad", "cbs_urbanity", "corporation_rental",
)  # fmt: skip
#: Area indicators taken over as published when the file has them (not model inputs): output
#: column to variable. The share of dwellings that are rental housing owned by housing
#: corporations (%), for the neighbourhood load (docs/neighbourhood.md).
INDICATORS: Final[dict[str, str]] = {"pct_corporation_rental": "corporation_rental"}
#: What each model input is made of (documentation and the run's notes).
DERIVATIONS: Final[dict[str, str]] = {
    "adults": "share_18_24 x k_15Tot25Jaar + k_25Tot45Jaar + k_45Tot65Jaar + k_65JaarOfOuder",
    "pct_single_households": "Eenpersoonshuishoudens / HuishoudensTotaal x 100",
    "pct_wwb": "PersonenPerSoortUitkeringBijstand / AantalInwoners x 100",
    "pct_ao": "PersonenPerSoortUitkeringAO / AantalInwoners x 100",
    "oad": "Omgevingsadressendichtheid as published",
    "urbanity_class": "6 - MateVanStedelijkheid, only where OAD is missing",
}
KINDS: Final = {"buurt": "buurt", "wijk": "wijk", "gemeente": "gemeente"}
_SUFFIX = re.compile(r"_\d+$")
_AREA_CODE = re.compile(r"^(BU|WK|GM)\d{4,8}$")
_PC4 = re.compile(r"^\d{4}$")


@dataclass(frozen=True)
class CbsImport:
    """The canonical area table made from a CBS file, with what was done to get it."""

    frame: pd.DataFrame
    source: SourceInfo
    matched: dict[str, str]
    missing: dict[str, int] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    def metadata(self) -> dict[str, str]:
        out = {
            "cbs_source": self.source.name,
            "cbs_columns": "; ".join(f"{k}={v}" for k, v in self.matched.items()),
            "cbs_derivations": "; ".join(f"{k} = {v}" for k, v in DERIVATIONS.items()),
        }
        if self.missing:
            out["cbs_missing"] = "; ".join(f"{k}: {n}" for k, n in self.missing.items())
        return out


def stem(column: str) -> str:
    """A column name without its per-year numeric suffix: ``Omgevingsadressendichtheid``."""
    return _SUFFIX.sub("", column.strip())


def _key(name: str) -> str:
    return name.strip().lower().replace("_", "").replace(" ", "")


def match_columns(columns: list[str], file: str) -> dict[str, str]:
    """Map model variables to the file's columns: by exact name first (short names such as
    ``a_15_24``), else by stem (``PersonenPerSoortUitkeringBijstand_74``); case, spaces and
    underscores do not matter. Two columns for one variable is an error, not a guess."""
    exact: dict[str, list[str]] = {}
    stems: dict[str, list[str]] = {}
    for column in columns:
        exact.setdefault(_key(column), []).append(column)
        stems.setdefault(_key(stem(column)), []).append(column)
    found: dict[str, str] = {}
    for variable, candidates in COLUMNS.items():
        hits = [c for name in candidates for c in exact.get(_key(name), [])]
        if not hits:
            hits = [c for name in candidates for c in stems.get(_key(name), [])]
        hits = list(dict.fromkeys(hits))
        if variable == "code" and len(hits) > 1:
            hits = hits[:1]  # WijkenEnBuurten before Codering; checked for codes below
        if len(hits) > 1:
            raise InputError(
                [Problem(file, "cbs.ambiguous", hits[0], values={"columns": ", ".join(hits)})]
            )
        if hits:
            found[variable] = hits[0]
    return found


def _parse(series: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """CBS cells as numbers, and which cells are neither a number nor a marker."""
    if pd.api.types.is_numeric_dtype(series):
        values = series.astype(float)
        return values.mask(values <= NUMERIC_MARKER_MAX), np.zeros(len(series), dtype=bool)
    text = series.astype("string").str.strip()
    text = text.mask(text.isin(TEXT_MARKERS))
    text = text.str.replace(" ", "", regex=False)
    comma = text.str.contains(",", regex=False).fillna(False)
    text = text.where(~comma, text.str.replace(".", "", regex=False).str.replace(",", "."))
    values = pd.to_numeric(text, errors="coerce").astype(float)
    bad = np.asarray(values.isna() & text.notna(), dtype=bool)
    return values.mask(values <= NUMERIC_MARKER_MAX), bad


def cbs_numbers(series: pd.Series) -> pd.Series:
    """CBS cells as numbers: markers and blanks become missing (NaN), never zero. Accepts a
    decimal comma (StatLine's Dutch CSV)."""
    return _parse(series)[0]


def _codes(frame: pd.DataFrame, matched: dict[str, str], file: str) -> pd.Series:
    code = frame[matched["code"]].astype("string").str.strip()
    looks = code.str.match(_AREA_CODE) | code.str.match(_PC4)
    if not looks.fillna(False).any():
        # StatLine's labelled export: the first column holds names, Codering the codes.
        codering = next((c for c in frame.columns if _key(stem(c)) == "codering"), None)
        if codering is None:
            raise InputError([Problem(file, "cbs.no_codes", matched["code"])])
        matched["area_name"] = matched["code"]
        matched["code"] = codering
        code = frame[codering].astype("string").str.strip()
    return code


def from_frame(
    raw: RawTable,
    *,
    level: Level = "buurt",
    share_18_24: float = DEFAULT_SHARE_18_24,
) -> CbsImport:
    """The canonical area table from a CBS table already read (see module docstring)."""
    file = raw.source.name
    frame = raw.frame
    matched = match_columns([str(c) for c in frame.columns], file)
    if "code" not in matched:
        raise InputError([Problem(file, "cbs.no_codes", values={})])
    required = ("inhabitants", "age_15_24", "age_25_44", "age_45_64", "age_65_plus",
                "households", "single_households", "wwb", "ao")  # fmt: skip
    absent = [v for v in required if v not in matched]
    if "oad" not in matched and "cbs_urbanity" not in matched:
        absent.append("oad")
    if absent:
        names = ", ".join(COLUMNS[v][0] for v in absent)
        raise InputError([Problem(file, "cbs.missing_columns", values={"columns": names})])
    if not 0.0 <= share_18_24 <= 1.0:
        raise InputError([Problem(file, "cbs.share_18_24", values={"value": share_18_24})])
    code = _codes(frame, matched, file)
    keep: NDArray[np.bool_] = np.ones(len(frame), dtype=bool)
    if "kind" in matched and level != "all":
        kind = frame[matched["kind"]].astype("string").str.strip().str.lower()
        keep = np.asarray(kind.str.startswith(KINDS[level]).fillna(False), dtype=bool)
    elif level != "all":
        prefix = {"buurt": "BU", "wijk": "WK", "gemeente": "GM"}[level]
        if code.str.startswith(("BU", "WK", "GM")).fillna(False).any():
            keep = np.asarray(code.str.startswith(prefix).fillna(False), dtype=bool)
    problems: list[Problem] = []
    numbers: dict[str, pd.Series] = {}
    for variable in NUMERIC:
        if variable not in matched:
            numbers[variable] = pd.Series(np.nan, index=frame.index)
            continue
        column = matched[variable]
        numbers[variable], unreadable = _parse(frame[column])
        bad = unreadable & keep
        if bad.any():
            rows = tuple(int(r) for r in frame.index[bad][:20])
            sample = ", ".join(frame[column][bad].astype(str).head(3))
            problems.append(Problem(file, "cbs.not_a_number", column, rows, {"values": sample}))
    if problems:
        raise InputError(problems)
    n = numbers
    out = pd.DataFrame({"area_code": code})
    if "area_name" in matched:
        out["area_name"] = frame[matched["area_name"]].astype("string").str.strip()
    out["inhabitants"] = n["inhabitants"]
    out["adults"] = (
        share_18_24 * n["age_15_24"] + n["age_25_44"] + n["age_45_64"] + n["age_65_plus"]
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        out["pct_single_households"] = _ratio(n["single_households"], n["households"])
        out["pct_wwb"] = _ratio(n["wwb"], n["inhabitants"])
        out["pct_ao"] = _ratio(n["ao"], n["inhabitants"])
    out["oad"] = n["oad"]
    for name, variable in INDICATORS.items():
        if variable in matched:  # a missing value stays missing
            out[name] = n[variable]
    notes: list[str] = []
    if n["oad"].isna().any() and "cbs_urbanity" in matched:
        use = n["oad"].isna() & n["cbs_urbanity"].between(1, 5)
        out["urbanity_class"] = (6 - n["cbs_urbanity"]).where(use)
        if use[keep].any():
            notes.append(f"urbanity_class = 6 - MateVanStedelijkheid: {int(use[keep].sum())} areas")
    municipality = code.where(~code.str.startswith(("BU", "WK")), "GM" + code.str[2:6])
    out["municipality_code"] = municipality.where(code.str.match(_AREA_CODE).fillna(False))
    if "municipality_name" in matched:
        out["municipality_name"] = frame[matched["municipality_name"]].astype("string").str.strip()
    out = out[keep].copy()
    out.index = frame.index[keep]
    if "urbanity_class" in out.columns and out["urbanity_class"].isna().all():
        out = out.drop(columns=["urbanity_class"])
    over = out["pct_single_households"] > 100
    if over.any():
        rows = tuple(int(r) for r in out.index[over.to_numpy()][:20])
        raise InputError([Problem(file, "cbs.over_100", matched["single_households"], rows)])
    model_inputs = ["adults", "pct_single_households", "pct_wwb", "pct_ao"]
    missing = {c: int(out[c].isna().sum()) for c in model_inputs if out[c].isna().any()}
    location = out["oad"].isna()
    if "urbanity_class" in out.columns:
        location &= out["urbanity_class"].isna()
    if location.any():
        missing["oad"] = int(location.sum())
    return CbsImport(out.reset_index(drop=True), raw.source, matched, missing, tuple(notes))


def _ratio(part: pd.Series, whole: pd.Series) -> pd.Series:
    return (part / whole * 100).where(whole > 0)


def read_cbs(
    path: str | Path,
    *,
    level: Level = "buurt",
    share_18_24: float = DEFAULT_SHARE_18_24,
    sheet: str | None = None,
) -> CbsImport:
    """Read a CBS file (CSV, Excel, Parquet) and make the canonical area table."""
    return from_frame(read_table(path, sheet=sheet), level=level, share_18_24=share_18_24)


# --- area indicators (neighbourhood load) ---------------------------------------------------

#: Columns of an indicator file that name an area rather than measure it.
_NOT_INDICATORS: Final = frozenset(
    {"area_code", "area_name", "municipality_code", "municipality_name", "region_code",
     "region_name", "kind", "level"}
)  # fmt: skip
#: An indicator's name: lower-case letters, digits, '-' and '_', at most 64 (the storage
#: column's width); it becomes a column header of every download.
_INDICATOR_NAME: Final = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")


@dataclass(frozen=True)
class IndicatorTable:
    """Area indicators read from a file: per area code the value of each indicator (None where
    the file has no value: a blank cell or a CBS marker stays missing, never 0)."""

    values: dict[str, dict[str, float | None]]
    names: tuple[str, ...]
    source: SourceInfo
    #: Columns left out because they hold text, not numbers (names, classes).
    skipped: tuple[str, ...] = ()


def read_area_indicators(path: str | Path, columns: tuple[str, ...] = ()) -> IndicatorTable:
    """Numeric columns of an area file (CSV or Excel; Dutch or English numbers; a CBS kwb or
    StatLine file too) as area indicators. The areas are named by ``area_code`` or a CBS code
    column. ``columns`` names the indicators to take (each must be there and hold numbers);
    without it every column that holds numbers is taken and text columns are skipped. A cell
    that is neither a number, blank nor a CBS marker refuses the file, naming file, rows and
    column."""
    raw = read_table(path)
    file, frame = raw.source.name, raw.frame
    code_column = "area_code" if "area_code" in frame else match_columns(
        [str(c) for c in frame.columns], file).get("code")  # fmt: skip
    if code_column is None:
        found = ", ".join(map(str, frame.columns))
        raise InputError([Problem(file, "missing_column", "area_code", values={"found": found})])
    codes, missing_code = parse_text(frame[code_column])
    problems = []
    if missing_code.any():
        rows = tuple(int(r) for r in frame.index[missing_code][:20])
        problems.append(Problem(file, "missing_value", code_column, rows, {"values": ""}))
    wanted = [normalise_column(c) for c in columns]
    absent = [c for c in wanted if c not in frame.columns]
    if absent:
        found = ", ".join(map(str, frame.columns))
        problems += [Problem(file, "missing_column", c, values={"found": found}) for c in absent]
    candidates = wanted or [
        str(c) for c in frame.columns if c != code_column and c not in _NOT_INDICATORS
    ]
    cleaned = {c: frame[c].map(_marker_missing) for c in candidates if c in frame}
    decimal = choose_decimal(RawTable(pd.DataFrame(cleaned, index=frame.index), raw.source),
                             list(cleaned))  # fmt: skip
    names: list[str] = []
    skipped: list[str] = []
    parsed: dict[str, ParsedColumn] = {}
    for column, cells in cleaned.items():
        p = _without_markers(parse_numbers(cells, decimal))
        if not wanted and p.bad.any() and not (~p.missing & ~p.bad).any():
            skipped.append(column)  # only text: a name or class column, not an indicator
            continue
        if p.bad.any():
            rows, sample = offending(cells, p.bad)
            values: dict[str, object] = {"values": sample, "decimal": decimal}
            problems.append(Problem(file, "non_numeric", column, rows[:20], values))
        if not _INDICATOR_NAME.fullmatch(column):  # a safe header in every download
            problems.append(Problem(file, "bad_scenario_name", column))
        names.append(column)
        parsed[column] = p
    if not problems and not names:
        found = ", ".join(map(str, frame.columns))  # no column with numbers
        problems.append(Problem(file, "missing_column", values={"found": found}))
    if problems:
        raise InputError(problems)
    check_unique_texts(codes, file, code_column)
    out: dict[str, dict[str, float | None]] = {}
    for i, code in enumerate(codes):
        out[str(code)] = {
            n: None if np.isnan(parsed[n].values[i]) else float(parsed[n].values[i]) for n in names
        }
    source = replace(raw.source, decimal=decimal)
    return IndicatorTable(out, tuple(names), source, tuple(skipped))


def _without_markers(parsed: ParsedColumn) -> ParsedColumn:
    """CBS marker codes (-99997 ...) written as text are missing too."""
    marker = parsed.values <= NUMERIC_MARKER_MAX
    if not marker.any():
        return parsed
    values = np.where(marker, np.nan, parsed.values)
    return ParsedColumn(values, parsed.missing | marker, parsed.bad)


def _marker_missing(value: object) -> object:
    """A CBS marker (``.``, ``x``, ``-``, -99997 ...) as a missing cell."""
    if isinstance(value, str) and value.strip() in TEXT_MARKERS:
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return None if value <= NUMERIC_MARKER_MAX else value
    return value


def check_unique_texts(codes: pd.Series, file: str, column: str) -> None:
    """An area code given twice refuses the file (which value would count?)."""
    doubled = codes[codes.duplicated(keep=False)]
    if len(doubled):
        rows = tuple(int(r) for r in doubled.index[:20])
        values: dict[str, object] = {"values": ", ".join(sorted(set(map(str, doubled)))[:5])}
        raise InputError([Problem(file, "duplicate_code", column, rows, values)])
