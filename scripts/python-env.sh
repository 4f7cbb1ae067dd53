#!/usr/bin/env bash
# Makes python/.venv: a virtual environment with NetMoE's Python package (python/, the Gymnasium bridge,
# installed editable: it runs this checkout's sources) and what its tests and benchmarks need (pytest,
# Stable-Baselines3 and so PyTorch, from PyPI).
#
# PyPI's Linux torch wheel is the CUDA build and pulls NVIDIA's libraries (~5 GB installed, 1.5-10 min
# depending on load); PyPI serves no CPU-only wheel, and Debian's python3-torch (1.13) is older than
# Stable-Baselines3 2.x accepts (torch >= 2.8). So the venv lives outside the checkout, like Maven's
# ~/.m2, and is reused by every checkout and CI run on the machine: $NETMOE_PYTHON_VENV, default
# ~/.cache/netmoe/python-venv; python/.venv is a link to it. Re-running only updates what changed (~10 s).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${NETMOE_PYTHON_VENV:-$HOME/.cache/netmoe/python-venv}"
PYTHON="${PYTHON:-python3}"
if [ ! -x "$VENV/bin/python" ]; then
  mkdir -p "$(dirname "$VENV")"
  "$PYTHON" -m venv "$VENV"
fi
if [ ! -e "$ROOT/python/.venv" ]; then
  ln -s "$VENV" "$ROOT/python/.venv"
fi
"$VENV/bin/pip" install -q --disable-pip-version-check -e "$ROOT/python[test]"
echo "python-env: $VENV: $("$VENV/bin/python" -c 'import gymnasium, stable_baselines3, torch, jpype; print("gymnasium", gymnasium.__version__, "stable-baselines3", stable_baselines3.__version__, "torch", torch.__version__, "jpype", jpype.__version__)')"
