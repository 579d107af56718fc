# What the hub's pods need besides the cluster, sourced by cluster/cluster: PostgreSQL and a Temporal dev server on
# the node's bridge address (pods reach the host there; nothing listens on other interfaces), the Services with
# which the base manifests name them (hub-config: hub-postgres.soma-hub, temporal-frontend.temporal), and the Secret
# hub-secrets: the schema's owner for the migration Job, a user without DDL rights for the functions and the worker
# (docs/operations.md, Schema migrations), and the local signing secret, so that ./hub token works on the cluster.
# shellcheck shell=bash

PG_PORT="${PG_PORT:-5432}"
TEMPORAL_PORT="${TEMPORAL_PORT:-7233}"
# The dev server itself listens on loopback: bound to another address it still dials its own services on 127.0.0.1
# (temporal CLI 1.9), and fails. socat forwards the bridge address's port to it.
TEMPORAL_LOCAL_PORT="${TEMPORAL_LOCAL_PORT:-17233}"
# From ./hub: the Temporal CLI of its tools virtualenv, Debian's PostgreSQL, and the local signing secret.
TEMPORAL_CLI="${TEMPORAL_CLI:-}"
PG_BIN="${PG_BIN:-}"
HUB_SECRET_FILE="${HUB_SECRET_FILE:-}"

services_preflight() {
  [ -x "$TEMPORAL_CLI" ] || cluster_die "no Temporal CLI (TEMPORAL_CLI); ./hub cluster up passes it"
  [ -x "$PG_BIN/initdb" ] && [ -x "$PG_BIN/pg_ctl" ] || cluster_die "no PostgreSQL (PG_BIN); ./hub cluster up passes it"
  [ -s "$HUB_SECRET_FILE" ] || cluster_die "no signing secret (HUB_SECRET_FILE); ./hub cluster up passes it"
  id -u postgres >/dev/null 2>&1 || cluster_die "PostgreSQL refuses to run as root and there is no postgres user"
  local port
  command -v socat >/dev/null 2>&1 || cluster_die "socat is missing: apt-get install socat (./hub cluster up installs it)"
  for port in "$PG_PORT" "$TEMPORAL_PORT" "$TEMPORAL_LOCAL_PORT" $((TEMPORAL_LOCAL_PORT + 1000)); do
    port_busy "$port" && cluster_die "port $port is in use (the cluster's $( [ "$port" = "$PG_PORT" ] && echo PostgreSQL || echo Temporal) needs it)"
  done
  return 0
}

as_postgres() { setpriv --reuid=postgres --regid=postgres --init-groups -- "$@"; }

services_postgres() {
  local data="$RUN/postgres" owner_password app_password
  owner_password="$(openssl rand -hex 16)"
  app_password="$(openssl rand -hex 16)"
  mkdir -p "$data"
  chown postgres: "$data"
  chmod 700 "$data"
  as_postgres "$PG_BIN/initdb" -D "$data" -U postgres --auth=trust -E UTF8 >>"$RUN/logs/postgres.log" 2>&1
  # Pods connect from the pod subnet with passwords; the host's superuser over the socket only.
  cat >"$data/pg_hba.conf" <<EOF
local all postgres trust
host all all $POD_SUBNET scram-sha-256
host all all 127.0.0.1/32 scram-sha-256
EOF
  start postgres setpriv --reuid=postgres --regid=postgres --init-groups -- "$PG_BIN/postgres" -D "$data" -c "listen_addresses=$NODE_IP" \
    -c "port=$PG_PORT" -c "unix_socket_directories=$data" -c max_connections=200
  wait_for postgres 30 as_postgres "$PG_BIN/pg_isready" -q -h "$data" -p "$PG_PORT"
  # The grants of docs/operations.md: hub owns the schema, hub_app reads and writes rows only.
  as_postgres "$PG_BIN/psql" -q -v ON_ERROR_STOP=1 -h "$data" -p "$PG_PORT" -U postgres >>"$RUN/logs/postgres.log" 2>&1 <<EOF
CREATE ROLE hub LOGIN PASSWORD '$owner_password';
CREATE ROLE hub_app LOGIN PASSWORD '$app_password';
CREATE DATABASE hub OWNER hub;
\\connect hub
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT ALL ON SCHEMA public TO hub;
GRANT USAGE ON SCHEMA public TO hub_app;
REVOKE TEMPORARY ON DATABASE hub FROM PUBLIC;
ALTER DEFAULT PRIVILEGES FOR ROLE hub IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO hub_app;
ALTER DEFAULT PRIVILEGES FOR ROLE hub IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO hub_app;
EOF
  (umask 077 && printf '%s\n%s\n' "$owner_password" "$app_password" >"$RUN/postgres-passwords")
}

services_temporal() {
  # The custom search attributes the gateway starts sessions with, from their one list (docs/operations.md, "Temporal
  # search attributes"); start-dev gives them to the namespace it creates (each up starts from a new database).
  local attributes=() attribute
  for attribute in $(sed -e 's/[[:space:]]//g' -e '/^#/d' -e '/^$/d' \
    "$CLUSTER_SRC/../contracts/src/main/resources/io/soma/hub/orchestration/search-attributes"); do
    attributes+=(--search-attribute "$attribute")
  done
  start temporal "$TEMPORAL_CLI" server start-dev --ip 127.0.0.1 --port "$TEMPORAL_LOCAL_PORT" \
    --ui-port $((TEMPORAL_LOCAL_PORT + 1000)) --db-filename "$RUN/temporal.db" --log-level warn "${attributes[@]}"
  wait_for temporal 60 "$TEMPORAL_CLI" operator namespace describe --namespace default \
    --address "127.0.0.1:$TEMPORAL_LOCAL_PORT" --command-timeout 2s
  start temporal-proxy socat "TCP-LISTEN:$TEMPORAL_PORT,bind=$NODE_IP,fork,reuseaddr" "TCP:127.0.0.1:$TEMPORAL_LOCAL_PORT"
  wait_for temporal-proxy 30 "$TEMPORAL_CLI" operator namespace describe --namespace default \
    --address "$NODE_IP:$TEMPORAL_PORT" --command-timeout 2s
}

# The names hub-config uses, as Services without selector whose Endpoints are the node's address.
services_names() {
  local owner_password app_password
  { read -r owner_password; read -r app_password; } <"$RUN/postgres-passwords"
  kc create namespace soma-hub >>"$RUN/logs/apply.log" 2>&1 || true
  kc create namespace temporal >>"$RUN/logs/apply.log" 2>&1 || true
  apply -f - <<EOF
$(host_service soma-hub hub-postgres postgres 5432 "$PG_PORT")
$(host_service temporal temporal-frontend grpc 7233 "$TEMPORAL_PORT")
EOF
  kc -n soma-hub create secret generic hub-secrets \
    --from-literal=migrate-db-user=hub --from-literal=migrate-db-password="$owner_password" \
    --from-literal=db-user=hub_app --from-literal=db-password="$app_password" \
    --from-file=jwt-secret="$HUB_SECRET_FILE" \
    --from-literal=callback-key="$(head -c 48 /dev/urandom | base64 | tr -d '\n')" >>"$RUN/logs/apply.log"
}

services_up() {
  services_postgres
  services_temporal
  services_names
}

services_down() {
  stop_one temporal-proxy 5
  stop_one temporal 10
  stop_one postgres 15
}
