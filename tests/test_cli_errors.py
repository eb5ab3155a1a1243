"""No tracebacks for users: every command ends in a message and an exit code.

Refused input exits with 2 and names file, rows, column and rule; an unexpected error exits
with 1 and one line naming it (``GGZREGIO_DEBUG=1`` adds the traceback); an interrupt exits
with 130; Typer's usage errors keep exit code 2.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

import ggzregio.demo
from ggzregio.errors import InputError, Problem


def run(*args: str) -> Result:
    """The command line in-process, stdout and stderr apart."""
    from ggzregio.cli import app

    return CliRunner().invoke(app, list(args))


def _breaks(monkeypatch: pytest.MonkeyPatch, error: BaseException) -> None:
    """Make ``ggzregio demo-data`` fail with ``error`` where it writes the table."""

    def broken(*args: Any, **kwargs: Any) -> Path:
        raise error

    monkeypatch.setattr(ggzregio.demo, "write_demo_areas", broken)


def test_an_internal_error_is_one_line_with_exit_code_1(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("GGZREGIO_DEBUG", raising=False)
    _breaks(monkeypatch, RuntimeError("schijf kapot\nop regel twee"))
    result = run("demo-data", "--out", str(tmp_path / "gebieden.csv"))
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Interne fout: RuntimeError: schijf kapot op regel twee.")
    assert "GGZREGIO_DEBUG=1" in lines[0]
    assert "Traceback" not in result.output
    result = run("--lang", "en", "demo-data", "--out", str(tmp_path / "gebieden.csv"))
    assert result.exit_code == 1
    assert result.stderr.startswith("Internal error: RuntimeError: schijf kapot op regel twee.")
    assert not (tmp_path / "gebieden.csv").exists()


def test_ggzregio_debug_shows_the_traceback(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _breaks(monkeypatch, RuntimeError("schijf kapot"))
    monkeypatch.setenv("GGZREGIO_DEBUG", "1")
    result = run("demo-data", "--out", str(tmp_path / "gebieden.csv"))
    assert result.exit_code == 1
    assert "Traceback (most recent call last)" in result.stderr
    assert "in broken" in result.stderr  # the frame that raised
    assert result.stderr.strip().splitlines()[-1].startswith("Interne fout: RuntimeError")
    monkeypatch.setenv("GGZREGIO_DEBUG", "0")
    assert "Traceback" not in run("demo-data", "--out", str(tmp_path / "x.csv")).stderr


def test_refused_input_anywhere_exits_with_2_naming_the_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # An InputError that no command catches itself still ends as refused input.
    problem = Problem("gebieden.csv", "missing_value", "adults", rows=(4,))
    _breaks(monkeypatch, InputError([problem]))
    result = run("demo-data", "--out", str(tmp_path / "gebieden.csv"))
    assert result.exit_code == 2
    assert "bestand gebieden.csv, kolom 'adults', rij 4: waarde ontbreekt" in result.stderr
    assert "Traceback" not in result.output


def test_an_interrupt_exits_with_130(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _breaks(monkeypatch, KeyboardInterrupt())
    result = run("demo-data", "--out", str(tmp_path / "gebieden.csv"))
    assert result.exit_code == 130
    assert result.stderr.strip() == "Afgebroken."


def test_usage_errors_and_help_keep_their_exit_codes() -> None:
    result = run("claims", "delineate")
    assert result.exit_code == 2
    assert "Usage" in result.output
    assert "Traceback" not in result.output
    result = run("claims", "delineate", ".", "--year", "2024", "--out", "x.csv", "--engine", "x")
    assert result.exit_code == 2
    assert "duckdb, spark" in result.output
    assert run("--help").exit_code == 0
    assert run("--version").exit_code == 0


def test_the_console_entry_point_reports_without_a_traceback(tmp_path: Path) -> None:
    # The installed `ggzregio` script calls ggzregio.cli:main; run it in a fresh interpreter
    # with one function broken, as a user would meet an internal error.
    code = """
import sys
import ggzregio.demo
from ggzregio.cli import main

def broken(*args, **kwargs):
    raise ValueError("onverwacht")

ggzregio.demo.write_demo_areas = broken
sys.argv = ["ggzregio", *sys.argv[1:]]
main()
"""
    env = {k: v for k, v in os.environ.items() if k not in ("GGZREGIO_DEBUG", "GGZREGIO_LANG")}
    args = [sys.executable, "-c", code, "demo-data", "--out", str(tmp_path / "g.csv")]
    done = subprocess.run(args, capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 1, done.stderr
    assert done.stderr.strip().splitlines() == [
        "Interne fout: ValueError: onverwacht. Zet GGZREGIO_DEBUG=1 om de volledige traceback "
        "te zien (handig bij het melden van deze fout)."
    ]
    done = subprocess.run(
        [*args[:3], "claims", "delineate", str(tmp_path / "geen-map"), "--year", "2024",
         "--out", str(tmp_path / "t.csv")],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert "geen-map" in done.stderr
    assert "bestand bestaat niet" in done.stderr
    assert "Traceback" not in done.stderr
