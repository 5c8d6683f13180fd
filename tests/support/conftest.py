# The owner/outsider fixtures are shared with the dashboard tests.
from tests.dashboard.conftest import (  # noqa: F401
    _fresh_cache,
    koppeling,
    outsider,
    outsider_koppeling,
    owner,
    owner_client,
)
