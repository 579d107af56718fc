"""What a call to the hub can end in besides a 2xx answer."""

from __future__ import annotations


class HubSettingsError(ValueError):
    """The Airflow connection does not describe a usable hub (missing host, no credentials, bad numbers)."""


class HubRejected(Exception):
    """A 4xx: the request itself is wrong, so retrying it cannot help. Carries the problem+json answer."""

    def __init__(self, method: str, path: str, status: int, problem: dict):
        self.status = status
        self.problem = problem
        detail = problem.get("detail") or problem.get("title") or "no detail"
        extras = {k: v for k, v in problem.items() if k not in ("type", "title", "status", "detail", "instance")}
        suffix = f" {extras}" if extras else ""
        super().__init__(f"{method} {path} was refused with {status}: {detail}{suffix}")


class HubUnavailable(Exception):
    """5xx or 429 answers, or connection failures: on every attempt (the client), or on one poll (the triggers, which
    poll again after a backoff). ``retry_after`` is the hub's Retry-After in seconds, when it named one."""

    def __init__(self, message: str, retry_after: float | None = None):
        super().__init__(message)
        self.retry_after = retry_after
