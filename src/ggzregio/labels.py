"""Words at the edge: the codes that results carry, named in the user's language.

Core and application results hold codes and numbers (a comparison row's ``flags`` such as
``intramural:42.5:95;small``, a result's ``notes`` naming a message), so one cached result
serves every language. Whatever renders a result for people — files, pages, the report, the
API's label fields — names them here, in the active language."""

from __future__ import annotations

import string
from typing import Protocol

from ggzregio.formatting import format_number
from ggzregio.i18n import MESSAGES, t
from ggzregio.io.results import ResultSet

#: The column of a comparison's flags as codes, and the column naming them.
FLAGS = "flags"
FLAG_TEXT = "flag_reason"


def flag_text(codes: object) -> str:
    """The flags of one row in plain language ('' when there are none)."""
    if not isinstance(codes, str) or not codes:
        return ""
    parts = []
    for code in codes.split(";"):
        name, *params = code.split(":")
        if name == "intramural":
            limit = format_number(float(params[0]), 1) if params and params[0] else "–"
            parts.append(t("flag.intramural", limit=limit, band=params[1] if params[1:] else ""))
        elif name == "under_reach":
            parts.append(t("flag.under_reach", band=params[0] if params else ""))
        elif name == "suppressed":
            parts.append(t("flag.suppressed", threshold=params[0] if params else ""))
        else:
            parts.append(t(f"flag.{name}"))
    return "; ".join(parts)


class Refusal(Protocol):
    """What an application error carries (:class:`ggzregio.app.errors.AppError`): a kind,
    a detail and the values of the message the kind names."""

    kind: str
    detail: str
    values: dict[str, object]


def error_text(exc: Refusal) -> tuple[str, bool]:
    """An application error in the reader's language, and whether it is an explanation: the
    message its kind names (``rule.<kind>`` or ``web.<kind>``, with its values), else the
    title of its kind with the detail as given (a code or a name)."""
    for prefix in ("rule.", "web.", ""):
        key = f"{prefix}{exc.kind}"
        if key in MESSAGES and _placeholders(key) <= set(exc.values):
            return t(key, **exc.values), True
    return exc.detail, False


def _placeholders(key: str) -> set[str]:
    """The names a message fills in (a message of the same name that needs values the error
    does not carry is another message, not this error's explanation)."""
    text = MESSAGES[key]["nl"]
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def metadata_text(result: ResultSet) -> dict[str, str]:
    """The result's metadata with its notes in the active language (warnings first)."""
    notes = {key: t(message) for key, message in result.notes.items()}
    warnings = {k: v for k, v in notes.items() if k.isupper()}
    rest = {k: v for k, v in notes.items() if not k.isupper()}
    return {**warnings, **result.metadata, **rest}


def labelled(result: ResultSet) -> ResultSet:
    """``result`` for people: each table with ``flags`` also gets its ``flag_reason`` (beside
    it), and the notes join the metadata. Masks and facts are kept."""
    tables = {}
    for level, table in result.tables.items():
        if FLAGS in table and FLAG_TEXT not in table:
            out = table.copy()
            position = list(out.columns).index(FLAGS) + 1
            out.insert(position, FLAG_TEXT, out[FLAGS].map(flag_text))
            tables[level] = out
        else:
            tables[level] = table
    return ResultSet(tables, metadata_text(result), result.hidden, result.facts, result.reasons)


def empty_metadata(what: str = "empty.no_statistics_national") -> dict[str, str]:
    """The metadata of an answer with nothing in it yet: why, in the reader's language."""
    return {"explanation": t(what)}
