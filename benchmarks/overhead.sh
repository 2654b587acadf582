#!/usr/bin/env bash
# Throughput of the demo app with Hotpath off and on, in alternating rounds, driven by wrk on
# loopback. Prints requests per second per run and the ratio of the medians.
# Needs wrk (apt-get install wrk) and a built demo: ./mvnw -q package -DskipTests
# Usage: [HOTPATH_ARGS="--hotpath.sampling.wall-interval=50ms"] benchmarks/overhead.sh [path] [rounds] [seconds]
# HOTPATH_ARGS go to the run with Hotpath on; JAVA_OPTS go to both JVMs.
set -euo pipefail
cd "$(dirname "$0")/.."
path=${1:-/calculate1/500}
rounds=${2:-3}
seconds=${3:-20}
jar=demo-app/target/hotpath-demo.jar
port=18080
url="http://127.0.0.1:$port$path"

run() {
	local enabled=$1
	java ${JAVA_OPTS:-} -jar "$jar" --server.port=$port --server.address=127.0.0.1 --demo.load.enabled=false \
		--hotpath.enabled="$enabled" ${HOTPATH_ARGS:-} --logging.level.root=warn >/dev/null 2>&1 &
	local pid=$!
	for _ in $(seq 1 120); do
		curl -sf -o /dev/null "$url" && break
		sleep 0.5
	done
	wrk -t1 -c2 -d10s "$url" >/dev/null
	local rps
	rps=$(wrk -t1 -c2 -d"${seconds}s" "$url" | awk '/Requests\/sec/ {print $2}')
	kill "$pid"
	wait "$pid" 2>/dev/null || true
	echo "$rps"
}

off=()
on=()
for round in $(seq 1 "$rounds"); do
	off+=("$(run false)")
	on+=("$(run true)")
	echo "round $round: hotpath off ${off[-1]} req/s, on ${on[-1]} req/s"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
moff=$(median "${off[@]}")
mon=$(median "${on[@]}")
echo "median: off $moff req/s, on $mon req/s, on/off $(awk -v a="$mon" -v b="$moff" 'BEGIN {printf "%.4f", a/b}')"
