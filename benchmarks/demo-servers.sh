# Sourced by the demo benchmarks (memory-demo.sh, native-memory-demo.sh, sampler-allocation.sh):
# starts demo servers on core 0, waits until they answer, and loads each from core 1 with
# 8 requests a second on each of six paths (hey -q 4 -c 2). Servers and load stop with the
# script. Needs OUT, a directory for the servers' logs.
command -v hey > /dev/null || { echo "$(basename "$0") needs hey (apt-get install hey)" >&2; exit 1; }
DEMO_PATHS=(/calculate1/500 /calculate2/300 /products/7 /owners /api/owners '/search?q=a')
PIDS=()
PORTS=()
LOAD=()
trap 'kill ${PIDS[@]} ${LOAD[@]} 2> /dev/null || true' EXIT

# start_demo JAR PORT [ARG...]: one server with the demo's own load generator off
start_demo() {
  local jar=$1 port=$2
  shift 2
  taskset -c 0 java -Xmx1g -jar "$jar" --server.port="$port" --demo.load.enabled=false "$@" \
    > "$OUT/server-$port.log" 2>&1 &
  PIDS+=($!)
  PORTS+=("$port")
}

await_demos() {
  for port in "${PORTS[@]}"; do
    until curl -s -o /dev/null "localhost:$port/calculate1/5"; do sleep 1; done
  done
}

# load_demos MINUTES: every server, every path, for that long
load_demos() {
  for port in "${PORTS[@]}"; do
    for path in "${DEMO_PATHS[@]}"; do
      taskset -c 1 hey -z "${1}m" -q 4 -c 2 "http://localhost:$port$path" > /dev/null 2>&1 &
      LOAD+=($!)
    done
  done
}
