"""Expired access tokens are refreshed once, the rotated pair is saved, and tokens never leak."""

import logging
import time

import pytest

from koppeling.connectors.base import ConnectorError


def test_it_refreshes_after_a_401_and_saves_the_new_pair(simulator, make_target, oauth_credentials, saved):
    simulator.expire_token(oauth_credentials["access_token"])
    target = make_target(credentials=oauth_credentials)

    options = target.administrations()

    assert [o.label for o in options] == ["Demo Webwinkel B.V."]
    assert len(saved) == 1
    assert saved[0]["access_token"] != oauth_credentials["access_token"]
    assert saved[0]["refresh_token"] != oauth_credentials["refresh_token"]
    assert target.credentials == saved[0]


def test_the_old_refresh_token_is_refused_after_rotation(simulator, make_target, oauth_credentials, saved):
    simulator.expire_token(oauth_credentials["access_token"])
    make_target(credentials=dict(oauth_credentials)).administrations()
    saved.clear()

    with pytest.raises(ConnectorError) as refused:
        make_target(credentials=oauth_credentials).administrations()

    assert refused.value.permanent and refused.value.code == "ACCOUNTING_AUTH"
    assert saved == []


def test_it_refreshes_ahead_when_the_token_is_about_to_expire(simulator, make_target, oauth_credentials,
                                                               saved):
    credentials = {**oauth_credentials, "expires_at": int(time.time()) + 10}

    make_target(credentials=credentials).administrations()

    assert len(saved) == 1 and saved[0]["access_token"] != credentials["access_token"]
    assert simulator.api_log == ["GET /api/v2/administrations.json"]


def test_without_refresh_token_a_refused_token_is_permanent(simulator, target):
    simulator.expire_token(target.credentials["access_token"])

    with pytest.raises(ConnectorError) as refused:
        target.administrations()

    assert refused.value.permanent and refused.value.code == "ACCOUNTING_AUTH"
    assert refused.value.status == 401


def test_tokens_never_reach_logs_or_messages(simulator, make_target, oauth_credentials, caplog):
    caplog.set_level(logging.DEBUG)
    simulator.expire_token(oauth_credentials["access_token"])
    target = make_target(credentials=dict(oauth_credentials))
    target.administrations()
    with pytest.raises(ConnectorError) as refused:
        make_target(credentials=oauth_credentials).administrations()

    secrets = [oauth_credentials["access_token"], oauth_credentials["refresh_token"],
               target.credentials["access_token"], target.credentials["refresh_token"]]
    shown = caplog.text + refused.value.message + refused.value.body
    assert "access token refreshed" in caplog.text and "/oauth/token" in caplog.text
    assert not [s for s in secrets if s in shown]
