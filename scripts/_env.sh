# Shared set-up for scripts/start and scripts/test: install Chromium (and, for the tests, Java)
# if missing, create .venv and install the project with every extra (`all`) and its development
# dependencies (`dev`), in one pip install. Sourced, not executed.
#
# What runs on every start is only checks: `command -v` and one checksum. The install runs
# again only when pyproject.toml changed since the last successful one (its SHA-256 is kept in
# .venv/.ggzregio-installed, written after pip succeeded); the package itself is installed
# editable, so changed sources need no reinstall. Two runs at once (start and test in a fresh
# clone) take turns instead of installing into the same .venv together.
# GGZREGIO_NEED_JAVA=0 (set by scripts/start) skips Java: only the Spark tests need it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-python3}"
# Chromium (Debian package) renders PNG/SVG figures and the region report, and drives browser
# tests.
if ! command -v chromium >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "==> Chromium installeren (Debian-pakket 'chromium')"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
        echo "LET OP: 'chromium' ontbreekt; installeer het Debian-pakket 'chromium'" >&2
    fi
fi
# Java runs PySpark in local mode (the claims pipeline on Spark, tested like DuckDB); the web
# application does not use it.
if [ "${GGZREGIO_NEED_JAVA:-1}" != 0 ] && ! command -v java >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "==> Java installeren (Debian-pakket 'default-jre-headless')"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null
    else
        echo "LET OP: 'java' ontbreekt; installeer het Debian-pakket 'default-jre-headless'" >&2
    fi
fi
VENV="$ROOT/.venv"
STAMP="$VENV/.ggzregio-installed"
WANT="$(sha256sum pyproject.toml | cut -d' ' -f1)"
_ggzregio_installed() { [ -x "$VENV/bin/python" ] && [ "$(cat "$STAMP" 2>/dev/null)" = "$WANT" ]; }
if ! _ggzregio_installed; then
    mkdir -p "$VENV"
    exec 9>"$VENV/.install-lock"
    # Another run installing now: wait for it, then look again (flock: util-linux).
    if command -v flock >/dev/null 2>&1; then flock 9; fi
    if [ ! -x "$VENV/bin/python" ]; then
        echo "==> virtuele omgeving aanmaken in .venv"
        "$PYTHON" -m venv "$VENV"
    fi
    if ! _ggzregio_installed; then
        echo "==> afhankelijkheden installeren"
        # A current pip resolves and installs this set much faster than the one venv brings.
        "$VENV/bin/python" -m pip install --quiet --upgrade pip
        "$VENV/bin/python" -m pip install --quiet -e ".[all,dev]"
        echo "$WANT" > "$STAMP"
    fi
    exec 9>&-
fi
unset -f _ggzregio_installed
export PATH="$VENV/bin:$PATH"
