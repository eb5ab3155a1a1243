"""The agenda of a region as tables and as one JSON document: the current agenda texts, the
initiatives, every version of the outcome targets and the latest review (with the closed one
before it, compared). Read by the command line export (``ggzregio agenda export``) and the
regiobeeld report's agenda chapter, through the same use cases as the pages."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final

import pandas as pd
from sqlalchemy.orm import Session

from ggzregio.agenda import (
    AgendaText,
    Initiative,
    OutcomeTarget,
    ReviewComparison,
    ReviewSnapshot,
    Speerpunt,
    compare_reviews,
)
from ggzregio.app import agenda as ag
from ggzregio.app import reviews as rv

#: The export's tables, in this order (sheet names of the workbook, suffixes of the CSV files).
TABLES: Final = ("agenda", "initiatieven", "streefcijfers", "peilmoment")


@dataclass(frozen=True)
class AgendaExport:
    """What a region's agenda holds now, read once."""

    region: str
    speerpunten: list[Speerpunt]
    texts: list[AgendaText]
    initiatives: list[Initiative]
    targets: list[OutcomeTarget]
    #: The latest review (open or closed), the latest closed one and the closed one before.
    latest: ReviewSnapshot | None
    latest_closed: ReviewSnapshot | None
    previous_closed: ReviewSnapshot | None
    #: Who wrote each text: the account's name, else its e-mail (by account id).
    authors: Mapping[int, str] = field(default_factory=dict)

    def comparison(self) -> ReviewComparison | None:
        """The latest closed review against the closed one before it."""
        if self.latest_closed is None or self.previous_closed is None:
            return None
        return compare_reviews(self.previous_closed, self.latest_closed)

    def texts_by_speerpunt(self) -> list[tuple[Speerpunt, list[AgendaText]]]:
        """The current texts per speerpunt (in the region's priority order), empty ones left
        out; questions in the reference order."""
        order = {q.key: i for i, q in enumerate(ag.questions())}
        out = []
        for point in self.speerpunten:
            mine = sorted(
                (x for x in self.texts if x.speerpunt == point.key and x.text.strip()),
                key=lambda x: order.get(x.question, 99),
            )
            if mine:
                out.append((point, mine))
        return out

    def tables(self) -> dict[str, pd.DataFrame]:
        """The export as tables (text cells as typed; writers make them formula-safe)."""
        names = {s.key: s.name() for s in self.speerpunten}
        questions = {q.key: q.name() for q in ag.questions()}
        agenda = pd.DataFrame(
            [
                {
                    "speerpunt": x.speerpunt,
                    "speerpunt_name": names.get(x.speerpunt, x.speerpunt),
                    "question": x.question,
                    "question_name": questions.get(x.question, x.question),
                    "version": x.version,
                    "text": x.text,
                    "author_id": x.author_id or None,
                    "author": self.authors.get(x.author_id, ""),
                    "at": x.at.isoformat(),
                }
                for x in self.texts
            ],
            columns=[
                "speerpunt",
                "speerpunt_name",
                "question",
                "question_name",
                "version",
                "text",
                "author_id",
                "author",
                "at",
            ],
        )
        initiatives = pd.DataFrame(
            [_initiative_row(i) for i in self.initiatives], columns=list(_INITIATIVE_COLUMNS)
        )
        targets = pd.DataFrame(
            [_target_row(t) for t in self.targets], columns=list(_TARGET_COLUMNS)
        )
        review = pd.DataFrame(_review_rows(self.latest), columns=["part", "key", "value"])
        return dict(zip(TABLES, (agenda, initiatives, targets, review), strict=True))

    def document(self) -> dict[str, Any]:
        """The export as one JSON-ready document."""
        tables = self.tables()
        comparison = self.comparison()
        return {
            "schema": "ggzregio-agenda-export/1",
            "region": self.region,
            "agenda": tables["agenda"].to_dict("records"),
            "initiatives": [_initiative_json(i) for i in self.initiatives],
            "targets": tables["streefcijfers"].to_dict("records"),
            "latest_review": self.latest.to_dict() if self.latest else None,
            "latest_closed_review": self.latest_closed.to_dict() if self.latest_closed else None,
            "comparison_with_previous": comparison.to_dict() if comparison else None,
        }


_INITIATIVE_COLUMNS: Final = (
    "key", "name", "kind", "speerpunten", "lead", "partners", "status", "funding",
    "integrated", "budget_eur", "start", "end", "areas", "indicators", "targets", "notes",
)  # fmt: skip
_TARGET_COLUMNS: Final = (
    "key", "version", "indicator", "value", "direction", "target_date", "agreed_at",
    "agreed_by", "note",
)  # fmt: skip


def _initiative_row(i: Initiative) -> dict[str, Any]:
    return {
        "key": i.key, "name": i.name, "kind": i.kind, "speerpunten": ", ".join(i.speerpunten),
        "lead": i.lead, "partners": ", ".join(i.partners), "status": i.status,
        "funding": ", ".join(i.funding), "integrated": i.integrated,
        "budget_eur": None if i.budget is None else float(i.budget),
        "start": i.start.isoformat() if i.start else None,
        "end": i.end.isoformat() if i.end else None, "areas": ", ".join(i.areas),
        "indicators": ", ".join(i.indicators), "targets": ", ".join(i.targets), "notes": i.notes,
    }  # fmt: skip


def _initiative_json(i: Initiative) -> dict[str, Any]:
    row = _initiative_row(i)
    for name in ("speerpunten", "partners", "funding", "areas", "indicators", "targets"):
        row[name] = list(getattr(i, name))
    row["budget_cents"] = i.budget_cents
    return row


def _target_row(t: OutcomeTarget) -> dict[str, Any]:
    return {
        "key": t.key, "version": t.version, "indicator": t.indicator, "value": t.value,
        "direction": t.direction, "target_date": t.target_date.isoformat(),
        "agreed_at": t.agreed_at.isoformat(), "agreed_by": t.agreed_by, "note": t.note,
    }  # fmt: skip


def _review_rows(review: ReviewSnapshot | None) -> list[dict[str, Any]]:
    """A review as (part, key, value) rows: its header, answers, decisions and numbers."""
    if review is None:
        return []
    rows: list[dict[str, Any]] = [
        {"part": "review", "key": "key", "value": review.key},
        {"part": "review", "key": "title", "value": review.title},
        {"part": "review", "key": "held_on", "value": review.held_on.isoformat()},
        {"part": "review", "key": "closed_at",
         "value": review.closed_at.isoformat() if review.closed_at else ""},
    ]  # fmt: skip
    rows += [{"part": "answer", "key": q, "value": a} for q, a in review.answers]
    rows += [
        {"part": "decision", "key": str(n), "value": d} for n, d in enumerate(review.decisions, 1)
    ]
    rows += [{"part": "number", "key": k, "value": v} for k, v in review.numbers().items()]
    rows += [{"part": "initiative", "key": i.key, "value": i.status} for i in review.initiatives]
    return rows


def agenda_export(db: Session, code: str) -> AgendaExport:
    """Everything the export and the report chapter show of region ``code``."""
    current = ag.overview(db, code)
    reviews = rv.reviews(db, code)
    closed = [r for r in reviews if r.closed]
    texts = list(current.current.values())
    return AgendaExport(
        region=code,
        speerpunten=current.speerpunten,
        texts=texts,
        initiatives=ag.initiatives(db, code),
        targets=[t for history in ag.target_histories(db, code).values() for t in history],
        latest=reviews[-1] if reviews else None,
        latest_closed=closed[-1] if closed else None,
        previous_closed=closed[-2] if len(closed) > 1 else None,
        authors=ag.account_names(db, [x.author_id for x in texts]),
    )
