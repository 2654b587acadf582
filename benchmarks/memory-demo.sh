#!/bin/bash
# Live heap the demo holds with Hotpath off and on, side by side under the same fixed load:
# each server gets 8 requests a second on each of 6 paths (hey -q 4 -c 2) for MINUTES, then a
# class histogram (after a full GC) gives its live heap. With a second jar (an earlier build of
# the demo), that one runs with Hotpath on beside them. Servers share core 0, the load core 1.
#
#   ./mvnw -B -ntp -q -pl demo-app -am package -DskipTests
#   bash benchmarks/memory-demo.sh [MINUTES=6] [EARLIER_JAR]
# DEMO_JAR=path runs a copy of the demo jar instead of demo-app/target's, so that a build
# during the run cannot change it.
set -euo pipefail
MINUTES=${1:-6}
EARLIER=${2:-}
JAR=${DEMO_JAR:-$(pwd)/demo-app/target/hotpath-demo.jar}
OUT=$(mktemp -d)
source "$(dirname "$0")/demo-servers.sh"
start_demo "$JAR" 18191 --hotpath.enabled=false
start_demo "$JAR" 18192
NAMES=(off on)
if [ -n "$EARLIER" ]; then
  start_demo "$EARLIER" 18193
  NAMES+=("on, $(basename "$EARLIER")")
fi
await_demos
echo "$(date -u +%FT%TZ) started; load for $MINUTES min, java $(java -version 2>&1 | head -1)"
load_demos "$MINUTES"
wait "${LOAD[@]}" || true
i=0
for port in "${PORTS[@]}"; do
  pid=${PIDS[$i]}
  jcmd "$pid" GC.class_histogram > "$OUT/histogram-$port.txt"
  printf '%s: live heap %s\n' "${NAMES[$i]}" "$(tail -1 "$OUT/histogram-$port.txt" | awk '{printf "%.1f MB", $3/1048576}')"
  i=$((i + 1))
done
echo "histograms in $OUT"
