"""HubClient against a real local HTTP server: what is retried, how long it waits, what it sends."""

import pytest
from stub_server import Reply, StubServer, closed_port_url
from tokens import scoped_token

from soma_hub.client import HubClient
from soma_hub.credentials import ScopedToken
from soma_hub.errors import HubRejected, HubUnavailable
from soma_hub.settings import HubSettings, RetryPolicy

TOKEN = scoped_token()
ACCEPTED = Reply(202, {"workflow_id": "memory-refresh-1", "status": "RUNNING"})


def client(url, sleeps, max_attempts=5, timeout=5.0):
    settings = HubSettings(
        base_url=url,
        credentials=ScopedToken(token=TOKEN),
        timeout_seconds=timeout,
        retry=RetryPolicy(max_attempts=max_attempts, backoff_seconds=1.0, backoff_max_seconds=8.0),
    )
    return HubClient(settings, sleep=sleeps.append)


def post(hub_client):
    return hub_client.post(
        "/v1/memory/refresh", {"campaign": "fall", "force": False}, capability="memory:refresh", idempotency_key="k-1"
    )


def test_5xx_answers_are_retried_with_doubling_delays_until_a_2xx():
    sleeps = []
    with StubServer(Reply(503, {"detail": "Temporal unreachable"}), Reply(502, "bad gateway"), ACCEPTED) as hub:
        answer = post(client(hub.url, sleeps))
    assert (answer.status, answer.body["workflow_id"], answer.attempts) == (202, "memory-refresh-1", 3)
    assert sleeps == [1.0, 2.0]
    assert {r.headers["Idempotency-Key"] for r in hub.received} == {"k-1"}, "every attempt sends the same key"


def test_refused_connections_are_retried_then_reported_with_the_last_failure():
    sleeps = []
    with pytest.raises(HubUnavailable, match="all 5 attempts.*ConnectionRefused|all 5 attempts.*refused"):
        post(client(closed_port_url(), sleeps))
    assert sleeps == [1.0, 2.0, 4.0, 8.0], "doubling, capped at backoff_max_seconds"


def test_a_read_timeout_is_retried():
    sleeps = []
    with StubServer(Reply(202, {"late": True}, delay_seconds=1.5), ACCEPTED) as hub:
        answer = post(client(hub.url, sleeps, timeout=0.5))
    assert answer.attempts == 2 and answer.body["workflow_id"] == "memory-refresh-1"
    assert sleeps == [1.0]


def test_every_attempt_failing_with_5xx_ends_in_hub_unavailable_naming_the_detail():
    sleeps = []
    with StubServer(Reply(500, {"detail": "store down"})) as hub:
        with pytest.raises(HubUnavailable, match="all 3 attempts; the last: 500: store down"):
            post(client(hub.url, sleeps, max_attempts=3))
    assert len(hub.received) == 3 and sleeps == [1.0, 2.0]


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 413, 415, 422])
def test_4xx_is_not_retried_and_carries_the_problem_detail(status):
    sleeps = []
    problem = {"type": "about:blank", "title": "Refused", "status": status, "detail": f"because {status}"}
    problem["required_capability"] = "memory:refresh"
    with StubServer(Reply(status, problem)) as hub:
        with pytest.raises(HubRejected) as refused:
            post(client(hub.url, sleeps))
    assert len(hub.received) == 1 and sleeps == []
    assert refused.value.status == status
    assert f"refused with {status}: because {status}" in str(refused.value)
    assert "required_capability" in str(refused.value)


def test_a_4xx_without_problem_json_still_says_what_came_back():
    with StubServer(Reply(404, "<html>no route</html>")) as hub:
        with pytest.raises(HubRejected, match="404: <html>no route</html>"):
            post(client(hub.url, []))


def test_retry_after_lengthens_the_wait_up_to_the_cap():
    sleeps = []
    with StubServer(Reply(503, {}, headers={"Retry-After": "5"}), Reply(503, {}, headers={"Retry-After": "60"}),
                    ACCEPTED) as hub:  # fmt: skip
        post(client(hub.url, sleeps))
    assert sleeps == [5.0, 8.0]


def test_429_is_retried_after_retry_after_with_the_same_key():
    sleeps = []
    limited = {"type": "about:blank", "status": 429, "detail": "rate limit for writes is used up", "limit": "writes"}
    with StubServer(Reply(429, limited, headers={"Retry-After": "3"}), ACCEPTED) as hub:
        answer = post(client(hub.url, sleeps))
    assert answer.status == 202 and answer.attempts == 2
    assert sleeps == [3.0]
    assert [r.headers["Idempotency-Key"] for r in hub.received] == ["k-1", "k-1"]


def test_a_quota_429_without_retry_after_backs_off_and_ends_unavailable():
    sleeps = []
    quota = {"status": 429, "detail": "the tenant has 2 sessions running", "limit": "running_sessions"}
    with StubServer(Reply(429, quota)) as hub:
        with pytest.raises(HubUnavailable, match="all 3 attempts; the last: 429: the tenant has 2 sessions running"):
            post(client(hub.url, sleeps, max_attempts=3))
    assert len(hub.received) == 3 and sleeps == [1.0, 2.0]


def test_the_request_carries_json_the_bearer_token_and_the_key():
    with StubServer(ACCEPTED) as hub:
        post(client(hub.url, []))
    sent = hub.received[0]
    assert sent.path == "/v1/memory/refresh"
    assert sent.json() == {"campaign": "fall", "force": False}
    assert sent.headers["Content-Type"] == "application/json"
    assert sent.headers["Authorization"] == "Bearer " + TOKEN
    assert sent.headers["Idempotency-Key"] == "k-1"


def test_a_path_without_leading_slash_is_refused_before_any_call():
    with pytest.raises(ValueError, match="starts with '/'"):
        client("http://127.0.0.1:9", []).post("v1/sessions", {}, capability="sessions:write", idempotency_key="k")
