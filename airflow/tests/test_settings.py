from types import SimpleNamespace

import pytest

from soma_hub.credentials import MintedToken, StaticToken
from soma_hub.errors import HubSettingsError
from soma_hub.settings import settings_from_connection

SECRET = "s" * 48


def connection(**fields):
    values = {"host": "api.soma-hub.example.com", "schema": None, "port": None, "login": None, "password": "tok"}
    extra = fields.pop("extra", {})
    values.update(fields)
    return SimpleNamespace(extra_dejson=extra, **values)


def test_host_schema_and_port_make_the_base_url():
    assert settings_from_connection(connection()).base_url == "https://api.soma-hub.example.com"
    assert settings_from_connection(connection(host="127.0.0.1", schema="http", port=8080)).base_url == (
        "http://127.0.0.1:8080"
    )
    assert settings_from_connection(connection(host="http://gw.local:81/prefix/")).base_url == "http://gw.local:81/prefix"


def test_the_password_is_a_static_token_by_default_and_a_secret_with_auth_hs256():
    assert isinstance(settings_from_connection(connection()).credentials, StaticToken)
    minted = settings_from_connection(
        connection(password=SECRET, login="airflow-prod", extra={"auth": "hs256", "tenant": "acme", "token_ttl_seconds": 120})
    ).credentials
    assert isinstance(minted, MintedToken)
    assert (minted.tenant, minted.subject, minted.ttl_seconds) == ("acme", "airflow-prod", 120)


def test_retry_and_timeout_settings_come_from_extra():
    settings = settings_from_connection(
        connection(extra={"timeout_seconds": "12", "max_attempts": 3, "backoff_seconds": 0.5, "backoff_max_seconds": 4})
    )
    assert settings.timeout_seconds == 12.0
    assert (settings.retry.max_attempts, settings.retry.backoff_seconds, settings.retry.backoff_max_seconds) == (3, 0.5, 4)


@pytest.mark.parametrize(
    "fields, complaint",
    [
        ({"host": ""}, "no host"),
        ({"host": None}, "no host"),
        ({"schema": "ftp"}, "http or https"),
        ({"host": "grpc://gw:1"}, "http or https"),
        ({"password": ""}, "no password"),
        ({"extra": {"auth": "basic"}}, "'token' or 'hs256'"),
        ({"extra": {"auth": "hs256"}, "password": SECRET}, "extra.tenant"),
        ({"extra": {"auth": "hs256", "tenant": "acme"}}, "at least 32 bytes"),
        ({"extra": {"tenant_id": "acme"}}, "unknown keys"),
        ({"extra": {"max_attempts": "many"}}, "must be a number"),
        ({"extra": {"max_attempts": True}}, "must be a number"),
        ({"extra": {"max_attempts": 0}}, "1..10"),
        ({"extra": {"timeout_seconds": 0}}, r"\(0, 300\]"),
        ({"extra": {"backoff_seconds": 10, "backoff_max_seconds": 5}}, "backoff <= max"),
    ],
)
def test_a_connection_that_cannot_work_is_refused_with_the_reason(fields, complaint):
    with pytest.raises(HubSettingsError, match=complaint):
        settings_from_connection(connection(**fields))
