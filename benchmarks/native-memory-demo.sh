#!/bin/bash
# What async-profiler holds outside the Java heap in the demo under a fixed load, for several
# values of hotpath.sampling.native-memory-limit side by side (0 is no limit): each server
# gets 8 requests a second on each of 6 paths (hey -q 4 -c 2) for MINUTES. Every minute it
# prints each server's resident set (VmRSS, MB) and what async-profiler says it holds for its
# samples (the profiles endpoint's sampler.nativeMemoryBytes, MB, from its metrics command).
# A server with Hotpath off gives the resident set to compare with. Servers share core 0,
# the load core 1.
#
#   ./mvnw -B -ntp -q -pl demo-app -am package -DskipTests
#   bash benchmarks/native-memory-demo.sh [MINUTES=30] [LIMITS="32MB 0"]
set -euo pipefail
for tool in hey jq; do
  command -v $tool > /dev/null || { echo "native-memory-demo.sh needs $tool (apt-get install $tool)" >&2; exit 1; }
done
MINUTES=${1:-30}
LIMITS=${2:-32MB 0}
JAR=$(pwd)/demo-app/target/hotpath-demo.jar
OUT=$(mktemp -d)
PIDS=()
PORTS=()
start() {
  taskset -c 0 java -Xmx1g -jar "$JAR" --server.port="$1" --demo.load.enabled=false "$2" > "$OUT/server-$1.log" 2>&1 &
  PIDS+=($!)
  PORTS+=("$1")
}
trap 'kill ${PIDS[@]} 2> /dev/null || true' EXIT
start 18190 --hotpath.enabled=false
header="minute | RSS off"
port=18191
for limit in $LIMITS; do
  start $port "--hotpath.sampling.native-memory-limit=$limit"
  header="$header | RSS, limit $limit | async-profiler, limit $limit"
  port=$((port + 1))
done
for port in "${PORTS[@]}"; do
  until curl -s -o /dev/null "localhost:$port/calculate1/5"; do sleep 1; done
done
rss() { awk '/VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$1/status"; }
native() {
  curl -s -H 'Accept: application/json' "localhost:$1/actuator/profiles" \
    | jq -r 'if .sampler.nativeMemoryBytes == null then "null" else (.sampler.nativeMemoryBytes / 104857.6 | round / 10) end'
}
echo "$(date -u +%FT%TZ) started; load for $MINUTES min, java $(java -version 2>&1 | head -1)"
for port in "${PORTS[@]}"; do
  for path in /calculate1/500 /calculate2/300 /products/7 /owners /api/owners '/search?q=a'; do
    taskset -c 1 hey -z "${MINUTES}m" -q 4 -c 2 "http://localhost:$port$path" > /dev/null 2>&1 &
  done
done
echo "$header"
for minute in $(seq 1 "$MINUTES"); do
  sleep 60
  line="$minute | $(rss "${PIDS[0]}")"
  for i in $(seq 1 $((${#PIDS[@]} - 1))); do
    line="$line | $(rss "${PIDS[$i]}") | $(native "${PORTS[$i]}")"
  done
  echo "$line"
done
while pgrep -x hey > /dev/null; do sleep 5; done
echo "$(date -u +%FT%TZ) done; server logs in $OUT"
