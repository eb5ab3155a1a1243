"""The reference data of the agenda (``data/agenda/speerpunten.toml``): the five speerpunten of
the inclusion agenda (004:724-731, detailed in 004:327-653), the guiding questions per
speerpunt (004:738-742), the questions of the policy cycle (004:903-905), funding streams
(004:812-818, 004:887-891), statuses of initiatives and kinds of evidence; each with its
citation. The outcome indicators targets may be set on come from the monitor's catalogue."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any, Final

from ggzregio.categories import data_text
from ggzregio.i18n import get_language
from ggzregio.io.settings import load_toml
from ggzregio.monitor.catalogue import Indicator, load_catalogue

FILE: Final = "speerpunten.toml"
SCHEMA: Final = "ggzregio-agenda/1"
#: The monitor's group of outcome indicators (quality of life, paid work, loneliness).
OUTCOME_GROUP: Final = "outcomes"


@dataclass(frozen=True)
class Term:
    """One entry of the reference data: a key with its Dutch and English name and citation."""

    key: str
    nl: str
    en: str
    cite: str
    description_nl: str = ""
    description_en: str = ""
    note: str = ""

    def name(self) -> str:
        """The name in the active language."""
        return self.en if get_language() == "en" else self.nl

    def description(self) -> str:
        """The description in the active language (empty when there is none)."""
        return self.description_en if get_language() == "en" else self.description_nl


@dataclass(frozen=True)
class AgendaReference:
    """The whole reference file, in the order of the file."""

    version: str
    cite: str
    speerpunten: tuple[Term, ...]
    questions: tuple[Term, ...]
    review_questions: tuple[Term, ...]
    funding: tuple[Term, ...]
    integrated: Term
    statuses: tuple[Term, ...]
    evidence: tuple[Term, ...]
    #: "any": the seeds name no order of statuses, so every change is allowed and recorded.
    transitions: str
    transitions_note: str

    def keys(self, part: str) -> tuple[str, ...]:
        """The keys of one part (``speerpunten``, ``questions``, ``funding``, ...)."""
        terms: tuple[Term, ...] = getattr(self, part)
        return tuple(term.key for term in terms)

    def term(self, part: str, key: str) -> Term | None:
        """One entry of a part by key."""
        terms: tuple[Term, ...] = getattr(self, part)
        return next((term for term in terms if term.key == key), None)


def _terms(doc: dict[str, Any], name: str) -> tuple[Term, ...]:
    fields = set(Term.__dataclass_fields__)
    return tuple(Term(**{k: v for k, v in row.items() if k in fields}) for row in doc[name])


@cache
def agenda_reference() -> AgendaReference:
    """The shipped reference data (read once)."""
    doc = load_toml(data_text("agenda", FILE), FILE)
    if doc.get("schema") != SCHEMA:  # pragma: no cover - guards the shipped file
        raise RuntimeError(f"{FILE}: schema must be {SCHEMA!r}")
    integrated = doc["integrated"]
    return AgendaReference(
        version=str(doc["version"]),
        cite=str(doc["cite"]),
        speerpunten=_terms(doc, "speerpunt"),
        questions=_terms(doc, "question"),
        review_questions=_terms(doc, "review_question"),
        funding=_terms(doc, "funding"),
        integrated=Term(key="integrated", **integrated),
        statuses=_terms(doc, "status"),
        evidence=_terms(doc, "evidence"),
        transitions=str(doc["transitions"]),
        transitions_note=str(doc["transitions_note"]),
    )


def outcome_indicators() -> dict[str, Indicator]:
    """The monitor's outcome indicators a target can be set on (004:909-918, 004:975-982,
    004:1010): the rates of the group ``outcomes`` (quality of life, paid work, loneliness),
    not the respondent counts behind them."""
    return {
        code: indicator
        for code, indicator in load_catalogue().items()
        if indicator.group == OUTCOME_GROUP and indicator.kind == "rate"
    }
