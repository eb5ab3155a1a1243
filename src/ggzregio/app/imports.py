"""Imports with a preview: a CBS *Kerncijfers wijken en buurten* table (StatLine CSV or Excel,
any year) uploaded in the browser is converted on the server (:mod:`ggzregio.cbs`), checked
against the region, and shown — areas found, what was derived, what is missing (secret
values), areas outside the region — before the editor confirms; or downloaded from the CBS
open data API for the region's municipalities (optional, online). Nothing is stored in the
region until then; a refused or cancelled import changes nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Final

import numpy as np
import pandas as pd
from sqlalchemy import delete
from sqlalchemy.orm import Session

from ggzregio.accounts import new_token, token_hash
from ggzregio.app.context import Actor, Context
from ggzregio.app.errors import InvalidRequestError, NotFoundError
from ggzregio.app.files import Upload
from ggzregio.app.regions import check_area_table, get_region, municipality_codes
from ggzregio.cbs import DERIVATIONS, read_cbs
from ggzregio.cbs_download import Fetch, download_kwb
from ggzregio.io.areas import AreaTable, validate_areas
from ggzregio.io.results import records
from ggzregio.io.tables import RawTable, SourceInfo
from ggzregio.storage import repository as repo
from ggzregio.storage.database import transaction
from ggzregio.storage.models import PendingImport, now

#: How long a preview waits for its confirmation.
PENDING_LIFETIME: Final = timedelta(hours=1)
SAMPLE: Final = 5


@dataclass(frozen=True)
class Preview:
    """What a confirmation would store: the token to confirm with and the summary shown."""

    token: str
    summary: dict[str, Any]


def preview_cbs(ctx: Context, actor: Actor, code: str, upload: Upload) -> Preview:
    """Convert an uploaded CBS table for region ``code`` and keep it for confirmation."""
    found = upload.read(lambda path: read_cbs(path, level="buurt"))
    frame = found.frame
    with ctx.factory() as db:
        region = get_region(db, code)
        own = {m.code for m in repo.municipalities(db, code)}
        if not own:  # a region without a stored division: the municipalities of its areas
            own = set(repo.area_frame(db, code).get("municipality_code", pd.Series()).astype(str))
    inside = frame["municipality_code"].astype("string").isin(own).fillna(False).to_numpy()
    outside = frame.loc[~inside, "area_code"].astype(str)
    chosen = frame[inside].reset_index(drop=True)
    chosen.index = pd.Index(np.arange(len(chosen)) + 1, name="row")
    source = SourceInfo(upload.name, "cbs", found.source.sha256)
    if chosen.empty:  # nothing of this region in the file: a preview that stores nothing
        table = AreaTable(chosen.iloc[0:0], source)
    else:
        table = validate_areas(RawTable(chosen, source), ctx.model(), skip_invalid=True)
    summary: dict[str, Any] = {
        "file": upload.name,
        "region": region.name,
        "found": len(frame),
        "in_region": int(inside.sum()),
        "outside": len(outside),
        "outside_sample": list(outside.head(SAMPLE)),
        "stored": len(table.frame),
        "skipped": len(table.skipped),
        "skipped_sample": [s.message() for s in table.skipped[:SAMPLE]],
        "derived": sorted(DERIVATIONS),
        "missing": dict(found.missing),
        "municipalities": sorted(set(chosen["municipality_code"].dropna().astype(str))),
    }
    token = new_token()
    stored = table.frame.drop(columns=["region_code", "region_name"], errors="ignore")
    with transaction(ctx.factory) as db:
        db.execute(delete(PendingImport).where(PendingImport.created_at < now() - PENDING_LIFETIME))
        db.add(
            PendingImport(
                token_hash=token_hash(token),
                region_code=code,
                user_id=actor.user_id,
                source=upload.name,
                data_version=table.source.data_version,
                areas=records(stored),
                summary=summary,
            )
        )
    return Preview(token, summary)


def _pending(db: Session, actor: Actor, code: str, token: str) -> PendingImport:
    pending = db.get(PendingImport, token_hash(token))
    created = pending.created_at if pending is not None else None
    if created is not None and created.tzinfo is None:
        created = created.replace(tzinfo=now().tzinfo)
    if (
        pending is None
        or pending.region_code != code
        or pending.user_id != actor.user_id
        or created is None
        or created < now() - PENDING_LIFETIME
    ):
        raise NotFoundError("import_expired", code)
    return pending


def confirm(ctx: Context, actor: Actor, code: str, token: str) -> int:
    """Store the previewed areas in region ``code`` (all or nothing); returns how many."""
    with transaction(ctx.factory) as db:
        pending = _pending(db, actor, code, token)
        if not pending.areas:
            raise InvalidRequestError("import_empty", pending.source, file=pending.source)
        region = get_region(db, code)
        frame = pd.DataFrame(pending.areas)
        check_area_table(db, code, frame, pending.source)  # the division may have changed
        n = repo.replace_areas(db, code, frame)
        region.revision += 1
        region.data_version = pending.data_version
        region.synthetic = False
        detail = f"{pending.source}: {n} (CBS)"
        repo.audit(db, "areas.import", actor.user_id, code, detail, actor.client)
        db.delete(pending)
    return n


def cancel(ctx: Context, actor: Actor, code: str, token: str) -> None:
    """Forget a preview."""
    with transaction(ctx.factory) as db:
        db.delete(_pending(db, actor, code, token))


def preview_cbs_download(
    ctx: Context, actor: Actor, code: str, year: int, fetch: Fetch | None = None
) -> Preview:
    """Download the region's municipalities from the CBS open data API (optional, online)
    and preview it like an upload; offline, an :class:`InputError` says so and points to the
    manual download."""
    import tempfile
    from pathlib import Path

    municipalities = municipality_codes(ctx, code)
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / f"kwb-{year}-{code}.csv"
        download_kwb(municipalities, target, year=year, fetch=fetch)
        upload = Upload.of(target.name, target.read_bytes())
    return preview_cbs(ctx, actor, code, upload)
