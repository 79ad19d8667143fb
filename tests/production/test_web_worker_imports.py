"""A web worker loads the web application only: the NLP model libraries (Stanza and Torch, language
identification, article extraction) belong to ingestion, and importing them would cost every worker
hundreds of MB it never uses."""

import json
import os
import subprocess
import sys

from tests.conftest import REPO_DIR

# What a worker imports at start-up (the WSGI application, every URL's view) and in its first pages.
WORKER = """
import json, sys
import newsapp.wsgi
from django.urls import get_resolver
from django.test import Client

get_resolver().url_patterns  # every view module
client = Client()
for path in ["/", "/api/events", "/new-events/?since=0"]:
    client.get(path, HTTP_HX_REQUEST="true")
print(json.dumps(sorted(sys.modules)))
"""

MODEL_LIBRARIES = ("stanza", "torch", "lingua", "trafilatura", "transformers", "spacy")


def test_a_web_worker_imports_no_nlp_model_library(tmp_path):
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "newsapp.settings",
        "DEBUG": "true",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
        "ALLOWED_HOSTS": "testserver",
    }
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=REPO_DIR, env=env, check=True
    )
    done = subprocess.run(
        [sys.executable, "-c", WORKER], cwd=REPO_DIR, env=env, check=True, capture_output=True, text=True
    )
    modules = json.loads(done.stdout.strip().splitlines()[-1])
    top_level = {name.split(".")[0] for name in modules}

    assert "timeline.views" in modules  # the worker did load the application
    assert top_level.isdisjoint(MODEL_LIBRARIES), sorted(top_level & set(MODEL_LIBRARIES))
