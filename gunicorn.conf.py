"""gunicorn settings for `make serve` (production serving; README "Serving in production").

Each worker is a process with a few threads: the timeline's requests are short and mostly wait on the
database, so threads share a worker's card index and rendered cards. Static files come from WhiteNoise
(collected by `make serve`). Environment: HOST, PORT, WEB_CONCURRENCY (workers, default 2), WEB_THREADS
(default 4), WEB_TIMEOUT (seconds, default 30).
"""

import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("WEB_THREADS", "4"))
worker_class = "gthread"
timeout = int(os.environ.get("WEB_TIMEOUT", "30"))
graceful_timeout = 20
# Each worker imports the app itself (no preload): nothing is shared across a fork, and a worker that is
# replaced starts clean.
preload_app = False
accesslog = os.environ.get("ACCESS_LOG", "-")
errorlog = "-"


def post_worker_init(worker) -> None:
    """Start building the worker's card index at once, in the background: the first requests are answered
    by the database meanwhile, none waits for it."""
    from timeline.index import start_building

    start_building()
