"""Hourly: re-index a campaign's memory in the hub (POST /v1/memory/refresh). The campaign comes from the DAG
params; trigger with conf {"campaign": "...", "force": true} for another one."""

from __future__ import annotations

from datetime import timedelta

from airflow.sdk import Param, dag, get_current_context, task

from soma_hub.capabilities import MEMORY_REFRESH
from soma_hub.hook import SomaHubHook
from soma_hub.schedule import HOURLY, TASK_TIMEOUT


@dag(
    dag_id="memory_refresh",
    **HOURLY,
    tags=["soma-hub", "memory"],
    params={
        "campaign": Param("fall_launch", type="string", minLength=1, maxLength=200),
        "force": Param(False, type="boolean"),
    },
    default_args={
        # Task-level retries on top of the hook's own: each reuses the run's Idempotency-Key, so none starts a
        # second workflow.
        "retries": 2,
        "retry_delay": timedelta(minutes=1),
        "retry_exponential_backoff": True,
        "max_retry_delay": timedelta(minutes=10),
        "execution_timeout": TASK_TIMEOUT,
    },
)
def memory_refresh():
    @task
    def refresh_campaign_memory() -> dict:
        context = get_current_context()
        params = context["params"]
        body = {"campaign": params["campaign"], "force": bool(params["force"])}
        return SomaHubHook().post("/v1/memory/refresh", body, capability=MEMORY_REFRESH, context=context)

    refresh_campaign_memory()


memory_refresh()
