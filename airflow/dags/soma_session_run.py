"""On demand: start an agent session in the hub (POST /v1/sessions) and wait for its end with a deferrable
SessionSensor. While the session runs the triggerer polls it and the waiting task holds no worker slot; the run
succeeds when the session COMPLETED and fails when it FAILED or was CANCELLED. Trigger with conf
{"prompt": "..."}; the sensor's XCom is the ended session (its reply under result)."""

from __future__ import annotations

from datetime import datetime, timedelta

from airflow.sdk import Param, dag

from soma_hub.operators import SESSION_WAIT, StartSessionOperator
from soma_hub.schedule import TASK_TIMEOUT
from soma_hub.sensors import SessionSensor


@dag(
    dag_id="soma_session_run",
    schedule=None,
    start_date=datetime(2025, 1, 1),
    catchup=False,
    tags=["soma-hub", "temporal"],
    params={"prompt": Param("Summarise yesterday's campaign results in one paragraph.", type="string",
                            minLength=1, maxLength=16000)},  # fmt: skip
    default_args={"retries": 1, "retry_delay": timedelta(minutes=1)},
)
def soma_session_run():
    # The body depends on the run only (its params and ids), so a retry sends the same body with the same key.
    start = StartSessionOperator(
        task_id="start_session",
        prompt="{{ params.prompt }}",
        metadata={"source": "airflow", "dag_id": "{{ dag.dag_id }}", "run_id": "{{ run_id }}"},
        execution_timeout=TASK_TIMEOUT,
    )
    SessionSensor(
        task_id="wait_for_session",
        session_id=start.output,
        deferrable=True,
        poke_interval=5,
        timeout=SESSION_WAIT.total_seconds(),
    )


soma_session_run()
