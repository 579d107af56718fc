from types import SimpleNamespace

import pytest

from soma_hub.credentials import ScopedToken
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


def test_the_token_is_the_password_or_the_file_extra_token_file_names(tmp_path):
    assert settings_from_connection(connection()).credentials == ScopedToken(token="tok")
    assert settings_from_connection(connection(extra={"auth": "token"})).credentials == ScopedToken(token="tok")
    path = tmp_path / "token"
    path.write_text("tok")
    assert settings_from_connection(connection(password=None, extra={"token_file": str(path)})).credentials == (
        ScopedToken(path=str(path))
    )


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
        ({"password": ""}, "no token"),
        ({"extra": {"auth": "hs256", "tenant": "acme"}, "password": SECRET}, "never the hub's signing secret"),
        ({"extra": {"auth": "hs256"}, "password": SECRET}, "never the hub's signing secret"),
        ({"extra": {"token_file": "/nonexistent/token"}, "password": None}, "cannot be read"),
        ({"extra": {"token_file": "/any/token"}}, "not in both"),
        ({"extra": {"tenant": "acme"}}, "unknown keys"),
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
