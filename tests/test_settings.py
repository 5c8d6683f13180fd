"""The settings read the environment, and production settings pass Django's deploy checks."""

import os
import subprocess
import sys


def run(args, tmp_path, **env):
    environment = {**os.environ, "KOPPELING_VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "koppeling.settings",
                   **env}
    for name in ("DEBUG", "DATABASE_URL", "REDIS_URL", "SECRET_KEY", "FERNET_KEY", "EMAIL_URL", "SECURE_SSL_REDIRECT"):
        if name not in env:
            environment.pop(name, None)
    return subprocess.run([sys.executable, "-m", "koppeling", *args], env=environment, capture_output=True,
                          text=True, timeout=60)


def test_production_settings_pass_check_deploy_without_warnings(tmp_path):
    result = run(["check", "--deploy", "--fail-level", "WARNING"], tmp_path, ALLOWED_HOSTS="koppeling.example.nl")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_secrets_are_generated_once_into_var_and_kept(tmp_path):
    script = ["shell", "--no-imports", "-c",
              "from django.conf import settings; print(settings.SECRET_KEY, settings.FERNET_KEY)"]
    first = run(script, tmp_path).stdout.split()
    second = run(script, tmp_path).stdout.split()
    assert first == second and len(first) == 2
    assert (tmp_path / "secret_key").read_text() == first[0]
    assert oct((tmp_path / "fernet_key").stat().st_mode)[-3:] == "600"


def test_database_redis_and_email_come_from_the_environment(tmp_path):
    script = ["shell", "--no-imports", "-c",
              "from django.conf import settings as s; print(s.DATABASES['default']['ENGINE'], "
              "s.HUEY['huey_class'], s.EMAIL_BACKEND, s.EMAIL_HOST)"]
    default = run(script, tmp_path).stdout.split()
    assert default[:3] == ["django.db.backends.sqlite3", "huey.SqliteHuey",
                           "django.core.mail.backends.filebased.EmailBackend"]
    configured = run(script, tmp_path, DATABASE_URL="postgres://u@127.0.0.1:5432/k", REDIS_URL="redis://127.0.0.1:6379/1",
                     EMAIL_URL="smtp://user:pw@mail.example.nl:587?tls=1").stdout.split()
    assert configured == ["django.db.backends.postgresql", "huey.PriorityRedisHuey",
                          "django.core.mail.backends.smtp.EmailBackend", "mail.example.nl"]
