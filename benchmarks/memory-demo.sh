#!/bin/bash
# Live heap the demo holds with Hotpath off and on, side by side under the same fixed load:
# each server gets 8 requests a second on each of 6 paths (hey -q 4 -c 2) for MINUTES, then a
# class histogram (after a full GC) gives its live heap. With a second jar (an earlier build of
# the demo), that one runs with Hotpath on beside them. Servers share core 0, the load core 1.
#
#   ./mvnw -B -ntp -q -pl demo-app -am package -DskipTests
#   bash benchmarks/memory-demo.sh [MINUTES=6] [EARLIER_JAR]
set -euo pipefail
command -v hey > /dev/null || { echo "memory-demo.sh needs hey (apt-get install hey)" >&2; exit 1; }
MINUTES=${1:-6}
EARLIER=${2:-}
JAR=$(pwd)/demo-app/target/hotpath-demo.jar
OUT=$(mktemp -d)
PIDS=()
start() {
  taskset -c 0 java -Xmx1g -jar "$1" --server.port="$2" --demo.load.enabled=false ${3:-} > "$OUT/server-$2.log" 2>&1 &
  PIDS+=($!)
}
trap 'kill ${PIDS[@]} 2> /dev/null || true' EXIT
start "$JAR" 18191 --hotpath.enabled=false
start "$JAR" 18192
PORTS="18191 18192"
NAMES=(off on)
if [ -n "$EARLIER" ]; then
  start "$EARLIER" 18193
  PORTS="$PORTS 18193"
  NAMES+=("on, $(basename "$EARLIER")")
fi
for port in $PORTS; do
  until curl -s -o /dev/null "localhost:$port/calculate1/5"; do sleep 1; done
done
echo "$(date -u +%FT%TZ) started; load for $MINUTES min, java $(java -version 2>&1 | head -1)"
for port in $PORTS; do
  for path in /calculate1/500 /calculate2/300 /products/7 /owners /api/owners '/search?q=a'; do
    taskset -c 1 hey -z "${MINUTES}m" -q 4 -c 2 "http://localhost:$port$path" > /dev/null 2>&1 &
  done
done
while pgrep -x hey > /dev/null; do sleep 5; done
i=0
for port in $PORTS; do
  pid=${PIDS[$i]}
  jcmd "$pid" GC.class_histogram > "$OUT/histogram-$port.txt"
  printf '%s: live heap %s\n' "${NAMES[$i]}" "$(tail -1 "$OUT/histogram-$port.txt" | awk '{printf "%.1f MB", $3/1048576}')"
  i=$((i + 1))
done
echo "histograms in $OUT"
