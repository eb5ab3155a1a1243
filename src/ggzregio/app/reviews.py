"""Reviews (peilmomenten) of the policy cycle (004:901-918, docs/agenda.md): a review freezes
the region's state — progress per target against the version in force on the review date, the
plan against the latest inventory, the initiatives' statuses, the current agenda texts — with
the regiegroep's answers and decisions. Open reviews can be edited; a closed one never again
(409). Two reviews are compared by the core (:func:`ggzregio.agenda.compare_reviews`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ggzregio.agenda import (
    ReviewComparison,
    ReviewSnapshot,
    compare_reviews,
    current_texts,
    progress,
    take_review,
    target_in_force,
)
from ggzregio.agenda.problems import check_key, check_text, raise_if
from ggzregio.app import planning
from ggzregio.app.agenda import (
    check_editor,
    moment,
    outcome_series,
    refused,
    target_histories,
    written,
)
from ggzregio.app.context import Actor, Context
from ggzregio.app.errors import ConflictError, NotFoundError
from ggzregio.app.inventory import region_inventory
from ggzregio.app.regions import get_region
from ggzregio.app.reports import DEFAULT_SCENARIO
from ggzregio.storage import agenda as store
from ggzregio.storage.database import transaction
from ggzregio.storage.models import Region

PlanFigures = dict[str, tuple[float | None, float | None]]


def reviews(db: Session, code: str) -> list[ReviewSnapshot]:
    """The region's reviews, oldest first (by the date they were held)."""
    get_region(db, code)
    return [store.snapshot(r) for r in store.review_records(db, code)]


def review(db: Session, code: str, key: str) -> ReviewSnapshot:
    return _read(db, code, key)[0]


def _read(db: Session, code: str, key: str) -> tuple[ReviewSnapshot, int]:
    """The stored review and the revision read (a write claims the row at that revision)."""
    get_region(db, code)
    record = store.review_record(db, code, key)
    if record is None:
        raise NotFoundError("not_found", f"review {key}")
    return store.snapshot(record), record.revision


def latest_closed(db: Session, code: str) -> tuple[ReviewSnapshot | None, ReviewSnapshot | None]:
    """The latest closed review and the closed one before it (``None`` where there is none)."""
    get_region(db, code)
    closed = [s for s in reviews(db, code) if s.closed]
    return (closed[-1] if closed else None, closed[-2] if len(closed) > 1 else None)


def plan_figures(ctx: Context, db: Session, region: Region) -> PlanFigures:
    """The plan of the report's scenario against the latest inventory, per capacity item
    (``<item>.<fte|places>``) and spending category (``category.<name>.eur``); empty while
    the region has no inventory or no inhabitants."""
    inventory = region_inventory(db, region)
    if inventory is None:
        return {}
    try:
        scenario = planning.public_scenario(db, DEFAULT_SCENARIO)
    except NotFoundError:
        return {}
    try:
        result = planning.plan_for(
            ctx, db, region, planning.norm_set(scenario), "up", True, inventory
        )
    except NotFoundError:  # no inhabitants or area table yet
        return {}
    if result.gap is None:
        return {}
    out: PlanFigures = {}
    for item in result.gap.items:
        planned = item.target.mid if item.target is not None else None
        out[f"{item.key}.{item.measure}"] = (planned, item.current)
    for category in result.gap.categories:
        out[f"category.{category.category}.eur"] = (category.scenario_eur, category.current_eur)
    return out


def _snapshot(
    ctx: Context,
    db: Session,
    code: str,
    *,
    key: str,
    title: str,
    held_on: date,
    created_by: int,
    answers: Mapping[str, str],
    decisions: Sequence[str],
) -> ReviewSnapshot:
    """The region's state now, for a review held on ``held_on``."""
    region = get_region(db, code)
    found = []
    for history in target_histories(db, code).values():
        in_force = target_in_force(history, held_on)
        if in_force is not None:
            found.append(progress(outcome_series(ctx, db, code, in_force.indicator), in_force))
    with refused():
        raise_if(check_key("key", key) + check_text("name", title))
        return take_review(
            key=key,
            region=code,
            title=title,
            held_on=held_on,
            created_by=created_by,
            progress=found,
            plan=plan_figures(ctx, db, region),
            initiatives=store.initiatives(db, code),
            texts=current_texts(store.texts(db, code)).values(),
            answers=answers,
            decisions=decisions,
        )


def create_review(
    ctx: Context,
    actor: Actor,
    code: str,
    *,
    key: str,
    title: str,
    held_on: date,
    answers: Mapping[str, str] | None = None,
    decisions: Sequence[str] = (),
) -> ReviewSnapshot:
    """Hold a review: freeze the state now, with the answers and decisions so far."""
    check_editor(actor, code)
    try:
        with transaction(ctx.factory) as db:
            if store.review_record(db, code, key) is not None:
                raise ConflictError("agenda.key_taken", key, value=key)
            snapshot = _snapshot(
                ctx, db, code, key=key, title=title, held_on=held_on,
                created_by=actor.user_id or 0, answers=answers or {}, decisions=decisions,
            )  # fmt: skip
            store.save_review(db, code, snapshot, actor.user_id)
            written(db, actor, code, "review.create", key)
    except IntegrityError as exc:
        raise ConflictError("agenda.key_taken", key, value=key) from exc
    return snapshot


def update_review(
    ctx: Context,
    actor: Actor,
    code: str,
    key: str,
    *,
    title: str | None = None,
    answers: Mapping[str, str] | None = None,
    decisions: Sequence[str] | None = None,
    decision: str | None = None,
    refresh: bool = False,
) -> ReviewSnapshot:
    """Change an open review: its title, answers (per question), decisions (the whole list,
    or one more ``decision``) and, with ``refresh``, the frozen state taken again now. A
    closed review is refused (409), also when it was closed while this change was made."""
    check_editor(actor, code)
    with transaction(ctx.factory) as db:
        current, seen = _read(db, code, key)
        with refused():
            if current.closed:  # the core refuses it too; say so before any other problem
                current.edit()
            if refresh:
                fresh = _snapshot(
                    ctx, db, code, key=key, title=current.title, held_on=current.held_on,
                    created_by=current.created_by, answers=dict(current.answers),
                    decisions=current.decisions,
                )  # fmt: skip
                current = current.edit(
                    targets=fresh.targets, plan=fresh.plan,
                    initiatives=fresh.initiatives, texts=fresh.texts,
                )  # fmt: skip
            if title is not None:
                raise_if(check_text("name", title))
                current = current.edit(title=title)
            for question, answer in (answers or {}).items():
                current = current.with_answer(question, answer)
            if decisions is not None:
                current = current.edit(decisions=())
                for text in decisions:
                    current = current.with_decision(text)
            if decision is not None:
                current = current.with_decision(decision)
        _store(db, code, current, actor, seen)
        written(db, actor, code, "review.update", key)
    return current


def _store(db: Session, code: str, snapshot: ReviewSnapshot, actor: Actor, seen: int) -> None:
    """Write the review claimed at revision ``seen``: closed meanwhile (the stored closing
    time shown) or changed meanwhile is a conflict (409), never a lost or late change."""
    try:
        store.save_review(db, code, snapshot, actor.user_id, seen)
    except store.ClosedReviewError as exc:
        closed = exc.closed_at.isoformat()
        raise ConflictError("agenda.rule.review_closed", str(exc), closed_at=closed) from exc
    except store.ChangedMeanwhileError as exc:
        raise ConflictError("agenda.changed_meanwhile", str(exc)) from exc


def close_review(ctx: Context, actor: Actor, code: str, key: str) -> ReviewSnapshot:
    """Close a review: from now on it is immutable."""
    check_editor(actor, code)
    with transaction(ctx.factory) as db:
        current, seen = _read(db, code, key)
        with refused():
            closed = current.close(by=actor.user_id or 0, at=moment())
        _store(db, code, closed, actor, seen)
        written(db, actor, code, "review.close", key)
    return closed


def compare(db: Session, code: str, before: str, after: str) -> ReviewComparison:
    """What changed from review ``before`` to review ``after``."""
    return compare_reviews(review(db, code, before), review(db, code, after))
