"""``ggzregio serve``, ``ggzregio db ...`` and ``ggzregio users ...``: the web application,
its database and its accounts."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ggzregio.cli.common import err, out
from ggzregio.i18n import t

if TYPE_CHECKING:
    from ggzregio.app.context import Actor, Context

db_app = typer.Typer(help=t("help.db"), no_args_is_help=True)
users_app = typer.Typer(help=t("help.users"), no_args_is_help=True)
UrlOpt = Annotated[
    str | None,
    typer.Option("--database-url", envvar="GGZREGIO_DATABASE_URL", help=t("help.database_url")),
]


def _context(url: str | None) -> Context:
    """The application on ``url`` (default: ``GGZREGIO_DATABASE_URL`` or the SQLite file)."""
    from ggzregio.extras import require

    require("sqlalchemy", "db")
    require("alembic", "db")
    from ggzregio.app.context import Context

    return Context.open(url)


def _operator() -> Actor:
    """The command line acts as the instance's operator (``cli`` in the audit log)."""
    from ggzregio.app.context import Actor

    return Actor(client="cli")


def serve_command(
    host: Annotated[str, typer.Option("--host", help=t("help.host"))] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help=t("help.port"))] = 8000,
    database_url: UrlOpt = None,
    workers: Annotated[int, typer.Option("--workers", min=1, max=32, help=t("help.workers"))] = 1,
    demo: Annotated[bool, typer.Option("--demo", help=t("help.serve_demo"))] = False,
    insecure_cookies: Annotated[
        bool, typer.Option("--insecure-cookies", help=t("help.insecure_cookies"))
    ] = False,
    threshold: Annotated[int | None, typer.Option("--threshold", help=t("help.threshold"))] = None,
    min_coverage: Annotated[
        float | None,
        typer.Option("--min-coverage", min=0.0, max=1.0, help=t("help.min_coverage")),
    ] = None,
    forwarded_allow_ips: Annotated[
        str | None,
        typer.Option("--forwarded-allow-ips", help=t("help.forwarded_allow_ips")),
    ] = None,
) -> None:
    """Start the web application (uvicorn)."""
    from ggzregio.extras import require

    uvicorn = require("uvicorn", "web")

    from ggzregio.app import setup

    ctx = _context(database_url)
    url = ctx.settings.database_url
    if demo:
        from ggzregio.storage.demo import DEMO_PASSWORD, DEMO_USERS

        if setup.load_demo(ctx):
            out.print(t("cli.demo_loaded"), markup=False)
        out.print(
            t(
                "cli.demo_accounts",
                users=", ".join(u[0] for u in DEMO_USERS),
                password=DEMO_PASSWORD,
            ),
            markup=False,
        )
    elif setup.schema_revision(ctx) is None:
        err.print(t("cli.db_not_ready", url=setup.database_label(ctx)), markup=False)
        raise typer.Exit(2)
    ctx.engine.dispose()
    os.environ["GGZREGIO_DATABASE_URL"] = url
    os.environ["GGZREGIO_SECURE_COOKIES"] = "0" if insecure_cookies else "1"
    if threshold is not None:
        os.environ["GGZREGIO_THRESHOLD"] = str(threshold)
    if min_coverage is not None:
        os.environ["GGZREGIO_MIN_COVERAGE"] = str(min_coverage)
    out.print(t("cli.serving", url=f"http://{host}:{port}/"), markup=False)
    uvicorn.run(
        "ggzregio.web.server:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        # X-Forwarded-For/-Proto only from the proxies named; by default from none, so a
        # client cannot choose the address that rate limits and the audit log use.
        proxy_headers=bool(forwarded_allow_ips),
        forwarded_allow_ips=forwarded_allow_ips or "",
    )


@db_app.command("upgrade", help=t("help.db_upgrade"))
def db_upgrade(database_url: UrlOpt = None) -> None:
    from ggzregio.app import setup

    revision = setup.upgrade_schema(_context(database_url))
    out.print(t("cli.db_upgraded", revision=revision or "-"), markup=False)


@db_app.command("init", help=t("help.db_init"))
def db_init(
    geography: Annotated[str, typer.Option("--geography", help=t("help.geography"))] = "nl-2024",
    region_type: Annotated[str, typer.Option("--region-type", help=t("help.region_type"))] = "ggd",
    regions: Annotated[Path | None, typer.Option("--regions", help=t("help.division_file"))] = None,
    admin: Annotated[str, typer.Option("--admin", help=t("help.admin"))] = "",
    admin_password: Annotated[
        str, typer.Option("--admin-password", envvar="GGZREGIO_ADMIN_PASSWORD", hidden=True)
    ] = "",
    database_url: UrlOpt = None,
) -> None:
    from ggzregio.app import setup

    if admin and not admin_password:
        admin_password = typer.prompt(
            t("cli.password_for", email=admin), hide_input=True, confirmation_prompt=True
        )
    report = setup.init_geography(
        _context(database_url),
        _operator(),
        geography,
        region_type,
        regions_file=regions,
        admin_email=admin,
        admin_password=admin_password,
    )
    out.print(
        t(
            "cli.setup_done",
            division=report.division,
            created=len(report.regions_created),
            present=len(report.regions_present),
            municipalities=report.municipalities,
            boundaries=report.boundaries,
            attribution=report.attribution,
        ),
        markup=False,
    )
    if report.admin:
        key = "cli.setup_admin" if report.admin_created else "cli.setup_admin_present"
        out.print(t(key, email=report.admin), markup=False)
    if regions is None:
        out.print(t("geo.derived_assignment"), style="dim", markup=False)


@db_app.command("status", help=t("help.db_status"))
def db_status(database_url: UrlOpt = None) -> None:
    from ggzregio.app import setup

    ctx = _context(database_url)
    out.print(f"{setup.database_label(ctx)}: {setup.schema_revision(ctx) or '-'}", markup=False)


@db_app.command("load-demo", help=t("help.db_load_demo"))
def db_load_demo(database_url: UrlOpt = None) -> None:
    from ggzregio.app import setup

    loaded = setup.load_demo(_context(database_url))
    out.print(t("cli.demo_loaded" if loaded else "cli.demo_present"), markup=False)


@users_app.command("add", help=t("help.users_add"))
def users_add(
    email: Annotated[str, typer.Argument(help="E-mail")],
    name: Annotated[str, typer.Option("--name")] = "",
    national_admin: Annotated[bool, typer.Option("--national-admin")] = False,
    role: Annotated[list[str] | None, typer.Option("--role", help=t("help.users_role"))] = None,
    password: Annotated[
        str, typer.Option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
    ] = "",
    database_url: UrlOpt = None,
) -> None:
    from ggzregio.app import accounts
    from ggzregio.storage.users import AccountError

    roles = {}
    for item in role or []:
        region, _, chosen = item.partition("=")
        roles[region.strip()] = chosen.strip() or "viewer"
    try:
        accounts.add_user(
            _context(database_url), _operator(), email, password, name, national_admin, roles
        )
    except AccountError as exc:
        err.print(t(exc.key, **exc.values), markup=False)
        raise typer.Exit(2) from exc
    out.print(t("cli.user_added", email=email.strip().lower()), markup=False)


@users_app.command("role", help=t("help.users_role_cmd"))
def users_role(
    email: Annotated[str, typer.Argument()],
    region: Annotated[str, typer.Argument()],
    role: Annotated[str, typer.Argument(help="viewer, editor, admin of geen / none")],
    database_url: UrlOpt = None,
) -> None:
    from ggzregio.app import accounts
    from ggzregio.storage.users import AccountError

    chosen = None if role.lower() in ("none", "geen", "-") else role.lower()
    try:
        accounts.set_role(_context(database_url), _operator(), email, region, chosen)
    except AccountError as exc:
        err.print(t(exc.key, **exc.values), markup=False)
        raise typer.Exit(2) from exc
    out.print(t("cli.role_set", email=email, region=region, role=role), markup=False)


@users_app.command("token", help=t("help.users_token"))
def users_token(
    email: Annotated[str, typer.Argument()],
    name: Annotated[str, typer.Option("--name")] = "cli",
    database_url: UrlOpt = None,
) -> None:
    from ggzregio.app import accounts
    from ggzregio.storage.users import AccountError

    try:
        secret = accounts.token_for(_context(database_url), _operator(), email, name)
    except AccountError as exc:
        err.print(t(exc.key, **exc.values), markup=False)
        raise typer.Exit(2) from exc
    out.print(secret, markup=False)
