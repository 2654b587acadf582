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
command -v jq > /dev/null || { echo "native-memory-demo.sh needs jq (apt-get install jq)" >&2; exit 1; }
MINUTES=${1:-30}
LIMITS=${2:-32MB 0}
JAR=$(pwd)/demo-app/target/hotpath-demo.jar
OUT=$(mktemp -d)
source "$(dirname "$0")/demo-servers.sh"
start_demo "$JAR" 18190 --hotpath.enabled=false
header="minute | RSS off"
port=18191
for limit in $LIMITS; do
  start_demo "$JAR" $port "--hotpath.sampling.native-memory-limit=$limit"
  header="$header | RSS, limit $limit | async-profiler, limit $limit"
  port=$((port + 1))
done
await_demos
rss() { awk '/VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$1/status"; }
native() {
  curl -s -H 'Accept: application/json' "localhost:$1/actuator/profiles" \
    | jq -r 'if .sampler.nativeMemoryBytes == null then "null" else (.sampler.nativeMemoryBytes / 104857.6 | round / 10) end'
}
echo "$(date -u +%FT%TZ) started; load for $MINUTES min, java $(java -version 2>&1 | head -1)"
load_demos "$MINUTES"
echo "$header"
for minute in $(seq 1 "$MINUTES"); do
  sleep 60
  line="$minute | $(rss "${PIDS[0]}")"
  for i in $(seq 1 $((${#PIDS[@]} - 1))); do
    line="$line | $(rss "${PIDS[$i]}") | $(native "${PORTS[$i]}")"
  done
  echo "$line"
done
wait "${LOAD[@]}" || true
echo "$(date -u +%FT%TZ) done; server logs in $OUT"
