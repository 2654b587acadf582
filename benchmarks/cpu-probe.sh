#!/bin/bash
# CPU per request of one demo server under /bundles/3 and /products/3 at 20 requests a second
# each: the server on core 0, hey on core 1, 60 s of warm-up, then SECONDS measured from the
# process's own accounting (utime + stime in /proc/PID/stat). One server at a time: compare
# builds or settings run one after the other only where the difference is large; for small ones
# use OverheadHarness, which alternates side by side.
#
#   ./mvnw -B -ntp -q -pl demo-app -am package -DskipTests
#   bash benchmarks/cpu-probe.sh JAR PORT SECONDS [SERVER_ARG...]
set -euo pipefail
command -v hey > /dev/null || { echo "cpu-probe.sh needs hey (apt-get install hey)" >&2; exit 1; }
JAR=$1; PORT=$2; SECS=$3; shift 3
OUT=$(mktemp -d)
taskset -c 0 java -jar "$JAR" --server.port="$PORT" --server.address=127.0.0.1 --demo.load.enabled=false \
  --logging.level.root=warn "$@" > "$OUT/server.log" 2>&1 &
PID=$!
trap 'kill $PID 2> /dev/null || true' EXIT
until curl -s -o /dev/null "127.0.0.1:$PORT/products/3"; do sleep 1; done
load() {
  taskset -c 1 hey -z "$1s" -c 2 -q 10 "http://127.0.0.1:$PORT/bundles/3" > "$OUT/bundles.txt" &
  local bundles=$!
  taskset -c 1 hey -z "$1s" -c 2 -q 10 "http://127.0.0.1:$PORT/products/3" > "$OUT/products.txt"
  wait $bundles
}
ticks() { awk '{print $14 + $15}' "/proc/$PID/stat"; }
load 60
before=$(ticks)
load "$SECS"
after=$(ticks)
responses() { grep -o '\[200\][[:space:]]*[0-9]* responses' "$1" | grep -o '[0-9]* responses' | cut -d' ' -f1; }
requests=$(( $(responses "$OUT/bundles.txt") + $(responses "$OUT/products.txt") ))
ticks_per_second=$(getconf CLK_TCK)
echo "$(basename "$JAR") $*: CPU $(( (after - before) * 1000 / ticks_per_second )) ms over ${SECS} s," \
  "$requests requests, $(echo "scale=2; ($after - $before) * 1000 / $ticks_per_second / $requests" | bc) ms a request"
grep -E '99% in' "$OUT/bundles.txt" | sed 's/^/bundles p99: /'
