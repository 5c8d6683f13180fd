"""The refresh under a CredentialStore: use what another worker stored, wait for a worker that holds
the lock, and save the new pair in the store before anything else."""

from contextlib import contextmanager

import pytest

from koppeling.connectors.base import ConnectorError


class MemoryStore:
    """A CredentialStore in memory; `held_by_other` makes lock() answer False."""

    def __init__(self, credentials: dict):
        self.credentials = dict(credentials)
        self.saves: list[dict] = []
        self.held_by_other = False
        self.on_wait = None  # called when a worker finds the lock taken

    def load(self) -> dict:
        return dict(self.credentials)

    def save(self, credentials: dict) -> None:
        self.credentials = dict(credentials)
        self.saves.append(dict(credentials))

    @contextmanager
    def lock(self, seconds: float = 60):
        if self.held_by_other and self.on_wait:
            self.on_wait()
        yield not self.held_by_other


@pytest.fixture
def expired(simulator):
    return {**simulator.issue_tokens(), "expires_at": int(simulator.clock()) - 1}


def _target(make_target, store, credentials):
    target = make_target(credentials=credentials)
    target.credential_store = store
    return target


def test_the_new_pair_goes_to_the_store(simulator, make_target, expired, saved):
    store = MemoryStore(expired)
    target = _target(make_target, store, expired)

    target.administrations()

    assert simulator.refreshes == 1 and len(store.saves) == 1
    assert store.credentials == target.credentials and saved == []


def test_a_pair_refreshed_by_another_worker_is_used_without_refreshing(simulator, make_target, expired):
    newer = simulator.issue_tokens()
    store = MemoryStore(newer)
    target = _target(make_target, store, expired)

    target.administrations()

    assert simulator.refreshes == 0 and store.saves == []
    assert target.credentials["access_token"] == newer["access_token"]


def test_it_waits_for_the_worker_holding_the_lock(simulator, make_target, expired, sleeps):
    store = MemoryStore(expired)
    store.held_by_other = True
    newer = simulator.issue_tokens()

    def other_worker_finishes():
        if len(sleeps) == 2:  # the other worker stores its pair while we wait
            store.credentials, store.held_by_other = dict(newer), False

    store.on_wait = other_worker_finishes
    target = _target(make_target, store, expired)

    target.administrations()

    assert simulator.refreshes == 0 and len(sleeps) == 2
    assert target.credentials["access_token"] == newer["access_token"]


def test_a_lock_held_too_long_is_a_transient_error(simulator, make_target, expired, sleeps):
    store = MemoryStore(expired)
    store.held_by_other = True
    clock = {"now": simulator.clock()}
    target = _target(make_target, store, expired)
    target.clock = lambda: clock["now"]
    target.sleep = lambda seconds: clock.__setitem__("now", clock["now"] + seconds)

    with pytest.raises(ConnectorError) as busy:
        target.administrations()

    assert not busy.value.permanent and busy.value.retry_after
    assert simulator.refreshes == 0 and store.saves == []


def test_the_stored_refresh_token_is_used_rather_than_an_old_copy(simulator, make_target, expired):
    old_copy = dict(expired)
    store = MemoryStore(expired)
    # Another worker refreshed, and its access token is about to expire as well.
    store.credentials = {**simulator.issue_tokens(), "expires_at": int(simulator.clock()) + 5}
    target = _target(make_target, store, old_copy)

    target.administrations()

    assert simulator.refreshes == 1 and len(store.saves) == 1
