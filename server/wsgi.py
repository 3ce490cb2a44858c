"""Production serving with gunicorn: one process (it owns the store), many threads."""

from __future__ import annotations

from typing import Any

from gunicorn.app.base import BaseApplication

from conflict_kg.settings import Settings
from conflict_kg.store import serving
from conflict_kg.store.select import is_remote

ACCESS_LOG_FORMAT = '%(h)s "%(r)s" %(s)s %(B)s bytes %(M)sms'


class _Gunicorn(BaseApplication):  # type: ignore[misc]
    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        super().__init__()

    def load_config(self) -> None:
        s = self._settings
        options: dict[str, Any] = {
            "bind": f"{s.host}:{s.port}",
            "workers": 1,
            "threads": s.threads,
            # gthread, serving a kept-alive connection's next request on the
            # same thread when it follows at once (server/gunicorn_worker.py)
            "worker_class": "conflict_kg.server.gunicorn_worker.FollowUpThreadWorker",
            "accesslog": "-",
            "errorlog": "-",
            "access_log_format": ACCESS_LOG_FORMAT,
            "loglevel": s.log_level.lower(),
            "timeout": int(s.query_timeout) + 30,
            "graceful_timeout": 5,
            # Long GET queries: gunicorn's largest request line (default 4094).
            "limit_request_line": 8190,
        }
        # gunicorn >= 25.1 binds a control socket for `gunicornc`, by default one path
        # per user ($XDG_RUNTIME_DIR or ~/.gunicorn/gunicorn.ctl): every server of the
        # user binds the same socket, and one that stops removes it for the others.
        # The service is managed with signals, not gunicornc: no control socket.
        if "control_socket_disable" in self.cfg.settings:
            options["control_socket_disable"] = True
        for key, value in options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        # Imported here so the store is opened in the worker, never at import time.
        from conflict_kg.server import create_app, state

        app = create_app(self._settings)
        if self._settings.store != ":memory:":
            # A timed-out query stuck inside the store cannot be stopped from
            # Python: recycle this worker (gunicorn starts a fresh one that
            # reopens the on-disk store) rather than let it hold a core.
            state.of(app).runner.on_runaway = _recycle_worker
        state.of(app).search_index.warm_up()  # the first search need not wait for it
        return app


def _recycle_worker() -> None:
    import logging
    import os
    import signal

    logging.getLogger(__name__).error("recycling the worker process to end runaway queries")
    os.kill(os.getpid(), signal.SIGTERM)  # gunicorn: graceful worker shutdown


def serve(settings: Settings) -> None:
    url = f"http://{settings.host}:{settings.port}/"
    print(f"conflict-kg serving on {url} (Ctrl-C to stop)", flush=True)
    on_disk = settings.store != ":memory:" and not is_remote(settings.store)
    if on_disk:  # so that a command refused the locked store can name this server
        local = settings.host if settings.host not in ("0.0.0.0", "::", "") else "127.0.0.1"
        serving.mark(settings.store, f"http://{local}:{settings.port}/")
    try:
        _Gunicorn(settings).run()
    finally:
        if on_disk:
            serving.unmark(settings.store)
