import time

import jwt
import pytest

from soma_hub.credentials import MintedToken, StaticToken
from soma_hub.errors import HubSettingsError

SECRET = "s" * 48


def decode(token):
    return jwt.decode(token, SECRET, algorithms=["HS256"], options={"verify_aud": False})


def test_a_minted_token_holds_only_the_capability_of_the_call_and_lives_minutes():
    now = int(time.time())
    minted = MintedToken(secret=SECRET, tenant="acme", subject="airflow", ttl_seconds=300, clock=lambda: now)
    claims = decode(minted.bearer("memory:refresh"))
    assert claims["capabilities"] == ["memory:refresh"]
    assert (claims["tenant_id"], claims["sub"]) == ("acme", "airflow")
    assert claims["iat"] == now and claims["exp"] - claims["iat"] == 300
    assert jwt.get_unverified_header(minted.bearer("sessions:write"))["alg"] == "HS256"
    assert decode(minted.bearer("sessions:write"))["capabilities"] == ["sessions:write"]


def test_a_minted_token_is_signed_with_the_secret_only():
    token = MintedToken(secret=SECRET, tenant="acme", subject="airflow").bearer("memory:refresh")
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(token, "t" * 48, algorithms=["HS256"])


def test_issuer_and_audience_are_set_when_configured():
    minted = MintedToken(secret=SECRET, tenant="acme", subject="airflow", issuer="airflow", audience="soma-hub")
    claims = jwt.decode(minted.bearer("sessions:write"), SECRET, algorithms=["HS256"], audience="soma-hub")
    assert claims["iss"] == "airflow"


@pytest.mark.parametrize(
    "arguments, complaint",
    [
        ({"secret": "short"}, "at least 32 bytes"),
        ({"tenant": ""}, "extra.tenant"),
        ({"subject": ""}, "subject"),
        ({"ttl_seconds": 5}, "30..3600"),
        ({"ttl_seconds": 86400}, "30..3600"),
    ],
)
def test_bad_minting_settings_are_refused(arguments, complaint):
    with pytest.raises(HubSettingsError, match=complaint):
        MintedToken(**{"secret": SECRET, "tenant": "acme", "subject": "airflow", **arguments})


def test_a_static_token_is_sent_as_it_is_and_never_printed():
    static = StaticToken("eyJ.static.token")
    assert static.bearer("memory:refresh") == "eyJ.static.token"
    assert "eyJ" not in repr(static) and SECRET not in repr(MintedToken(secret=SECRET, tenant="a", subject="b"))
