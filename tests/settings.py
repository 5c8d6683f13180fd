"""Settings for the test suite: the project's settings with a throw-away var/ and inline Huey.

The environment is set before the real settings are read (pytest-django loads settings before
any conftest). The integration suite switches Huey to Redis itself and starts real consumers.
"""

import os
import tempfile

os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("HUEY_IMMEDIATE", "1")
os.environ.setdefault("KOPPELING_VAR_DIR", tempfile.mkdtemp(prefix="koppeling-test-"))

from koppeling.settings import *  # noqa: E402,F401,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast logins in tests
