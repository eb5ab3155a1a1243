"""The regiegroep's own agenda (SPEC.md §8, issue 23): speerpunten and versioned agenda texts,
initiatives and proeftuinen, outcome targets that are re-set, and reviews (peilmomenten) of
the policy cycle. A pure domain core: no storage, no web; later layers store and show it.
See ``docs/agenda.md``."""

from __future__ import annotations

from ggzregio.agenda.compare import NumberChange, ReviewComparison, compare_reviews
from ggzregio.agenda.initiatives import (
    Initiative,
    StatusChange,
    change_status,
    filter_initiatives,
    municipality_of,
    parse_budget,
    status_history,
    validate_initiative,
)
from ggzregio.agenda.problems import AgendaError, AgendaProblem, ReviewClosedError
from ggzregio.agenda.reference import AgendaReference, Term, agenda_reference, outcome_indicators
from ggzregio.agenda.reviews import ReviewSnapshot, take_review
from ggzregio.agenda.targets import (
    OutcomeTarget,
    Progress,
    default_direction,
    progress,
    progress_history,
    reset_target,
    target_history,
    target_in_force,
    validate_target,
)
from ggzregio.agenda.texts import (
    AgendaText,
    EvidenceLink,
    Speerpunt,
    TextDiff,
    add_version,
    current_text,
    current_texts,
    diff_versions,
    region_speerpunten,
    text_history,
    validate_evidence,
)

__all__ = [
    "AgendaError",
    "AgendaProblem",
    "AgendaReference",
    "AgendaText",
    "EvidenceLink",
    "Initiative",
    "NumberChange",
    "OutcomeTarget",
    "Progress",
    "ReviewClosedError",
    "ReviewComparison",
    "ReviewSnapshot",
    "Speerpunt",
    "StatusChange",
    "Term",
    "TextDiff",
    "add_version",
    "agenda_reference",
    "change_status",
    "compare_reviews",
    "current_text",
    "current_texts",
    "default_direction",
    "diff_versions",
    "filter_initiatives",
    "municipality_of",
    "outcome_indicators",
    "parse_budget",
    "progress",
    "progress_history",
    "region_speerpunten",
    "reset_target",
    "status_history",
    "take_review",
    "target_history",
    "target_in_force",
    "text_history",
    "validate_evidence",
    "validate_initiative",
    "validate_target",
]
