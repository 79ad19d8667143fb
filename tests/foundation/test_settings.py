"""The settings module is imported in a fresh interpreter, as a deployment would."""

import os
import subprocess
import sys

from tests.conftest import REPO_DIR

CHECK = (
    "import django; django.setup(); from django.conf import settings; "
    "print(settings.DATABASES['default']['ENGINE'])"
)


def run_settings(env: dict[str, str]) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DATABASE_URL"}}
    return subprocess.run(
        [sys.executable, "-c", CHECK],
        cwd=REPO_DIR,
        env=base | {"DJANGO_SETTINGS_MODULE": "newsapp.settings"} | env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_settings_refuse_to_start_without_secret_key_when_debug_is_off():
    result = run_settings({"DEBUG": "false"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_settings_start_with_a_secret_key_when_debug_is_off():
    result = run_settings({"DEBUG": "false", "SECRET_KEY": "x" * 50})
    assert result.returncode == 0, result.stderr


def test_database_url_selects_postgresql(tmp_path):
    result = run_settings({"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/anything"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.db.backends.postgresql"


def test_sqlite_is_the_default_database(tmp_path):
    result = run_settings({"VAR_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.db.backends.sqlite3"


def test_a_malformed_debug_value_is_reported():
    result = run_settings({"DEBUG": "maybe"})
    assert result.returncode != 0
    assert "DEBUG='maybe' is not a boolean" in result.stderr
