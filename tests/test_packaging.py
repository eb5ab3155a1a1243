"""Lean installs: the extras in pyproject.toml, and the library without them.

``pip install ggzregio`` is the library and the file-based command line; the web server, the
database drivers, Spark, Numba, Kaleido, Ibis and the geo packages come with extras. The
import tests run in a fresh interpreter in which a finder on ``sys.meta_path`` refuses every
optional package, as if it were not installed (no second environment needed).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from ggzregio.errors import GgzregioError
from ggzregio.extras import EXTRAS, MissingExtraError, require
from ggzregio.i18n import set_language

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
OPTIONAL = PYPROJECT["project"]["optional-dependencies"]
#: Top-level modules of the optional packages (and of what they bring: starlette, duckdb).
BLOCKED = (
    "fastapi", "starlette", "uvicorn", "sqlalchemy", "alembic", "psycopg", "pyspark", "numba",
    "kaleido", "ibis", "duckdb", "shapely", "pyproj", "cbsodata",
)  # fmt: skip
#: The core, importable with the base dependencies only.
CORE = (
    "ggzregio.prevalence", "ggzregio.prevalence.run", "ggzregio.prevalence.figures",
    "ggzregio.prevalence.fit", "ggzregio.planning", "ggzregio.planning.figures",
    "ggzregio.monitor", "ggzregio.monitor.figures", "ggzregio.inventory", "ggzregio.io",
    "ggzregio.io.results", "ggzregio.privacy", "ggzregio.simulation", "ggzregio.simulation.run",
    "ggzregio.simulation.figures", "ggzregio.regions", "ggzregio.cbs", "ggzregio.boundaries",
    "ggzregio.geography", "ggzregio.cbs_download", "ggzregio.labels",
    "ggzregio.charts", "ggzregio.claims.rules", "ggzregio.claims.synthetic", "ggzregio.demo",
    "ggzregio.agenda", "ggzregio.neighbourhood",
)  # fmt: skip
#: The command line's file-based commands (importing any of them imports ``ggzregio.cli``).
CLI = (
    "ggzregio.cli", "ggzregio.cli.prevalence", "ggzregio.cli.planning", "ggzregio.cli.inventory",
    "ggzregio.cli.monitor", "ggzregio.cli.simulation", "ggzregio.cli.claims", "ggzregio.cli.data",
)  # fmt: skip

BLOCKER = f"""
import importlib.abc
import sys
import warnings

# As in the test suite (pyproject.toml): a warning from our own code is an error.
warnings.filterwarnings("error", module="ggzregio")

BLOCKED = {BLOCKED!r}


class Blocker(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in BLOCKED:
            raise ImportError(f"{{name}} is blocked (not installed in a lean install)", name=name)
        return None


sys.meta_path.insert(0, Blocker())
"""

#: A short simulation: two small regions, one plan, two years, a few draws.
SIMULATION = """
from ggzregio.planning.scenario_file import load_norm_set
from ggzregio.prevalence.model import load_model
from ggzregio.simulation.parameters import default_parameters
from ggzregio.simulation.run import Region, Settings, build_scenario, run_simulation


def short_simulation():
    params = default_parameters()
    regions = [
        Region("RX", "Regio X", 400_000, 320_000, 5_120, 100.0),
        Region("RY", "Regio Y", 250_000, 200_000, 3_000, 90.0),
    ]
    scenario = build_scenario(load_norm_set("voorbeeldregio-1"), regions, params)
    result = run_simulation(
        regions, [scenario], params, load_model(), Settings(years=2, draws=6, seed=7)
    )
    return result.summaries[scenario.id].yearly["p50"].to_numpy(dtype=float).tolist()
"""


def _included(requirements: list[str]) -> set[str]:
    """The extras of this package that a list of requirements pulls in (``ggzregio[a,b]``)."""
    found: set[str] = set()
    for requirement in requirements:
        match = re.fullmatch(r"ggzregio\[([a-z0-9_,\s-]+)\]", requirement.strip())
        if match:
            found.update(part.strip() for part in match.group(1).split(","))
    return found


def _closure(extra: str) -> set[str]:
    """``extra`` and every extra it includes, recursively."""
    seen = {extra}
    todo = [extra]
    while todo:
        for name in _included(OPTIONAL[todo.pop()]) - seen:
            seen.add(name)
            todo.append(name)
    return seen


def _names(requirements: list[str]) -> set[str]:
    return {re.split(r"[\[<>=!~;\s]", r.strip(), maxsplit=1)[0].lower() for r in requirements}


def _run(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    script = BLOCKER + code
    return subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        cwd=ROOT,
    )


def test_extras_exist_and_all_covers_every_other() -> None:
    expected = {"db", "postgres", "figures", "web", "claims", "spark", "simulation", "geo", "cbs"}
    assert expected <= set(OPTIONAL)
    assert {"all", "dev"} <= set(OPTIONAL)
    others = set(OPTIONAL) - {"all", "dev"}
    assert _closure("all") - {"all"} == others
    # Every extra that an extra includes exists (a typo would install nothing, silently).
    for name, requirements in OPTIONAL.items():
        assert _included(requirements) <= set(OPTIONAL), name
    # The modules that the code asks for through ggzregio.extras.require name real extras.
    assert set(EXTRAS.values()) <= others


def test_base_has_none_of_the_optional_packages() -> None:
    base = _names(PYPROJECT["project"]["dependencies"])
    optional = set().union(*(_names(r) for n, r in OPTIONAL.items() if n != "dev"))
    assert not base & optional, base & optional
    heavy = {"fastapi", "uvicorn", "sqlalchemy", "alembic", "psycopg", "pyspark", "numba",
             "kaleido", "ibis-framework", "shapely", "pyproj", "jinja2"}  # fmt: skip
    assert not base & heavy
    # What a missing-extra message tells the user to install is where the package is.
    assert "psycopg" in _names(OPTIONAL["postgres"])
    assert "kaleido" in _names(OPTIONAL["figures"])
    assert {"shapely", "pyproj"} <= _names(OPTIONAL["geo"])
    assert "numba" in _names(OPTIONAL["simulation"])
    assert "pyspark" in _names(OPTIONAL["spark"])
    assert "ibis-framework" in _names(OPTIONAL["claims"])
    assert {"sqlalchemy", "alembic", "argon2-cffi"} <= _names(OPTIONAL["db"])
    assert {"fastapi", "uvicorn", "jinja2", "python-multipart"} <= _names(OPTIONAL["web"])
    assert {"db", "figures"} <= _closure("web")


def test_scripts_install_everything_in_one_go() -> None:
    env = (ROOT / "scripts" / "_env.sh").read_text(encoding="utf-8")
    assert re.search(r"pip install [^\n]*-e \"\.\[all,dev\]\"", env)


def test_missing_extra_is_refused_with_the_command_to_install_it() -> None:
    with pytest.raises(MissingExtraError) as caught:
        require("ggzregio_no_such_module", "geo")
    assert "pip install 'ggzregio[geo]'" in str(caught.value)
    assert "installeer" in str(caught.value)  # Dutch by default
    assert caught.value.extra == "geo"
    assert isinstance(caught.value, GgzregioError)  # the command line shows it, exit code 2
    set_language("en")
    with pytest.raises(MissingExtraError, match=r"install it with: pip install 'ggzregio\[geo\]'"):
        require("ggzregio_no_such_module", "geo")


#: Imports the modules named on the command line, estimates the demo, runs a simulation and
#: tries what needs an extra; prints what happened as JSON.
CORE_RUN = """
import importlib
import json
from pathlib import Path

for name in sys.argv[1:]:
    importlib.import_module(name)

from ggzregio.demo import DEMO_LABEL, demo_areas_path
from ggzregio.io.areas import read_areas
from ggzregio.prevalence.model import load_model
from ggzregio.prevalence.run import run_estimate
from ggzregio.simulation.jit import COMPILED

model = load_model()
areas = read_areas(demo_areas_path(), model)
result = run_estimate(areas, model, data_label=DEMO_LABEL, synthetic=True)

# What needs an extra is refused with the extra to install, not with a traceback.
from ggzregio.boundaries import read_boundaries
from ggzregio.charts import static_images
from ggzregio.extras import MissingExtraError

refused = {}
for extra, call in (
    ("geo", lambda: read_boundaries(Path("kaart.geojson"))),
    ("figures", lambda: static_images([(None, "png")])),
):
    try:
        call()
    except MissingExtraError as exc:
        refused[extra] = str(exc)

loaded = sorted({m.partition(".")[0] for m in sys.modules} & set(BLOCKED))
print(json.dumps({
    "tables": sorted(result.tables),
    "compiled": COMPILED,
    "simulation": short_simulation(),
    "refused": refused,
    "loaded": loaded,
}))
"""


def test_core_imports_and_runs_without_the_extras() -> None:
    code = SIMULATION + CORE_RUN
    done = _run(code, *CORE)
    assert done.returncode == 0, done.stderr
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["loaded"] == []
    assert report["tables"]
    assert report["compiled"] is False
    assert "ggzregio[geo]" in report["refused"]["geo"]
    assert "ggzregio[figures]" in report["refused"]["figures"]
    # Without Numba the same model runs in plain Python and gives the same numbers.
    namespace: dict[str, Any] = {}
    exec(SIMULATION, namespace)
    compiled = np.array(namespace["short_simulation"](), dtype=float)
    plain = np.array(report["simulation"], dtype=float)
    assert plain.shape == compiled.shape
    assert np.allclose(plain, compiled, rtol=1e-9, atol=1e-9, equal_nan=True)


def test_command_line_starts_without_the_extras() -> None:
    code = """
import importlib

for name in sys.argv[1:]:
    importlib.import_module(name)
sys.argv = ["ggzregio", "--help"]
from ggzregio.cli import main

main()
"""
    done = _run(code, *CLI)
    assert done.returncode == 0, done.stderr
    assert "prevalence" in done.stdout
