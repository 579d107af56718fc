"""
Triggers that wait in the triggerer for a session or a campaign to end, so that a deferred task holds no worker slot.

A trigger is stored in Airflow's database as its class path and keyword arguments, and rebuilt in the triggerer: those
are the id, the connection's id and the poll interval, never the token. The triggerer reads the connection itself and
the token at every poll, as the hook does.

Every poll has a defined answer. The end of the session or campaign, a 4xx (no such id, a token without the
capability) or a connection that cannot be used each yield one event and end the trigger; the task then succeeds or
fails with the reason. A 5xx, a 429 or no answer are logged and polled again after a doubling wait (the connection's
backoff_seconds up to backoff_max_seconds, longer when the hub's Retry-After says so): the hub may come back, and
the deferral's timeout bounds the wait. Nothing a poll meets escapes run(), so the triggerer carries on.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any, ClassVar

from airflow.triggers.base import BaseTrigger, TriggerEvent

from soma_hub.async_client import AsyncHubReader
from soma_hub.errors import HubRejected, HubSettingsError, HubUnavailable
from soma_hub.hook import SomaHubHook
from soma_hub.outcomes import Kind, Watched

# The event's "outcome": the task succeeds on SUCCEEDED only.
SUCCEEDED = "succeeded"
FAILED = "failed"  # the session or campaign ended otherwise (FAILED, CANCELLED, rejected, ...)
ERROR = "error"  # the hub refused the read (4xx) or the connection is unusable: nothing was learnt about the end


class HubEndTrigger(BaseTrigger):
    """Polls GET /v1/{kind}s/{id} every ``poll_interval`` seconds until it reports an end."""

    kind: ClassVar[Kind]

    def __init__(self, resource_id: str, soma_hub_conn_id: str = SomaHubHook.default_conn_name, poll_interval: float = 10.0):
        super().__init__()
        self.watched = Watched(self.kind, resource_id)
        if isinstance(poll_interval, bool) or not isinstance(poll_interval, (int, float)) or not 0 < poll_interval <= 86400:
            raise ValueError(f"poll_interval is seconds in (0, 86400], got {poll_interval!r}")
        self.resource_id = resource_id
        self.soma_hub_conn_id = soma_hub_conn_id
        self.poll_interval = float(poll_interval)

    def serialize(self) -> tuple[str, dict[str, Any]]:
        return (
            f"{type(self).__module__}.{type(self).__qualname__}",
            {"resource_id": self.resource_id, "soma_hub_conn_id": self.soma_hub_conn_id, "poll_interval": self.poll_interval},
        )

    async def run(self) -> AsyncIterator[TriggerEvent]:
        try:
            event = await self._wait_for_the_end()
        except asyncio.CancelledError:
            raise  # the triggerer stops the trigger (timeout, reassignment): nothing to report
        except Exception as error:  # noqa: BLE001 - anything unforeseen ends this wait with its reason, never the triggerer
            self.log.exception("waiting for %s %s failed", self.kind, self.resource_id)
            event = self._event(ERROR, "", f"waiting for {self.kind} {self.resource_id} failed: {error!r}")
        yield TriggerEvent(event)

    async def _wait_for_the_end(self) -> dict:
        watched = self.watched
        try:
            settings = await SomaHubHook.asettings(self.soma_hub_conn_id)
        except HubSettingsError as error:
            return self._event(ERROR, "", f"the connection {self.soma_hub_conn_id!r} cannot be used: {error}")
        failures = 0
        async with AsyncHubReader(settings) as reader:
            while True:
                try:
                    view = await reader.get(watched.path, capability=watched.capability)
                except (HubRejected, HubSettingsError) as error:
                    return self._event(ERROR, "", str(error))
                except HubUnavailable as unavailable:
                    failures += 1
                    delay = max(
                        settings.retry.delay_before(min(failures, 30) + 1, unavailable.retry_after), self.poll_interval
                    )
                    self.log.warning("%s; poll %s failed in a row, polling again in %.1f s", unavailable, failures, delay)
                    await asyncio.sleep(delay)
                    continue
                failures = 0
                outcome = watched.outcome(view)
                if outcome.finished:
                    self.log.info("%s %s ended %s", self.kind, self.resource_id, outcome.status)
                    return self._event(SUCCEEDED if outcome.succeeded else FAILED, outcome.status, outcome.reason, view)
                self.log.debug("%s %s is %s", self.kind, self.resource_id, outcome.status)
                await asyncio.sleep(self.poll_interval)

    def _event(self, outcome: str, status: str, reason: str, view: dict | None = None) -> dict:
        return {"outcome": outcome, "kind": self.kind, "id": self.resource_id, "status": status, "reason": reason, "view": view}


class SessionTrigger(HubEndTrigger):
    """Until GET /v1/sessions/{id} says COMPLETED, FAILED or CANCELLED (capability sessions:read)."""

    kind = "session"


class CampaignTrigger(HubEndTrigger):
    """Until GET /v1/campaigns/{id} says the campaign's workflow ended (capability campaigns:write)."""

    kind = "campaign"
