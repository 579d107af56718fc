# Shared by the tools/*/build scripts: a program built from the Go module proxy once, into
# ${SOMA_HUB_CACHE:-~/.cache/soma-hub}/NAME/VERSION/bin, and that folder printed.
#
#   source "$(dirname "$0")/../lib/cached-go-build.sh"
#   cached_go_build NAME VERSION "BINARY ..." "$@" -- COMMAND ...
#
# COMMAND builds into "$OUT" (a temporary folder): each BINARY must be there when it ends. The binaries are moved
# into bin only then, so an interrupted build never leaves half a binary. Skipped when every binary exists. A lock
# lets ./hub test's background build and a test that needs the program share the work: the second waits.
# `--if-built` (the script's first argument) only prints the folder, and exits 3 instead of building.
# -p ${GO_PARALLEL:-2}: this kind of machine has 2 cores, shared with the build that waits for the program.

GO_PARALLEL="${GO_PARALLEL:-2}"
export GOFLAGS="${GOFLAGS:--buildvcs=false}"

cached_go_build() {
  local name="$1" version="$2" binaries="$3" if_built="" cache bin binary start
  shift 3
  [ "${1:-}" = --if-built ] && if_built=1
  while [ "$#" -gt 0 ] && [ "$1" != -- ]; do shift; done
  shift
  cache="${SOMA_HUB_CACHE:-$HOME/.cache/soma-hub}/$name/$version"
  bin="$cache/bin"
  _all_built() {
    for binary in $binaries; do [ -x "$bin/$binary" ] || return 1; done
  }
  if _all_built; then
    echo "$bin"
    return 0
  fi
  [ -n "$if_built" ] && exit 3
  command -v go >/dev/null 2>&1 || { printf '%s: error: Go is missing\n' "$name" >&2; exit 1; }
  mkdir -p "$cache"
  exec 9>"$cache/.lock"
  flock 9
  if ! _all_built; then
    start=$SECONDS
    printf '%s: building %s from the Go module proxy into %s\n' "$name" "$version" "$bin" >&2
    rm -rf "$cache/tmp"
    mkdir -p "$cache/tmp/out" "$bin"
    # OUT for the command; it runs in the temporary folder, outside any module around the caller.
    (cd "$cache/tmp" && OUT="$cache/tmp/out" "$@")
    for binary in $binaries; do mv -f "$cache/tmp/out/$binary" "$bin/$binary"; done
    rm -rf "$cache/tmp"
    printf '%s: built in %s s\n' "$name" "$((SECONDS - start))" >&2
  fi
  echo "$bin"
}
