"""Editors correct the timeline: edits survive re-extraction, entities merge, permissions hold."""

import datetime
from io import StringIO

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from timeline.editing import MergeError, merge_entities
from timeline.models import Article, Entity, EntityAlias, Event, Mention

pytestmark = pytest.mark.django_db

# The article change form carries its events' inline formset; these posts leave its rows alone.
NO_EVENT_ROWS = {"events-TOTAL_FORMS": "0", "events-INITIAL_FORMS": "0"}
TEXT = (
    "Le 26 avril 2025, le Kremlin a annoncé la reprise de la région de Koursk. Lundi, Pyongyang a confirmé."
)


@pytest.fixture
def article(tmp_path) -> Article:
    path = tmp_path / "a.md"
    path.write_text(f"---\ntitle: Koursk\npublished: 2025-04-28\nlanguage: fr\n---\n{TEXT}\n")
    call_command("ingest", str(path), "--backend", "fallback", stdout=StringIO(), stderr=StringIO())
    return Article.objects.get()


def reextract(article: Article) -> None:
    from timeline.tasks import extract_article

    extract_article.call(article.pk)  # the task's own code, run inline


def test_an_event_edited_in_the_admin_survives_re_extraction(staff_client, article):
    event = article.events.get(date_start=datetime.date(2025, 4, 26))
    url = reverse("admin:timeline_event_change", args=[event.pk])
    form = {
        "date_start": "2025-04-25", "date_end": "2025-04-26", "precision": "day", "timex_value": "",
        "timex_mod": "", "date_text": event.date_text, "date_source": "text", "sentence": event.sentence,
        "sentence_start": event.sentence_start, "sentence_end": event.sentence_end, "category": "diplomatic",
        "article": article.pk, "group": event.group_id or "",
        "mentions-TOTAL_FORMS": "0", "mentions-INITIAL_FORMS": "0",
    }  # fmt: skip
    assert staff_client.post(url, form).status_code == 302
    reextract(article)
    kept = Event.objects.get(pk=event.pk)
    assert (kept.edited, kept.category, kept.date_start) == (True, "diplomatic", datetime.date(2025, 4, 25))
    # The extraction did not add its own version of the statement beside the editor's.
    assert article.events.filter(sentence_start=event.sentence_start).count() == 1
    assert article.events.count() == 2


def test_verified_events_survive_re_extraction_and_others_are_replaced(article):
    first, second = article.events.order_by("sentence_start")
    Event.objects.filter(pk=first.pk).update(verified=True)
    reextract(article)
    assert Event.objects.filter(pk=first.pk).exists()
    assert not Event.objects.filter(pk=second.pk).exists()  # replaced by a fresh extraction
    assert article.events.count() == 2


def test_mark_verified_action(staff_client, article):
    ids = list(article.events.values_list("pk", flat=True))
    changelist = reverse("admin:timeline_event_changelist")
    staff_client.post(changelist, {"action": "mark_verified", "_selected_action": ids})
    assert article.events.filter(verified=True).count() == len(ids)


def test_merging_entities_moves_aliases_mentions_and_references(article):
    putin = Entity.objects.create(kind="person", name="Vladimir Putin", slug="vladimir-putin")
    duplicate = Entity.objects.create(kind="person", name="V. Poutine", slug="v-poutine")
    EntityAlias.objects.create(entity=duplicate, name="Vova", language="ru")
    event = article.events.first()
    Mention.objects.create(event=event, entity=duplicate, text="V. Poutine", start=0, end=10)
    russia = Entity.objects.get(iso_code="RU")
    Entity.objects.filter(pk=duplicate.pk).update(country=russia)

    assert merge_entities(putin, [putin, duplicate]) == 1
    assert not Entity.objects.filter(pk=duplicate.pk).exists()
    assert set(putin.aliases.values_list("name", flat=True)) >= {"V. Poutine", "Vova"}
    assert Mention.objects.get(event=event, start=0).entity == putin
    putin.refresh_from_db()
    assert putin.country == russia


def test_entities_of_different_kinds_are_not_merged(article):
    russia = Entity.objects.get(iso_code="RU")
    kursk = Entity.objects.get(kind="location", slug="kursk")
    with pytest.raises(MergeError):
        merge_entities(russia, [kursk])


def test_merge_action_asks_which_entity_to_keep_then_merges(staff_client, article):
    a = Entity.objects.create(kind="person", name="Kim Jong Un", slug="kim-jong-un-2")
    b = Entity.objects.create(kind="person", name="Kim Jong-un", slug="kim-jong-un-3")
    changelist = reverse("admin:timeline_entity_changelist")
    page = staff_client.post(changelist, {"action": "merge", "_selected_action": [a.pk, b.pk]})
    assert page.status_code == 200 and "Choose the entity to keep" in page.content.decode()
    staff_client.post(changelist, {"action": "merge", "_selected_action": [a.pk, b.pk], "keep": a.pk})
    assert not Entity.objects.filter(pk=b.pk).exists()
    assert a.aliases.filter(name="Kim Jong-un").exists()
    assert LogEntry.objects.filter(object_id=str(a.pk), change_message__contains="Merged 1").exists()


def test_anonymous_and_non_staff_users_cannot_upload(client, django_user_model):
    add = reverse("admin:timeline_article_add")
    assert client.get(add).status_code == 302  # to the login page
    user = django_user_model.objects.create_user("reader", password="x")
    client.force_login(user)
    assert client.get(add).status_code == 302
    assert client.post(add, {"body": "Texte."}).status_code == 302
    assert not Article.objects.exists()


def test_staff_need_the_model_permission_to_upload(client, django_user_model):
    user = django_user_model.objects.create_user("intern", password="x", is_staff=True)
    client.force_login(user)
    add = reverse("admin:timeline_article_add")
    assert client.get(add).status_code == 403
    user.user_permissions.add(Permission.objects.get(codename="add_article"))
    assert client.get(add).status_code == 200


def test_uploads_need_the_csrf_token(django_user_model):
    user = django_user_model.objects.create_superuser("editor2", "e@example.org", "x")
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    response = client.post(reverse("admin:timeline_article_add"), {"body": "Le Kremlin a annoncé lundi."})
    assert response.status_code == 403
    assert not Article.objects.exists()


def test_the_admin_history_records_who_uploaded(staff_client):
    staff_client.post(
        reverse("admin:timeline_article_add"),
        {"body": "Le Kremlin a annoncé lundi la reprise de Koursk.", "published": "2025-04-28", "title": "",
         "language": "", "source": "", "url": ""},
    )  # fmt: skip
    article = Article.objects.get()
    entry = LogEntry.objects.get(object_id=str(article.pk))
    assert entry.user.username == "editor" and entry.is_addition()


def test_the_public_timeline_needs_no_login(client, article):
    assert client.get(reverse("timeline:timeline")).status_code == 200


def test_an_editor_correcting_the_time_expression_gets_no_duplicate(staff_client, article):
    event = article.events.get(date_start=datetime.date(2025, 4, 26))
    form = {
        "date_start": "2025-04-25", "date_end": "2025-04-25", "precision": "day", "timex_value": "",
        "timex_mod": "", "date_text": "le 25 avril 2025", "date_source": "text", "sentence": event.sentence,
        "sentence_start": event.sentence_start, "sentence_end": event.sentence_end, "category": "military",
        "article": article.pk, "group": event.group_id or "",
        "mentions-TOTAL_FORMS": "0", "mentions-INITIAL_FORMS": "0",
    }  # fmt: skip
    staff_client.post(reverse("admin:timeline_event_change", args=[event.pk]), form)
    reextract(article)
    assert list(article.events.filter(sentence_start=event.sentence_start).values_list("pk", flat=True)) == [
        event.pk
    ]


def test_an_event_deleted_in_the_admin_does_not_come_back(staff_client, article):
    event = article.events.get(date_start=datetime.date(2025, 4, 26))
    staff_client.post(reverse("admin:timeline_event_delete", args=[event.pk]), {"post": "yes"})
    reextract(article)
    assert not article.events.filter(sentence_start=event.sentence_start).exists()
    assert article.events.count() == 1


def test_the_worker_writes_only_extraction_fields_and_keeps_the_editors(article):
    from timeline.nlp.fallback_annotator import FallbackAnnotator
    from timeline.pipeline.ingest import Ingestor, prepare
    from timeline.pipeline.reading import RawArticle

    # The worker read the article, then an editor renamed it before the worker wrote its result.
    prepared = prepare(
        RawArticle(text=article.body, title="Koursk", language="fr", published=article.published)
    )
    Article.objects.filter(pk=article.pk).update(title="Corrected by an editor")
    annotation = FallbackAnnotator().annotate_many([prepared.text], "fr")[0]
    outcome = Ingestor(backend="fallback").store(prepared, annotation, article_id=article.pk)
    assert outcome.status == "updated"
    assert Article.objects.get(pk=article.pk).title == "Corrected by an editor"


def test_a_text_changed_during_extraction_is_left_to_the_newer_extraction(article):
    from timeline.nlp.fallback_annotator import FallbackAnnotator
    from timeline.pipeline.ingest import Ingestor, prepare
    from timeline.pipeline.reading import RawArticle

    prepared = prepare(
        RawArticle(text=article.body, title="Koursk", language="fr", published=article.published)
    )
    article.body = "Un texte corrigé par un éditeur, lundi."
    article.save()
    annotation = FallbackAnnotator().annotate_many([prepared.text], "fr")[0]
    outcome = Ingestor(backend="fallback").store(prepared, annotation, article_id=article.pk)
    assert outcome.status == "superseded"
    assert Article.objects.count() == 1  # no copy of the old text


def test_a_date_the_editor_types_is_kept_instead_of_inferred(staff_client, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("The Kremlin said on April 26, 2025 that Russia had retaken the Kursk region.")
    call_command("ingest", str(path), "--backend", "fallback", stdout=StringIO(), stderr=StringIO())
    article = Article.objects.get()
    assert article.published_inferred
    form = {"body": article.body, "title": article.title, "published": "2025-04-27", "language": "en",
            "source": "", "url": "", **NO_EVENT_ROWS}  # fmt: skip
    staff_client.post(reverse("admin:timeline_article_change", args=[article.pk]), form)
    reextract(article)
    article.refresh_from_db()
    assert (article.published, article.published_inferred) == (datetime.date(2025, 4, 27), False)


def test_saving_a_title_in_the_admin_does_not_touch_what_the_worker_wrote(staff_client, article):
    Article.objects.filter(pk=article.pk).update(
        status="done", highlights=[{"start": 0, "end": 2, "kind": "date"}]
    )
    form = {"body": article.body, "title": "New title", "published": "2025-04-28", "language": "fr",
            "source": "", "url": "", **NO_EVENT_ROWS}  # fmt: skip
    staff_client.post(reverse("admin:timeline_article_change", args=[article.pk]), form)
    article.refresh_from_db()
    assert (article.title, article.status, len(article.highlights)) == ("New title", "done", 1)


def test_reloading_the_demo_leaves_articles_editors_corrected(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(f"---\ntitle: From the file\npublished: 2025-04-28\nlanguage: fr\n---\n{TEXT}\n")
    call_command("ingest", str(path), "--backend", "fallback", stdout=StringIO(), stderr=StringIO())
    Article.objects.update(title="Corrected")
    out = StringIO()
    call_command(
        "ingest", str(path), "--skip-existing", "--backend", "fallback", stdout=out, stderr=StringIO()
    )
    assert "1 unchanged" in out.getvalue()
    assert Article.objects.get().title == "Corrected"


def test_a_merge_survives_the_next_extraction(article, tmp_path):
    registry_putin = Entity.objects.create(kind="person", name="Vladimir Putin", slug="vladimir-putin")
    kept = Entity.objects.create(kind="person", name="V. V. Putin", slug="v-v-putin")
    merge_entities(kept, [registry_putin])
    path = tmp_path / "b.md"
    path.write_text(
        "---\ntitle: B\npublished: 2025-04-28\nlanguage: en\n---\nVladimir Putin thanked North Korea.\n"
    )
    call_command("ingest", str(path), "--backend", "fallback", stdout=StringIO(), stderr=StringIO())
    assert not Entity.objects.filter(slug="vladimir-putin").exists()
    assert Mention.objects.filter(entity=kept, event__article__title="B").exists()


def test_an_interrupted_extraction_is_marked_failed_not_running(article, monkeypatch):
    from timeline.pipeline.ingest import Ingestor
    from timeline.tasks import extract_article

    def stop(self, article_id):
        raise KeyboardInterrupt

    monkeypatch.setattr(Ingestor, "extract_stored", stop)
    with pytest.raises(KeyboardInterrupt):
        extract_article.call(article.pk)
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED and "interrupted" in article.error


def test_marking_verified_is_recorded_in_the_history(staff_client, article):
    ids = list(article.events.values_list("pk", flat=True))
    staff_client.post(
        reverse("admin:timeline_event_changelist"), {"action": "mark_verified", "_selected_action": ids}
    )
    assert LogEntry.objects.filter(change_message="Marked verified.").count() == len(ids)
