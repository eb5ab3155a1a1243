# Shared set-up for scripts/start and scripts/test: install Chromium if missing, create
# .venv and install the project with every extra (`all`) and its development dependencies
# (`dev`), in one pip install. Re-installs only when pyproject.toml changes, so repeated runs
# are fast. Sourced, not executed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-python3}"
# Chromium (Debian package) renders PNG/SVG figures through Kaleido and drives browser tests.
if ! command -v chromium >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "==> Chromium installeren (Debian-pakket 'chromium')"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
        echo "LET OP: 'chromium' ontbreekt; installeer het Debian-pakket 'chromium'" >&2
    fi
fi
# Java runs PySpark in local mode (the claims pipeline on Spark, tested like DuckDB).
if ! command -v java >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "==> Java installeren (Debian-pakket 'default-jre-headless')"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null
    else
        echo "LET OP: 'java' ontbreekt; installeer het Debian-pakket 'default-jre-headless'" >&2
    fi
fi
VENV="$ROOT/.venv"
if [ ! -x "$VENV/bin/python" ]; then
    echo "==> virtuele omgeving aanmaken in .venv"
    "$PYTHON" -m venv "$VENV"
fi
STAMP="$VENV/.ggzregio-installed"
WANT="$(sha256sum pyproject.toml | cut -d' ' -f1)"
if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$WANT" ]; then
    echo "==> afhankelijkheden installeren"
    "$VENV/bin/python" -m pip install --quiet --upgrade pip
    "$VENV/bin/python" -m pip install --quiet -e ".[all,dev]"
    echo "$WANT" > "$STAMP"
fi
export PATH="$VENV/bin:$PATH"
