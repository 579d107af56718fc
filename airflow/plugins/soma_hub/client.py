"""POSTs to the hub with an Idempotency-Key: retried with exponential backoff on 5xx and connection failures, never
on 4xx. Plain urllib, so the only moving parts are the hub and this file."""

from __future__ import annotations

import json
import logging
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass

from soma_hub.errors import HubRejected, HubUnavailable
from soma_hub.settings import HubSettings

# Under airflow.task, so the Loki handler of soma_hub.loki_logging ships these lines with the task's labels.
log = logging.getLogger("airflow.task.hooks.soma_hub")


@dataclass(frozen=True)
class HubResponse:
    status: int
    body: dict
    attempts: int


class HubClient:
    def __init__(self, settings: HubSettings, sleep: Callable[[float], None] = time.sleep):
        self._settings = settings
        self._sleep = sleep

    def post(
        self, path: str, body: dict, *, capability: str, idempotency_key: str, log_extra: dict | None = None
    ) -> HubResponse:
        """The 2xx answer; HubRejected on a 4xx but 429; HubUnavailable once every attempt failed (5xx, 429, network)."""
        if not path.startswith("/"):
            raise ValueError(f"a hub path starts with '/', got {path!r}")
        url = self._settings.base_url + path
        payload = json.dumps(body).encode("utf-8")
        retry = self._settings.retry
        extra = log_extra or {}
        last_failure = ""
        for attempt in range(1, retry.max_attempts + 1):
            request = urllib.request.Request(url, data=payload, method="POST")
            request.add_header("Content-Type", "application/json")
            request.add_header("Accept", "application/json, application/problem+json")
            request.add_header("Idempotency-Key", idempotency_key)
            # The token per attempt: one renewed in its file meanwhile is used, one expired meanwhile is refused.
            request.add_header("Authorization", "Bearer " + self._settings.credentials.bearer(capability))
            retry_after = None
            try:
                with urllib.request.urlopen(request, timeout=self._settings.timeout_seconds) as answer:
                    status, text = answer.status, answer.read().decode("utf-8", "replace")
                parsed = _json_object(text)
                log.info("POST %s answered %s after %s attempt(s): %s", path, status, attempt, parsed, extra=extra)
                return HubResponse(status, parsed, attempt)
            except urllib.error.HTTPError as error:
                text = error.read().decode("utf-8", "replace")
                # 429: the tenant's rate limit or session quota; the same request may pass later (the key makes
                # the repeat safe), so it is retried like a 5xx, after Retry-After when the hub names one.
                if 400 <= error.code < 500 and error.code != 429:
                    rejected = HubRejected("POST", path, error.code, _json_object(text))
                    log.error("%s", rejected, extra=extra)
                    raise rejected from None
                last_failure = f"{error.code}: {_json_object(text).get('detail') or text[:200]}"
                retry_after = _seconds(error.headers.get("Retry-After"))
            except (urllib.error.URLError, OSError) as error:
                # URLError wraps refused and unresolvable connections; OSError covers timeouts and resets mid-read.
                last_failure = f"{type(error).__name__}: {getattr(error, 'reason', error)}"
            if attempt == retry.max_attempts:
                break
            delay = retry.delay_before(attempt + 1, retry_after)
            log.warning(
                "POST %s failed (%s), attempt %s of %s; retrying in %.1f s",
                path, last_failure, attempt, retry.max_attempts, delay, extra=extra,
            )  # fmt: skip
            self._sleep(delay)
        message = f"POST {path} failed on all {retry.max_attempts} attempts; the last: {last_failure}"
        log.error("%s", message, extra=extra)
        raise HubUnavailable(message)


def _json_object(text: str) -> dict:
    """The answer's JSON object; anything else (an HTML error page from a proxy) is kept as the detail."""
    try:
        value = json.loads(text) if text else {}
    except ValueError:
        return {"detail": text[:500]}
    return value if isinstance(value, dict) else {"detail": text[:500]}


def _seconds(header: str | None) -> float | None:
    try:
        return max(0.0, float(header)) if header else None
    except ValueError:
        return None  # an HTTP date: the backoff alone decides
