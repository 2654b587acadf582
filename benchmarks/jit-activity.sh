#!/bin/bash
# What the JIT compilers do, over time, in a demo with Hotpath on against one with it off: both
# from the same jar on core 0 with -XX:+PrintCompilation, both under the overhead harness's
# four-path mix from core 1 (25 requests a second on each path). Every BUCKET seconds (120) it
# notes each server's compiler threads' CPU time (/proc/PID/task/*/stat of the threads called
# "C1 CompilerThre" and "C2 CompilerThre"); at the end it prints, per bucket and server, that
# CPU, the methods compiled and the methods made not entrant, and then for the second half of the
# run the compilations by package (the first three parts of the method's name), the methods
# compiled most often and those made not entrant.
#
#   ./mvnw -B -ntp -q -pl demo-app -am package -DskipTests
#   bash benchmarks/jit-activity.sh demo-app/target/hotpath-demo.jar
#
# MINUTES (20), BUCKET (120).
set -euo pipefail
source "$(dirname "$0")/harness-mix.sh"
JAR=$1
MINUTES=${MINUTES:-20}
BUCKET=${BUCKET:-120}
WORK=$(mktemp -d)
PIDS=()
trap 'kill "${PIDS[@]}" "${MIX_LOAD[@]}" 2>/dev/null || true; rm -rf "$WORK"' EXIT
start() { # name, port, arguments
	local name=$1 port=$2
	shift 2
	taskset -c 0 java -XX:+PrintCompilation -jar "$JAR" --server.port="$port" --demo.load.enabled=false \
		--logging.level.root=warn --hotpath.history.directory= "$@" > "$WORK/$name.log" 2>&1 &
	PIDS+=($!)
	echo $! > "$WORK/$name.pid"
}
start off 18151 --hotpath.enabled=false
start on 18152
await_servers 18151 18152
load_mix "$((MINUTES * 60 + 30))" 25 18151 18152
jit_ticks() {
	local total=0 pid=$1
	for task in /proc/"$pid"/task/*; do
		case "$(cat "$task/comm" 2> /dev/null)" in
		C1\ CompilerThre* | C2\ CompilerThre*)
			total=$((total + $(awk '{ print $14 + $15 }' "$task/stat" 2> /dev/null || echo 0))) ;;
		esac
	done
	echo "$total"
}
note() { # the compilers' CPU ticks and the JVM's age in seconds, off then on
	local off on
	off=$(cat "$WORK/off.pid")
	on=$(cat "$WORK/on.pid")
	echo "$(jit_ticks "$off") $(jit_ticks "$on") $(ps -o etimes= -p "$off") $(ps -o etimes= -p "$on")"
}
echo "$(date -u +%FT%TZ) JIT activity, jar $JAR, $MINUTES minutes, buckets of $BUCKET s"
for _ in $(seq 1 $((MINUTES * 60 / BUCKET))); do
	note >> "$WORK/ticks"
	sleep "$BUCKET"
done
note >> "$WORK/ticks"
python3 - "$WORK" "$BUCKET" "$(getconf CLK_TCK)" <<'PY'
import collections, re, sys
work, bucket, hz = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
ticks = [list(map(int, line.split())) for line in open(work + "/ticks")]
line_re = re.compile(r"^\s*(\d+)\s+\d+\s+([%sbn! ]*)\s*(\d)?\s+(\S+)")
def events(name):
    compiled, entrant = [], []
    for line in open("%s/%s.log" % (work, name), errors="replace"):
        m = line_re.match(line)
        if not m:
            continue
        millis, method = int(m.group(1)), m.group(4)
        (entrant if "made not entrant" in line else compiled).append((millis, method, m.group(3)))
    return compiled, entrant
logs = {name: events(name) for name in ("off", "on")}
def count(items, age_from, age_to):
    return sum(1 for t, _, _ in items if age_from * 1000 <= t < age_to * 1000)
print("bucket (JVM age, s) | JIT CPU off (ms) | on (ms) | compiled off | on | made not entrant off | on")
for i in range(len(ticks) - 1):
    row = ["%d-%d" % (ticks[i][3], ticks[i + 1][3])]
    row += ["%d" % ((ticks[i + 1][col] - ticks[i][col]) * 1000 // hz) for col in (0, 1)]
    for kind in (0, 1):
        for col, name in ((2, "off"), (3, "on")):
            row.append("%d" % count(logs[name][kind], ticks[i][col], ticks[i + 1][col]))
    print(" | ".join(row))
for col, name in ((2, "off"), (3, "on")):
    compiled, entrant = logs[name]
    half = ticks[len(ticks) // 2][col] * 1000
    late = [(t, m, level) for t, m, level in compiled if t >= half]
    late_entrant = [(t, m, level) for t, m, level in entrant if t >= half]
    print("\n%s: %d compilations, %d made not entrant in all; in the second half of the run (from a JVM age of %.0f s): %d compiled, %d made not entrant"
          % (name, len(compiled), len(entrant), half / 1000, len(late), len(late_entrant)))
    for label, items in (("compiled", late), ("made not entrant", late_entrant)):
        by_package = collections.Counter(".".join(m.split("::")[0].split(".")[:3]) for _, m, _ in items)
        print("  %s by package: %s" % (label, ", ".join("%s %d" % kv for kv in by_package.most_common(12))))
        by_method = collections.Counter(m for _, m, _ in items)
        print("  %s most often: %s" % (label, ", ".join("%s %d" % kv for kv in by_method.most_common(8))))
PY
