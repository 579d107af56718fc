"""The logging config module: Airflow's default extended (and accepted by Airflow's own validation), the Loki handler
on airflow.task, and the REMOTE_TASK_LOG processor that ships from the supervisor only."""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from stub_server import Reply, StubServer

from soma_hub.loki.shipper import LokiShipper
from soma_hub.loki.task_log import LokiTaskLog

PLUGINS = str(Path(__file__).resolve().parents[1] / "plugins")

CONFIGURE_AND_LOG = textwrap.dedent(
    """
    import logging, sys
    from airflow.logging_config import configure_logging, validate_logging_config
    configure_logging()          # Airflow's own loading, dictConfig and validation of LOGGING_CONFIG_CLASS
    validate_logging_config()
    from soma_hub import loki_logging
    print("handlers", sorted(loki_logging.LOGGING_CONFIG["handlers"]))
    print("task_handlers", loki_logging.LOGGING_CONFIG["loggers"]["airflow.task"]["handlers"])
    print("remote", type(loki_logging.REMOTE_TASK_LOG).__name__)
    ids = {"dag_id": "memory_refresh", "task_id": "refresh_campaign_memory", "run_id": "manual__1", "try_number": 2}
    logging.getLogger("airflow.task.hooks.soma_hub").info("POST %s answered %s", "/v1/memory/refresh", 202, extra=ids)
    logging.getLogger("some.other.logger").info("not a task line")
    if loki_logging.REMOTE_TASK_LOG:
        assert loki_logging.REMOTE_TASK_LOG.shipper.flush(10)
    """
)


def run_airflow_python(env_extra, tmp_path):
    env = {
        **os.environ,
        "AIRFLOW_HOME": str(tmp_path),
        "PYTHONPATH": PLUGINS,
        "AIRFLOW__LOGGING__LOGGING_CONFIG_CLASS": "soma_hub.loki_logging.LOGGING_CONFIG",
        **env_extra,
    }
    if "LOKI_URL" not in env_extra:
        env.pop("LOKI_URL", None)
    done = subprocess.run([sys.executable, "-c", CONFIGURE_AND_LOG], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_airflow_accepts_the_config_and_task_lines_reach_loki_with_their_labels(tmp_path):
    with StubServer(Reply(204, "")) as loki:
        out = run_airflow_python({"LOKI_URL": loki.url + "/"}, tmp_path)
    assert "task_handlers ['task', 'loki']" in out, "the default task handler stays, Loki's is added"
    assert "'console'" in out and "'loki'" in out
    assert "remote LokiTaskLog" in out
    values = [(s["stream"], json.loads(v[1]), v[2] if len(v) > 2 else {})
              for r in loki.received for s in r.json()["streams"] for v in s["values"]]  # fmt: skip
    assert {r.path for r in loki.received} == {"/loki/api/v1/push"}
    stream, line, metadata = values[0]
    assert stream == {"app": "airflow", "dag_id": "memory_refresh", "task_id": "refresh_campaign_memory"}
    assert line["message"] == "POST /v1/memory/refresh answered 202" and line["level"] == "info"
    assert metadata == {"run_id": "manual__1", "try_number": "2"}
    assert all(line["message"] != "not a task line" for _, line, _ in values), "only airflow.task lines"


def test_without_loki_url_it_is_airflows_default_config(tmp_path):
    out = run_airflow_python({}, tmp_path)
    assert "task_handlers ['task']" in out and "remote NoneType" in out


class CapturingShipper(LokiShipper):
    def __init__(self):
        super().__init__("http://loki.invalid/loki/api/v1/push")
        self.offered = []

    def offer(self, entry):
        self.offered.append(entry)
        return True


def test_the_supervisor_ships_each_line_labelled_with_the_task_it_runs():
    shipper = CapturingShipper()
    task_log = LokiTaskLog(shipper)
    (ship,) = task_log.processors
    event = {"event": "Done", "level": "info", "logger": "task", "dag_id": "memory_refresh",
             "task_id": "refresh_campaign_memory", "run_id": "scheduled__x", "try_number": 1}  # fmt: skip
    assert ship(None, "info", dict(event)) == event, "the event goes on unchanged to the log file"
    ship(None, "info", {"event": "printed line", "logger": "task.stdout"})
    labels = [dict(e.labels) for e in shipper.offered]
    assert labels == [{"app": "airflow", "dag_id": "memory_refresh", "task_id": "refresh_campaign_memory"}] * 2
    assert shipper.offered[1].metadata["run_id"] == "scheduled__x"
    task_log.upload("dag_id=memory_refresh/run_id=x/task_id=t/attempt=1.log")
    ship(None, "info", {"event": "after the task"})
    assert dict(shipper.offered[2].labels)["dag_id"] == "unknown", "upload ends the task"


def test_the_task_process_leaves_shipping_to_its_supervisor(monkeypatch):
    from airflow.sdk.execution_time import task_runner

    monkeypatch.setattr(task_runner, "SUPERVISOR_COMMS", object(), raising=False)
    shipper = CapturingShipper()
    (ship,) = LokiTaskLog(shipper).processors
    ship(None, "info", {"event": "x", "dag_id": "d", "task_id": "t"})
    assert shipper.offered == []


def test_a_failing_shipper_never_fails_the_log_call():
    class Broken(CapturingShipper):
        def offer(self, entry):
            raise RuntimeError("boom")

    shipper = Broken()
    (ship,) = LokiTaskLog(shipper).processors
    assert ship(None, "info", {"event": "x"}) == {"event": "x"}
    assert shipper.counts.dropped == 1


def test_reading_back_points_at_loki_and_leaves_the_local_file_to_the_ui():
    sources, logs = LokiTaskLog(CapturingShipper()).read("dag_id=d/run_id=r/task_id=t/attempt=1.log", None)
    assert logs == [] and "Loki" in sources[0]


def test_a_base_url_gets_the_push_path_and_a_push_url_is_kept():
    from soma_hub.loki_logging import push_url

    assert push_url("http://loki:3100") == "http://loki:3100/loki/api/v1/push"
    assert push_url("http://loki:3100/") == "http://loki:3100/loki/api/v1/push"
    victoria_logs = "http://127.0.0.1:9428/insert/loki/api/v1/push?_msg_field=message"
    assert push_url(victoria_logs) == victoria_logs
