#!/usr/bin/env bash
# Regenerates NetMoE's reference results, results/<config>/, from the shipped experiment configs at
# their seeds, then the README tables built from them (scripts/readme_tables.py).
#
#   scripts/regenerate-results.sh            every config (smoke, full, the 5-seed maze, nsp, edge and three dmoe sweeps;
#                                            over an hour: measured one at a time on 2 cores at load 12-15, the
#                                            maze sweep took 13 min, nsp 5, edge 11, dmoe 46 (each dmoe sweep), multibs-fig12 7-11)
#   scripts/regenerate-results.sh --smoke    the CI-sized configs the golden test compares
#   scripts/regenerate-results.sh --full     the full configs the README tables come from
#   scripts/regenerate-results.sh NAME...    those configs (configs/NAME.yaml, or a variant named below)
#
# Run it in the commit that moves a number, and commit results/ and README.md with it. It runs under
# NetMoE's pinned environment (scripts/netmoe-env.sh) and refuses a user-set OPENBLAS_CORETYPE, which
# would make the reference results depend on that choice. It replaces only results/NAME/ of the
# configs it runs; a run that fails leaves the committed files as they were.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SMOKE=(maze-fig5-smoke nsp-fig6-smoke edge-fig4-smoke dmoe-table1-smoke multibs-fig12-smoke)
FULL=(maze-fig5 nsp-fig6 edge-fig4 dmoe-table1 multibs-fig12)
# Sweeps (configs/NAME.yaml run by `netmoe sweep`, embedded Spark): their sweep.csv, summary.md, curves.csv.
SWEEPS=(maze-sweep nsp-sweep edge-sweep dmoe-sweep dmoe-fig7-sweep dmoe-fig10-sweep)
FULL+=("${SWEEPS[@]}")
# Results that are a shipped config with settings changed: name -> config and --set arguments.
declare -A VARIANT=()

if [ -n "${OPENBLAS_CORETYPE:-}" ] && [ "${NETMOE_KERNEL_PINNED:-}" != 1 ]; then
  echo "regenerate-results: OPENBLAS_CORETYPE=$OPENBLAS_CORETYPE is set; unset it so the results are made with NetMoE's pinned kernel" >&2
  exit 2
fi
case "${1:---all}" in
  --all) CONFIGS=("${SMOKE[@]}" "${FULL[@]}") ;;
  --smoke) CONFIGS=("${SMOKE[@]}") ;;
  --full) CONFIGS=("${FULL[@]}") ;;
  -*) echo "regenerate-results: unknown option $1 (--all, --smoke, --full or config names)" >&2; exit 2 ;;
  *) CONFIGS=("$@") ;;
esac
for name in "${CONFIGS[@]}"; do
  [ -n "${VARIANT[$name]:-}" ] || [ -f "configs/$name.yaml" ] || {
    echo "regenerate-results: no config configs/$name.yaml" >&2; exit 2; }
done

WORK="$(mktemp -d "${TMPDIR:-/tmp}/netmoe-results.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
for name in "${CONFIGS[@]}"; do
  start=$SECONDS
  echo "regenerate-results: $name ..." >&2
  if [[ " ${SWEEPS[*]} " == *" $name "* ]]; then
    command=(sweep "configs/$name.yaml" --sweep-dir "$WORK/$name")
  else
    # shellcheck disable=SC2206
    command=(experiment ${VARIANT[$name]:-configs/$name.yaml} --run-dir "$WORK/$name")
  fi
  ./netmoe "${command[@]}" > "$WORK/$name.log" 2>&1 || {
    echo "regenerate-results: $name failed; results/$name is unchanged. Last lines of its output:" >&2
    tail -20 "$WORK/$name.log" >&2
    exit 1
  }
  mkdir -p "results/$name.new"
  # The files the README and the golden test read: every top-level CSV and the summary.
  cp "$WORK/$name"/*.csv "$WORK/$name/summary.md" "results/$name.new/"
  rm -rf "results/$name"
  mv "results/$name.new" "results/$name"
  echo "regenerate-results: $name done in $((SECONDS - start)) s" >&2
done
python3 scripts/readme_tables.py --write
