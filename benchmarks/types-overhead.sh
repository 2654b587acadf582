#!/usr/bin/env bash
# CPU time per request of the demo app with Hotpath on, for the profile types: cpu+wall only
# ("base"), plus allocation sampling ("alloc"), plus lock sampling ("lock"). The server is
# pinned to core 0, hey (fixed rate, 2 workers) to core 1; CPU time is the server's own
# utime+stime from /proc/PID/stat over the measured interval. The order of the three runs
# rotates each round.
# Needs hey (apt-get install hey) and a built demo: ./mvnw -q -pl demo-app -am package -DskipTests
# Usage: benchmarks/types-overhead.sh [path] [rate per worker] [seconds] [rounds]   (env WARM, JAVA_OPTS)
set -u
cd "$(dirname "$0")/.."
jar=demo-app/target/hotpath-demo.jar
path=${1:-/calculate1/500}; rate=${2:-100}; secs=${3:-60}; rounds=${4:-3}; warm=${WARM:-60}
port=18097; url="http://127.0.0.1:$port$path"; w=$(mktemp -d)
tck=$(getconf CLK_TCK)
declare -A args=(
	[base]=""
	[alloc]="--hotpath.sampling.alloc-enabled=true"
	[lock]="--hotpath.sampling.lock-enabled=true"
)
ticks() { awk '{print $14+$15}' /proc/$1/stat; }
run() { # run base|alloc|lock -> "cpu_ms_per_req p50_ms p99_ms rps alloc_samples lock_samples"
	local mode=$1
	taskset -c 0 java ${JAVA_OPTS:-} -jar "$jar" --server.port=$port --server.address=127.0.0.1 \
		--demo.load.enabled=false ${args[$mode]} --logging.level.root=warn >"$w/$mode.log" 2>&1 &
	local pid=$!
	for _ in $(seq 1 240); do curl -sf -o /dev/null "$url" && break; sleep 0.5; done
	taskset -c 1 hey -z "${warm}s" -c 2 -q "$rate" "$url" >/dev/null 2>&1
	sleep 2
	local t0; t0=$(ticks $pid)
	taskset -c 1 hey -z "${secs}s" -c 2 -q "$rate" "$url" >"$w/hey-$mode.txt" 2>&1
	local t1; t1=$(ticks $pid)
	sleep 11 # one more chunk, so the overview counts the last samples
	curl -s -H 'Accept: application/json' "http://127.0.0.1:$port/actuator/profiles" >"$w/overview-$mode.json"
	kill $pid; wait $pid 2>/dev/null
	python3 - "$t0" "$t1" "$tck" "$w/hey-$mode.txt" "$w/overview-$mode.json" <<'PY'
import json, re, sys
t0, t1, tck = map(float, sys.argv[1:4]); txt = open(sys.argv[4]).read()
n = sum(int(m) for m in re.findall(r"\[2\d\d\]\s+(\d+) responses", txt))
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", txt).group(1))
def pct(p):
    m = re.search(r"%d%% in ([\d.]+) secs" % p, txt); return float(m.group(1)) * 1000 if m else float("nan")
alloc = lock = -1
try:
    o = json.load(open(sys.argv[5]))
    alloc = sum(e["samples"]["alloc"] for e in o["endpoints"]) + o["background"]["samples"]["alloc"]
    lock = sum(e["samples"]["lock"] for e in o["endpoints"]) + o["background"]["samples"]["lock"]
except Exception:
    pass
print("%.4f %.3f %.3f %.1f %d %d" % ((t1 - t0) / tck * 1000 / n, pct(50), pct(99), rps, alloc, lock))
PY
}
modes=(base alloc lock)
for r in $(seq 1 "$rounds"); do
	for i in 0 1 2; do
		m=${modes[$(((i + r - 1) % 3))]}
		echo "round $r $m $(run "$m")"
	done
done | tee "$w/rounds.txt"
python3 - "$w/rounds.txt" <<'PY'
import statistics as st, sys
rows = [l.split() for l in open(sys.argv[1])]
def col(mode, i): return [float(r[3 + i]) for r in rows if r[2] == mode]
for i, n in enumerate(["cpu ms/req", "p50 ms", "p99 ms", "req/s"]):
    base = st.median(col("base", i))
    line = "%-10s base %.4f" % (n, base)
    for mode in ("alloc", "lock"):
        v = col(mode, i)
        line += "  %s %.4f (x%.3f; runs %s)" % (mode, st.median(v), st.median(v) / base, " ".join("%.3f" % x for x in v))
    print(line + "  (base runs %s)" % " ".join("%.3f" % x for x in col("base", i)))
PY
echo "raw files in $w"
