"""The shipper against a local HTTP capture standing in for Loki's push API, and against a Loki that fails."""

import json
import threading

from stub_server import Reply, StubServer, closed_port_url

from soma_hub.loki.entries import task_entry
from soma_hub.loki.shipper import LokiShipper


def entry(message, task_id="refresh_campaign_memory", run_id="scheduled__2026-11-25T10:00:00+00:00"):
    context = {"run_id": run_id, "try_number": 1}
    return task_entry(dag_id="memory_refresh", task_id=task_id, level="info", logger="airflow.task", message=message,
                      context=context)  # fmt: skip


def pushed_streams(loki):
    return [stream for request in loki.received for stream in request.json()["streams"]]


def test_lines_arrive_in_one_stream_per_task_with_low_cardinality_labels():
    with StubServer(Reply(204, "")) as loki:
        shipper = LokiShipper(loki.url + "/loki/api/v1/push", batch_wait_seconds=0.05)
        for n in range(3):
            shipper.offer(entry(f"line {n}", run_id=f"scheduled__2026-11-25T1{n}:00:00+00:00"))
        shipper.offer(entry("other task", task_id="trigger_warmup_session"))
        assert shipper.flush(10)
    assert {r.path for r in loki.received} == {"/loki/api/v1/push"}
    streams = pushed_streams(loki)
    labels = sorted(tuple(sorted(s["stream"].items())) for s in streams)
    assert labels == [
        (("app", "airflow"), ("dag_id", "memory_refresh"), ("task_id", "refresh_campaign_memory")),
        (("app", "airflow"), ("dag_id", "memory_refresh"), ("task_id", "trigger_warmup_session")),
    ], "three run ids, still one stream: run_id is no label"
    values = next(s["values"] for s in streams if s["stream"]["task_id"] == "refresh_campaign_memory")
    assert [json.loads(v[1])["message"] for v in values] == ["line 0", "line 1", "line 2"]
    timestamp, line, metadata = values[0]
    assert timestamp.isdigit() and len(timestamp) == 19, "nanoseconds as a string"
    assert metadata == {"run_id": "scheduled__2026-11-25T10:00:00+00:00", "try_number": "1"}
    assert json.loads(line)["run_id"] == metadata["run_id"]
    assert shipper.counts.sent == 4 and shipper.counts.dropped == 0


def test_a_loki_that_is_down_costs_dropped_lines_not_a_failure():
    shipper = LokiShipper(closed_port_url() + "/loki/api/v1/push", batch_wait_seconds=0.01, send_backoff_seconds=0.01)
    assert all(shipper.offer(entry(f"line {n}")) for n in range(5))
    assert shipper.flush(10), "flush ends once the batch is given up"
    assert shipper.counts.dropped == 5 and shipper.counts.sent == 0
    assert shipper.counts.send_errors == 3, "three attempts"


def test_a_5xx_is_retried_and_the_batch_delivered():
    with StubServer(Reply(503, "overloaded"), Reply(204, "")) as loki:
        shipper = LokiShipper(loki.url + "/loki/api/v1/push", batch_wait_seconds=0.01, send_backoff_seconds=0.01)
        shipper.offer(entry("survives a 503"))
        assert shipper.flush(10)
    assert len(loki.received) == 2 and shipper.counts.sent == 1 and shipper.counts.dropped == 0


def test_a_4xx_batch_is_dropped_without_retries():
    with StubServer(Reply(400, "entry too far behind")) as loki:
        shipper = LokiShipper(loki.url + "/loki/api/v1/push", batch_wait_seconds=0.01, send_backoff_seconds=0.01)
        shipper.offer(entry("refused"))
        assert shipper.flush(10)
    assert len(loki.received) == 1 and shipper.counts.dropped == 1


def test_offering_never_waits_for_a_hanging_loki_and_drops_beyond_the_buffer():
    release = threading.Event()
    calls = []

    def hanging_post(url, payload, timeout):
        calls.append(payload)
        release.wait(30)
        return 204

    shipper = LokiShipper("http://loki/push", batch_lines=2, batch_wait_seconds=0.01, buffer_lines=3, post=hanging_post)
    shipper.offer(entry("a"))
    shipper.offer(entry("b"))
    assert not shipper.flush(0.2), "the first batch hangs in Loki"
    accepted = [shipper.offer(entry(f"more {n}")) for n in range(10)]
    assert accepted == [True] * 3 + [False] * 7, "the buffer takes 3 while Loki hangs; the rest are dropped at once"
    assert shipper.counts.dropped == 7
    release.set()
    assert shipper.flush(10)
    assert shipper.counts.sent == 5


def test_flush_gives_up_after_its_timeout_when_loki_hangs():
    release = threading.Event()
    shipper = LokiShipper("http://loki/push", batch_wait_seconds=0.01, post=lambda *a: release.wait(30) and 204)
    shipper.offer(entry("stuck"))
    assert shipper.flush(0.2) is False
    release.set()
    assert shipper.flush(10)
