# Sourced by the benchmarks that load demo servers with the overhead harness's four-path mix
# (sampler-thread.sh, read-refresh.sh, push-lag.sh, jit-activity.sh). The load's pids go to
# MIX_LOAD, for the sourcing script's trap.
command -v hey > /dev/null || { echo "$(basename "$0") needs hey (apt-get install hey)" >&2; exit 1; }
MIX_PATHS=(/calculate1/500 '/owners?lastName=Davis' '/api/owners?lastName=Davis' /products/3)
MIX_LOAD=()

# await_servers PORT...: until each server answers its health check, 3 minutes at most each
await_servers() {
	for port in "$@"; do
		for _ in $(seq 1 180); do curl -sf -o /dev/null "localhost:$port/actuator/health" && break; sleep 1; done
	done
}

# load_mix SECONDS RATE PORT...: from core 1, RATE requests a second on each path of each server
load_mix() {
	local seconds=$1 rate=$2
	shift 2
	for port in "$@"; do
		for path in "${MIX_PATHS[@]}"; do
			taskset -c 1 hey -z "${seconds}s" -q "$rate" -c 1 "http://localhost:$port$path" > /dev/null &
			MIX_LOAD+=($!)
		done
	done
}
