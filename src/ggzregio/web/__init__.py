"""The web application and HTTP API (FastAPI): pages rendered on the server with Jinja2 and
Plotly, and ``/api/v1`` with RFC 9457 problem details. See ``docs/web.md``."""

from ggzregio.web.app import create_app

__all__ = ["create_app"]
