#!/usr/bin/env bash
# Serves a small local GGUF model behind an OpenAI-compatible endpoint on loopback, built from
# registry packages only (npm for the llama.cpp source, PyPI for the model), for the LLM gate's
# `llm.provider: openai` with `llm.baseUrl: http://127.0.0.1:PORT/v1`.
#
#   scripts/serve-local-llm.sh build                  # build llama-server once (27 min on 2 idle cores, 53 min niced under load)
#   scripts/serve-local-llm.sh serve [smollm2|gemma3-270m] [PORT]   # default smollm2 8080
#
# `serve` builds first if needed and runs in the foreground (Ctrl-C stops it). Then:
#   ./netmoe run configs/maze-fig5-smoke.yaml --set gates=llm \
#       --set llm.baseUrl=http://127.0.0.1:8080/v1 --set llm.model=local
#
# Where the source comes from: npm's node-llama-cpp@3.21.1 ships llama.cpp's full source tree as a
# git bundle (package/llama/gitRelease.bundle, llama.cpp.info.json names the upstream release);
# this script clones that bundle and builds only the `llama-server` target, CPU only, without
# libcurl, OpenSSL or the web UI (which would be downloaded). Build directory:
# $NETMOE_LLAMA_DIR, default ~/.cache/netmoe/llama.cpp. Needs npm, git, cmake and a C++17 compiler.
# Environment: NETMOE_BUILD_JOBS (default 2), NETMOE_LLM_CTX (context, default 8192: prompt, a
# 1 024-token answer and the repair exchange),
# NETMOE_LLM_THREADS (default 1).
set -euo pipefail

npm_package="node-llama-cpp@3.21.1"
root="${NETMOE_LLAMA_DIR:-$HOME/.cache/netmoe/llama.cpp}"
server="$root/build/bin/llama-server"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

build() {
  if [[ -x "$server" ]]; then
    echo "serve-local-llm: $server already built" >&2
    return
  fi
  mkdir -p "$root"
  if [[ ! -f "$root/src/CMakeLists.txt" ]]; then
    local tmp
    tmp="$(mktemp -d)"
    (cd "$tmp" && npm pack --silent "$npm_package" >/dev/null)
    tar -xzf "$tmp"/node-llama-cpp-*.tgz -C "$tmp" package/llama/gitRelease.bundle package/llama/llama.cpp.info.json
    echo "serve-local-llm: llama.cpp source from $npm_package: $(tr -d '\n ' < "$tmp/package/llama/llama.cpp.info.json")" >&2
    rm -rf "$root/src"
    git clone --quiet "$tmp/package/llama/gitRelease.bundle" "$root/src"
    rm -rf "$tmp"
  fi
  cmake -S "$root/src" -B "$root/build" -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=OFF \
    -DLLAMA_CURL=OFF -DLLAMA_OPENSSL=OFF -DLLAMA_BUILD_UI=OFF -DLLAMA_USE_PREBUILT_UI=OFF \
    -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_APP=OFF \
    -DLLAMA_BUILD_SERVER=ON -DLLAMA_BUILD_TOOLS=ON -DGGML_NATIVE=ON >&2
  cmake --build "$root/build" --target llama-server -j "${NETMOE_BUILD_JOBS:-2}" >&2
  [[ -x "$server" ]] || { echo "serve-local-llm: build finished but $server is missing" >&2; exit 1; }
  echo "serve-local-llm: built $server" >&2
}

serve() {
  local model="${1:-smollm2}" port="${2:-8080}" gguf
  build
  gguf="$("$here/fetch-local-llm.sh" "$model")"
  echo "serve-local-llm: serving $gguf on http://127.0.0.1:$port/v1" >&2
  # Loopback only; one slot so calls are answered in order; --jinja applies the model's own chat
  # template and enables response_format (json_schema / json_object) as a grammar.
  exec "$server" --model "$gguf" --host 127.0.0.1 --port "$port" \
    --ctx-size "${NETMOE_LLM_CTX:-8192}" --threads "${NETMOE_LLM_THREADS:-1}" \
    --parallel 1 --jinja --alias local --no-webui
}

case "${1:-serve}" in
  build) build ;;
  serve) shift || true; serve "$@" ;;
  *) echo "serve-local-llm: unknown command '$1'; known: build, serve" >&2; exit 2 ;;
esac
