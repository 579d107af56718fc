"""
Operators that call the hub once per task of a DAG run, with the run's Idempotency-Key (idempotency.py): every try
of the task (retries, clears) sends the same key, so the hub starts one session or one refresh per run, however often
the task runs.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from airflow.sdk import BaseOperator, conf
from airflow.sdk.exceptions import AirflowException, AirflowFailException

from soma_hub.capabilities import MEMORY_REFRESH, SESSIONS_WRITE
from soma_hub.ending import ended, ended_by_event
from soma_hub.errors import HubUnavailable
from soma_hub.hook import SomaHubHook
from soma_hub.outcomes import Watched
from soma_hub.triggers import SessionTrigger

# A session's workflow runs for at most an hour (docs/api.md); a little more lets its end be read.
SESSION_WAIT = timedelta(minutes=65)


class StartSessionOperator(BaseOperator):
    """
    POST /v1/sessions (capability sessions:write); the XCom is the session id.

    With ``wait_for_completion`` the task also waits for the session to end (capability sessions:read as well): it
    succeeds when the session COMPLETED and fails, without retries, when it FAILED or was CANCELLED. With
    ``deferrable=True`` the wait is a SessionTrigger's in the triggerer and holds no worker slot; without it the task
    polls every ``poll_interval`` seconds. ``wait_timeout`` bounds the wait.

    The body must depend on the DAG run only (templates of the run, not of the clock): a retry sends it again with
    the same key, and the hub answers another body with the same key with a 422.
    """

    template_fields: Sequence[str] = ("prompt", "capsule_id", "metadata", "callback_url", "soma_hub_conn_id")

    def __init__(
        self,
        *,
        prompt: str,
        capsule_id: str | None = None,
        metadata: dict[str, str] | None = None,
        callback_url: str | None = None,
        soma_hub_conn_id: str = SomaHubHook.default_conn_name,
        wait_for_completion: bool = False,
        deferrable: bool = conf.getboolean("operators", "default_deferrable", fallback=False),
        poll_interval: float = 10.0,
        wait_timeout: timedelta = SESSION_WAIT,
        **kwargs: Any,
    ):
        super().__init__(**kwargs)
        if not poll_interval > 0:
            raise ValueError(f"poll_interval is seconds above 0, got {poll_interval!r}")
        self.prompt = prompt
        self.capsule_id = capsule_id
        self.metadata = metadata
        self.callback_url = callback_url
        self.soma_hub_conn_id = soma_hub_conn_id
        self.wait_for_completion = wait_for_completion
        self.deferrable = deferrable
        self.poll_interval = poll_interval
        self.wait_timeout = wait_timeout

    def execute(self, context: Any) -> str:
        body: dict[str, Any] = {"prompt": self.prompt}
        optional = {"capsule_id": self.capsule_id, "metadata": self.metadata, "callback_url": self.callback_url}
        body.update({name: value for name, value in optional.items() if value is not None})
        hook = SomaHubHook(self.soma_hub_conn_id)
        answer = hook.post("/v1/sessions", body, capability=SESSIONS_WRITE, context=context)
        session_id = answer["body"].get("session_id")
        if not isinstance(session_id, str) or not session_id:
            raise AirflowFailException(f"POST /v1/sessions answered {answer['status']} without a session_id: {answer['body']}")
        if not self.wait_for_completion:
            return session_id
        if self.deferrable:
            self.defer(
                trigger=SessionTrigger(session_id, self.soma_hub_conn_id, float(self.poll_interval)),
                method_name="execute_complete",
                timeout=self.wait_timeout,
            )
        self._wait(hook, Watched("session", session_id), context)
        return session_id

    def _wait(self, hook: SomaHubHook, watched: Watched, context: Any) -> None:
        deadline = time.monotonic() + self.wait_timeout.total_seconds()
        while True:
            try:
                view = hook.get(watched.path, capability=watched.capability, context=context)
            except HubUnavailable as unavailable:
                self.log.warning("%s; polling again", unavailable)
            else:
                outcome = watched.outcome(view)
                if outcome.finished:
                    ended(watched, outcome, view)
                    return
            if time.monotonic() >= deadline:
                # Not a failure of the session: a retry of the task (same key, same session) waits again.
                raise AirflowException(f"session {watched.resource_id} has not ended within {self.wait_timeout}")
            time.sleep(self.poll_interval)

    def execute_complete(self, context: Any, event: Any = None) -> str:
        ended_by_event(event)
        return event["id"]


class RefreshMemoryOperator(BaseOperator):
    """POST /v1/memory/refresh {campaign, force} (capability memory:refresh); the XCom is
    ``{status, body, attempts, idempotency_key}``, ``body`` the hub's answer with the refresh's workflow_id."""

    template_fields: Sequence[str] = ("campaign", "soma_hub_conn_id")

    def __init__(
        self, *, campaign: str, force: bool = False, soma_hub_conn_id: str = SomaHubHook.default_conn_name, **kwargs: Any
    ):
        super().__init__(**kwargs)
        self.campaign = campaign
        self.force = force
        self.soma_hub_conn_id = soma_hub_conn_id

    def execute(self, context: Any) -> dict:
        body = {"campaign": self.campaign, "force": bool(self.force)}
        return SomaHubHook(self.soma_hub_conn_id).post("/v1/memory/refresh", body, capability=MEMORY_REFRESH, context=context)
