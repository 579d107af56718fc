#!/usr/bin/env bash
# Installs the hub's observability plane on the kubeconfig's cluster, in order:
#   1. the observability namespace
#   2. kube-prometheus-stack (Prometheus operator and CRDs, Prometheus, Alertmanager; Grafana off)
#   3. Loki (single binary, 31-day retention), waiting until it is ready
#   4. the hub's namespace, the PodMonitors (functions, Knative's autoscaler and activator), ServiceMonitor (worker)
#   5. the PrometheusRule with the hub's alerts
#   6. the Grafana dashboards, as ConfigMaps for Grafana's dashboard sidecar (Grafana itself is not installed)
# Idempotent: helm upgrade --install and kubectl apply, so a second run changes nothing that did not change.
#
#   observability/deploy.sh [--dry-run] [--context NAME]
#
# --dry-run prints every command and the objects each apply would create or update, and touches no cluster.
# KPS_VERSION picks the chart version; KUBECTL and HELM the binaries. docs/operations.md, Observability.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
KUBECTL="${KUBECTL:-kubectl}"
HELM="${HELM:-helm}"
KPS_CHART="oci://ghcr.io/prometheus-community/charts/kube-prometheus-stack"
KPS_VERSION="${KPS_VERSION:-83.5.1}"
NAMESPACE=observability

usage() {
  sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

dry_run=false
context=()
while [ $# -gt 0 ]; do
  case "$1" in
    --dry-run) dry_run=true ;;
    --context)
      [ $# -ge 2 ] && [ -n "$2" ] || { echo "deploy.sh: --context needs a name" >&2; exit 2; }
      context=(--context "$2")
      shift
      ;;
    -h | --help) usage; exit 0 ;;
    *) echo "deploy.sh: unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

# kind/name (namespace) of every object in the YAML files, for the dry run's listing.
objects() {
  awk '
    FNR == 1 { emit() }
    /^---/ { emit(); next }
    /^kind:/ { kind = $2 }
    /^metadata:/ { meta = 1; next }
    meta && /^  name:/ && name == "" { name = $2 }
    meta && /^  namespace:/ { ns = $2 }
    /^[^ #]/ && !/^metadata:/ { meta = 0 }
    END { emit() }
    function emit() {
      if (kind != "") printf "    %s/%s%s\n", kind, name, (ns == "" ? "" : " (namespace " ns ")")
      kind = ""; name = ""; ns = ""; meta = 0
    }' "$@"
}

# ConfigMap/name (namespace) of each ConfigMap a kustomization generates, for the dry run's listing.
generated() {
  awk '
    /^namespace:/ { ns = $2 }
    /^configMapGenerator:/ { gen = 1; next }
    /^[^ #-]/ { gen = 0 }
    gen && /^  - name:/ { printf "    ConfigMap/%s (namespace %s)\n", $3, ns }' "$1/kustomization.yaml"
}

run() {
  echo "+ $*"
  if ! $dry_run; then
    "$@"
  fi
}

apply() {
  local files=() file
  for file in "$@"; do
    [ -f "$file" ] || { echo "deploy.sh: missing manifest $file" >&2; exit 1; }
    files+=(-f "$file")
  done
  run "$KUBECTL" "${context[@]}" apply "${files[@]}"
  if $dry_run; then
    objects "$@"
  fi
}

step() {
  echo "== $*"
}

if ! $dry_run; then
  for tool in "$KUBECTL" "$HELM"; do
    command -v "$tool" >/dev/null || { echo "deploy.sh: $tool is not installed" >&2; exit 1; }
  done
fi

step "1/6 namespace $NAMESPACE"
apply "$HERE/namespace.yaml"

step "2/6 kube-prometheus-stack $KPS_VERSION (Grafana off)"
run "$HELM" "${context[@]/--context/--kube-context}" upgrade --install kube-prometheus-stack "$KPS_CHART" \
  --version "$KPS_VERSION" --namespace "$NAMESPACE" --values "$HERE/kube-prometheus-stack/values.yaml" \
  --wait --timeout 10m

step "3/6 Loki"
apply "$HERE/loki/configmap.yaml" "$HERE/loki/service.yaml" "$HERE/loki/statefulset.yaml"
run "$KUBECTL" "${context[@]}" --namespace "$NAMESPACE" rollout status statefulset/loki --timeout=5m

step "4/6 monitors"
apply "$ROOT/knative/manifests/base/namespace.yaml" \
  "$HERE/monitors/functions-podmonitor.yaml" "$HERE/monitors/worker-servicemonitor.yaml" \
  "$HERE/monitors/knative-podmonitor.yaml"

step "5/6 alerts"
apply "$HERE/rules/hub-alerts.yaml"

step "6/6 dashboards"
run "$KUBECTL" "${context[@]}" apply -k "$HERE/dashboards"
if $dry_run; then
  generated "$HERE/dashboards"
fi

if $dry_run; then
  echo "dry run: nothing was applied"
else
  echo "observability deployed; set LOKI_URL=http://loki.$NAMESPACE.svc.cluster.local:3100 on the hub's processes"
fi
