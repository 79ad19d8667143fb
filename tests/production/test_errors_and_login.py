"""Production behaviour of the web app: errors are logged, view-only staff can read, logins are throttled."""

import io
import logging

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from tests.foundation.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def viewer(django_user_model):
    """Staff allowed only to view articles."""
    user = django_user_model.objects.create_user(
        "reader", "reader@example.org", "correct horse", is_staff=True
    )
    user.user_permissions.add(Permission.objects.get(codename="view_article"))
    return user


def test_staff_with_only_the_view_permission_can_read_an_article(client, viewer):
    article = make_article(title="Kursk retaken")
    client.force_login(viewer)
    response = client.get(reverse("admin:timeline_article_change", args=[article.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kursk retaken" in html
    assert 'name="upload"' not in html  # nothing to upload into an article one may only read


def test_a_server_error_is_logged_with_its_traceback_when_debug_is_off(settings, monkeypatch):
    settings.DEBUG = False
    handler = next(
        h for h in logging.getLogger("django.request").handlers if isinstance(h, logging.StreamHandler)
    )
    stream = io.StringIO()
    monkeypatch.setattr(handler, "stream", stream)

    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    # A fault injected where every timeline request passes (any unforeseen bug would do the same).
    monkeypatch.setattr("timeline.views.parse_filters", broken)
    response = Client(raise_request_exception=False).get(reverse("timeline:timeline"))
    assert response.status_code == 500
    logged = stream.getvalue()
    assert "Internal Server Error: /" in logged
    assert "RuntimeError: the database went away" in logged


def test_repeated_failed_logins_lock_the_account_out_for_that_address(django_user_model, settings):
    django_user_model.objects.create_superuser("editor", "editor@example.org", "correct horse")
    client = Client(REMOTE_ADDR="203.0.113.7")
    login = reverse("admin:login")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(login, {"username": "editor", "password": "wrong"})
        assert response.status_code == 200  # the form again, with its error
    assert client.post(login, {"username": "editor", "password": "wrong"}).status_code == 429
    locked = client.post(login, {"username": "editor", "password": "correct horse"})
    assert locked.status_code == 429
    # Another address is not locked out by someone else's guesses.
    other = Client(REMOTE_ADDR="198.51.100.2")
    assert other.post(login, {"username": "editor", "password": "correct horse"}).status_code == 302


def test_a_successful_login_resets_the_count(django_user_model, settings):
    django_user_model.objects.create_superuser("editor", "editor@example.org", "correct horse")
    client = Client(REMOTE_ADDR="203.0.113.8")
    login = reverse("admin:login")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post(login, {"username": "editor", "password": "wrong"})
    assert client.post(login, {"username": "editor", "password": "correct horse"}).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post(login, {"username": "editor", "password": "wrong"})
    assert client.post(login, {"username": "editor", "password": "correct horse"}).status_code == 302
