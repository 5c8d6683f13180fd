"""One connector alone: expired access tokens are refreshed once, the rotated pair is saved at once,
an old refresh token is dead, and tokens never leak."""

import logging

import pytest

from koppeling.connectors.base import ConnectorError
from koppeling.simulators.exact import ExactSimulator, _oauth_error


def test_it_refreshes_ahead_of_expiry_and_saves_the_new_pair(simulator, make_target, saved):
    credentials = {**simulator.issue_tokens(), "expires_at": int(simulator.clock()) + 20}

    target = make_target(credentials=credentials)
    target.administrations()

    assert simulator.refreshes == 1
    assert len(saved) == 1 and saved[0]["refresh_token"] != credentials["refresh_token"]
    assert target.credentials == saved[0]
    assert not [line for line in simulator.api_log if "oauth2" in line]


def test_it_does_not_refresh_a_token_with_time_left(simulator, make_target, saved):
    make_target(credentials=simulator.issue_tokens()).administrations()
    assert simulator.refreshes == 0 and saved == []


def test_it_refreshes_after_a_401(simulator, make_target, saved):
    credentials = simulator.issue_tokens()
    simulator.expire_token(credentials["access_token"])  # the server disagrees with our clock

    assert [o.id for o in make_target(credentials=credentials).administrations()][0] == "2750311"
    assert simulator.refreshes == 1 and len(saved) == 1


def test_the_old_refresh_token_is_refused_after_rotation(simulator, make_target, saved):
    credentials = {**simulator.issue_tokens(), "expires_at": 0}
    make_target(credentials=dict(credentials)).administrations()
    saved.clear()

    with pytest.raises(ConnectorError) as refused:
        make_target(credentials=credentials).administrations()

    assert refused.value.permanent and refused.value.code == "ACCOUNTING_AUTH"
    assert "invalid_grant" in refused.value.message and saved == []


def test_without_refresh_token_a_refused_token_is_permanent(simulator, target):
    simulator.expire_token(target.credentials["access_token"])

    with pytest.raises(ConnectorError) as refused:
        target.administrations()

    assert refused.value.permanent and refused.value.code == "ACCOUNTING_AUTH" and refused.value.status == 401


class EarlyRefusingSimulator(ExactSimulator):
    """Exact refuses a refresh while the access token still has time: 401 "Access Token not expired"."""

    def _grant_refresh(self, form):
        return _oauth_error("invalid_request", "Access Token not expired", 401)


@pytest.fixture
def simulator(request):
    return EarlyRefusingSimulator() if getattr(request, "param", "") == "early" else ExactSimulator()


@pytest.mark.parametrize("simulator", ["early"], indirect=True)
def test_access_token_not_expired_keeps_the_current_token(simulator, make_target, saved):
    credentials = {**simulator.issue_tokens(), "expires_at": int(simulator.clock()) + 5}

    target = make_target(credentials=credentials)
    target.administrations()

    assert saved == [] and target.credentials["access_token"] == credentials["access_token"]


def test_tokens_never_reach_logs_or_messages(simulator, make_target, caplog):
    caplog.set_level(logging.DEBUG)
    credentials = {**simulator.issue_tokens(), "expires_at": 0}
    target = make_target(credentials=dict(credentials))
    target.administrations()
    with pytest.raises(ConnectorError) as refused:
        make_target(credentials=credentials).administrations()

    secrets = [credentials["access_token"], credentials["refresh_token"], target.credentials["access_token"],
               target.credentials["refresh_token"]]
    shown = caplog.text + refused.value.message + refused.value.body
    assert "access token refreshed" in caplog.text
    assert not [s for s in secrets if s in shown]
