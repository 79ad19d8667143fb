from django.urls import path, re_path

from timeline import api, views

app_name = "timeline"

urlpatterns = [
    path("", views.timeline, name="timeline"),
    path("suggest/persons/", views.person_suggestions, name="person-suggestions"),
    path("new-events/", views.new_events, name="new-events"),
    path("article/<int:pk>/", views.article_detail, name="article"),
    path("api/events", api.events, name="api-events"),
    path("export/events.csv", api.events_csv, name="export-csv"),
    path("export/timelinejs.json", api.events_timelinejs, name="export-timelinejs"),
    re_path(
        r"^(?P<kind>person|country|organization|location)/(?P<slug>[-\w]+)/$",
        views.entity_detail,
        name="entity",
    ),
]
