#!/usr/bin/env bash
# n8n's verification scan, offline: the two lint legs of @n8n/scan-community-package over this
# checkout and over the tarball `npm pack` makes of it.
#
#   scripts/scan/scan.sh [--relock]     # npm run scan builds first, then runs this
#
#   --relock  resolve the scanner again with `npm install` and write the new lockfile to
#             scripts/scan/package-lock.json (commit it afterwards)
#
# The scanner is installed from the holder package.json and the committed lockfile beside this
# file into ${N8N_SCANNER_DIR:-${N8N_RUNTIMES_DIR:-<repo>/.runtimes}/scanner}: its dependencies
# cannot be the repository's own (another eslint-plugin-community-nodes, typescript 7.x).
# Exits 0 when both legs pass, 1 on a finding, 2 when the scan could not run.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$HERE/../.." && pwd)"
CACHE="${N8N_SCANNER_DIR:-${N8N_RUNTIMES_DIR:-$REPO_ROOT/.runtimes}/scanner}"
MARKER=.provisioned

RELOCK=0
for arg in "$@"; do
	case "$arg" in
	--relock) RELOCK=1 ;;
	-h | --help)
		sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
		exit 0
		;;
	*)
		sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
		exit 2
		;;
	esac
done

log() { printf '[scan] %s\n' "$*" >&2; }
sha() { sha256sum "$@" | awk '{ print $1 }' | sha256sum | cut -c1-16; }

install_scanner() {
	local want
	want="$(node --version) $(sha "$HERE/package.json" "$HERE/package-lock.json")"
	if [[ "$RELOCK" != 1 && -f "$CACHE/$MARKER" && "$(cat "$CACHE/$MARKER")" == "$want" ]]; then
		return
	fi
	rm -rf "$CACHE"
	mkdir -p "$CACHE"
	cp "$HERE/package.json" "$CACHE/package.json"
	if [[ "$RELOCK" == 1 ]]; then
		log "resolving the scanner (npm install) into $CACHE"
		(cd "$CACHE" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error)
		cp "$CACHE/package-lock.json" "$HERE/package-lock.json"
		log "lockfile written to ${HERE#"$REPO_ROOT"/}/package-lock.json (commit it)"
		want="$(node --version) $(sha "$HERE/package.json" "$HERE/package-lock.json")"
	else
		log "installing the scanner from ${HERE#"$REPO_ROOT"/}/package-lock.json into $CACHE"
		cp "$HERE/package-lock.json" "$CACHE/package-lock.json"
		(cd "$CACHE" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
	fi
	echo "$want" >"$CACHE/$MARKER"
}

install_scanner || {
	log "the scanner could not be installed"
	exit 2
}

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/package" "$work/tmp"

# Scripts are off (.npmrc), so npm pack packs dist/ as the build left it.
tarball="$(cd "$REPO_ROOT" && npm pack --pack-destination "$work" --json --loglevel=error |
	node -e 'process.stdout.write(JSON.parse(require("fs").readFileSync(0, "utf8"))[0].filename)')"
tar -xzf "$work/$tarball" -C "$work/package" --strip-components=1

# The scanner makes a temp folder when it is loaded; TMPDIR keeps it inside ours.
TMPDIR="$work/tmp" node "$HERE/scan.mjs" "$CACHE" "$REPO_ROOT" "$work/package" "$tarball"
