"""Entry point for uvicorn workers: the application configured from the environment
(``GGZREGIO_DATABASE_URL``, ``GGZREGIO_SECURE_COOKIES``, ``GGZREGIO_THRESHOLD``), so that
several worker processes start the same application."""

from __future__ import annotations

import os

from fastapi import FastAPI

from ggzregio.web.app import create_app


def app_from_env() -> FastAPI:
    threshold = os.environ.get("GGZREGIO_THRESHOLD")
    app = create_app(
        os.environ.get("GGZREGIO_DATABASE_URL") or None,
        secure_cookies=os.environ.get("GGZREGIO_SECURE_COOKIES", "1") != "0",
        threshold=int(threshold) if threshold else None,
    )
    from ggzregio.app.monitor import warm

    warm(app.state.ggzregio)  # the monitor's protection ready before the first page
    return app
