"""Admin screens for editors: articles, entities with their aliases, events and their groups."""

from django.contrib import admin
from django.db import models
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from timeline.models import Article, Entity, EntityAlias, Event, EventGroup, Mention, TimelineState


class TimelineChangesAdmin(admin.ModelAdmin):
    """Every change made in the admin marks the timeline changed, so the public pages show it at once.

    (The pages read an in-memory index and rendered cards; see timeline/index.py.)
    """

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        TimelineState.bump()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        TimelineState.bump()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        TimelineState.bump()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        TimelineState.bump()


class EventInline(admin.TabularInline):
    model = Event
    extra = 0
    fields = ["date_start", "date_end", "precision", "date_text", "category", "sentence"]
    readonly_fields = ["sentence"]
    show_change_link = True


@admin.register(Article)
class ArticleAdmin(TimelineChangesAdmin):
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
    readonly_fields = ["content_hash", "created_at", "updated_at", "extracted_at"]
    inlines = [EventInline]
    # A URL typed without a scheme is taken as https (Django 6's default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_queryset(self, request: HttpRequest) -> QuerySet[Article]:
        return super().get_queryset(request).annotate(_event_count=Count("events"))

    @admin.display(description=_("events"), ordering="_event_count")
    def event_count(self, article: Article) -> int:
        return article._event_count


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

    def get_queryset(self, request: HttpRequest) -> QuerySet[Entity]:
        return (
            super().get_queryset(request).select_related("country").annotate(_mention_count=Count("mentions"))
        )

    @admin.display(description=_("mentions"), ordering="_mention_count")
    def mention_count(self, entity: Entity) -> int:
        return entity._mention_count


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
        "short_sentence",
        "article",
    ]
    list_filter = ["category", "precision", "date_source", "article__language"]
    search_fields = ["sentence", "date_text", "article__title"]
    date_hierarchy = "date_start"
    list_select_related = ["article"]
    raw_id_fields = ["article", "group"]
    inlines = [MentionInline]

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
        return group._event_count
