"""What ``./scripts/start`` does again on a later start: nothing that is already done.

``ggzregio serve --demo`` leaves a demo database of the current demo version as it is and
loads a demo of another version anew; ``scripts/_env.sh`` reinstalls only when
pyproject.toml changed and installs Java only for the tests (docs/setup.md, "First start").
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, update

from ggzregio.app.context import Context
from ggzregio.demo import DEMO_LABEL
from ggzregio.storage.demo import LOADED
from ggzregio.storage.models import AuditEntry, Counter, Region, User
from tests.conftest import invoke
from tests.web_support import BACKENDS, new_database

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """``uvicorn.run`` replaced: ``serve`` prepares everything and returns at once."""
    import uvicorn

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: calls.append(kwargs))
    for name in ("GGZREGIO_DATABASE_URL", "GGZREGIO_SECURE_COOKIES"):
        monkeypatch.setenv(name, os.environ.get(name, ""))  # serve sets them; restored after
    return calls


def _state(url: str) -> dict[str, Any]:
    ctx = Context.open(url)
    with ctx.factory() as db:
        state = {
            "loads": db.scalar(select(func.count()).where(AuditEntry.action == LOADED)),
            "admin_id": db.scalar(select(User.id).where(User.email == "beheer@demo.ggzregio.nl")),
            "name": db.scalar(select(Region.name).where(Region.code == "RG01")),
            "revisions": db.scalar(select(func.sum(Region.revision))),
            "counters": dict(db.execute(select(Counter.name, Counter.value)).all()),
            "users": db.scalar(select(func.count()).select_from(User)),
        }
    ctx.engine.dispose()
    return state


def _serve(url: str) -> str:
    code, output = invoke("serve", "--demo", "--database-url", url)
    assert code == 0, output
    return output


def test_serve_demo_on_an_existing_demo_database_loads_nothing(
    tmp_path: Path, served: list[dict[str, Any]]
) -> None:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    assert "Synthetische demo geladen" in _serve(url)
    first = _state(url)
    assert first["loads"] == 1
    again = _serve(url)
    assert "Synthetische demo geladen" not in again
    assert "demo-wachtwoord" in again  # the accounts are still named
    assert _state(url) == first  # same rows (the admin's id), no second load
    assert len(served) == 2


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_demo_of_another_version_is_loaded_anew(
    backend: str, tmp_path: Path, served: list[dict[str, Any]]
) -> None:
    for database in new_database(backend, tmp_path):
        _reload_on(database.url)


def _reload_on(url: str) -> None:
    _serve(url)
    ctx = Context.open(url)
    with ctx.factory() as db, db.begin():  # as an older release left it, with an edit
        entry = select(AuditEntry.id).where(AuditEntry.action == LOADED)
        db.execute(update(AuditEntry).where(AuditEntry.id.in_(entry)).values(detail="v0"))
        db.execute(update(Region).where(Region.code == "RG01").values(name="Oud", revision=7))
        db.merge(Counter(name="monitor", value=3))
    ctx.engine.dispose()
    before = _state(url)
    assert "Synthetische demo geladen" in _serve(url)
    after = _state(url)
    assert after["name"] == "Regio 01"  # the new demo, not the old data
    assert after["loads"] == 2  # the audit log is kept
    assert after["users"] == 3
    # Revisions and counters only grow, so no cached answer of the old demo is served.
    assert after["revisions"] > before["revisions"]
    assert after["counters"]["monitor"] > before["counters"]["monitor"]
    ctx = Context.open(url)
    with ctx.factory() as db:
        assert db.scalar(select(AuditEntry.detail).order_by(AuditEntry.id.desc())) == DEMO_LABEL
    ctx.engine.dispose()


# --- scripts/_env.sh ------------------------------------------------------------------------


def _tree(tmp_path: Path, java: bool) -> tuple[Path, dict[str, str]]:
    """A copy of scripts/_env.sh with a stand-in project, .venv and tools: the stand-in
    python logs what it is asked, apt-get logs what it would install."""
    tree = tmp_path / "tree"
    (tree / "scripts").mkdir(parents=True)
    shutil.copy(ROOT / "scripts" / "_env.sh", tree / "scripts" / "_env.sh")
    (tree / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    tools = tmp_path / "bin"
    tools.mkdir()
    for tool in ("sha256sum", "cut", "cat", "mkdir", "flock", "dirname", "id", "bash", "basename"):
        found = shutil.which(tool)
        assert found, tool
        (tools / tool).symlink_to(found)
    log = tmp_path / "calls.log"
    stub = f'#!{shutil.which("bash")}\necho "$(basename "$0") $*" >> {log}\n'
    names = ["apt-get", "chromium", *(["java"] if java else [])]
    for name in names:
        (tools / name).write_text(stub, encoding="utf-8")
        (tools / name).chmod(0o755)
    python = tree / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text(stub, encoding="utf-8")
    python.chmod(0o755)
    return tree, {"PATH": str(tools), "HOME": str(tmp_path), "LOG": str(log)}


def _source(tree: Path, env: dict[str, str], prefix: str = "") -> tuple[list[str], str]:
    """Source _env.sh as scripts/start or scripts/test do; the calls logged and stderr."""
    log = Path(env["LOG"])
    log.unlink(missing_ok=True)
    done = subprocess.run(
        [env["PATH"] + "/bash", "-c", f"{prefix}source scripts/_env.sh"],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    calls = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    return calls, done.stderr


def test_env_reinstalls_only_when_pyproject_changes(tmp_path: Path) -> None:
    tree, env = _tree(tmp_path, java=True)
    calls, _ = _source(tree, env)
    assert calls == [
        "python -m pip install --quiet --upgrade pip",
        "python -m pip install --quiet -e .[all,dev]",
    ]
    assert _source(tree, env)[0] == []  # installed: a later start only checks
    with (tree / "pyproject.toml").open("a", encoding="utf-8") as file:
        file.write('version = "2"\n')
    assert len(_source(tree, env)[0]) == 2
    assert _source(tree, env)[0] == []


def test_a_failed_install_is_tried_again(tmp_path: Path) -> None:
    tree, env = _tree(tmp_path, java=True)
    python = tree / ".venv" / "bin" / "python"
    python.write_text(python.read_text(encoding="utf-8") + "exit 1\n", encoding="utf-8")
    with pytest.raises(subprocess.CalledProcessError):
        _source(tree, env)
    assert not (tree / ".venv" / ".ggzregio-installed").exists()


def test_start_does_not_install_java_the_tests_do(tmp_path: Path) -> None:
    tree, env = _tree(tmp_path, java=False)
    _source(tree, env)  # installed once
    start_calls, start_err = _source(tree, env, prefix="GGZREGIO_NEED_JAVA=0 ")
    assert start_calls == []
    assert "java" not in start_err
    test_calls, test_err = _source(tree, env)
    assert any("default-jre-headless" in call for call in test_calls) or "java" in test_err


def test_two_runs_at_once_install_once(tmp_path: Path) -> None:
    """scripts/start and scripts/test started together in a fresh clone take turns."""
    tree, env = _tree(tmp_path, java=True)
    python = tree / ".venv" / "bin" / "python"
    (tmp_path / "bin" / "sleep").symlink_to(str(shutil.which("sleep")))
    python.write_text(python.read_text(encoding="utf-8") + "sleep 0.5\n", encoding="utf-8")
    runs = [
        subprocess.Popen([env["PATH"] + "/bash", "-c", "source scripts/_env.sh"], cwd=tree, env=env)
        for _ in range(2)
    ]
    assert [run.wait() for run in runs] == [0, 0]
    calls = Path(env["LOG"]).read_text(encoding="utf-8").splitlines()
    assert [c for c in calls if c.startswith("python")] == [
        "python -m pip install --quiet --upgrade pip",
        "python -m pip install --quiet -e .[all,dev]",
    ]
