"""What a task does with the end of a session or a campaign, however it learnt it: from a poke, a blocking wait or
a trigger's event. A success is the answer itself (the task's XCom); any other end fails the task without Airflow
retries, since a retry would find the same end."""

from __future__ import annotations

from typing import Any

from airflow.sdk.exceptions import AirflowFailException

from soma_hub.outcomes import Outcome, Watched
from soma_hub.triggers import ERROR, FAILED, SUCCEEDED


def ended(watched: Watched, outcome: Outcome, view: dict) -> dict:
    if outcome.succeeded:
        return view
    raise AirflowFailException(f"{watched.kind} {watched.resource_id} ended {outcome.status}: {outcome.reason}")


def ended_by_event(event: Any) -> dict:
    """The payload of a HubEndTrigger's event; anything else (a bad or missing payload) fails with what it was."""
    if not isinstance(event, dict) or event.get("outcome") not in (SUCCEEDED, FAILED, ERROR):
        raise AirflowFailException(f"the trigger's event is not one of a soma_hub trigger: {event!r}")
    name = f"{event.get('kind')} {event.get('id')}"
    if event["outcome"] == SUCCEEDED:
        return event.get("view") or {}
    if event["outcome"] == ERROR:
        raise AirflowFailException(f"waiting for {name} failed: {event.get('reason')}")
    raise AirflowFailException(f"{name} ended {event.get('status')}: {event.get('reason')}")
