"""SessionTrigger and CampaignTrigger: stored as class path and kwargs without the token, rebuilt as they were, and
run() against a local HTTP server: one event at the end, a failure event on a 4xx or a bad connection, polling on
through 5xx, 429 and refused connections."""

import asyncio
import importlib
import json

import pytest
from hub_connection import TOKEN, use_hub
from stub_server import Reply, StubServer, closed_port_url
from tokens import scoped_token

from soma_hub import triggers
from soma_hub.triggers import CampaignTrigger, SessionTrigger

RUNNING = {"session_id": "s-1", "status": "RUNNING", "steps": [], "result": None}
COMPLETED = {"session_id": "s-1", "status": "COMPLETED", "steps": [], "result": {"reply": "hi", "model": "m", "provider": "p"}}


def events_of(trigger, limit=5):
    """Every event run() yields (a trigger yields one and ends)."""

    async def collect():
        return [event.payload async for event in trigger.run()][:limit]

    return asyncio.run(collect())


def test_serialized_as_class_path_and_kwargs_without_the_token_and_rebuilt_the_same():
    for trigger in (SessionTrigger("s-1", "soma_hub", 2.5), CampaignTrigger("camp-0a1b", "other_hub", 30)):
        classpath, kwargs = trigger.serialize()
        assert kwargs == {"resource_id": trigger.resource_id, "soma_hub_conn_id": trigger.soma_hub_conn_id,
                          "poll_interval": trigger.poll_interval}  # fmt: skip
        assert TOKEN not in json.dumps(kwargs)
        module, name = classpath.rsplit(".", 1)
        rebuilt = getattr(importlib.import_module(module), name)(**kwargs)
        assert type(rebuilt) is type(trigger) and rebuilt.serialize() == (classpath, kwargs)


@pytest.mark.parametrize("bad", ["", " ", "a/b", "../x", "s?x=1", "s#f", "a b", "%2e", None, 7])
def test_an_id_that_is_not_one_is_refused_when_made(bad):
    with pytest.raises(ValueError):
        SessionTrigger(bad)


@pytest.mark.parametrize("interval", [0, -1, 86401, True, "5"])
def test_a_poll_interval_out_of_range_is_refused(interval):
    with pytest.raises(ValueError, match="poll_interval"):
        SessionTrigger("s-1", poll_interval=interval)


def test_polls_until_the_session_completed_and_yields_it_once(monkeypatch):
    with StubServer(Reply(200, RUNNING), Reply(200, RUNNING), Reply(200, COMPLETED)) as hub:
        use_hub(monkeypatch, hub.url)
        events = events_of(SessionTrigger("s-1", poll_interval=0.01))
    assert events == [{"outcome": "succeeded", "kind": "session", "id": "s-1", "status": "COMPLETED", "reason": "",
                       "view": COMPLETED}]  # fmt: skip
    assert [(r.method, r.path) for r in hub.received] == [("GET", "/v1/sessions/s-1")] * 3
    assert {r.headers["Authorization"] for r in hub.received} == {"Bearer " + TOKEN}


@pytest.mark.parametrize(
    "view, reason",
    [
        ({"status": "FAILED", "error": {"type": "PolicyDenied", "message": "tenant denied"}}, "PolicyDenied: tenant denied"),
        ({"status": "FAILED"}, "no error given"),
        ({"status": "CANCELLED"}, "the session was cancelled"),
        ({"status": "PAUSED"}, "the hub answered an unknown session status 'PAUSED'"),
    ],
)
def test_a_session_that_ended_otherwise_is_a_failed_event_with_the_reason(monkeypatch, view, reason):
    with StubServer(Reply(200, RUNNING), Reply(200, view)) as hub:
        use_hub(monkeypatch, hub.url)
        [event] = events_of(SessionTrigger("s-1", poll_interval=0.01))
    assert event["outcome"] == "failed" and event["reason"] == reason and event["view"] == view


def test_5xx_and_429_are_polled_again_until_an_answer(monkeypatch):
    replies = [Reply(503, {"detail": "temporal down"}), Reply(500, "<html>oops</html>"),
               Reply(429, {"detail": "slow down"}, headers={"Retry-After": "0"}), Reply(200, COMPLETED)]  # fmt: skip
    with StubServer(*replies) as hub:
        use_hub(monkeypatch, hub.url)
        [event] = events_of(SessionTrigger("s-1", poll_interval=0.01))
    assert event["outcome"] == "succeeded" and len(hub.received) == 4


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409])
def test_a_4xx_ends_the_wait_with_the_problem_and_without_polling_again(monkeypatch, status):
    problem = {"status": status, "title": "Nope", "detail": "no such session", "required_capability": "sessions:read"}
    with StubServer(Reply(status, problem)) as hub:
        use_hub(monkeypatch, hub.url)
        [event] = events_of(SessionTrigger("s-1", poll_interval=0.01))
    assert event["outcome"] == "error" and event["view"] is None
    assert f"GET /v1/sessions/s-1 was refused with {status}: no such session" in event["reason"]
    assert "sessions:read" in event["reason"] and len(hub.received) == 1


def test_an_unreachable_hub_is_polled_on_with_doubling_waits_until_the_trigger_is_stopped(monkeypatch):
    use_hub(monkeypatch, closed_port_url(), backoff_seconds=1, backoff_max_seconds=4)
    waits = []

    async def sleep(seconds):
        waits.append(seconds)
        if len(waits) == 5:
            raise asyncio.CancelledError  # as the triggerer stops a trigger: its timeout, or the task cleared

    monkeypatch.setattr(triggers.asyncio, "sleep", sleep)
    with pytest.raises(asyncio.CancelledError):
        events_of(SessionTrigger("s-1", poll_interval=0.5))
    assert waits == [1, 2, 4, 4, 4]


def test_retry_after_lengthens_the_wait_up_to_the_cap(monkeypatch):
    waits = []

    async def sleep(seconds):
        waits.append(seconds)

    monkeypatch.setattr(triggers.asyncio, "sleep", sleep)
    with StubServer(Reply(429, {"detail": "quota"}, headers={"Retry-After": "7"}), Reply(200, COMPLETED)) as hub:
        use_hub(monkeypatch, hub.url, backoff_seconds=1, backoff_max_seconds=5)
        [event] = events_of(SessionTrigger("s-1", poll_interval=0.5))
    assert event["outcome"] == "succeeded" and waits == [5]


@pytest.mark.parametrize(
    "connection, complaint",
    [
        ({"conn_type": "soma_hub", "host": "127.0.0.1"}, "no token"),
        ({"conn_type": "soma_hub", "password": "x"}, "no host"),
        ({"conn_type": "soma_hub", "host": "h", "extra": {"token_file": "/nonexistent/token"}}, "cannot be read"),
        ({"conn_type": "soma_hub", "host": "h", "password": "p", "extra": {"auth": "hs256"}}, "not supported"),
    ],
)
def test_a_connection_that_cannot_be_used_ends_the_wait_with_the_reason(monkeypatch, connection, complaint):
    monkeypatch.setenv("AIRFLOW_CONN_SOMA_HUB", json.dumps(connection))
    [event] = events_of(SessionTrigger("s-1"))
    assert event["outcome"] == "error" and "'soma_hub' cannot be used" in event["reason"] and complaint in event["reason"]


def test_a_connection_that_does_not_exist_ends_the_wait_with_the_reason(monkeypatch):
    monkeypatch.delenv("AIRFLOW_CONN_NOWHERE", raising=False)
    [event] = events_of(SessionTrigger("s-1", "nowhere"))
    assert event["outcome"] == "error" and "nowhere" in event["reason"]


def test_a_token_that_expired_while_waiting_ends_the_wait_before_it_is_sent(monkeypatch, tmp_path):
    token_file = tmp_path / "token"
    token_file.write_text(TOKEN)
    with StubServer(Reply(200, RUNNING)) as hub:
        use_hub(monkeypatch, hub.url, token="", token_file=str(token_file))
        polls = []

        async def sleep(seconds):
            polls.append(seconds)
            token_file.write_text(scoped_token(ttl=-10))  # renewed wrongly: an expired one

        monkeypatch.setattr(triggers.asyncio, "sleep", sleep)
        [event] = events_of(SessionTrigger("s-1", poll_interval=1))
    assert event["outcome"] == "error" and "expired" in event["reason"] and len(hub.received) == 1


@pytest.mark.parametrize(
    "view, outcome, reason",
    [
        ({"status": "COMPLETED", "phase": "completed"}, "succeeded", ""),
        ({"status": "COMPLETED", "phase": "rejected", "approval": {"decided_by": "ann"}}, "failed", "the campaign ended rejected by ann"),
        ({"status": "COMPLETED", "phase": "timed_out"}, "failed", "the campaign ended timed_out"),
        ({"status": "FAILED", "phase": "failed"}, "failed", "the campaign's workflow ended FAILED in phase failed"),
        ({"status": "CANCELED", "phase": "running"}, "failed", "the campaign's workflow ended CANCELED in phase running"),
        ({"status": "TERMINATED", "phase": "running"}, "failed", "ended TERMINATED"),
    ],
)
def test_a_campaign_is_waited_for_until_its_workflow_ended(monkeypatch, view, outcome, reason):
    running = {"campaign_id": "camp-1", "status": "RUNNING", "phase": "awaiting_approval"}
    with StubServer(Reply(200, running), Reply(200, {"campaign_id": "camp-1", **view})) as hub:
        use_hub(monkeypatch, hub.url, token=scoped_token(("campaigns:write",)))
        [event] = events_of(CampaignTrigger("camp-1", poll_interval=0.01))
    assert event["outcome"] == outcome and reason in event["reason"]
    assert [r.path for r in hub.received] == ["/v1/campaigns/camp-1"] * 2


def test_a_campaign_needs_campaigns_write_in_the_token(monkeypatch):
    with StubServer(Reply(200, {"status": "RUNNING"})) as hub:
        use_hub(monkeypatch, hub.url)  # the DAGs' token: no campaigns:write
        [event] = events_of(CampaignTrigger("camp-1"))
    assert event["outcome"] == "error" and "lacks campaigns:write" in event["reason"] and hub.received == []
