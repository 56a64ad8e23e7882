# Shared by postgres.sh and redis.sh (sourced).

die() { echo "$(basename "$0"): $*" >&2; exit 1; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# A port nothing listens on now (another process can still take it before the server binds it).
free_port() {
	local port
	for _ in $(seq 1 100); do
		port=$((20000 + RANDOM % 40000))
		port_in_use "$port" || { echo "$port"; return; }
	done
	die "no free port found"
}
