"""Whether a session or a campaign the hub reports has ended, and how: one reading for the sensors' pokes, the
operators' waits and the triggers, so that all of them agree."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from soma_hub.capabilities import CAMPAIGNS_WRITE, SESSIONS_READ

Kind = Literal["session", "campaign"]


@dataclass(frozen=True)
class Outcome:
    """``finished`` once the hub says it ended; ``succeeded`` only for a plain success; ``reason`` says why not."""

    finished: bool
    succeeded: bool
    status: str
    reason: str = ""


@dataclass(frozen=True)
class Watched:
    """What a sensor or a trigger watches: the path to GET, the capability that GET needs, how to read the answer."""

    kind: Kind
    resource_id: str

    def __post_init__(self):
        # The id becomes a path segment: anything that could leave it (a slash, a query) is refused, not encoded.
        if not isinstance(self.resource_id, str) or not self.resource_id.strip():
            raise ValueError(f"a {self.kind} id is a non-empty string, got {self.resource_id!r}")
        if any(c in self.resource_id for c in "/?#%") or not self.resource_id.isprintable() or " " in self.resource_id:
            raise ValueError(f"{self.resource_id!r} is not a {self.kind} id")

    @property
    def path(self) -> str:
        return f"/v1/{self.kind}s/{self.resource_id}"

    @property
    def capability(self) -> str:
        return SESSIONS_READ if self.kind == "session" else CAMPAIGNS_WRITE

    def outcome(self, view: dict) -> Outcome:
        return session_outcome(view) if self.kind == "session" else campaign_outcome(view)


def session_outcome(view: dict) -> Outcome:
    """GET /v1/sessions/{id}: RUNNING, then COMPLETED, FAILED (with its error) or CANCELLED (docs/api.md)."""
    status = view.get("status")
    if status == "RUNNING":
        return Outcome(False, False, status)
    if status == "COMPLETED":
        return Outcome(True, True, status)
    if status == "FAILED":
        error = view.get("error") if isinstance(view.get("error"), dict) else {}
        reason = ": ".join(str(part) for part in (error.get("type"), error.get("message")) if part)
        return Outcome(True, False, status, reason or "no error given")
    if status == "CANCELLED":
        return Outcome(True, False, status, "the session was cancelled")
    # Not one the API names: waiting on would wait for ever, so it ends the wait with what the hub said.
    return Outcome(True, False, str(status), f"the hub answered an unknown session status {status!r}")


_CAMPAIGN_RUNNING = frozenset({"RUNNING", "CONTINUED_AS_NEW"})


def campaign_outcome(view: dict) -> Outcome:
    """
    GET /v1/campaigns/{id}: ``status`` is the workflow's (RUNNING, COMPLETED, FAILED, CANCELED, TERMINATED,
    TIMED_OUT), ``phase`` the campaign's. A workflow that completed ended the campaign as ``completed``, or as
    ``rejected``, ``timed_out`` (its approval) or ``failed``: only the first is a success.
    """
    status, phase = view.get("status"), view.get("phase")
    if status in _CAMPAIGN_RUNNING:
        return Outcome(False, False, status)
    if status == "COMPLETED" and phase == "completed":
        return Outcome(True, True, status)
    if status == "COMPLETED":
        approval = view.get("approval") if isinstance(view.get("approval"), dict) else {}
        decided = f" by {approval['decided_by']}" if phase == "rejected" and approval.get("decided_by") else ""
        return Outcome(True, False, status, f"the campaign ended {phase}{decided}")
    return Outcome(True, False, str(status), f"the campaign's workflow ended {status} in phase {phase}")
