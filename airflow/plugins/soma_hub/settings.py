"""How to reach the hub, read from an Airflow connection (AIRFLOW_CONN_SOMA_HUB, JSON form).

    {"conn_type": "http", "host": "api.soma-hub.example.com", "schema": "https",
     "login": "airflow", "password": "<token, or the HS256 secret>",
     "extra": {"auth": "hs256", "tenant": "acme", "token_ttl_seconds": 300,
               "timeout_seconds": 30, "max_attempts": 5, "backoff_seconds": 1, "backoff_max_seconds": 30}}

extra.auth is "token" (default: the password is a bearer token used as it is) or "hs256" (the password is the
hub's HUB_JWT_SECRET; each call gets a token of its own with only the capability it needs).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from soma_hub.credentials import MintedToken, StaticToken
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
    credentials: StaticToken | MintedToken
    timeout_seconds: float = 30.0
    retry: RetryPolicy = RetryPolicy()

    def __post_init__(self):
        if not 0 < self.timeout_seconds <= 300:
            raise HubSettingsError(f"extra.timeout_seconds must be in (0, 300], got {self.timeout_seconds}")


def settings_from_connection(conn: Any) -> HubSettings:
    """Anything with Airflow Connection's attributes: host, schema, port, login, password, extra_dejson."""
    extra = conn.extra_dejson or {}
    unknown = set(extra) - {
        "auth", "tenant", "token_ttl_seconds", "issuer", "audience",
        "timeout_seconds", "max_attempts", "backoff_seconds", "backoff_max_seconds",
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


def _credentials(conn: Any, extra: dict) -> StaticToken | MintedToken:
    secret = conn.password or ""
    if not secret:
        raise HubSettingsError("the connection has no password (a bearer token, or the HS256 secret with auth hs256)")
    auth = extra.get("auth", "token")
    if auth == "token":
        return StaticToken(secret)
    if auth == "hs256":
        return MintedToken(
            secret=secret,
            tenant=str(extra.get("tenant") or ""),
            subject=conn.login or "airflow",
            ttl_seconds=int(_number(extra, "token_ttl_seconds", 300)),
            issuer=extra.get("issuer"),
            audience=extra.get("audience"),
        )
    raise HubSettingsError(f"extra.auth must be 'token' or 'hs256', got {auth!r}")


def _number(extra: dict, key: str, default: float) -> float:
    value = extra.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise HubSettingsError(f"extra.{key} must be a number, got {value!r}")
    try:
        return float(value)
    except ValueError:
        raise HubSettingsError(f"extra.{key} must be a number, got {value!r}") from None
