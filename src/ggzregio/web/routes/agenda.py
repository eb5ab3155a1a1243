"""The regiegroep's agenda (docs/agenda.md): the API of agenda texts, initiatives, outcome
targets and reviews here, the pages in :mod:`ggzregio.web.agenda_pages`. Viewers of the region
read, editors write; every route is thin (parse, call :mod:`ggzregio.app.agenda` or
:mod:`ggzregio.app.reviews`, answer)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request

from ggzregio.agenda import EvidenceLink, OutcomeTarget, Speerpunt, default_direction
from ggzregio.app import agenda as ag
from ggzregio.app import reviews as rv
from ggzregio.web.agenda_pages import pages
from ggzregio.web.agenda_schemas import (
    AgendaOut,
    AgendaTextIn,
    AgendaTextOut,
    ComparisonOut,
    EvidenceIn,
    EvidenceOut,
    InitiativeDetail,
    InitiativeIn,
    InitiativeOut,
    InitiativeUpdate,
    OutcomeTargetIn,
    OutcomeTargetOut,
    ProgressOut,
    QuestionOut,
    ReviewIn,
    ReviewOut,
    ReviewSummaryOut,
    ReviewUpdate,
    SpeerpuntIn,
    SpeerpuntOut,
    StatusChangeOut,
    StatusIn,
    TargetProgressOut,
    TextDiffOut,
)
from ggzregio.web.deps import Ctx, Db, actor
from ggzregio.web.security import Who, access

__all__ = ["api", "pages"]

api = APIRouter(prefix="/api/v1/regions/{code}", tags=["agenda"])
KeyPath = Annotated[str, Path(pattern=r"^[a-z0-9][a-z0-9_-]{0,59}$")]
KeyQuery = Annotated[str, Query(pattern=r"^[a-z0-9][a-z0-9_-]{0,59}$")]
Version = Annotated[int, Query(ge=1, le=1_000_000)]
Filter = Annotated[str | None, Query(max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]


# --- agenda texts -----------------------------------------------------------------------------


@api.get("/agenda/texts", response_model=AgendaOut, **access("viewer"))
def agenda_texts(code: str, db: Db) -> AgendaOut:
    """The speerpunten (by the region's priority), the guiding questions, the current version
    of every text and the evidence links."""
    view = ag.overview(db, code)
    names = ag.account_names(db, [x.author_id for x in view.current.values()])
    return AgendaOut(
        speerpunten=[
            SpeerpuntOut(key=s.key, name=s.name(), source=s.source, priority=s.priority)
            for s in view.speerpunten
        ],
        questions=[QuestionOut(key=q.key, name=q.name()) for q in view.questions],
        texts=[AgendaTextOut.of(x, names) for x in view.current.values()],
        evidence=[
            EvidenceOut(speerpunt=s, question=q, kind=e.kind, ref=e.ref, label=e.label)
            for (s, q), links in view.evidence.items()
            for e in links
        ],
    )


@api.post("/agenda/texts", status_code=201, response_model=AgendaTextOut, **access("editor"))
def write_text(
    request: Request, code: str, body: AgendaTextIn, ctx: Ctx, who: Who
) -> AgendaTextOut:
    """Save a new version of a text (earlier versions are kept). With ``expected_version``,
    a newer version saved meanwhile by someone else is refused (409)."""
    new = ag.write_text(
        ctx, actor(request, who), code, body.speerpunt, body.question, body.text,
        body.expected_version,
    )  # fmt: skip
    with ctx.factory() as db:
        return AgendaTextOut.of(new, ag.account_names(db, [new.author_id]))


@api.get(
    "/agenda/texts/{speerpunt}/{question}/versions",
    response_model=list[AgendaTextOut],
    **access("viewer"),
)
def text_versions(code: str, speerpunt: KeyPath, question: KeyPath, db: Db) -> list[AgendaTextOut]:
    """Every version of one text, oldest first (who wrote it, when)."""
    versions = ag.text_versions(db, code, speerpunt, question)
    names = ag.account_names(db, [v.author_id for v in versions])
    return [AgendaTextOut.of(v, names) for v in versions]


@api.get(
    "/agenda/texts/{speerpunt}/{question}/diff", response_model=TextDiffOut, **access("viewer")
)
def text_diff(
    code: str, speerpunt: KeyPath, question: KeyPath, before: Version, after: Version, db: Db
) -> TextDiffOut:
    """The word-level difference between two versions."""
    diff = ag.text_diff(db, code, speerpunt, question, before, after)
    return TextDiffOut(
        before_version=diff.before_version, after_version=diff.after_version, ops=list(diff.ops)
    )


@api.post("/agenda/evidence", status_code=201, response_model=EvidenceOut, **access("editor"))
def add_evidence(request: Request, code: str, body: EvidenceIn, ctx: Ctx, who: Who) -> EvidenceOut:
    """Link a text to evidence: an outcome indicator, a target, the plan, the gap, the
    regiobeeld."""
    link = EvidenceLink(body.kind, body.ref, body.label)
    ag.add_evidence(ctx, actor(request, who), code, body.speerpunt, body.question, link)
    return EvidenceOut(**body.model_dump())


@api.put("/agenda/speerpunten/{key}", response_model=SpeerpuntOut, **access("editor"))
def put_speerpunt(
    request: Request, code: str, key: KeyPath, body: SpeerpuntIn, ctx: Ctx, who: Who
) -> SpeerpuntOut:
    """Prioritise one of the five speerpunten, or add or change one of the region's own."""
    item = Speerpunt(
        key, body.nl, body.en, "region", body.priority, body.description_nl, body.description_en
    )
    ag.save_speerpunt(ctx, actor(request, who), code, item)
    with ctx.factory() as db:
        stored = next(s for s in ag.speerpunten(db, code) if s.key == key)
    return SpeerpuntOut(key=key, name=stored.name(), source=stored.source, priority=stored.priority)


# --- initiatives ------------------------------------------------------------------------------


@api.get("/initiatives", response_model=list[InitiativeOut], **access("viewer"))
def list_initiatives(
    code: str,
    db: Db,
    speerpunt: Filter = None,
    status: Filter = None,
    gemeente: Filter = None,
) -> list[InitiativeOut]:
    """The region's initiatives and proeftuinen, filtered by speerpunt, status and
    municipality (``GM0363``: also those in its districts and neighbourhoods)."""
    items = ag.initiatives(db, code, speerpunt, status, gemeente)
    return [InitiativeOut.of(i) for i in items]


@api.post("/initiatives", status_code=201, response_model=InitiativeOut, **access("editor"))
def create_initiative(
    request: Request, code: str, body: InitiativeIn, ctx: Ctx, who: Who
) -> InitiativeOut:
    return InitiativeOut.of(ag.create_initiative(ctx, actor(request, who), code, body.core()))


def _detail(db: Db, code: str, key: str) -> InitiativeDetail:
    item = ag.initiative(db, code, key)
    changes = ag.status_changes(db, code, key)
    names = ag.account_names(db, [c.by for c in changes])
    return InitiativeDetail(
        **InitiativeOut.of(item).model_dump(),
        revision=ag.initiative_revision(db, code, key),
        status_history=[StatusChangeOut.of(c, names) for c in changes],
    )


@api.get("/initiatives/{key}", response_model=InitiativeDetail, **access("viewer"))
def get_initiative(code: str, key: KeyPath, db: Db) -> InitiativeDetail:
    return _detail(db, code, key)


@api.put("/initiatives/{key}", response_model=InitiativeDetail, **access("editor"))
def put_initiative(
    request: Request, code: str, key: KeyPath, body: InitiativeUpdate, ctx: Ctx, who: Who
) -> InitiativeDetail:
    """Change an initiative: only the fields sent change (one left out keeps its stored
    value); every changed value is kept in the edit history. With ``expected_revision``, a
    change stored meanwhile by someone else is refused (409); two changes at once never
    overwrite each other silently (one is refused, 409)."""
    ag.update_initiative(
        ctx, actor(request, who), code, key, body.changes(), body.note, body.expected_revision
    )
    with ctx.factory() as db:
        return _detail(db, code, key)


@api.post(
    "/initiatives/{key}/status", status_code=201, response_model=StatusChangeOut, **access("editor")
)
def post_status(
    request: Request, code: str, key: KeyPath, body: StatusIn, ctx: Ctx, who: Who
) -> StatusChangeOut:
    """Change the status (idee, gestart, lopend, geevalueerd, gestopt, opgeschaald)."""
    change = ag.set_status(ctx, actor(request, who), code, key, body.status, body.note)
    with ctx.factory() as db:
        return StatusChangeOut.of(change, ag.account_names(db, [change.by]))


# --- outcome targets --------------------------------------------------------------------------


@api.get("/targets", response_model=list[TargetProgressOut], **access("viewer"))
def list_targets(code: str, ctx: Ctx, db: Db) -> list[TargetProgressOut]:
    """Every target with all its versions, the one in force today and the progress of the
    region's monitor series against each version."""
    return [
        TargetProgressOut(
            key=tp.key,
            in_force=tp.in_force.version if tp.in_force else None,
            versions=[OutcomeTargetOut.of(t) for t in tp.history],
            progress=[ProgressOut.of(p) for p in tp.progress],
        )
        for tp in ag.target_progress(ctx, db, code)
    ]


@api.post("/targets", status_code=201, response_model=OutcomeTargetOut, **access("editor"))
def post_target(
    request: Request, code: str, body: OutcomeTargetIn, ctx: Ctx, who: Who
) -> OutcomeTargetOut:
    """Agree a target or re-set it (a new version; earlier versions are kept)."""
    target = OutcomeTarget(
        body.key, body.indicator, body.value, body.direction or default_direction(body.indicator),
        body.target_date, body.agreed_at, body.agreed_by, 1, body.note,
    )  # fmt: skip
    return OutcomeTargetOut.of(ag.set_target(ctx, actor(request, who), code, target))


# --- reviews ----------------------------------------------------------------------------------


@api.get("/reviews", response_model=list[ReviewSummaryOut], **access("viewer"))
def list_reviews(code: str, db: Db) -> list[ReviewSummaryOut]:
    return [
        ReviewSummaryOut(
            key=r.key,
            title=r.title,
            held_on=r.held_on,
            closed=r.closed,
            closed_at=r.closed_at.isoformat() if r.closed_at else None,
        )
        for r in rv.reviews(db, code)
    ]


@api.post("/reviews", status_code=201, response_model=ReviewOut, **access("editor"))
def post_review(request: Request, code: str, body: ReviewIn, ctx: Ctx, who: Who) -> ReviewOut:
    """Hold a review: the region's state is frozen now, with the answers and decisions."""
    review = rv.create_review(
        ctx, actor(request, who), code, key=body.key, title=body.title, held_on=body.held_on,
        answers=body.answers, decisions=body.decisions,
    )  # fmt: skip
    return ReviewOut.model_validate(review.to_dict())


@api.get("/reviews/compare", response_model=ComparisonOut, **access("viewer"))
def compare_reviews(code: str, before: KeyQuery, after: KeyQuery, db: Db) -> ComparisonOut:
    """What changed from review ``before`` to review ``after``: numbers, texts, answers,
    decisions and initiatives."""
    found = rv.compare(db, code, before, after)
    return ComparisonOut(before=before, after=after, empty=found.empty, comparison=found.to_dict())


@api.get("/reviews/{key}", response_model=ReviewOut, **access("viewer"))
def get_review(code: str, key: KeyPath, db: Db) -> ReviewOut:
    return ReviewOut.model_validate(rv.review(db, code, key).to_dict())


@api.put("/reviews/{key}", response_model=ReviewOut, **access("editor"))
def put_review(
    request: Request, code: str, key: KeyPath, body: ReviewUpdate, ctx: Ctx, who: Who
) -> ReviewOut:
    """Change an open review; a closed review is refused (409)."""
    review = rv.update_review(
        ctx, actor(request, who), code, key, title=body.title, answers=body.answers,
        decisions=body.decisions, refresh=body.refresh,
    )  # fmt: skip
    return ReviewOut.model_validate(review.to_dict())


@api.post("/reviews/{key}/close", response_model=ReviewOut, **access("editor"))
def close_review(request: Request, code: str, key: KeyPath, ctx: Ctx, who: Who) -> ReviewOut:
    """Close a review: from then on it cannot be changed."""
    return ReviewOut.model_validate(rv.close_review(ctx, actor(request, who), code, key).to_dict())
