"""Uploading articles through the admin, and their extraction by a real background worker."""

import datetime
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from timeline.models import Article, Event

pytestmark = pytest.mark.django_db(transaction=True)

ADD = reverse("admin:timeline_article_add")
FRENCH = (
    "---\ntitle: Pyongyang confirme\npublished: 2025-04-28\nsource: Le Courrier démo\n---\n"
    "La Corée du Nord a confirmé lundi l'envoi de troupes dans la région de Koursk.\n"
)


def post_article(client, **fields):
    data = {"body": "", "title": "", "published": "", "language": "", "source": "", "url": ""} | fields
    return client.post(ADD, data)


def run_worker() -> str:
    """A real worker (django-tasks' database backend), processing what is queued, then exiting."""
    out = StringIO()
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=out, stderr=out)
    return out.getvalue()


def test_an_uploaded_file_fills_the_metadata_and_saving_does_not_wait_for_extraction(staff_client):
    upload = SimpleUploadedFile("pyongyang.md", FRENCH.encode(), content_type="text/markdown")
    response = post_article(staff_client, upload=upload)
    assert response.status_code == 302
    article = Article.objects.get()
    assert (article.title, article.published, article.source) == (
        "Pyongyang confirme",
        datetime.date(2025, 4, 28),
        "Le Courrier démo",
    )
    assert article.status == Article.Status.PENDING and not article.events.exists()
    assert article.language == ""  # no NLP in the web request: the worker detects it

    run_worker()
    article.refresh_from_db()
    assert article.status == Article.Status.DONE
    assert article.language == "fr"
    assert article.nlp_backend in {"fallback", "stanza"}
    event = Event.objects.get(article=article)
    assert event.date_start == datetime.date(2025, 4, 28)
    assert {"KP", "RU"} <= set(event.entities.values_list("iso_code", flat=True))


def test_what_the_editor_types_wins_over_the_file(staff_client):
    upload = SimpleUploadedFile("pyongyang.md", FRENCH.encode())
    post_article(staff_client, upload=upload, title="Mon titre", source="AFP")
    article = Article.objects.get()
    assert (article.title, article.source) == ("Mon titre", "AFP")


def test_pasted_text_is_enough_and_its_language_is_detected_by_the_worker(staff_client):
    body = "On Saturday, Russia's army chief told Vladimir Putin that the Kursk region had been retaken."
    response = post_article(staff_client, body=body, published="2025-04-27")
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.language == "" and article.title.startswith("On Saturday")
    run_worker()
    article.refresh_from_db()
    assert (article.language, article.status) == ("en", Article.Status.DONE)


def test_a_pasted_text_and_a_file_together_are_refused_not_one_silently_dropped(staff_client):
    upload = SimpleUploadedFile("pyongyang.md", FRENCH.encode())
    response = post_article(staff_client, upload=upload, body="Un autre texte collé dans la case.")
    assert response.status_code == 200
    assert "Paste a text or upload a file, not both" in response.content.decode()
    assert not Article.objects.exists()


def test_control_characters_pasted_are_removed(staff_client):
    post_article(staff_client, body="Le Kremlin a annoncé\x1b lundi\x07 la reprise de Koursk.", language="fr")
    assert Article.objects.get().body == "Le Kremlin a annoncé lundi la reprise de Koursk."


def test_a_file_with_a_nul_byte_after_the_first_8_kb_is_stored_without_it(staff_client):
    text = "Le Kremlin a annoncé lundi la reprise de Koursk. " * 200 + "\x00Fin."
    response = post_article(staff_client, upload=SimpleUploadedFile("nul.txt", text.encode()), language="fr")
    assert response.status_code == 302
    assert Article.objects.get().body == text.replace("\x00", "").strip()


def test_an_unsupported_language_is_refused_by_the_worker_and_the_text_kept(staff_client):
    body = (
        "Nordkorea hat bestätigt, Soldaten nach Russland geschickt zu haben, sagte die Regierung am Montag."
    )
    post_article(staff_client, upload=SimpleUploadedFile("de.txt", body.encode()))
    run_worker()
    article = Article.objects.get()
    assert article.status == Article.Status.FAILED
    assert "language 'de' is not supported yet" in article.error
    assert article.body == body


def test_an_html_upload_is_read_with_trafilatura(staff_client):
    page = (
        "<html><head><title>Kursk</title><meta property='og:site_name' content='Demo Wire'></head><body>"
        "<article><p>Russia's army chief told Vladimir Putin on Saturday that the Kursk region had been "
        "retaken, a claim Ukraine immediately denied as propaganda from Moscow.</p></article></body></html>"
    )
    post_article(staff_client, upload=SimpleUploadedFile("kursk.html", page.encode()), published="2025-04-27")
    article = Article.objects.get()
    assert article.source == "Demo Wire" and article.body.startswith("Russia's army chief")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("report.pdf", b"%PDF-1.4 some text", "unsupported file type .pdf"),
        ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary file"),
        ("empty.txt", b"   ", "has no text"),
        ("huge.txt", b"a" * (5 * 1024 * 1024 + 1), "limit is 5 MB"),
        ("de.md", "---\nlanguage: de\n---\nNordkorea hat bestätigt.".encode(), "not supported yet"),
    ],
    ids=["pdf", "binary", "empty", "too-big", "german-declared"],
)
def test_unusable_uploads_are_refused_with_a_message_and_nothing_is_stored(
    staff_client, name, content, message
):
    response = post_article(staff_client, upload=SimpleUploadedFile(name, content))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Article.objects.exists()


def test_the_same_text_twice_sends_the_editor_to_the_existing_article(staff_client):
    post_article(staff_client, upload=SimpleUploadedFile("a.md", FRENCH.encode()))
    existing = Article.objects.get()
    response = post_article(staff_client, upload=SimpleUploadedFile("again.md", FRENCH.encode()))
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:timeline_article_change", args=[existing.pk])
    assert Article.objects.count() == 1


def test_status_moves_to_failed_with_the_error_when_extraction_cannot_work(staff_client):
    # An article whose language an editor forced to one without extraction data fails in the worker.
    post_article(
        staff_client, body="Le Kremlin a annoncé lundi la reprise de Koursk.", published="2025-04-28"
    )
    article = Article.objects.get()
    Article.objects.filter(pk=article.pk).update(language="de")
    from timeline.tasks import extract_article

    extract_article.enqueue(article.pk)
    run_worker()
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED
    assert "not supported" in article.error


def test_status_fragment_polls_until_final_then_lists_the_events(staff_client):
    post_article(
        staff_client, body="Le Kremlin a annoncé lundi la reprise de Koursk.", published="2025-04-28"
    )
    article = Article.objects.get()
    status_url = reverse("admin:timeline_article_status", args=[article.pk])
    pending = staff_client.get(status_url, {"was": "pending"}, HTTP_HX_REQUEST="true")
    assert 'hx-trigger="every 1s"' in pending.content.decode()
    run_worker()
    done = staff_client.get(status_url, {"was": "pending"}, HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" not in done  # final: the polling stops
    # The events appear in place; no forced reload that would lose what the editor is typing.
    assert 'class="extracted-events"' in done and "Le Kremlin a annoncé lundi" in done
    page = staff_client.get(reverse("admin:timeline_article_change", args=[article.pk])).content.decode()
    assert 'id="extraction-status"' in page and "Done" in page
    # Events need their sentence and offsets: they are not added from the article's page.
    assert 'name="events-MAX_NUM_FORMS" value="0"' in page


def test_rerun_action_queues_the_selected_articles(staff_client):
    post_article(
        staff_client, body="Le Kremlin a annoncé lundi la reprise de Koursk.", published="2025-04-28"
    )
    run_worker()
    article = Article.objects.get()
    changelist = reverse("admin:timeline_article_changelist")
    staff_client.post(changelist, {"action": "rerun_extraction", "_selected_action": [article.pk]})
    article.refresh_from_db()
    assert article.status == Article.Status.PENDING
    run_worker()
    article.refresh_from_db()
    assert article.status == Article.Status.DONE and article.events.count() == 1


def test_a_text_longer_than_the_article_limit_is_refused_at_upload(staff_client, settings):
    settings.MAX_ARTICLE_CHARACTERS = 1_000
    response = post_article(staff_client, body="Koursk a été repris. " * 100, language="fr")
    assert "more than the limit of 1,000 for one article" in response.content.decode()
    assert not Article.objects.exists()
