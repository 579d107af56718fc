"""The Airflow face of the hub client: settings from a connection, the Idempotency-Key from the running task."""

from __future__ import annotations

import asyncio
from typing import Any

from airflow.sdk import BaseHook
from airflow.sdk.exceptions import AirflowFailException

from soma_hub.client import HubClient
from soma_hub.errors import HubRejected
from soma_hub.idempotency import idempotency_key
from soma_hub.settings import HubSettings, settings_from_connection


class SomaHubHook(BaseHook):
    """
    The connection (conn type ``soma_hub``; one of type ``http`` with the same fields works the same) names the
    gateway and the token; settings.py reads it and refuses any bad value with its reason.
    """

    conn_name_attr = "soma_hub_conn_id"
    default_conn_name = "soma_hub"
    conn_type = "soma_hub"
    hook_name = "Soma Agent Hub"

    def __init__(self, soma_hub_conn_id: str = default_conn_name, **kwargs):
        super().__init__(**kwargs)
        self.soma_hub_conn_id = soma_hub_conn_id

    def settings(self) -> HubSettings:
        return settings_from_connection(self.get_connection(self.soma_hub_conn_id))

    @classmethod
    async def asettings(cls, conn_id: str) -> HubSettings:
        """For a trigger: the connection read through the triggerer, the token file checked off its event loop."""
        connection = await cls.aget_connection(conn_id)
        return await asyncio.to_thread(settings_from_connection, connection)

    def post(self, path: str, body: dict, *, capability: str, context: Any) -> dict:
        """
        POSTs for the task running in ``context`` and returns ``{status, body, attempts, idempotency_key}`` (the
        task's XCom). A 4xx fails the task without Airflow retries: the same request would be refused again.
        """
        ti = context["ti"]
        key = idempotency_key(ti.dag_id, ti.run_id, ti.task_id)
        client = HubClient(self.settings())
        try:
            answer = client.post(path, body, capability=capability, idempotency_key=key, log_extra=_labels(ti))
        except HubRejected as rejected:
            raise AirflowFailException(str(rejected)) from rejected
        return {"status": answer.status, "body": answer.body, "attempts": answer.attempts, "idempotency_key": key}

    def get(self, path: str, *, capability: str, context: Any) -> dict:
        """The body of the answer to a GET for the task in ``context``; a 4xx fails the task without retries."""
        client = HubClient(self.settings())
        try:
            return client.get(path, capability=capability, log_extra=_labels(context["ti"])).body
        except HubRejected as rejected:
            raise AirflowFailException(str(rejected)) from rejected


def _labels(ti: Any) -> dict:
    return {"dag_id": ti.dag_id, "task_id": ti.task_id, "run_id": ti.run_id, "try_number": ti.try_number}
