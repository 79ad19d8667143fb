"""Admin screens for editors: articles, entities with their aliases, events and their groups."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from timeline.admin_forms import ArticleForm
from timeline.editing import MergeError, dismiss_events, merge_entities
from timeline.models import Article, Entity, EntityAlias, Event, EventGroup, Mention
from timeline.tasks import schedule_extraction


class TimelineChangesAdmin(admin.ModelAdmin):
    """The base of the admins of what the timeline shows. Nothing to do on save or delete: the read model
    follows every write by itself (timeline/read_model.py), so the public pages show a change at once."""


class EventInline(admin.TabularInline):
    model = Event
    extra = 0
    fields = [
        "date_start",
        "date_end",
        "precision",
        "date_text",
        "category",
        "verified",
        "edited",
        "sentence",
    ]
    readonly_fields = ["edited", "sentence"]
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # an event needs its sentence and offsets: add it from the event list


FINAL_STATUSES = {Article.Status.DONE, Article.Status.FAILED}


@admin.register(Article)
class ArticleAdmin(TimelineChangesAdmin):
    form = ArticleForm
    list_display = [
        "title",
        "published",
        "published_inferred",
        "language",
        "source",
        "status",
        "nlp_backend",
        "event_count",
    ]
    list_filter = ["status", "language", "published_inferred", "nlp_backend", "source"]
    search_fields = ["title", "body", "source", "url"]
    date_hierarchy = "published"
    readonly_fields = ["status", "error", "nlp_backend", "published_inferred", "content_hash", "created_at",
                       "updated_at", "extracted_at"]  # fmt: skip
    fieldsets = [
        (None, {"fields": ["upload", "body"]}),
        (
            _("About the article"),
            {"fields": ["title", "published", "published_inferred", "language", "source", "url"]},
        ),
        (
            _("Extraction"),
            {
                "fields": [
                    "status",
                    "error",
                    "nlp_backend",
                    "extracted_at",
                    "content_hash",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]
    inlines = [EventInline]
    actions = ["rerun_extraction"]
    change_form_template = "admin/timeline/article/change_form.html"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Article]:
        return super().get_queryset(request).annotate(_event_count=Count("events"))

    @admin.display(description=_("events"), ordering="_event_count")
    def event_count(self, article: Article) -> int:
        return article._event_count  # type: ignore[attr-defined]  # annotated by get_queryset

    def get_inlines(self, request, obj):
        return [EventInline] if obj is not None else []  # an article being added has no events yet

    def add_view(self, request, form_url="", extra_context=None):
        response = super().add_view(request, form_url, extra_context)
        # The same text uploaded again: send the editor to the article already there.
        adminform = getattr(response, "context_data", {}).get("adminform")
        duplicate = getattr(getattr(adminform, "form", None), "duplicate", None)
        if duplicate is not None:
            messages.info(request, _("This text is already in the timeline: here is its article."))
            return redirect("admin:timeline_article_change", duplicate.pk)
        return response

    def save_model(self, request, obj, form, change):
        changed = set(form.changed_data)
        if "published" in changed:
            obj.published_inferred = False  # a date the editor typed is given, not inferred
        if not change:
            obj.save()
        else:
            # Only what the editor changed: the worker may have written status and highlights meanwhile.
            if "upload" in changed:
                changed.add("body")  # the uploaded file's text replaced the body
            fields = {"body", "title", "published", "language", "source", "url"} & changed
            if fields:
                obj.save(update_fields=[*fields, "published_inferred", "content_hash", "updated_at"])
        # Saving never waits for NLP: the extraction runs in a worker (manage.py db_worker).
        if not change or {"body", "upload", "published", "language"} & changed:
            schedule_extraction(obj)

    def save_formset(self, request, form, formset, change):
        # An event corrected in the article's page is the editor's: re-running extraction keeps it.
        if formset.model is Event:
            for event_form in formset.forms:
                if event_form.has_changed() and event_form.instance.pk:
                    event_form.instance.edited = True
        super().save_formset(request, form, formset, change)

    @admin.action(description=_("Re-run extraction of the selected articles"))
    def rerun_extraction(self, request, queryset):
        with transaction.atomic():
            for article in queryset:
                schedule_extraction(article)
        self.message_user(request, _("%(n)d article(s) queued for extraction.") % {"n": queryset.count()})

    def get_urls(self):
        status = path(
            "<int:pk>/status/",
            self.admin_site.admin_view(self.status_view),
            name="timeline_article_status",
        )
        return [status, *super().get_urls()]

    def status_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """The extraction status, polled by the change page through htmx until it is final."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        article = get_object_or_404(Article, pk=pk)
        # It just finished: list the extracted events here rather than reload the page, which would lose
        # what the editor may be typing in the form below.
        was = request.GET.get("was", "")
        just_finished = article.status in FINAL_STATUSES and bool(was) and was not in FINAL_STATUSES
        context = {"article": article, "just_finished": just_finished}
        return render(request, "admin/timeline/article/status.html", context)


class EntityAliasInline(admin.TabularInline):
    model = EntityAlias
    extra = 1


@admin.register(Entity)
class EntityAdmin(TimelineChangesAdmin):
    list_display = ["name", "kind", "iso_code", "country", "mention_count"]
    list_filter = ["kind"]
    search_fields = ["name", "slug", "iso_code", "aliases__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["country"]
    inlines = [EntityAliasInline]
    actions = ["merge"]

    @admin.action(description=_("Merge the selected entities into one"), permissions=["change", "delete"])
    def merge(self, request, queryset):
        """Ask which entity to keep, then fold the others into it (their names become its aliases)."""
        entities = list(queryset.order_by("name"))
        if "keep" in request.POST:
            keep = next((e for e in entities if str(e.pk) == request.POST["keep"]), None)
            if keep is None:
                self.message_user(request, _("Choose the entity to keep."), messages.ERROR)
                return None
            try:
                merged = merge_entities(keep, entities)
            except MergeError as error:
                self.message_user(request, str(error), messages.ERROR)
                return None
            self.log_change(request, keep, f"Merged {merged} entities into it.")
            self.message_user(
                request, _("%(n)d entities merged into %(name)s.") % {"n": merged, "name": keep}
            )
            return None
        if len({e.kind for e in entities}) > 1 or len(entities) < 2:
            self.message_user(request, _("Select two or more entities of the same kind."), messages.ERROR)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Merge entities"),
            "entities": entities,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/timeline/entity/merge.html", context)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Entity]:
        return (
            super().get_queryset(request).select_related("country").annotate(_mention_count=Count("mentions"))
        )

    @admin.display(description=_("mentions"), ordering="_mention_count")
    def mention_count(self, entity: Entity) -> int:
        return entity._mention_count  # type: ignore[attr-defined]  # annotated by get_queryset


@admin.register(EntityAlias)
class EntityAliasAdmin(TimelineChangesAdmin):
    list_display = ["name", "language", "entity"]
    list_filter = ["language", "entity__kind"]
    search_fields = ["name", "entity__name"]
    list_select_related = ["entity"]
    autocomplete_fields = ["entity"]


class MentionInline(admin.TabularInline):
    model = Mention
    extra = 0
    autocomplete_fields = ["entity"]


@admin.register(Event)
class EventAdmin(TimelineChangesAdmin):
    list_display = [
        "date_start",
        "date_end",
        "precision",
        "date_text",
        "category",
        "verified",
        "short_sentence",
        "article",
    ]
    list_filter = ["verified", "edited", "category", "precision", "date_source", "article__language"]
    actions = ["mark_verified"]
    search_fields = ["sentence", "date_text", "article__title"]
    date_hierarchy = "date_start"
    list_select_related = ["article"]
    raw_id_fields = ["article", "group"]
    inlines = [MentionInline]

    def save_model(self, request, obj, form, change):
        if change:
            obj.edited = True  # the editor's version: re-running the extraction keeps it
        super().save_model(request, obj, form, change)

    def delete_model(self, request, obj):
        dismiss_events([obj])
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        dismiss_events(queryset)
        super().delete_queryset(request, queryset)

    @admin.action(description=_("Mark the selected events verified"))
    def mark_verified(self, request, queryset):
        for event in queryset:
            self.log_change(request, event, "Marked verified.")
        updated = queryset.update(verified=True)
        self.message_user(request, _("%(n)d event(s) marked verified.") % {"n": updated})

    @admin.display(description=_("sentence"))
    def short_sentence(self, event: Event) -> str:
        return event.sentence if len(event.sentence) <= 120 else event.sentence[:119] + "…"


@admin.register(EventGroup)
class EventGroupAdmin(TimelineChangesAdmin):
    list_display = ["id", "created_at", "event_count"]
    inlines = [EventInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[EventGroup]:
        return super().get_queryset(request).annotate(_event_count=Count("events"))

    @admin.display(description=_("events"), ordering="_event_count")
    def event_count(self, group: EventGroup) -> int:
        return group._event_count  # type: ignore[attr-defined]  # annotated by get_queryset
