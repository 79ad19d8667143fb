from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TimelineConfig(AppConfig):
    name = "timeline"
    verbose_name = _("Timeline")

    def ready(self) -> None:
        # The read model's hooks: every write of events, mentions, groups, entities and articles keeps the
        # timeline's cards current (timeline/read_model.py).
        from timeline import read_model  # noqa: F401
