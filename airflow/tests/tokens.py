"""Tokens as Airflow gets them: signed by the hub (or its identity provider) with a key Airflow never holds."""

import time

import jwt

DAG_CAPABILITIES = ("memory:refresh", "sessions:read", "sessions:write")


def scoped_token(capabilities=DAG_CAPABILITIES, *, now=None, ttl=86400, **claims):
    issued = int(time.time()) if now is None else now
    body = {"sub": "airflow", "tenant_id": "acme", "capabilities": capabilities, "iat": issued, "exp": issued + ttl}
    return jwt.encode({**body, **claims}, "the-hubs-key-" + "k" * 40, algorithm="HS256")
