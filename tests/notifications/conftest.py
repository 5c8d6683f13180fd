# A clean cache per test, as in the dashboard tests.
from tests.dashboard.conftest import _fresh_cache  # noqa: F401
