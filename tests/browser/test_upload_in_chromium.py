"""An editor uploads a French article in the admin and watches it reach the public timeline."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTICLE = (
    "La Corée du Nord a confirmé lundi, pour la première fois, l'envoi de ses troupes "
    "dans la région de Koursk.\n"
    "Le président russe Vladimir Poutine a remercié Kim Jong-un pour son soutien.\n"
)


def test_upload_watch_the_status_reach_done_then_find_the_events(
    page, live_server, django_user_model, tmp_path
):
    django_user_model.objects.create_superuser("editor", "editor@example.org", "a long password")
    article = tmp_path / "pyongyang.txt"
    article.write_text(ARTICLE, encoding="utf-8")

    page.goto("/admin/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("a long password")
    page.get_by_role("button", name="Log in").click()
    page.goto("/admin/timeline/article/add/")
    page.get_by_label("Upload a file").set_input_files(str(article))
    page.get_by_label("Published").fill("2025-04-28")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator("#extraction-status")).to_contain_text("Pending")

    # A real worker runs here, in the test's main thread (its signal handlers need one), while the browser
    # keeps polling the live server; the status then updates by itself and lists the extracted events.
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    expect(page.locator("#extraction-status")).to_contain_text("Done", timeout=15_000)
    expect(page.locator("#extraction-status .extracted-events")).to_contain_text("Koursk")

    page.goto("/?country=KP")
    expect(page.locator(".card .sentence").first).to_contain_text("La Corée du Nord a confirmé lundi")
    expect(page).to_have_url(re.compile(r"country=KP"))
