"""Settings for the test suite: the real settings of a developer's machine (DEBUG on at import).

The test runner itself still runs every test with DEBUG off (as Django's test runner does), but the
deployment defaults that DEBUG off selects at import (HTTPS redirect, secure cookies, a required
SECRET_KEY) would make the test client and the browser tests' plain-HTTP live server unusable. The
production settings are tested in tests/foundation/test_settings.py, in fresh interpreters.
"""

import os

os.environ.setdefault("DEBUG", "true")

from newsapp.settings import *  # noqa: F403
