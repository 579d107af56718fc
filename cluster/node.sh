# The node of the local cluster, sourced by cluster/cluster: containerd and a bridge CNI network, kubelet,
# kube-scheduler, kube-proxy, CoreDNS, and Knative's data plane (activator, autoscaler; queue-proxy runs in every
# pod) with net-gateway-api driving Traefik as the ingress. Host processes, each started with a pid file; everything
# cluster-facing listens on the pod bridge's address (NODE_IP), the rest on loopback, except where an upstream binary
# hard-codes ":port" (the activator's 8012/8013, Knative's probe and profiling servers). See docs/knative.md.
# shellcheck shell=bash

NODE_IP="${NODE_IP:-10.244.0.1}"
POD_SUBNET="${POD_SUBNET:-10.244.0.0/24}"
SERVICE_RANGE="10.96.0.0/16"
BRIDGE="${BRIDGE:-cni0}"
INGRESS_PORT="${INGRESS_PORT:-18880}"
TRAEFIK_PING_PORT="${TRAEFIK_PING_PORT:-18882}"
COREDNS_READY_PORT="${COREDNS_READY_PORT:-18182}"
NETGW_PROBES_PORT="${NETGW_PROBES_PORT:-18083}"
NETGW_PROFILING_PORT="${NETGW_PROFILING_PORT:-18012}"
ACTIVATOR_PROFILING_PORT="${ACTIVATOR_PROFILING_PORT:-18010}"
AUTOSCALER_PROFILING_PORT="${AUTOSCALER_PROFILING_PORT:-18011}"
AUTOSCALER_STATS_PORT="${AUTOSCALER_STATS_PORT:-18090}"
# Knative scales a function to zero this long after its last request (upstream: 60 s and 30 s).
STABLE_WINDOW="${STABLE_WINDOW:-10s}"
SCALE_TO_ZERO_GRACE="${SCALE_TO_ZERO_GRACE:-10s}"
CNI_BIN="${CNI_BIN:-/usr/lib/cni}"
CNI_CONF_DIR=/etc/cni/net.d
CNI_CONF="$CNI_CONF_DIR/10-soma-hub.conflist"
# containerd's images stay between runs (importing the functions' image takes seconds); its state is per run.
CONTAINERD_ROOT="${CONTAINERD_ROOT:-$CLUSTER_CACHE/containerd}"

# Started in this order after the control plane; stopped in the reverse.
NODE_PROCESSES=(containerd kube-scheduler kubelet kube-proxy coredns knative-autoscaler knative-activator traefik
  net-gateway-api)
# Fixed by the programs themselves (the activator), or by the kubelet's and kube-proxy's defaults moved to loopback.
NODE_PORTS=(10250 10248 10259 10256 10249 8012 8013 "$INGRESS_PORT" "$TRAEFIK_PING_PORT" "$COREDNS_READY_PORT"
  "$NETGW_PROBES_PORT" "$NETGW_PROFILING_PORT" "$ACTIVATOR_PROFILING_PORT" "$AUTOSCALER_PROFILING_PORT"
  "$AUTOSCALER_STATS_PORT")

node_socket() { echo "$RUN/containerd/containerd.sock"; }

# Whether the bridge belongs to a live node: a pod's veth on it, or a program listening on its address or a node port.
node_serves_pods() {
  local port
  [ -n "$(ip -o link show master "$BRIDGE" 2>/dev/null)" ] && return 0
  [ -n "$(ss -Hltn "src $NODE_IP" 2>/dev/null)" ] && return 0
  for port in "${NODE_PORTS[@]}"; do
    [ -n "$(ss -Hltn "sport = :$port" 2>/dev/null)" ] && return 0
  done
  return 1
}

# A Service without selector whose Endpoints are the node's bridge address: how pods reach a program on the host
# (Endpoints may not name loopback).
host_service() { # NAMESPACE NAME PORT_NAME PORT TARGET_PORT
  cat <<YAML
---
apiVersion: v1
kind: Service
metadata: {name: $2, namespace: $1}
spec:
  ports: [{name: $3, port: $4, targetPort: $5}]
---
apiVersion: v1
kind: Endpoints
metadata: {name: $2, namespace: $1}
subsets:
  - addresses: [{ip: $NODE_IP}]
    ports: [{name: $3, port: $5}]
YAML
}
ctr_k8s() { ctr --address "$(node_socket)" -n k8s.io "$@"; }

# ---------------------------------------------------------------- preflight

node_preflight() {
  local tool port
  for tool in containerd runc ctr iptables ip6tables conntrack ip ss unshare mount; do
    command -v "$tool" >/dev/null 2>&1 || cluster_die "$tool is missing: ./hub install (or apt-get install containerd runc iptables conntrack)"
  done
  [ -x "$CNI_BIN/bridge" ] && [ -x "$CNI_BIN/host-local" ] && [ -x "$CNI_BIN/portmap" ] ||
    cluster_die "the CNI plugins are missing in $CNI_BIN: apt-get install containernetworking-plugins"
  grep -qw overlay /proc/filesystems || cluster_die "the kernel has no overlayfs (containerd's snapshotter needs it)"
  [ -e /proc/sys/net/bridge/bridge-nf-call-iptables ] ||
    cluster_die "the kernel has no br_netfilter (kube-proxy's rules must see bridged pod traffic): modprobe br_netfilter"
  [ "$(id -u)" = 0 ] || cluster_die "the node needs root (network namespaces, mounts, iptables)"
  if ip link show "$BRIDGE" >/dev/null 2>&1; then
    node_serves_pods && cluster_die "a network interface $BRIDGE exists and serves pods or programs; ./hub cluster down, or remove it"
    # A run killed before its down (SIGKILL, a lost machine session) leaves the bridge, its route and the iptables
    # chains behind, in a network namespace other runs share even when they see other files.
    cluster_say "removing the pod network a dead run left: bridge $BRIDGE (no pod on it, nothing listening on $NODE_IP), its route and iptables chains"
    node_tidy_host
  fi
  [ -e "$(node_socket)" ] && cluster_die "a containerd socket exists at $(node_socket)"
  for port in "${NODE_PORTS[@]}"; do
    port_busy "$port" && cluster_die "port $port is in use (the node needs it); free it"
  done
  for tool in $DATA_PLANE_PROGRAMS; do
    [ -x "$(cluster_program "$tool")" ] || cluster_die "$tool is not built: cluster/build"
  done
  for tool in $IMAGE_ARCHIVES; do
    [ -f "$(image_archive "$tool")" ] || cluster_die "the $tool image is not built: cluster/build"
  done
}

# ---------------------------------------------------------------- the pod network

node_network() {
  cat /proc/sys/net/ipv4/ip_forward >"$RUN/ip_forward.orig"
  echo 1 >/proc/sys/net/ipv4/ip_forward
  # The bridge exists before any pod: CoreDNS, Traefik and the activator listen on its address.
  ip link add "$BRIDGE" type bridge
  ip addr add "$NODE_IP/24" dev "$BRIDGE"
  ip link set "$BRIDGE" up
  # ClusterIPs exist only as kube-proxy's DNAT rules; until they do, a packet to one must not leave by the default route.
  ip route add "$SERVICE_RANGE" dev "$BRIDGE"
  mkdir -p "$CNI_CONF_DIR"
  cat >"$CNI_CONF" <<EOF
{
  "cniVersion": "0.4.0",
  "name": "soma-hub-pods",
  "plugins": [
    {
      "type": "bridge",
      "bridge": "$BRIDGE",
      "isGateway": true,
      "ipMasq": true,
      "hairpinMode": true,
      "ipam": {
        "type": "host-local",
        "dataDir": "$RUN/cni-ipam",
        "ranges": [[{"subnet": "$POD_SUBNET", "gateway": "$NODE_IP"}]],
        "routes": [{"dst": "0.0.0.0/0"}]
      }
    },
    {"type": "portmap", "capabilities": {"portMappings": true}}
  ]
}
EOF
}

# ---------------------------------------------------------------- containerd and images

node_containerd() {
  mkdir -p "$RUN/containerd" "$CONTAINERD_ROOT"
  cat >"$RUN/containerd.toml" <<EOF
version = 2
root = "$CONTAINERD_ROOT"
state = "$RUN/containerd/state"

[grpc]
  address = "$(node_socket)"

[plugins."io.containerd.grpc.v1.cri"]
  # No registry is reachable: the sandbox image is our own static pause, imported below.
  sandbox_image = "$PAUSE_IMAGE"
  # Root may lack CAP_SYS_RESOURCE here: a negative oom_score_adj (sandboxes ask -998) makes runc fail with
  # "can't get final child's PID from pipe"; clamp it to containerd's own.
  restrict_oom_score_adj = true
  stream_server_address = "127.0.0.1"
  stream_server_port = "0"
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "$CNI_BIN"
    conf_dir = "$CNI_CONF_DIR"
EOF
  start containerd containerd --config "$RUN/containerd.toml"
  wait_for containerd 30 ctr --address "$(node_socket)" version
  node_import "$(image_archive pause)" "$PAUSE_IMAGE"
  node_import "$(image_archive queue)" "$QUEUE_IMAGE"
  node_import "$(image_archive hello)" "$HELLO_IMAGE"
}

# Imports an image archive unless containerd has this version of it already (a second up is then instant). The
# stamp alone is not trusted: containerd's store outlives runs and can lose an image (a stamp once outlived the pause
# image, and no pod could start), so the image itself must be listed too.
node_import() {
  local archive="$1" name="$2" stamp
  stamp="$CONTAINERD_ROOT/imported/$(basename "$archive").$(stat -c %Y-%s "$archive")"
  [ -f "$stamp" ] && ctr_k8s images ls -q "name==$name" 2>/dev/null | grep -qxF "$name" && return
  ctr_k8s images import --no-unpack=false "$archive" >>"$RUN/logs/images.log" 2>&1 ||
    fail_up "importing $archive into containerd failed (log: $RUN/logs/images.log)"
  ctr_k8s images ls -q "name==$name" | grep -qxF "$name" ||
    fail_up "$archive holds no image named $name (log: $RUN/logs/images.log)"
  mkdir -p "$(dirname "$stamp")"
  touch "$stamp"
}

# ---------------------------------------------------------------- kubelet, scheduler, proxy, DNS

node_kubernetes() {
  start kube-scheduler "$(cluster_program kube-scheduler)" --kubeconfig "$KUBECONFIG_FILE" \
    --authentication-kubeconfig "$KUBECONFIG_FILE" --authorization-kubeconfig "$KUBECONFIG_FILE" \
    --bind-address 127.0.0.1 --secure-port 10259 --leader-elect=false
  cat >"$RUN/kubelet.yaml" <<EOF
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
# No systemd here: cgroupfs; cgroup v1 hosts are still served by v1.34 (in maintenance mode).
cgroupDriver: cgroupfs
failCgroupV1: false
containerRuntimeEndpoint: unix://$(node_socket)
failSwapOn: false
# The kubelet API on the bridge address only; the API server dials the node's InternalIP (the same address).
address: $NODE_IP
port: 10250
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
healthzPort: 10248
authentication:
  anonymous: {enabled: true}
  webhook: {enabled: false}
authorization:
  mode: AlwaysAllow
podCIDR: $POD_SUBNET
clusterDomain: cluster.local
clusterDNS: ["$NODE_IP"]
resolvConf: $RUN/resolv.conf
serializeImagePulls: false
# 100 turns image garbage collection off: the images here are imported, not pulled, so one collected is gone
# until the next up (the pause image among them, and then no pod starts).
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
# Absolute thresholds, every signal named (unnamed ones would take the 10%/15% defaults): a big disk that is 95%
# full still has gigabytes free, and a percentage there put the node under DiskPressure, tainted it (no pod
# scheduled) and made the eviction manager delete the imported images (CI: the migration Job stayed Pending).
evictionHard:
  memory.available: "200Mi"
  nodefs.available: "1Gi"
  nodefs.inodesFree: "1%"
  imagefs.available: "1Gi"
  imagefs.inodesFree: "1%"
maxPods: 60
syncFrequency: 10s
nodeStatusUpdateFrequency: 10s
EOF
  # Pods resolve cluster names only: no upstream resolver, so no lookup leaves the machine.
  printf 'nameserver %s\noptions ndots:5\n' "$NODE_IP" >"$RUN/resolv.conf"
  mkdir -p "$RUN/kubelet"
  start kubelet "$(cluster_program kubelet)" --config "$RUN/kubelet.yaml" --kubeconfig "$KUBECONFIG_FILE" \
    --node-ip "$NODE_IP" --hostname-override soma-hub-node --root-dir "$RUN/kubelet"
  start kube-proxy "$(cluster_program kube-proxy)" --kubeconfig "$KUBECONFIG_FILE" --hostname-override soma-hub-node \
    --proxy-mode iptables --cluster-cidr "$POD_SUBNET" --healthz-bind-address 127.0.0.1:10256 \
    --metrics-bind-address 127.0.0.1:10249 --nodeport-addresses "$NODE_IP/32" --conntrack-max-per-core 0 \
    --conntrack-tcp-timeout-established 0 --conntrack-tcp-timeout-close-wait 0
  cat >"$RUN/Corefile" <<EOF
.:53 {
    bind $NODE_IP
    errors
    ready 127.0.0.1:$COREDNS_READY_PORT
    kubernetes cluster.local in-addr.arpa ip6.arpa {
        kubeconfig $KUBECONFIG_FILE
        pods insecure
        ttl 5
    }
    cache 30
    loadbalance
}
EOF
  start coredns "$(cluster_program coredns)" -conf "$RUN/Corefile"
  wait_for coredns 30 curl -sf "http://127.0.0.1:$COREDNS_READY_PORT/ready"
  wait_for kubelet 90 node_ready
}

node_ready() {
  [ "$(kc get node soma-hub-node -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null)" = True ]
}

# ---------------------------------------------------------------- Knative's data plane and the ingress

node_knative_config() {
  apply -f - <<EOF
# The activator runs on the host: a Service without selector, Endpoints at the bridge address (not loopback:
# Endpoints refuse it).
apiVersion: v1
kind: Service
metadata:
  name: activator-service
  namespace: knative-serving
  labels: {app: activator, app.kubernetes.io/component: activator, app.kubernetes.io/name: knative-serving}
spec:
  ports:
    - {name: http-profiling, port: 8008, targetPort: $ACTIVATOR_PROFILING_PORT}
    - {name: http, port: 80, targetPort: 8012}
    - {name: http2, port: 81, targetPort: 8013}
---
apiVersion: v1
kind: Endpoints
metadata:
  name: activator-service
  namespace: knative-serving
  labels: {app: activator, app.kubernetes.io/component: activator, app.kubernetes.io/name: knative-serving}
subsets:
  - addresses: [{ip: $NODE_IP}]
    ports:
      - {name: http-profiling, port: $ACTIVATOR_PROFILING_PORT}
      - {name: http, port: 8012}
      - {name: http2, port: 8013}
---
# Traefik's Gateway, under the names Knative's net-gateway-api uses by default (istio-system/knative-gateway, and the
# local gateway's Service knative-local-gateway), so the hub's HTTPRoute and ReferenceGrant work here as written.
# Both Services front Traefik on the host; net-gateway-api probes through them.
apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata:
  name: traefik
spec:
  controllerName: traefik.io/gateway-controller
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: knative-gateway
  namespace: istio-system
spec:
  gatewayClassName: traefik
  listeners:
    - name: http
      protocol: HTTP
      # Traefik matches a listener to its entry point by port.
      port: $INGRESS_PORT
      allowedRoutes:
        namespaces: {from: All}
$(host_service istio-system knative-gateway http 80 "$INGRESS_PORT")
$(host_service istio-system knative-local-gateway http 80 "$INGRESS_PORT")
---
# net-gateway-api: the one Traefik Gateway for both visibilities; no supported features, since Traefik does not
# implement HTTPRoute timeouts (the queue-proxy enforces the revision's timeout).
apiVersion: v1
kind: ConfigMap
metadata:
  name: config-gateway
  namespace: knative-serving
data:
  external-gateways: |
    - class: traefik
      gateway: istio-system/knative-gateway
      service: istio-system/knative-gateway
      supported-features: []
  local-gateways: |
    - class: traefik
      gateway: istio-system/knative-gateway
      service: istio-system/knative-local-gateway
      supported-features: []
EOF
  kc -n knative-serving patch configmap config-deployment --type merge \
    -p "{\"data\":{\"queue-sidecar-image\":\"$QUEUE_IMAGE\"}}" >>"$RUN/logs/apply.log"
  kc -n knative-serving patch configmap config-autoscaler --type merge \
    -p "{\"data\":{\"stable-window\":\"$STABLE_WINDOW\",\"scale-to-zero-grace-period\":\"$SCALE_TO_ZERO_GRACE\"}}" \
    >>"$RUN/logs/apply.log"
  kc -n knative-serving patch configmap config-network --type merge \
    -p '{"data":{"ingress-class":"gateway-api.ingress.networking.knative.dev"}}' >>"$RUN/logs/apply.log"
}

# The autoscaler and activator run in a private mount namespace whose /etc/resolv.conf names the cluster DNS (the
# autoscaler probes revisions by their cluster names), the program keeping the pid.
start_on_host() { # NAME POD_NAME VAR=VALUE...
  local name="$1" env
  mapfile -t env < <(knative_env)
  env+=("POD_IP=$NODE_IP" "POD_NAME=$2")
  shift 2
  start "$name" env "${env[@]}" "$@" \
    unshare --mount --propagation private sh -c 'mount --bind "$0" /etc/resolv.conf && exec "$@"' "$RUN/resolv.conf" \
    "$(cluster_program "$name")" --kubeconfig "$KUBECONFIG_FILE"
}

start_autoscaler() {
  start_on_host knative-autoscaler autoscaler-local AUTOSCALER_STATS_ADDR="127.0.0.1:$AUTOSCALER_STATS_PORT" \
    PROFILING_PORT="$AUTOSCALER_PROFILING_PORT" METRICS_PROMETHEUS_PORT=19093
}

start_activator() {
  start_on_host knative-activator activator-local AUTOSCALER_ENDPOINT="ws://127.0.0.1:$AUTOSCALER_STATS_PORT" \
    PROFILING_PORT="$ACTIVATOR_PROFILING_PORT" METRICS_PROMETHEUS_PORT=19094
}

node_knative() {
  local common
  mapfile -t common < <(knative_env)
  common+=("POD_IP=$NODE_IP" POD_NAME=net-gateway-api-local)
  start_autoscaler
  start_activator
  cat >"$RUN/traefik.yml" <<EOF
global:
  checkNewVersion: false
  sendAnonymousUsage: false
entryPoints:
  web:
    address: "$NODE_IP:$INGRESS_PORT"
    transport:
      respondingTimeouts:
        # Requests wait in the activator while a function starts from zero; the edge does not cut them.
        readTimeout: 0s
    http:
      middlewares: [retry-unreachable@file]
  ping:
    address: "127.0.0.1:$TRAEFIK_PING_PORT"
ping:
  entryPoint: ping
providers:
  file:
    filename: "$RUN/traefik-dynamic.yml"
  kubernetesGateway:
    throttleDuration: 0s
    statusAddress:
      ip: "$NODE_IP"
log:
  level: INFO
  noColor: true
accessLog: {}
EOF
  # A backend that refuses the connection (the activator between two runs of it: it drains, stops, starts again) is
  # tried again for up to 10 s; nothing was sent to it, so this holds for every method. A 502 (a request written
  # onto a kept-alive connection the activator closed as it stopped) is tried again for GET, HEAD and the other
  # idempotent methods only: Traefik never sends a POST twice once it reached a backend.
  cat >"$RUN/traefik-dynamic.yml" <<EOF
http:
  middlewares:
    retry-unreachable:
      retry:
        attempts: 40
        initialInterval: 125ms
        timeout: 10s
        status: ["502"]
EOF
  start traefik env KUBECONFIG="$KUBECONFIG_FILE" "$(cluster_program traefik)" --configFile="$RUN/traefik.yml"
  start net-gateway-api env "${common[@]}" KNATIVE_PROBES_PORT="$NETGW_PROBES_PORT" \
    PROFILING_PORT="$NETGW_PROFILING_PORT" METRICS_PROMETHEUS_PORT=19095 "$(cluster_program net-gateway-api-controller)" --kubeconfig "$KUBECONFIG_FILE"
  wait_for knative-autoscaler 60 port_busy "$AUTOSCALER_STATS_PORT"
  wait_for knative-activator 60 port_busy 8012
  wait_for traefik 60 curl -sf "http://127.0.0.1:$TRAEFIK_PING_PORT/ping"
  wait_for net-gateway-api 60 curl -sf "http://127.0.0.1:$NETGW_PROBES_PORT/readiness"
  wait_for traefik 60 gateway_programmed
}

gateway_programmed() {
  [ "$(kc -n istio-system get gateway knative-gateway \
    -o jsonpath='{.status.conditions[?(@.type=="Programmed")].status}' 2>/dev/null)" = True ]
}

# Restarts the activator or the autoscaler as a rollout would: SIGTERM and the program's own drain (the activator
# goes on serving for 45 s, then answers what it holds and closes its port), then the same program again. What it
# does after closing its port (seconds of tearing down) holds no request, so the next one starts at once.
node_restart() { # NAME
  local name="$1" port deadline
  case "$name" in
    knative-activator) port=8012 ;;
    knative-autoscaler) port="$AUTOSCALER_STATS_PORT" ;;
    *) cluster_die "restart takes knative-activator or knative-autoscaler, got '$name'" ;;
  esac
  running "$name" || cluster_die "$name is not running (./hub cluster up starts it)"
  cluster_say "stopping $name (it drains first: up to a minute)"
  kill -TERM "$(pid_of "$name")"
  deadline=$((SECONDS + 60))
  while running "$name" && port_busy "$port" && ((SECONDS < deadline)); do sleep 0.1; done
  stop_one "$name" 1
  "start_${name#knative-}"
  deadline=$((SECONDS + 60))
  until port_busy "$port"; do
    running "$name" || cluster_die "$name exited while starting (log: $RUN/logs/$name.log)"
    ((SECONDS < deadline)) || cluster_die "$name was not ready within 60 s (log: $RUN/logs/$name.log)"
    sleep 0.05
  done
  cluster_say "$name restarted (pid $(pid_of "$name"))"
}

node_up() {
  # What down tidies (the bridge, iptables chains, mounts) belongs to this run only when this marker says so.
  touch "$RUN/node-started"
  node_network
  node_containerd
  cluster_say "pod network $POD_SUBNET on $BRIDGE, containerd and images ready ($(elapsed))"
  node_kubernetes
  cluster_say "node Ready: kubelet, kube-scheduler, kube-proxy, CoreDNS ($(elapsed))"
  node_knative_config
  node_knative
  cluster_say "Knative's activator and autoscaler, net-gateway-api and Traefik ready ($(elapsed))"
}

# ---------------------------------------------------------------- down

# Stops the node and leaves the host as up found it: no process, mount, iptables chain, bridge or CNI file of ours.
node_down() {
  local name
  [ -f "$RUN/node-started" ] || return 0
  for name in net-gateway-api traefik knative-activator knative-autoscaler kube-scheduler; do
    stop_one "$name" 10
  done
  if running kubelet && running kube-apiserver; then
    # The kubelet tears its pods down itself (CNI DEL, volumes) before it stops.
    kc delete pods --all -A --grace-period=0 --force --wait=false >>"$RUN/logs/down.log" 2>&1 || true
    local deadline=$((SECONDS + 60))
    while running containerd && [ -n "$(ctr_k8s tasks ls -q 2>/dev/null)" ] && ((SECONDS < deadline)); do
      sleep 0.5
    done
  fi
  stop_one kubelet 10
  stop_one coredns 10
  stop_one kube-proxy 10
  if [ -x "$(cluster_program kube-proxy)" ]; then
    "$(cluster_program kube-proxy)" --cleanup >>"$RUN/logs/down.log" 2>&1 || true
  fi
  if running containerd; then
    local task
    for task in $(ctr_k8s tasks ls -q 2>/dev/null); do
      ctr_k8s tasks kill -s SIGKILL "$task" >/dev/null 2>&1 || true
      ctr_k8s tasks delete -f "$task" >/dev/null 2>&1 || true
    done
    for task in $(ctr_k8s containers ls -q 2>/dev/null); do
      ctr_k8s containers delete "$task" >/dev/null 2>&1 || true
    done
  fi
  stop_one containerd 10
  node_tidy_host
  rm -f "$RUN/node-started"
}

node_tidy_host() {
  local mount table chain rule cmd
  # Mounts under our run dir (the kubelet's pod volumes, containerd's shm and rootfs, sandbox netns), deepest first.
  for mount in $(awk -v run="$RUN" 'index($2, run) == 1 {print $2}' /proc/self/mounts | sort -r); do
    umount -l "$mount" 2>/dev/null || true
  done
  for mount in $(awk -v root="$CONTAINERD_ROOT" 'index($2, root) == 1 {print $2}' /proc/self/mounts | sort -r); do
    umount -l "$mount" 2>/dev/null || true
  done
  # Pod network namespaces the kubelet did not get to remove (containerd names them cni-<uuid>), with their veths.
  for mount in /run/netns/cni-*; do
    [ -e "$mount" ] || continue
    ip netns delete "$(basename "$mount")" 2>/dev/null || { umount -l "$mount" 2>/dev/null; rm -f "$mount"; } || true
  done
  # The CNI plugins' NAT chains and the kubelet's own (KUBE-FIREWALL, KUBE-KUBELET-CANARY, KUBE-IPTABLES-HINT).
  for table in nat filter mangle; do
    for cmd in iptables ip6tables; do
      command -v "$cmd" >/dev/null 2>&1 || continue
      # Every rule that jumps to one of those chains, then the chains.
      while rule="$("$cmd" -t "$table" -S 2>/dev/null | grep -E -- '-j (CNI-|KUBE-)' | head -n 1)" && [ -n "$rule" ]; do
        # The rule as iptables -S prints it, quotes and all (the CNI plugin's comments hold quoted names).
        eval "\"\$cmd\" -t \"\$table\" ${rule/-A /-D }" 2>/dev/null || break
      done
      for chain in $("$cmd" -t "$table" -S 2>/dev/null | awk '/^-N (CNI-|KUBE-)/ {print $2}'); do
        "$cmd" -t "$table" -F "$chain" 2>/dev/null || true
      done
      for chain in $("$cmd" -t "$table" -S 2>/dev/null | awk '/^-N (CNI-|KUBE-)/ {print $2}'); do
        "$cmd" -t "$table" -X "$chain" 2>/dev/null || true
      done
    done
  done
  ip route del "$SERVICE_RANGE" dev "$BRIDGE" 2>/dev/null || true
  ip link del "$BRIDGE" 2>/dev/null || true
  rm -f "$CNI_CONF"
  if [ -f "$RUN/ip_forward.orig" ]; then
    cat "$RUN/ip_forward.orig" >/proc/sys/net/ipv4/ip_forward
    rm -f "$RUN/ip_forward.orig"
  fi
  # The kubelet's pod cgroups (cgroupfs driver), empty once its pods are gone.
  find /sys/fs/cgroup -depth -type d -path '*/kubepods*' -exec rmdir {} \; 2>/dev/null || true
}

# ---------------------------------------------------------------- images of our own

# Imports an OCI or docker-save archive (./hub images, cluster/build) into the node's containerd and gives it the
# names the manifests use, so that no pod ever pulls (dev.local and ghcr.io tags are used as they are).
node_load() {
  local archive="$1" source name
  shift
  running containerd || cluster_die "the node is not up: ./hub cluster up"
  [ -f "$archive" ] || cluster_die "no image archive $archive (./hub images builds the hub's)"
  source="$(tar -xOf "$archive" index.json 2>/dev/null | sed -n 's/.*"org.opencontainers.image.ref.name":"\([^"]*\)".*/\1/p')"
  [ -n "$source" ] || source="$(tar -xOf "$archive" manifest.json 2>/dev/null | sed -n 's/.*"RepoTags":\["\([^"]*\)".*/\1/p')"
  [ -n "$source" ] || cluster_die "$archive names no image (no ref name in index.json, no RepoTags in manifest.json)"
  ctr_k8s images import "$archive" >>"$RUN/logs/images.log" 2>&1 || cluster_die "importing $archive failed (log: $RUN/logs/images.log)"
  for name in "$@"; do
    ctr_k8s images tag --force "$source" "$name" >>"$RUN/logs/images.log" 2>&1 || cluster_die "tagging $source as $name failed"
  done
  # The kubelet lists a node's images in its status only at its next image scan (up to ~30 s); a deploy checks that
  # list, so load returns once the node reports every name.
  local deadline=$((SECONDS + 120))
  [ -n "$KUBECTL_BIN" ] || KUBECTL_BIN="$(find_kubectl)"
  for name in "$@"; do
    until node_reports_image "$name"; do
      ((SECONDS < deadline)) || cluster_die "the node did not report $name in its status within 120 s (log: $RUN/logs/kubelet.log)"
      sleep 1
    done
    cluster_say "loaded $name"
  done
}

node_reports_image() {
  kc get node soma-hub-node -o jsonpath='{.status.images[*].names}' 2>/dev/null | tr -d '[]"' | tr ', ' '\n\n' |
    grep -qxF "$1"
}
