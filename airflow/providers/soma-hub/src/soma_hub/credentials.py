"""The bearer token of a hub call: a scoped, short-lived token minted for Airflow, never the hub's signing secret.

The hook cannot verify the token (the hub holds the key), but it reads the claims before each call and refuses a
token that would let Airflow do more than the provider's operators can, that lives longer than a week, or that has
expired, saying what to mint instead (such a token is never sent); in the last quarter of its life it warns to renew
it. The triggers read it the same way, in the triggerer, at every poll.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from soma_hub.capabilities import DAG_CAPABILITIES, PROVIDER_CAPABILITIES
from soma_hub.errors import HubSettingsError

MAX_LIFETIME_SECONDS = 7 * 24 * 3600
MINT = "./hub token --tenant T --sub airflow --cap " + ",".join(sorted(DAG_CAPABILITIES)) + " --ttl 24h"

log = logging.getLogger("airflow.task.hooks.soma_hub")


@dataclass(frozen=True)
class ScopedToken:
    """The connection's password, or the file extra.token_file names, read at every call so that a token renewed in
    place (a mounted Kubernetes Secret) is used without a restart."""

    token: str | None = field(default=None, repr=False)
    path: str | None = None
    clock: Callable[[], float] = time.time

    def bearer(self, capability: str) -> str:
        token = self.token if self.token is not None else read_token_file(self.path)
        check(claims_of(token), capability, self.clock())
        return token


def read_token_file(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8").strip()
    except OSError as error:
        raise HubSettingsError(f"extra.token_file {path} cannot be read: {error.strerror or error}") from None


def claims_of(token: str) -> dict:
    """The claims, unverified: the hub verifies the signature, this only reads what the token grants."""
    parts = token.split(".")
    try:
        if len(parts) != 3:
            raise ValueError
        claims = json.loads(base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4)))
    except (ValueError, binascii.Error, UnicodeDecodeError):
        claims = None
    if not isinstance(claims, dict):
        raise HubSettingsError(f"the hub token is not a JWT (never the signing secret): mint one with {MINT}")
    return claims


def check(claims: dict, capability: str, now: float) -> None:
    granted = claims.get("capabilities")
    if not isinstance(granted, list) or not all(isinstance(c, str) for c in granted):
        raise HubSettingsError(f"the hub token has no capabilities array; mint one with {MINT}")
    broader = sorted(set(granted) - PROVIDER_CAPABILITIES)
    if broader:
        raise HubSettingsError(
            f"the hub token also grants {broader}, which no operator of the provider needs; mint one with only what"
            f" the DAGs need: {MINT}"
        )
    if capability not in granted:
        raise HubSettingsError(f"the hub token lacks {capability}, which this task needs; mint one with {MINT}")
    expires = claims.get("exp")
    if not isinstance(expires, (int, float)) or isinstance(expires, bool):
        raise HubSettingsError(f"the hub token never expires (no exp); mint one with {MINT}")
    if expires <= now:
        raise HubSettingsError(f"the hub token expired at {_utc(expires)}; renew it: {MINT}")
    issued = claims.get("iat")
    start = issued if isinstance(issued, (int, float)) and not isinstance(issued, bool) else now
    if expires - start > MAX_LIFETIME_SECONDS:
        days = (expires - start) / 86400
        raise HubSettingsError(f"the hub token lives {days:.1f} days, at most 7 are allowed; mint one with {MINT}")
    if expires - now < (expires - start) / 4:
        hours = (expires - now) / 3600
        log.warning("the hub token expires at %s, in %.1f h: renew it (%s)", _utc(expires), hours, MINT)


def _utc(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, tz=timezone.utc).isoformat(timespec="seconds")
