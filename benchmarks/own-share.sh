#!/bin/bash
# How much of the demo's CPU Hotpath's own code takes, read from the profile Hotpath itself
# records: the demo runs with Hotpath at its defaults on core 0, loaded from core 1 with
# 8 requests a second on each of the overhead harness's five paths (CPU, Thymeleaf and JPA,
# Jackson and JPA, a cache, an aggregating page whose lookups run on the task executor);
# after WARMUP minutes, the CPU profile of the next MINUTES is downloaded as collapsed stacks
# and OwnShare counts the samples in which Hotpath's code runs rather than calls back into
# the application.
#
#   ./mvnw -B -ntp -q -pl demo-app -am package -DskipTests
#   bash benchmarks/own-share.sh [MINUTES=3] [WARMUP=3] [SERVER_ARG...]
set -euo pipefail
MINUTES=${1:-3}
WARMUP=${2:-3}
shift $(( $# < 2 ? $# : 2 ))
JAR=$(pwd)/demo-app/target/hotpath-demo.jar
OUT=$(mktemp -d)
source "$(dirname "$0")/demo-servers.sh"
DEMO_PATHS=(/calculate1/500 '/owners?lastName=Davis' '/api/owners?lastName=Davis' /products/3 /bundles/3)
start_demo "$JAR" 18190 --hotpath.history.directory= "$@"
await_demos
echo "$(date -u +%FT%TZ) started; warm-up $WARMUP min, measured $MINUTES min, $(java -version 2>&1 | head -1)"
load_demos "$((WARMUP + MINUTES + 1))"
sleep "$((WARMUP * 60))"
from=$(date -u +%FT%TZ)
sleep "$((MINUTES * 60))"
to=$(date -u +%FT%TZ)
# the chunk holding the last of the range is read within a chunk period (10 s)
sleep 15
curl -sf -o "$OUT/cpu.collapsed" "localhost:18190/actuator/profiles?format=collapsed&type=cpu&from=$from&to=$to"
curl -sf "localhost:18190/actuator/profiles?from=$from&to=$to" | jq -r '"sampler: " + .sampler.mode'
echo "CPU profile from $from to $to"
java "$(dirname "$0")/src/main/java/dev/hotpath/benchmarks/OwnShare.java" "$OUT/cpu.collapsed" dev.hotpath.demo.
