"""Entry point for uvicorn workers: the application configured from the environment
(``GGZREGIO_DATABASE_URL``, ``GGZREGIO_SECURE_COOKIES``, ``GGZREGIO_THRESHOLD``), so that
several worker processes start the same application."""

from __future__ import annotations

import os
import sys
from typing import Final

from fastapi import FastAPI

from ggzregio.web.app import create_app

#: Seconds a thread may hold the interpreter lock while another waits for it (Python's
#: default is 0.005): the event loop gets its turn sooner behind the request threads.
SWITCH_INTERVAL_S: Final = 0.001


def app_from_env() -> FastAPI:
    sys.setswitchinterval(SWITCH_INTERVAL_S)
    threshold = os.environ.get("GGZREGIO_THRESHOLD")
    app = create_app(
        os.environ.get("GGZREGIO_DATABASE_URL") or None,
        secure_cookies=os.environ.get("GGZREGIO_SECURE_COOKIES", "1") != "0",
        threshold=int(threshold) if threshold else None,
    )
    from ggzregio.app.monitor import warm

    warm(app.state.ggzregio)  # the monitor's protection ready before the first page
    return app
