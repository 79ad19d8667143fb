"""Fixtures of the API tests: the small timeline of the timeline page tests, shared by import."""

from tests.timeline_ui.conftest import small_timeline  # noqa: F401
