"""The API documentation page works offline (issue 22, point 5): Swagger UI is served by the
application itself under the same Content-Security-Policy as every page, and no page loads a
script, style, image or frame from another host."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ggzregio.web.app import CSP
from tests.web_support import EDITOR, client_for, demo_database, login

#: A resource a page loads: the tag and the address.
RESOURCE = re.compile(r"<(script|link|img|iframe|source)\b[^>]*?\b(?:src|href)=\"([^\"]+)\"", re.I)
VENDOR = Path(__file__).resolve().parents[1] / "src/ggzregio/web/static/vendor/swagger-ui"


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> str:
    address = f"sqlite:///{tmp_path_factory.mktemp('docs') / 'app.db'}"
    demo_database(address)
    return address


def test_the_api_docs_page_is_served_by_the_application(url: str) -> None:
    client = client_for(url)
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    assert page.headers["content-security-policy"] == CSP  # the same policy as every page
    assert "<script>" not in page.text  # no inline script (the CSP would refuse it)
    loaded = [address for _, address in RESOURCE.findall(page.text)]
    assert loaded
    for address in loaded:
        assert address.startswith("/"), address
        assert client.get(address).status_code == 200, address
    assert client.get("/api/v1/openapi.json").json()["openapi"].startswith("3.1")
    assert "5.35.0" in (VENDOR / "README.md").read_text(encoding="utf-8")
    assert (VENDOR / "LICENSE").is_file()


def test_no_page_loads_anything_from_another_host(url: str) -> None:
    client = client_for(url)
    login(client, EDITOR)
    pages = ("/", "/regio/RG01", "/regio/RG01/planning", "/regio/RG01/monitor",
             "/regio/RG01/simulatie", "/regio/RG01/inventaris", "/account", "/api/v1/docs",
             "/login", "/regio/RG01/rapport.html")  # fmt: skip
    for path in pages:
        answer = client.get(path)
        assert answer.status_code == 200, path
        for tag, address in RESOURCE.findall(answer.text):
            if tag.lower() == "link" and address.startswith("#"):
                continue
            assert not re.match(r"(https?:)?//", address), f"{path}: <{tag}> {address}"
