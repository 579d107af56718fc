# Shared by cluster/build and cluster/cluster: where things are, and the versions that name them.
# shellcheck shell=bash

CLUSTER_SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CLUSTER_CACHE="${SOMA_HUB_CACHE:-$HOME/.cache/soma-hub}/cluster"

K8S_VERSION="v1.34.4"
SERVING_VERSION="v0.50.0"
GATEWAY_API_VERSION="v1.6.3"

# Each wrapper module under cluster/go/ is built into a folder named by a hash of its files, so that changing a
# go.mod, a patch or a version here builds anew and never mixes with binaries of another version.
module_key() {
  local module="$1"
  (cd "$CLUSTER_SRC/go/$module" && find . -type f | LC_ALL=C sort | xargs sha256sum
    echo "$K8S_VERSION $SERVING_VERSION $GATEWAY_API_VERSION") | sha256sum | cut -c1-12
}

module_bin() { echo "$CLUSTER_CACHE/bin/$1-$(module_key "$1")"; }

manifests_dir() { echo "$CLUSTER_CACHE/manifests/$(module_key knative)"; }

cluster_say() { printf 'cluster: %s\n' "$*" >&2; }
cluster_die() { printf 'cluster: error: %s\n' "$*" >&2; exit 1; }
