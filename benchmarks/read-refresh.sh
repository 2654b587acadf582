#!/bin/bash
# What hotpath.sampling.read-refresh costs a reader: the time of an overview read
# (`GET /actuator/profiles`, JSON) that first closes and reads a chunk older than 5 s,
# against a read right after it, whose chunk is young. The demo on core 0 under the overhead
# harness's four-path mix from core 1 (25 requests a second on each path); after the warm-up,
# PAIRS times: wait 7 s, read (closes the chunk), read again at once (does not).
#
#   ./mvnw -B -ntp -q -pl demo-app -am package -DskipTests
#   bash benchmarks/read-refresh.sh demo-app/target/hotpath-demo.jar [demo arguments...]
#
# WARMUP (120 s) and PAIRS (10). Prints each pair and the medians, and the chunks read
# (hotpath.chunk.processing) over the pairs, which shows that the first read of each pair
# closed one.
set -euo pipefail
source "$(dirname "$0")/harness-mix.sh"
JAR=$1
shift
WARMUP=${WARMUP:-120}
PAIRS=${PAIRS:-10}
PORT=18121
taskset -c 0 java -jar "$JAR" --server.port=$PORT --hotpath.history.directory= --demo.load.enabled=false \
	--logging.level.root=warn "$@" > /dev/null 2>&1 &
PID=$!
trap 'kill "$PID" "${MIX_LOAD[@]}" 2>/dev/null || true' EXIT
await_servers "$PORT"
TOTAL=$((WARMUP + PAIRS * 10 + 30))
load_mix "$TOTAL" 25 "$PORT"
sleep "$WARMUP"
chunks() {
	curl -sf "localhost:$PORT/actuator/metrics/hotpath.chunk.processing" \
		| python3 -c 'import json,sys; print(int(next(m["value"] for m in json.load(sys.stdin)["measurements"] if m["statistic"] == "COUNT")))'
}
read_ms() {
	taskset -c 1 curl -s -o /dev/null -w '%{time_total}\n' -H 'Accept: application/json' \
		"localhost:$PORT/actuator/profiles" | awk '{ printf "%.1f\n", $1 * 1000 }'
}
before=$(chunks)
OLD=()
YOUNG=()
for pair in $(seq 1 "$PAIRS"); do
	sleep 7
	old=$(read_ms)
	young=$(read_ms)
	OLD+=("$old")
	YOUNG+=("$young")
	echo "pair $pair: chunk older than 5 s ${old} ms, young chunk ${young} ms"
done
after=$(chunks)
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
echo "medians: chunk older than 5 s $(median "${OLD[@]}") ms (from $(printf '%s\n' "${OLD[@]}" | sort -n | head -1) to $(printf '%s\n' "${OLD[@]}" | sort -n | tail -1)), young chunk $(median "${YOUNG[@]}") ms (from $(printf '%s\n' "${YOUNG[@]}" | sort -n | head -1) to $(printf '%s\n' "${YOUNG[@]}" | sort -n | tail -1)); chunks read during the pairs: $((after - before))"
