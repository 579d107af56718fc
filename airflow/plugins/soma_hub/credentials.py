"""The bearer token of a hub call: a static one, or one minted per call from the shared HS256 secret."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import jwt

from soma_hub.errors import HubSettingsError

# The hub refuses HS256 secrets under 32 bytes (RFC 7518 section 3.2), so a shorter one is refused here already.
MIN_SECRET_BYTES = 32
MIN_TTL_SECONDS = 30
MAX_TTL_SECONDS = 3600


@dataclass(frozen=True)
class StaticToken:
    """A token issued elsewhere; it carries whatever capabilities it was issued with."""

    token: str = field(repr=False)

    def bearer(self, capability: str) -> str:
        return self.token


@dataclass(frozen=True)
class MintedToken:
    """Signs a short-lived token for each call, holding only the one capability that call needs."""

    secret: str = field(repr=False)
    tenant: str
    subject: str
    ttl_seconds: int = 300
    issuer: str | None = None
    audience: str | None = None
    clock: Callable[[], float] = time.time

    def __post_init__(self):
        if len(self.secret.encode("utf-8")) < MIN_SECRET_BYTES:
            raise HubSettingsError(f"the HS256 secret must be at least {MIN_SECRET_BYTES} bytes")
        if not self.tenant:
            raise HubSettingsError("minting a token needs extra.tenant")
        if not self.subject:
            raise HubSettingsError("minting a token needs a subject (the connection's login)")
        if not MIN_TTL_SECONDS <= self.ttl_seconds <= MAX_TTL_SECONDS:
            raise HubSettingsError(
                f"extra.token_ttl_seconds must be {MIN_TTL_SECONDS}..{MAX_TTL_SECONDS}, got {self.ttl_seconds}"
            )

    def bearer(self, capability: str) -> str:
        now = int(self.clock())
        claims = {
            "sub": self.subject,
            "tenant_id": self.tenant,
            "capabilities": [capability],
            "iat": now,
            "exp": now + self.ttl_seconds,
        }
        if self.issuer:
            claims["iss"] = self.issuer
        if self.audience:
            claims["aud"] = self.audience
        return jwt.encode(claims, self.secret, algorithm="HS256")
