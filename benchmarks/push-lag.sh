#!/bin/bash
# How long after a window ends its profile reaches Grafana Pyroscope, for two demo jars side by
# side: each pushes to its own receiver on the loopback interface (a few lines of Python that
# answer 200 and note when each ingest request arrived, with its `from` and `until`), both under
# the overhead harness's four-path mix (10 requests a second on each path) from core 1, the
# servers on core 0. After WARMUP (60 s) it records DURATION (600 s) and prints, per jar, the
# pushes (one per distinct `from`/`until`, whatever the profile types), the lag from `until` to
# the arrival of its first request (median, min, max), and any gap or overlap between pushed
# ranges.
#
#   ./mvnw -B -ntp -q -pl demo-app -am package -DskipTests     # once per build, jars copied aside
#   bash benchmarks/push-lag.sh A.jar B.jar
set -euo pipefail
source "$(dirname "$0")/harness-mix.sh"
A=$1
B=$2
WARMUP=${WARMUP:-60}
DURATION=${DURATION:-600}
WORK=$(mktemp -d)
PIDS=()
trap 'kill "${PIDS[@]}" "${MIX_LOAD[@]}" 2>/dev/null || true; rm -rf "$WORK"' EXIT
cat > "$WORK/receiver.py" <<'PY'
import http.server, sys, time, urllib.parse
log = open(sys.argv[2], "a", buffering=1)
class Receiver(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        query = urllib.parse.parse_qs(urllib.parse.urlparse(self.path).query)
        log.write("%.3f %s %s\n" % (time.time(), query["from"][0], query["until"][0]))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()
    def log_message(self, *args):
        pass
http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), Receiver).serve_forever()
PY
start() { # jar, server port, receiver port, name
	taskset -c 1 python3 "$WORK/receiver.py" "$3" "$WORK/$4.log" &
	PIDS+=($!)
	taskset -c 0 java -jar "$1" --server.port="$2" --hotpath.history.directory= --demo.load.enabled=false \
		--logging.level.root=warn --hotpath.export.pyroscope.enabled=true \
		--hotpath.export.pyroscope.url="http://127.0.0.1:$3" > /dev/null 2>&1 &
	PIDS+=($!)
}
start "$A" 18131 18141 A
start "$B" 18132 18142 B
await_servers 18131 18132
load_mix "$((WARMUP + DURATION))" 10 18131 18132
echo "$(date -u +%FT%TZ) push lag, A=$A B=$B, warm-up ${WARMUP} s, recorded ${DURATION} s"
sleep "$WARMUP"
FROM=$(date +%s)
sleep "$DURATION"
TO=$(date +%s)
for name in A B; do
	python3 - "$WORK/$name.log" "$FROM" "$TO" "$name" <<'PY'
import statistics, sys
path, start, end, name = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
first = {}
for line in open(path):
    arrived, frm, until = line.split()
    key = (int(frm), int(until))
    first.setdefault(key, float(arrived))
pushes = sorted((key, arrived) for key, arrived in first.items() if start <= arrived <= end)
lags = [arrived - until for (frm, until), arrived in pushes]
ranges = sorted(first)
breaks = [(a, b) for a, b in zip(ranges, ranges[1:]) if a[1] != b[0]]
print("%s: %d pushes in the recorded time, lag from a range's end to its arrival median %.1f s (%.1f to %.1f); "
      "ranges %d s long (median); %d gaps or overlaps between the %d ranges pushed since start"
      % (name, len(pushes), statistics.median(lags), min(lags), max(lags),
         statistics.median(u - f for (f, u), _ in pushes), len(breaks), len(ranges)))
PY
done
