"""One GET to the hub from a trigger, on the triggerer's event loop (httpx, which Airflow itself depends on). It makes
one attempt and says how it went; the trigger decides when to poll again, so no retry loop here sleeps."""

from __future__ import annotations

import asyncio

import httpx

from soma_hub.answers import is_retried, json_object, retry_after_seconds
from soma_hub.errors import HubRejected, HubUnavailable
from soma_hub.settings import HubSettings


class AsyncHubReader:
    """Used as ``async with AsyncHubReader(settings) as reader``: one connection pool for every poll of a trigger."""

    def __init__(self, settings: HubSettings, transport: httpx.AsyncBaseTransport | None = None):
        self._settings = settings
        self._http = httpx.AsyncClient(timeout=settings.timeout_seconds, transport=transport, follow_redirects=False)

    async def __aenter__(self) -> AsyncHubReader:
        return self

    async def __aexit__(self, *exc) -> None:
        await self._http.aclose()

    async def get(self, path: str, *, capability: str) -> dict:
        """The 2xx answer's JSON object; HubRejected on a 4xx but 429; HubUnavailable on a 5xx, a 429 or no answer."""
        if not path.startswith("/"):
            raise ValueError(f"a hub path starts with '/', got {path!r}")
        # Read per poll (a renewed file is used, an expired token refused), off the loop: it may be a file read.
        token = await asyncio.to_thread(self._settings.credentials.bearer, capability)
        headers = {"Authorization": "Bearer " + token, "Accept": "application/json, application/problem+json"}
        try:
            answer = await self._http.get(self._settings.base_url + path, headers=headers)
        except httpx.HTTPError as error:
            # Refused, reset, unresolvable, timed out: the hub may be back at the next poll.
            raise HubUnavailable(f"GET {path}: {type(error).__name__}: {error or 'no answer'}") from None
        body = json_object(answer.text)
        if answer.is_success:
            return body
        if not is_retried(answer.status_code):
            raise HubRejected("GET", path, answer.status_code, body)
        detail = body.get("detail") or answer.text[:200]
        raise HubUnavailable(
            f"GET {path}: {answer.status_code}: {detail}", retry_after_seconds(answer.headers.get("Retry-After"))
        )
