#!/bin/bash
# What Hotpath's sampler thread costs per chunk, for two builds side by side: both demo jars
# on core 0 at the same time, each driven from core 1 with the overhead harness's four-path
# mix (25 requests a second on each path), and the CPU time of each one's `hotpath-sampler`
# Java thread (the rotation: async-profiler's dump, reading the chunk, adding it to the profile)
# from the kernel's own accounting (`/proc/PID/task/TID/schedstat`), over the chunks read
# (`hotpath.chunk.processing`) between the end of the warm-up and the end of the run.
#
#   ./mvnw -B -ntp -q -pl demo-app -am package -DskipTests
#   bash benchmarks/sampler-thread.sh A.jar B.jar [demo arguments for both...]
#
# WARMUP (300 s) and DURATION (600 s, warm-up included) are seconds; ROUNDS (1) repeats the
# measured part, each round giving each build's figure. A_ARGS and B_ARGS add demo arguments for
# A or B alone, to compare two settings of one build (the same jar as A and B):
#
#   B_ARGS=--hotpath.sampling.chunk=30s bash benchmarks/sampler-thread.sh demo.jar demo.jar
set -euo pipefail
source "$(dirname "$0")/harness-mix.sh"
command -v jcmd > /dev/null || { echo "$(basename "$0") needs the JDK's jcmd on the path" >&2; exit 1; }
A=$1
B=$2
shift 2
WARMUP=${WARMUP:-300}
DURATION=${DURATION:-600}
ROUNDS=${ROUNDS:-1}
PORTS=(18111 18112)
JARS=("$A" "$B")
PIDS=()
read -r -a ONLY_A <<< "${A_ARGS:-}"
read -r -a ONLY_B <<< "${B_ARGS:-}"
echo "$(date -u +%FT%TZ) A=$A B=$B $* ${A_ARGS:+(A also ${A_ARGS})} ${B_ARGS:+(B also ${B_ARGS})}, $(java -version 2>&1 | head -1), warm-up ${WARMUP} s, ${ROUNDS} rounds of $((DURATION - WARMUP)) s"
for i in 0 1; do
	extra=("${ONLY_A[@]}")
	[ "$i" = 1 ] && extra=("${ONLY_B[@]}")
	taskset -c 0 java -jar "${JARS[$i]}" --server.port=${PORTS[$i]} --hotpath.history.directory= \
		--demo.load.enabled=false --logging.level.root=warn "$@" "${extra[@]}" > /dev/null 2>&1 &
	PIDS+=($!)
done
trap 'kill "${PIDS[@]}" "${MIX_LOAD[@]}" 2>/dev/null || true' EXIT
await_servers "${PORTS[@]}"
TOTAL=$((WARMUP + ROUNDS * (DURATION - WARMUP) + 5))
load_mix "$TOTAL" 25 "${PORTS[@]}"
# CPU nanoseconds of the process's Java threads named hotpath-sampler, found in a thread dump:
# the kernel's name alone is not enough, as a native thread takes the name of the thread that
# creates it, and async-profiler's wall-clock thread is created by whichever thread starts its
# session (the sampler's, once it restarts the session)
sampler_nanos() {
	local sum=0
	for nid in $(jcmd "$1" Thread.print 2> /dev/null | sed -n 's/^"hotpath-sampler" .* nid=\(0x[0-9a-f]*\) .*/\1/p'); do
		sum=$((sum + $(cut -d' ' -f1 "/proc/$1/task/$((nid))/schedstat")))
	done
	echo "$sum"
}
# a meter's statistic on a server (COUNT by default): chunks read (hotpath.chunk.processing),
# requests (http.server.requests), the dumps' and the rounds' wall-clock time (TOTAL_TIME, in
# microseconds)
count() {
	curl -sf "localhost:$1/actuator/metrics/$2" | python3 -c "
import json, sys
value = next(m['value'] for m in json.load(sys.stdin)['measurements'] if m['statistic'] == '${3:-COUNT}')
print(int(value * 1e6) if '${3:-COUNT}' == 'TOTAL_TIME' else int(value))"
}
sleep "$WARMUP"
for round in $(seq 1 "$ROUNDS"); do
	declare -a NANOS CHUNKS REQUESTS DUMPS DUMPED PROCESSED
	for i in 0 1; do
		NANOS[$i]=$(sampler_nanos "${PIDS[$i]}")
		CHUNKS[$i]=$(count "${PORTS[$i]}" hotpath.chunk.processing)
		REQUESTS[$i]=$(count "${PORTS[$i]}" http.server.requests)
		DUMPS[$i]=$(count "${PORTS[$i]}" hotpath.chunk.dump)
		DUMPED[$i]=$(count "${PORTS[$i]}" hotpath.chunk.dump TOTAL_TIME)
		PROCESSED[$i]=$(count "${PORTS[$i]}" hotpath.chunk.processing TOTAL_TIME)
	done
	sleep $((DURATION - WARMUP))
	line="round $round:"
	for i in 0 1; do
		nanos=$(( $(sampler_nanos "${PIDS[$i]}") - NANOS[$i] ))
		chunks=$(( $(count "${PORTS[$i]}" hotpath.chunk.processing) - CHUNKS[$i] ))
		requests=$(( $(count "${PORTS[$i]}" http.server.requests) - REQUESTS[$i] ))
		dumps=$(( $(count "${PORTS[$i]}" hotpath.chunk.dump) - DUMPS[$i] ))
		dumped=$(( $(count "${PORTS[$i]}" hotpath.chunk.dump TOTAL_TIME) - DUMPED[$i] ))
		processed=$(( $(count "${PORTS[$i]}" hotpath.chunk.processing TOTAL_TIME) - PROCESSED[$i] ))
		name=$([ "$i" = 0 ] && echo A || echo B)
		line="$line $name $(python3 -c "print(f'{$nanos / 1e6 / max($chunks, 1):.2f} ms a chunk ({$chunks} chunks, {$requests} requests, {$nanos / 1e3 / max($requests, 1):.1f} us a request; wall-clock means: dump {$dumped / 1e3 / max($dumps, 1):.1f} ms, reading and adding {$processed / 1e3 / max($chunks, 1):.1f} ms)')")"
	done
	echo "$line"
done
