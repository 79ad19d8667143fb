from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from timeline.models import Article, Entity, Event

pytestmark = pytest.mark.django_db


def test_generate_events_adds_skewed_synthetic_events_that_the_timeline_shows(client):
    out = StringIO()
    call_command("generate_events", "--events", "600", stdout=out, verbosity=0)
    assert "Added 600 synthetic events." in out.getvalue()
    assert Event.objects.count() == 600
    russia = Entity.objects.get(iso_code="RU")
    share = Event.objects.filter(mentions__entity=russia).count() / 600
    assert 0.45 < share < 0.7
    response = client.get(reverse("timeline:timeline"), {"country": "RU"})
    assert response.status_code == 200

    call_command("generate_events", "--events", "0", "--clear", stdout=StringIO(), verbosity=0)
    assert not Article.objects.filter(source="Synthetic").exists()
    assert not Event.objects.exists()
