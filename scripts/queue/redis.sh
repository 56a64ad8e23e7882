#!/usr/bin/env bash
# A throw-away Redis for n8n's queue mode (tests, benchmark, trying it by hand).
#
#   scripts/queue/redis.sh start [--port N] [--dir FOLDER] [--foreground]
#       Starts Debian's redis-server on 127.0.0.1 only (a free port unless --port), without
#       persistence (no RDB snapshots, no append-only file), working folder a new temporary folder
#       (or FOLDER, to start again on the same port and folder). Prints `dir=<folder>` and
#       `port=<port>`. Without --foreground it returns once Redis answers PING (daemonized); with
#       --foreground it then runs Redis in this process (the tests stop it by its process group).
#   scripts/queue/redis.sh stop <folder>
#       Stops the Redis of that folder if it still runs, and deletes the folder.
set -euo pipefail

# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

command -v redis-server >/dev/null 2>&1 || die "redis-server is not installed: apt-get install redis-server"

start() {
	local port="" dir="" foreground=0
	while (($#)); do
		case "$1" in
			--port) port="$2"; shift 2 ;;
			--dir) dir="$2"; shift 2 ;;
			--foreground) foreground=1; shift ;;
			*) die "unknown option $1" ;;
		esac
	done
	[[ -n "$port" ]] || port="$(free_port)"
	if [[ -z "$dir" ]]; then dir="$(mktemp -d "${TMPDIR:-/tmp}/n8n-queue-redis-XXXXXX")"; else mkdir -p "$dir"; fi
	echo "$port" >"$dir/port"
	echo "dir=$dir"
	echo "port=$port"
	local options=(--port "$port" --bind 127.0.0.1 --protected-mode yes --save '' --appendonly no --dir "$dir")
	if ((foreground)); then exec redis-server "${options[@]}"; fi
	redis-server "${options[@]}" --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log"
	for _ in $(seq 1 100); do
		[[ "$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null || true)" == PONG ]] && return
		sleep 0.1
	done
	cat "$dir/redis.log" >&2 || true
	die "Redis did not answer PING on port $port"
}

stop() {
	local dir="${1:-}"
	[[ -n "$dir" && -f "$dir/port" ]] || die "usage: redis.sh stop <folder printed by start>"
	if [[ -f "$dir/redis.pid" ]]; then
		local pid
		pid="$(cat "$dir/redis.pid")"
		kill "$pid" 2>/dev/null || true
		for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
	fi
	rm -rf "$dir"
}

case "${1:-}" in
	start) shift; start "$@" ;;
	stop) shift; stop "$@" ;;
	*) die "usage: redis.sh start [--port N] [--dir FOLDER] [--foreground] | stop <folder>" ;;
esac
