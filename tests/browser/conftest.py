"""Playwright fixtures: a real headless Chromium against pytest-django's live server.

The browser is Debian's `/usr/bin/chromium` (or CHROMIUM_PATH), else the one `playwright install chromium`
fetched. Without any, the browser tests are skipped with a reason, except under CI=true where that fails.
"""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run
# inside one unless told that this is deliberate (the ORM calls here are the test's own setup).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Without these, Chromium keeps dialling Google's hosts, which a closed network refuses.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    """Debian's Chromium when present (or CHROMIUM_PATH); None means: let Playwright use its own."""
    configured = os.environ.get("CHROMIUM_PATH")
    if configured:
        return configured
    for candidate in ("/usr/bin/chromium", shutil.which("chromium") or ""):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI must run the browser tests, but {reason}")
    pytest.skip(f"browser tests not run: {reason}")


@pytest.fixture(scope="session")
def browser() -> Iterator:
    try:
        from playwright.sync_api import Error, expect, sync_playwright
    except ImportError:
        _unavailable("Playwright is not installed")
    # Two shared cores can be slow to answer: wait up to 15 s for what a reader would see.
    expect.set_options(timeout=15_000)
    with sync_playwright() as playwright:
        path = chromium_path()
        try:
            launched = playwright.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
        except Error as error:
            _unavailable(
                f"no Chromium could start ({str(error).splitlines()[0]}); install Debian's chromium "
                "or run `.venv/bin/playwright install chromium`"
            )
        yield launched
        launched.close()


@pytest.fixture
def page(browser, live_server) -> Iterator:
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
