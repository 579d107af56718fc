"""Blocking calls to the hub, made by tasks: POSTs with an Idempotency-Key and GETs, retried with exponential backoff
on 5xx, 429 and connection failures, never on another 4xx. Plain urllib, so the only moving parts are the hub and
this file. The triggers use async_client.py instead, which polls on and never blocks the triggerer's loop."""

from __future__ import annotations

import json
import logging
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass

from soma_hub.answers import is_retried, json_object, retry_after_seconds
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
        payload = json.dumps(body).encode("utf-8")
        headers = {"Content-Type": "application/json", "Idempotency-Key": idempotency_key}
        return self._call("POST", path, payload, headers, capability, log_extra or {})

    def get(self, path: str, *, capability: str, log_extra: dict | None = None) -> HubResponse:
        """As post, for a read: retrying it is always safe."""
        return self._call("GET", path, None, {}, capability, log_extra or {})

    def _call(
        self, method: str, path: str, payload: bytes | None, headers: dict, capability: str, extra: dict
    ) -> HubResponse:
        if not path.startswith("/"):
            raise ValueError(f"a hub path starts with '/', got {path!r}")
        url = self._settings.base_url + path
        retry = self._settings.retry
        last_failure = ""
        for attempt in range(1, retry.max_attempts + 1):
            request = urllib.request.Request(url, data=payload, method=method)
            for name, value in headers.items():
                request.add_header(name, value)
            request.add_header("Accept", "application/json, application/problem+json")
            # The token per attempt: one renewed in its file meanwhile is used, one expired meanwhile is refused.
            request.add_header("Authorization", "Bearer " + self._settings.credentials.bearer(capability))
            retry_after = None
            try:
                with urllib.request.urlopen(request, timeout=self._settings.timeout_seconds) as answer:
                    status, text = answer.status, answer.read().decode("utf-8", "replace")
                parsed = json_object(text)
                log.info("%s %s answered %s after %s attempt(s): %s", method, path, status, attempt, parsed, extra=extra)
                return HubResponse(status, parsed, attempt)
            except urllib.error.HTTPError as error:
                text = error.read().decode("utf-8", "replace")
                # 429: the tenant's rate limit or session quota; the same request may pass later (a POST's key makes
                # the repeat safe), so it is retried like a 5xx, after Retry-After when the hub names one.
                if not is_retried(error.code):
                    rejected = HubRejected(method, path, error.code, json_object(text))
                    log.error("%s", rejected, extra=extra)
                    raise rejected from None
                last_failure = f"{error.code}: {json_object(text).get('detail') or text[:200]}"
                retry_after = retry_after_seconds(error.headers.get("Retry-After"))
            except (urllib.error.URLError, OSError) as error:
                # URLError wraps refused and unresolvable connections; OSError covers timeouts and resets mid-read.
                last_failure = f"{type(error).__name__}: {getattr(error, 'reason', error)}"
            if attempt == retry.max_attempts:
                break
            delay = retry.delay_before(attempt + 1, retry_after)
            log.warning(
                "%s %s failed (%s), attempt %s of %s; retrying in %.1f s",
                method, path, last_failure, attempt, retry.max_attempts, delay, extra=extra,
            )  # fmt: skip
            self._sleep(delay)
        message = f"{method} {path} failed on all {retry.max_attempts} attempts; the last: {last_failure}"
        log.error("%s", message, extra=extra)
        raise HubUnavailable(message)
