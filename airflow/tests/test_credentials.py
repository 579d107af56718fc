import logging
import time

import jwt
import pytest

from soma_hub.credentials import MAX_LIFETIME_SECONDS, ScopedToken
from soma_hub.errors import HubSettingsError
from tokens import DAG_CAPABILITIES, scoped_token

NOW = 1_800_000_000


def token(capabilities=DAG_CAPABILITIES, ttl=86400, **claims):
    return scoped_token(capabilities, now=NOW, ttl=ttl, **claims)


def bearer(value, capability="memory:refresh"):
    return ScopedToken(token=value, clock=lambda: NOW).bearer(capability)


def test_a_token_with_the_dags_capabilities_or_fewer_or_the_campaign_sensors_is_sent_as_it_is():
    for granted in [DAG_CAPABILITIES, ("memory:refresh",), (*DAG_CAPABILITIES, "campaigns:write")]:
        scoped = token(granted)
        assert bearer(scoped) == scoped


@pytest.mark.parametrize(
    "value, capability, complaint",
    [
        (token((*DAG_CAPABILITIES, "memory:write")), "memory:refresh", r"also grants \['memory:write'\]"),
        (token(("memory:refresh", "moderation:bypass")), "memory:refresh", "moderation:bypass"),
        (token(("memory:refresh",)), "sessions:write", "lacks sessions:write"),
        (token(ttl=-1), "memory:refresh", "expired at 2027-01-15T07:59:59"),
        (token(ttl=8 * 86400), "memory:refresh", "lives 8.0 days, at most 7"),
        (token(exp=None), "memory:refresh", "never expires"),
        (token(capabilities="memory:refresh"), "memory:refresh", "no capabilities array"),
        ("the-hubs-signing-secret-" + "s" * 40, "memory:refresh", "not a JWT"),
        ("a.b.c", "memory:refresh", "not a JWT"),
    ],
)
def test_a_token_broader_longer_lived_or_expired_is_refused_before_any_call(value, capability, complaint):
    with pytest.raises(HubSettingsError, match=complaint) as refused:
        bearer(value, capability)
    assert "./hub token --tenant T --sub airflow --cap memory:refresh,sessions:read,sessions:write --ttl 24h" in str(refused.value)


def test_a_week_is_the_longest_life_and_without_iat_the_rest_of_it_counts():
    assert bearer(token(ttl=MAX_LIFETIME_SECONDS))
    with pytest.raises(HubSettingsError, match="lives 8.0 days"):
        bearer(token(iat=None, ttl=8 * 86400))


def test_a_token_close_to_its_expiry_is_sent_with_a_warning_to_renew_it(caplog):
    with caplog.at_level(logging.WARNING, logger="airflow.task.hooks.soma_hub"):
        bearer(token(ttl=3600))
        assert not caplog.records
        ScopedToken(token=token(ttl=86400), clock=lambda: NOW + 80000).bearer("sessions:write")
    assert "expires at 2027-01-16T08:00:00+00:00, in 1.8 h: renew it" in caplog.text


def test_a_token_file_is_read_at_every_call_so_a_renewed_token_is_used_at_once(tmp_path):
    path = tmp_path / "token"
    path.write_text(token(jti="first") + "\n")
    scoped = ScopedToken(path=str(path), clock=lambda: NOW)
    assert jwt.decode(scoped.bearer("memory:refresh"), options={"verify_signature": False})["jti"] == "first"
    path.write_text(token(jti="renewed"))
    assert jwt.decode(scoped.bearer("memory:refresh"), options={"verify_signature": False})["jti"] == "renewed"
    path.unlink()
    with pytest.raises(HubSettingsError, match="cannot be read"):
        scoped.bearer("memory:refresh")


def test_the_token_is_never_printed():
    scoped = token()
    assert scoped not in repr(ScopedToken(token=scoped)) and "eyJ" not in repr(ScopedToken(token=scoped))


def test_the_clock_is_real_time_by_default():
    assert ScopedToken(token=token(iat=int(time.time()), exp=int(time.time()) + 60)).bearer("memory:refresh")
