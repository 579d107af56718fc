"""SessionSensor, CampaignSensor and StartSessionOperator against a local HTTP server: poking, deferring to their
trigger (without the token), resuming from its event, and every end but a success failing the task for good."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from airflow.sdk.exceptions import AirflowException, AirflowFailException, TaskDeferred
from hub_connection import TOKEN, use_hub
from stub_server import Reply, StubServer, closed_port_url
from tokens import scoped_token

from soma_hub.idempotency import idempotency_key
from soma_hub.operators import RefreshMemoryOperator, StartSessionOperator
from soma_hub.sensors import CampaignSensor, SessionSensor
from soma_hub.triggers import CampaignTrigger, SessionTrigger

RUN = {"dag_id": "soma_session_run", "run_id": "manual__2026-11-25T10:00:00+00:00", "task_id": "t"}
RUNNING = {"session_id": "s-1", "status": "RUNNING"}
COMPLETED = {"session_id": "s-1", "status": "COMPLETED", "result": {"reply": "hi"}}
FAILED = {"session_id": "s-1", "status": "FAILED", "error": {"type": "PolicyDenied", "message": "tenant denied"}}


def context():
    return {"ti": SimpleNamespace(**RUN, try_number=1)}


def sensor(**kwargs):
    return SessionSensor(task_id="t", session_id="s-1", poke_interval=1, timeout=120, **kwargs)


def test_a_poke_is_false_while_the_session_runs_and_the_answer_once_it_completed(monkeypatch):
    with StubServer(Reply(200, RUNNING), Reply(200, COMPLETED)) as hub:
        use_hub(monkeypatch, hub.url)
        assert sensor().poke(context()) is False
        done = sensor().poke(context())
    assert done.is_done and done.xcom_value == COMPLETED
    assert [(r.method, r.path) for r in hub.received] == [("GET", "/v1/sessions/s-1")] * 2


@pytest.mark.parametrize("view, message", [(FAILED, "session s-1 ended FAILED: PolicyDenied: tenant denied"),
                                           ({"status": "CANCELLED"}, "session s-1 ended CANCELLED")])  # fmt: skip
def test_a_poke_fails_the_task_for_good_when_the_session_ended_otherwise(monkeypatch, view, message):
    with StubServer(Reply(200, view)) as hub:
        use_hub(monkeypatch, hub.url)
        with pytest.raises(AirflowFailException, match=message):
            sensor().poke(context())


def test_a_poke_that_finds_no_hub_pokes_again_and_a_4xx_fails_for_good(monkeypatch):
    use_hub(monkeypatch, closed_port_url(), max_attempts=2)
    assert sensor().poke(context()) is False
    with StubServer(Reply(404, {"detail": "no such session"})) as hub:
        use_hub(monkeypatch, hub.url)
        with pytest.raises(AirflowFailException, match="refused with 404: no such session"):
            sensor().poke(context())


@pytest.mark.parametrize("bad", ["", "a/b", None])
def test_a_bad_session_id_fails_for_good_before_any_call(monkeypatch, bad):
    with StubServer(Reply(200, COMPLETED)) as hub:
        use_hub(monkeypatch, hub.url)
        with pytest.raises(AirflowFailException):
            SessionSensor(task_id="t", session_id=bad, deferrable=True).execute(context())
    assert hub.received == []


def test_deferrable_it_looks_once_then_defers_to_the_trigger_with_the_timeout_and_no_token(monkeypatch):
    with StubServer(Reply(200, RUNNING)) as hub:
        use_hub(monkeypatch, hub.url)
        with pytest.raises(TaskDeferred) as deferred:
            sensor(deferrable=True, soma_hub_conn_id="soma_hub").execute(context())
    trigger = deferred.value.trigger
    assert isinstance(trigger, SessionTrigger)
    assert trigger.serialize()[1] == {"resource_id": "s-1", "soma_hub_conn_id": "soma_hub", "poll_interval": 1.0}
    assert deferred.value.method_name == "execute_complete" and deferred.value.timeout == timedelta(seconds=120)
    assert TOKEN not in repr(trigger.serialize())
    assert len(hub.received) == 1


def test_deferrable_one_that_has_ended_already_needs_no_triggerer(monkeypatch):
    with StubServer(Reply(200, COMPLETED)) as hub:
        use_hub(monkeypatch, hub.url)
        assert sensor(deferrable=True).execute(context()) == COMPLETED


def test_resumed_it_succeeds_on_a_success_event_and_fails_for_good_on_any_other():
    done = {"outcome": "succeeded", "kind": "session", "id": "s-1", "status": "COMPLETED", "reason": "", "view": COMPLETED}
    assert sensor().execute_complete(context(), done) == COMPLETED
    for event, message in [
        ({**done, "outcome": "failed", "status": "CANCELLED", "reason": "the session was cancelled"},
         "session s-1 ended CANCELLED: the session was cancelled"),
        ({**done, "outcome": "error", "status": "", "reason": "GET /v1/sessions/s-1 was refused with 404"},
         "waiting for session s-1 failed: GET /v1/sessions/s-1 was refused with 404"),
        (None, "not one of a soma_hub trigger"),
        ({"outcome": "maybe"}, "not one of a soma_hub trigger"),
    ]:  # fmt: skip
        with pytest.raises(AirflowFailException, match=message):
            sensor().execute_complete(context(), event)


def test_the_campaign_sensor_reads_the_campaign_and_defers_to_its_trigger(monkeypatch):
    token = scoped_token(("campaigns:write",))
    running = {"campaign_id": "camp-1", "status": "RUNNING", "phase": "awaiting_approval"}
    with StubServer(Reply(200, running), Reply(200, {**running, "status": "COMPLETED", "phase": "rejected"})) as hub:
        use_hub(monkeypatch, hub.url, token=token)
        campaign = CampaignSensor(task_id="t", campaign_id="camp-1", deferrable=True, poke_interval=3, timeout=60)
        with pytest.raises(TaskDeferred) as deferred:
            campaign.execute(context())
        with pytest.raises(AirflowFailException, match="campaign camp-1 ended COMPLETED: the campaign ended rejected"):
            campaign.poke(context())
    assert isinstance(deferred.value.trigger, CampaignTrigger)
    assert [r.path for r in hub.received] == ["/v1/campaigns/camp-1"] * 2


def start_session(**kwargs):
    return StartSessionOperator(task_id="t", prompt="summarise", metadata={"source": "airflow"}, **kwargs)


def test_start_session_posts_with_the_runs_key_and_returns_the_session_id(monkeypatch):
    with StubServer(Reply(201, {"session_id": "s-1", "status": "accepted"})) as hub:
        use_hub(monkeypatch, hub.url)
        assert start_session().execute(context()) == "s-1"
    sent = hub.received[0]
    assert (sent.method, sent.path) == ("POST", "/v1/sessions")
    assert sent.json() == {"prompt": "summarise", "metadata": {"source": "airflow"}}
    assert sent.headers["Idempotency-Key"] == idempotency_key(RUN["dag_id"], RUN["run_id"], RUN["task_id"])


def test_start_session_fails_for_good_on_a_4xx_or_an_answer_without_a_session_id(monkeypatch):
    with StubServer(Reply(422, {"detail": "the key was used with another body"}), Reply(201, {"status": "accepted"})) as hub:
        use_hub(monkeypatch, hub.url)
        with pytest.raises(AirflowFailException, match="refused with 422"):
            start_session().execute(context())
        with pytest.raises(AirflowFailException, match="without a session_id"):
            start_session().execute(context())


def test_start_session_waiting_deferrable_defers_after_the_post(monkeypatch):
    with StubServer(Reply(201, {"session_id": "s-9"})) as hub:
        use_hub(monkeypatch, hub.url)
        operator = start_session(wait_for_completion=True, deferrable=True, poll_interval=4, wait_timeout=timedelta(minutes=3))
        with pytest.raises(TaskDeferred) as deferred:
            operator.execute(context())
    assert deferred.value.trigger.serialize()[1] == {"resource_id": "s-9", "soma_hub_conn_id": "soma_hub", "poll_interval": 4.0}
    assert deferred.value.timeout == timedelta(minutes=3) and len(hub.received) == 1
    done = {"outcome": "succeeded", "kind": "session", "id": "s-9", "status": "COMPLETED", "reason": "", "view": {}}
    assert operator.execute_complete(context(), done) == "s-9"
    with pytest.raises(AirflowFailException, match="ended FAILED"):
        operator.execute_complete(context(), {**done, "outcome": "failed", "status": "FAILED"})


def test_start_session_waiting_in_the_task_polls_until_the_end(monkeypatch):
    replies = [Reply(201, {"session_id": "s-1"}), Reply(200, RUNNING), Reply(503, {}), Reply(200, COMPLETED)]
    with StubServer(*replies) as hub:
        use_hub(monkeypatch, hub.url, max_attempts=1)
        assert start_session(wait_for_completion=True, deferrable=False, poll_interval=0.01).execute(context()) == "s-1"
    assert [r.method for r in hub.received] == ["POST", "GET", "GET", "GET"]
    with StubServer(Reply(201, {"session_id": "s-1"}), Reply(200, FAILED)) as hub:
        use_hub(monkeypatch, hub.url)
        with pytest.raises(AirflowFailException, match="PolicyDenied"):
            start_session(wait_for_completion=True, deferrable=False, poll_interval=0.01).execute(context())


def test_start_session_waiting_in_the_task_gives_up_at_its_timeout_leaving_retries_to_airflow(monkeypatch):
    with StubServer(Reply(201, {"session_id": "s-1"}), Reply(200, RUNNING)) as hub:
        use_hub(monkeypatch, hub.url)
        operator = start_session(wait_for_completion=True, poll_interval=0.01, wait_timeout=timedelta(0))
        with pytest.raises(AirflowException, match="has not ended within") as raised:
            operator.execute(context())
    assert not isinstance(raised.value, AirflowFailException)


def test_refresh_memory_posts_the_campaign_with_the_runs_key(monkeypatch):
    with StubServer(Reply(202, {"workflow_id": "w-1"})) as hub:
        use_hub(monkeypatch, hub.url)
        xcom = RefreshMemoryOperator(task_id="t", campaign="fall", force=True).execute(context())
    assert xcom["body"] == {"workflow_id": "w-1"} and hub.received[0].json() == {"campaign": "fall", "force": True}
