"""The settings module is imported in a fresh interpreter, as a deployment would."""

import os
import subprocess
import sys

from tests.conftest import REPO_DIR

CHECK = (
    "import django; django.setup(); from django.conf import settings; "
    "print(settings.DATABASES['default']['ENGINE'])"
)
GOOD_KEY = "k3y-" + "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ"  # 50 characters, many distinct
# Variables a developer's shell may hold that would change what these tests see.
UNSET = {"SECRET_KEY", "DEBUG", "DATABASE_URL", "ALLOWED_HOSTS", "VAR_DIR", "DJANGO_SETTINGS_MODULE"}
# Set by the browser tests for their own process (tests/browser/conftest.py); a deployment never has it.
UNSET.add("DJANGO_ALLOW_ASYNC_UNSAFE")
UNSET |= {name for name in os.environ if name.startswith("SECURE_")}


def run_python(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in UNSET}
    return subprocess.run(
        [sys.executable, *args],
        cwd=REPO_DIR,
        env=base | {"DJANGO_SETTINGS_MODULE": "newsapp.settings"} | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def run_settings(env: dict[str, str], check: str = CHECK) -> subprocess.CompletedProcess:
    return run_python(["-c", check], env)


def test_settings_refuse_to_start_without_secret_key_when_debug_is_off():
    result = run_settings({"DEBUG": "false"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_settings_start_with_a_secret_key_when_debug_is_off(tmp_path):
    result = run_settings({"DEBUG": "false", "SECRET_KEY": GOOD_KEY, "VAR_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stderr


def test_debug_is_off_unless_set(tmp_path):
    result = run_settings(
        {"SECRET_KEY": GOOD_KEY, "VAR_DIR": str(tmp_path)},
        "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_a_short_or_repetitive_secret_key_is_refused_when_debug_is_off(tmp_path):
    for key in ("x", "x" * 60, GOOD_KEY[:49]):
        result = run_settings({"DEBUG": "false", "SECRET_KEY": key, "VAR_DIR": str(tmp_path)})
        assert result.returncode != 0
        assert "SECRET_KEY is too weak: use at least 50 random characters" in result.stderr


def test_importing_the_settings_writes_no_file(tmp_path):
    var = tmp_path / "var"
    env = {"DEBUG": "true", "VAR_DIR": str(var), "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/x"}
    result = run_settings(env, "import django; django.setup(); from django.conf import settings; "
                               "print(len(settings.SECRET_KEY))")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) >= 50
    assert not var.exists()


def test_in_debug_the_key_make_run_wrote_is_used(tmp_path):
    (tmp_path / "dev-secret-key").write_text(GOOD_KEY + "\n")
    result = run_settings({"DEBUG": "true", "VAR_DIR": str(tmp_path)},
                          "import django; django.setup(); from django.conf import settings; "
                          "print(settings.SECRET_KEY)")  # fmt: skip
    assert result.stdout.strip() == GOOD_KEY


def test_check_deploy_is_clean_with_only_secret_key_and_allowed_hosts(tmp_path):
    env = {
        "DEBUG": "false",
        "SECRET_KEY": GOOD_KEY,
        "ALLOWED_HOSTS": "news.example",
        "VAR_DIR": str(tmp_path),
    }
    result = run_python(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_with_debug_off_https_is_required_and_the_proxy_header_is_configurable(tmp_path):
    show = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS > 0, s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, s.SECURE_PROXY_SSL_HEADER)"
    )
    base = {"DEBUG": "false", "SECRET_KEY": GOOD_KEY, "VAR_DIR": str(tmp_path)}
    assert run_settings(base, show).stdout.split() == ["True", "True", "True", "True", "None"]
    proxied = run_settings(base | {"SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto"}, show)
    assert proxied.stdout.strip().endswith("('HTTP_X_FORWARDED_PROTO', 'https')")
    development = run_settings({"DEBUG": "true", "VAR_DIR": str(tmp_path)}, show)
    assert development.stdout.split() == ["False", "False", "False", "False", "None"]


def test_database_url_selects_postgresql(tmp_path):
    result = run_settings({"DEBUG": "true", "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/anything"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.db.backends.postgresql"


def test_sqlite_is_the_default_database(tmp_path):
    result = run_settings({"DEBUG": "true", "VAR_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.db.backends.sqlite3"


def test_a_malformed_debug_value_is_reported():
    result = run_settings({"DEBUG": "maybe"})
    assert result.returncode != 0
    assert "DEBUG='maybe' is not a boolean" in result.stderr
