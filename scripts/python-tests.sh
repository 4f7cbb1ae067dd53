#!/usr/bin/env bash
# The Python package's tests (python/tests) with python/.venv, against this checkout's built jars
# (gym/target). Run by `mvn verify` (module gym, phase integration-test) after the jars are packaged.
# Without python/.venv it says how to make one and skips, unless NETMOE_REQUIRE_PYTHON=1 (CI).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ ! -x "$ROOT/python/.venv/bin/python" ]; then
  if [ "${NETMOE_REQUIRE_PYTHON:-}" = "1" ]; then
    echo "python-tests: python/.venv is missing (NETMOE_REQUIRE_PYTHON=1): run scripts/python-env.sh" >&2
    exit 1
  fi
  echo "python-tests: skipped, no python/.venv (make it with scripts/python-env.sh)"
  exit 0
fi
cd "$ROOT/python"
# `python -m pytest` from python/ imports the package from these sources (python/ comes first on sys.path).
NETMOE_HOME="$ROOT" exec "$ROOT/python/.venv/bin/python" -m pytest -q -p no:cacheprovider tests
