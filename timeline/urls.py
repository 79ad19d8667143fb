from django.urls import path, re_path

from timeline import views

app_name = "timeline"

urlpatterns = [
    path("", views.timeline, name="timeline"),
    path("suggest/persons/", views.person_suggestions, name="person-suggestions"),
    path("article/<int:pk>/", views.article_detail, name="article"),
    re_path(
        r"^(?P<kind>person|country|organization|location)/(?P<slug>[-\w]+)/$",
        views.entity_detail,
        name="entity",
    ),
]
