#!/usr/bin/env bash
# Makes python/.venv: NetMoE's Python package (python/, the Gymnasium bridge) with what its tests and
# benchmarks need (pytest, Stable-Baselines3 and so PyTorch, from PyPI). PyPI's Linux torch wheel is the
# CUDA build and pulls NVIDIA's libraries (~5 GB installed); PyPI serves no CPU-only wheel, and Debian's
# python3-torch (1.13) is older than Stable-Baselines3 2.x accepts (torch >= 2.8). Re-running it updates
# the package in place. Time: ~1.5 min with pip's cache warm, a few minutes cold.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
if [ ! -x "$ROOT/python/.venv/bin/python" ]; then
  "$PYTHON" -m venv "$ROOT/python/.venv"
fi
# Editable: the venv runs this checkout's sources (the tests, and the workers of gym: envs).
"$ROOT/python/.venv/bin/pip" install -q --disable-pip-version-check -e "$ROOT/python[test]"
echo "python-env: $("$ROOT/python/.venv/bin/python" -c 'import gymnasium, stable_baselines3, torch, jpype; print("gymnasium", gymnasium.__version__, "stable-baselines3", stable_baselines3.__version__, "torch", torch.__version__, "jpype", jpype.__version__)')"
