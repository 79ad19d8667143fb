"""`python manage.py recover_extractions`

Finds extractions whose worker died (killed, out of memory) and whose lease ran out, marks their tasks
failed, and queues their articles again (or fails them with the reason after repeated deaths). Every
extraction does this as it starts; run this command when workers start (`make run` does, or a process
manager's start hook) so that nothing waits for the next upload.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from timeline.tasks import recover_dead_extractions


class Command(BaseCommand):
    help = "Re-queue (or fail with the reason) articles whose extraction's worker died."

    def handle(self, *args, **options) -> None:
        recovered = recover_dead_extractions()
        for item in recovered:
            self.stdout.write(f"article {item.article_id}: worker died; {item.action}")
        if options["verbosity"] > 0:
            self.stdout.write(f"{len(recovered)} dead extraction(s) found.")
