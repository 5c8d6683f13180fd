"""Suite-wide fixtures."""

import pytest
from django.conf import settings
from django.utils import translation

# The shared helpers assert too: let pytest explain their failures as it does in tests.
pytest.register_assert_rewrite("tests.helpers")


@pytest.fixture(autouse=True)
def dutch_by_default():
    """Every test starts in the product's default language, whatever the previous test activated
    (a request with an English Accept-Language leaves English active on the thread)."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
