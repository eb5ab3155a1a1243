"""The claims input: four tables, their columns, and the refusal of direct identifiers.

A run reads, from one folder, ``persons``, ``trajectories``, ``stays`` and ``dispensings``, each
as one Parquet or CSV file or a folder of Parquet chunks (see ``docs/claims.md``), each column
read as its kind says (:data:`KIND_TYPES`), never as a CSV reader guesses. Ids must be
pseudonyms. Input that holds direct identifiers is refused before anything is counted: a column
named like a citizen service number, a name, an address or a date of birth, or an id column with
a value that passes the Dutch BSN eleven-test (so numeric pseudonyms of 8-9 digits are refused
too: use letters or longer keys). A key column (``person_id`` of ``persons``: one row per
person) with a value on more than one row is refused too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np
from numpy.typing import NDArray

from ggzregio.errors import Problem


@dataclass(frozen=True)
class Column:
    """A column of an input table: name, kind, whether it may be empty, whether each value
    may occur on one row only (a key), and whether a refusal may quote its values (not for a
    value that could be personal, such as a date of birth typed into ``birth_year``)."""

    name: str
    kind: str  # text, integer, date, code (see KIND_TYPES)
    required: bool = True
    unique: bool = False
    show_values: bool = True


TABLES: Final[dict[str, tuple[Column, ...]]] = {
    "persons": (
        Column("person_id", "text", unique=True),  # one row per person
        Column("birth_year", "integer", show_values=False),
        Column("sex", "code"),
        Column("pc4", "text"),
        Column("insurer", "text"),
        Column("insured_from", "integer"),
        Column("insured_to", "integer", required=False),
    ),
    "trajectories": (
        Column("person_id", "text"),
        Column("start", "date"),
        Column("end", "date", required=False),
        Column("product", "code"),
        Column("minutes", "integer", required=False),
        Column("contacts", "integer", required=False),
        Column("diagnosis_group", "text", required=False),
    ),
    "stays": (
        Column("person_id", "text"),
        Column("start", "date"),
        Column("end", "date", required=False),
        Column("kind", "code"),
    ),
    "dispensings": (
        Column("person_id", "text"),
        Column("date", "date"),
        Column("atc", "text"),
        Column("days_supplied", "integer"),
    ),
}
#: The type each kind of column is read as, whatever a file's own types or a CSV reader's
#: guess (``ggzregio.claims.reading``): integers as 64-bit integers, dates as dates, the rest
#: as text.
KIND_TYPES: Final[dict[str, str]] = {
    "text": "string",
    "code": "string",
    "integer": "int64",
    "date": "date",
}
#: Allowed codes per code column.
CODES: Final[dict[str, tuple[str, ...]]] = {
    "sex": ("M", "V", "X"),
    "product": ("basis", "basis_chronic", "specialist"),
    "kind": ("clinical", "wlz", "bw"),
}
#: Column names that are direct identifiers (matched on the name in lower case with
#: separators removed): citizen service numbers, names, addresses, dates of birth.
IDENTIFIER_NAMES: Final = re.compile(
    r"^(bsn|burgerservicenummer|sofinummer|sofi|citizenservicenumber|ssn|socialsecuritynumber"
    r"|naam|voornaam|voornamen|achternaam|geslachtsnaam|voorletters|name|firstname|lastname"
    r"|surname|fullname|givenname|familyname|patientname"
    r"|adres|straat|straatnaam|huisnummer|address|street|streetname|housenumber|postcode6|pc6"
    r"|geboortedatum|gebdat|birthdate|dateofbirth|dob)$"
)
ID_COLUMNS: Final = ("person_id",)
#: How many repeated keys a refusal shows the rows of (those whose first row comes first), and
#: at most how many rows it names.
DUPLICATES_SHOWN: Final = 3
DUPLICATE_ROWS_SHOWN: Final = 6


def identifier_columns(columns: Iterable[str]) -> list[str]:
    """The columns whose names say they hold direct identifiers."""
    return [c for c in columns if IDENTIFIER_NAMES.match(re.sub(r"[\s_\-.]", "", c.lower()))]


#: Weights of the BSN eleven-test (*elfproef*), digit by digit.
ELEVEN_WEIGHTS: Final = (9, 8, 7, 6, 5, 4, 3, 2, -1)


def passes_eleven_test(values: Sequence[object] | NDArray[np.object_]) -> NDArray[np.bool_]:
    """Which values are valid BSNs: 8 or 9 digits (8 read with a leading zero), not all zero,
    with ``9 d1 + 8 d2 + ... + 2 d8 - 1 d9`` divisible by 11 (the *elfproef*)."""
    text = np.asarray([str(v).strip() for v in values], dtype=object)
    digits_only = np.array([t.isdigit() and len(t) in (8, 9) for t in text], dtype=bool)
    out = np.zeros(len(text), dtype=bool)
    if not digits_only.any():
        return out
    padded = np.array([t.zfill(9) for t in text[digits_only]], dtype="U9")
    matrix = padded.view("U1").reshape(-1, 9).astype(np.int64)
    total = matrix @ np.array(ELEVEN_WEIGHTS)
    out[digits_only] = (total % 11 == 0) & (matrix.sum(axis=1) > 0)
    return out


def identifier_problems(
    file: str, columns: Sequence[str], ids: Sequence[object], first_row: int = 2
) -> list[Problem]:
    """Problems for direct identifiers in one input file (names of columns, BSN-like ids).

    ``first_row`` is the row number of the first record as a person sees it (2 in CSV, whose
    header is row 1; 1 in Parquet)."""
    problems = [Problem(file, "claims.identifier_column", c) for c in identifier_columns(columns)]
    if len(ids):
        bsn = passes_eleven_test(ids)
        if bsn.any():
            problems.append(
                Problem(
                    file,
                    "claims.bsn_like_id",
                    ID_COLUMNS[0],
                    rows=tuple(int(i) + first_row for i in np.flatnonzero(bsn)[:20]),
                    values={"n": int(bsn.sum())},
                )
            )
    return problems
