"""airflow/manifests agree with themselves and with what the hub's other manifests name."""

import json
from pathlib import Path

import pytest
import yaml

from soma_hub.credentials import ScopedToken

AIRFLOW = Path(__file__).resolve().parents[1]
REPO = AIRFLOW.parent
MANIFESTS = AIRFLOW / "manifests"


def documents(path):
    return [d for d in yaml.safe_load_all(path.read_text()) if d]


def kustomized():
    listed = documents(MANIFESTS / "kustomization.yaml")[0]["resources"]
    return [doc for name in listed for doc in documents(MANIFESTS / name)]


def config():
    return next(d for d in kustomized() if d["kind"] == "ConfigMap" and d["metadata"]["name"] == "airflow-config")["data"]


def secret():
    return documents(MANIFESTS / "secret-template" / "airflow-secrets.yaml")[0]


def hub_token():
    return documents(MANIFESTS / "secret-template" / "airflow-hub-token.yaml")[0]


def pod_specs():
    for doc in kustomized():
        if doc["kind"] in ("Deployment", "Job"):
            yield doc["metadata"]["name"], doc["spec"]["template"]["spec"]


def test_every_listed_resource_exists_and_lives_in_the_hubs_namespace():
    kinds = {(d["kind"], d["metadata"]["name"]) for d in kustomized()}
    assert {("Deployment", "airflow-scheduler"), ("Deployment", "airflow-triggerer"), ("Deployment", "airflow-dag-processor"),
            ("Deployment", "airflow-api-server"), ("Service", "airflow-api-server"),
            ("Job", "airflow-db-migrate"), ("ConfigMap", "airflow-config")} <= kinds  # fmt: skip
    hub_namespace = documents(REPO / "knative/manifests/base/namespace.yaml")[0]["metadata"]["name"]
    assert {d["metadata"]["namespace"] for d in kustomized()} == {hub_namespace}
    assert secret()["metadata"]["namespace"] == hub_namespace


@pytest.mark.parametrize("name, spec", list(pod_specs()))
def test_every_container_gets_the_config_and_the_secrets_and_one_image(name, spec):
    containers = spec.get("initContainers", []) + spec["containers"]
    for container in containers:
        sources = {next(iter(s.values()))["name"] for s in container["envFrom"]}
        assert sources == {"airflow-config", "airflow-secrets"}, f"{name}/{container['name']}"
    images = {c["image"] for c in containers}
    dockerfile_base = next(line for line in (AIRFLOW / "Dockerfile").read_text().splitlines() if line.startswith("FROM"))
    assert images == {"ghcr.io/soma-agent-hub/airflow:0.1.0"} and "apache/airflow:3.3.2" in dockerfile_base


def test_the_secret_keys_are_what_the_containers_and_the_hook_read():
    keys = set(secret()["stringData"])
    assert keys == {"AIRFLOW__DATABASE__SQL_ALCHEMY_CONN", "AIRFLOW__API_AUTH__JWT_SECRET", "AIRFLOW_CONN_SOMA_HUB"}


def test_the_connection_points_at_the_gateway_host_of_the_hubs_route():
    route = documents(REPO / "knative/manifests/base/routing/hub-api-route.yaml")[0]
    connection = json.loads(secret()["stringData"]["AIRFLOW_CONN_SOMA_HUB"])
    assert connection["host"] == route["spec"]["hostnames"][0]


@pytest.mark.parametrize("where", ["airflow-scheduler", "airflow-triggerer"])
def test_the_token_is_a_file_of_its_own_secret_mounted_where_tasks_and_triggers_run_and_no_password(where):
    connection = json.loads(secret()["stringData"]["AIRFLOW_CONN_SOMA_HUB"])
    assert "password" not in connection and "auth" not in connection["extra"]
    assert connection["conn_type"] == "soma_hub"
    token_file = Path(connection["extra"]["token_file"])
    spec = dict(pod_specs())[where]
    volume = next(v for v in spec["volumes"] if v["secret"]["secretName"] == hub_token()["metadata"]["name"])
    mount = next(m for m in spec["containers"][0]["volumeMounts"] if m["name"] == volume["name"])
    # A whole-directory mount: a subPath mount would never see the Secret renewed.
    assert Path(mount["mountPath"]) == token_file.parent and "subPath" not in mount
    assert set(hub_token()["stringData"]) == {token_file.name}
    assert hub_token()["metadata"]["namespace"] == secret()["metadata"]["namespace"]


def test_the_template_token_is_refused_until_it_is_filled_in():
    with pytest.raises(ValueError, match="not a JWT"):
        ScopedToken(token=hub_token()["stringData"]["token"]).bearer("memory:refresh")


def test_loki_and_the_logging_config_are_those_of_the_observability_manifests_and_this_package():
    loki = documents(REPO / "observability/loki/service.yaml")[0]
    port = loki["spec"]["ports"][0]["port"]
    assert config()["LOKI_URL"] == f"http://{loki['metadata']['name']}.{loki['metadata']['namespace']}.svc.cluster.local:{port}"
    assert config()["AIRFLOW__LOGGING__LOGGING_CONFIG_CLASS"] == "soma_hub.loki_logging.LOGGING_CONFIG"
    assert (AIRFLOW / "providers/soma-hub/src/soma_hub/loki_logging.py").exists()


def test_tasks_report_to_the_api_servers_service():
    service = next(d for d in kustomized() if d["kind"] == "Service" and d["metadata"]["name"] == "airflow-api-server")
    url = f"http://airflow-api-server.{service['metadata']['namespace']}.svc.cluster.local:{service['spec']['ports'][0]['port']}/execution/"
    assert config()["AIRFLOW__CORE__EXECUTION_API_SERVER_URL"] == url
