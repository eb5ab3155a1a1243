"""No NUL characters in what people type (review finding F4): a NUL in the path, the query,
a form or a JSON body is refused with 422 on every route — it gave a server error on
PostgreSQL — while uploaded files, which are binary, pass."""

from __future__ import annotations

import pytest

from ggzregio.web.responses import Problem
from tests.web_support import BACKENDS, Database, client_for, csrf_of, token_for

ADMIN = "beheer@demo.ggzregio.nl"


@pytest.mark.parametrize("web_db", BACKENDS, indirect=True)
def test_a_nul_anywhere_people_type_is_refused_with_422(web_db: Database) -> None:
    client = client_for(web_db.url)
    headers = {"Authorization": f"Bearer {token_for(web_db.url, ADMIN)}"}
    token = csrf_of(client, "/login")
    signed = client.post("/login", data={"email": "a\x00@x.nl", "password": "x" * 12,
                         "csrf_token": token})  # fmt: skip
    assert signed.status_code == 422
    named = client.post("/api/v1/me/tokens", json={"name": "a\u0000b"}, headers=headers)
    assert named.status_code == 422
    assert named.headers["content-type"].startswith("application/problem+json")
    Problem.model_validate(named.json())
    in_path = client.get("/api/v1/regions/RG01%00")
    assert in_path.status_code == 422
    Problem.model_validate(in_path.json())  # the API's problem details, like every refusal
    assert in_path.json()["instance"] == "/api/v1/regions/RG01\x00"
    assert client.get("/api/v1/regions", params={"size": "5\x00"}).status_code == 422
    # an ordinary request still works, and a percent sign is no NUL
    assert client.get("/api/v1/regions", params={"q": "100%"}).status_code == 200
    fine = client.post("/api/v1/me/tokens", json={"name": "koppeling 100%"}, headers=headers)
    assert fine.status_code == 403  # it reached the route (which makes no token for a token)
