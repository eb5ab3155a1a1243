"""Headers a security officer checks (issue 22, points 4 and 6): private answers and every
download say ``Cache-Control: no-store``, HSTS is sent over HTTPS, and ``ggzregio serve``
trusts forwarded headers only from the proxies it is told about (none by default)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import invoke
from tests.web_support import EDITOR, client_for, demo_database, login, token_for


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> str:
    address = f"sqlite:///{tmp_path_factory.mktemp('headers') / 'app.db'}"
    demo_database(address)
    return address


def test_private_answers_and_downloads_are_not_stored(url: str) -> None:
    client = client_for(url)  # https://testserver
    public = client.get("/api/v1/regions")
    assert "no-store" not in public.headers.get("cache-control", "")
    assert public.headers["strict-transport-security"].startswith("max-age=")
    download = client.get("/download/regios.csv")
    assert download.headers["cache-control"] == "no-store"
    headers = {"Authorization": f"Bearer {token_for(url, EDITOR)}"}
    private = client.get("/api/v1/regions/RG01/comparison", headers=headers)
    assert private.status_code == 200
    assert private.headers["cache-control"] == "no-store"
    login(client, EDITOR)
    page = client.get("/regio/RG01")
    assert page.headers["cache-control"] == "no-store"
    assert client.get("/regio/RG01/download/vergelijking.xlsx").headers["cache-control"] == (
        "no-store"
    )


def test_plain_http_gets_no_hsts(url: str) -> None:
    from fastapi.testclient import TestClient

    from ggzregio.web import create_app

    client = TestClient(create_app(url), base_url="http://testserver")
    assert "strict-transport-security" not in client.get("/api/v1/regions").headers


def test_serve_trusts_no_forwarded_headers_unless_told(
    url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import uvicorn

    seen: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: seen.append(kwargs))
    for name in ("GGZREGIO_DATABASE_URL", "GGZREGIO_SECURE_COOKIES"):  # serve sets them
        monkeypatch.setenv(name, "")
    code, output = invoke("serve", "--database-url", url)
    assert code == 0, output
    assert seen[-1]["proxy_headers"] is False
    code, output = invoke("serve", "--database-url", url, "--forwarded-allow-ips", "10.0.0.5")
    assert code == 0, output
    assert seen[-1]["proxy_headers"] is True
    assert seen[-1]["forwarded_allow_ips"] == "10.0.0.5"


def test_a_link_cannot_put_words_on_a_page(url: str) -> None:
    """``?message=`` text is gone: pages show messages from codes only (a count)."""
    client = client_for(url)
    login(client, EDITOR)
    spoof = "Uw account is geblokkeerd, bel 0900-1234"
    for path in ("/regio/RG01/monitor", "/regio/RG01/inventaris"):
        page = client.get(path, params={"message": spoof})
        assert page.status_code == 200, path
        assert spoof not in page.text, path
    saved = client.get("/regio/RG01/monitor", params={"opgeslagen": 12})
    assert "Opgeslagen: 12 waarden." in saved.text
    assert client.get("/regio/RG01/monitor", params={"opgeslagen": spoof}).status_code == 422
