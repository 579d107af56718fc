"""Hourly: start a short agent session in the hub (POST /v1/sessions), so the path from the gateway through Temporal
to the model provider is exercised, and warm, once an hour."""

from __future__ import annotations

from datetime import timedelta

from airflow.sdk import dag, get_current_context, task

from soma_hub.capabilities import SESSIONS_WRITE
from soma_hub.hook import SomaHubHook
from soma_hub.schedule import HOURLY, TASK_TIMEOUT

WARMUP_PROMPT = "Daily autonomous health check: reply with one short sentence."


@dag(
    dag_id="soma_session_warmup",
    **HOURLY,
    tags=["soma-hub", "temporal"],
    default_args={
        "retries": 1,
        "retry_delay": timedelta(minutes=2),
        "execution_timeout": TASK_TIMEOUT,
    },
)
def soma_session_warmup():
    @task
    def trigger_warmup_session() -> dict:
        context = get_current_context()
        # The body depends on the run only, so a retry sends the same body with the same key (another body with
        # the same key would be a 422).
        body = {
            "prompt": WARMUP_PROMPT,
            "capsule_id": "system-health-check",
            "metadata": {"source": "airflow", "dag_id": context["ti"].dag_id, "run_id": context["ti"].run_id},
        }
        return SomaHubHook().post("/v1/sessions", body, capability=SESSIONS_WRITE, context=context)

    trigger_warmup_session()


soma_session_warmup()
