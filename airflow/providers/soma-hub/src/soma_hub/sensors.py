"""
Sensors that wait for a session or a campaign of the hub to end: they succeed when it succeeded (the XCom is the
hub's last answer) and fail, without retries, when it ended otherwise, with the reason.

Without ``deferrable`` they poke (GET every ``poke_interval`` seconds, in poke or reschedule mode, as any sensor).
With ``deferrable=True`` they look once and, unless it has ended already, defer to a trigger: the triggerer polls
and the task holds no worker slot until the trigger's event resumes it in ``execute_complete``. ``timeout`` bounds
the wait either way (AirflowSensorTimeout).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any, ClassVar

from airflow.sdk import BaseSensorOperator, PokeReturnValue, conf
from airflow.sdk.exceptions import AirflowFailException

from soma_hub.ending import ended, ended_by_event
from soma_hub.errors import HubUnavailable
from soma_hub.hook import SomaHubHook
from soma_hub.outcomes import Kind, Watched
from soma_hub.triggers import CampaignTrigger, HubEndTrigger, SessionTrigger


class HubEndSensor(BaseSensorOperator):
    kind: ClassVar[Kind]
    trigger_class: ClassVar[type[HubEndTrigger]]
    id_field: ClassVar[str]

    def __init__(
        self,
        *,
        soma_hub_conn_id: str = SomaHubHook.default_conn_name,
        deferrable: bool = conf.getboolean("operators", "default_deferrable", fallback=False),
        **kwargs: Any,
    ):
        super().__init__(**kwargs)
        self.soma_hub_conn_id = soma_hub_conn_id
        self.deferrable = deferrable

    def watched(self) -> Watched:
        try:
            return Watched(self.kind, getattr(self, self.id_field))
        except ValueError as error:
            # A bad id (an empty XCom, a template that rendered wrong) stays bad on every retry.
            raise AirflowFailException(str(error)) from error

    def poke(self, context: Any) -> bool | PokeReturnValue:
        watched = self.watched()
        hook = SomaHubHook(self.soma_hub_conn_id)
        try:
            view = hook.get(watched.path, capability=watched.capability, context=context)
        except HubUnavailable as unavailable:
            # The hub may be back at the next poke; the sensor's timeout bounds the wait.
            self.log.warning("%s; poking again", unavailable)
            return False
        outcome = watched.outcome(view)
        if not outcome.finished:
            self.log.info("%s %s is %s", watched.kind, watched.resource_id, outcome.status)
            return False
        return PokeReturnValue(is_done=True, xcom_value=ended(watched, outcome, view))

    def execute(self, context: Any) -> Any:
        if not self.deferrable:
            return super().execute(context)
        # One look first: one that has ended needs no triggerer.
        poked = self.poke(context)
        if poked:
            return poked.xcom_value
        watched = self.watched()
        self.defer(
            trigger=self.trigger_class(watched.resource_id, self.soma_hub_conn_id, float(self.poke_interval)),
            method_name="execute_complete",
            timeout=timedelta(seconds=self.timeout),
        )

    def execute_complete(self, context: Any, event: Any = None) -> dict:
        view = ended_by_event(event)
        self.log.info("%s %s ended %s", self.kind, event.get("id"), event.get("status"))
        return view


class SessionSensor(HubEndSensor):
    """Waits for GET /v1/sessions/{session_id} to say COMPLETED; FAILED and CANCELLED fail the task. Needs a token
    with sessions:read."""

    kind = "session"
    trigger_class = SessionTrigger
    id_field = "session_id"
    template_fields: Sequence[str] = ("session_id", "soma_hub_conn_id")

    def __init__(self, *, session_id: str, **kwargs: Any):
        super().__init__(**kwargs)
        self.session_id = session_id


class CampaignSensor(HubEndSensor):
    """Waits for GET /v1/campaigns/{campaign_id} to say the campaign completed; rejected, timed out, failed or a
    workflow that ended otherwise fail the task. Needs a token with campaigns:write (the hub has no read-only one)."""

    kind = "campaign"
    trigger_class = CampaignTrigger
    id_field = "campaign_id"
    template_fields: Sequence[str] = ("campaign_id", "soma_hub_conn_id")

    def __init__(self, *, campaign_id: str, **kwargs: Any):
        super().__init__(**kwargs)
        self.campaign_id = campaign_id
