# Sourced by ./netmoe (and by the golden-result test): the process environment NetMoE's results are
# defined under. See README, "Reproducibility".
#   OMP_NUM_THREADS    1 unless set: small RL networks run fastest single-threaded, and ND4J's
#                      reductions then sum in one fixed order.
#   OPENBLAS_CORETYPE  Haswell unless set, on CPUs with AVX2 and FMA: OpenBLAS otherwise picks its
#                      kernel by processor (SkylakeX on AVX-512), and kernels round differently.
#                      NETMOE_KERNEL_PINNED=1 marks the pin as NetMoE's (reported by `netmoe doctor`).
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
if [ -z "${OPENBLAS_CORETYPE:-}" ]; then
  if grep -qw avx2 /proc/cpuinfo 2>/dev/null && grep -qw fma /proc/cpuinfo 2>/dev/null; then
    export OPENBLAS_CORETYPE=Haswell NETMOE_KERNEL_PINNED=1
  else
    unset NETMOE_KERNEL_PINNED
    echo "netmoe: this CPU lacks AVX2/FMA, so OpenBLAS's kernel is not pinned (see README, Reproducibility)" >&2
  fi
elif [ "${NETMOE_KERNEL_PINNED:-}" = 1 ] && [ "$OPENBLAS_CORETYPE" != Haswell ]; then
  unset NETMOE_KERNEL_PINNED
fi
