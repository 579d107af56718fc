"""SomaHubHook: the connection from AIRFLOW_CONN_SOMA_HUB, the key from the task, 4xx as a failure without retries."""

import json
from types import SimpleNamespace

import pytest
from airflow.sdk.exceptions import AirflowFailException
from stub_server import Reply, StubServer
from tokens import scoped_token

from soma_hub.hook import SomaHubHook
from soma_hub.idempotency import idempotency_key

RUN = {"dag_id": "memory_refresh", "run_id": "scheduled__2026-11-25T10:00:00+00:00", "task_id": "refresh_campaign_memory"}
TOKEN = scoped_token()


def use_hub(monkeypatch, url, token=TOKEN, **extra):
    host, port = url.removeprefix("http://").split(":")
    connection = {"conn_type": "http", "host": host, "port": int(port), "schema": "http",
                  "password": token, "extra": {"backoff_seconds": 0, **extra}}  # fmt: skip
    monkeypatch.setenv("AIRFLOW_CONN_SOMA_HUB", json.dumps(connection))


def context(try_number=1, **overrides):
    return {"ti": SimpleNamespace(**{**RUN, **overrides}, try_number=try_number)}


def test_the_answer_is_returned_for_xcom_with_the_runs_key(monkeypatch):
    with StubServer(Reply(202, {"workflow_id": "memory-refresh-acme-1", "status": "RUNNING"})) as hub:
        use_hub(monkeypatch, hub.url)
        xcom = SomaHubHook().post("/v1/memory/refresh", {"campaign": "fall"}, capability="memory:refresh",
                                  context=context())  # fmt: skip
    key = idempotency_key(RUN["dag_id"], RUN["run_id"], RUN["task_id"])
    assert xcom == {"status": 202, "body": {"workflow_id": "memory-refresh-acme-1", "status": "RUNNING"},
                    "attempts": 1, "idempotency_key": key}  # fmt: skip
    sent = hub.received[0]
    assert sent.headers["Idempotency-Key"] == key
    assert sent.headers["Authorization"] == "Bearer " + TOKEN


def test_a_retry_of_the_task_sends_the_same_key_and_another_run_another(monkeypatch):
    with StubServer(Reply(200, {"session_id": "s-1"})) as hub:
        use_hub(monkeypatch, hub.url)
        hook = SomaHubHook()
        for ctx in (context(try_number=1), context(try_number=2), context(run_id="scheduled__2026-11-25T11:00:00+00:00")):
            hook.post("/v1/sessions", {"prompt": "warm up"}, capability="sessions:write", context=ctx)
    keys = [r.headers["Idempotency-Key"] for r in hub.received]
    assert keys[0] == keys[1] != keys[2]


def test_a_4xx_fails_the_task_for_good_with_the_problem_detail(monkeypatch):
    problem = {"status": 403, "title": "Forbidden", "detail": "missing capability", "required_capability": "memory:refresh"}
    with StubServer(Reply(403, problem)) as hub:
        use_hub(monkeypatch, hub.url)
        with pytest.raises(AirflowFailException, match="refused with 403: missing capability"):
            SomaHubHook().post("/v1/memory/refresh", {"campaign": "fall"}, capability="memory:refresh", context=context())
    assert len(hub.received) == 1


def test_a_token_broader_than_the_dags_need_is_never_sent(monkeypatch):
    with StubServer(Reply(202, {"workflow_id": "w"})) as hub:
        use_hub(monkeypatch, hub.url, token=scoped_token(("memory:refresh", "sessions:write", "memory:write")))
        with pytest.raises(ValueError, match=r"also grants \['memory:write'\]"):
            SomaHubHook().post("/v1/memory/refresh", {"campaign": "f"}, capability="memory:refresh", context=context())
    assert hub.received == []


def test_a_connection_without_credentials_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("AIRFLOW_CONN_SOMA_HUB", json.dumps({"conn_type": "http", "host": "127.0.0.1"}))
    with pytest.raises(ValueError, match="no token"):
        SomaHubHook().post("/v1/sessions", {"prompt": "x"}, capability="sessions:write", context=context())
