"""Test-wide environment: no HTTPS redirect for the test client, data under a temporary var/."""

import os
import tempfile

os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("KOPPELING_VAR_DIR", tempfile.mkdtemp(prefix="koppeling-test-"))
