# The owner/outsider fixtures are shared with the dashboard tests.
from tests.dashboard.conftest import _fresh_cache, koppeling, outsider, owner, owner_client  # noqa: F401
