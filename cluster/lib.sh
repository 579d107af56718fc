# Shared by cluster/build, cluster/cluster and the node's scripts: where things are, and the versions that name them.
# shellcheck shell=bash

CLUSTER_SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CLUSTER_CACHE="${SOMA_HUB_CACHE:-$HOME/.cache/soma-hub}/cluster"

K8S_VERSION="v1.34.4"
SERVING_VERSION="v0.50.0"
GATEWAY_API_VERSION="v1.6.3"
# The data plane's ingress (CoreDNS's version is in cluster/go/coredns/go.mod).
TRAEFIK_VERSION="v3.7.13"
NET_GATEWAY_API_VERSION="v0.50.0"
# The Go module proxy refuses net-gateway-api; this source tarball of its tag (see its README) stands in for it.
NET_GATEWAY_API_TARBALL="${SOMA_UPSTREAM_DIR:-$CLUSTER_SRC/../../shared/upstream}"
NET_GATEWAY_API_TARBALL+="/net-gateway-api-$NET_GATEWAY_API_VERSION-src.tar.gz"
NET_GATEWAY_API_SHA256="699415382edb1997ea124b016ef6f902e4e04c205209a55f1e730d459b0c1f01"

# The node's images, as cluster/build writes them (docker-save archives for `ctr -n k8s.io images import`).
PAUSE_IMAGE="soma.local/pause:1"
QUEUE_IMAGE="dev.local/knative-queue:$SERVING_VERSION"
HELLO_IMAGE="dev.local/hello:1"

# The programs cluster/build makes (cluster_program NAME: the path of one) and its image archives (image_archive).
CONTROL_PLANE_PROGRAMS="kube-apiserver kube-controller-manager knative-webhook knative-controller"
DATA_PLANE_PROGRAMS="kubelet kube-scheduler kube-proxy knative-queue knative-activator knative-autoscaler
  coredns traefik net-gateway-api-controller"
IMAGE_ARCHIVES="pause queue hello"

# Each wrapper module under cluster/go/ is built into a folder named by a hash of its files and of what else its
# build reads, so that changing a go.mod, a patch or a version here builds anew and never mixes with binaries of
# another version. net-gateway-api has no files of its own.
module_key() {
  local module="$1"
  ( [ ! -d "$CLUSTER_SRC/go/$module" ] ||
      (cd "$CLUSTER_SRC/go/$module" && find . -type f | LC_ALL=C sort | xargs sha256sum)
    case "$module" in
      k8s | knative) echo "$K8S_VERSION $SERVING_VERSION $GATEWAY_API_VERSION" ;;
      traefik) echo "$TRAEFIK_VERSION" ;;
      # Built with the control plane's patched knative.dev/pkg.
      net-gateway-api) echo "$NET_GATEWAY_API_VERSION $NET_GATEWAY_API_SHA256 knative-$(module_key knative)" ;;
      # The queue image holds the knative module's queue-proxy.
      images) echo "$PAUSE_IMAGE $QUEUE_IMAGE $HELLO_IMAGE knative-$(module_key knative)" ;;
      *) ;; # coredns: its go.mod names everything
    esac) | sha256sum | cut -c1-12
}

module_bin() { echo "$CLUSTER_CACHE/bin/$1-$(module_key "$1")"; }

manifests_dir() { echo "$CLUSTER_CACHE/manifests/$(module_key knative)"; }

images_dir() { echo "$CLUSTER_CACHE/images/$(module_key images)"; }

# The wrapper module that builds a program.
program_module() {
  case "$1" in
    kube-apiserver | kube-controller-manager | kubelet | kube-scheduler | kube-proxy) echo k8s ;;
    knative-webhook | knative-controller | knative-queue | knative-activator | knative-autoscaler) echo knative ;;
    coredns) echo coredns ;;
    traefik) echo traefik ;;
    net-gateway-api-controller) echo net-gateway-api ;;
    pause | hello | imagetar) echo images ;; # inside the images; imagetar writes them
    *) return 1 ;;
  esac
}

# cluster_program NAME: the path of a program cluster/build makes, e.g. cluster_program kubelet.
cluster_program() {
  local module
  module="$(program_module "$1")" || cluster_die "cluster/build makes no program $1"
  echo "$(module_bin "$module")/$1"
}

# image_archive pause|queue|hello: the archive of $PAUSE_IMAGE, $QUEUE_IMAGE or $HELLO_IMAGE.
image_archive() { echo "$(images_dir)/$1.tar"; }

cluster_say() { printf 'cluster: %s\n' "$*" >&2; }
cluster_die() { printf 'cluster: error: %s\n' "$*" >&2; exit 1; }
