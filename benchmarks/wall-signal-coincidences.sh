#!/bin/bash
# How many of an endpoint's CPU samples hold only async-profiler's wall-clock signal handler
# (the `profiler` component): two demos side by side on core 0, one with wall-clock samples
# every 20 ms and one every 50 ms, each sent the same 120 `/bundles/{id}` requests (distinct
# ids, so every lookup recomputes its price: about 20 ms of CPU on the task executor, then
# 30 to 60 ms of waiting). Prints each endpoint's components and top functions.
#
#   ./mvnw -B -ntp -q -pl demo-app -am package -DskipTests
#   bash benchmarks/wall-signal-coincidences.sh [JAR]
set -euo pipefail
JAR=${1:-$(pwd)/demo-app/target/hotpath-demo.jar}
LOGS=${LOGS:-$(mktemp -d)}
echo "$(date -u +%FT%TZ) $JAR, $(java -version 2>&1 | head -1)"
taskset -c 0 java -jar "$JAR" --server.port=18091 --hotpath.history.directory= --demo.load.enabled=false \
	--logging.level.root=warn --hotpath.sampling.wall-interval=20ms > "$LOGS/20.log" 2>&1 &
FIRST=$!
taskset -c 0 java -jar "$JAR" --server.port=18092 --hotpath.history.directory= --demo.load.enabled=false \
	--logging.level.root=warn --hotpath.sampling.wall-interval=50ms > "$LOGS/50.log" 2>&1 &
SECOND=$!
trap 'kill $FIRST $SECOND 2>/dev/null || true' EXIT
for port in 18091 18092; do
	for _ in $(seq 1 120); do curl -sf -o /dev/null "localhost:$port/actuator/health" && break; sleep 1; done
done
for round in 1 2 3; do
	for i in $(seq 1 40); do
		for port in 18091 18092; do curl -sf -o /dev/null "localhost:$port/bundles/$((200 + i * 3 + round * 200))"; done
	done
done
# the chunk holding the last requests is read within a chunk period (10 s)
sleep 15
ID=$(printf 'GET /bundles/{id}' | base64 | tr '+/' '-_' | tr -d '=')
for port in 18091 18092; do
	curl -sf "localhost:$port/actuator/profiles/endpoints/$ID" -H 'Accept: application/json' | python3 -c "
import json, sys
view = json.load(sys.stdin)
print('wall every', view['sampling']['wallIntervalMs'], 'ms;', view['stats']['requests'], 'requests;',
      view['stats']['samples']['cpu'], 'CPU samples')
print('  components:', ', '.join('%s %d (%.1f %%)' % (c['name'], c['weight'], 100 * c['share']) for c in view['components'][:4]))
for function in view['functions'][:3]:
    print('  %5d %-12s %s' % (function['self'], function.get('component'), function['name']))"
done
