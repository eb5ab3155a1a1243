"""The agenda of a region: its speerpunten (the five of the inclusion agenda, 004:724-731, and
the region's own, each with a priority) and per speerpunt and guiding question (004:738-742)
a living, versioned text (004:713-718: "een levend document"), with links to the evidence
ggzregio holds. Every version is kept with its author and time; nothing is overwritten."""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Final, Literal

from ggzregio.agenda.problems import (
    NAME_MAX,
    TEXT_MAX,
    AgendaError,
    AgendaProblem,
    check_choices,
    check_key,
    check_text,
    raise_if,
)
from ggzregio.agenda.reference import agenda_reference
from ggzregio.i18n import get_language

Source = Literal["reference", "region"]
EvidenceKind = Literal["indicator", "target", "plan", "gap", "regiobeeld"]
EVIDENCE_KINDS: Final[tuple[EvidenceKind, ...]] = (
    "indicator",
    "target",
    "plan",
    "gap",
    "regiobeeld",
)
#: A reference to evidence: a code, target key, plan id or path such as ``plan:12/fact``.
_REFERENCE: Final = re.compile(r"[A-Za-z0-9_.:/-]{1,200}")
#: A word with the white space after it, or the white space a text starts with.
_WORDS: Final = re.compile(r"\S+\s*|\s+")


@dataclass(frozen=True)
class Speerpunt:
    """A speerpunt of a region's agenda: one of the reference five or the region's own.
    ``priority`` 1 is the highest; ``None``: not prioritised (listed after the prioritised)."""

    key: str
    nl: str
    en: str
    source: Source = "region"
    priority: int | None = None
    description_nl: str = ""
    description_en: str = ""
    cite: str = ""

    def name(self) -> str:
        return self.en if get_language() == "en" else self.nl


def reference_speerpunten() -> tuple[Speerpunt, ...]:
    """The five speerpunten of the inclusion agenda, unprioritised, in the seed's order."""
    return tuple(
        Speerpunt(t.key, t.nl, t.en, "reference", None, t.description_nl, t.description_en, t.cite)
        for t in agenda_reference().speerpunten
    )


def validate_speerpunt(item: Speerpunt) -> list[AgendaProblem]:
    """A region's own speerpunt: a free key (not one of the five), names, priority ≥ 1."""
    problems = check_key("key", item.key)
    if item.source == "region" and item.key in agenda_reference().keys("speerpunten"):
        problems.append(AgendaProblem("key", "reserved_key", {"value": item.key}))
    problems += check_text("name", item.nl) + check_text("name", item.en, required=False)
    if item.priority is not None and item.priority < 1:
        problems.append(AgendaProblem("priority", "must_be_positive", {"value": item.priority}))
    return problems


def region_speerpunten(
    own: Sequence[Speerpunt] = (), priorities: Mapping[str, int | None] | None = None
) -> tuple[Speerpunt, ...]:
    """The speerpunten of a region: the five of the agenda and the region's ``own``, with the
    ``priorities`` the region set (by key), ordered by priority (unprioritised last, then the
    reference order, then the region's own in the order given). Raises :class:`AgendaError`."""
    problems = [p for item in own for p in validate_speerpunt(replace(item, source="region"))]
    problems += check_choices("speerpunten", (s.key for s in own), None)
    items = [*reference_speerpunten(), *(replace(s, source="region") for s in own)]
    known = {s.key for s in items}
    for key, value in (priorities or {}).items():
        if key not in known:
            shown = ", ".join(sorted(known))
            problems.append(AgendaProblem("speerpunt", "unknown", {"value": key, "allowed": shown}))
        elif value is not None and value < 1:
            problems.append(AgendaProblem("priority", "must_be_positive", {"value": value}))
    raise_if(problems)
    chosen = priorities or {}
    ranked = [replace(s, priority=chosen.get(s.key, s.priority)) for s in items]
    order = {s.key: i for i, s in enumerate(ranked)}
    return tuple(sorted(ranked, key=lambda s: (s.priority is None, s.priority or 0, order[s.key])))


# --- versioned texts -----------------------------------------------------------------------


@dataclass(frozen=True)
class AgendaText:
    """One version of the text answering one guiding question for one speerpunt."""

    speerpunt: str
    question: str
    text: str
    version: int
    author_id: int
    at: datetime

    @property
    def slot(self) -> tuple[str, str]:
        """Which text this is a version of: (speerpunt, question)."""
        return (self.speerpunt, self.question)

    @property
    def version_id(self) -> str:
        """A stable name of this version: ``wonen/waar_naartoe/v3``."""
        return f"{self.speerpunt}/{self.question}/v{self.version}"


def text_history(
    versions: Iterable[AgendaText], speerpunt: str, question: str
) -> tuple[AgendaText, ...]:
    """Every version of one text, oldest first (by version number)."""
    return tuple(
        sorted((v for v in versions if v.slot == (speerpunt, question)), key=lambda v: v.version)
    )


def current_text(
    versions: Iterable[AgendaText], speerpunt: str, question: str
) -> AgendaText | None:
    """The latest version of one text, or ``None`` when it was never written."""
    history = text_history(versions, speerpunt, question)
    return history[-1] if history else None


def current_texts(versions: Iterable[AgendaText]) -> dict[tuple[str, str], AgendaText]:
    """The latest version of every text, by (speerpunt, question)."""
    latest: dict[tuple[str, str], AgendaText] = {}
    for v in versions:
        if v.slot not in latest or v.version > latest[v.slot].version:
            latest[v.slot] = v
    return latest


def add_version(
    versions: Sequence[AgendaText],
    *,
    speerpunt: str,
    question: str,
    text: str,
    author_id: int,
    at: datetime,
    speerpunten: Collection[str] | None = None,
) -> AgendaText:
    """The next version of a text (number one higher than the latest; 1 for the first).

    ``speerpunten`` are the keys the region has (default: the five of the agenda); the question
    must be one of the guiding questions. The time may not be before the latest version's.
    Raises :class:`AgendaError`."""
    ref = agenda_reference()
    allowed = ref.keys("speerpunten") if speerpunten is None else speerpunten
    problems = check_choices("speerpunt", [speerpunt], allowed)
    problems += check_choices("question", [question], ref.keys("questions"))
    problems += check_text("text", text, required=False, maximum=TEXT_MAX)
    latest = current_text(versions, speerpunt, question)
    if latest is not None and at < latest.at:
        values = {"value": at.isoformat(), "last": latest.at.isoformat()}
        problems.append(AgendaProblem("at", "earlier_than_last", values))
    raise_if(problems)
    number = 1 if latest is None else latest.version + 1
    return AgendaText(speerpunt, question, text, number, author_id, at)


@dataclass(frozen=True)
class TextDiff:
    """The word-level difference between two versions: runs of (op, text) where op is
    ``equal``, ``insert`` or ``delete`` (a replacement is a delete followed by an insert)."""

    before_version: int | None
    after_version: int | None
    ops: tuple[tuple[str, str], ...]

    @property
    def changed(self) -> bool:
        return any(op != "equal" for op, _ in self.ops)

    def to_dict(self) -> dict[str, object]:
        return {
            "before_version": self.before_version,
            "after_version": self.after_version,
            "ops": [list(op) for op in self.ops],
        }


def diff_words(before: str, after: str) -> tuple[tuple[str, str], ...]:
    """Word-level difference of two texts (white space kept with the word before it, so the
    runs rebuild both texts exactly)."""
    a, b = _WORDS.findall(before), _WORDS.findall(after)
    ops: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("equal", "delete", "replace") and i2 > i1:
            ops.append(("equal" if tag == "equal" else "delete", "".join(a[i1:i2])))
        if tag in ("insert", "replace") and j2 > j1:
            ops.append(("insert", "".join(b[j1:j2])))
    return tuple(ops)


def diff_versions(before: AgendaText | None, after: AgendaText | None) -> TextDiff:
    """What changed from ``before`` to ``after`` (either may be ``None``: not written)."""
    return TextDiff(
        before.version if before else None,
        after.version if after else None,
        diff_words(before.text if before else "", after.text if after else ""),
    )


# --- evidence ------------------------------------------------------------------------------


@dataclass(frozen=True)
class EvidenceLink:
    """A link from an agenda text to evidence ggzregio holds: a monitor indicator (its code), a
    target (its key), a plan or a gap (the plan's reference), or the regiobeeld."""

    kind: str
    ref: str
    label: str = ""


def validate_evidence(
    link: EvidenceLink,
    *,
    indicators: Collection[str] | None = None,
    targets: Collection[str] | None = None,
) -> list[AgendaProblem]:
    """A known kind and a well-formed reference; an indicator or target must exist when the
    known ``indicators`` or ``targets`` are given."""
    problems = check_choices("evidence_kind", [link.kind], EVIDENCE_KINDS)
    if not link.ref:
        problems.append(AgendaProblem("evidence_ref", "required"))
    elif not _REFERENCE.fullmatch(link.ref):
        problems.append(AgendaProblem("evidence_ref", "bad_reference", {"value": link.ref[:60]}))
    else:
        known = {"indicator": indicators, "target": targets}.get(link.kind)
        problems += check_choices("evidence_ref", [link.ref], known)
    return problems + check_text("name", link.label, required=False, maximum=NAME_MAX)


__all__ = [
    "EVIDENCE_KINDS",
    "AgendaError",
    "AgendaText",
    "EvidenceLink",
    "Speerpunt",
    "TextDiff",
    "add_version",
    "current_text",
    "current_texts",
    "diff_versions",
    "diff_words",
    "reference_speerpunten",
    "region_speerpunten",
    "text_history",
    "validate_evidence",
    "validate_speerpunt",
]
