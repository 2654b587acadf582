#!/bin/bash
# How many bytes Hotpath's threads allocate in the demo under a fixed load, next to what the
# application allocates, for one or more builds side by side. Each server gets 8 requests a
# second on each of 6 paths (hey -q 4 -c 2, 48 requests a second); after WARMUP minutes the
# JDK Flight Recorder's jdk.ThreadAllocationStatistics (every thread's allocated bytes, every
# 20 s) records MINUTES on each server, and the difference between its first and last reading
# gives each thread's allocation over that time; the load goes on until every recording ends. A server with Hotpath off gives the application's
# own. Hotpath runs at its defaults. Servers share core 0, the load core 1.
#
#   ./mvnw -B -ntp -q -pl demo-app -am package -DskipTests
#   bash benchmarks/sampler-allocation.sh [MINUTES=5] [WARMUP=3] [OTHER_JAR...]
set -euo pipefail
command -v jq > /dev/null || { echo "sampler-allocation.sh needs jq (apt-get install jq)" >&2; exit 1; }
MINUTES=${1:-5}
WARMUP=${2:-3}
shift $(( $# < 2 ? $# : 2 ))
JAR=$(pwd)/demo-app/target/hotpath-demo.jar
OUT=$(mktemp -d)
source "$(dirname "$0")/demo-servers.sh"
start_demo "$JAR" 18180 --hotpath.enabled=false
start_demo "$JAR" 18181
NAMES=("off" "on, $(basename "$JAR")")
port=18182
for other in "$@"; do
  start_demo "$other" $port
  NAMES+=("on, $(basename "$other")")
  port=$((port + 1))
done
await_demos
echo "$(date -u +%FT%TZ) started; warm-up $WARMUP min, measured $MINUTES min, $(java -version 2>&1 | head -1)"
load_demos "$((WARMUP + MINUTES + 10))"
cat > "$OUT/allocation.jfc" <<'JFC'
<?xml version="1.0" encoding="UTF-8"?>
<configuration version="2.0" label="thread allocation">
  <event name="jdk.ThreadAllocationStatistics"><setting name="enabled">true</setting><setting name="period">20 s</setting></event>
</configuration>
JFC
sleep "$((WARMUP * 60))"
for pid in "${PIDS[@]}"; do
  jcmd "$pid" JFR.start name=allocation settings="$OUT/allocation.jfc" duration="${MINUTES}m" \
    filename="$OUT/allocation-$pid.jfr" > /dev/null
done
sleep "$((MINUTES * 60))"
for pid in "${PIDS[@]}"; do
  # the recording writes its file when its duration has passed
  until [ -s "$OUT/allocation-$pid.jfr" ] && ! jcmd "$pid" JFR.check | grep -q 'name=allocation.*running'; do sleep 5; done
done
kill "${LOAD[@]}" 2> /dev/null || true
echo "MB a second over $MINUTES min (first to last reading); KB a request at 48 requests a second"
printf '%-40s %10s %10s %10s %10s %10s\n' server all requests hotpath sampler "KB/request"
i=0
for pid in "${PIDS[@]}"; do
  jfr print --json --events jdk.ThreadAllocationStatistics "$OUT/allocation-$pid.jfr" \
    | jq -r '.recording.events[] | [.values.startTime, .values.thread.javaName // "?", .values.allocated] | @tsv' \
    > "$OUT/allocation-$pid.tsv"
  # per thread: last reading minus first, over the time between the first and last reading
  awk -F'\t' -v name="${NAMES[$i]}" '
    { t = substr($1, 12, 8); split(t, c, ":"); s = c[1] * 3600 + c[2] * 60 + c[3]
      if (!($2 in first)) { first[$2] = $3; firstAt = (firstAt == "" || s < firstAt) ? s : firstAt }
      last[$2] = $3; if (s > lastAt) lastAt = s }
    END { span = lastAt - firstAt
      for (k in first) { d = last[k] - first[k]; all += d
        if (k ~ /^http-nio-/) req += d
        if (k ~ /^hotpath-/) hp += d
        if (k == "hotpath-sampler") smp += d }
      printf "%-40s %10.2f %10.2f %10.3f %10.3f %10.1f\n", name, all / span / 1e6, req / span / 1e6, hp / span / 1e6,
        smp / span / 1e6, all / span / 48 / 1024 }' "$OUT/allocation-$pid.tsv"
  i=$((i + 1))
done
echo "recordings in $OUT"
