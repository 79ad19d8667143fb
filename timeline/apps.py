from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class TimelineConfig(AppConfig):
    name = "timeline"
    verbose_name = _("Timeline")

    def ready(self) -> None:
        # The read model's hooks: every write of events, mentions, groups, entities and articles keeps the
        # timeline's cards current (timeline/read_model.py).
        from timeline import read_model  # noqa: F401

        post_migrate.connect(rebuild_cards_after_migrations, sender=self)


def rebuild_cards_after_migrations(plan=None, **kwargs) -> None:
    """Rebuild every card once `migrate` applied a migration that asks for it (`rebuilds_cards = True`).

    After all migrations, not inside one: the read model's code reads the current models, whose columns
    exist only once every migration is applied."""
    if any(
        getattr(migration, "rebuilds_cards", False) and not backwards for migration, backwards in plan or []
    ):
        from timeline.read_model import rebuild_all

        rebuild_all()
