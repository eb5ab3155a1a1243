"""The agenda's pages (Dutch first): the agenda grid and a text's history and diff, the
initiatives with their filters and map, the outcome targets with their re-sets and progress,
and the reviews with answers, decisions, closing and comparison. Included by the feature
module :mod:`ggzregio.web.routes.agenda`; forms post back and redirect (303) on success."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, Final

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from ggzregio.agenda import (
    EvidenceLink,
    Initiative,
    OutcomeTarget,
    Speerpunt,
    agenda_reference,
    default_direction,
    outcome_indicators,
    parse_budget,
)
from ggzregio.app import agenda as ag
from ggzregio.app import regions
from ggzregio.app import reviews as rv
from ggzregio.app.context import Actor
from ggzregio.app.errors import AppError, ConflictError, InvalidRequestError
from ggzregio.categories import category_label
from ggzregio.errors import InputError
from ggzregio.geo import map_figure
from ggzregio.i18n import t
from ggzregio.inventory.model import checklist_rows
from ggzregio.labels import error_text
from ggzregio.web.deps import Ctx, Db, actor, query_int
from ggzregio.web.planning_form import parse_number
from ggzregio.web.render import figure_json, render
from ggzregio.web.security import Who, access

pages = APIRouter(include_in_schema=False)


async def _form(request: Request) -> dict[str, str]:
    """The posted form's text fields (a body of another type posts nothing)."""
    form = await request.form()
    return {k: v.strip() for k, v in form.items() if isinstance(v, str) and k != "csrf_token"}


def _list(text: str) -> tuple[str, ...]:
    """A list typed in one field: comma or newline separated, empty parts dropped."""
    return tuple(p.strip() for p in text.replace("\n", ",").split(",") if p.strip())


def _date(text: str, field: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise InvalidRequestError(
            "agenda.bad_date", text[:40], value=text[:40], field=field
        ) from exc


def _required_date(text: str, field: str) -> date:
    found = _date(text, field)
    if found is None:
        raise InvalidRequestError("agenda.bad_date", field, value="", field=field)
    return found


def plan_label(key: str) -> str:
    """A review's plan line (``fact.fte``, ``category.bw.eur``) in the reader's words."""
    parts = key.split(".")
    if parts[0] == "category" and len(parts) == 3:
        return f"{category_label(parts[1])} (€)"
    row = checklist_rows().get(parts[0])
    unit = "fte" if parts[-1] == "fte" else t("col.places")
    return f"{row.label() if row else parts[0]} ({unit})"


_NUMBER_PARTS = {
    "planned": "agenda.web.planned",
    "inventory": "web.inventory",
    "gap": "agenda.web.gap",
    "value": "agenda.field.value",
    "version": "agenda.web.version",
    "latest": "agenda.web.latest",
    "achieved_share": "agenda.web.achieved",
}


def number_label(key: str) -> str:
    """A number of a review comparison (``plan.fact.fte.gap``, ``target.qol.latest``)."""
    kind, _, rest = key.partition(".")
    body, _, part = rest.rpartition(".")
    what = t(_NUMBER_PARTS[part]) if part in _NUMBER_PARTS else part
    if kind == "plan":
        return f"{plan_label(body)} · {what}"
    return f"{t('agenda.field.targets')} {body} · {what}"


LABELS: Final[dict[str, Any]] = {"plan_label": plan_label, "number_label": number_label}


#: Refusals a form shows next to what was typed (anything else is the error page).
REFUSED: Final = (InputError, InvalidRequestError, ConflictError)


def _problems(exc: Exception) -> list[dict[str, str]]:
    """The problems of a refused form, one message each."""
    if isinstance(exc, ag.AgendaInputError | InputError):
        return [{"message": p.message()} for p in exc.problems]
    assert isinstance(exc, AppError)
    return [{"message": error_text(exc)[0]}]


def _go(url: str) -> Response:
    return RedirectResponse(url, status_code=303)


def _common(
    db: Db,
    who: Who,
    code: str,
    typed: Mapping[str, str] | None = None,
    errors: list[dict[str, str]] | None = None,
) -> dict[str, Any]:
    """What every agenda page shows, with a refused form's typed values and problems."""
    region = regions.get_region(db, code)
    reference = agenda_reference()
    return {
        "typed": typed or {},
        "errors": errors or [],
        "region": region,
        "synthetic": region.synthetic,
        "can_edit": who.can(code, "editor"),
        "reference": reference,
        "indicators": outcome_indicators(),
    }


# --- agenda -----------------------------------------------------------------------------------


@pages.get("/regio/{code}/agenda", **access("viewer"))
def agenda_page(request: Request, code: str, db: Db, who: Who) -> Response:
    context = _common(db, who, code)
    return render(request, "agenda.html", who, view=ag.overview(db, code), **context)


@pages.post("/regio/{code}/agenda/speerpunten", **access("editor"))
async def speerpunt_save(request: Request, code: str, ctx: Ctx, who: Who) -> Response:
    """Prioritise a speerpunt or add one of the region's own."""
    form = await _form(request)
    priority = query_int(form.get("priority"), "priority", 1, 99)
    key = form.get("key", "")
    item = Speerpunt(key, form.get("nl", ""), form.get("en", ""), "region", priority)
    ag.save_speerpunt(ctx, actor(request, who), code, item)
    return _go(f"/regio/{code}/agenda")


@pages.get("/regio/{code}/agenda/{speerpunt}/{vraag}", **access("viewer"))
def text_page(
    request: Request, code: str, speerpunt: str, vraag: str, db: Db, who: Who
) -> Response:
    """One text: the current version (an editor can write the next), every earlier version,
    and the difference between two of them (``?van=1&naar=3``)."""
    return _text_page(request, db, who, code, speerpunt, vraag)


def _text_page(
    request: Request,
    db: Db,
    who: Who,
    code: str,
    speerpunt: str,
    vraag: str,
    typed: Mapping[str, str] | None = None,
    errors: list[dict[str, str]] | None = None,
) -> Response:
    versions = ag.text_versions(db, code, speerpunt, vraag)
    before = query_int(request.query_params.get("van"), "van")
    after = query_int(request.query_params.get("naar"), "naar")
    if versions and after is None:
        after = versions[-1].version
    if after is not None and before is None:
        before = max(1, after - 1)
    diff = None
    if versions and before is not None and after is not None:
        diff = ag.text_diff(db, code, speerpunt, vraag, before, after)
    context = _common(db, who, code, typed, errors)
    point = next(s for s in ag.speerpunten(db, code) if s.key == speerpunt)
    question = next(q for q in ag.questions() if q.key == vraag)
    evidence = ag.overview(db, code).evidence.get((speerpunt, vraag), [])
    return render(
        request, "agenda_text.html", who, 422 if errors else 200, speerpunt=point,
        question=question, history=list(reversed(versions)),
        current=versions[-1] if versions else None,
        diff=diff, evidence=evidence,
        names=ag.account_names(db, [v.author_id for v in versions]), **context,
    )  # fmt: skip


@pages.post("/regio/{code}/agenda/{speerpunt}/{vraag}", **access("editor"))
async def text_save(
    request: Request, code: str, speerpunt: str, vraag: str, ctx: Ctx, db: Db, who: Who
) -> Response:
    """Save the next version; a refused one (a newer version saved meanwhile, too long) is
    shown again with what was typed."""
    form = await _form(request)
    text = (await request.form()).get("text")
    if isinstance(text, str):  # the text as typed, its white space kept
        form["text"] = text
    try:
        expected = query_int(form.get("expected_version"), "expected_version", 0)
        ag.write_text(
            ctx, actor(request, who), code, speerpunt, vraag, form.get("text", ""), expected
        )
    except REFUSED as exc:
        return _text_page(request, db, who, code, speerpunt, vraag, form, _problems(exc))
    return _go(f"/regio/{code}/agenda/{speerpunt}/{vraag}")


@pages.post("/regio/{code}/agenda/{speerpunt}/{vraag}/onderbouwing", **access("editor"))
async def evidence_save(
    request: Request, code: str, speerpunt: str, vraag: str, ctx: Ctx, who: Who
) -> Response:
    form = await _form(request)
    link = EvidenceLink(form.get("kind", ""), form.get("ref", ""), form.get("label", ""))
    ag.add_evidence(ctx, actor(request, who), code, speerpunt, vraag, link)
    return _go(f"/regio/{code}/agenda/{speerpunt}/{vraag}")


# --- initiatives ------------------------------------------------------------------------------


def _initiative_map(db: Db, code: str, items: list[Initiative]) -> dict[str, Any] | None:
    """Where the initiatives run: the region's map coloured by their number."""
    found = ag.initiative_map(db, code, items)
    if found is None:
        return None
    title, label = t("agenda.web.map_title"), t("agenda.web.count")
    # Shapes without initiatives are grey (the missing class), named as such: quantile
    # classes of mostly zeros would otherwise put every shape in one class.
    counts = {k: (v or None) for k, v in found.counts.items()}
    fig = map_figure(found.collection, counts, title=title, value_label=label, decimals=0)
    fig.for_each_trace(
        lambda trace: trace.update(name=t("agenda.web.none_here")),
        selector={"name": t("map.missing")},
    )
    return figure_json(fig, t("agenda.web.map_alt"))


@pages.get("/regio/{code}/initiatieven", **access("viewer"))
def initiatives_page(request: Request, code: str, db: Db, who: Who) -> Response:
    return _initiatives_page(request, db, who, code)


def _initiatives_page(
    request: Request,
    db: Db,
    who: Who,
    code: str,
    typed: Mapping[str, str] | None = None,
    errors: list[dict[str, str]] | None = None,
) -> Response:
    params = request.query_params
    chosen = {k: params.get(k) or None for k in ("speerpunt", "status", "gemeente")}
    items = ag.initiatives(db, code, chosen["speerpunt"], chosen["status"], chosen["gemeente"])
    return render(
        request, "initiatives.html", who, 422 if errors else 200, items=items, chosen=chosen,
        speerpunten=ag.speerpunten(db, code), municipalities=ag.municipality_choices(db, code),
        map=_initiative_map(db, code, items), **_common(db, who, code, typed, errors),
    )  # fmt: skip


def _typed_initiative(form: Mapping[str, str], key: str) -> Initiative:
    """An initiative as typed in the form (amounts in the reader's language)."""
    return Initiative(
        key=key,
        name=form.get("name", ""),
        speerpunten=_list(form.get("speerpunten", "")) + _ticked(form, "speerpunt."),
        lead=form.get("lead", ""),
        status=form.get("status", "idee"),
        funding=_list(form.get("funding", "")) + _ticked(form, "funding."),
        kind="proeftuin" if form.get("kind") == "proeftuin" else "initiative",
        partners=_list(form.get("partners", "")),
        areas=_list(form.get("areas", "").upper()),
        integrated=form.get("integrated") in ("1", "on", "true"),
        budget_cents=_budget(form.get("budget", "")),
        start=_date(form.get("start", ""), "start"),
        end=_date(form.get("end", ""), "end"),
        indicators=_list(form.get("indicators", "")),
        targets=_list(form.get("targets", "")),
        notes=form.get("notes", ""),
    )


def _ticked(form: Mapping[str, str], prefix: str) -> tuple[str, ...]:
    """The keys of the ticked check boxes named ``<prefix><key>``."""
    return tuple(k[len(prefix) :] for k, v in form.items() if k.startswith(prefix) and v)


def _budget(text: str) -> int | None:
    with ag.refused():
        return parse_budget(text)


@pages.post("/regio/{code}/initiatieven", **access("editor"))
async def initiative_create(request: Request, code: str, ctx: Ctx, db: Db, who: Who) -> Response:
    form = await _form(request)
    try:
        item = _typed_initiative(form, form.get("key", ""))
        ag.create_initiative(ctx, actor(request, who), code, item)
    except REFUSED as exc:
        return _initiatives_page(request, db, who, code, form, _problems(exc))
    return _go(f"/regio/{code}/initiatieven/{item.key}")


@pages.get("/regio/{code}/initiatieven/{key}", **access("viewer"))
def initiative_page(request: Request, code: str, key: str, db: Db, who: Who) -> Response:
    item = ag.initiative(db, code, key)
    changes = list(reversed(ag.status_changes(db, code, key)))
    return render(
        request, "initiatives_detail.html", who, item=item, changes=changes,
        names=ag.account_names(db, [c.by for c in changes]), **_common(db, who, code),
    )  # fmt: skip


@pages.post("/regio/{code}/initiatieven/{key}/status", **access("editor"))
async def initiative_status(request: Request, code: str, key: str, ctx: Ctx, who: Who) -> Response:
    form = await _form(request)
    ag.set_status(ctx, actor(request, who), code, key, form.get("status", ""), form.get("note", ""))
    return _go(f"/regio/{code}/initiatieven/{key}")


# --- outcome targets --------------------------------------------------------------------------


@pages.get("/regio/{code}/streefcijfers", **access("viewer"))
def targets_page(request: Request, code: str, ctx: Ctx, db: Db, who: Who) -> Response:
    return _targets_page(request, ctx, db, who, code)


def _targets_page(
    request: Request,
    ctx: Ctx,
    db: Db,
    who: Who,
    code: str,
    typed: Mapping[str, str] | None = None,
    errors: list[dict[str, str]] | None = None,
) -> Response:
    return render(
        request, "targets.html", who, 422 if errors else 200,
        targets=ag.target_progress(ctx, db, code), today=date.today(),
        **_common(db, who, code, typed, errors),
    )  # fmt: skip


@pages.post("/regio/{code}/streefcijfers", **access("editor"))
async def target_save(request: Request, code: str, ctx: Ctx, db: Db, who: Who) -> Response:
    form = await _form(request)
    try:
        _save_target(ctx, actor(request, who), code, form)
    except REFUSED as exc:
        return _targets_page(request, ctx, db, who, code, form, _problems(exc))
    return _go(f"/regio/{code}/streefcijfers")


def _save_target(ctx: Ctx, who: Actor, code: str, form: Mapping[str, str]) -> None:
    """A target as typed in the form (the value in the reader's language), agreed or re-set."""
    indicator = form.get("indicator", "")
    direction = form.get("direction") or default_direction(indicator)
    target = OutcomeTarget(
        key=form.get("key", ""),
        indicator=indicator,
        value=parse_number(form.get("value", ""), "value") if form.get("value") else float("nan"),
        direction="at_most" if direction == "at_most" else "at_least",
        target_date=_required_date(form.get("target_date", ""), "target_date"),
        agreed_at=_required_date(form.get("agreed_at", ""), "agreed_at"),
        agreed_by=form.get("agreed_by", ""),
        note=form.get("note", ""),
    )
    ag.set_target(ctx, who, code, target)


# --- reviews ----------------------------------------------------------------------------------


@pages.get("/regio/{code}/peilmomenten", **access("viewer"))
def reviews_page(request: Request, code: str, db: Db, who: Who) -> Response:
    return _reviews_page(request, db, who, code)


def _reviews_page(
    request: Request,
    db: Db,
    who: Who,
    code: str,
    typed: Mapping[str, str] | None = None,
    errors: list[dict[str, str]] | None = None,
) -> Response:
    items = rv.reviews(db, code)
    return render(
        request, "reviews.html", who, 422 if errors else 200, reviews=list(reversed(items)),
        today=date.today(), **_common(db, who, code, typed, errors),
    )  # fmt: skip


@pages.post("/regio/{code}/peilmomenten", **access("editor"))
async def review_create(request: Request, code: str, ctx: Ctx, db: Db, who: Who) -> Response:
    form = await _form(request)
    key = form.get("key", "")
    try:
        held_on = _required_date(form.get("held_on", ""), "held_on")
        title = form.get("title", "")
        rv.create_review(ctx, actor(request, who), code, key=key, title=title, held_on=held_on)
    except REFUSED as exc:
        return _reviews_page(request, db, who, code, form, _problems(exc))
    return _go(f"/regio/{code}/peilmomenten/{key}")


@pages.get("/regio/{code}/peilmomenten/vergelijk", **access("viewer"))
def reviews_compare(request: Request, code: str, db: Db, who: Who) -> Response:
    """Two reviews side by side: what changed in the numbers, texts, answers and initiatives."""
    params = request.query_params
    before, after = params.get("van", ""), params.get("naar", "")
    found = rv.compare(db, code, before, after)
    return render(
        request, "reviews_compare.html", who, comparison=found,
        before=rv.review(db, code, before), after=rv.review(db, code, after),
        **LABELS, **_common(db, who, code),
    )  # fmt: skip


@pages.get("/regio/{code}/peilmomenten/{key}", **access("viewer"))
def review_page(request: Request, code: str, key: str, db: Db, who: Who) -> Response:
    review = rv.review(db, code, key)
    others = [r for r in rv.reviews(db, code) if r.key != key]
    return render(
        request, "reviews_detail.html", who, review=review, others=others,
        answers=dict(review.answers), **LABELS, **_common(db, who, code),
    )  # fmt: skip


@pages.post("/regio/{code}/peilmomenten/{key}", **access("editor"))
async def review_save(request: Request, code: str, key: str, ctx: Ctx, who: Who) -> Response:
    """Answers to the questions of the cycle, one more decision, or the state taken again."""
    form = await _form(request)
    questions = agenda_reference().keys("review_questions")
    answers = {q: form[f"answer.{q}"] for q in questions if f"answer.{q}" in form}
    rv.update_review(
        ctx, actor(request, who), code, key, answers=answers,
        decision=form.get("decision") or None, refresh=form.get("refresh") == "1",
    )  # fmt: skip
    return _go(f"/regio/{code}/peilmomenten/{key}")


@pages.post("/regio/{code}/peilmomenten/{key}/sluiten", **access("editor"))
async def review_close(request: Request, code: str, key: str, ctx: Ctx, who: Who) -> Response:
    rv.close_review(ctx, actor(request, who), code, key)
    return _go(f"/regio/{code}/peilmomenten/{key}")
