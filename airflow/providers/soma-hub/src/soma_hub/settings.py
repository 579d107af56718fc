"""How to reach the hub, read from an Airflow connection (AIRFLOW_CONN_SOMA_HUB, JSON form).

    {"conn_type": "http", "host": "api.soma-hub.example.com", "schema": "https",
     "extra": {"token_file": "/var/run/secrets/soma-hub/token",
               "timeout_seconds": 30, "max_attempts": 5, "backoff_seconds": 1, "backoff_max_seconds": 30}}

The token is a scoped, short-lived one minted for Airflow (credentials.py says what it may hold): in the file
extra.token_file names, read at every call, or in the password. Never the hub's signing secret.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from soma_hub.credentials import ScopedToken, read_token_file
from soma_hub.errors import HubSettingsError


@dataclass(frozen=True)
class RetryPolicy:
    """Attempts in all (the first included) and the exponential backoff between them."""

    max_attempts: int = 5
    backoff_seconds: float = 1.0
    backoff_max_seconds: float = 30.0

    def __post_init__(self):
        if not 1 <= self.max_attempts <= 10:
            raise HubSettingsError(f"extra.max_attempts must be 1..10, got {self.max_attempts}")
        if not 0 <= self.backoff_seconds <= self.backoff_max_seconds <= 600:
            raise HubSettingsError(
                "extra.backoff_seconds and backoff_max_seconds must satisfy 0 <= backoff <= max <= 600, got "
                f"{self.backoff_seconds} and {self.backoff_max_seconds}"
            )

    def delay_before(self, attempt: int, retry_after: float | None = None) -> float:
        """Seconds to wait before attempt 2, 3, ...: doubling from backoff_seconds, at most backoff_max_seconds."""
        delay = self.backoff_seconds * (2 ** (attempt - 2))
        if retry_after is not None:
            delay = max(delay, retry_after)
        return min(delay, self.backoff_max_seconds)


@dataclass(frozen=True)
class HubSettings:
    base_url: str
    credentials: ScopedToken
    timeout_seconds: float = 30.0
    retry: RetryPolicy = RetryPolicy()

    def __post_init__(self):
        if not 0 < self.timeout_seconds <= 300:
            raise HubSettingsError(f"extra.timeout_seconds must be in (0, 300], got {self.timeout_seconds}")


def settings_from_connection(conn: Any) -> HubSettings:
    """Anything with Airflow Connection's attributes: host, schema, port, login, password, extra_dejson."""
    extra = conn.extra_dejson or {}
    if extra.get("auth", "token") != "token":
        # The former hs256 mode put the hub's signing secret into Airflow: a leak of Airflow was a leak of every tenant.
        raise HubSettingsError(
            f"extra.auth {extra['auth']!r} is not supported: Airflow holds a scoped token, never the hub's signing"
            " secret; put one in the password or in extra.token_file and drop auth, tenant and token_ttl_seconds"
            " (docs/airflow.md)"
        )
    unknown = set(extra) - {
        "auth", "token_file", "timeout_seconds", "max_attempts", "backoff_seconds", "backoff_max_seconds",
    }  # fmt: skip
    if unknown:
        raise HubSettingsError(f"unknown keys in the connection's extra: {sorted(unknown)}")
    return HubSettings(
        base_url=_base_url(conn),
        credentials=_credentials(conn, extra),
        timeout_seconds=_number(extra, "timeout_seconds", 30.0),
        retry=RetryPolicy(
            max_attempts=int(_number(extra, "max_attempts", 5)),
            backoff_seconds=_number(extra, "backoff_seconds", 1.0),
            backoff_max_seconds=_number(extra, "backoff_max_seconds", 30.0),
        ),
    )


def _base_url(conn: Any) -> str:
    host = (conn.host or "").strip()
    if not host:
        raise HubSettingsError("the connection has no host (the hub's gateway, e.g. api.soma-hub.example.com)")
    if "://" in host:
        parts = urlsplit(host)
        scheme, netloc, prefix = parts.scheme, parts.netloc, parts.path.rstrip("/")
    else:
        scheme, netloc, prefix = (conn.schema or "https"), host, ""
        if conn.port:
            netloc = f"{host}:{conn.port}"
    if scheme not in ("http", "https"):
        raise HubSettingsError(f"the connection's schema must be http or https, got {scheme!r}")
    return f"{scheme}://{netloc}{prefix}"


def _credentials(conn: Any, extra: dict) -> ScopedToken:
    password, path = conn.password or "", extra.get("token_file") or ""
    if password and path:
        raise HubSettingsError("the token is in the password or in extra.token_file, not in both")
    if path:
        read_token_file(path)  # refused now, with the reason, rather than at the first call
        return ScopedToken(path=path)
    if not password:
        raise HubSettingsError("the connection has no token: put a scoped token in the password or extra.token_file")
    return ScopedToken(token=password)


def _number(extra: dict, key: str, default: float) -> float:
    value = extra.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise HubSettingsError(f"extra.{key} must be a number, got {value!r}")
    try:
        return float(value)
    except ValueError:
        raise HubSettingsError(f"extra.{key} must be a number, got {value!r}") from None
