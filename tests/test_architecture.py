"""The rule of who may import whom (docs/architecture.md), checked on the source: the domain
core knows nothing of storage, the application layer or the edges; the application layer
knows no web or command-line framework; the edges (web, command line, report) do not call
one another; a web feature does not call another feature."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "ggzregio"
EDGES = ("ggzregio.web", "ggzregio.cli", "ggzregio.report")
FRAMEWORKS = ("fastapi", "starlette", "typer", "click", "uvicorn", "jinja2")


def _module(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every module ``path`` imports, at top level or inside functions (relative resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    module = _module(path)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def _layer(module: str) -> str:
    for name in ("app", "web", "cli", "report", "storage"):
        if module == f"ggzregio.{name}" or module.startswith(f"ggzregio.{name}."):
            return name
    return "core"


def _under(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


#: What each layer must not import.
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "core": ("ggzregio.app", "ggzregio.storage", *EDGES, *FRAMEWORKS),
    "storage": ("ggzregio.app", *EDGES, *FRAMEWORKS),
    "app": (*EDGES, *FRAMEWORKS),
    "report": ("ggzregio.web", "ggzregio.cli", "fastapi", "starlette", "typer", "click"),
    "cli": ("ggzregio.web", "fastapi", "starlette"),
    # The web reads and writes through the use cases, not the repository or the database.
    "web": ("ggzregio.cli", "typer", "ggzregio.storage.repository", "ggzregio.storage.database"),
}
#: Modules of the core that are presentation helpers shared by every edge (no framework).
SOURCES = sorted(SRC.rglob("*.py"))


def test_the_rule_sees_the_code() -> None:
    modules = {_module(p) for p in SOURCES}
    assert {"ggzregio.app.planning", "ggzregio.web.routes.planning"} <= modules
    assert "fastapi" in _imports(SRC / "web" / "app.py")
    # the checker itself resolves relative and function-level imports
    assert "ggzregio.report.document" in _imports(SRC / "web" / "routes" / "reports.py")


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: _module(p))
def test_layers_import_only_what_they_may(path: Path) -> None:
    module = _module(path)
    forbidden = FORBIDDEN[_layer(module)]
    broken = sorted(name for name in _imports(path) if _under(name, forbidden))
    assert broken == [], f"{module} may not import {broken}"


def test_web_features_do_not_call_each_other() -> None:
    features = sorted((SRC / "web" / "routes").glob("*.py"))
    names = {f"ggzregio.web.routes.{p.stem}" for p in features if p.stem != "__init__"}
    for path in features:
        if path.stem == "__init__":
            continue
        others = names - {_module(path)}
        called = sorted(n for n in _imports(path) if _under(n, tuple(others)))
        assert called == [], f"{_module(path)} calls {called}"
