#!/usr/bin/env bash
# CI: `netmoe sweep` on a real Spark standalone cluster (README, Scaling -> Sweeps on Apache Spark).
#
# Assumes the project is built (`mvn -B verify` or `mvn -B -DskipTests package` ran before). From the
# resolved Spark jars (sweep/target/spark-classpath.txt; no Spark distribution is downloaded) it starts
# a standalone Master and a Worker. Where network namespaces work (root, iproute2's `ip netns`), the
# Worker and its executors run in their own namespace with their own address behind a veth pair, so
# driver, master and executors talk over a network; otherwise everything runs on 127.0.0.1 (logged).
# The sweep directory is a path both sides see (one filesystem, as the README's shared path).
#
#   1. embedded:     ./netmoe sweep configs/maze-sweep-smoke.yaml                 (the reference)
#   2. cluster:      ./netmoe sweep ... --master spark://...                      (README command)
#   3. no jars:      the same with -Dspark.jars= (executors without NetMoE's jars): one line, exit 2
#   4. spark-submit: org.apache.spark.deploy.SparkSubmit --master spark://... --class org.netmoe.sweep.SweepMain
#                    (README command), with the executor JVM killed mid-task (kill -9 by its PID)
#
# Checks: the tasks ran on an executor at the Worker's address, not in the driver; the executors got
# OMP_NUM_THREADS=1 and OPENBLAS_CORETYPE from NetMoE (the Worker has neither); sweep.csv, summary.md and
# curves.csv of run 2 equal the embedded run's byte for byte; run 3 ends with the same experts, results,
# curves.csv and sweep.csv (apart from the attempt and resumed_from_step columns), its retried tasks in
# attempt 1 and the interrupted task resumed from its expert's checkpoint. Every process this script
# started (and the executors its Worker started) is stopped by PID on exit, also on failure, when the
# logs of master, worker, executors and drivers are printed.
#
#   NETMOE_SPARK_CI_NETNS=0   use loopback even where network namespaces work
#   NETMOE_SPARK_CI_KEEP=1    keep the work directory (sweep directories, logs) also when the checks pass
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SECONDS=0
export OMP_NUM_THREADS=1
SWEEP_FILE=configs/maze-sweep-smoke.yaml
# Checkpoints every 500 env steps (the smoke experts train 1500) so the kill can land mid-expert.
SETS=(--set set.expertTraining.checkpoint.every=500)
DRIVER_TIMEOUT=300    # seconds per sweep run
START_TIMEOUT=60      # seconds for the master or the worker to come up
OPENS=""
for pkg in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
           java.util.concurrent.atomic sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  OPENS="$OPENS --add-opens=java.base/$pkg=ALL-UNNAMED"
done

log() { echo "spark-cluster [${SECONDS}s]: $*" >&2; }
fail() { log "FAILED: $*"; exit 1; }

SWEEP_JAR=$(compgen -G "sweep/target/netmoe-sweep-*.jar" | head -n 1 || true)
for f in "$SWEEP_JAR" sweep/target/classpath.txt sweep/target/spark-classpath.txt training/target/classpath.txt; do
  [ -n "$f" ] && [ -f "$f" ] || fail "the project is not built (missing ${f:-sweep/target/netmoe-sweep-*.jar}); run mvn -B -DskipTests package first"
done

WORK=$(mktemp -d /tmp/netmoe-spark-ci.XXXXXX)
PIDS=()            # every process started here, in start order
WORKER_PID=""
NS=""
VETH=""

stop_pid() {       # TERM, then KILL after 10 s
  local pid=$1 i
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
  kill -KILL "$pid" 2>/dev/null || true
}

print_logs() {
  local f
  for f in "$WORK"/master.log "$WORK"/worker.log "$WORK"/driver-*.log "$WORK"/worker/app-*/*/stderr; do
    [ -f "$f" ] || continue
    echo "----- ${f#"$WORK"/} (last 60 lines) -----" >&2
    tail -n 60 "$f" >&2
  done
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [ "$rc" -ne 0 ]; then
    print_logs
  fi
  local pid i
  # Executors are the Worker's children; stop them by PID before the Worker and Master.
  if [ -n "$WORKER_PID" ]; then
    for pid in $(pgrep -P "$WORKER_PID" || true); do stop_pid "$pid"; done
  fi
  for (( i=${#PIDS[@]}-1; i>=0; i-- )); do stop_pid "${PIDS[i]}"; done
  if [ -n "$VETH" ]; then ip link del "$VETH" 2>/dev/null || true; fi
  if [ -n "$NS" ]; then ip netns delete "$NS" 2>/dev/null || true; fi
  if [ "$rc" -eq 0 ] && [ "${NETMOE_SPARK_CI_KEEP:-0}" = 0 ]; then
    rm -rf "$WORK"
  else
    log "work directory kept for inspection: $WORK"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# wait_for SECONDS WHAT COMMAND...: polls COMMAND every 0.2 s until it succeeds; fails early when the
# process WATCH (if set) has ended.
WATCH=""
wait_for() {
  local limit=$1 what=$2; shift 2
  local deadline=$((SECONDS + limit))
  until "$@" >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$deadline" ] || fail "timed out after ${limit}s waiting for $what"
    if [ -n "$WATCH" ] && ! kill -0 "$WATCH" 2>/dev/null; then
      fail "process $WATCH ended while waiting for $what"
    fi
    sleep 0.2
  done
}

# --- Spark home: what a distribution's jars/ folder holds, from the resolved jars: Spark
# (spark-classpath.txt) and the third-party jars it shares with NetMoE (classpath.txt without NetMoE's
# own module jars, which reach the executors only through spark.jars). The Worker builds the
# executors' classpath from SPARK_HOME/jars/*. -------------------------------------------------------
SPARK_HOME="$WORK/spark-home"
mkdir -p "$SPARK_HOME/jars"
IFS=: read -r -a SPARK_JARS < sweep/target/spark-classpath.txt || true   # no final newline
IFS=: read -r -a SHARED_JARS < sweep/target/classpath.txt || true
HOME_JARS=()
for jar in "${SPARK_JARS[@]}" "${SHARED_JARS[@]}"; do
  case "$jar" in "$ROOT"/*) ;; *) HOME_JARS+=("$jar") ;; esac
done
ln -sf -t "$SPARK_HOME/jars" "${HOME_JARS[@]}"
SPARK_CP="$SPARK_HOME/jars/*"

# --- Network: the Worker in its own namespace where possible ----------------------------------------
IN_NS=()
setup_netns() {
  [ "${NETMOE_SPARK_CI_NETNS:-1}" != 0 ] || { echo "NETMOE_SPARK_CI_NETNS=0"; return 1; }
  command -v ip >/dev/null || { echo "no ip command (Debian: apt-get install iproute2)"; return 1; }
  [ "$(id -u)" -eq 0 ] || { echo "not root"; return 1; }
  local net=10.213.$(( $$ % 250 + 1 ))
  ip netns add "nmci$$" || return 1
  NS="nmci$$"
  ip link add "nmh$$" type veth peer name "nmw$$" || return 1
  VETH="nmh$$"
  ip link set "nmw$$" netns "$NS" &&
    ip addr add "$net.1/24" dev "nmh$$" && ip link set "nmh$$" up &&
    ip netns exec "$NS" ip addr add "$net.2/24" dev "nmw$$" &&
    ip netns exec "$NS" ip link set "nmw$$" up &&
    ip netns exec "$NS" ip link set lo up || return 1
  DRIVER_IP=$net.1
  WORKER_IP=$net.2
}
if setup_netns > "$WORK/netns.log" 2>&1; then
  IN_NS=(ip netns exec "$NS")
  log "network: namespace $NS; driver and master at $DRIVER_IP, worker and executors at $WORKER_IP (veth)"
else
  log "network namespaces unavailable ($(tail -n 1 "$WORK/netns.log" || true)): falling back to loopback," \
      "driver, master, worker and executors all on 127.0.0.1"
  if [ -n "$VETH" ]; then ip link del "$VETH" 2>/dev/null || true; VETH=""; fi
  if [ -n "$NS" ]; then ip netns delete "$NS" 2>/dev/null || true; NS=""; fi
  DRIVER_IP=127.0.0.1
  WORKER_IP=127.0.0.1
fi

# --- 1. The embedded reference run -------------------------------------------------------------------
log "1/4 embedded run (reference)"
timeout -k 10 "$DRIVER_TIMEOUT" ./netmoe sweep "$SWEEP_FILE" --sweep-dir "$WORK/embedded" "${SETS[@]}" \
  > "$WORK/driver-embedded.log" 2>&1 || fail "embedded sweep failed or timed out (exit $?)"

# --- Master and Worker -------------------------------------------------------------------------------
log "starting the standalone master and worker"
SPARK_HOME="$SPARK_HOME" SPARK_SCALA_VERSION=2.13 java -Xmx512m $OPENS -cp "$SPARK_CP" \
  org.apache.spark.deploy.master.Master --host "$DRIVER_IP" --port 0 --webui-port 0 > "$WORK/master.log" 2>&1 &
PIDS+=($!)
WATCH=$!
wait_for "$START_TIMEOUT" "the master (master.log)" grep -q "Starting Spark master at spark://" "$WORK/master.log"
MASTER_URL=$(grep -o "spark://[^ ]*" "$WORK/master.log" | head -n 1)
# The Worker gets neither OMP_NUM_THREADS nor OPENBLAS_CORETYPE: the executors must get them from NetMoE.
"${IN_NS[@]}" env -u OMP_NUM_THREADS -u OPENBLAS_CORETYPE SPARK_HOME="$SPARK_HOME" SPARK_SCALA_VERSION=2.13 \
  java -Xmx512m $OPENS -cp "$SPARK_CP" org.apache.spark.deploy.worker.Worker --host "$WORKER_IP" --port 0 \
  --webui-port 0 --cores 2 --memory 4g --work-dir "$WORK/worker" "$MASTER_URL" > "$WORK/worker.log" 2>&1 &
WORKER_PID=$!
PIDS+=("$WORKER_PID")
WATCH=$WORKER_PID
wait_for "$START_TIMEOUT" "the worker to register with $MASTER_URL (worker.log)" \
  grep -q "Successfully registered with master" "$WORK/worker.log"
log "master $MASTER_URL, worker registered"

# ran_on_executor DIR: every task attempt ran on an executor at the Worker's address, none in the driver.
ran_on_executor() {
  local dir=$1 out
  for out in "$dir"/runs/t*.out; do
    grep -q "attempt [0-9]* on executor [0-9][0-9]* ($WORKER_IP)" "$out" || fail "$out: no attempt on an executor at $WORKER_IP"
    ! grep -q "on executor driver" "$out" || fail "$out: a task ran in the driver"
  done
}

# executor_env: the running executor's environment has NetMoE's pinned values.
executor_env() {
  local pid env
  pid=$(pgrep -P "$WORKER_PID" | head -n 1) || return 1
  env=$(tr '\0' '\n' < "/proc/$pid/environ") || return 1
  grep -qx "OMP_NUM_THREADS=1" <<<"$env" && grep -qx "OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-Haswell}" <<<"$env"
}

# same DIR FILE: FILE of DIR equals the embedded run's byte for byte.
same() {
  cmp -s "$WORK/embedded/$2" "$1/$2" || { diff "$WORK/embedded/$2" "$1/$2" | head -n 20 >&2; fail "$1/$2 differs from the embedded run's"; }
}

# without_attempts CSV: sweep.csv without the attempt and resumed_from_step columns.
without_attempts() {
  awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "attempt" || $i == "resumed_from_step") skip[i] = 1 }
           { line = ""; for (i = 1; i <= NF; i++) if (!skip[i]) line = line (line == "" ? "" : ",") $i; print line }' "$1"
}

# --- 2. ./netmoe sweep --master spark://... ----------------------------------------------------------
log "2/4 ./netmoe sweep --master $MASTER_URL"
SPARK_LOCAL_IP="$DRIVER_IP" timeout -k 10 "$DRIVER_TIMEOUT" ./netmoe sweep "$SWEEP_FILE" --master "$MASTER_URL" \
  --sweep-dir "$WORK/cluster" "${SETS[@]}" > "$WORK/driver-cluster.log" 2>&1 &
PIDS+=($!)
WATCH=$!
wait_for "$DRIVER_TIMEOUT" "an executor of the sweep" pgrep -P "$WORKER_PID"
wait_for 30 "the executor's environment OMP_NUM_THREADS=1, OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-Haswell}" executor_env
wait "${PIDS[-1]}" || fail "./netmoe sweep --master $MASTER_URL failed or timed out (exit $?)"
grep -q "Registering app netmoe-sweep" "$WORK/master.log" || fail "no application registered with the master"
ran_on_executor "$WORK/cluster"
for f in sweep.csv summary.md curves.csv; do same "$WORK/cluster" "$f"; done
log "2/4 ok: tasks ran on executors at $WORKER_IP; sweep.csv, summary.md, curves.csv equal the embedded run's"

# --- 3. A failure no retry fixes: executors without NetMoE's jars end the sweep with one line ----------
log "3/4 without NetMoE's jars (spark.jars empty): one line saying what to do"
WATCH=""
wait_for 60 "the previous application's executor to exit" bash -c "! pgrep -P $WORKER_PID"
code=0
NETMOE_JAVA_OPTS="-Xmx2g -Dspark.jars=" SPARK_LOCAL_IP="$DRIVER_IP" timeout -k 10 "$DRIVER_TIMEOUT" ./netmoe sweep \
  "$SWEEP_FILE" --master "$MASTER_URL" --sweep-dir "$WORK/nojars" "${SETS[@]}" > "$WORK/driver-nojars.log" 2>&1 || code=$?
[ "$code" -eq 2 ] || fail "the sweep without NetMoE's jars exited with $code, expected 2"
grep -q "^netmoe: error: sweep maze-sweep-smoke stopped: an executor cannot load class org.netmoe.sweep.SweepTask" \
  "$WORK/driver-nojars.log" || fail "the sweep without NetMoE's jars did not end with the missing-class line"
log "3/4 ok: $(grep "^netmoe: error:" "$WORK/driver-nojars.log" | cut -c 1-120)..."

# --- 4. spark-submit, the executor killed mid-task ---------------------------------------------------
log "4/4 spark-submit --master $MASTER_URL, executor killed mid-task"
WATCH=""
wait_for 60 "the previous application's executor to exit" bash -c "! pgrep -P $WORKER_PID"
SPARK_LOCAL_IP="$DRIVER_IP" SPARK_HOME="$SPARK_HOME" timeout -k 10 "$DRIVER_TIMEOUT" java -Xmx2g $OPENS -cp "$SPARK_CP" \
  org.apache.spark.deploy.SparkSubmit --master "$MASTER_URL" --class org.netmoe.sweep.SweepMain \
  --jars "$(tr ':' ',' < sweep/target/classpath.txt)" \
  "$SWEEP_JAR" "$SWEEP_FILE" --sweep-dir "$WORK/submit" "${SETS[@]}" > "$WORK/driver-submit.log" 2>&1 &
PIDS+=($!)
WATCH=$!
# Mid-task: an expert has written a checkpoint and is still training (no .finished marker yet).
mid_expert() {
  local c
  for c in "$WORK"/submit/runs/t*/experts/*/checkpoints/step-*; do
    [ -d "$c" ] && [ ! -e "$(dirname "$(dirname "$c")")/.finished" ] && { echo "$c"; return 0; }
  done
  return 1
}
wait_for "$DRIVER_TIMEOUT" "an expert mid-training with a checkpoint" mid_expert
CHECKPOINT=$(mid_expert)
EXECUTOR_PID=$(pgrep -P "$WORKER_PID" | head -n 1)
kill -KILL "$EXECUTOR_PID"
KILLED_TASK=$(basename "$(dirname "$(dirname "$(dirname "$(dirname "$CHECKPOINT")")")")")
log "killed executor PID $EXECUTOR_PID while ${CHECKPOINT#"$WORK"/submit/} existed (task $KILLED_TASK)"
wait "${PIDS[-1]}" || fail "spark-submit sweep failed or timed out after the executor was killed (exit $?)"
ran_on_executor "$WORK/submit"
same "$WORK/submit" curves.csv
diff <(without_attempts "$WORK/embedded/sweep.csv") <(without_attempts "$WORK/submit/sweep.csv") >&2 \
  || fail "sweep.csv (without attempt, resumed_from_step) differs from the embedded run's"
diff <(grep -v "^Retried tasks:" "$WORK/embedded/summary.md") <(grep -v "^Retried tasks:" "$WORK/submit/summary.md") >&2 \
  || fail "summary.md differs from the embedded run's"
for f in "$WORK"/embedded/runs/t*/experts/*/dqn-q.bin "$WORK"/embedded/runs/t*/results.csv; do
  same "$WORK/submit" "${f#"$WORK"/embedded/}"
done
# The interrupted task ran again in attempt 1 and resumed its expert from that expert's checkpoint.
row=$(awk -F, -v t="$KILLED_TASK" 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i }
                                   $1 == t { print $c["attempt"] "," $c["resumed_from_step"] }' "$WORK/submit/sweep.csv")
[ "${row%%,*}" = 1 ] && [ "${row#*,}" -ge 500 ] \
  || fail "task $KILLED_TASK: attempt,resumed_from_step = $row, expected 1 and >= 500"
grep -q "resuming expert .* from its checkpoint at env step" "$WORK/submit/runs/$KILLED_TASK.out" \
  || fail "runs/$KILLED_TASK.out does not show the expert resumed from its checkpoint"
log "4/4 ok: task $KILLED_TASK resumed from env step ${row#*,} in attempt 1; experts, results, curves equal the embedded run's"
log "passed in ${SECONDS}s ($( [ -n "$NS" ] && echo "network namespace" || echo "loopback"))"
