"""What a task does with the end of a session or a campaign, however it learnt it: from a poke, a blocking wait or
a trigger's event. A success is the answer itself (the task's XCom); any other end fails the task without Airflow
retries, since a retry would find the same end."""

from __future__ import annotations

import logging
from typing import Any

from airflow.sdk.exceptions import AirflowFailException

from soma_hub.outcomes import Outcome, Watched
from soma_hub.triggers import ERROR, FAILED, SUCCEEDED

# Under airflow.task, as the hook's lines: the reason is a line of the task's log of its own, shipped to Loki, and not
# only a field of the exception's record.
log = logging.getLogger("airflow.task.hooks.soma_hub")


def ended(watched: Watched, outcome: Outcome, view: dict) -> dict:
    if outcome.succeeded:
        return view
    raise _failure(f"{watched.kind} {watched.resource_id} ended {outcome.status}: {outcome.reason}")


def ended_by_event(event: Any) -> dict:
    """The payload of a HubEndTrigger's event; anything else (a bad or missing payload) fails with what it was."""
    if not isinstance(event, dict) or event.get("outcome") not in (SUCCEEDED, FAILED, ERROR):
        raise _failure(f"the trigger's event is not one of a soma_hub trigger: {event!r}")
    name = f"{event.get('kind')} {event.get('id')}"
    if event["outcome"] == SUCCEEDED:
        return event.get("view") or {}
    if event["outcome"] == ERROR:
        raise _failure(f"waiting for {name} failed: {event.get('reason')}")
    raise _failure(f"{name} ended {event.get('status')}: {event.get('reason')}")


def _failure(message: str) -> AirflowFailException:
    log.error("%s", message)
    return AirflowFailException(message)
