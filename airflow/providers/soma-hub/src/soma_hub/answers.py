"""Reading the hub's answers, the same for the blocking client and the triggers' async one."""

from __future__ import annotations

import json


def json_object(text: str) -> dict:
    """The answer's JSON object; anything else (an HTML error page from a proxy) is kept as the detail."""
    try:
        value = json.loads(text) if text else {}
    except ValueError:
        return {"detail": text[:500]}
    return value if isinstance(value, dict) else {"detail": text[:500]}


def retry_after_seconds(header: str | None) -> float | None:
    try:
        return max(0.0, float(header)) if header else None
    except ValueError:
        return None  # an HTTP date: the backoff alone decides


def is_retried(status: int) -> bool:
    """5xx, and 429 (the tenant's rate limit or session quota: the same request may pass later); any other 4xx is
    the request's own fault, and the same request would be refused again."""
    return status >= 500 or status == 429
