#!/bin/bash
# How often async-profiler drops a span event (one that comes while a rotation's dump holds
# its locks), which Hotpath then rebuilds from its logs: the demo on core 0, the four-path mix
# of the overhead harness at 25 requests a second each from core 1 for DURATION seconds (120 by
# default), then the meters `hotpath.intervals.rebuilt`, `http.server.requests`,
# `hotpath.chunk.processing` (chunks read) and `hotpath.chunk.dump` (how long async-profiler's
# dumps took, during which it drops what it samples).
#
#   ./mvnw -B -ntp -q -pl demo-app -am package -DskipTests
#   bash benchmarks/dropped-span-events.sh [JAR] [extra demo arguments...]
set -euo pipefail
command -v hey > /dev/null || { echo "$(basename "$0") needs hey (apt-get install hey)" >&2; exit 1; }
JAR=${1:-$(pwd)/demo-app/target/hotpath-demo.jar}
shift || true
DURATION=${DURATION:-120}
PORT=${PORT:-18093}
LOG=${LOG:-$(mktemp)}
echo "$(date -u +%FT%TZ) $JAR $*, $(java -version 2>&1 | head -1), ${DURATION} s"
taskset -c 0 java -jar "$JAR" --server.port=$PORT --hotpath.history.directory= --demo.load.enabled=false \
	--logging.level.root=warn "$@" > "$LOG" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf -o /dev/null "localhost:$PORT/actuator/health" && break; sleep 1; done
LOAD=()
for path in /calculate1/500 '/owners?lastName=Davis' '/api/owners?lastName=Davis' /products/3; do
	taskset -c 1 hey -z "${DURATION}s" -q 25 -c 1 "http://localhost:$PORT$path" > /dev/null &
	LOAD+=($!)
done
wait "${LOAD[@]}"
# the chunk holding the last requests is read within a chunk period (10 s)
sleep 15
meter() {
	curl -sf "localhost:$PORT/actuator/metrics/$1${2:-}" | python3 -c "
import json, sys
print(int(next(m['value'] for m in json.load(sys.stdin)['measurements'] if m['statistic'] == 'COUNT')))"
}
echo "intervals rebuilt: $(meter hotpath.intervals.rebuilt)"
echo "requests: $(meter http.server.requests '?tag=uri:/calculate1/%7Bnumber%7D') /calculate1, all: $(meter http.server.requests)"
echo "chunks read: $(meter hotpath.chunk.processing)"
# how long async-profiler's dumps took on average: it drops what it samples meanwhile
curl -sf "localhost:$PORT/actuator/metrics/hotpath.chunk.dump" | python3 -c "
import json, sys
m = {m['statistic']: m['value'] for m in json.load(sys.stdin)['measurements']}
print(f\"chunks dumped: {int(m['COUNT'])}, {1000 * m['TOTAL_TIME'] / max(m['COUNT'], 1):.1f} ms a dump on average\")"
