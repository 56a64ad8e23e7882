#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for n8n's queue mode (tests, benchmark, trying it by hand).
#
#   scripts/queue/postgres.sh start [--port N] [--foreground]
#       Creates a cluster in a new temporary folder (initdb --auth=trust, superuser n8n, database
#       postgres), listening on 127.0.0.1 only (a free port unless --port), Unix socket in the folder.
#       Prints `dir=<folder>` and `port=<port>` on stdout. Without --foreground it returns once the
#       server accepts connections (pg_ctl); with --foreground it then runs the server in this process
#       (what the tests do: they stop it by its process group).
#   scripts/queue/postgres.sh stop <folder>
#       Stops the server of that folder if it still runs, and deletes the folder.
#
# Debian's binaries are found under /usr/lib/postgresql/<version>/bin (the newest version), or on
# PATH. Postgres refuses to run as root: as root, the cluster belongs to the `postgres` user that
# Debian's package creates (runuser), otherwise to the calling user.
set -euo pipefail

# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

pg_bin() {
	local dir
	dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
	if [[ -n "$dir" && -x "$dir/initdb" ]]; then echo "$dir"; return; fi
	command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return; }
	die "no PostgreSQL binaries (initdb) under /usr/lib/postgresql/*/bin or on PATH: apt-get install postgresql"
}

# Runs a command as the cluster's owner.
as_owner() {
	if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
	local port="" foreground=0
	while (($#)); do
		case "$1" in
			--port) port="$2"; shift 2 ;;
			--foreground) foreground=1; shift ;;
			*) die "unknown option $1" ;;
		esac
	done
	local bin dir
	bin="$(pg_bin)"
	[[ -n "$port" ]] || port="$(free_port)"
	dir="$(mktemp -d "${TMPDIR:-/tmp}/n8n-queue-postgres-XXXXXX")"
	chmod 755 "$dir"
	if [[ "$(id -u)" == 0 ]]; then
		id postgres >/dev/null 2>&1 || die "running as root needs the postgres user (Debian's postgresql package creates it)"
		chown postgres: "$dir"
	fi
	as_owner "$bin/initdb" -D "$dir/data" -U n8n --auth=trust --encoding=UTF8 --no-instructions >"$dir/initdb.log" 2>&1 ||
		{ cat "$dir/initdb.log" >&2; die "initdb failed"; }
	echo "$port" >"$dir/port"
	echo "dir=$dir"
	echo "port=$port"
	# No fsync: a throw-away cluster whose data nobody needs after a crash.
	local options=(-p "$port" -k "$dir" -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200)
	if ((foreground)); then
		if [[ "$(id -u)" == 0 ]]; then exec runuser -u postgres -- "$bin/postgres" -D "$dir/data" "${options[@]}"; fi
		exec "$bin/postgres" -D "$dir/data" "${options[@]}"
	fi
	as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "${options[*]}" start >/dev/null ||
		{ cat "$dir/server.log" >&2; die "the server did not start"; }
}

stop() {
	local dir="${1:-}"
	[[ -n "$dir" && -f "$dir/port" ]] || die "usage: postgres.sh stop <folder printed by start>"
	local bin
	bin="$(pg_bin)"
	if [[ -f "$dir/data/postmaster.pid" ]]; then
		as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null 2>&1 || true
	fi
	rm -rf "$dir"
}

case "${1:-}" in
	start) shift; start "$@" ;;
	stop) shift; stop "$@" ;;
	*) die "usage: postgres.sh start [--port N] [--foreground] | stop <folder>" ;;
esac
