"""AIRFLOW_CONN_SOMA_HUB pointing at a local stub of the hub, as the hook and the triggers read it."""

import json

from tokens import scoped_token

TOKEN = scoped_token()


def use_hub(monkeypatch, url, token=TOKEN, conn_id="SOMA_HUB", **extra):
    host, port = url.removeprefix("http://").split(":")
    connection = {"conn_type": "soma_hub", "host": host, "port": int(port), "schema": "http",
                  "password": token, "extra": {"backoff_seconds": 0, **extra}}  # fmt: skip
    monkeypatch.setenv(f"AIRFLOW_CONN_{conn_id}", json.dumps(connection))
