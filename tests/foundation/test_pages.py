import datetime

import pytest
from django.urls import reverse

from tests.foundation.factories import make_article, make_entity, make_event
from timeline.models import Entity

pytestmark = pytest.mark.django_db


def test_home_page_lists_events_in_date_order(client):
    article = make_article(title="Kursk retaken")
    make_event(article, day=datetime.date(2025, 4, 28), sentence="Pyongyang confirmed its troops.")
    make_event(article, day=datetime.date(2024, 8, 6), sentence="Ukraine crossed into Kursk.")
    response = client.get(reverse("timeline:timeline"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Ukraine crossed into Kursk.") < html.index("Pyongyang confirmed its troops.")
    assert '<time datetime="2024-08-06">' in html


def test_home_page_says_so_when_there_is_nothing_yet(client):
    response = client.get(reverse("timeline:timeline"))
    assert response.status_code == 200
    assert "No events yet" in response.content.decode()


def test_home_page_loads_htmx_from_the_package_not_a_cdn(client):
    html = client.get(reverse("timeline:timeline")).content.decode()
    assert '<script src="/static/django_htmx/htmx' in html
    assert "unpkg.com" not in html and "cdn." not in html.lower()


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:timeline_article_changelist",
        "admin:timeline_article_add",
        "admin:timeline_entity_changelist",
        "admin:timeline_entityalias_changelist",
        "admin:timeline_event_changelist",
        "admin:timeline_eventgroup_changelist",
    ],
)
def test_admin_pages_render_for_staff(staff_client, url_name):
    russia = make_entity("Russia", kind=Entity.Kind.COUNTRY, iso_code="RU")
    make_event(make_article(), entities=(russia,))
    response = staff_client.get(reverse(url_name))
    assert response.status_code == 200


def test_admin_requires_login(client):
    response = client.get(reverse("admin:timeline_article_changelist"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]
